"""Where an agreement stands, derived from its records on a date: cycles and stages.

An agreement is made in a *cycle*: draft, hearing of the patient involvement committee (§ 29, stk. 2),
approval by the regional council and every municipal council (afsnit 5.1), submission (§ 21, stk. 1), the
authority's receipt and decision (§ 21, stk. 2). The first cycle starts at the beginning; a new one starts
after each objection (§ 21, stk. 4: the parties amend and resubmit) and after each yearly review that finds
the agreement must be revised (§ 22, stk. 1: a revised draft "i overensstemmelse med § 19" and a new
submission). A record belongs to the last cycle opened *before* its date: the event that opens a cycle
closes the previous one, so what happens on that same day still belongs to the old one.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from ..case import AuthorityDecisionKind, CouncilApproval, HealthAgreement, RegionCase

__all__ = [
    "LEGACY_BASIS",
    "Cycle",
    "Opening",
    "Stage",
    "all_parties",
    "approved_parties",
    "council_approvals_in_cycle",
    "current_cycle",
    "cycles",
    "entered_on",
    "missing_approvals",
    "stage_of",
]

# Agreements made under the 2018 order: the 2022 order governs them from now on (§ 31, stk. 3).
LEGACY_BASIS = "bek-679-2018"


class Stage(StrEnum):
    DRAFTING = "drafting"
    HEARING = "hearing"
    COUNCIL_APPROVAL = "council_approval"
    READY_TO_SUBMIT = "ready_to_submit"
    SUBMITTED = "submitted"
    UNDER_REVIEW = "under_review"
    OBJECTION = "objection"
    APPROVED = "approved"
    REVISION = "revision"

    @property
    def label(self) -> str:
        return _STAGE_LABELS[self]


_STAGE_LABELS = {
    Stage.DRAFTING: "Udkast",
    Stage.HEARING: "I høring hos patientinddragelsesudvalget",
    Stage.COUNCIL_APPROVAL: "Til godkendelse i regionsråd og kommunalbestyrelser",
    Stage.READY_TO_SUBMIT: "Godkendt af alle parter, klar til indsendelse",
    Stage.SUBMITTED: "Indsendt til Sundhedsstyrelsen",
    Stage.UNDER_REVIEW: "Til vurdering i Sundhedsstyrelsen",
    Stage.OBJECTION: "Sundhedsstyrelsen har gjort indsigelse",
    Stage.APPROVED: "Godkendt af Sundhedsstyrelsen",
    Stage.REVISION: "Revideres efter årlig gennemgang",
}


class Opening(StrEnum):
    """What opened a cycle."""

    START = "start"
    OBJECTION = "objection"  # § 21, stk. 4
    REVIEW = "review"  # § 22, stk. 1: a yearly review found that the agreement must be revised


@dataclass(frozen=True)
class Cycle:
    number: int  # 0 is the agreement's first making
    opened_by: Opening
    opened_on: dt.date | None  # None for the first cycle
    closed_on: dt.date | None  # the day the next cycle opened; None while it is the current one

    def holds(self, day: dt.date) -> bool:
        """Whether a record dated ``day`` belongs to this cycle."""
        after_opening = self.opened_on is None or day > self.opened_on
        return after_opening and (self.closed_on is None or day <= self.closed_on)

    @property
    def needs_hearing(self) -> bool:
        """§ 29, stk. 2: a hearing when the agreement is made and a renewed one when it is revised under § 22,
        stk. 1. Amending it after an objection (§ 21, stk. 4) is not named there."""
        return self.opened_by is not Opening.OBJECTION


def cycles(agreement: HealthAgreement, at: dt.date) -> list[Cycle]:
    """The agreement's cycles as its records stand on ``at``, oldest first."""
    openings: dict[dt.date, Opening] = {}
    for review in agreement.yearly_reviews:
        if review.revision_needed and review.held_on <= at:
            openings.setdefault(review.held_on, Opening.REVIEW)
    for decision in agreement.decisions:
        if decision.kind is AuthorityDecisionKind.OBJECTION and decision.decided_on <= at:
            # An objection and a review on the same day open one cycle; the objection is what must be remedied.
            openings[decision.decided_on] = Opening.OBJECTION
    days = sorted(openings)
    result = [Cycle(0, Opening.START, None, days[0] if days else None)]
    for index, day in enumerate(days, start=1):
        closed = days[index] if index < len(days) else None
        result.append(Cycle(index, openings[day], day, closed))
    return result


