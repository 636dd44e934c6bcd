"""The agreement as a document: blocks for the page, and HTML, PDF (PDF/A-2b) or DOCX files to download."""

from __future__ import annotations

from collections.abc import Sequence

from django.http import Http404

from sundhedsaftale.core.case import HealthAgreement, RegionCase
from sundhedsaftale.documents import Document, agreement_document, render_docx, render_html, render_pdf
from sundhedsaftale.documents.agreement import UploadedAnnex
from sundhedsaftale.web.platform import platform

CONTENT_TYPES = {
    "html": "text/html; charset=utf-8",
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


def agreement_blocks(
    case: RegionCase, agreement: HealthAgreement, annexes: Sequence[UploadedAnnex] = ()
) -> Document:
    names = platform().reference.national_goal_names()
    return agreement_document(case, agreement, national_goal_names=names, uploaded_annexes=annexes)


def agreement_file(
    case: RegionCase, agreement: HealthAgreement, fmt: str, annexes: Sequence[UploadedAnnex] = ()
) -> tuple[bytes | str, str]:
    document = agreement_blocks(case, agreement, annexes)
    if fmt == "html":
        return render_html(document), CONTENT_TYPES[fmt]
    if fmt == "pdf":
        return render_pdf(document), CONTENT_TYPES[fmt]
    if fmt == "docx":
        return render_docx(document), CONTENT_TYPES[fmt]
    raise Http404
