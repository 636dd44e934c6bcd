"""``sundhedsaftale hearing-notat`` and ``sundhedsaftale status-report``: the follow-up's documents from a case file
(ADR 0045) – a hearing round's høringsnotat and a midterm or final status report, as PDF/A-2b, DOCX or HTML.

Exit codes: 0 the file was written, 2 input that cannot be read or a document the case gives no grounds for (one
line on standard error naming the file and the field, never a traceback). WeasyPrint and python-docx are imported
only by the renderer chosen (ADR 0031).
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from sundhedsaftale.core.errors import display_path

from ._common import chosen_agreement, fail, parse_date, platform_or_fail, read_case
from .letter import CaseArgument, _write

if TYPE_CHECKING:
    from sundhedsaftale.core.case import HearingRound, RegionCase
    from sundhedsaftale.documents import Document

__all__ = ["hearing_notat_command", "status_report_command"]


class _DocFormat(StrEnum):
    pdf = "pdf"
    docx = "docx"
    html = "html"


class _ReportKind(StrEnum):
    midterm = "midterm"
    final = "final"


def _rendered(doc: Document, fmt: _DocFormat) -> bytes:
    if fmt is _DocFormat.pdf:
        from sundhedsaftale.documents import render_pdf

        return render_pdf(doc)
    if fmt is _DocFormat.docx:
        from sundhedsaftale.documents import render_docx

        return render_docx(doc)
    from sundhedsaftale.documents import render_html

    return render_html(doc).encode("utf-8")


def _format(fmt: _DocFormat | None, out: Path, allowed: tuple[_DocFormat, ...]) -> _DocFormat:
    """``--format``, or else the output file's extension; the two must agree."""
    suffix = out.suffix.lower().lstrip(".")
    chosen = fmt or next((f for f in allowed if f.value == suffix), None)
    if chosen is None or chosen not in allowed:
        fail(f"--format: vælg {' eller '.join(f.value for f in allowed)} (eller giv --out en af de endelser)")
    if suffix and suffix != chosen.value:
        fail(f"--out: {out.name} ender ikke på .{chosen.value}, som --format {chosen.value} skriver")
    return chosen


OutOption = Annotated[Path, typer.Option("--out", "-o", help="Filen, der skrives.")]


def _round(case: RegionCase, casefile: Path, round_id: str) -> HearingRound:
    """A round by its number in the case file's ``hearing_rounds`` (1 is the first) or by its exact subject."""
    where = display_path(casefile)
    rounds = case.hearing_rounds
    if not rounds:
        fail(f"{where}: hearing_rounds: sagsfilen har ingen høringsrunder")
    if round_id.isdigit():
        number = int(round_id)
        if not 1 <= number <= len(rounds):
            fail(
                f"--round: {where} har {len(rounds)} høringsrunder (hearing_rounds); nr. {number} findes ikke"
            )
        return rounds[number - 1]
    found = next((r for r in rounds if r.subject == round_id), None)
    if found is None:
        known = "; ".join(f"{n}: {r.subject}" for n, r in enumerate(rounds, start=1))
        fail(f"--round: ingen høringsrunde i {where} har overskriften »{round_id}« (hearing_rounds: {known})")
    return found


