"""A published agenda as the ``documents`` package's one document model, rendered as PDF/A, DOCX or HTML."""

from __future__ import annotations

from django.utils.translation import gettext as _

from sundhedsaftale.core.periods import danish_date
from sundhedsaftale.documents import Document, Heading, KeyValues, Paragraph

from .shapes import MeetingPage


def agenda_document(page: MeetingPage) -> Document:
    """The agenda's public items (never those for the authorities only, § 2, stk. 3)."""
    blocks: list[Heading | Paragraph | KeyValues] = [
        KeyValues(
            pairs=(
                (_("Organ"), page.body.name),
                (_("Dato"), danish_date(page.date)),
                (_("Sted"), page.location or "–"),
            )
        ),
        Heading(_("Dagsorden")),
    ]
    for item in page.agenda:
        blocks.append(Heading(f"{item.number}. {item.title}", level=2))
        if item.description:
            blocks.append(Paragraph(item.description))
    return Document(
        title=_("Dagsorden: %(body)s") % {"body": page.body.name},
        subtitle=page.title,
        sender=page.region.name,
        date=page.agenda_published_on,
        blocks=tuple(blocks),
    )
