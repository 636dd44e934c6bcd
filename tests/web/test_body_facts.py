"""A body's own facts recorded in the platform: the page, the form, the API, conflicts, refusals and the findings
that read them (§ 5, § 12, § 16, stk. 1 and 6, § 26, stk. 3, § 27, stk. 4, § 30, stk. 3 and 4)."""

from __future__ import annotations

import datetime as dt
import json
import re
from typing import Any

import pytest

from sundhedsaftale.accounts.models import AuditEntry
from sundhedsaftale.governance.models import Body
from sundhedsaftale.web.cases import region_findings

pytestmark = [pytest.mark.django_db, pytest.mark.xdist_group("imported-demo-body_facts")]

TODAY = dt.date(2026, 11, 23)
PROFESSIONAL = "sjaelland-nykoebing-professional"  # one of the two patient seats filled (demo)
PATIENT_COMMITTEE = "1085-patient-committee"  # rules of procedure not recorded (demo)


@pytest.fixture
def demo(imported_demo, registry) -> None:
    """The national demo's cases on TODAY, imported once for the module (conftest); the tests work in Sjælland."""


def _status(subject_id: str, rule_id: str) -> str:
    found = [f for f in region_findings("1085", TODAY) if f.rule_id == rule_id and f.subject.id == subject_id]
    assert found, rule_id
    return found[0].status.value


def _page_status(client, body_key: str, rule_id: str) -> str:
    html = client.get(f"/organer/{body_key}/?dato={TODAY.isoformat()}").content.decode()
    match = re.search(rf'data-rule="{re.escape(rule_id)}" data-status="(\w+)"', html)
    assert match, rule_id
    return match.group(1)


def _offers_form(body: Body, offers: list[dict[str, Any]], **extra: str) -> dict[str, Any]:
    """The facts form of a professional level as the page posts it: the secretariat as recorded, ``offers``."""
    data: dict[str, Any] = {
        "version": body.version,
        "secretariat_state": "recorded",
        "secretariat": list(body.facts["secretariat"]),
        "offers-TOTAL_FORMS": len(offers),
        "offers-INITIAL_FORMS": 0,
        "offers-MIN_NUM_FORMS": 0,
        "offers-MAX_NUM_FORMS": 1000,
    }
    for i, offer in enumerate(offers):
        data.update({f"offers-{i}-{k}": v for k, v in offer.items()})
    data.update(extra)
    return data


def _json(client, method: str, url: str, payload: dict[str, Any]):
    return getattr(client, method)(url, json.dumps(payload), content_type="application/json")


# --- § 30, stk. 4: the offer is the duty -----------------------------------------------------------------------


def test_section_30_4_offer_recorded_in_form_counts_as_offered(login, demo) -> None:
    client = login("sjaelland")
    body = Body.objects.get(key=PROFESSIONAL)
    # Remove the demo's offer: one seat filled of two and no offer recorded breaks § 30, stk. 4.
    response = client.post(f"/organer/{PROFESSIONAL}/forhold/rediger/", _offers_form(body, []))
    assert response.status_code == 302
    assert Body.objects.get(key=PROFESSIONAL).facts["seat_offers"] == []
    assert _page_status(client, PROFESSIONAL, "klynge.faglig.patienter") == "not_met"
    body.refresh_from_db()
    offer = {
        "to": "patient_involvement_committee",
        "seats": "2",
        "offered_on": "2026-02-01",
        "reference": "Brev 1. februar 2026",
        "response": "accepted",
    }
    response = client.post(f"/organer/{PROFESSIONAL}/forhold/rediger/", _offers_form(body, [offer]))
    assert response.status_code == 302
    assert _page_status(client, PROFESSIONAL, "klynge.faglig.patienter") == "met"
    facts_page = client.get(f"/organer/{PROFESSIONAL}/forhold/").content.decode()
    assert "Taget imod" in facts_page
    assert "Brev 1. februar 2026" in facts_page
    assert "vil skulle tilbydes to faste pladser" in facts_page


def test_section_30_4_an_offer_without_a_date_is_refused_naming_the_field_and_nothing_changes(
    login, demo
) -> None:
    client = login("sjaelland")
    body = Body.objects.get(key=PROFESSIONAL)
    before = (body.facts, body.version)
    offer = {"to": "patient_involvement_committee", "seats": "2", "offered_on": "", "reference": ""}
    response = client.post(f"/organer/{PROFESSIONAL}/forhold/rediger/", _offers_form(body, [offer]))
    assert response.status_code == 200
    assert "Tilbudt plads 1, tilbudt den: mangler" in response.content.decode()
    body.refresh_from_db()
    assert (body.facts, body.version) == before


