"""The agreement's legal dates, computed from its records and the rulebook's parameters.

Conventions (each figure comes from ``parameters.yaml``; none is typed in here):

* *Submission deadline* (§ 21, stk. 1): 1 July in the election period's second year, or the date a recorded
  decision of Sundhedsstyrelsen set (§ 21, stk. 5) – the same parameter and decision the rule uses.
* *Decision deadline* (§ 21, stk. 2): 8 weeks after receipt, the same weekday (received 21 December 2023 →
  15 February 2024).
* *Expiry*: the agreement runs ``term`` years from its effective date, and the last day is the day before the
  anniversary (effective 1 January 2024, 4 years → expires 31 December 2027). Still, it stays in force until a
  new agreement takes effect (afsnit 3.6); see :func:`in_force`.
* *Midterm status* (§ 22, stk. 1): no later than 2 years after the agreement's first submission, on the
  anniversary day (submitted 4 December 2023 → 4 December 2025). Later submissions (after an objection or a
  revision) do not move it: the order counts from "indsendelse af sundhedsaftalen".
* *Final status* (kapitel 6): no later than half a year before expiry, counted back from the end of the last
  day (expires 31 December 2027 → 30 June 2027). Where that day lies before the guidance took effect, only
  § 22, stk. 1 applied ("inden sundhedsaftalens udløb"), and the deadline is the day of expiry.
* *Yearly review* (§ 22, stk. 1): once in every calendar year the agreement is in force from 1 January to
  31 December, from the first year the 2022 order governed; due 31 December.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..calendar import add_months, add_weeks, add_years, deadline_in_period
from ..case import AuthorityDecisionKind, HealthAgreement, RegionCase
from ._stages import LEGACY_BASIS

if TYPE_CHECKING:
    from .. import Platform
    from ..rules import Rulebook

__all__ = [
    "AgreementDates",
    "agreement_dates",
    "dates_for",
    "expires_on",
    "expiry_after",
    "figure",
    "final_status_due_before",
    "first_submission",
    "in_force",
    "midterm_guidance_due",
    "order_start",
    "replaced_by",
    "review_years",
    "reviews_in",
    "submission_deadline",
    "validity_end",
]

ORDER = "bek-1248-2022"


@dataclass(frozen=True)
class AgreementDates:
    submission_deadline: dt.date | None
    received_on: dt.date | None
    review_deadline: dt.date | None
    decided_on: dt.date | None
    remedy_deadline: dt.date | None
    effective_date: dt.date | None
    expires_on: dt.date | None
    midterm_status_due: dt.date | None  # binding: § 22, stk. 1, two years after the submission
    midterm_status_guidance_due: dt.date | None  # kapitel 6: sent for orientation two years into the period
    final_status_due: dt.date | None
    next_yearly_review_due: dt.date | None


def order_start(book: Rulebook) -> dt.date:
    """The day bek. nr. 1248/2022 took effect (§ 31, stk. 1)."""
    validity = book.corpus.source(ORDER).validity
    assert validity is not None
    return validity.start


def figure(book: Rulebook, case: RegionCase, key: str, at: dt.date, *, subject_id: str = "*") -> Any:
    """A parameter's value on ``at``, with a recorded decision applied.

    The deadlines computed here lie ahead of the evaluation date; a figure first set by the guidance is
    therefore used also when the evaluation date lies before the guidance took effect.
    """
    first = book.parameters[key].first_valid()
    return book.value(case, key, max(at, first), subject_id=subject_id)


def submission_deadline(
    book: Rulebook, case: RegionCase, agreement: HealthAgreement, at: dt.date
) -> dt.date | None:
    """§ 21, stk. 1 (or stk. 5); None for an agreement made under the 2018 order, whose deadline that order set."""
    if agreement.legal_basis == LEGACY_BASIS:
        return None
    rule = figure(book, case, "agreement.submission_deadline", at, subject_id=agreement.id)
    return deadline_in_period(period_start_year=agreement.election_period_start, rule=rule)


def term_years(book: Rulebook, case: RegionCase, agreement: HealthAgreement, at: dt.date) -> int:
    if agreement.term_years is not None:
        return agreement.term_years
    years: int = figure(book, case, "agreement.term_years", at, subject_id=agreement.id)
    return years


def expiry_after(effective: dt.date, years: int) -> dt.date:
    """The last day of a term of ``years`` years from ``effective`` (the day before the anniversary)."""
    return add_years(effective, years) - dt.timedelta(days=1)


def expires_on(book: Rulebook, case: RegionCase, agreement: HealthAgreement, at: dt.date) -> dt.date | None:
    if agreement.effective_date is None:
        return None
    return expiry_after(agreement.effective_date, term_years(book, case, agreement, at))


def midterm_guidance_due(
    book: Rulebook, case: RegionCase, agreement: HealthAgreement, at: dt.date
) -> dt.date | None:
    """Kapitel 6: the last day of the agreement period's second year (None without an effective date)."""
    if agreement.effective_date is None:
        return None
    years: int = figure(book, case, "agreement.midterm_status_years_into_period", at, subject_id=agreement.id)
    return expiry_after(agreement.effective_date, years)


def final_status_due_before(expiry: dt.date, months: int, figure_from: dt.date) -> dt.date:
    """``months`` before the end of ``expiry`` (the figure of kapitel 6, in force from ``figure_from``)."""
    # "Et halvt år inden udløb": back from the end of the last day, i.e. from the next day's start.
    due = add_months(expiry + dt.timedelta(days=1), -months) - dt.timedelta(days=1)
    if due < figure_from:
        return expiry  # only § 22, stk. 1 applied then: "inden sundhedsaftalens udløb"
    return due


