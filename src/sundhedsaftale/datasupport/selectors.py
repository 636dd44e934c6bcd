"""Reading the kept indicator values for the dashboards, the exports and the API (ADR 0049)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from sundhedsaftale.indicators import LEVEL_NAMES, load_definitions
from sundhedsaftale.indicators import IndicatorValue as Computed

from .models import ComputationRun, IndicatorValue

__all__ = [
    "Card",
    "Dashboard",
    "Figure",
    "as_computed",
    "dashboard",
    "latest_run",
    "unit_values",
]

COUNTRY = "DK"
UNIT_LABELS = {"pct": "%", "per_1000": "pr. 1.000"}


def latest_run() -> ComputationRun | None:
    return ComputationRun.objects.order_by("-computed_at", "-pk").first()


def unit_values(run: ComputationRun, units: list[tuple[str, str]]) -> list[IndicatorValue]:
    """Every kept value of the run for the units given as (level, unit id), in the order of ``units``."""
    order = {u: n for n, u in enumerate(units)}
    rows = [
        r
        for r in IndicatorValue.objects.filter(run=run, unit_id__in={u for _, u in units})
        if (r.level, r.unit_id) in order
    ]
    return sorted(rows, key=lambda r: (r.indicator, r.stratum, order[(r.level, r.unit_id)], r.period))


def as_computed(row: IndicatorValue) -> Computed:
    """A kept value in the shape the exports take (``indicators.export``)."""
    return Computed(
        indicator=row.indicator,
        name=row.name,
        level=row.level,
        unit_id=row.unit_id,
        unit_name=row.unit_name,
        period=row.period,
        stratum=row.stratum,
        numerator=row.numerator,
        denominator=row.denominator,
        value=row.value,
        standardised=row.standardised,
        unit=row.unit,
        marker=row.marker,
        note=row.note,
        suppressed=row.suppressed,
        complement=tuple(f for f in row.complement.split(",") if f),
    )


@dataclass(frozen=True)
class Figure:
    """One unit's value in one period, as shown: counts as text ("<5" when suppressed)."""

    unit_name: str
    level_name: str
    numerator: str
    denominator: str
    value: float | None
    standardised: float | None
    suppressed: bool
    note: str

    @property
    def hidden_label(self) -> str:
        """What a hidden rate is shown as: "<5" when a count under it was small, "skjult" when it was hidden as
        the complement of another unit's small count."""
        return "<5" if "<5" in (self.numerator, self.denominator) else "skjult"

    @property
    def shown(self) -> float | None:
        """The value the card compares: the standardised one where the indicator is standardised."""
        return self.standardised if self.standardised is not None else self.value


@dataclass(frozen=True)
class Card:
    indicator: str
    stratum: str
    name: str
    unit: str
    marker: str
    definition: str
    definition_version: str
    standardised: bool
    periods: tuple[str, ...]
    units: tuple[str, ...]  # the unit names, in the order of the series
    now: tuple[Figure, ...]  # each unit in the chosen period
    trend: tuple[tuple[str, tuple[Figure | None, ...]], ...]  # per period: each unit's figure

    def series(self) -> list[tuple[str, list[float | None]]]:
        return [
            (name, [row[n].shown if row[n] is not None else None for _, row in self.trend])  # type: ignore[union-attr]
            for n, name in enumerate(self.units)
        ]

    @property
    def title(self) -> str:
        return (
            self.name
            if self.stratum == "alle"
            else f"{self.name}: {self.stratum.replace('+', ' år og derover')}"
        )


@dataclass(frozen=True)
class Dashboard:
    run: ComputationRun
    periods: tuple[str, ...]
    period: str
    cards: tuple[Card, ...]
    rows: tuple[IndicatorValue, ...]  # every value shown, for the export


def _figure(row: IndicatorValue) -> Figure:
    shown = as_computed(row)
    return Figure(
        unit_name=row.unit_name,
        level_name=LEVEL_NAMES.get(row.level, row.level),
        numerator=shown.shown(row.numerator, "numerator"),
        denominator=shown.shown(row.denominator, "denominator"),
        value=row.value,
        standardised=row.standardised,
        suppressed=row.suppressed,
        note=row.note,
    )


def dashboard(run: ComputationRun, units: list[tuple[str, str]], period: str | None) -> Dashboard:
    """Cards for every indicator (and age band) of the units, the first unit first: its value in ``period`` (the
    latest when None or unknown) beside the others, and the trend over every period of the run."""
    defs = load_definitions()
    rows = unit_values(run, units)
    periods = tuple(sorted({r.period for r in rows}))
    chosen = period if period in periods else (periods[-1] if periods else "")
    by_card: dict[tuple[str, str], dict[tuple[str, str, str], IndicatorValue]] = defaultdict(dict)
    for r in rows:
        by_card[(r.indicator, r.stratum)][(r.level, r.unit_id, r.period)] = r
    order = {d.id: n for n, d in enumerate(defs.indicators)}
    cards = []
    for (indicator, stratum), cells in sorted(
        by_card.items(), key=lambda kv: (order.get(kv[0][0], 99), kv[0][1])
    ):
        first = next(iter(cells.values()))
        try:
            definition = defs.indicator(indicator)
            text, standardised = definition.source, definition.standardised
        except KeyError:
            text, standardised = "", False
        names = []
        for level, unit in units:
            found = next((c for (lv, u, _), c in cells.items() if lv == level and u == unit), None)
            names.append(found.unit_name if found else unit)
        now = tuple(
            _figure(cells[(level, unit, chosen)]) for level, unit in units if (level, unit, chosen) in cells
        )
        trend = tuple(
            (p, tuple(_figure(cells[(lv, u, p)]) if (lv, u, p) in cells else None for lv, u in units))
            for p in periods
        )
        cards.append(
            Card(
                indicator=indicator,
                stratum=stratum,
                name=first.name,
                unit=UNIT_LABELS.get(first.unit, first.unit),
                marker=first.marker,
                definition=text,
                definition_version=first.definition_version,
                standardised=standardised,
                periods=periods,
                units=tuple(names),
                now=now,
                trend=trend,
            )
        )
    return Dashboard(run, periods, chosen, tuple(cards), tuple(rows))
