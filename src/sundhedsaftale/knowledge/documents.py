"""A catalogue entry, or the filtered catalogue, as the ``documents`` package's one document model: PDF/A, DOCX
or HTML by its renderers (issue 16, item 5). Built only from the public catalogue's records."""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext as _

from sundhedsaftale.core.periods import danish_date
from sundhedsaftale.documents import Block, BulletList, Document, Heading, KeyValues, Paragraph, Table

from .shapes import CatalogueEntry, CataloguePage


def _source_note() -> str:
    return _(
        "Kilde: den offentliggjorte version af sundhedsaftalen og offentliggjorte statusrapporter (bek. nr. 1248/2022 "
        "§ 15, stk. 2, nr. 5 og § 18; vejledningens afsnit 4.1 og 4.3)."
    )


def _entry_blocks(e: CatalogueEntry, *, level: int) -> list[Block]:
    blocks: list[Block] = [
        KeyValues(
            pairs=(
                (_("Region"), e.region_name),
                (_("Art"), e.kind_label),
                (_("Sundhedsaftale"), f"{e.agreement_title}, version {e.version_label}"),
                (_("Målgrupper"), ", ".join(e.target_groups) or "–"),
                (_("Nationale mål"), ", ".join(f"{n.number}. {n.name}" for n in e.national_goals) or "–"),
            )
        )
    ]
    if e.description:
        blocks.append(Paragraph(e.description))
    if e.goals:
        blocks += [
            Heading(_("Målsætninger, tiltaget understøtter"), level=level + 1),
            BulletList(tuple(e.goals)),
        ]
    if e.clusters:
        blocks += [Heading(_("Sundhedsklynger"), level=level + 1), BulletList(tuple(e.clusters))]
    if e.spread is not None:
        blocks += [
            Heading(_("Markeret til national udbredelse"), level=level + 1),
            KeyValues(
                pairs=(
                    (_("Markeret"), danish_date(e.spread.marked_on)),
                    (_("Besluttet af"), f"{e.spread.body}, {danish_date(e.spread.meeting_date)}"),
                )
            ),
            Paragraph(e.spread.evidence),
        ]
    for result in e.results:
        blocks.append(Heading(_("Resultater: %(title)s") % {"title": result.title}, level=level + 1))
        rows = tuple(
            (
                g.title,
                g.status_label,
                "; ".join(f"{v.indicator or v.criterion}: {v.value} {v.unit}".strip() for v in g.values)
                or "–",
            )
            for g in result.goals
        )
        if rows:
            blocks.append(Table(header=(_("Målsætning"), _("Status"), _("Indikatorværdier")), rows=rows))
        else:
            blocks.append(Paragraph(_("Rapporten giver ingen status for tiltagets målsætninger.")))
    return blocks


def entry_document(e: CatalogueEntry, today: dt.date) -> Document:
    return Document(
        title=e.title,
        subtitle=_("Vidensdelingskatalog"),
        sender=e.region_name,
        date=today,
        blocks=(*_entry_blocks(e, level=1), Paragraph(_source_note())),
    )


def catalogue_document(page: CataloguePage, today: dt.date) -> Document:
    blocks: list[Block] = [
        Paragraph(
            _("%(shown)s af %(total)s tiltag med de valgte filtre.")
            % {"shown": len(page.entries), "total": page.total}
        )
    ]
    for e in page.entries:
        blocks.append(Heading(f"{e.title} ({e.region_name})", level=1))
        blocks += _entry_blocks(e, level=1)
    blocks.append(Paragraph(_source_note()))
    return Document(
        title=_("Vidensdelingskatalog"),
        subtitle=_("Samarbejdsaftaler og samarbejdsmodeller på tværs af regionerne"),
        date=today,
        blocks=tuple(blocks),
    )
