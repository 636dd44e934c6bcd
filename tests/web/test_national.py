"""The national page at a glance, the findings list with its filters and exports, and stored findings (ADR 0032)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from sundhedsaftale.core.case import AppointingBody, Body, BodyKind, MemberRole, Membership
from sundhedsaftale.core.rules import finding_as_dict
from sundhedsaftale.governance.models import Membership as MembershipRow
from sundhedsaftale.governance.models import StoredFindings
from sundhedsaftale.governance.stored_findings import fingerprints, region_findings_plain
from sundhedsaftale.lawbook.actions import VerificationInput, change_verification_withdraw, change_verify
from sundhedsaftale.web.cases import case_import, case_snapshot, region_findings

pytestmark = [pytest.mark.django_db, pytest.mark.xdist_group("imported-demo-national")]

TODAY = dt.date(2026, 11, 23)
DAY = "2026-11-23"


@pytest.fixture
def demo(imported_demo, registry) -> None:
    """The national demo's cases on TODAY, imported once for the module (conftest)."""


@pytest.fixture(autouse=True)
def _empty_cache() -> None:
    cache.clear()


def _row(html: str, code: str) -> str:
    match = re.search(rf'<tr data-region="{code}".*?</tr>', html, re.S)
    assert match is not None, code
    return match.group(0)


def _cell(row: str, area: str) -> str:
    match = re.search(
        rf'<td class="matrix-cell[^"]*" data-area="{area}" data-worst="(\w+)">(.*?)</td>', row, re.S
    )
    assert match is not None, area
    return match.group(0)


