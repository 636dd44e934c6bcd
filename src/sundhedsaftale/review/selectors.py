"""Reading the reviewer's workspace: the queue, the version under review and its reviewed assessment.

The assessment is always computed from the version the councils approved and the region submitted (the
submission's frozen :class:`~sundhedsaftale.agreements.models.AgreementVersion`), never from a newer draft: the
authority decides on what it received.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import QuerySet

from sundhedsaftale.agreements.models import HealthAgreement as AgreementRow
from sundhedsaftale.agreements.models import Submission
from sundhedsaftale.core.assessment import Assessment, apply_reviews, assess
from sundhedsaftale.core.assessment import FindingReview as CoreReview
from sundhedsaftale.core.assessment import Verdict as CoreVerdict
from sundhedsaftale.core.case import HealthAgreement, RegionCase
from sundhedsaftale.core.lifecycle import AgreementDates, Stage, agreement_dates, stage_of
from sundhedsaftale.web.cases import case_snapshot, case_snapshots
from sundhedsaftale.web.platform import platform

from .models import FindingReview, IssuedLetter

# A deadline this close is shown as a warning in the queue; a passed one as overdue.
WARNING_DAYS = 14


class NotReviewable(Exception):
    """The agreement has no received submission, or the submitted version is not known, so nothing can be assessed."""


def received_submission(row: AgreementRow) -> Submission | None:
    """The latest submission Sundhedsstyrelsen has registered as received."""
    return (
        row.submissions.filter(received_on__isnull=False)
        .select_related("agreement_version")
        .order_by("-submitted_on")
        .first()
    )


def latest_submission(row: AgreementRow) -> Submission | None:
    return row.submissions.select_related("agreement_version").order_by("-submitted_on").first()


def submitted_case(case: RegionCase, row: AgreementRow, submission: Submission) -> RegionCase:
    """The case with the agreement as submitted: the frozen version's content, label and effective date."""
    version = submission.agreement_version
    if version is None:
        raise NotReviewable(row.key)
    current = case.agreement(row.key)
    if current is None:
        raise NotReviewable(row.key)
    shown = version.stated_in(current)
    if not version.label:  # a version saved before version numbers were stated: the submission names it
        shown = shown.model_copy(update={"version_number": submission.version_number})
    agreements = tuple(shown if a.id == row.key else a for a in case.agreements)
    return case.model_copy(update={"agreements": agreements})


def stored_reviews(submission: Submission) -> QuerySet[FindingReview]:
    return submission.finding_reviews.select_related("reviewer").order_by("rule_id", "subject_id")


def as_core_review(review: FindingReview) -> CoreReview:
    reviewer = review.reviewer
    return CoreReview(
        rule_id=review.rule_id,
        verdict=CoreVerdict(review.verdict),
        text=review.text,
        reason=review.reason,
        reviewer=(reviewer.get_full_name() or reviewer.username) if reviewer else "",
        reviewed_on=review.reviewed_at.date(),
    )


@dataclass(frozen=True)
class ReviewState:
    """The agreement under review as the reviewer sees it on ``at``."""

    row: AgreementRow
    case: RegionCase  # with the submitted version in place of the newest draft
    agreement: HealthAgreement
    submission: Submission
    assessment: Assessment  # with the stored verdicts applied
    reviews: dict[str, FindingReview]  # rule id → stored verdict
    dates: AgreementDates
    at: dt.date


def review_state(row: AgreementRow, at: dt.date, *, case: RegionCase | None = None) -> ReviewState:
    """Raises :class:`NotReviewable` without a received submission, and the core's ``CaseError`` when the
    assessment rules do not apply on ``at``."""
    submission = received_submission(row)
    if submission is None:
        raise NotReviewable(row.key)
    reviewed_case = submitted_case(case or case_snapshot(row.region_id), row, submission)
    agreement = reviewed_case.agreement(row.key)
    assert agreement is not None
    reviews = {r.rule_id: r for r in stored_reviews(submission)}
    base = assess(platform(), reviewed_case, row.key, at)
    known = {i.finding.rule_id for i in base.items}
    # A verdict on a rule the assessment no longer yields (the rulebook changed) cannot be applied; it stays
    # stored and visible in the audit trail but does not count.
    assessment = apply_reviews(base, [as_core_review(r) for r in reviews.values() if r.rule_id in known])
    return ReviewState(
        row=row,
        case=reviewed_case,
        agreement=agreement,
        submission=submission,
        assessment=assessment,
        reviews=reviews,
        dates=agreement_dates(platform(), reviewed_case, agreement, at),
        at=at,
    )


def reviewed_case_file(state: ReviewState) -> RegionCase:
    """The case as the reviewer assessed it, with the verdicts recorded on the submission under review: the case
    file from which ``sundhedsaftale assess`` and ``letter`` reproduce the reviewed decision. For reviewers only —
    the reasons are internal to Sundhedsstyrelsen."""
    verdicts = tuple(as_core_review(r) for r in state.reviews.values())
    submissions = tuple(
        s.model_copy(update={"reviews": verdicts}) if s.submitted_on == state.submission.submitted_on else s
        for s in state.agreement.submissions
    )
    agreement = state.agreement.model_copy(update={"submissions": submissions})
    agreements = tuple(agreement if a.id == agreement.id else a for a in state.case.agreements)
    return state.case.model_copy(update={"agreements": agreements})


@dataclass(frozen=True)
class QueueEntry:
    row: AgreementRow
    submission: Submission
    stage: Stage
    dates: AgreementDates
    days_left: int | None  # until the decision deadline; None when not received or already decided
    warning: str  # "", "near" or "overdue"

    @property
    def days_overdue(self) -> int:
        return -self.days_left if self.days_left is not None and self.days_left < 0 else 0


def review_queue(at: dt.date) -> list[QueueEntry]:
    """Every agreement that has been submitted, the open ones first by their decision deadline."""
    rows = list(
        AgreementRow.objects.filter(submissions__isnull=False)
        .select_related("region")
        .distinct()
        .order_by("key")
    )
    cases = case_snapshots(sorted({r.region_id for r in rows})) if rows else {}
    entries: list[QueueEntry] = []
    for row in rows:
        submission = latest_submission(row)
        agreement = cases[row.region_id].agreement(row.key)
        if submission is None or agreement is None:
            continue
        case = cases[row.region_id]
        dates = agreement_dates(platform(), case, agreement, at)
        stage = stage_of(agreement, case, at)
        days_left = warning = None
        open_review = stage is Stage.UNDER_REVIEW and dates.review_deadline is not None
        if open_review and dates.review_deadline is not None:
            days_left = (dates.review_deadline - at).days
            warning = "overdue" if days_left < 0 else ("near" if days_left <= WARNING_DAYS else "")
        entries.append(QueueEntry(row, submission, stage, dates, days_left, warning or ""))
    entries.sort(
        key=lambda e: (e.days_left is None, e.days_left if e.days_left is not None else 0, e.row.key)
    )
    return entries


def issued_letters(row: AgreementRow) -> QuerySet[IssuedLetter]:
    # The files are large; pages list letters without loading them.
    return (
        row.issued_letters.defer("pdf", "docx")
        .select_related("issued_by")
        .order_by("letter_date", "issued_at")
    )
