"""The høringsnotat of a round as HTML, PDF/A-2b or DOCX, built by ``documents.hearing_notat`` (ADR 0036)."""

from __future__ import annotations

from pathlib import PurePath

from django.http import Http404

from sundhedsaftale.agreements.documents import CONTENT_TYPES
from sundhedsaftale.documents import Document, render_docx, render_html, render_pdf
from sundhedsaftale.documents.hearing_notat import hearing_notat_document, notat_input
from sundhedsaftale.registry import clock

from .models import HearingRound
from .snapshot import round_case


def _heard(round_: HearingRound) -> str:
    if round_.agreement is not None:
        return f"{round_.agreement.title}, {round_.version_label or 'nyeste version'}"
    if round_.document:
        return PurePath(round_.document.name or "").name
    return "Følgebrevet"


def notat_document(round_: HearingRound) -> Document:
    """The notat of a sent round, through the same mapping as the command line's (the case's round)."""
    return hearing_notat_document(
        notat_input(
            round_case(round_),
            region=round_.region.name,
            document=_heard(round_),
            date=clock.today(),
            reference=f"Høring {round_.pk}",
            topic=str(round_.get_topic_display()),
        )
    )


def notat_file(round_: HearingRound, fmt: str) -> tuple[bytes | str, str]:
    if round_.sent_on is None:
        raise Http404
    document = notat_document(round_)
    if fmt == "html":
        return render_html(document), CONTENT_TYPES[fmt]
    if fmt == "pdf":
        return render_pdf(document), CONTENT_TYPES[fmt]
    if fmt == "docx":
        return render_docx(document), CONTENT_TYPES[fmt]
    raise Http404
