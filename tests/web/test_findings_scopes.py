"""The findings of a cluster and of a body as lists you can work with, and the country's findings in the API with
the region's filters: all read from the stored findings (ADR 0032)."""

from __future__ import annotations

import csv
import io
import re
from dataclasses import replace

import pytest
from openpyxl import load_workbook

from sundhedsaftale.core.rules import Rulebook, finding_as_dict
from sundhedsaftale.governance.models import Body, Meeting
from sundhedsaftale.governance.stored_findings import fingerprints, region_findings_plain
from sundhedsaftale.registry.actions import sync_reference_data
from sundhedsaftale.web.cases import region_findings
from sundhedsaftale.web.platform import platform

from .test_national import DAY, TODAY, _count, _listed, demo  # noqa: F401  (demo: the fixture)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo")]

CLUSTER = "sjaelland-holbaek"
COMMITTEE = "1085-committee"


def _cluster_subjects() -> set[str]:
    return {
        b.key
        for b in Body.objects.select_related("parent")
        if b.cluster_id == CLUSTER or (b.parent is not None and b.parent.cluster_id == CLUSTER)
    }


def _in_cluster(f: dict) -> bool:
    if f["subject_kind"] == "cluster":
        return f["subject_id"] == CLUSTER
    return f["subject_kind"] not in ("region", "agreement") and f["subject_id"] in _cluster_subjects()


def test_cluster_findings_list_holds_the_cluster_and_its_bodies_findings_needing_action_first(login) -> None:
    expected = [f for f in region_findings_plain("1085", TODAY) if _in_cluster(f)]
    client = login("klynge")
    default = client.get(f"/klynger/{CLUSTER}/fund/?dato={DAY}").content.decode()
    open_ones = [f for f in expected if f["status"] in ("not_met", "needs_judgement")]
    assert _count(default) == (len(open_ones), len(expected))
    assert {s for _, s in _listed(default)} <= {"not_met", "needs_judgement"}
    every = client.get(f"/klynger/{CLUSTER}/fund/?dato={DAY}&status=alle").content.decode()
    assert _count(every) == (len(expected), len(expected))
    broken = client.get(f"/klynger/{CLUSTER}/fund/?dato={DAY}&status=not_met&art=krav").content.decode()
    assert sorted(r for r, _ in _listed(broken)) == sorted(
        f["rule_id"] for f in expected if f["status"] == "not_met" and f["kind"] == "krav"
    )


def test_body_findings_list_filters_the_bodys_own_findings(login) -> None:
    client = login("sjaelland")
    every = client.get(f"/organer/{COMMITTEE}/fund/?dato={DAY}&status=alle").content.decode()
    own = [f for f in region_findings_plain("1085", TODAY) if f["subject_id"] == COMMITTEE]
    assert _count(every)[0] == len(own)
    assert set(re.findall(r'<span class="finding-subject">([^<]+)', every)) == {own[0]["subject_name"]}
    assert ("udvalg.moeder", "not_met") in _listed(every)  # § 17: the committee met too seldom
    meetings = client.get(
        f"/organer/{COMMITTEE}/fund/?dato={DAY}&status=alle&omraade=meetings"
    ).content.decode()
    assert set(re.findall(r'<div data-region="1085" data-area="(\w+)">', meetings)) == {"meetings"}
    unknown = client.get(f"/organer/{COMMITTEE}/fund/?dato={DAY}&art=bogus").content.decode()
    assert "art: &#x27;bogus&#x27; er ikke en af" in unknown
    assert client.get(f"/organer/ukendt/fund/?dato={DAY}").status_code == 404


def test_cluster_and_body_findings_export_the_filtered_rows(login) -> None:
    client = login("sjaelland")
    url = f"/klynger/{CLUSTER}/fund/?dato={DAY}&status=alle"
    response = client.get(url + "&format=csv")
    assert f'filename="fund-{CLUSTER}-2026-11-23.csv"' in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert len(rows) - 1 == _count(client.get(url).content.decode())[0]
    book = load_workbook(io.BytesIO(client.get(f"/organer/{COMMITTEE}/fund/?dato={DAY}&format=xlsx").content))
    body_rows = _count(client.get(f"/organer/{COMMITTEE}/fund/?dato={DAY}").content.decode())[0]
    assert book["Fund"].max_row - 1 == body_rows


def test_cluster_and_body_pages_read_stored_findings(login, monkeypatch) -> None:
    client = login("sjaelland")
    assert (
        client.get(f"/klynger/{CLUSTER}/?dato={DAY}").status_code == 200
    )  # stores 1085's findings on the day

    def evaluate(*args: object, **kwargs: object) -> None:
        raise AssertionError("the page evaluated the rulebook although the stored findings are current")

    monkeypatch.setattr(Rulebook, "evaluate", evaluate)
    cluster = client.get(f"/klynger/{CLUSTER}/?dato={DAY}")
    assert cluster.status_code == 200
    assert f'href="/klynger/{CLUSTER}/fund/?dato={DAY}"' in cluster.content.decode()
    body = client.get(f"/organer/{COMMITTEE}/?dato={DAY}")
    assert body.status_code == 200
    assert "udvalg.moeder" in body.content.decode()
    assert f'href="/organer/{COMMITTEE}/fund/?dato={DAY}"' in body.content.decode()