def hearing_notat_command(
    casefile: CaseArgument,
    round_id: Annotated[
        str,
        typer.Option("--round", help="Høringsrundens nummer i sagsfilen (1 er den første) eller overskrift."),
    ],
    out: OutOption,
    fmt: Annotated[_DocFormat | None, typer.Option("--format", help="pdf, docx eller html.")] = None,
    at: Annotated[
        str | None,
        typer.Option(
            "--at", help="Notatets dato for en høring, der ikke er afsluttet (ÅÅÅÅ-MM-DD); standard i dag."
        ),
    ] = None,
) -> None:
    """Dan høringsnotatet for en høringsrunde i sagsfilen: hvert svar med resumé, behandling og begrundelse, og
    medlemmernes egne synspunkter, hvor udvalget ikke nåede til enighed (§ 27, stk. 3)."""
    from sundhedsaftale.documents.hearing_notat import hearing_notat_document, notat_input

    chosen = _format(fmt, out, (_DocFormat.pdf, _DocFormat.docx, _DocFormat.html))
    case = read_case(casefile)
    day = parse_date(at)
    hearing = _round(case, casefile, round_id)
    agreement = case.agreement(hearing.agreement_id) if hearing.agreement_id else None
    heard = f"{agreement.title}, {hearing.version_label or 'nyeste version'}" if agreement else "Følgebrevet"
    index = case.hearing_rounds.index(hearing)
    try:
        doc = hearing_notat_document(
            notat_input(
                hearing, region=case.region.name, document=heard, date=day, reference=f"Høring {index + 1}"
            )
        )
    except ValueError as exc:
        fail(f"{display_path(casefile)}: hearing_rounds[{index}].{exc}")
    _write(out, _rendered(doc, chosen))
    typer.echo(f"{out}: {doc.title}")


def status_report_command(
    casefile: CaseArgument,
    kind: Annotated[
        _ReportKind, typer.Option("--kind", help="midterm (midtvejsstatus) eller final (slutstatus).")
    ],
    out: OutOption,
    agreement: Annotated[
        str | None, typer.Option("--agreement", help="Aftalens id; standard er den senest indsendte aftale.")
    ] = None,
    fmt: Annotated[_DocFormat | None, typer.Option("--format", help="pdf eller docx.")] = None,
    number: Annotated[
        int,
        typer.Option("--number", min=1, help="Rapportversion (1 er den først sendte; højere er rettelser)."),
    ] = 1,
    at: Annotated[
        str | None, typer.Option("--at", help="Dato for fristberegningen (ÅÅÅÅ-MM-DD); standard i dag.")
    ] = None,
) -> None:
    """Dan en sendt midtvejs- eller slutstatus fra sagsfilen (§ 22, stk. 1; vejledningens kapitel 6): for hvert
    mål og delmål status, hvad der er gjort, indikatorværdier med kilde og dato, udvikling mod succeskriteriet og
    næste skridt, med fristerne efter begge læsninger af reglerne."""
    from sundhedsaftale.core.case import StatusReportKind
    from sundhedsaftale.core.followup import report_deadlines
    from sundhedsaftale.documents.status_report import ReportFacts, status_report_document

    chosen = _format(fmt, out, (_DocFormat.pdf, _DocFormat.docx))
    platform = platform_or_fail()
    case = read_case(casefile)
    day = parse_date(at)
    health_agreement = chosen_agreement(case, casefile, agreement)
    where = display_path(casefile)
    a_index = case.agreements.index(health_agreement)
    report_kind = StatusReportKind(kind.value)
    s_index, report = next(
        ((i, s) for i, s in enumerate(health_agreement.status_reports) if s.kind is report_kind), (None, None)
    )
    if report is None or s_index is None:
        fail(f"{where}: agreements[{a_index}].status_reports: ingen {report_kind.label.lower()} er sendt")
    place = f"agreements[{a_index}].status_reports[{s_index}]"
    version = report if number == 1 else next((c for c in report.corrections if c.number == number), None)
    if version is None:
        fail(f"--number: {where}: {place}.corrections har ingen rapportversion {number}")
    if number != 1:
        place += f".corrections[{report.corrections.index(version)}]"
    if version.content is None:
        fail(f"{where}: {place}.content: sagsfilen har ikke rapportens indhold (kun datoen for afsendelsen)")
    facts = ReportFacts(
        kind=report_kind,
        number=number,
        sent_on=version.sent_on,
        received_on=version.received_on,
        due=tuple(
            (d.citation, d.day) for d in report_deadlines(platform, case, health_agreement, report_kind, day)
        ),
    )
    doc = status_report_document(case, health_agreement, facts, version.content)
    _write(out, _rendered(doc, chosen))
    typer.echo(f"{out}: {doc.title}")
