"""Recorded local decisions: they change findings and say so; concurrent edits conflict; bad ones are refused."""

from __future__ import annotations

import json

import pytest

from sundhedsaftale.accounts.models import AuditEntry
from sundhedsaftale.governance.models import LocalDecision

from .conftest import decision_payload

pytestmark = pytest.mark.django_db
API = "/api/v1/regions/1085/decisions"


def _gp_finding(client, at: str) -> dict:
    data = client.get(f"/api/v1/regions/1085/findings?at={at}").json()
    (finding,) = [f for f in data["findings"] if f["rule_id"] == "klynge.politisk.almen-praksis"]
    return finding


def test_a_recorded_decision_changes_the_finding_and_the_finding_says_so(login, sjaelland) -> None:
    client = login("sjaelland")
    assert _gp_finding(client, "2024-06-01")["status"] == "not_met"
    assert (
        client.post(API, json.dumps(decision_payload()), content_type="application/json").status_code == 201
    )
    after = _gp_finding(client, "2024-06-01")
    assert after["status"] == "met"
    assert after["applied"][0]["decision"]["reference"] == "Sundhedssamarbejdsudvalget 10. marts 2024, pkt. 4"
    assert "Lokal beslutning anvendt" in after["explanation"]
    assert _gp_finding(client, "2024-03-09")["status"] == "not_met"  # before the decision was taken


def test_second_of_two_concurrent_saves_gets_a_conflict(login, sjaelland) -> None:
    client = login("sjaelland")
    created = client.post(API, json.dumps(decision_payload()), content_type="application/json").json()
    url = f"{API}/{created['key']}"
    first = client.put(
        url,
        json.dumps({**decision_payload(reference="Første rettelse"), "version": 1}),
        content_type="application/json",
    )
    second = client.put(
        url,
        json.dumps({**decision_payload(reference="Anden rettelse"), "version": 1}),
        content_type="application/json",
    )
    assert first.status_code == 200
    assert first.json()["version"] == 2
    assert second.status_code == 409
    assert "Intet er overskrevet" in second.json()["detail"]
    assert LocalDecision.objects.get(key=created["key"]).reference == "Første rettelse"


def test_conflict_on_the_page_keeps_the_other_persons_save(login, sjaelland) -> None:
    client = login("sjaelland")
    created = client.post(API, json.dumps(decision_payload()), content_type="application/json").json()
    url = f"/regioner/1085/beslutninger/{created['key']}/rediger/"
    form = {**decision_payload(), "value": "1", "version": "1"}
    assert client.post(url, {**form, "reference": "Min rettelse"}).status_code == 302
    stale = client.post(url, {**form, "reference": "Forældet rettelse"})
    assert stale.status_code == 200
    assert "ændret af en anden".encode() in stale.content
    assert LocalDecision.objects.get(key=created["key"]).reference == "Min rettelse"


@pytest.mark.parametrize(
    ("change", "words"),
    [
        ({"parameter": "ukendt.parameter"}, "ukendt parameter 'ukendt.parameter'"),
        ({"parameter": "committee.min_meetings_per_year", "value": 2}, "§ 16, stk. 2 er ufravigelig"),
        (
            {"parameter": "agreement.submission_deadline", "value": "2024-01-01"},
            "kun fraviges af Sundhedsstyrelsen",
        ),
        ({"value": "to"}, "skal være et heltal"),
    ],
)
def test_a_decision_the_law_does_not_allow_is_refused_and_nothing_is_saved(
    login, sjaelland, change, words
) -> None:
    response = login("sjaelland").post(
        API, json.dumps(decision_payload(**change)), content_type="application/json"
    )
    assert response.status_code == 422
    assert words in response.json()["detail"]
    assert not LocalDecision.objects.exists()


def test_every_change_is_in_the_audit_log_with_before_and_after(login, sjaelland, users) -> None:
    client = login("sjaelland")
    created = client.post(API, json.dumps(decision_payload()), content_type="application/json").json()
    client.put(
        f"{API}/{created['key']}",
        json.dumps({**decision_payload(value=0), "version": 1}),
        content_type="application/json",
    )
    create, update = AuditEntry.objects.filter(object_type="local_decision").order_by("id")
    assert (create.action, create.actor, create.before, create.after["value"]) == (
        "decision_create",
        users["sjaelland"],
        None,
        1,
    )
    assert (update.action, update.before["value"], update.after["value"]) == ("decision_update", 1, 0)
    assert update.region_code == "1085"


def test_malformed_request_gets_a_danish_message_naming_the_field(login, sjaelland) -> None:
    response = login("sjaelland").post(
        API, json.dumps(decision_payload(decided_on="10-03-2024")), content_type="application/json"
    )
    assert response.status_code == 422
    assert response.json()["detail"].startswith("Ugyldige data – ")
    assert "decided_on" in response.json()["detail"]
    assert not LocalDecision.objects.exists()
