"""The legal calendar: dates the law sets, as pure functions of facts and rulebook parameters.

No function here reads a clock or knows a figure of its own; the figures come from
``data/law/parameters.yaml`` through the rulebook, and the evaluation date is an argument.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache

__all__ = [
    "MonthDay",
    "YearProgress",
    "add_months",
    "add_weeks",
    "add_years",
    "deadline_in_period",
    "year_progress",
]


@dataclass(frozen=True)
class MonthDay:
    """A recurring calendar date in a given year of the election period (1-based)."""

    month: int
    day: int
    year_of_period: int

    def in_period_starting(self, start_year: int) -> dt.date:
        return dt.date(start_year + self.year_of_period - 1, self.month, self.day)


def deadline_in_period(*, period_start_year: int, rule: MonthDay | dt.date) -> dt.date:
    """A deadline fixed within an election period (``1 July, year 2``), or a fixed date that replaced it."""
    if isinstance(rule, dt.date):
        return rule
    return rule.in_period_starting(period_start_year)


def add_weeks(day: dt.date, weeks: int) -> dt.date:
    """``weeks`` weeks after ``day`` (§ 21, stk. 2: "inden for 8 uger efter modtagelsen")."""
    return day + dt.timedelta(weeks=weeks)


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` calendar months later (or earlier, if negative); a day the target month lacks
    becomes its last day (31 August + 6 months = 28/29 February), the usual reading of "et halvt år"."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    last = (dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)).day
    return dt.date(year, month, min(day.day, last))


def add_years(day: dt.date, years: int) -> dt.date:
    """The same day ``years`` years later ("senest 2 år efter"); 29 February becomes 28 February."""
    return add_months(day, 12 * years)


class YearProgress:
    """Where a calendar year stands on an evaluation date: finished, in progress or not begun."""

    def __init__(self, year: int, at: dt.date) -> None:
        self.year = year
        self.at = at
        self.start = dt.date(year, 1, 1)
        self.end = dt.date(year, 12, 31)

    @property
    def finished(self) -> bool:
        return self.at > self.end

    @property
    def in_progress(self) -> bool:
        return self.start <= self.at <= self.end


@lru_cache(maxsize=4096)
def year_progress(year: int, at: dt.date) -> YearProgress:
    """Kept per year and date: every meeting rule asks it for every body, and the answer never changes."""
    return YearProgress(year, at)
