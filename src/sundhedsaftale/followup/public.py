"""Published status reports in the public portal (ADR 0037, ADR 0042).

Publishing a report is the region's own audited act (``followup.actions``); from then on the report is public:
listed on the region's public page, announced in the feed and downloadable without login. A report in any other
state is not found here, for everyone.
"""

from __future__ import annotations

from collections.abc import Iterator

from django.urls import reverse

from sundhedsaftale.public.shapes import DocumentFile, PublicDocument

from .models import ReportKind, StatusReport
from .selectors import published_reports

_FORMATS = ("pdf", "docx")


def published_status_reports(region_code: str | None) -> Iterator[PublicDocument]:
    """The published midterm and final statuses of a region (``None``: every region), as portal documents."""
    rows = published_reports()
    if region_code is not None:
        rows = rows.filter(agreement__region_id=region_code)
    for report in rows:
        if report.published_on is None:  # published reports carry their date; a row without one is not shown
            continue
        kind_label = ReportKind(report.kind).label
        files = [
            DocumentFile(format=fmt, url=reverse("followup:public_report_document", args=(report.pk, fmt)))
            for fmt in _FORMATS
        ]
        yield PublicDocument(
            id=f"status_report:{report.pk}",
            kind="status_report",
            kind_label=str(kind_label),
            title=f"{kind_label} {report.number} – {report.agreement.title}",
            region_code=report.agreement.region_id,
            published_on=report.published_on,
            url=files[0].url,
            files=files,
        )


def published_report(pk: int) -> StatusReport | None:
    """The report if it is published, else ``None`` (never a draft, a sent or a received report)."""
    return published_reports().filter(pk=pk).first()
