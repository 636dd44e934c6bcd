"""The follow-up rows as the case sees them: each yearly review and status report of the agreement's records
carries the committee's reasons, the meeting, the report's content, its state and its corrections (ADR 0045)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from sundhedsaftale.core.case import (
    HealthAgreement,
    StatusReportState,
    StatusReportVersion,
    YearlyReview,
)
from sundhedsaftale.core.case import StatusReport as CoreStatusReport
from sundhedsaftale.core.followup import StatusContent

from .models import ReportState, StatusReport, YearlyReviewRecord

__all__ = ["FollowupRows", "followup_enriched", "followup_rows"]

FollowupRows = tuple[dict[str, list[YearlyReviewRecord]], dict[str, list[StatusReport]]]


def followup_rows(region_codes: Iterable[str]) -> FollowupRows:
    """The regions' reviews and sent reports by agreement key, in two queries."""
    codes = list(region_codes)
    reviews: dict[str, list[YearlyReviewRecord]] = defaultdict(list)
    for review in (
        YearlyReviewRecord.objects.filter(agreement__region_id__in=codes)
        .select_related("agreement", "meeting")
        .order_by("year")
    ):
        reviews[review.agreement.key].append(review)
    reports: dict[str, list[StatusReport]] = defaultdict(list)
    for report in (
        StatusReport.objects.filter(agreement__region_id__in=codes)
        .exclude(state=ReportState.DRAFT)
        .select_related("agreement")
        .defer("receipt_pdf", "receipt_docx")
        .order_by("kind", "number")
    ):
        reports[report.agreement.key].append(report)
    return reviews, reports


def _review(record: YearlyReview, rows: list[YearlyReviewRecord]) -> YearlyReview:
    row = next((r for r in rows if r.meeting.date == record.held_on), None) or next(
        (r for r in rows if r.year == record.held_on.year), None
    )
    if row is None:
        return record
    rows.remove(row)
    return record.model_copy(update={"year": row.year, "reasons": row.reasons, "meeting_id": row.meeting.key})


def _report(record: CoreStatusReport, rows: list[StatusReport]) -> CoreStatusReport:
    sent = [r for r in rows if r.kind == record.kind.value]
    if not sent:
        return record
    first, *later = sent
    return record.model_copy(
        update={
            "state": StatusReportState(first.state),
            "received_on": first.received_on,
            "published_on": first.published_on,
            "receipt_reference": first.receipt_reference,
            "content": StatusContent.model_validate(first.content),
            "corrections": tuple(
                StatusReportVersion(
                    number=r.number,
                    sent_on=r.sent_on,  # type: ignore[arg-type]  # a sent report has its day
                    state=StatusReportState(r.state),
                    received_on=r.received_on,
                    published_on=r.published_on,
                    receipt_reference=r.receipt_reference,
                    content=StatusContent.model_validate(r.content),
                )
                for r in later
            ),
        }
    )


def followup_enriched(agreement: HealthAgreement, rows: FollowupRows) -> HealthAgreement:
    """``agreement`` with its follow-up rows: a review is matched by its meeting's day (or else its year), a
    report's lifecycle record by its kind (the first sent version; later ones are its corrections)."""
    reviews = list(rows[0].get(agreement.id, ()))
    reports = rows[1].get(agreement.id, [])
    if not reviews and not reports:
        return agreement
    return agreement.model_copy(
        update={
            "yearly_reviews": tuple(_review(r, reviews) for r in agreement.yearly_reviews),
            "status_reports": tuple(_report(r, reports) for r in agreement.status_reports),
        }
    )
