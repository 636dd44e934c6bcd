"""The compliance overview: a body, a cluster, a region and the whole country show where they fall short and why."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from sundhedsaftale.core.case import AppointingBody, Body, BodyKind, MemberRole, Membership, Relevance
from sundhedsaftale.demo import build_national_demo
from sundhedsaftale.governance.snapshot import national_cases
from sundhedsaftale.web.cases import case_import, case_snapshot
from sundhedsaftale.web.platform import platform

pytestmark = [pytest.mark.django_db, pytest.mark.xdist_group("imported-demo-overview")]

TODAY = dt.date(2026, 11, 23)
DAY = "2026-11-23"
DEMO_BROKEN = {
    ("klynge.faglig.almen-praksis", "sjaelland-koege-professional"),
    ("klynge.faglig.region", "sjaelland-slagelse-professional"),
    ("klynge.politisk.borgmestre", "sjaelland-holbaek-political"),
    ("udvalg.moeder", "1085-committee"),
    ("pi-udvalg.sammensaetning", "1085-patient-committee"),
}


@pytest.fixture
def demo(imported_demo, registry) -> None:
    """The national demo's cases on TODAY, imported once for the module (conftest)."""


def _articles(html: str) -> dict[str, str]:
    """Finding cards by rule id: their status."""
    return dict(
        re.findall(r'<article class="card finding[^"]*" data-rule="([^"]+)" data-status="([^"]+)"', html)
    )


def _section(html: str, element_id: str) -> str:
    match = re.search(rf'<section[^>]*id="{re.escape(element_id)}".*?</section>', html, re.S)
    assert match is not None, element_id
    return match.group(0)


# --- The country ------------------------------------------------------------------------------------------


def test_country_page_shows_the_demo_regions_five_broken_requirements(login, demo) -> None:
    html = login("sjaelland").get(f"/landet/?dato={DAY}").content.decode()
    region = _section(html, "region-1085")
    shown = set(
        re.findall(r'<li class="mb-4" data-rule="([^"]+)" data-subject="([^"]+)" data-kind="krav"', region)
    )
    assert shown == DEMO_BROKEN
    total = re.search(r'<tr class="region-total".*?<td class="broken"><strong>(\d+)</strong>', region, re.S)
    assert total is not None
    assert total.group(1) == "5"
    # Every other region meets every binding requirement; Nordjylland misses one recommendation (2.2.7).
    for code in ("1081", "1082", "1083", "1084"):
        other = _section(html, f"region-{code}")
        assert 'data-kind="krav"' not in other, code
    assert 'data-rule="udvalg.borgmester-er-klyngeformand"' in _section(html, "region-1081")


def test_country_page_counts_per_cluster_and_body_and_links_down(login, demo) -> None:
    html = login("sjaelland").get(f"/landet/?dato={DAY}").content.decode()
    region = _section(html, "region-1085")

    def broken(subject: str) -> int:
        row = re.search(rf'<tr class="[^"]*" data-subject="{re.escape(subject)}">.*?</tr>', region, re.S)
        assert row is not None, subject
        cell = re.search(r'<td class="broken">(\d+)</td>', row.group(0))
        assert cell is not None
        return int(cell.group(1))

    assert broken("sjaelland-koege") == 1
    assert broken("sjaelland-koege-professional") == 1
    # Met by the parties' recorded decision: the detail lists only clusters and bodies with open findings.
    assert 'data-subject="sjaelland-koege-political"' not in region
    assert broken("sjaelland-holbaek") == 1
    assert broken("1085-committee") == 1
    assert broken("1085-patient-committee") == 1
    assert f'href="/klynger/sjaelland-koege/?dato={DAY}"' in region
    assert f'href="/organer/sjaelland-koege-professional/?dato={DAY}"' in region
    assert f'href="/regioner/1085/?dato={DAY}"' in region


def test_country_api_summarises_every_region_and_lists_what_is_not_met(login, demo) -> None:
    data = login("sjaelland").get(f"/api/v1/country/findings?at={DAY}").json()
    assert data["evaluated_on"] == DAY
    regions = {r["code"]: r for r in data["regions"]}
    assert sorted(regions) == ["1081", "1082", "1083", "1084", "1085"]
    assert regions["1085"]["summary"]["requirements_broken"] == 5
    assert data["summary"]["requirements_broken"] == 5
    # Nordjylland's one recommendation, and Sundhedsstyrelsen's advice on Sjælland's agreements (demo data).
    assert data["summary"]["advice_not_followed"] == 5
    assert regions["1081"]["summary"]["advice_not_followed"] == 1
    clusters = {c["id"]: c for r in data["regions"] for c in r["clusters"]}
    assert len(clusters) == 22
    assert clusters["sjaelland-slagelse"]["summary"]["requirements_broken"] == 1
    levels = {b["key"]: b for b in clusters["sjaelland-slagelse"]["bodies"]}
    assert levels["sjaelland-slagelse-professional"]["summary"]["requirements_broken"] == 1
    assert {f["status"] for f in data["findings"]} == {"not_met"}
    broken = {(f["rule_id"], f["subject_id"]) for f in data["findings"] if f["kind"] == "krav"}
    assert broken == DEMO_BROKEN


