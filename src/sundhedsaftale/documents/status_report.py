"""The committee's midterm or final status as a document, and Sundhedsstyrelsen's receipt for it.

§ 22, stk. 1 asks for the midterm status ("midtvejsstatus") and the final status ("afsluttende status på aftalens
resultater"); kapitel 6 of the guidance sends both to Sundhedsstyrelsen "til orientering". The receipt therefore
confirms that the report was received and decides nothing: there is no approval of a status report.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sundhedsaftale.core.case import HealthAgreement, RegionCase, StatusReportKind
from sundhedsaftale.core.followup import StatusContent, progress
from sundhedsaftale.core.periods import danish_date

from ._model import Block, Document, Heading, KeyValues, Paragraph, Signature, Table
from .letters import addressee_lines

__all__ = ["ReportFacts", "status_receipt_document", "status_report_document"]

EMPTY_CELL = "–"


@dataclass(frozen=True)
class ReportFacts:
    """What the document states about the report beside its content: which one, its version and its dates."""

    kind: StatusReportKind
    number: int = 1
    sent_on: dt.date | None = None
    received_on: dt.date | None = None
    due: tuple[tuple[str, dt.date], ...] = ()  # each deadline the rules give, with its citation


def report_title(case: RegionCase, agreement: HealthAgreement, kind: StatusReportKind) -> str:
    return f"{kind.label} for {agreement.title} for {case.region.name}"


def status_report_document(
    case: RegionCase, agreement: HealthAgreement, facts: ReportFacts, content: StatusContent
) -> Document:
    """The report: its formal data, the summary, then per goal and sub-goal its status, what was done, the
    indicator values with their source and date and the progress against each criterion, and the next steps."""
    pairs = [
        ("Aftale", agreement.title),
        ("Region", case.region.name),
        ("Rapportversion", str(facts.number)),
        (
            "Sendt til Sundhedsstyrelsen",
            danish_date(facts.sent_on) if facts.sent_on else "Ikke sendt (udkast)",
        ),
    ]
    if facts.received_on:
        pairs.append(("Modtaget af Sundhedsstyrelsen", danish_date(facts.received_on)))
    pairs += [(f"Frist ({citation})", danish_date(day)) for citation, day in facts.due]
    blocks: list[Block] = [
        KeyValues(tuple(pairs)),
        Paragraph(
            "Udarbejdet af sundhedssamarbejdsudvalget efter § 22, stk. 1, i bekendtgørelse nr. 1248 af "
            "5. september 2022 og sendt til Sundhedsstyrelsen til orientering (vejledningens kapitel 6)."
        ),
        Heading("Sammenfatning"),
        Paragraph(content.summary or "Ingen sammenfatning."),
    ]
    for item in content.items:
        level = 2 if item.sub_goal_id else 1
        blocks.append(Heading(item.title, level))
        blocks.append(
            KeyValues(
                (
                    ("Status", item.status.label if item.status else "Ikke angivet"),
                    ("Hvad er gjort", item.done or EMPTY_CELL),
                    ("Næste skridt", item.next_steps or EMPTY_CELL),
                )
            )
        )
        for criterion in item.criteria:
            rows = tuple(
                (
                    danish_date(v.measured_on),
                    f"{v.value} {v.unit}".strip(),
                    v.source,
                    progress(criterion, v).text,
                )
                for v in criterion.ordered()
            )
            caption = f"Succeskriterium: {criterion.text}"
            if criterion.baseline or criterion.target:
                caption += f" (udgangsværdi {criterion.baseline or EMPTY_CELL}, mål {criterion.target or EMPTY_CELL})"
            if rows:
                blocks.append(Table(("Målt pr.", "Værdi", "Kilde", "Udvikling mod målet"), rows, caption))
            else:
                blocks.append(Paragraph(f"{caption}: ingen målinger registreret."))
    return Document(
        title=report_title(case, agreement, facts.kind),
        subtitle=f"Sundhedssamarbejdsudvalget i {case.region.name}",
        sender=f"Sundhedssamarbejdsudvalget i {case.region.name}",
        date=facts.sent_on,
        blocks=tuple(blocks),
    )


def status_receipt_document(
    case: RegionCase,
    agreement: HealthAgreement,
    facts: ReportFacts,
    *,
    letter_date: dt.date,
    reference: str = "",
    signer_name: str = "",
    signer_title: str = "Enhedschef",
) -> Document:
    """Sundhedsstyrelsen's receipt for a status report: received, for information, no decision."""
    assert facts.sent_on is not None
    assert facts.received_on is not None
    what = facts.kind.label.lower()
    version = f" (rapportversion {facts.number})" if facts.number > 1 else ""
    blocks: list[Block] = [
        Heading(f"{facts.kind.label} er modtaget"),
        Paragraph(
            f"Sundhedsstyrelsen har den {danish_date(facts.received_on)} modtaget sundhedssamarbejdsudvalgets "
            f"{what}{version} for {agreement.title}, sendt den {danish_date(facts.sent_on)}."
        ),
        Paragraph(
            f"Udvalget udarbejder {what} efter § 22, stk. 1, i bekendtgørelse nr. 1248 af 5. september 2022, og "
            "den sendes til Sundhedsstyrelsen til orientering (vejledningens kapitel 6). Sundhedsstyrelsen "
            f"godkender derfor ikke {what} og træffer ingen afgørelse om den; dette brev bekræfter alene, at den "
            "er modtaget."
        ),
        Paragraph(
            "Vejledningen anbefaler, at udvalget orienterer de øvrige sundhedssamarbejdsudvalg om status på "
            "arbejdet med sundhedsaftalen og deler resultaterne med dem (kapitel 6)."
        ),
        Signature(
            closing="Med venlig hilsen", name=signer_name, title=signer_title, unit="Sundhedsstyrelsen"
        ),
    ]
    return Document(
        title=f"Kvittering for modtagelse af {report_title(case, agreement, facts.kind)}",
        subtitle="Til orientering efter vejledningens kapitel 6",
        sender="Sundhedsstyrelsen",
        date=letter_date,
        reference=reference,
        addressees=addressee_lines(case),
        blocks=tuple(blocks),
    )
