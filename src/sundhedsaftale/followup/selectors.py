"""Reading the follow-up: reviews, the reports a user may read, their deadlines and their progress over time."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import QuerySet

from sundhedsaftale.accounts.permissions import AnyUser, can_view_status_report
from sundhedsaftale.agreements.models import HealthAgreement as AgreementRow
from sundhedsaftale.core.case import HealthAgreement, RegionCase, StatusReportKind
from sundhedsaftale.core.followup import Deadline, StatusContent, progress
from sundhedsaftale.core.followup import report_deadlines as core_report_deadlines
from sundhedsaftale.web.cases import case_snapshot
from sundhedsaftale.web.platform import platform

from .models import ReportState, StatusReport, YearlyReviewRecord


def reviews_of(row: AgreementRow) -> QuerySet[YearlyReviewRecord]:
    return YearlyReviewRecord.objects.filter(agreement=row).select_related(
        "meeting", "meeting__body", "revision_version"
    )


def reports_for(user: AnyUser, row: AgreementRow) -> list[StatusReport]:
    """The agreement's reports the user may read (``accounts.permissions.can_view_status_report``)."""
    rows = StatusReport.objects.filter(agreement=row).order_by("kind", "number")
    return [r for r in rows if can_view_status_report(user, row.region_id, r.state)]


def published_reports() -> QuerySet[StatusReport]:
    """Every region's published reports: listed for the other regions (kapitel 6)."""
    return (
        StatusReport.objects.filter(state=ReportState.PUBLISHED)
        .select_related("agreement", "agreement__region")
        .order_by("agreement__region_id", "agreement__key", "kind", "number")
    )


def report_get(pk: int) -> StatusReport | None:
    return StatusReport.objects.select_related("agreement", "agreement__region").filter(pk=pk).first()


def report_deadlines(
    case: RegionCase, agreement: HealthAgreement, kind: StatusReportKind, at: dt.date
) -> list[Deadline]:
    """The deadlines the core computes for the report (:func:`sundhedsaftale.core.followup.report_deadlines`)."""
    return core_report_deadlines(platform(), case, agreement, kind, at)


@dataclass(frozen=True)
class ProgressPoint:
    measured_on: dt.date
    value: str
    percent: float | None
    reason: str


@dataclass(frozen=True)
class CriterionSeries:
    item_title: str
    criterion: str
    baseline: str
    target: str
    points: tuple[ProgressPoint, ...]

    @property
    def computable(self) -> bool:
        return any(p.percent is not None for p in self.points)


def progress_series(content: StatusContent) -> list[CriterionSeries]:
    """Per success criterion, each measured value in date order with its progress against the target."""
    series = []
    for item in content.items:
        for criterion in item.criteria:
            points = []
            for value in criterion.ordered():
                p = progress(criterion, value)
                points.append(
                    ProgressPoint(
                        value.measured_on, f"{value.value} {value.unit}".strip(), p.percent, p.reason
                    )
                )
            if points:
                series.append(
                    CriterionSeries(
                        item.title, criterion.text, criterion.baseline, criterion.target, tuple(points)
                    )
                )
    return series


def sent_reports() -> list[tuple[StatusReport, dt.date, str]]:
    """Reports sent to Sundhedsstyrelsen and not yet received: the reviewers' notice (kapitel 6), dated the
    day they were sent."""
    rows = StatusReport.objects.filter(state=ReportState.SENT).select_related(
        "agreement", "agreement__region"
    )
    return [
        (r, r.sent_on, f"{r.get_kind_display()}: {r.agreement.title}") for r in rows if r.sent_on is not None
    ]


def draft_reports(region_code: str, at: dt.date) -> list[tuple[StatusReport, dt.date, str]]:
    """The region's open drafts, each on the earliest deadline the rules give for its kind (or today)."""
    rows = list(
        StatusReport.objects.filter(state=ReportState.DRAFT, agreement__region_id=region_code).select_related(
            "agreement", "agreement__region"
        )
    )
    if not rows:
        return []
    case = case_snapshot(region_code)
    found = []
    for r in rows:
        agreement = case.agreement(r.agreement.key)
        due = report_deadlines(case, agreement, StatusReportKind(r.kind), at) if agreement else []
        when = min((d.day for d in due), default=at)
        found.append((r, when, f"{r.get_kind_display()}: {r.agreement.title}"))
    return found
