"""The archive's index for people, in Danish: what the archive holds, where in it, and in which format.

Written from the :class:`Inventory` as one :class:`~sundhedsaftale.documents.Document`, rendered by the
platform's own renderers as ``index.html`` and as PDF/A-2b ``index.pdf``.
"""

from __future__ import annotations

from collections import Counter

from sundhedsaftale.core.case import RegionCase
from sundhedsaftale.core.periods import danish_date
from sundhedsaftale.documents import Block, Document, Heading, KeyValues, Paragraph, Table

from ._inventory import FileKind, Inventory

__all__ = ["FORMAT_NOTES", "index_document"]

FORMAT_NOTES = {
    FileKind.CASE_FILE: "Platformens eksport (sagsfil)",
    FileKind.RENDERED: "PDF/A-2b, dannet af platformen",
    FileKind.LETTER: "Som udstedt (PDF/A-2b og DOCX)",
    FileKind.UPLOADED: "Original som uploadet; ikke konverteret til PDF/A",
    FileKind.RECORD: "Poster som JSON",
}


def index_document(inventory: Inventory, case: RegionCase) -> Document:
    when = inventory.created_at
    blocks: list[Block] = [
        KeyValues(
            (
                ("Region", f"{inventory.region_name} ({inventory.region_code})"),
                ("Periode", f"{danish_date(inventory.period_start)} – {danish_date(inventory.period_end)}"),
                ("Dannet", f"{danish_date(when.date())} kl. {when:%H:%M} UTC"),
                ("Platformens version", inventory.platform_version),
                ("Sagsfil", f"data/{inventory.case_file}"),
            )
        ),
        Paragraph(
            "Arkivet er en BagIt-pakke (RFC 8500). Hver fil under data/ står med sin SHA-256 i "
            "manifest-sha256.txt; bag-info.txt beskriver arkivet. Kontrollér det med "
            "'sundhedsaftale archive verify STI', som ikke behøver platformens database."
        ),
        Paragraph(
            "Sagsfilen er regionens forhold, som platformen havde dem, da arkivet blev dannet: organer, "
            "medlemskaber, møder med dagsorden, deltagelse og referat, sundhedsaftaler med høringer, "
            "indsendelser, afgørelser og statusrapporter, samt lokale beslutninger. Den indeholder også poster "
            "fra før perioden, som platformen stadig har. Perioden ovenfor er arkivets formål, ikke et udsnit."
        ),
        Paragraph(
            "Dokumenter, platformen selv danner (denne fortegnelse, aftalens versioner og Sundhedsstyrelsens "
            "breve), er PDF/A-2b. Uploadede dokumenter er gemt, som de blev uploadet: et vilkårligt "
            "Word-dokument kan ikke omdannes til PDF/A her uden at ændre det."
        ),
        Heading("Indhold i tal", 1),
        Table(
            ("Poster", "Antal"),
            (
                ("Organer", str(len(case.bodies))),
                ("Medlemskaber", str(sum(len(b.memberships) for b in case.bodies))),
                ("Møder", str(len(case.meetings))),
                ("Dagsordenspunkter", str(sum(len(m.agenda) for m in case.meetings))),
                ("Sundhedsaftaler", str(len(case.agreements))),
                ("Aftaleversioner", str(len(inventory.agreement_versions))),
                ("Indsendelser", str(sum(len(a.submissions) for a in case.agreements))),
                ("Afgørelser", str(sum(len(a.decisions) for a in case.agreements))),
                ("Høringer", str(sum(len(a.hearings) for a in case.agreements))),
                ("Statusrapporter", str(sum(len(a.status_reports) for a in case.agreements))),
                ("Høringsrunder med svar og behandling", str(len(case.hearing_rounds))),
                ("Patientinddragelsesudvalgets udtalelser", str(len(case.statements))),
                (
                    "Årlige gennemgange med begrundelse",
                    str(sum(1 for a in case.agreements for r in a.yearly_reviews if r.reasons)),
                ),
                ("Udstedte breve", str(len(inventory.letters))),
                ("Kvitteringer for statusrapporter", str(len(inventory.receipt_letters))),
                ("Mødedokumenter (uploadede)", str(len(inventory.meeting_documents))),
                ("Offentliggørelser af organer", str(len(inventory.body_publications))),
                ("Markeringer til national udbredelse", str(len(inventory.spread_marks))),
                ("Lokale beslutninger", str(len(case.decisions))),
                ("Rækker i revisionssporet", str(inventory.audit_rows)),
            ),
        ),
        Heading("Filer", 1),
    ]
    kinds = Counter(f.kind for f in inventory.files)
    for kind in FileKind:
        if not kinds[kind]:
            continue
        rows = tuple((f"data/{f.path}", f.title) for f in inventory.files if f.kind is kind)
        blocks += [
            Heading(FORMAT_NOTES[kind], 2),
            Table(("Sti", "Indhold"), rows),
        ]
    if inventory.meeting_documents:
        bodies = {b.id: b.name for b in case.bodies}
        blocks += [
            Heading("Mødedokumenter", 1),
            Table(
                ("Møde", "Organ", "Titel", "Sti"),
                tuple(
                    (
                        danish_date(d.meeting_date),
                        bodies.get(d.body_id, d.body_id),
                        d.title,
                        f"data/{d.path}",
                    )
                    for d in inventory.meeting_documents
                ),
            ),
        ]
    if inventory.spread_marks:
        # § 15, stk. 2, nr. 5: the committee's marks with their evidence; an uploaded document kept as uploaded.
        blocks += [
            Heading("Markeringer til national udbredelse", 1),
            Table(
                ("Tiltag", "Markeret", "Tilbagekaldt", "Dokumentation"),
                tuple(
                    (
                        mark.title,
                        danish_date(mark.marked_on),
                        danish_date(mark.withdrawn_on) if mark.withdrawn_on else "",
                        f"data/{mark.document}" if mark.document else "",
                    )
                    for mark in inventory.spread_marks
                ),
            ),
        ]
    if inventory.letters:
        blocks += [
            Heading("Udstedte breve", 1),
            Table(
                ("Aftale", "Brev", "Brevdato", "J.nr.", "PDF", "DOCX"),
                tuple(
                    (
                        letter.agreement_id,
                        letter.kind,
                        danish_date(letter.letter_date),
                        letter.reference,
                        f"data/{letter.pdf}",
                        f"data/{letter.docx}",
                    )
                    for letter in inventory.letters
                ),
            ),
        ]
    return Document(
        title=f"Arkiv over {inventory.region_name}s sundhedssamarbejde",
        subtitle="Fortegnelse over arkivets indhold",
        sender=inventory.region_name,
        date=when.date(),
        blocks=tuple(blocks),
    )
