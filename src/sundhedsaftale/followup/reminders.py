"""The status reports' reminder source (ADR 0034, 0037), registered through ``reminders.sources.register_source``:

- "statusrapport sendt": a report sent to Sundhedsstyrelsen "til orientering" (kapitel 6) and not yet received, to
  its reviewers, linking to the report where they record the receipt;
- "kvittering udstedt": a report Sundhedsstyrelsen received, with its receipt letter, to the region's secretariat,
  linking to the report and its letter.

Announced within ``PASSED_WINDOW_DAYS`` of the day sent or received, so an old record is not news; each key names
the report and the event, so each is sent once (the sent-log, ADR 0034).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator

from django.db.models import Q
from django.urls import reverse

from sundhedsaftale.accounts.models import User
from sundhedsaftale.accounts.permissions import can_edit_region, can_review
from sundhedsaftale.core.case import StatusReportKind
from sundhedsaftale.registry.clock import region_ended
from sundhedsaftale.reminders.models import ReminderKind
from sundhedsaftale.reminders.sources import PASSED_WINDOW_DAYS, Candidate

from .models import ReportState, StatusReport

__all__ = ["status_report_candidates"]


def _reviewer(user: User) -> bool:
    return can_review(user)


def _secretariat(region_code: str) -> Callable[[User], bool]:
    def may_receive(user: User) -> bool:
        return can_edit_region(user, region_code)

    return may_receive


def status_report_candidates(today: dt.date) -> Iterator[Candidate]:
    since = today - dt.timedelta(days=PASSED_WINDOW_DAYS)
    reports = (
        StatusReport.objects.exclude(state=ReportState.DRAFT)
        .filter(Q(sent_on__gte=since, sent_on__lte=today) | Q(received_on__gte=since, received_on__lte=today))
        .select_related("agreement", "agreement__region")
        .defer("receipt_pdf", "receipt_docx")
        .order_by("pk")
    )
    for report in reports:
        code = report.agreement.region_id
        if region_ended(code, today):
            continue
        kind = StatusReportKind(report.kind)
        title = f"{kind.label}, rapportversion {report.number}"
        page = reverse("followup:report", kwargs={"pk": report.pk})
        if report.state == ReportState.SENT and report.sent_on is not None and report.sent_on >= since:
            yield Candidate(
                kind=ReminderKind.STATUS_REPORT,
                key=f"status_report_sent:{report.pk}",
                region_code=code,
                title=f"{title} sendt til Sundhedsstyrelsen til orientering",
                subject=f"{report.agreement.title} ({report.agreement.region.name})",
                when=report.sent_on,
                path=f"{page}#receipt-form",
                may_receive=_reviewer,
                citation="vejledningens kapitel 6",
                detail="Registrér modtagelsen; kvitteringen dannes (ingen godkendelse).",
                for_reviewers=True,
            )
        if report.received_on is not None and report.received_on >= since:
            yield Candidate(
                kind=ReminderKind.STATUS_REPORT,
                key=f"status_report_receipt:{report.pk}",
                region_code=code,
                title=f"Sundhedsstyrelsen har kvitteret for {title.lower()}",
                subject=report.agreement.title,
                when=report.received_on,
                path=f"{page}#report-state",
                may_receive=_secretariat(code),
                citation="vejledningens kapitel 6",
                detail=f"Journalnummer {report.receipt_reference}" if report.receipt_reference else "",
            )