# --- Rules of procedure (§ 27, stk. 4) and clearing back to "ikke registreret" -------------------------------


def test_section_27_4_rules_of_procedure_recorded_then_cleared_back_to_not_recorded(login, demo) -> None:
    client = login("sjaelland")
    rule = "pi-udvalg.forretningsorden"
    assert _status(PATIENT_COMMITTEE, rule) == "not_recorded"
    body = Body.objects.get(key=PATIENT_COMMITTEE)
    form = {
        "version": body.version,
        "secretariat_state": "recorded",
        "secretariat": ["1085"],
        "rules_state": "recorded",
        "rules_adopted_on": "2026-01-27",
        "rules_reference": "Referat 27. januar 2026, pkt. 2",
    }
    assert client.post(f"/organer/{PATIENT_COMMITTEE}/forhold/rediger/", form).status_code == 302
    assert _status(PATIENT_COMMITTEE, rule) == "met"
    body.refresh_from_db()
    cleared = {**form, "version": body.version, "rules_state": "unrecorded"}
    assert client.post(f"/organer/{PATIENT_COMMITTEE}/forhold/rediger/", cleared).status_code == 302
    assert Body.objects.get(key=PATIENT_COMMITTEE).facts["rules_of_procedure"] is None
    assert _status(PATIENT_COMMITTEE, rule) == "not_recorded"
    page = client.get(f"/organer/{PATIENT_COMMITTEE}/forhold/").content.decode()
    assert 'data-fact="rules_of_procedure" data-recorded="no"' in page
    assert "Udvalget fastsætter selv sin forretningsorden" in page


def test_section_26_3_secretariat_cleared_gives_not_recorded_never_a_breach(login, demo) -> None:
    client = login("sjaelland")
    body = Body.objects.get(key=PATIENT_COMMITTEE)
    assert _status(PATIENT_COMMITTEE, "pi-udvalg.sekretariat") == "met"
    form = {"version": body.version, "secretariat_state": "unrecorded", "rules_state": "unrecorded"}
    assert client.post(f"/organer/{PATIENT_COMMITTEE}/forhold/rediger/", form).status_code == 302
    assert _status(PATIENT_COMMITTEE, "pi-udvalg.sekretariat") == "not_recorded"


# --- § 30, stk. 3: "relevante arbejdsgrupper" -------------------------------------------------------------------


def _working_group(client) -> Body:
    client.post(
        f"/organer/{PROFESSIONAL}/arbejdsgrupper/ny/",
        {"kind": "working_group", "name": "Arbejdsgruppe om IT-drift"},
    )
    return Body.objects.get(parent__key=PROFESSIONAL, kind="working_group")


def test_section_30_3_not_relevant_needs_a_reason_and_then_needs_no_invitation(login, demo) -> None:
    client = login("sjaelland")
    group = _working_group(client)
    assert _status("sjaelland-nykoebing", "klynge.arbejdsgrupper.patienter") == "needs_judgement"
    url = f"/organer/{group.key}/forhold/rediger/"
    refused = client.post(url, {"version": group.version, "patient_committee_relevance": "not_relevant"})
    assert refused.status_code == 200
    assert "Begrundelse for relevans: skriv begrundelsen" in refused.content.decode()
    assert Body.objects.get(pk=group.pk).version == group.version
    saved = client.post(
        url,
        {
            "version": group.version,
            "patient_committee_relevance": "not_relevant",
            "patient_committee_relevance_reason": "Rent teknisk drift uden berøring med patienter",
        },
    )
    assert saved.status_code == 302
    assert _status("sjaelland-nykoebing", "klynge.arbejdsgrupper.patienter") == "met"


# --- Conflicts, permissions, audit ------------------------------------------------------------------------------


def test_two_concurrent_fact_edits_keep_the_first_save_and_say_so(login, demo) -> None:
    first, second = login("sjaelland"), login("admin")
    body = Body.objects.get(key=PATIENT_COMMITTEE)
    base = {"version": body.version, "secretariat_state": "recorded", "secretariat": ["1085"]}
    one = {
        **base,
        "rules_state": "recorded",
        "rules_adopted_on": "2026-01-27",
        "rules_reference": "Referat A",
    }
    two = {
        **base,
        "rules_state": "recorded",
        "rules_adopted_on": "2026-02-03",
        "rules_reference": "Referat B",
    }
    assert first.post(f"/organer/{PATIENT_COMMITTEE}/forhold/rediger/", one).status_code == 302
    response = second.post(f"/organer/{PATIENT_COMMITTEE}/forhold/rediger/", two)
    assert response.status_code == 200
    assert "ændret af en anden" in response.content.decode()
    assert 'value="Referat B"' in response.content.decode()  # the second person's input is still on the form
    assert Body.objects.get(key=PATIENT_COMMITTEE).facts["rules_of_procedure"]["reference"] == "Referat A"
    api = _json(
        second,
        "put",
        f"/api/v1/bodies/{PATIENT_COMMITTEE}/facts",
        {"version": body.version, "secretariat": None},
    )
    assert api.status_code == 409


