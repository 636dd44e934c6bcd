"""Dates and periods as small immutable value types.

A :class:`Period` is a closed interval of calendar days; an open end (``end=None``) means "until further
notice", which is how a legal source stays in force until it is replaced.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

__all__ = [
    "PLATFORM_FIRST_DAY",
    "PLATFORM_LAST_DAY",
    "Period",
    "as_date",
    "danish_date",
    "danish_day_of_year",
]

# The days the platform works with. The law starts in 2022 and earlier agreements reach back to 2019; a date
# outside this range in input is a typing error, and date arithmetic near ``date.min``/``date.max`` (deadlines
# weeks after a date, warnings days before one) would overflow. Every API input is checked against it.
PLATFORM_FIRST_DAY = dt.date(2000, 1, 1)
PLATFORM_LAST_DAY = dt.date(2100, 12, 31)

_MONTHS_DA = (
    "januar",
    "februar",
    "marts",
    "april",
    "maj",
    "juni",
    "juli",
    "august",
    "september",
    "oktober",
    "november",
    "december",
)


def as_date(value: dt.date | str) -> dt.date:
    """The one lenient builder: accepts a date or an ISO string (``2024-02-01``)."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise ValueError(f"'{value}' er ikke en dato på formen ÅÅÅÅ-MM-DD") from None


def danish_date(day: dt.date) -> str:
    """Dates as Danish letters and UI write them: ``21. december 2023``."""
    return f"{day.day}. {_MONTHS_DA[day.month - 1]} {day.year}"


def danish_day_of_year(month: int, day: int) -> str:
    """A recurring date without a year: ``1. juli``."""
    return f"{day}. {_MONTHS_DA[month - 1]}"


@dataclass(frozen=True, order=True)
class Period:
    """Days from ``start`` to ``end``, both included; ``end=None`` is open-ended."""

    start: dt.date
    end: dt.date | None = None

    def __post_init__(self) -> None:
        if self.end is not None and self.end < self.start:
            raise ValueError(f"perioden slutter ({self.end}) før den begynder ({self.start})")

    def contains(self, day: dt.date) -> bool:
        return self.start <= day and (self.end is None or day <= self.end)

    def overlaps(self, other: Period) -> bool:
        starts_before_other_ends = other.end is None or self.start <= other.end
        ends_after_other_starts = self.end is None or other.start <= self.end
        return starts_before_other_ends and ends_after_other_starts

    def intersection(self, other: Period) -> Period | None:
        if not self.overlaps(other):
            return None
        start = max(self.start, other.start)
        ends = [e for e in (self.end, other.end) if e is not None]
        return Period(start, min(ends) if ends else None)

    def describe(self) -> str:
        """Danish description, e.g. ``fra 8. september 2022`` or ``1. januar 2022 – 31. december 2025``."""
        if self.end is None:
            return f"fra {danish_date(self.start)}"
        return f"{danish_date(self.start)} – {danish_date(self.end)}"

    def __str__(self) -> str:
        return f"{self.start.isoformat()}/{self.end.isoformat() if self.end else '..'}"
