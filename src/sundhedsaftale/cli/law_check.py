"""``sundhedsaftale law --check``: the law's own defects – cross-references that do not resolve, are written
wrong or point at the wrong provision – with the figures per source. Exit 1 when there is a defect, 0 when none."""

from __future__ import annotations

import json

import typer

from sundhedsaftale.core import Platform
from sundhedsaftale.core.law import CrossReference, LegalUnit

from ._common import Format


def law_check(platform: Platform, unit: LegalUnit | None, format: Format) -> int:
    """Print the defects (of every source with text, or within one provision) and return the exit code."""
    report = platform.cross_references
    corpus = platform.corpus
    sources = [s for s in corpus.sources.values() if s.has_text]
    if unit is not None:
        sources = [corpus.source(unit.source_id)]
        defects = report.defects_within(unit)
    else:
        defects = report.defects()
    if format is Format.json:
        payload = {
            "sources": [{"id": s.id, "short": s.short, "figures": report.figures(s.id)} for s in sources],
            **({"within": unit.citation.key()} if unit is not None else {}),
            "defects": [d.as_dict() for d in defects],
        }
        typer.echo(json.dumps(payload, ensure_ascii=False, indent=2))
        return 1 if defects else 0
    for source in sources:
        f = report.figures(source.id)
        typer.echo(
            f"{source.short}: {f['total']} henvisninger; {f['checked']} til retskilder, platformen kender, "
            f"heraf findes {f['resolving']}; {f['external']} til andre retsakter (ikke kontrolleret); "
            f"{f['defects']} fejl"
        )
    where = f" i {unit.label} ({corpus.source(unit.source_id).short})" if unit is not None else ""
    if not defects:
        typer.echo(f"\nIngen fejl i henvisningerne{where}.")
        return 0
    typer.echo(f"\n{len(defects)} fejl i henvisningerne{where}:")
    for defect in defects:
        typer.echo(_describe(defect, corpus.source(defect.unit.source_id).short))
    return 1


def _describe(defect: CrossReference, source_short: str) -> str:
    lines = [f"\n[{defect.status.label}] {defect.unit_label} ({source_short}): »{defect.written}«"]
    lines.append(f"    I teksten: »{defect.context}«")
    lines.append(f"    {defect.explanation}")
    if defect.intended is not None:
        lines.append(f"    Sandsynligvis ment: {defect.intended_label} ({defect.intended.key()})")
    lines.append(f"    Fastslået af: {defect.established_by}")
    return "\n".join(lines)