def test_only_the_bodys_secretariat_records_facts(login, demo) -> None:
    body = Body.objects.get(key=PATIENT_COMMITTEE)
    for username in ("hovedstaden", "medlem", "sst", "klynge"):
        client = login(username)
        assert client.get(f"/organer/{PATIENT_COMMITTEE}/forhold/").status_code == 200
        assert client.get(f"/organer/{PATIENT_COMMITTEE}/forhold/rediger/").status_code == 403
        put = _json(
            client,
            "put",
            f"/api/v1/bodies/{PATIENT_COMMITTEE}/facts",
            {"version": body.version, "secretariat": None},
        )
        assert put.status_code == 403
    assert Body.objects.get(key=PATIENT_COMMITTEE).facts == body.facts


def test_a_fact_change_is_audited_for_the_region(login, demo) -> None:
    client = login("sjaelland")
    body = Body.objects.get(key=PATIENT_COMMITTEE)
    payload = {
        "version": body.version,
        "rules_of_procedure": {"adopted_on": "2026-01-27", "reference": "Referat"},
    }
    assert _json(client, "put", f"/api/v1/bodies/{PATIENT_COMMITTEE}/facts", payload).status_code == 200
    entry = AuditEntry.objects.filter(action="body_facts_update").get()
    assert (entry.object_id, entry.region_code, entry.audience) == (PATIENT_COMMITTEE, "1085", "region")
    assert entry.before["facts"]["rules_of_procedure"] is None
    assert entry.after["facts"]["rules_of_procedure"]["reference"] == "Referat"


# --- API --------------------------------------------------------------------------------------------------------


def test_api_body_includes_its_facts_and_put_records_an_offer(login, demo) -> None:
    client = login("sjaelland")
    read = client.get(f"/api/v1/bodies/{PROFESSIONAL}").json()
    assert read["facts"]["seat_offers"][0]["to"] == "patient_involvement_committee"
    assert [p["cite"] for p in read["facts"]["provisions"]] == ["§ 12", "§ 30, stk. 4"]
    facts = client.get(f"/api/v1/bodies/{PROFESSIONAL}/facts").json()
    offer = {
        "to": "patient_involvement_committee",
        "seats": 2,
        "offered_on": "2026-02-01",
        "response": "declined",
    }
    put = _json(
        client,
        "put",
        f"/api/v1/bodies/{PROFESSIONAL}/facts",
        {"version": facts["version"], "seat_offers": [offer]},
    )
    assert put.status_code == 200, put.content
    assert put.json()["seat_offers"][0]["response"] == "declined"
    assert put.json()["secretariat"] == facts["secretariat"]  # left out: kept
    assert _status(PROFESSIONAL, "klynge.faglig.patienter") == "met"  # a declined offer was still made


def test_api_refuses_bad_facts_with_422_naming_the_field(login, demo) -> None:
    client = login("sjaelland")
    version = Body.objects.get(key=PROFESSIONAL).version
    bad_date = _json(
        client,
        "put",
        f"/api/v1/bodies/{PROFESSIONAL}/facts",
        {
            "version": version,
            "seat_offers": [{"to": "patient_involvement_committee", "seats": 2, "offered_on": "snart"}],
        },
    )
    assert bad_date.status_code == 422
    assert "Tilbudt plads 1, tilbudt den" in bad_date.json()["detail"]
    unknown = _json(
        client, "put", f"/api/v1/bodies/{PROFESSIONAL}/facts", {"version": version, "secretariat": ["9999"]}
    )
    assert unknown.status_code == 422
    assert "Sekretariat: '9999'" in unknown.json()["detail"]
    not_of_kind = _json(
        client,
        "put",
        f"/api/v1/bodies/{PROFESSIONAL}/facts",
        {"version": version, "patient_committee_relevance": "relevant"},
    )
    assert not_of_kind.status_code == 422
    assert "registreres ikke for denne type organ" in not_of_kind.json()["detail"]
    assert Body.objects.get(key=PROFESSIONAL).version == version
