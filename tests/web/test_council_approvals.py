"""The councils' approvals of an agreement version in one place: the page, the bulk save and the API (§ 19, stk. 1;
vejledningens afsnit 5.1; ADR 0033)."""

from __future__ import annotations

import datetime as dt

import pytest

from sundhedsaftale.accounts.models import AuditEntry
from sundhedsaftale.agreements.actions import agreement_create, content_save, step_record
from sundhedsaftale.agreements.models import AgreementVersion, HealthAgreement
from sundhedsaftale.core.case import Body, BodyKind, Hearing, Meeting, MeetingKind
from sundhedsaftale.core.collation import danish_sort_key
from sundhedsaftale.core.lifecycle import Stage, Step, stage_of
from sundhedsaftale.web.cases import case_import, case_snapshot

from .test_agreements import _content

HEARD = dt.date(2023, 8, 15)


@pytest.fixture
def agreement(sjaelland, users) -> str:
    """Region Sjælland's draft 1.0, made on 1 August 2023 and sent in hearing on 15 August (§ 29, stk. 2)."""
    base = case_snapshot("1085")
    committee = Body(id="1085-ssu", kind=BodyKind.COMMITTEE, name="Sundhedssamarbejdsudvalget")
    kickoff = Meeting(
        id="1085-kickoff", body_id=committee.id, date=dt.date(2023, 3, 14), kind=MeetingKind.AGREEMENT_KICKOFF
    )
    case_import(
        case=base.model_copy(update={"bodies": (*base.bodies, committee), "meetings": (kickoff,)}),
        actor=None,
        system=True,
    )
    row = agreement_create(
        actor=users["sjaelland"],
        region_code="1085",
        title="Sundhedsaftale 2024–2027",
        election_period_start=2022,
    )
    content_save(
        actor=users["sjaelland"],
        agreement_key=row.key,
        expected_version=row.version,
        content=_content(),
        label="1.0",
        effective_date=dt.date(2024, 1, 1),
    )
    made = dt.datetime(2023, 8, 1, 12, tzinfo=dt.UTC)
    AgreementVersion.objects.filter(agreement__key=row.key).update(saved_at=made)
    step_record(
        actor=users["sjaelland"],
        agreement_key=row.key,
        expected_version=_version(row.key),
        step=Step.START_HEARING,
        record=Hearing(sent_on=HEARD, response_deadline=dt.date(2023, 9, 15)),
        on=HEARD,
    )
    return row.key


def _version(key: str) -> int:
    return HealthAgreement.objects.get(key=key).version


def _parties() -> list[str]:
    case = case_snapshot("1085")
    ordered = sorted(case.municipalities, key=lambda m: danish_sort_key(m.name))
    return [case.region.code, *(m.code for m in ordered)]


def _approvals(key: str) -> list:
    agreement = case_snapshot("1085").agreement(key)
    assert agreement is not None
    return list(agreement.council_approvals)


def _row(code: str, day: str = "2023-11-01", reference: str = "", document: str = "") -> dict[str, str]:
    return {
        f"approved_on__{code}": day,
        f"reference__{code}": reference or f"Møde {day}, pkt. 5",
        f"document__{code}": document,
    }


def _post(client, key: str, *rows: dict[str, str], version: int | None = None):
    data: dict[str, object] = {"version": _version(key) if version is None else version}
    for row in rows:
        data.update(row)
    return client.post(f"/aftaler/{key}/godkendelser/", data)


def test_section_19_1_the_page_lists_every_party_regional_council_first_then_danish_order(
    agreement, login
) -> None:
    page = login("sjaelland").get(f"/aftaler/{agreement}/godkendelser/").content.decode()

    rows = [chunk.split('"', 1)[0] for chunk in page.split('data-party="')[1:]]
    assert rows == _parties()
    assert rows.index("1085") == 0
    names = [chunk.split("</th>", 1)[0] for chunk in page.split('<th scope="row">')[1:]]
    assert names[1:4] == [
        "Kommunalbestyrelsen i Faxe Kommune",
        "Kommunalbestyrelsen i Greve Kommune",
        "Kommunalbestyrelsen i Guldborgsund Kommune",
    ]
    assert "Godkendelse mangler fra 18 parter" in page
    assert 'name="approved_on__253"' in page


