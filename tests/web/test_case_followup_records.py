"""The case file carries the follow-up (ADR 0045): hearing rounds with their answers, the § 27, stk. 3 consensus
fields, each member's own view and each point's disposition; the patient involvement committee's statements (§ 28);
the yearly review's conclusion, reasons and meeting (§ 22, stk. 1); the status report's content and state (kapitel
6). An export imported again changes nothing, an emptied region gets it all back, and a sent report is refused
rather than overwritten."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.db import IntegrityError, connection, transaction
from django.db.models import F

from sundhedsaftale.agreements.models import HealthAgreement as AgreementRow
from sundhedsaftale.agreements.snapshot import records_document
from sundhedsaftale.core.case import (
    AppointingBody,
    Body,
    BodyKind,
    Meeting,
    MemberRole,
    Membership,
    RegionCase,
    StatusReport,
    StatusReportKind,
    StatusReportVersion,
    YearlyReview,
)
from sundhedsaftale.core.errors import CaseError
from sundhedsaftale.core.followup import GoalState, IndicatorValue, StatusContent
from sundhedsaftale.followup.models import ReportState, YearlyReviewRecord
from sundhedsaftale.followup.models import StatusReport as ReportRow
from sundhedsaftale.governance.models import CommitteeStatement as StatementRow
from sundhedsaftale.governance.models import Meeting as MeetingRow
from sundhedsaftale.hearings.actions import (
    AddresseeIn,
    AnswerIn,
    DispositionIn,
    RoundIn,
    hearing_answer_record,
    hearing_dispositions_set,
    hearing_round_create,
    hearing_round_send,
)
from sundhedsaftale.hearings.models import Addressee, Answer, Disposition, HearingRound
from sundhedsaftale.interchange import Format, export_case
from sundhedsaftale.web.cases import case_import, case_snapshot

KEY = "1085-followup"
COMMITTEE = "1085-pu"
SSU = "1085-ssu"
SENT = dt.date(2026, 9, 1)


def _content() -> StatusContent:
    return StatusContent.model_validate(
        {
            "summary": "Aftalen er godt på vej.",
            "items": [
                {
                    "goal_id": "M1",
                    "title": "Sammenhæng",
                    "status": GoalState.PARTLY.value,
                    "done": "Fælles plan.",
                },
                {
                    "goal_id": "M1",
                    "sub_goal_id": "D1",
                    "title": "Færre genindlæggelser",
                    "status": GoalState.ON_TRACK.value,
                    "next_steps": "Udbredes til alle klynger.",
                    "criteria": [
                        {
                            "text": "Genindlæggelser falder til 8 %",
                            "baseline": "10",
                            "target": "8",
                            "values": [
                                IndicatorValue(
                                    value="9", unit="%", source="LPR", measured_on=dt.date(2026, 6, 30)
                                ).model_dump(mode="json")
                            ],
                        }
                    ],
                },
            ],
        }
    )


@pytest.fixture
def region(sjaelland, users) -> str:
    """Region Sjælland with a patient involvement committee, a health cooperation committee meeting, an agreement
    with a yearly review and a received midterm status, a hearing round answered with a dissent and disposed of,
    and a statement without consensus."""
    base = case_snapshot("1085")
    members = tuple(
        Membership(
            id=f"pu-m{n}",
            person_id=f"pu-p{n}",
            name=name,
            role=MemberRole.PATIENT_REPRESENTATIVE,
            appointed_by=AppointingBody.DANSKE_PATIENTER,
            start=dt.date(2022, 1, 1),
        )
        for n, name in ((1, "Poul Storm"), (2, "Erik Holst"))
    )
    committee = Body(
        id=COMMITTEE, kind=BodyKind.PATIENT_COMMITTEE, name="Patientinddragelsesudvalget", memberships=members
    )
    ssu = Body(id=SSU, kind=BodyKind.COMMITTEE, name="Sundhedssamarbejdsudvalget")
    meeting = Meeting(id="ssu-2025", body_id=SSU, date=dt.date(2025, 11, 4))
    case_import(
        case=base.model_copy(update={"bodies": (*base.bodies, committee, ssu), "meetings": (meeting,)}),
        actor=None,
        system=True,
    )
    row = AgreementRow.objects.create(
        key=KEY, region_id="1085", title="Sundhedsaftale 2024–2027", election_period_start=2022
    )
    agreement = case_snapshot("1085").agreement(KEY)
    assert agreement is not None
    row.records = records_document(
        agreement.model_copy(
            update={
                "yearly_reviews": (
                    YearlyReview(held_on=dt.date(2025, 11, 4), revision_needed=False, note="Uændret"),
                ),
                "status_reports": (StatusReport(kind=StatusReportKind.MIDTERM, sent_on=SENT),),
            }
        )
    )
    row.save()
    YearlyReviewRecord.objects.create(
        agreement=row,
        year=2025,
        meeting=MeetingRow.objects.get(key="ssu-2025"),
        revise=False,
        reasons="Aftalen virker; ingen revision.",
    )
    ReportRow.objects.create(
        agreement=row,
        kind="midterm",
        state=ReportState.RECEIVED,
        content=_content().model_dump(mode="json"),
        sent_on=SENT,
        received_on=dt.date(2026, 9, 10),
        receipt_reference="SST-2026-1",
    )
    round_ = hearing_round_create(
        actor=users["sjaelland"],
        region_code="1085",
        data=RoundIn(
            topic="other",
            subject="Høring om udskrivelsesforløb",
            response_deadline=dt.date(2026, 12, 20),
            covering_text="Materialet sendes i høring.",
            addressees=(
                AddresseeIn(body=COMMITTEE, respondent="medlem"),
                AddresseeIn(name="Danske Patienter"),
            ),
        ),
    )
    round_ = hearing_round_send(
        actor=users["sjaelland"], round_pk=round_.pk, expected_version=round_.version, confirmed=True
    )
    to_committee = round_.addressees.get(body__isnull=False)
    answer = hearing_answer_record(
        actor=users["sjaelland"],
        round_pk=round_.pk,
        addressee_pk=to_committee.pk,
        data=AnswerIn(
            text="Udvalget ønsker én samlet plan.",
            consensus_reached=False,
            dissents=(("Erik Holst", "Pårørende skal have planen inden for et døgn."),),
        ),
    )
    hearing_dispositions_set(
        actor=users["sjaelland"],
        round_pk=round_.pk,
        addressee_pk=to_committee.pk,
        expected_version=answer.version,
        items=(
            DispositionIn(
                kind="partly", reason="Planen indføres; fristen fastsættes lokalt.", point="Samlet plan"
            ),
        ),
    )
    StatementRow.objects.create(
        body=to_committee.body,
        basis="own_initiative",
        topic="Ventetid på genoptræning",
        text="Ventetiden skal ned.",
        given_on=dt.date(2026, 10, 1),
        consensus_sought=True,
        consensus_reached=False,
        dissents=[{"member": "Poul Storm", "membership": "pu-m1", "view": "Det er ikke nok."}],
    )
    return "1085"


def _emptied() -> None:
    """The region's follow-up rows gone, as in a platform that holds only the rest of its record (a sent report
    cannot be deleted: the database refuses; its import is tested through a correction)."""
    Disposition.objects.all().delete()
    Answer.objects.all().delete()
    Addressee.objects.all().delete()
    HearingRound.objects.all().delete()
    StatementRow.objects.all().delete()
    YearlyReviewRecord.objects.all().delete()


def test_the_case_file_carries_hearings_statements_reviews_and_status_reports(region) -> None:
    case = case_snapshot(region)

    hearing = case.hearing_rounds[0]
    assert hearing.subject == "Høring om udskrivelsesforløb"
    committee = next(a for a in hearing.addressees if a.body_id == COMMITTEE)
    assert committee.answer is not None
    # § 27, stk. 3: sought, not reached, and the member's own view in the member's words.
    assert (committee.answer.consensus_sought, committee.answer.consensus_reached) == (True, False)
    assert [(d.member, d.view) for d in committee.answer.dissents] == [
        ("Erik Holst", "Pårørende skal have planen inden for et døgn.")
    ]
    assert [(d.point, d.kind.value, d.reason) for d in committee.answer.dispositions] == [
        ("Samlet plan", "partly", "Planen indføres; fristen fastsættes lokalt.")
    ]
    statement = case.statements[0]
    assert (statement.basis.value, statement.consensus_reached, statement.dissents[0].membership) == (
        "own_initiative",
        False,
        "pu-m1",
    )
    agreement = case.agreement(KEY)
    assert agreement is not None
    review = agreement.yearly_reviews[0]
    assert (review.year, review.meeting_id, review.reasons) == (
        2025,
        "ssu-2025",
        "Aftalen virker; ingen revision.",
    )
    report = agreement.status_reports[0]
    assert (report.state.value, report.received_on, report.receipt_reference) == (
        "received",
        dt.date(2026, 9, 10),
        "SST-2026-1",
    )
    assert report.content == _content()

    # The JSON case file reads back as the same case, and the agreement's records keep only the lifecycle's.
    again = RegionCase.model_validate_json(export_case(case, Format.JSON))
    assert again.hearing_rounds == case.hearing_rounds
    assert again.statements == case.statements
    assert again.agreement(KEY) == agreement
    assert "content" not in json.dumps(AgreementRow.objects.get(key=KEY).records)


def test_importing_the_export_changes_nothing_and_an_emptied_region_gets_it_all_back(region) -> None:
    case = case_snapshot(region)
    case_import(case=case, actor=None, system=True)
    assert case_snapshot(region) == case

    _emptied()
    assert not case_snapshot(region).hearing_rounds
    case_import(case=case, actor=None, system=True)

    assert case_snapshot(region) == case


def test_kapitel_6_a_corrected_report_in_the_case_file_is_added_as_the_next_version(region) -> None:
    case = case_snapshot(region)
    agreement = case.agreement(KEY)
    assert agreement is not None
    first = agreement.status_reports[0]
    correction = StatusReportVersion(
        number=2,
        sent_on=dt.date(2026, 10, 1),
        content=first.content.model_copy(update={"summary": "Rettet."}),
    )
    edited = _with_report(case, first.model_copy(update={"corrections": (correction,)}))

    case_import(case=edited, actor=None, system=True)

    row = ReportRow.objects.get(number=2)
    assert (row.state, row.sent_on, row.corrects.number) == ("sent", dt.date(2026, 10, 1), 1)
    assert case_snapshot(region).agreement(KEY).status_reports[0].corrections == (correction,)


def _with_report(case: RegionCase, report: StatusReport) -> RegionCase:
    return case.model_copy(
        update={
            "agreements": tuple(
                a.model_copy(update={"status_reports": (report,)}) if a.id == KEY else a
                for a in case.agreements
            )
        }
    )


def test_kapitel_6_a_sent_report_is_not_overwritten_by_a_case_file_naming_record_and_field(region) -> None:
    case = case_snapshot(region)
    agreement = case.agreement(KEY)
    assert agreement is not None
    report = agreement.status_reports[0]
    changed = report.model_copy(
        update={"content": report.content.model_copy(update={"summary": "Omskrevet."})}
    )
    edited = case.model_copy(
        update={
            "agreements": tuple(
                a.model_copy(update={"status_reports": (changed,)}) if a.id == KEY else a
                for a in case.agreements
            )
        }
    )
    index = [a.id for a in case.agreements].index(KEY)

    with pytest.raises(
        CaseError, match=rf"agreements\[{index}\]\.status_reports\[0\]\.content: midtvejsstatus"
    ):
        case_import(case=edited, actor=None, system=True)

    assert ReportRow.objects.get().content == _content().model_dump(mode="json")


def test_section_27_3_a_recorded_answer_is_not_rewritten_by_a_case_file(region) -> None:
    case = case_snapshot(region)
    hearing = case.hearing_rounds[0]
    addressees = tuple(
        a.model_copy(update={"answer": a.answer.model_copy(update={"text": "Et andet svar."})})
        if a.answer
        else a
        for a in hearing.addressees
    )
    edited = case.model_copy(
        update={"hearing_rounds": (hearing.model_copy(update={"addressees": addressees}),)}
    )

    with pytest.raises(CaseError, match=r"hearing_rounds\[0\]\.addressees\[0\]\.answer\.text"):
        case_import(case=edited, actor=None, system=True)
    assert Answer.objects.get().text == "Udvalget ønsker én samlet plan."


def test_section_28_2_a_statement_about_an_individual_case_is_refused_on_import(region) -> None:
    case = case_snapshot(region)
    statement = case.statements[0].model_copy(
        update={"topic": "Klage", "text": "Sagen om patient 010190-1234 skal genoptages."}
    )
    with pytest.raises(CaseError, match=r"statements\[1\]\.text: Patientinddragelsesudvalget behandler ikke"):
        case_import(
            case=case.model_copy(update={"statements": (*case.statements, statement)}),
            actor=None,
            system=True,
        )
    assert StatementRow.objects.count() == 1


def _raw_update(sql: str, *params: object) -> None:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def test_kapitel_6_the_database_refuses_a_raw_update_or_delete_of_a_sent_reports_content(region) -> None:
    """Not only ``save``: SQL that bypasses the model is refused by a trigger, on SQLite and PostgreSQL alike."""
    report = ReportRow.objects.get()
    for sql, params in (
        (
            "UPDATE followup_statusreport SET content = %s WHERE id = %s",
            ('{"summary": "Omskrevet."}', report.pk),
        ),
        ("UPDATE followup_statusreport SET sent_on = %s WHERE id = %s", ("2026-08-01", report.pk)),
        ("UPDATE followup_statusreport SET state = %s WHERE id = %s", ("sent", report.pk)),
        ("UPDATE followup_statusreport SET receipt_reference = %s WHERE id = %s", ("X", report.pk)),
        ("DELETE FROM followup_statusreport WHERE id = %s", (report.pk,)),
    ):
        with (
            pytest.raises(IntegrityError, match="statusrapport, der er sendt til Sundhedsstyrelsen"),
            transaction.atomic(),
        ):
            _raw_update(sql, *params)
    # A missing receipt letter may be put back once (a restored archive), never replaced.
    _raw_update("UPDATE followup_statusreport SET receipt_pdf = %s WHERE id = %s", b"%PDF-letter", report.pk)
    with (
        pytest.raises(IntegrityError, match="statusrapport, der er sendt til Sundhedsstyrelsen"),
        transaction.atomic(),
    ):
        _raw_update(
            "UPDATE followup_statusreport SET receipt_pdf = %s WHERE id = %s", b"%PDF-other", report.pk
        )
    # What may still happen to it: its publication, once, and its version counter.
    ReportRow.objects.filter(pk=report.pk).update(
        state=ReportState.PUBLISHED, published_on=dt.date(2026, 9, 12), version=F("version") + 1
    )
    report.refresh_from_db()
    assert report.state == ReportState.PUBLISHED
    assert report.content == _content().model_dump(mode="json")
    # A draft stays free.
    draft = ReportRow.objects.create(agreement=report.agreement, kind="final", content={})
    _raw_update(
        "UPDATE followup_statusreport SET content = %s WHERE id = %s", '{"summary": "Kladde."}', draft.pk
    )
    draft.refresh_from_db()
    assert draft.content == {"summary": "Kladde."}
