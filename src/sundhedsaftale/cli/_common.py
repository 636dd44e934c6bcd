"""What every command shares: the output format choice and the one-line failure for unreadable input (exit 2).

Kept apart from ``main.py`` so command modules can import it while ``main`` imports them to register them.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from pathlib import Path
from typing import NoReturn

import typer

from sundhedsaftale.core import Platform, load_platform
from sundhedsaftale.core.case import RegionCase, load_case_file
from sundhedsaftale.core.errors import SundhedsaftaleError
from sundhedsaftale.core.periods import as_date

__all__ = ["Format", "fail", "parse_date", "platform_or_fail", "read_case"]


class Format(StrEnum):
    text = "text"
    json = "json"


def fail(message: str) -> NoReturn:
    typer.echo(f"sundhedsaftale: {message}", err=True)
    raise typer.Exit(2)


def platform_or_fail(data_dir: Path | None = None) -> Platform:
    try:
        return load_platform(data_dir)
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
    try:
        return load_case_file(path)
    except SundhedsaftaleError as exc:
        fail(str(exc))