def _unordered(value):  # type: ignore[no-untyped-def]
    """Lists compared as multisets: the database does not promise the case file's order. The records' versions,
    which only the database has, are left out."""
    if isinstance(value, dict):
        return {k: _unordered(v) for k, v in value.items() if k != "version"}
    if isinstance(value, list):
        return sorted((_unordered(v) for v in value), key=repr)
    return value


def test_the_database_gives_back_every_imported_case_without_loss(demo) -> None:
    cases = national_cases()
    assert sorted(cases) == ["1081", "1082", "1083", "1084", "1085"]
    for imported in build_national_demo(platform().reference, today=TODAY):
        code = imported.region.code
        assert _unordered(cases[code].model_dump(mode="json")) == _unordered(
            imported.model_dump(mode="json")
        ), code
        assert case_snapshot(code) == cases[code]


def test_country_page_needs_login(client, demo) -> None:
    assert client.get("/landet/").status_code == 302
    assert client.get("/api/v1/country/findings").status_code == 401


# --- A cluster --------------------------------------------------------------------------------------------


def test_cluster_page_shows_both_levels_their_findings_municipalities_and_hospital(login, demo) -> None:
    html = login("sjaelland").get(f"/klynger/sjaelland-slagelse/?dato={DAY}").content.decode()
    assert "<h1>Sundhedsklyngen Slagelse</h1>" in html or "Slagelse" in re.search(
        r"<h1>(.*?)</h1>", html
    ).group(1)
    assert "Slagelse Sygehus" in re.search(r'<dd id="acute-hospital">(.*?)</dd>', html).group(1)
    municipalities = re.search(r'<dd id="municipalities">(.*?)</dd>', html).group(1)
    assert "Næstved" in municipalities
    professional = _section(html, "subject-sjaelland-slagelse-professional")
    political = _section(html, "subject-sjaelland-slagelse-political")
    assert _articles(professional)["klynge.faglig.region"] == "not_met"
    assert (
        _articles(political)["klynge.politisk.borgmestre"] == "met"
    )  # Næstved's council decided (§ 3, stk. 2)
    assert "klynge.faglig.region" not in _articles(political)
    assert f'href="/organer/sjaelland-slagelse-professional/?dato={DAY}"' in professional
    assert f'href="/landet/?dato={DAY}"' in html


def test_cluster_api_has_the_cluster_its_levels_and_nothing_else(login, demo) -> None:
    response = login("sjaelland").get(f"/api/v1/clusters/sjaelland-koege/findings?at={DAY}")
    data = response.json()
    assert response.status_code == 200
    assert {f["subject_id"] for f in data["findings"]} == {
        "sjaelland-koege",
        "sjaelland-koege-political",
        "sjaelland-koege-professional",
    }
    assert data["summary"]["requirements_broken"] == 1
    gp = [f for f in data["findings"] if f["rule_id"] == "klynge.politisk.almen-praksis"]
    assert [f["status"] for f in gp] == ["met"]
    assert "Lokal beslutning anvendt" in gp[0]["explanation"]
    assert login("sjaelland").get("/api/v1/clusters/nowhere/findings").status_code == 404


# --- A body -----------------------------------------------------------------------------------------------


def test_body_page_shows_only_its_own_findings_and_members_by_role(login, demo) -> None:
    html = login("sjaelland").get(f"/organer/1085-patient-committee/?dato={DAY}").content.decode()
    findings = _articles(html)
    assert findings["pi-udvalg.sammensaetning"] == "not_met"
    assert all(rule.startswith("pi-udvalg.") for rule in findings), findings
    assert re.search(r'<ul class="finding-list nobullet-list"[^>]*>\s*<li>\s*<article', html)
    roles = re.findall(r'<section class="member-group" data-role="([^"]+)"', html)
    assert roles == ["patient_representative"]
    # Ældre Sagen's seat is vacant in the current period: its appointee is among the ended memberships.
    others = re.search(r'<details class="details" id="other-memberships">.*?</details>', html, re.S).group(0)
    assert "Ældre Sagen" in others
    substitutes = re.search(r'<details class="details" id="substitutes">.*?</details>', html, re.S).group(0)
    assert "Stedfortræder" in substitutes
    assert 'href="/organer/1085-patient-committee/moeder/"' in html
    assert f'href="/landet/?dato={DAY}"' in html


def test_body_page_on_an_earlier_date_shows_the_members_then(login, demo) -> None:
    earlier = login("sjaelland").get("/organer/1085-patient-committee/?dato=2024-06-01").content.decode()
    assert _articles(earlier)["pi-udvalg.sammensaetning"] == "met"
    assert re.search(r"<h2 id=\"members\">8 medlemmer den", earlier)


def test_body_findings_api_filters_on_the_body(login, demo) -> None:
    data = login("sjaelland").get(f"/api/v1/bodies/1085-committee/findings?at={DAY}").json()
    assert {f["subject_id"] for f in data["findings"]} == {"1085-committee"}
    moeder = [f for f in data["findings"] if f["rule_id"] == "udvalg.moeder" and f["status"] == "not_met"]
    assert len(moeder) == 1
    assert "2025" in moeder[0]["explanation"]
    assert data["summary"]["requirements_broken"] == 1


