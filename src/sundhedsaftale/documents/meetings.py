"""A meeting's agenda (the agenda part of the agenda pack) and its minutes as documents.

Framework-free: the caller passes what the reader may see (items already filtered), so a document never holds
more than the page does. The agenda pack itself is this agenda rendered as PDF followed by the items' PDF
attachments, merged by :func:`merge_pdfs`.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from dataclasses import dataclass, field

from ._model import Block, BulletList, Document, Heading, KeyValues, Paragraph

__all__ = ["MeetingItem", "MeetingPaper", "agenda_document", "merge_pdfs", "minutes_document"]


@dataclass(frozen=True)
class MeetingItem:
    number: int
    title: str
    description: str = ""
    summary: str = ""
    recommendation: str = ""
    decision: str = ""
    authorities_only: bool = False
    closed: bool = False
    attachments: tuple[str, ...] = ()  # the titles of the item's attachments, in order


@dataclass(frozen=True)
class MeetingPaper:
    """What the documents say about one meeting."""

    body: str
    date: dt.date
    title: str = ""
    time: str = ""  # "14.00–16.00", or empty
    place: str = ""
    video_url: str = ""
    region: str = ""
    items: tuple[MeetingItem, ...] = ()
    general_minutes: str = ""
    present: tuple[str, ...] = ()
    absent: tuple[str, ...] = ()
    chaired_by: str = ""
    approval: str = ""  # "Godkendt af formanden den 3. december 2026", or empty while a draft
    meeting_attachments: tuple[str, ...] = field(default=())


def _facts(paper: MeetingPaper) -> KeyValues:
    pairs = [("Organ", paper.body), ("Dato", paper.date.strftime("%d.%m.%Y"))]
    if paper.time:
        pairs.append(("Tid", paper.time))
    if paper.place:
        pairs.append(("Sted", paper.place))
    if paper.video_url:
        pairs.append(("Videolink", paper.video_url))
    return KeyValues(pairs=tuple(pairs))


def _marks(item: MeetingItem) -> str:
    marks = []
    if item.closed:
        marks.append("lukket punkt")
    if item.authorities_only:
        marks.append("særskilt punkt for myndighederne, § 2, stk. 3")
    return f" ({'; '.join(marks)})" if marks else ""


def _paragraphs(text: str) -> list[Block]:
    return [Paragraph(part.strip()) for part in text.split("\n\n") if part.strip()]


def agenda_document(paper: MeetingPaper) -> Document:
    """The agenda: each item with its description, case summary (sagsfremstilling), recommendation (indstilling)
    and the names of its attachments."""
    blocks: list[Block] = [_facts(paper), Heading("Dagsorden")]
    if paper.items:
        blocks.append(BulletList(tuple(f"{item.number}. {item.title}{_marks(item)}" for item in paper.items)))
    else:
        blocks.append(Paragraph("Dagsordenen har ingen punkter."))
    for item in paper.items:
        blocks.append(Heading(f"{item.number}. {item.title}{_marks(item)}", level=2))
        blocks += _paragraphs(item.description)
        if item.summary:
            blocks.append(Heading("Sagsfremstilling", level=3))
            blocks += _paragraphs(item.summary)
        if item.recommendation:
            blocks.append(Heading("Indstilling", level=3))
            blocks += _paragraphs(item.recommendation)
        if item.attachments:
            blocks.append(Heading("Bilag", level=3))
            blocks.append(BulletList(item.attachments))
    if paper.meeting_attachments:
        blocks.append(Heading("Bilag til mødet"))
        blocks.append(BulletList(paper.meeting_attachments))
    return Document(
        title=f"Dagsorden: {paper.title or paper.body}",
        subtitle=paper.date.strftime("%d.%m.%Y"),
        sender=paper.region,
        date=paper.date,
        blocks=tuple(blocks),
    )


def minutes_document(paper: MeetingPaper) -> Document:
    """The minutes (referat): attendance, the general minutes and each item's decision (beslutning)."""
    blocks: list[Block] = [_facts(paper)]
    blocks.append(Paragraph(paper.approval or "Udkast: referatet er ikke godkendt."))
    if paper.chaired_by:
        blocks.append(KeyValues(pairs=(("Mødeleder", paper.chaired_by),)))
    if paper.present or paper.absent:
        blocks.append(Heading("Deltagere"))
        if paper.present:
            blocks.append(KeyValues(pairs=(("Til stede", ", ".join(paper.present)),)))
        if paper.absent:
            blocks.append(KeyValues(pairs=(("Afbud", ", ".join(paper.absent)),)))
    if paper.general_minutes:
        blocks.append(Heading("Referat"))
        blocks += _paragraphs(paper.general_minutes)
    for item in paper.items:
        blocks.append(Heading(f"{item.number}. {item.title}{_marks(item)}"))
        if item.recommendation:
            blocks.append(Heading("Indstilling", level=2))
            blocks += _paragraphs(item.recommendation)
        blocks.append(Heading("Beslutning", level=2))
        blocks += _paragraphs(item.decision) or [Paragraph("Ingen beslutning registreret.")]
    return Document(
        title=f"Referat: {paper.title or paper.body}",
        subtitle=paper.date.strftime("%d.%m.%Y"),
        sender=paper.region,
        date=paper.date,
        blocks=tuple(blocks),
    )


def merge_pdfs(first: bytes, attachments: Sequence[bytes]) -> bytes:
    """``first`` followed by every page of each attachment, as one PDF. An attachment that cannot be read as PDF
    is left out (the agenda lists it by name)."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.errors import PdfReadError

    writer = PdfWriter()
    writer.append(PdfReader(io.BytesIO(first)))
    for data in attachments:
        try:
            writer.append(PdfReader(io.BytesIO(data)))
        except (PdfReadError, ValueError, KeyError, OSError):
            continue
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
