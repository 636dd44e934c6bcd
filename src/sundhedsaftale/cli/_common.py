"""What every command shares: the output format choice and the one-line failure for unreadable input (exit 2).

Kept apart from ``main.py`` so command modules can import it while ``main`` imports them to register them.

Start-up (ADR 0031): the command modules import only what registering a command needs (typer, the option
types); the law, the case models, documents, spreadsheets and calendars are imported by the command that uses
them, so ``sundhedsaftale --help`` loads none of them.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer

from sundhedsaftale.core.errors import SundhedsaftaleError, display_path
from sundhedsaftale.core.periods import as_date

if TYPE_CHECKING:
    from sundhedsaftale.core import Platform
    from sundhedsaftale.core.case import HealthAgreement, RegionCase

__all__ = [
    "Format",
    "VerifiedOption",
    "checked_verified",
    "chosen_agreement",
    "default_agreement",
    "fail",
    "parse_date",
    "platform_or_fail",
    "read_case",
]


class Format(StrEnum):
    text = "text"
    json = "json"


VerifiedOption = Annotated[
    list[str] | None,
    typer.Option(
        "--verified",
        help="Id på en registreret lovændring (data/law/changes.yaml), som en administrator har verificeret; "
        "kan gentages. Uden den vises et ophør, der ikke er læst i lovteksten, som forventet, ikke anvendt.",
    ),
]


def checked_verified(platform: Platform, verified: list[str] | None) -> frozenset[str]:
    """The ``--verified`` change ids; an unknown one ends with exit 2 naming the recorded changes."""
    for change_id in verified or []:
        if platform.changes.get(change_id) is None:
            known = ", ".join(c.id for c in platform.changes) or "ingen"
            fail(f"--verified: lovændringen '{change_id}' er ikke registreret (registrerede: {known})")
    return frozenset(verified or [])


def fail(message: str) -> NoReturn:
    typer.echo(f"sundhedsaftale: {message}", err=True)
    raise typer.Exit(2)


def platform_or_fail(data_dir: Path | None = None) -> Platform:
    from sundhedsaftale.core import load_platform

    try:
        return load_platform(data_dir, cached=True)
    except SundhedsaftaleError as exc:
        fail(str(exc))


def parse_date(value: str | None, option: str = "--at") -> dt.date:
    """A date option (ÅÅÅÅ-MM-DD); today when not given."""
    if value is None:
        return dt.date.today()
    try:
        return as_date(value)
    except ValueError as exc:
        fail(f"{option}: {exc}")


def read_case(path: Path) -> RegionCase:
    from sundhedsaftale.core.case import load_case_file

    try:
        return load_case_file(path)
    except SundhedsaftaleError as exc:
        fail(str(exc))


def default_agreement(case: RegionCase) -> HealthAgreement | None:
    """The agreement most recently submitted to the authority; without submissions, the newest agreement."""
    submitted = [(max(s.submitted_on for s in a.submissions), a) for a in case.agreements if a.submissions]
    if submitted:
        return max(submitted, key=lambda pair: pair[0])[1]
    # Newest: the latest election period, and of those the one listed last.
    return max(reversed(case.agreements), key=lambda a: a.election_period_start, default=None)


def chosen_agreement(case: RegionCase, casefile: Path, agreement_id: str | None) -> HealthAgreement:
    """The agreement named by ``--agreement``, else :func:`default_agreement`; exit 2 when there is none."""
    where = display_path(casefile)
    if agreement_id is not None:
        found = case.agreement(agreement_id)
        if found is None:
            known = ", ".join(a.id for a in case.agreements) or "ingen"
            fail(f"--agreement: aftalen '{agreement_id}' findes ikke i {where} (aftaler: {known})")
        return found
    chosen = default_agreement(case)
    if chosen is None:
        fail(f"{where}: sagen har ingen sundhedsaftaler")
    return chosen