def test_body_api_lists_members_on_a_date(login, demo) -> None:
    data = login("sjaelland").get(f"/api/v1/bodies/1085-patient-committee?at={DAY}").json()
    assert data["kind"] == "patient_committee"
    assert len(data["members"]) == 7  # Ældre Sagen's seat is vacant
    assert {m["appointed_by"] for m in data["substitutes"]} <= {
        "danske_patienter",
        "danske_handicaporganisationer",
    }
    assert all(m["substitute"] for m in data["substitutes"])
    assert data["meetings_url"] == "/organer/1085-patient-committee/moeder/"
    assert login("sjaelland").get("/api/v1/bodies/nope").status_code == 404


# --- Data set up here ------------------------------------------------------------------------------------


def _seat(n: int, role: MemberRole, by: AppointingBody, **extra) -> Membership:
    return Membership(
        id=f"x{n}",
        person_id=f"x-p{n}",
        name=f"Medlem {n}",
        role=role,
        appointed_by=by,
        start=dt.date(2026, 1, 1),
        **extra,
    )


@pytest.fixture
def small(registry) -> None:
    """Region Sjælland with one professional level (Køge) and a working group under it, not inviting (§ 30, stk. 3)."""
    base = case_snapshot("1085")
    cluster = next(c for c in base.clusters if c.id == "sjaelland-koege")
    level = Body(
        id="koege-professional",
        kind=BodyKind.PROFESSIONAL_LEVEL,
        name="Køge – fagligt niveau",
        cluster_id=cluster.id,
        memberships=(
            _seat(1, MemberRole.REGIONAL_REPRESENTATIVE, AppointingBody.REGIONAL_COUNCIL, chair=True),
            _seat(2, MemberRole.GENERAL_PRACTITIONER, AppointingBody.PLO),
            _seat(3, MemberRole.GENERAL_PRACTITIONER, AppointingBody.PLO),
            _seat(4, MemberRole.EXPERT, AppointingBody.REGIONAL_COUNCIL),
        ),
    )
    group = Body(
        id="koege-group",
        kind=BodyKind.WORKING_GROUP,
        name="Arbejdsgruppe om overgange",
        parent_body_id=level.id,
        patient_committee_relevance=Relevance.RELEVANT,
        memberships=(_seat(5, MemberRole.OTHER, AppointingBody.REGIONAL_COUNCIL),),
    )
    case_import(case=base.model_copy(update={"bodies": (level, group)}), actor=None, system=True)


def test_body_page_for_data_set_up_here(login, small) -> None:
    html = login("sjaelland").get(f"/organer/koege-professional/?dato={DAY}").content.decode()
    findings = _articles(html)
    assert findings["klynge.faglig.almen-praksis"] == "met"
    assert findings["klynge.faglig.region"] == "not_met"  # one regional representative, not three
    assert findings["klynge.faglig.kommuner"] == "not_met"
    assert re.findall(r'<section class="member-group" data-role="([^"]+)"', html) == [
        "regional_representative",
        "general_practitioner",
        "expert",
    ]
    assert 'data-body="koege-group"' in html
    assert "patientinddragelsesudvalget ikke inviteret" in html


def test_working_group_page_shows_the_clusters_requirement_about_it(login, small) -> None:
    html = login("sjaelland").get(f"/organer/koege-group/?dato={DAY}").content.decode()
    assert _articles(html) == {"klynge.arbejdsgrupper.patienter": "not_met"}
    assert 'id="related-heading"' in html
    assert 'href="/klynger/sjaelland-koege/' in html


def test_cluster_page_and_api_for_data_set_up_here(login, small) -> None:
    client = login("sjaelland")
    html = client.get(f"/klynger/sjaelland-koege/?dato={DAY}").content.decode()
    # The cluster's own findings: the working group judged relevant lacks an invitation (§ 30, stk. 3), and only
    # the professional-strategic level is set up here, so the political level is missing (§ 2, stk. 1).
    assert _articles(_section(html, "subject-sjaelland-koege")) == {
        "klynge.arbejdsgrupper.patienter": "not_met",
        "klynge.politisk.findes": "not_met",
        "klynge.faglig.findes": "met",
    }
    assert 'data-body="koege-group"' in _section(html, "subject-koege-professional")
    data = client.get(f"/api/v1/clusters/sjaelland-koege/findings?at={DAY}").json()
    assert {f["subject_id"] for f in data["findings"]} == {"sjaelland-koege", "koege-professional"}
    country = client.get(f"/api/v1/country/findings?at={DAY}").json()
    (region,) = [r for r in country["regions"] if r["code"] == "1085"]
    (koege,) = [c for c in region["clusters"] if c["id"] == "sjaelland-koege"]
    (level,) = koege["bodies"]
    assert level["key"] == "koege-professional"
    assert [c["key"] for c in level["children"]] == ["koege-group"]
    assert koege["summary"]["requirements_broken"] == level["summary"]["requirements_broken"] + 2
