"""The høringsnotat of a round as HTML, PDF/A-2b or DOCX, built by ``documents.hearing_notat`` (ADR 0036)."""

from __future__ import annotations

from pathlib import PurePath

from django.http import Http404

from sundhedsaftale.agreements.documents import CONTENT_TYPES
from sundhedsaftale.core.hearings import Disposition
from sundhedsaftale.documents import Document, render_docx, render_html, render_pdf
from sundhedsaftale.documents.hearing_notat import (
    NotatAnswer,
    NotatDisposition,
    NotatInput,
    hearing_notat_document,
)
from sundhedsaftale.registry import clock

from .models import HearingRound
from .selectors import answer_of


def _heard(round_: HearingRound) -> str:
    if round_.agreement is not None:
        return f"{round_.agreement.title}, {round_.version_label or 'nyeste version'}"
    if round_.document:
        return PurePath(round_.document.name or "").name
    return "Følgebrevet"


def notat_document(round_: HearingRound) -> Document:
    answers = []
    for addressee in round_.addressees.all():
        answer = answer_of(addressee)
        if answer is None:
            answers.append(NotatAnswer(addressee=addressee.name, received_on=None))
            continue
        answers.append(
            NotatAnswer(
                addressee=addressee.name,
                received_on=answer.received_on,
                text=answer.text,
                no_remarks=answer.no_remarks,
                late=answer.late,
                from_body=addressee.body_id is not None,
                consensus_reached=answer.consensus_reached,
                dissents=tuple((d["member"], d["view"]) for d in answer.dissents),
                dispositions=tuple(
                    NotatDisposition(kind=Disposition(d.kind), reason=d.reason, point=d.point)
                    for d in answer.dispositions.all()
                ),
            )
        )
    assert round_.sent_on is not None
    return hearing_notat_document(
        NotatInput(
            region=round_.region.name,
            subject=round_.subject,
            topic=str(round_.get_topic_display()),
            citation=round_.topic_kind.citation,
            document=_heard(round_),
            sent_on=round_.sent_on,
            response_deadline=round_.response_deadline,
            answers=tuple(answers),
            changes_made=round_.changes_made,
            date=round_.closed_on or clock.today(),
            reference=f"Høring {round_.pk}",
            covering_text=round_.covering_text,
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
