"""``sundhedsaftale assess``: Sundhedsstyrelsen's automated assessment of one agreement in a case file.

Exit codes: 0 the agreement can be approved, 1 a requirement blocks approval, 2 input that cannot be read (one
line on standard error, never a traceback).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from sundhedsaftale.core.assessment import assess, assessment_as_dict, summary_text
from sundhedsaftale.core.case import HealthAgreement, RegionCase
from sundhedsaftale.core.errors import SundhedsaftaleError, display_path

from ._common import Format, fail, parse_date, platform_or_fail, read_case

__all__ = ["assess_command", "default_agreement"]


def default_agreement(case: RegionCase) -> HealthAgreement | None:
    """The agreement most recently submitted to the authority; without submissions, the newest agreement."""
    submitted = [(max(s.submitted_on for s in a.submissions), a) for a in case.agreements if a.submissions]
    if submitted:
        return max(submitted, key=lambda pair: pair[0])[1]
    # Newest: the latest election period, and of those the one listed last.
    return max(reversed(case.agreements), key=lambda a: a.election_period_start, default=None)


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
    """Sundhedsstyrelsens vurdering af en sundhedsaftale (vejledningens kapitel 5). Afslutter med 1, hvis et krav
    hindrer godkendelse.

    Viser krav, der hindrer godkendelse, rådgivning og opfyldte punkter, hver med henvisning.
    """
    platform = platform_or_fail()
    case = read_case(casefile)
    day = parse_date(at)
    where = display_path(casefile)
    if agreement is None:
        chosen = default_agreement(case)
        if chosen is None:
            fail(f"{where}: sagen har ingen sundhedsaftaler at vurdere")
        agreement = chosen.id
    elif case.agreement(agreement) is None:
        known = ", ".join(a.id for a in case.agreements) or "ingen"
        fail(f"--agreement: aftalen '{agreement}' findes ikke i {where} (aftaler: {known})")
    try:
        result = assess(platform, case, agreement, day)
    except SundhedsaftaleError as exc:
        fail(f"{where}: {exc}")
    if format is Format.json:
        typer.echo(json.dumps(assessment_as_dict(result), ensure_ascii=False, indent=2))
    else:
        typer.echo(summary_text(result), nl=False)
    raise typer.Exit(0 if result.approvable else 1)