def test_section_5_1_bulk_entry_records_every_row_as_the_lifecycles_own_approvals(agreement, login) -> None:
    client = login("sjaelland")
    before = AuditEntry.objects.count()

    response = _post(
        client,
        agreement,
        *(
            _row(code, document="https://example.dk/referat.pdf" if code == "1085" else "")
            for code in _parties()
        ),
    )

    assert response.status_code == 302, response.content.decode()[:3000]
    approvals = _approvals(agreement)
    assert sorted(a.party_code for a in approvals) == sorted(_parties())
    assert {a.version_label for a in approvals} == {"1.0"}
    assert next(a for a in approvals if a.party_code == "1085").document == "https://example.dk/referat.pdf"
    case = case_snapshot("1085")
    agreement_case = case.agreement(agreement)
    assert agreement_case is not None
    # The same records the lifecycle reads: every council has approved, the agreement may be submitted.
    assert stage_of(agreement_case, case, dt.date(2023, 11, 2)) is Stage.READY_TO_SUBMIT
    assert AuditEntry.objects.count() - before == len(_parties())
    page = client.get(f"/aftaler/{agreement}/godkendelser/").content.decode()
    assert 'name="approved_on__' not in page  # every party now shown read-only
    assert 'id="approvals-complete"' in page


def test_only_missing_parties_are_offered_and_recorded_ones_are_read_only(agreement, login) -> None:
    client = login("sjaelland")
    assert _post(client, agreement, _row("1085"), _row("253")).status_code == 302

    page = client.get(f"/aftaler/{agreement}/godkendelser/").content.decode()

    assert 'name="approved_on__1085"' not in page
    assert 'name="approved_on__253"' not in page
    assert 'data-party="253" data-state="recorded"' in page
    assert 'name="approved_on__259"' in page
    assert "Godkendelse mangler fra 16 parter" in page


def test_a_date_in_the_future_is_refused_naming_the_party_and_nothing_is_saved(
    agreement, login, settings
) -> None:
    settings.TODAY = "2023-11-10"
    client = login("sjaelland")
    version = _version(agreement)

    response = _post(client, agreement, _row("1085", "2023-11-01"), _row("253", "2023-11-20"))

    assert response.status_code == 200
    page = response.content.decode()
    assert "Kommunalbestyrelsen i Greve Kommune: Datoen 20. november 2023 ligger efter i dag" in page
    assert "Intet er gemt" in page
    assert _approvals(agreement) == []
    assert _version(agreement) == version


def test_a_date_before_the_version_was_made_is_refused(agreement, login) -> None:
    response = _post(login("sjaelland"), agreement, _row("253", "2023-07-20"))

    page = response.content.decode()
    assert (
        "Kommunalbestyrelsen i Greve Kommune: Datoen 20. juli 2023 ligger før version 2 blev udarbejdet"
        in page
    )
    assert _approvals(agreement) == []


def test_section_29_2_an_approval_before_the_hearing_is_refused_by_the_lifecycle_naming_the_party(
    agreement, login
) -> None:
    response = _post(login("sjaelland"), agreement, _row("1085", "2023-11-01"), _row("253", "2023-08-10"))

    page = response.content.decode()
    assert "Kommunalbestyrelsen i Greve Kommune: Godkendelsen er dateret 10. august 2023" in page
    assert "§ 29, stk. 2" in page
    assert _approvals(agreement) == []  # Regionsrådet's good row is not saved either


def test_a_row_without_a_meeting_reference_names_party_and_field(agreement, login) -> None:
    response = _post(
        login("sjaelland"),
        agreement,
        {"approved_on__253": "2023-11-01", "reference__253": "", "document__253": ""},
    )

    assert (
        "Kommunalbestyrelsen i Greve Kommune: Mødereferencen (referat, sagsnummer eller link) mangler."
        in (response.content.decode())
    )
    assert _approvals(agreement) == []


def test_a_stale_version_conflicts_instead_of_overwriting(agreement, login) -> None:
    client = login("sjaelland")
    stale = _version(agreement)
    assert _post(client, agreement, _row("1085")).status_code == 302

    response = _post(client, agreement, _row("253"), version=stale)

    assert "ændret af en anden" in response.content.decode()
    assert [a.party_code for a in _approvals(agreement)] == ["1085"]