def _final_status_due(
    book: Rulebook, case: RegionCase, agreement: HealthAgreement, expiry: dt.date, at: dt.date
) -> dt.date:
    key = "agreement.final_status_months_before_expiry"
    months: int = figure(book, case, key, at, subject_id=agreement.id)
    return final_status_due_before(expiry, months, book.parameters[key].first_valid())


def first_submission(agreement: HealthAgreement, at: dt.date) -> dt.date | None:
    return min((s.submitted_on for s in agreement.submissions if s.submitted_on <= at), default=None)


def replaced_by(agreement: HealthAgreement, case: RegionCase) -> HealthAgreement | None:
    """The agreement that replaces this one: the next agreement of the case by effective date that has been
    submitted (an agreement is valid until a new one takes effect, afsnit 3.6)."""
    if agreement.effective_date is None:
        return None
    start = agreement.effective_date
    later = [
        a
        for a in case.agreements
        if a.id != agreement.id
        and a.effective_date is not None
        and a.effective_date > start
        and a.submissions
    ]
    return min(later, key=lambda a: a.effective_date or start, default=None)


def in_force(agreement: HealthAgreement, case: RegionCase, at: dt.date) -> bool:
    """In force on ``at``: it has taken effect and been submitted (entry into force need not await the
    authority's approval, afsnit 3.6), and no later agreement has taken effect since."""
    if agreement.effective_date is None or agreement.effective_date > at:
        return False
    if not any(s.submitted_on <= at for s in agreement.submissions):
        return False
    successor = replaced_by(agreement, case)
    if successor is None or successor.effective_date is None or successor.effective_date > at:
        return True
    return not any(s.submitted_on <= at for s in successor.submissions)


def validity_end(book: Rulebook, case: RegionCase, agreement: HealthAgreement, at: dt.date) -> dt.date | None:
    """The last day the agreement governs for follow-up: the day before its successor takes effect, or, with no
    successor, its expiry (afterwards it is still in force, but a new agreement is overdue)."""
    successor = replaced_by(agreement, case)
    if successor is not None and successor.effective_date is not None:
        return successor.effective_date - dt.timedelta(days=1)
    return expires_on(book, case, agreement, at)


def review_years(book: Rulebook, case: RegionCase, agreement: HealthAgreement, at: dt.date) -> list[int]:
    """The calendar years that need a yearly review (see the module's conventions)."""
    if agreement.effective_date is None:
        return []
    end = validity_end(book, case, agreement, at)
    first = max(agreement.effective_date, order_start(book))
    year = first.year if (first.month, first.day) == (1, 1) else first.year + 1
    years: list[int] = []
    while end is not None and dt.date(year, 12, 31) <= end:
        years.append(year)
        year += 1
    return years


def reviews_in(agreement: HealthAgreement, year: int, at: dt.date) -> list[dt.date]:
    return sorted(r.held_on for r in agreement.yearly_reviews if r.held_on.year == year and r.held_on <= at)


def agreement_dates(
    platform: Platform, case: RegionCase, agreement: HealthAgreement, at: dt.date
) -> AgreementDates:
    """Every legal date of the agreement as its records stand on ``at`` (conventions: see the module)."""
    return dates_for(platform.rulebook, case, agreement, at)


def dates_for(book: Rulebook, case: RegionCase, agreement: HealthAgreement, at: dt.date) -> AgreementDates:
    """:func:`agreement_dates` for code that holds the rulebook rather than the platform (the rules)."""
    received = max(
        (s.received_on for s in agreement.submissions if s.received_on is not None and s.received_on <= at),
        default=None,
    )
    review_deadline = decided = None
    if received is not None:
        weeks: int = figure(book, case, "agreement.review_weeks", at, subject_id=agreement.id)
        review_deadline = add_weeks(received, weeks)
        decided = min(
            (d.decided_on for d in agreement.decisions if received <= d.decided_on <= at), default=None
        )
    objections = [
        d for d in agreement.decisions if d.kind is AuthorityDecisionKind.OBJECTION and d.decided_on <= at
    ]
    remedy = max(objections, key=lambda d: d.decided_on).remedy_deadline if objections else None
    expiry = expires_on(book, case, agreement, at)
    first = first_submission(agreement, at)
    midterm = None
    if first is not None:
        midterm = add_years(first, figure(book, case, "agreement.midterm_status_years", at))
    final = _final_status_due(book, case, agreement, expiry, at) if expiry is not None else None
    midterm_guidance = midterm_guidance_due(book, case, agreement, at)
    next_review = None
    per_year: int = figure(book, case, "agreement.yearly_reviews_per_year", at)
    for year in review_years(book, case, agreement, at):
        if dt.date(year, 12, 31) >= at and len(reviews_in(agreement, year, at)) < per_year:
            next_review = dt.date(year, 12, 31)
            break
    return AgreementDates(
        submission_deadline=submission_deadline(book, case, agreement, at),
        received_on=received,
        review_deadline=review_deadline,
        decided_on=decided,
        remedy_deadline=remedy,
        effective_date=agreement.effective_date,
        expires_on=expiry,
        midterm_status_due=midterm,
        midterm_status_guidance_due=midterm_guidance,
        final_status_due=final,
        next_yearly_review_due=next_review,
    )
