"""The høringsnotat of a hearing round (ADR 0036): the round, its addressees and who answered, each answer
summarised with its disposition and reason, the members' own views where the body did not agree (§ 27, stk. 3),
and the changes the hearing led to. Framework-free: plain values in, one :class:`Document` out."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sundhedsaftale.core.case import HearingRound
from sundhedsaftale.core.hearings import Disposition
from sundhedsaftale.core.periods import danish_date

from ._model import Block, BulletList, Document, Heading, KeyValues, Paragraph, Table

__all__ = ["NotatAnswer", "NotatDisposition", "NotatInput", "hearing_notat_document", "notat_input"]

SUMMARY_CHARS = 600


@dataclass(frozen=True)
class NotatDisposition:
    kind: Disposition
    reason: str
    point: str = ""


@dataclass(frozen=True)
class NotatAnswer:
    addressee: str
    received_on: dt.date | None  # None: no answer
    text: str = ""
    no_remarks: bool = False
    late: bool = False
    from_body: bool = False
    consensus_reached: bool | None = None
    dissents: tuple[tuple[str, str], ...] = ()
    dispositions: tuple[NotatDisposition, ...] = ()


@dataclass(frozen=True)
class NotatInput:
    region: str
    subject: str
    topic: str
    citation: str
    document: str  # what was heard: the agreement version, or the uploaded file's name
    sent_on: dt.date
    response_deadline: dt.date
    answers: tuple[NotatAnswer, ...]
    changes_made: str = ""
    date: dt.date | None = None
    reference: str = ""
    covering_text: str = ""
    sender: str = field(default="")


def _summary(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= SUMMARY_CHARS else flat[: SUMMARY_CHARS - 1].rstrip() + "…"


def _answer_blocks(answer: NotatAnswer) -> list[Block]:
    blocks: list[Block] = [Heading(answer.addressee, level=2)]
    if answer.received_on is None:
        blocks.append(Paragraph("Der er ikke modtaget et høringssvar."))
        return blocks
    received = (
        f"Modtaget {danish_date(answer.received_on)}" + (" (efter fristen)" if answer.late else "") + "."
    )
    blocks.append(Paragraph(received))
    blocks.append(
        Paragraph("Ingen bemærkninger." if answer.no_remarks else f"Resumé: {_summary(answer.text)}")
    )
    if answer.from_body:
        if answer.consensus_reached:
            blocks.append(Paragraph("Udvalget tilstræbte og opnåede enighed om svaret (§ 27, stk. 3)."))
        elif answer.consensus_reached is False:
            blocks.append(
                Paragraph(
                    "Udvalget tilstræbte enighed, men opnåede den ikke; medlemmerne har hver især afgivet "
                    "synspunkter (§ 27, stk. 3):"
                )
            )
            blocks.append(BulletList(tuple(f"{member}: »{view}«" for member, view in answer.dissents)))
    if answer.dispositions:
        blocks.append(
            Table(
                header=("Punkt", "Behandling", "Begrundelse"),
                rows=tuple(
                    (d.point or "Svaret som helhed", d.kind.label, d.reason) for d in answer.dispositions
                ),
                caption=f"Behandling af svaret fra {answer.addressee}",
            )
        )
    else:
        blocks.append(Paragraph("Svaret er endnu ikke behandlet."))
    return blocks


def hearing_notat_document(data: NotatInput) -> Document:
    answered = [a for a in data.answers if a.received_on is not None]
    blocks: list[Block] = [
        Heading("Høringen", level=1),
        KeyValues(
            (
                ("Emne", data.topic + (f" ({data.citation})" if data.citation else "")),
                ("Høringsmateriale", data.document),
                ("Sendt i høring", danish_date(data.sent_on)),
                ("Høringsfrist", danish_date(data.response_deadline)),
                ("Høringssvar", f"{len(answered)} af {len(data.answers)} høringsparter har svaret"),
            )
        ),
    ]
    if data.covering_text:
        blocks.append(Paragraph(_summary(data.covering_text)))
    blocks += [
        Heading("Høringsparter", level=1),
        Table(
            header=("Høringspart", "Svar"),
            rows=tuple(
                (
                    a.addressee,
                    (
                        "Ikke svaret"
                        if a.received_on is None
                        else danish_date(a.received_on) + (" (efter fristen)" if a.late else "")
                    ),
                )
                for a in data.answers
            ),
            caption="Høringsparter og modtagne svar",
        ),
        Heading("Høringssvarene og deres behandling", level=1),
    ]
    for answer in data.answers:
        blocks += _answer_blocks(answer)
    blocks.append(Heading("Ændringer som følge af høringen", level=1))
    blocks.append(Paragraph(data.changes_made or "Høringen har ikke ført til ændringer."))
    return Document(
        title="Høringsnotat",
        subtitle=data.subject,
        sender=data.sender or data.region,
        date=data.date,
        reference=data.reference,
        blocks=tuple(blocks),
    )


def notat_input(
    hearing: HearingRound, *, region: str, document: str, date: dt.date, reference: str = "", topic: str = ""
) -> NotatInput:
    """The notat's input from a round as the case carries it; the platform and the command line both render
    through it. ``document`` is what was heard; ``topic`` the topic's wording (default: the core's Danish label
    with its provision). A round that was never sent has no notat: :class:`ValueError` naming the field."""
    if hearing.sent_on is None:
        raise ValueError(f"sent_on: høringen »{hearing.subject}« er ikke sendt, så der er intet høringsnotat")
    topic = topic or hearing.topic.label + (f" ({hearing.topic.citation})" if hearing.topic.citation else "")
    return NotatInput(
        region=region,
        subject=hearing.subject,
        topic=topic,
        citation=hearing.topic.citation,
        document=document,
        sent_on=hearing.sent_on,
        response_deadline=hearing.response_deadline,
        answers=tuple(
            NotatAnswer(addressee=a.name, received_on=None)
            if a.answer is None
            else NotatAnswer(
                addressee=a.name,
                received_on=a.answer.received_on,
                text=a.answer.text,
                no_remarks=a.answer.no_remarks,
                late=a.answer.late,
                from_body=a.body_id is not None,
                consensus_reached=a.answer.consensus_reached,
                dissents=tuple((d.member, d.view) for d in a.answer.dissents),
                dispositions=tuple(
                    NotatDisposition(kind=d.kind, reason=d.reason, point=d.point)
                    for d in a.answer.dispositions
                ),
            )
            for a in hearing.addressees
        ),
        changes_made=hearing.changes_made,
        date=hearing.closed_on or date,
        reference=reference,
        covering_text=hearing.covering_text,
    )