def _text(fragment: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", fragment)).strip()


# --- At a glance ------------------------------------------------------------------------------------------


def test_matrix_sorts_regions_by_what_needs_attention_and_says_the_worst_finding_in_words(
    login, demo
) -> None:
    html = login("sst").get(f"/landet/?dato={DAY}").content.decode()
    matrix = html.split('id="at-a-glance"', 1)[1].split("</table>", 1)[0]
    order = re.findall(r'<tr data-region="(\d+)"', matrix)
    # Sjælland breaks binding requirements, Nordjylland misses one recommendation (afsnit 2.2.7), the rest none.
    assert order[:2] == ["1085", "1081"]
    assert sorted(order) == ["1081", "1082", "1083", "1084", "1085"]
    sjaelland = _row(matrix, "1085")
    composition = _cell(sjaelland, "composition")
    assert 'data-worst="broken"' in composition
    assert "matrix-cell--broken" in composition
    assert "3 krav brudt" in _text(composition)  # §§ 3 and 10 composition of three cluster levels
    assert "1 krav brudt" in _text(
        _cell(sjaelland, "meetings")
    )  # § 16, stk. 2: the committee met three times in 2025
    assert "1 krav brudt" in _text(_cell(sjaelland, "patients"))  # § 25, stk. 2: Ældre Sagen's seat is empty
    nordjylland = _cell(_row(matrix, "1081"), "composition")
    assert 'data-worst="advice"' in nordjylland
    assert "1 anbefaling ikke fulgt" in _text(nordjylland)
    quiet = _cell(_row(matrix, "1083"), "meetings")
    assert 'data-worst="none"' in quiet
    assert "Ingen mangler" in _text(quiet)


def test_each_number_links_to_its_findings_and_on_to_the_provision(login, demo) -> None:
    client = login("sst")
    html = client.get(f"/landet/?dato={DAY}").content.decode()
    meetings = _cell(_row(html, "1085"), "meetings")
    (href,) = re.findall(r'href="([^"]+)" data-weight="broken"', meetings)
    href = href.replace("&amp;", "&")
    assert href.startswith("/regioner/1085/fund/?")
    listed = client.get(href).content.decode()
    rules = re.findall(
        r'<article class="card finding[^"]*" data-rule="([^"]+)" data-status="([^"]+)"', listed
    )
    assert rules == [
        ("udvalg.moeder", "not_met")
    ]  # § 16, stk. 2: the committee meets at least four times a year
    assert 'href="/lov/bek-1248-2022/sec_16__subsec_2/"' in listed


def test_each_region_shows_its_agreements_stage_and_next_legal_deadline(login, demo) -> None:
    row = _row(login("sst").get(f"/landet/?dato={DAY}").content.decode(), "1085")
    stages = re.findall(r'data-stage="(\w+)"', row)
    assert "approved" in stages  # Sundhedsaftale 2024–2027, approved by Sundhedsstyrelsen
    assert len(stages) == 2  # and the draft for the next period
    deadline = re.search(r'<div data-deadline="[^"]+"><strong>(\d{4}-\d\d-\d\d)</strong>', row)
    assert deadline is not None
    assert deadline.group(1) >= DAY
    assert 'href="/regioner/1085/frister/?dato=2026-11-23"' in row


def test_trend_is_an_accessible_svg_with_the_same_figures_as_a_table(login, demo) -> None:
    html = login("sst").get(f"/landet/?dato={DAY}").content.decode()
    trend = html.split('id="trend"', 1)[1]
    assert re.search(r'<svg [^>]*role="img" aria-labelledby="trend-title trend-desc"', trend)
    desc = re.search(r'<desc id="trend-desc">(.*?)</desc>', trend, re.S)
    assert desc is not None
    assert "5 krav brudt" in desc.group(1)
    days = re.findall(r'<tr data-on="([\d-]+)">', trend)
    assert days == ["2024-12-31", "2025-03-31", "2025-06-30", "2025-09-30", "2025-12-31", "2026-03-31",
                    "2026-06-30", "2026-09-30", DAY]  # fmt: skip
    today = re.search(rf'<tr data-on="{DAY}">.*?data-broken="(\d+)"', trend, re.S)
    assert today is not None
    assert today.group(1) == "5"
    assert "<script" not in trend.split("</section>", 1)[0]


# --- Stored findings ------------------------------------------------------------------------------------


def test_stored_findings_are_exactly_the_rulebooks_findings(demo) -> None:
    for code in ("1081", "1085"):
        stored = [{k: v for k, v in f.items() if k != "area"} for f in region_findings_plain(code, TODAY)]
        assert stored == [finding_as_dict(f) for f in region_findings(code, TODAY)]


def test_ending_a_membership_shows_on_the_national_page_at_once(login, demo) -> None:
    """§ 10, stk. 1, nr. 3: the professional level has a general practitioner; ending the only one breaks it."""
    client = login("sjaelland")
    body = "sjaelland-holbaek-professional"
    before = client.get(f"/landet/?dato={DAY}").content.decode()
    assert f'data-rule="klynge.faglig.almen-praksis" data-subject="{body}"' not in before
    assert "3 krav brudt" in _text(_cell(_row(before, "1085"), "composition"))
    gp = MembershipRow.objects.filter(body__key=body, role="general_practitioner", end__isnull=True).order_by(
        "key"
    )[0]
    # Ending the seat breaks a requirement: confirmed after the page's warning (ADR 0039).
    ended = client.post(
        f"/medlemskaber/{gp.pk}/afslut/", {"end": "2026-06-30", "version": gp.version, "gem_alligevel": "1"}
    )
    assert ended.status_code == 302
    after = client.get(f"/landet/?dato={DAY}").content.decode()
    assert f'data-rule="klynge.faglig.almen-praksis" data-subject="{body}"' in after
    assert "4 krav brudt" in _text(_cell(_row(after, "1085"), "composition"))
    # Only Sjælland's rows were computed again; a row under an older fingerprint is gone.
    assert StoredFindings.objects.filter(region_id="1085").values("fingerprint").distinct().count() == 1


def _working_groups(count: int) -> None:
    """Region Sjælland with ``count`` more working groups under the committee, each with members."""
    base = case_snapshot("1085")
    groups = tuple(
        Body(
            id=f"1085-wg-{n}",
            kind=BodyKind.WORKING_GROUP,
            name=f"Arbejdsgruppe {n}",
            parent_body_id="1085-committee",
            patient_committee_invited=True,
            memberships=tuple(
                Membership(
                    id=f"1085-wg-{n}-m{k}",
                    person_id=f"1085-wg-{n}-p{k}",
                    name=f"Medlem {n}.{k}",
                    role=MemberRole.REGIONAL_REPRESENTATIVE,
                    appointed_by=AppointingBody.REGIONAL_COUNCIL,
                    start=dt.date(2026, 1, 1),
                )
                for k in range(3)
            ),
        )
        for n in range(count)
    )
    case_import(case=base.model_copy(update={"bodies": (*base.bodies, *groups)}), actor=None, system=True)


def _queries(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(f"/landet/?dato={DAY}").status_code == 200
    return len(queries)


def test_national_page_reads_stored_findings_with_a_fixed_number_of_queries(login, demo) -> None:
    client = login("sst")
    client.get(f"/landet/?dato={DAY}")  # computes and stores every region's findings
    cache.clear()
    small = _queries(client)
    cached = _queries(client)  # the rendered page is kept for the same state of the record
    _working_groups(30)
    client.get(f"/landet/?dato={DAY}")  # Sjælland changed: its findings are computed again
    cache.clear()
    assert _queries(client) == small
    assert _queries(client) == cached
    # session, user, regions with fingerprints, verified legal changes, stored rows twice, clusters, bodies, and
    # the regions of the 2027 structure named below the matrix
    assert small <= 9
    assert cached <= 5  # session, user, regions with fingerprints, verified legal changes, 2027 regions


# --- The findings list ----------------------------------------------------------------------------------


def _listed(html: str) -> list[tuple[str, str]]:
    return re.findall(r'<article class="card finding[^"]*" data-rule="([^"]+)" data-status="([^"]+)"', html)


def _count(html: str) -> tuple[int, int]:
    match = re.search(r'id="findings-count" data-count="(\d+)" data-total="(\d+)"', html)
    assert match is not None
    return int(match.group(1)), int(match.group(2))


def test_findings_list_shows_only_what_needs_action_by_default(login, demo) -> None:
    client = login("sjaelland")
    html = client.get(f"/regioner/1085/fund/?dato={DAY}").content.decode()
    count, total = _count(html)
    assert {s for _, s in _listed(html)} <= {"not_met", "needs_judgement"}
    assert count == 10
    assert total > 100
    every = client.get(f"/regioner/1085/fund/?dato={DAY}&status=alle").content.decode()
    assert _count(every) == (total, total)
    assert len(_listed(every)) == 25  # a page
    assert "side=2" in every
    second = client.get(f"/regioner/1085/fund/?dato={DAY}&status=alle&side=2").content.decode()
    assert set(_listed(second)).isdisjoint(_listed(every))


def test_findings_list_filters_by_kind_body_provision_and_region(login, demo) -> None:
    client = login("sst")
    base = f"/landet/fund/?dato={DAY}"
    requirements = client.get(f"{base}&art=krav").content.decode()
    assert _count(requirements)[0] == 5
    body = client.get(f"{base}&organ=1085-committee&status=alle").content.decode()
    assert len(set(re.findall(r'<span class="finding-subject">([^<]+)', body))) == 1  # the committee only
    assert ("udvalg.moeder", "not_met") in _listed(body)
    assert "pi-udvalg.sammensaetning" not in dict(_listed(body))
    provision = client.get(f"{base}&hjemmel=bek-1248-2022/sec_25__subsec_2").content.decode()
    assert dict(_listed(provision)) == {"pi-udvalg.sammensaetning": "not_met"}
    nordjylland = client.get(f"{base}&region=1081").content.decode()
    assert re.findall(r'<div data-region="(\d+)"', nordjylland) == ["1081"]
    assert dict(_listed(nordjylland)) == {"udvalg.borgmester-er-klyngeformand": "not_met"}


def test_an_unknown_filter_value_is_named_and_nothing_else_changes(login, demo) -> None:
    html = login("sst").get(f"/landet/fund/?dato={DAY}&status=bogus").content.decode()
    assert "status: &#x27;bogus&#x27; er ikke en af" in html
    assert {s for _, s in _listed(html)} <= {"not_met", "needs_judgement"}
    region = login("sst").get(f"/landet/fund/?dato={DAY}&region=9999").content.decode()
    assert "region: &#x27;9999&#x27; er ikke en af" in region
    export = login("sst").get(f"/regioner/1085/fund/?dato={DAY}&art=bogus&format=csv")
    assert export.status_code == 400
    assert "art: 'bogus' er ikke en af" in export.content.decode()


def test_findings_export_as_csv_and_xlsx_has_the_filtered_rows(login, demo) -> None:
    client = login("sjaelland")
    url = f"/regioner/1085/fund/?dato={DAY}&art=krav"
    response = client.get(url + "&format=csv")
    assert response["Content-Type"].startswith("text/csv")
    assert 'filename="fund-1085-2026-11-23.csv"' in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:5] == ["Region", "Område", "Status", "Art", "Regel"]
    assert sorted(r[4] for r in rows[1:]) == sorted(
        ["klynge.faglig.almen-praksis", "klynge.faglig.region", "klynge.politisk.borgmestre", "udvalg.moeder",
         "pi-udvalg.sammensaetning"]
    )  # fmt: skip
    book = load_workbook(io.BytesIO(client.get(url + "&format=xlsx").content))
    sheet = book["Fund"]
    assert [c.value for c in sheet[1]][:5] == rows[0][:5]
    assert sheet.max_row == len(rows)


def test_region_page_shows_what_needs_action_first_and_everything_on_request(login, demo) -> None:
    client = login("sjaelland")
    default = client.get(f"/regioner/1085/?dato={DAY}").content.decode()
    statuses = set(
        re.findall(r'<article class="card finding[^"]*" data-rule="[^"]+" data-status="([^"]+)"', default)
    )
    assert statuses == {"not_met", "needs_judgement"}
    assert 'href="/regioner/1085/fund/?dato=2026-11-23"' in default
    every = client.get(f"/regioner/1085/?dato={DAY}&alle=1").content.decode()
    assert "met" in set(re.findall(r'data-status="(\w+)"', every))


def test_findings_lists_need_sign_in(client, demo) -> None:
    for url in ("/landet/fund/", "/regioner/1085/fund/", "/regioner/1085/fund/?format=csv"):
        assert client.get(url).status_code == 302, url


# --- The same filters in the API -------------------------------------------------------------------------


def test_api_filters_findings_as_the_list_does_and_pages_them(login, demo) -> None:
    client = login("sst")
    url = f"/api/v1/regions/1085/findings?at={DAY}"
    everything = client.get(url).json()
    assert everything["matched"] == everything["summary"]["total"] == len(everything["findings"])
    action = client.get(url + "&needs_action=true").json()
    assert action["matched"] == 10
    assert {f["status"] for f in action["findings"]} == {"not_met", "needs_judgement"}
    assert action["summary"] == everything["summary"]  # the counts are of every finding
    broken = client.get(url + "&status=not_met&kind=krav&area=composition").json()
    assert sorted(f["rule_id"] for f in broken["findings"]) == [
        "klynge.faglig.almen-praksis",
        "klynge.faglig.region",
        "klynge.politisk.borgmestre",
    ]
    provision = client.get(url + "&provision=bek-1248-2022/sec_25__subsec_2&status=not_met").json()
    assert [f["rule_id"] for f in provision["findings"]] == ["pi-udvalg.sammensaetning"]
    body = client.get(url + "&subject=1085-committee").json()
    assert {f["subject_id"] for f in body["findings"]} == {"1085-committee"}
    page = client.get(url + "&status=met&limit=5&offset=5").json()
    assert len(page["findings"]) == 5
    assert page["matched"] > 10


def test_api_refuses_an_unknown_filter_value_naming_it(login, demo) -> None:
    response = login("sst").get(f"/api/v1/regions/1085/findings?at={DAY}&status=bogus")
    assert response.status_code == 422
    assert "status" in response.content.decode()


def test_the_kept_national_page_is_kept_per_language(login, demo) -> None:
    client = login("sst")
    danish = client.get(f"/landet/?dato={DAY}", HTTP_ACCEPT_LANGUAGE="da").content.decode()
    english = client.get(f"/landet/?dato={DAY}", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Overblik pr. region og område" in danish
    assert "Overview by region and area" in english
    assert "3 requirements not met" in _text(_cell(_row(english, "1085"), "composition"))


def test_a_verified_legal_change_is_a_new_state_for_the_stored_findings(demo, users) -> None:
    """Verifying a legal change ends rules in every region (ADR 0026), so no stored finding may outlive it."""
    before = fingerprints(["1085", "1081"])
    change_verify(
        actor=users["admin"],
        data=VerificationInput(change_id="l214-2025", verified_against="Retsinformation"),
    )
    after = fingerprints(["1085", "1081"])
    assert all(before[code] != after[code] for code in before)


def test_a_withdrawn_verification_makes_the_findings_stored_under_it_stale(demo, users) -> None:
    """Withdrawing the verification (ADR 0052) takes its ends back in every region: the findings stored while it
    stood no longer count, and the state before it is the state again."""
    before = fingerprints(["1085", "1081"])
    change_verify(
        actor=users["admin"],
        data=VerificationInput(change_id="l214-2025", verified_against="Retsinformation"),
    )
    verified = fingerprints(["1085", "1081"])
    change_verification_withdraw(actor=users["admin"], change_id="l214-2025", reason="Forkert kilde.")
    withdrawn = fingerprints(["1085", "1081"])
    assert all(withdrawn[code] != verified[code] for code in before)
    assert withdrawn == before


def test_the_national_page_from_2027_shows_the_regions_of_that_day(login, demo) -> None:
    """Five regions hold a case before 1 January 2027; from then Region Østdanmark is named, without findings."""
    client = login("sst")
    before = client.get("/landet/?dato=2026-12-31").content.decode()
    after = client.get("/landet/?dato=2027-01-02").content.decode()
    assert "Region Sjælland" in before
    assert "Region Østdanmark" not in before
    assert "Region Østdanmark hører til strukturen fra 2027" in after
    assert "/regioner/1085/fund/" not in after
