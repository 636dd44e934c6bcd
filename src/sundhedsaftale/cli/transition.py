"""``sundhedsaftale transition``: the plan that carries a case file's people and open work to the 2027 structure.

Core only: it reads a case file and writes nothing (the platform applies a plan with ``manage.py transition
--confirm``; ADR 0029). Exit codes: 0 the plan was produced, 2 input that cannot be read or no successor on the date.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from sundhedsaftale.core.errors import SundhedsaftaleError

from ._common import Format, fail, parse_date, platform_or_fail, read_case

__all__ = ["transition_command"]


def transition_command(
    casefile: Annotated[Path, typer.Argument(help="En sagsfil (JSON) for én region.")],
    at: Annotated[
        str | None, typer.Option("--at", help="Overgangsdato (ÅÅÅÅ-MM-DD); standard er 2027-01-01.")
    ] = None,
    format: Annotated[Format, typer.Option("--format", help="text eller json.")] = Format.text,
) -> None:
    """Vis planen for at føre sagsfilens personer, organisationer og åbne arbejde fra sundhedsklyngerne og
    udvalget over til sundhedsrådene og regionen: hvad der går én til én, og hvad der kræver en beslutning.
    Skriver intet."""
    # Imported when the command runs, so that the command line starts without the case models (ADR 0031).
    from sundhedsaftale.core.obligations import obligations
    from sundhedsaftale.core.transition import TRANSITION_DAY, plan_as_dict, plan_as_text, plan_transition

    platform = platform_or_fail()
    case = read_case(casefile)
    day = parse_date(at) if at else TRANSITION_DAY
    try:
        plan = plan_transition(
            case=case, reference=platform.reference, open_obligations=obligations(platform, case, day), on=day
        )
    except SundhedsaftaleError as exc:
        fail(f"{casefile}: {exc}")
    if format is Format.json:
        typer.echo(json.dumps(plan_as_dict(plan), ensure_ascii=False, indent=2))
        return
    for line in plan_as_text(plan):
        typer.echo(line)
    typer.echo("Intet er skrevet.")
