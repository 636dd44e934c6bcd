"""Statements of the patient involvement committee (§ 27, stk. 3; § 28; ADR 0033): the page, the action, the API."""

from __future__ import annotations

import datetime as dt

import pytest

from sundhedsaftale.accounts.models import AuditEntry
from sundhedsaftale.core.case import AppointingBody, Body, BodyKind, Meeting, MemberRole, Membership
from sundhedsaftale.governance.actions.statements import INDIVIDUAL_CASE_REFUSAL
from sundhedsaftale.governance.models import CommitteeStatement
from sundhedsaftale.web.cases import case_import, case_snapshot

COMMITTEE = "1085-pu"
URL = f"/organer/{COMMITTEE}/udtalelser/"
API = f"/api/v1/bodies/{COMMITTEE}/statements"


@pytest.fixture
def committee(sjaelland) -> str:
    """Region Sjælland's patient involvement committee with two members and a meeting on 6 November 2025."""
    base = case_snapshot("1085")
    members = tuple(
        Membership(
            id=f"pu-m{n}",
            person_id=f"pu-p{n}",
            name=name,
            role=MemberRole.PATIENT_REPRESENTATIVE,
            appointed_by=AppointingBody.DANSKE_PATIENTER,
            start=dt.date(2022, 1, 1),
            chair=n == 1,
        )
        for n, name in ((1, "Poul Storm"), (2, "Erik Holst"))
    )
    body = Body(
        id=COMMITTEE, kind=BodyKind.PATIENT_COMMITTEE, name="Patientinddragelsesudvalget", memberships=members
    )
    meeting = Meeting(id="pu-2025-11-06", body_id=COMMITTEE, date=dt.date(2025, 11, 6))
    case_import(
        case=base.model_copy(update={"bodies": (*base.bodies, body), "meetings": (*base.meetings, meeting)}),
        actor=None,
        system=True,
    )
    return COMMITTEE


def _form(**overrides: str) -> dict[str, str]:
    data = {
        "basis": "own_initiative",
        "topic": "Udskrivelse af ældre medicinske patienter",
        "text": "Udvalget anbefaler én skriftlig plan ved udskrivelsen.",
        "given_on": "2025-11-06",
        "meeting": "pu-2025-11-06",
        "consensus_sought": "on",
        "consensus_reached": "no",
        "dissent_member_1": "pu-m2",
        "dissent_view_1": "Planen skal også findes i et tilgængeligt format.",
    }
    data.update(overrides)
    return data


def test_section_27_3_a_statement_without_consensus_keeps_each_members_view(committee, login) -> None:
    client = login("sjaelland")
    before = AuditEntry.objects.count()

    response = client.post(URL + "ny/", _form())

    assert response.status_code == 302, response.content.decode()[:3000]
    statement = CommitteeStatement.objects.get(body__key=committee)
    assert statement.consensus_sought
    assert not statement.consensus_reached
    assert statement.meeting is not None
    assert statement.meeting.key == "pu-2025-11-06"
    assert statement.dissents == [
        {
            "membership": "pu-m2",
            "member": "Erik Holst",
            "view": "Planen skal også findes i et tilgængeligt format.",
        }
    ]
    assert AuditEntry.objects.count() - before == 1
    page = client.get(f"/organer/{committee}/").content.decode()  # the committee's own page lists it
    assert "Udskrivelse af ældre medicinske patienter" in page
    assert "Erik Holst" in page
    assert "§ 28, stk. 2" in page


def test_section_27_3_consensus_reached_leaves_no_dissent(committee, login) -> None:
    response = login("sjaelland").post(URL + "ny/", _form(consensus_reached="yes"))

    assert "udvalget opnåede enighed, så der er ingen afvigende synspunkter" in response.content.decode()
    assert not CommitteeStatement.objects.exists()


def test_section_28_2_individual_case_is_refused(committee, login) -> None:
    client = login("sjaelland")

    response = client.post(URL + "ny/", _form(individual_case="on"))

    page = response.content.decode()
    assert response.status_code == 200
    assert "Udvalget behandler ikke enkeltsager" in page
    assert "§ 28, stk. 2" in page
    assert not CommitteeStatement.objects.exists()


def test_section_28_2_a_statement_naming_a_cpr_number_is_an_individual_case(committee, login) -> None:
    response = login("sjaelland").post(
        URL + "ny/", _form(text="Om patienten med CPR 010150-1234 og hendes forløb.")
    )

    assert str(INDIVIDUAL_CASE_REFUSAL) in response.content.decode().replace("&raquo;", "»").replace(
        "&laquo;", "«"
    )
    assert not CommitteeStatement.objects.exists()


def test_a_future_date_a_later_meeting_and_a_non_member_are_refused_naming_the_field(
    committee, login, settings
) -> None:
    settings.TODAY = "2025-11-10"
    client = login("sjaelland")

    future = client.post(URL + "ny/", _form(given_on="2025-11-20")).content.decode()
    early = client.post(URL + "ny/", _form(given_on="2025-11-01")).content.decode()

    assert "Dato: 20. november 2025 ligger efter i dag" in future
    assert "Møde: mødet 6. november 2025 ligger efter udtalelsens dato 1. november 2025." in early
    assert not CommitteeStatement.objects.exists()


def test_only_the_regions_secretariat_records_and_only_on_a_patient_committee(committee, login) -> None:
    assert login("hovedstaden").post(URL + "ny/", _form()).status_code == 403
    assert login("klynge").get(URL + "ny/").status_code == 403
    assert login("medlem").get(URL).status_code == 200
    assert login("sjaelland").get("/organer/holbaek-political/udtalelser/").status_code == 404
    assert not CommitteeStatement.objects.exists()


def test_api_lists_and_records_and_refuses_an_individual_case(committee, login) -> None:
    client = login("sjaelland")
    body = {
        "basis": "practice_plan",
        "topic": "Praksisplanen 2026",
        "text": "Udvalget støtter planens afsnit om tilgængelighed.",
        "given_on": "2025-11-06",
        "consensus_reached": True,
    }

    created = client.post(API, body, content_type="application/json")
    refused = client.post(API, {**body, "individual_case": True}, content_type="application/json")

    assert created.status_code == 201, created.content
    assert created.json()["basis_label"].endswith("(§ 28, stk. 1, nr. 2)")
    assert refused.status_code == 422
    assert "§ 28, stk. 2" in refused.json()["detail"]
    listed = client.get(API).json()
    assert [s["topic"] for s in listed] == ["Praksisplanen 2026"]
    assert login("hovedstaden").post(API, body, content_type="application/json").status_code == 403
