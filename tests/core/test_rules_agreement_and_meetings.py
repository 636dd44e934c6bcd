"""Legal cases for § 21 (submission and review deadlines) and the meeting minimums (§§ 6, 13, 16, 27)."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sundhedsaftale.core.calendar import MonthDay, add_weeks, deadline_in_period
from sundhedsaftale.core.case import (
    AgreementSubmission,
    AuthorityDecision,
    AuthorityDecisionKind,
    BodyKind,
    DecisionMaker,
    HealthAgreement,
    Meeting,
    MeetingStatus,
)
from sundhedsaftale.core.rules import Status

from .builders import body, committee_members, decision, region_case


def agreement(
    *,
    start: int = 2022,
    submitted: dt.date | None = None,
    received: dt.date | None = None,
    decided: dt.date | None = None,
    basis: str = "bek-1248-2022",
) -> HealthAgreement:
    return HealthAgreement(
        id="a1",
        title="Sundhedsaftale",
        election_period_start=start,
        legal_basis=basis,  # type: ignore[arg-type]
        version_number="1.0",
        effective_date=dt.date(start + 2, 1, 1),
        parties=("1085", "316", "326"),
        submissions=(AgreementSubmission(submitted_on=submitted, received_on=received),) if submitted else (),
        decisions=(AuthorityDecision(kind=AuthorityDecisionKind.APPROVED, decided_on=decided),)
        if decided
        else (),
    )


def finding(platform, case, rule_id: str, at: dt.date):
    return [f for f in platform.rulebook.evaluate(case, at) if f.rule_id == rule_id]


@pytest.mark.parametrize(
    ("submitted", "at", "expected", "words"),
    [
        (None, dt.date(2023, 5, 1), Status.NOT_YET_DUE, "fristen er 1. juli 2023"),
        (None, dt.date(2023, 7, 1), Status.NOT_YET_DUE, "fristen er 1. juli 2023 (0 dage)"),
        (None, dt.date(2023, 7, 2), Status.NOT_MET, "fristen 1. juli 2023 er overskredet"),
        (dt.date(2023, 6, 28), dt.date(2023, 8, 1), Status.MET, "indsendt 28. juni 2023, inden fristen"),
        (dt.date(2023, 7, 1), dt.date(2023, 8, 1), Status.MET, "inden fristen 1. juli 2023"),
        (dt.date(2023, 12, 21), dt.date(2024, 2, 1), Status.NOT_MET, "173 dage efter fristen"),
    ],
)
def test_submission_deadline_is_1_july_in_the_second_year(platform, submitted, at, expected, words) -> None:
    case = region_case(agreements=[agreement(submitted=submitted)])
    (f,) = finding(platform, case, "aftale.indsendelsesfrist", at)
    assert f.status is expected, f.explanation
    assert words in f.explanation


def test_authority_may_set_another_deadline(platform) -> None:
    moved = decision(
        "agreement.submission_deadline",
        "2024-01-01",
        maker=DecisionMaker.AUTHORITY,
        reference="Sundhedsstyrelsens brev af 1. marts 2023",
    )
    case = region_case(agreements=[agreement(submitted=dt.date(2023, 12, 21))], decisions=[moved])
    (f,) = finding(platform, case, "aftale.indsendelsesfrist", dt.date(2024, 2, 1))
    assert f.status is Status.MET
    assert "inden fristen 1. januar 2024" in f.explanation
    assert "Sundhedsstyrelsens brev af 1. marts 2023" in f.explanation


def test_agreement_under_2018_order_is_not_judged_on_the_2022_deadline(platform) -> None:
    case = region_case(
        agreements=[agreement(start=2018, submitted=dt.date(2019, 6, 28), basis="bek-679-2018")]
    )
    (f,) = finding(platform, case, "aftale.indsendelsesfrist", dt.date(2023, 1, 1))
    assert f.status is Status.NOT_APPLICABLE
    assert "§ 31, stk. 3" in f.explanation


@pytest.mark.parametrize(
    ("decided", "at", "expected"),
    [
        (None, dt.date(2024, 1, 10), Status.NOT_YET_DUE),
        (dt.date(2024, 2, 15), dt.date(2024, 3, 1), Status.MET),
        (None, dt.date(2024, 2, 16), Status.NOT_MET),
        (dt.date(2024, 2, 16), dt.date(2024, 3, 1), Status.NOT_MET),
    ],
)
def test_authority_decides_within_8_weeks_of_receipt(platform, decided, at, expected) -> None:
    case = region_case(
        agreements=[
            agreement(submitted=dt.date(2023, 12, 20), received=dt.date(2023, 12, 21), decided=decided)
        ]
    )
    (f,) = finding(platform, case, "aftale.godkendelsesfrist", at)
    assert f.status is expected, f.explanation
    assert "15. februar 2024" in f.explanation


@given(start=st.integers(min_value=2022, max_value=2100))
def test_submission_deadline_always_falls_on_1_july_of_the_periods_second_year(start: int) -> None:
    assert deadline_in_period(period_start_year=start, rule=MonthDay(7, 1, 2)) == dt.date(start + 1, 7, 1)


@given(received=st.dates(min_value=dt.date(2022, 9, 8), max_value=dt.date(2100, 1, 1)))
def test_review_deadline_is_56_days_after_receipt_and_same_weekday(received: dt.date) -> None:
    deadline = add_weeks(received, 8)
    assert (deadline - received).days == 56
    assert deadline.weekday() == received.weekday()


def meetings(dates: list[dt.date], status: MeetingStatus = MeetingStatus.HELD) -> list[Meeting]:
    return [Meeting(id=f"mt{i}-{d}", body_id="committee", date=d, status=status) for i, d in enumerate(dates)]


def test_finished_year_with_too_few_meetings_is_not_met(platform) -> None:
    held = meetings([dt.date(2023, 3, 1), dt.date(2023, 6, 1), dt.date(2023, 9, 1)])
    case = region_case(bodies=[body(BodyKind.COMMITTEE, committee_members())], meetings=held)
    results = finding(platform, case, "udvalg.moeder", dt.date(2024, 2, 1))
    by_year = {f.facts[0].value: f for f in results}
    assert by_year[2023].status is Status.NOT_MET
    assert "holdt kun 3 møder i 2023; mindst 4 kræves" in by_year[2023].explanation


def test_year_in_progress_shows_what_is_still_needed_not_a_failure(platform) -> None:
    dates = [dt.date(2024, 3, 1)]
    planned = meetings([dt.date(2024, 9, 1), dt.date(2024, 11, 1)], MeetingStatus.PLANNED)
    case = region_case(
        bodies=[body(BodyKind.COMMITTEE, committee_members())], meetings=[*meetings(dates), *planned]
    )
    results = finding(platform, case, "udvalg.moeder", dt.date(2024, 6, 1))
    current = next(f for f in results if f.facts[0].value == 2024)
    assert current.status is Status.NOT_YET_DUE
    assert (
        "mangler 3 møder for at nå mindst 4; 2 møder er planlagt. Planlæg flere møder." in current.explanation
    )


def test_first_partial_year_of_the_order_is_not_judged(platform) -> None:
    case = region_case(bodies=[body(BodyKind.COMMITTEE, committee_members())])
    years = {f.facts[0].value for f in finding(platform, case, "udvalg.moeder", dt.date(2023, 2, 1))}
    assert years == {2023}  # 2022: the order came into force on 8 September
