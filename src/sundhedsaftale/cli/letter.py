"""``sundhedsaftale letter`` and ``sundhedsaftale agreement``: Sundhedsstyrelsen's letters about an agreement and
the agreement itself as PDF/A-2b, DOCX (and HTML for the agreement).

Exit codes: 0 the file was written, 2 input that cannot be read or a letter that may not be written (one line on
standard error, never a traceback). The helpers mirror those of ``check`` in ``main.py``; they are repeated
here because ``main`` imports this module to register the commands.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from sundhedsaftale.core.errors import SundhedsaftaleError, display_path

from ._common import chosen_agreement, fail, parse_date, platform_or_fail, read_case

if TYPE_CHECKING:
    from sundhedsaftale.documents import Document

__all__ = ["agreement_command", "letter_command"]


class _Kind(StrEnum):
    receipt = "receipt"
    approval = "approval"
    objection = "objection"


def _pdf(doc: Document) -> bytes:
    from sundhedsaftale.documents import render_pdf

    return render_pdf(doc)


def _docx(doc: Document) -> bytes:
    from sundhedsaftale.documents import render_docx

    return render_docx(doc)


def _html(doc: Document) -> bytes:
    from sundhedsaftale.documents import render_html

    return render_html(doc).encode("utf-8")


# Each renderer imports its own library when used (WeasyPrint for PDF, python-docx for DOCX), so a PDF letter
# does not load python-docx and a DOCX letter does not load WeasyPrint (ADR 0031).
_RENDERERS: dict[str, Callable[[Document], bytes]] = {".pdf": _pdf, ".docx": _docx, ".html": _html}


def _renderer(out: Path, formats: tuple[str, ...]) -> Callable[[Document], bytes]:
    """The renderer chosen by the output file's extension; anything else ends with exit 2 before any work."""
    suffix = out.suffix.lower()
    if suffix not in formats:
        fail(f"--out: {out.name} skal ende på {', '.join(formats[:-1])} eller {formats[-1]}")
    return _RENDERERS[suffix]


def _write(out: Path, content: bytes) -> None:
    try:
        out.write_bytes(content)
    except OSError as exc:
        fail(f"--out: {out} kan ikke skrives ({exc.strerror or exc})")


CaseArgument = Annotated[Path, typer.Argument(help="En sagsfil (JSON) for én region.")]
AgreementOption = Annotated[
    str | None,
    typer.Option(
        "--agreement", help="Aftalens id; standard er den senest indsendte aftale (ellers den nyeste)."
    ),
]


def letter_command(
    casefile: CaseArgument,
    kind: Annotated[_Kind, typer.Option("--kind", help="receipt (kvittering), approval eller objection.")],
    out: Annotated[Path, typer.Option("--out", help="Filen, der skrives: .pdf (PDF/A-2b) eller .docx.")],
    agreement: AgreementOption = None,
    at: Annotated[
        str | None, typer.Option("--at", help="Brevets dato (ÅÅÅÅ-MM-DD); standard er i dag.")
    ] = None,
    reference: Annotated[str, typer.Option("--reference", help="Journalnummer.")] = "",
    remedy_deadline: Annotated[
        str | None,
        typer.Option(
            "--remedy-deadline",
            help="Frist for udbedring (ÅÅÅÅ-MM-DD) ved indsigelse, når sagen ikke selv registrerer fristen.",
        ),
    ] = None,
    case_officer: Annotated[
        str,
        typer.Option(
            "--case-officer",
            help="Sagsbehandlerens fulde navn, som brevet nævner som kontakt. Uden navn skriver brevet "
            "'den ansvarlige sagsbehandler'.",
        ),
    ] = "",
    email: Annotated[str, typer.Option("--email", help="Sagsbehandlerens e-mail i kontaktlinjen.")] = "",
    phone: Annotated[str, typer.Option("--phone", help="Sagsbehandlerens telefon i kontaktlinjen.")] = "",
    unit: Annotated[
        str, typer.Option("--unit", help="Den enhed i Sundhedsstyrelsen, der sender brevet.")
    ] = "",
) -> None:
    """Dan Sundhedsstyrelsens brev om en sundhedsaftale: kvittering, godkendelse eller indsigelse (§ 21).

    Datoerne beregnes efter reglerne, og indholdet hentes fra Sundhedsstyrelsens vurdering. Et brev, som
    sagen ikke giver grundlag for (fx en godkendelse, mens et krav hindrer godkendelse), dannes ikke; så
    afsluttes med 2.
    """
    # Imported when used: the wiring loads the legal calendar and the assessment, which `agreement` never needs.
    from sundhedsaftale.documents import LetterContact, LetterKind, letter_document
    from sundhedsaftale.documents.wiring import letter_input_for

    kinds = {
        _Kind.receipt: LetterKind.RECEIPT,
        _Kind.approval: LetterKind.APPROVAL,
        _Kind.objection: LetterKind.OBJECTION,
    }

    render = _renderer(out, (".pdf", ".docx"))
    platform = platform_or_fail()
    case = read_case(casefile)
    day = parse_date(at)
    remedy = parse_date(remedy_deadline, "--remedy-deadline") if remedy_deadline is not None else None
    chosen = chosen_agreement(case, casefile, agreement)
    try:
        letter = letter_input_for(
            platform,
            case,
            chosen.id,
            kinds[kind],
            day,
            reference=reference,
            remedy_deadline=remedy,
            contact=LetterContact(
                name=case_officer.strip(), unit=unit.strip(), email=email.strip(), phone=phone.strip()
            ),
        )
        doc = letter_document(case, chosen, letter)
    except SundhedsaftaleError as exc:
        fail(f"{display_path(casefile)}: {exc}")
    _write(out, render(doc))
    typer.echo(f"{out}: {doc.title}")


def agreement_command(
    casefile: CaseArgument,
    out: Annotated[
        Path, typer.Option("--out", help="Filen, der skrives: .pdf (PDF/A-2b), .docx eller .html.")
    ],
    agreement: AgreementOption = None,
) -> None:
    """Skriv sundhedsaftalen med formelle data og hele indholdet som PDF/A-2b, DOCX eller HTML."""
    from sundhedsaftale.documents import agreement_document

    render = _renderer(out, (".pdf", ".docx", ".html"))
    platform = platform_or_fail()
    case = read_case(casefile)
    chosen = chosen_agreement(case, casefile, agreement)
    names = platform.reference.national_goal_names()
    doc = agreement_document(case, chosen, national_goal_names=names)
    _write(out, render(doc))
    typer.echo(f"{out}: {doc.title}")