def test_section_5_1_the_submission_page_names_every_missing_council_before_submitting(
    agreement, login
) -> None:
    client = login("sjaelland")
    rows = [_row(code) for code in _parties() if code not in ("253", "259")]
    assert _post(client, agreement, *rows).status_code == 302

    page = client.get(f"/aftaler/{agreement}/trin/submit/").content.decode()

    assert 'id="submit-missing"' in page
    assert "Kommunalbestyrelsen i Greve Kommune, Kommunalbestyrelsen i Køge Kommune" in page
    refused = client.post(
        f"/aftaler/{agreement}/trin/submit/",
        {"version": _version(agreement), "submitted_on": "2023-12-04", "version_number": "1.0"},
    )
    assert "mangler godkendelse fra Kommunalbestyrelsen i Greve Kommune" in refused.content.decode()


def test_another_regions_secretariat_and_members_cannot_record(agreement, login) -> None:
    assert _post(login("hovedstaden"), agreement, _row("253")).status_code == 403
    assert _post(login("medlem"), agreement, _row("253")).status_code == 403
    page = login("medlem").get(f"/aftaler/{agreement}/godkendelser/").content.decode()
    assert 'id="approvals-read-only"' in page
    assert 'name="approved_on__253"' not in page
    assert _approvals(agreement) == []


def test_an_ended_region_shows_its_approvals_read_only(agreement, login, settings) -> None:
    client = login("sjaelland")
    assert _post(client, agreement, _row("1085")).status_code == 302
    settings.TODAY = "2027-01-04"  # Region Sjælland ended on 31 December 2026 (ADR 0029)

    page = client.get(f"/aftaler/{agreement}/godkendelser/").content.decode()

    assert 'data-party="1085" data-state="recorded"' in page
    assert 'name="approved_on__253"' not in page
    assert _post(client, agreement, _row("253")).status_code == 403


# --- API ------------------------------------------------------------------------------------------------


def test_api_reads_the_table_and_records_in_bulk(agreement, login) -> None:
    client = login("sjaelland")
    url = f"/api/v1/agreements/{agreement}/approvals"
    table = client.get(url).json()
    assert [a["party_code"] for a in table["approvals"]] == _parties()
    assert table["missing"] == _parties()
    assert table["version_label"] == "1.0"
    assert table["version_made_on"] == "2023-08-01"

    response = client.put(
        url,
        {
            "expected_version": table["version"],
            "approvals": [
                {"party_code": "1085", "approved_on": "2023-10-24", "reference": "Regionsrådet, pkt. 7"},
                {
                    "party_code": "253",
                    "approved_on": "2023-10-30",
                    "reference": "Byrådet, pkt. 4",
                    "document": "x.pdf",
                },
            ],
        },
        content_type="application/json",
    )

    assert response.status_code == 200, response.content
    body = response.json()
    assert "253" not in body["missing"]
    greve = next(a for a in body["approvals"] if a["party_code"] == "253")
    assert greve == {
        "party_code": "253",
        "party_name": "Kommunalbestyrelsen i Greve Kommune",
        "recorded": True,
        "approved_on": "2023-10-30",
        "reference": "Byrådet, pkt. 4",
        "document": "x.pdf",
        "version_label": "1.0",
    }


def test_api_answers_422_with_party_and_field_and_409_on_a_stale_version(agreement, login, settings) -> None:
    settings.TODAY = "2023-11-10"
    client = login("sjaelland")
    url = f"/api/v1/agreements/{agreement}/approvals"
    version = _version(agreement)

    wrong = client.put(
        url,
        {
            "expected_version": version,
            "approvals": [
                {"party_code": "1085", "approved_on": "2023-11-01", "reference": "Regionsrådet"},
                {"party_code": "253", "approved_on": "2023-12-01", "reference": "Byrådet"},
                {"party_code": "9999", "approved_on": "2023-11-01", "reference": "?"},
            ],
        },
        content_type="application/json",
    )
    assert wrong.status_code == 422
    errors = {(e["party_code"], e["field"]) for e in wrong.json()["errors"]}
    assert errors == {("253", "approved_on"), ("9999", "party_code")}
    assert _approvals(agreement) == []

    stale = client.put(
        url,
        {"expected_version": version - 1, "approvals": []},
        content_type="application/json",
    )
    assert stale.status_code == 409
    other = login("hovedstaden").put(
        url,
        {"expected_version": version, "approvals": []},
        content_type="application/json",
    )
    assert other.status_code == 403
