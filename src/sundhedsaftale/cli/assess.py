"""``sundhedsaftale assess``: Sundhedsstyrelsen's automated assessment of one agreement in a case file.

Exit codes: 0 the agreement can be approved, 1 an approval criterion is not met or still needs the reviewer's
judgement, 2 input that cannot be read (one line on standard error, never a traceback). The reviewer's verdicts
recorded in the case file on the submission under review are applied, so the command reproduces a reviewed
assessment.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from sundhedsaftale.core.errors import SundhedsaftaleError, display_path

from ._common import Format, chosen_agreement, fail, parse_date, platform_or_fail, read_case

__all__ = ["assess_command"]


def assess_command(
    casefile: Annotated[Path, typer.Argument(help="En sagsfil (JSON) for én region.")],
    agreement: Annotated[
        str | None,
        typer.Option(
            "--agreement",
            help="Aftalens id; standard er den senest indsendte aftale (ellers den nyeste).",
        ),
    ] = None,
    at: Annotated[str | None, typer.Option("--at", help="Dato (ÅÅÅÅ-MM-DD); standard er i dag.")] = None,
    format: Annotated[Format, typer.Option("--format", help="text eller json.")] = Format.text,
) -> None:
    """Sundhedsstyrelsens vurdering af en sundhedsaftale (vejledningens kapitel 5). Afslutter med 1, hvis et
    godkendelseskriterium (afsnit 5.2) ikke er opfyldt eller endnu kræver faglig vurdering.

    Viser kriterier, der hindrer godkendelse, punkter til faglig vurdering, rådgivning og opfyldte punkter, hver
    med henvisning. Vurderinger af fundene, der er registreret i sagsfilen, anvendes.
    """
    from sundhedsaftale.core.assessment import assess_as_reviewed, assessment_as_dict, summary_text

    platform = platform_or_fail()
    case = read_case(casefile)
    day = parse_date(at)
    where = display_path(casefile)
    chosen = chosen_agreement(case, casefile, agreement)
    try:
        result = assess_as_reviewed(platform, case, chosen.id, day)
    except SundhedsaftaleError as exc:
        fail(f"{where}: {exc}")
    if format is Format.json:
        typer.echo(json.dumps(assessment_as_dict(result), ensure_ascii=False, indent=2))
    else:
        typer.echo(summary_text(result), nl=False)
    raise typer.Exit(0 if result.approvable else 1)