def test_api_country_findings_takes_the_regions_filters(login) -> None:
    client = login("sst")
    url = f"/api/v1/country/findings?at={DAY}"
    default = client.get(url).json()
    assert {f["status"] for f in default["findings"]} == {"not_met"}  # as before: what is not met
    assert default["matched"] == len(default["findings"])
    action = client.get(url + "&needs_action=true").json()
    assert {f["status"] for f in action["findings"]} == {"not_met", "needs_judgement"}
    nordjylland = client.get(url + "&region=1081").json()
    assert {f["region_code"] for f in nordjylland["findings"]} == {"1081"}
    assert [f["rule_id"] for f in nordjylland["findings"]] == ["udvalg.borgmester-er-klyngeformand"]
    assert nordjylland["summary"] == default["summary"]  # the counts are of the whole country
    requirements = client.get(url + "&kind=krav&status=not_met").json()
    assert requirements["matched"] == 5
    body = client.get(url + f"&subject={COMMITTEE}&status=not_met").json()
    assert [f["rule_id"] for f in body["findings"]] == ["udvalg.moeder"]
    provision = client.get(url + "&provision=bek-1248-2022/sec_25__subsec_2").json()
    assert [f["rule_id"] for f in provision["findings"]] == ["pi-udvalg.sammensaetning"]
    met = client.get(url + "&status=met&area=composition&limit=5&offset=5").json()
    assert len(met["findings"]) == 5
    assert met["matched"] > 10
    refused = client.get(url + "&region=9999")
    assert refused.status_code == 422
    assert "region: '9999' er ikke en af" in refused.json()["detail"]


# --- Freshness: a write that changes what a region's case reads bumps its fingerprint -----------------------


def test_a_clusters_municipalities_changed_by_the_reference_data_are_seen_at_once() -> None:
    """§ 1, stk. 1 and § 3, stk. 1, nr. 2: the cluster's participating municipalities are reference data; a change
    synced from the files is a new state of the region's record, not only of the files."""
    reference = platform().reference
    before = fingerprints(["1084", "1085"])
    stale = region_findings_plain("1085", TODAY)  # stored now
    cluster = reference.clusters[CLUSTER]
    smaller = replace(cluster, municipality_codes=cluster.municipality_codes[:-1])
    sync_reference_data(replace(reference, clusters={**reference.clusters, CLUSTER: smaller}))
    after = fingerprints(["1084", "1085"])
    assert after["1085"] != before["1085"]
    assert after["1084"] == before["1084"]  # another region's stored findings stay current
    fresh = [{k: v for k, v in f.items() if k != "area"} for f in region_findings_plain("1085", TODAY)]
    assert fresh == [finding_as_dict(f) for f in region_findings("1085", TODAY)]
    assert fresh != [{k: v for k, v in f.items() if k != "area"} for f in stale]


def test_syncing_unchanged_reference_data_leaves_the_stored_findings_current() -> None:
    before = fingerprints(["1081", "1085"])
    sync_reference_data(platform().reference)
    assert fingerprints(["1081", "1085"]) == before


# --- Every page and API that shows a scope's findings reads the stored ones ---------------------------------


def test_a_second_view_of_an_unchanged_region_evaluates_nothing(login, monkeypatch) -> None:
    """ADR 0032: findings are computed once per change of the record, not once per view. The meetings pages
    (§ 17 and the chairing rules), the body's facts and the body's and cluster's findings in the API."""
    meeting = Meeting.objects.filter(body__key=COMMITTEE).order_by("date").first()
    assert meeting is not None
    shown = {
        f"/organer/{COMMITTEE}/moeder/?dato={DAY}": 'data-rule="udvalg.moeder"',
        f"/moeder/{meeting.pk}/?dato={DAY}": meeting.body.name,
        f"/organer/{COMMITTEE}/forhold/?dato={DAY}": meeting.body.name,
        f"/api/v1/bodies/{COMMITTEE}/findings?at={DAY}": '"rule_id": "udvalg.moeder"',
        f"/api/v1/clusters/{CLUSTER}/findings?at={DAY}": '"rule_id": "klynge.',
    }
    client = login("sjaelland")
    assert client.get(f"/regioner/1085/fund/?dato={DAY}").status_code == 200  # stores 1085's findings
    calls: list[object] = []
    evaluate = Rulebook.evaluate

    def counted(*args: object, **kwargs: object) -> object:
        calls.append(args)
        return evaluate(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Rulebook, "evaluate", counted)
    for url, words in shown.items():
        response = client.get(url)
        assert response.status_code == 200, url
        assert words in response.content.decode(), url
        assert calls == [], url
