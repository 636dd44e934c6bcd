"""``sundhedsaftale deadlines``: the obligations calendar of a case file, as a listing, JSON or an iCalendar file.

Exit codes: 0 the list was produced (overdue obligations are shown, not an error), 2 input that cannot be read
(one line on standard error, never a traceback).
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from sundhedsaftale.core.errors import SundhedsaftaleError
from sundhedsaftale.core.periods import danish_date

from ._common import Format, VerifiedOption, checked_verified, fail, parse_date, platform_or_fail, read_case

if TYPE_CHECKING:
    from sundhedsaftale.core.case import RegionCase
    from sundhedsaftale.core.obligations import Obligation

__all__ = ["deadlines_command"]


def deadlines_command(
    casefile: Annotated[Path, typer.Argument(help="En sagsfil (JSON) for én region.")],
    at: Annotated[str | None, typer.Option("--at", help="Dato (ÅÅÅÅ-MM-DD); standard er i dag.")] = None,
    format: Annotated[Format, typer.Option("--format", help="text eller json.")] = Format.text,
    agreement: Annotated[
        str | None, typer.Option("--agreement", help="Vis kun forpligtelser for denne sundhedsaftale (id).")
    ] = None,
    ical: Annotated[
        Path | None,
        typer.Option("--ical", help="Skriv også de daterede forpligtelser som iCalendar-fil (.ics)."),
    ] = None,
    warning_days: Annotated[
        int,
        typer.Option(
            "--warning-days",
            min=0,
            help="Dage før fristen, hvor der varsles (platformens indstilling, ikke lov).",
        ),
    ] = 30,
    verified: VerifiedOption = None,
) -> None:
    """Vis frister og pligter for sagsfilens aftaler og organer med status på datoen (udført, forfalder,
    overskredet, bortfaldet); frister inden for varslingsperioden markeres med '!'. En pligt, som en registreret
    lovændring ophæver, vises som bortfaldet (verificeret) eller med forventet bortfald (ikke verificeret)."""
    from sundhedsaftale.core.obligations import obligations, obligations_as_dict

    platform = platform_or_fail()
    case = read_case(casefile)
    day = parse_date(at)
    if agreement is not None and case.agreement(agreement) is None:
        fail(f"--agreement: sundhedsaftalen '{agreement}' findes ikke i {casefile}")
    changes = checked_verified(platform, verified)
    try:
        items = obligations(
            platform, case, day, warning_days=warning_days, agreement_id=agreement, verified=changes
        )
    except SundhedsaftaleError as exc:
        fail(f"{casefile}: {exc}")
    if ical is not None:
        from sundhedsaftale.interchange.ical import obligations_calendar

        name = f"Frister for {case.region.name}"
        try:
            ical.write_bytes(obligations_calendar(items, name=name))
        except OSError as exc:
            fail(f"--ical: {ical} kan ikke skrives ({exc.strerror or exc})")
    if format is Format.json:
        payload = {
            "region": case.region.code,
            "at": day.isoformat(),
            "warning_days": warning_days,
            "verified_changes": sorted(changes),
            **({"agreement": agreement} if agreement is not None else {}),
            "summary": _summary(items, day),
            "obligations": [{**obligations_as_dict(o), "warning": o.warning(day)} for o in items],
        }
        typer.echo(json.dumps(payload, ensure_ascii=False, indent=2))
        return
    _print(case, day, items)
    if ical is not None:
        typer.echo(f"iCalendar-fil skrevet: {ical}")


def _summary(items: list[Obligation], day: dt.date) -> dict[str, int]:
    from sundhedsaftale.core.obligations import ObligationStatus

    counts = {s.value: sum(1 for o in items if o.status is s) for s in ObligationStatus}
    return {**counts, "warnings": sum(1 for o in items if o.warning(day)), "total": len(items)}


def _print(case: RegionCase, day: dt.date, items: list[Obligation]) -> None:
    from sundhedsaftale.core.obligations import ObligationStatus

    summary = _summary(items, day)
    typer.echo(
        f"{case.region.name}, {danish_date(day)}: {summary['total']} forpligtelser, "
        f"{summary['overdue']} overskredet, {summary['warnings']} med frist inden for varslingsperioden"
    )
    typer.echo(f"{'Frist':<19} {'Status':<12}   Forpligtelse")
    for o in items:
        due = danish_date(o.due) if o.due else "ingen fast frist"
        flag = "!" if o.warning(day) else " "
        done = f" (udført {danish_date(o.done_on)})" if o.done_on else ""
        typer.echo(f"{due:<19} {o.status.label:<12} {flag} {o.title} — {o.subject_name}{done}")
        typer.echo(f"{'':<34} {o.citation} · {o.responsible}")
        if o.legal_change:
            typer.echo(
                f"{'':<34} {'Bortfaldet' if o.status is ObligationStatus.ENDED else '!'}: {o.legal_change}"
            )
    if summary["warnings"]:
        typer.echo("! = fristen er inden for varslingsperioden, og pligten er ikke udført")