def current_cycle(agreement: HealthAgreement, at: dt.date) -> Cycle:
    return cycles(agreement, at)[-1]


def all_parties(case: RegionCase) -> list[str]:
    """The agreement's parties: the regional council and every municipal council of the region (§ 19, stk. 1)."""
    return [case.region.code, *(m.code for m in case.municipalities)]


def approved_parties(agreement: HealthAgreement, cycle: Cycle, at: dt.date) -> dict[str, dt.date]:
    """Party code → the first approval the party's council gave in ``cycle`` on or before ``at``."""
    approved: dict[str, dt.date] = {}
    for approval in sorted(agreement.council_approvals, key=lambda a: a.approved_on):
        if approval.approved_on <= at and cycle.holds(approval.approved_on):
            approved.setdefault(approval.party_code, approval.approved_on)
    return approved


def council_approvals_in_cycle(
    agreement: HealthAgreement, case: RegionCase, at: dt.date
) -> dict[str, CouncilApproval]:
    """Party code → the approval that counts for the party in the current cycle on ``at`` (its first), in the
    order of :func:`all_parties`. The same records :func:`approved_parties` and the submission check read."""
    cycle = current_cycle(agreement, at)
    first: dict[str, CouncilApproval] = {}
    for approval in sorted(agreement.council_approvals, key=lambda a: a.approved_on):
        if approval.approved_on <= at and cycle.holds(approval.approved_on):
            first.setdefault(approval.party_code, approval)
    return {code: first[code] for code in all_parties(case) if code in first}


def missing_approvals(agreement: HealthAgreement, case: RegionCase, at: dt.date) -> list[str]:
    """The parties (§ 19, stk. 1) whose council has not approved the agreement in the current cycle by ``at``;
    the submission is refused while any is missing (afsnit 5.1)."""
    approved = approved_parties(agreement, current_cycle(agreement, at), at)
    return [code for code in all_parties(case) if code not in approved]


def stage_of(agreement: HealthAgreement, case: RegionCase, at: dt.date) -> Stage:
    """The agreement's stage on ``at``, from the records of its current cycle dated on or before ``at``."""
    cycle = current_cycle(agreement, at)
    decisions = [d for d in agreement.decisions if d.decided_on <= at and cycle.holds(d.decided_on)]
    if decisions:
        latest = max(decisions, key=lambda d: d.decided_on)
        # An objection opens the next cycle, so the one found here is an approval; kept general for safety.
        return Stage.APPROVED if latest.kind is AuthorityDecisionKind.APPROVED else Stage.OBJECTION
    submissions = [s for s in agreement.submissions if s.submitted_on <= at and cycle.holds(s.submitted_on)]
    if submissions:
        latest_submission = max(submissions, key=lambda s: s.submitted_on)
        received = latest_submission.received_on
        return Stage.UNDER_REVIEW if received is not None and received <= at else Stage.SUBMITTED
    approved = approved_parties(agreement, cycle, at)
    if approved and set(all_parties(case)) <= set(approved):
        return Stage.READY_TO_SUBMIT
    if approved:
        return Stage.COUNCIL_APPROVAL
    if any(h.sent_on <= at and cycle.holds(h.sent_on) for h in agreement.hearings):
        return Stage.HEARING
    return {
        Opening.START: Stage.DRAFTING,
        Opening.OBJECTION: Stage.OBJECTION,
        Opening.REVIEW: Stage.REVISION,
    }[cycle.opened_by]


def entered_on(agreement: HealthAgreement, case: RegionCase) -> dt.date | None:
    """The day the agreement was entered (indgået, afsnit 3.6): the first submission made after the regional
    council and every municipal council approved it in the same cycle.

    An agreement made under the 2018 order counts as entered when first submitted: its approvals were
    governed by that order and are often not recorded here.
    """
    submissions = sorted(agreement.submissions, key=lambda s: s.submitted_on)
    if agreement.legal_basis == LEGACY_BASIS:
        return submissions[0].submitted_on if submissions else None
    parties = set(all_parties(case))
    latest = max((s.submitted_on for s in submissions), default=None)
    if latest is None:
        return None
    for cycle in cycles(agreement, latest):
        for submission in submissions:
            if not cycle.holds(submission.submitted_on):
                continue
            if parties <= set(approved_parties(agreement, cycle, submission.submitted_on)):
                return submission.submitted_on
    return None
