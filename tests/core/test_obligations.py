"""The obligations calendar: deadlines of agreements and bodies with status, warnings, filters and iCalendar."""

from __future__ import annotations

import datetime as dt

import pytest
from icalendar import Calendar

from sundhedsaftale.core.case import (
    AgreementSubmission,
    AuthorityDecision,
    AuthorityDecisionKind,
    BodyKind,
    CouncilApproval,
    DecisionMaker,
    HealthAgreement,
    Hearing,
    Meeting,
    MeetingKind,
    StatusReport,
    StatusReportKind,
    YearlyReview,
)
from sundhedsaftale.core.errors import CaseError
from sundhedsaftale.core.obligations import ObligationStatus, obligations, obligations_as_dict
from sundhedsaftale.interchange.ical import obligations_calendar

from .builders import (
    body,
    committee_members,
    decision,
    patient_committee_members,
    political_members,
    region_case,
)

D = dt.date


def agreement(**extra: object) -> HealthAgreement:
    fields: dict[str, object] = {
        "id": "a1",
        "title": "Sundhedsaftale 2024–2027",
        "election_period_start": 2022,
        "version_number": "1.0",
        "effective_date": D(2024, 1, 1),
        "parties": ("1085", "316", "326"),
        "hearings": (Hearing(sent_on=D(2023, 3, 1)),),
        "council_approvals": tuple(
            CouncilApproval(party_code=c, approved_on=D(2023, 10, 1), reference="x")
            for c in ("1085", "316", "326")
        ),
        "submissions": (AgreementSubmission(submitted_on=D(2023, 12, 4), received_on=D(2023, 12, 21)),),
        "decisions": (AuthorityDecision(kind=AuthorityDecisionKind.APPROVED, decided_on=D(2024, 2, 1)),),
    }
    fields.update(extra)
    return HealthAgreement.model_validate(fields)


def case_of(*agreements: HealthAgreement, decisions=(), meetings=()):  # type: ignore[no-untyped-def]
    return region_case(
        bodies=[
            body(BodyKind.COMMITTEE, committee_members()),
            body(BodyKind.PATIENT_COMMITTEE, patient_committee_members()),
            body(BodyKind.POLITICAL_LEVEL, political_members()),
        ],
        meetings=[
            Meeting(id="kick", body_id="committee", date=D(2022, 11, 1), kind=MeetingKind.AGREEMENT_KICKOFF),
            *meetings,
        ],
        agreements=list(agreements),
        decisions=list(decisions),
    )


def by_id(items):  # type: ignore[no-untyped-def]
    return {o.id: o for o in items}


def test_agreement_deadlines_with_status(platform) -> None:
    a = agreement(
        yearly_reviews=(YearlyReview(held_on=D(2024, 11, 1)),),
        status_reports=(StatusReport(kind=StatusReportKind.MIDTERM, sent_on=D(2025, 11, 1)),),
    )
    items = by_id(obligations(platform, case_of(a), D(2026, 3, 1)))
    assert items["a1:indsendelse"].due == D(2023, 7, 1)
    assert items["a1:indsendelse"].status is ObligationStatus.DONE  # done, but late
    assert "efter fristen 1. juli 2023" in items["a1:indsendelse"].explanation
    assert items["a1:afgoerelse:1"].due == D(2024, 2, 15)
    assert items["a1:afgoerelse:1"].responsible == "Sundhedsstyrelsen"
    assert items["a1:midtvejsstatus"].due == D(2025, 12, 4)
    assert items["a1:midtvejsstatus"].status is ObligationStatus.DONE
    assert items["a1:aarlig-gennemgang:2024"].status is ObligationStatus.DONE
    assert items["a1:aarlig-gennemgang:2025"].status is ObligationStatus.OVERDUE
    assert items["a1:aarlig-gennemgang:2026"].status is ObligationStatus.DUE
    assert items["a1:slutstatus"].due == D(2027, 6, 30)
    assert items["a1:godkendelse:316"].responsible == "Kommunalbestyrelsen i Holbæk Kommune"
    assert items["a1:offentliggoerelse:316"].due is None  # afsnit 5.5 sets no date
    assert items["a1:hoering"].citation == "§ 29, stk. 2"
    assert items["a1:opstartsmoede"].done_on == D(2022, 11, 1)


def test_sorted_by_due_date_undated_last(platform) -> None:
    items = obligations(platform, case_of(agreement()), D(2026, 3, 1))
    dated = [o.due for o in items if o.due is not None]
    assert dated == sorted(dated)
    assert all(o.due is None for o in items[len(dated) :])


def test_warning_window_is_a_setting(platform) -> None:
    case = case_of(agreement())
    at = D(2027, 6, 5)
    final = by_id(obligations(platform, case, at))["a1:slutstatus"]
    assert final.warn_from == D(2027, 5, 31)
    assert final.warning(at)
    short = by_id(obligations(platform, case, at, warning_days=10))["a1:slutstatus"]
    assert short.warn_from == D(2027, 6, 20)
    assert not short.warning(at)
    done = by_id(obligations(platform, case, D(2024, 3, 1)))["a1:afgoerelse:1"]
    assert done.status is ObligationStatus.DONE
    assert not done.warning(D(2024, 2, 1))


def test_authority_decision_moves_the_submission_deadline(platform) -> None:
    moved = decision(
        "agreement.submission_deadline",
        "2024-01-01",
        subject_id="a1",
        maker=DecisionMaker.AUTHORITY,
        reference="SST brev",
    )
    item = by_id(obligations(platform, case_of(agreement(), decisions=[moved]), D(2024, 3, 1)))[
        "a1:indsendelse"
    ]
    assert item.due == D(2024, 1, 1)
    assert "efter fristen" not in item.explanation


def test_objection_gives_a_remedy_obligation(platform) -> None:
    a = agreement(
        decisions=(
            AuthorityDecision(
                kind=AuthorityDecisionKind.OBJECTION,
                decided_on=D(2024, 2, 1),
                deficiencies=("x",),
                remedy_deadline=D(2024, 5, 1),
            ),
        )
    )
    items = by_id(obligations(platform, case_of(a), D(2024, 5, 2)))
    remedy = items["a1:udbedring:runde-1"]
    assert remedy.due == D(2024, 5, 1)
    assert remedy.status is ObligationStatus.OVERDUE
    assert remedy.citation == "§ 21, stk. 4"
    assert items["a1:godkendelse:runde-1:326"].due == D(2024, 5, 1)


def test_next_agreement_of_the_current_election_period(platform) -> None:
    items = by_id(obligations(platform, case_of(agreement()), D(2026, 3, 1)))
    nxt = items["1085:sundhedsaftale-2026:indsendelse"]
    assert nxt.due == D(2027, 7, 1)
    assert nxt.subject_kind == "region"
    assert nxt.responsible == "Regionsrådet"


def test_body_meeting_minimums_come_from_the_parameters(platform) -> None:
    meetings = [
        Meeting(id=f"m{i}", body_id="committee", date=D(2025, m, 1)) for i, m in enumerate((2, 5, 8, 11))
    ]
    meetings.append(
        Meeting(id="piu", body_id="committee", date=D(2025, 6, 1), kind=MeetingKind.PATIENT_COMMITTEE_ANNUAL)
    )
    items = by_id(obligations(platform, case_of(agreement(), meetings=meetings), D(2026, 3, 1)))
    assert items["committee:moeder:2025"].status is ObligationStatus.DONE
    # The fourth meeting held (§ 16, stk. 2); the yearly meeting with the patient committee counts too.
    assert items["committee:moeder:2025"].done_on == D(2025, 8, 1)
    assert items["committee:moeder:2025"].citation == "§ 16, stk. 2"
    assert items["committee:moede-piu:2025"].citation == "afsnit 2.2.8"
    assert items["patient_committee:moeder:2025"].status is ObligationStatus.OVERDUE
    assert items["political_level:moeder:2026"].status is ObligationStatus.DUE
    assert items["political_level:moeder:2026"].title == "Mindst 2 møder i 2026"


def test_filters(platform) -> None:
    case = case_of(agreement())
    at = D(2026, 3, 1)
    assert {o.subject_id for o in obligations(platform, case, at, body_id="committee")} == {"committee"}
    cluster = obligations(platform, case, at, cluster_id="c1")
    assert {o.subject_id for o in cluster} == {"c1", "political_level"}
    assert all(o.id.startswith("a1:") for o in obligations(platform, case, at, agreement_id="a1"))
    with pytest.raises(CaseError):
        obligations(platform, case, at, agreement_id="nope")


def test_as_dict_is_json_ready(platform) -> None:
    o = by_id(obligations(platform, case_of(agreement()), D(2026, 3, 1)))["a1:slutstatus"]
    data = obligations_as_dict(o)
    assert data["due"] == "2027-06-30"
    assert data["status"] == "due"
    assert data["status_label"] == "Forfalder"
    assert data["citation"] == "kapitel 6"


def test_icalendar_file_parses_back(platform) -> None:
    items = obligations(platform, case_of(agreement()), D(2026, 3, 1))
    stamp = dt.datetime(2026, 3, 1, tzinfo=dt.UTC)
    data = obligations_calendar(items, name="Frister for Region Sjælland", stamp=stamp)
    assert data == obligations_calendar(items, name="Frister for Region Sjælland", stamp=stamp)
    calendar = Calendar.from_ical(data)
    events = {str(e["uid"]): e for e in calendar.walk("VEVENT")}
    assert len(events) == len([o for o in items if o.due is not None])
    final = events["a1:slutstatus@sundhedsaftale"]
    assert final.decoded("dtstart") == D(2027, 6, 30)
    assert "kapitel 6" in str(final["description"])
    assert "Forfalder" in str(final["description"])
    (alarm,) = final.walk("VALARM")
    assert alarm.decoded("trigger") == -dt.timedelta(days=30)
    done = events["a1:afgoerelse:1@sundhedsaftale"]
    assert not done.walk("VALARM")
