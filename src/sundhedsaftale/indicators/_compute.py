"""Run the indicator SQL on an engine and turn the sums into values: crude, standardised, suppressed (ADR 0043)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Protocol

from ._definitions import Definitions, IndicatorDefinition, load_definitions
from ._geography import LEVELS, Geography, national_geography
from ._kept import KEPT_BLOCKS, KeptBlocks
from ._sql import (
    BLOCKS_BY_INDICATOR,
    BuildingBlock,
    aggregate_sql,
    band_label,
    building_blocks,
    indicator_sql,
    to_dialect,
)

__all__ = [
    "DuckDBEngine",
    "Engine",
    "IndicatorValue",
    "complementary",
    "compute",
    "standardised_rate",
    "step_count",
    "suppress",
]

REGISTER_TABLES = ("person", "residence", "hospital_contact", "gp_contact")


class Engine(Protocol):
    """What the indicators need of a SQL engine; DuckDB here, Spark in ``_spark``."""

    dialect: str
    # Hospital contacts the stays are merged from at a time (by ranges of persons); None: all at once.
    contacts_per_part: int | None

    def register_parquet(self, name: str, directory: Path) -> None: ...

    def register_rows(
        self, name: str, columns: Sequence[tuple[str, str]], rows: Sequence[tuple[Any, ...]]
    ) -> None: ...

    def materialise(self, name: str, sql: str) -> None: ...

    def append(self, name: str, sql: str) -> None: ...

    def rows(self, sql: str) -> list[tuple[Any, ...]]: ...

    def save(self, name: str, directory: Path) -> None:
        """Write the table ``name`` as Parquet files in ``directory`` (created here)."""
        ...

    def load(self, name: str, directory: Path) -> None:
        """Make the Parquet files in ``directory`` the table ``name``."""
        ...


def _literal(value: object) -> str:
    if value is None:
        return "NULL"
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, dt.date):
        return f"DATE '{value.isoformat()}'"
    return "'" + str(value).replace("'", "''") + "'"


class DuckDBEngine:
    """An in-process DuckDB connection; building blocks are temporary tables, computed once per run.

    ``contacts_per_part``: the stays are merged from at most about this many hospital contacts at a time, one
    range of persons after another (ADR 0043). Smaller ranges were faster as well as smaller on the whole country
    (one year in two ranges, five years in nine); each range joins only its own persons.
    """

    dialect = "duckdb"

    def __init__(
        self,
        *,
        threads: int | None = 2,
        memory_limit: str | None = None,
        contacts_per_part: int | None = 10_000_000,
    ) -> None:
        import duckdb

        self.contacts_per_part = contacts_per_part
        self.con = duckdb.connect(":memory:")
        if threads:
            self.con.execute(f"SET threads = {int(threads)}")
        # The building blocks are sets: no query relies on the order rows were written in, so DuckDB need not keep
        # it (its documented setting for large materialisations: less memory, more parallel writing).
        self.con.execute("SET preserve_insertion_order = false")
        if memory_limit:
            self.con.execute("SET memory_limit = ?", [memory_limit])

    def register_parquet(self, name: str, directory: Path) -> None:
        pattern = str(directory / "*.parquet").replace("'", "''")
        self.con.execute(f"CREATE OR REPLACE VIEW {name} AS SELECT * FROM read_parquet('{pattern}')")

    def register_rows(
        self, name: str, columns: Sequence[tuple[str, str]], rows: Sequence[tuple[Any, ...]]
    ) -> None:
        cols = ", ".join(f"{c} {t}" for c, t in columns)
        self.con.execute(f"CREATE OR REPLACE TEMP TABLE {name} ({cols})")
        if rows:  # a few hundred rows at most: one statement with literal values
            values = ", ".join("(" + ", ".join(_literal(v) for v in row) + ")" for row in rows)
            self.con.execute(f"INSERT INTO {name} VALUES {values}")

    def materialise(self, name: str, sql: str) -> None:
        self.con.execute(f"CREATE OR REPLACE TEMP TABLE {name} AS {to_dialect(sql, self.dialect)}")

    def append(self, name: str, sql: str) -> None:
        self.con.execute(f"INSERT INTO {name} {to_dialect(sql, self.dialect)}")

    def rows(self, sql: str) -> list[tuple[Any, ...]]:
        return self.con.execute(to_dialect(sql, self.dialect)).fetchall()

    def save(self, name: str, directory: Path) -> None:
        directory.mkdir(parents=True, exist_ok=True)
        target = str(directory / "part-0.parquet").replace("'", "''")
        self.con.execute(f"COPY {name} TO '{target}' (FORMAT parquet, COMPRESSION zstd)")

    def load(self, name: str, directory: Path) -> None:
        pattern = str(directory / "*.parquet").replace("'", "''")
        self.con.execute(f"CREATE OR REPLACE TEMP TABLE {name} AS SELECT * FROM read_parquet('{pattern}')")


@dataclass(frozen=True)
class IndicatorValue:
    """One indicator for one unit and period (and stratum for population by age).

    ``numerator`` and ``denominator`` are the raw counts; ``suppress`` turns small ones into ``None`` with
    ``suppressed`` set, and leaves the rate out with them.
    """

    indicator: str
    name: str
    level: str
    unit_id: str
    unit_name: str
    period: str
    stratum: str
    numerator: int | None
    denominator: int | None
    value: float | None
    standardised: float | None
    unit: str
    marker: str
    note: str = ""
    suppressed: bool = False
    # The counts ("numerator", "denominator") hidden although not small: the complement of a small one.
    complement: tuple[str, ...] = ()

    def shown(self, count: int | None, field: str = "") -> str:
        """A count as published: "<5" when it was small, "skjult" when it was hidden as the complement of a small
        one (it is not small, so "<5" would be false), the number otherwise."""
        if count is None and self.suppressed:
            return "skjult" if field and field in self.complement else "<5"
        return "" if count is None else str(count)


def _periods(years: Iterable[int]) -> list[tuple[str, dt.date, dt.date]]:
    return [(str(y), dt.date(y, 1, 1), dt.date(y + 1, 1, 1)) for y in sorted(set(years))]


def standardised_rate(strata: dict[Any, tuple[int, int]], standard: dict[Any, int]) -> float | None:
    """Direct standardisation: the unit's stratum rates weighted by the standard's stratum sizes.

    ``strata`` maps stratum → (numerator, denominator) for the unit; ``standard`` maps stratum → size of the
    standard population. Strata the unit has no denominator in are left out and the remaining weights scaled to
    1 (definitions.yaml, ``standardisation``). None when no stratum remains.
    """
    weight_sum = 0.0
    total = 0.0
    for key, (num, den) in strata.items():
        w = standard.get(key, 0)
        if den > 0 and w > 0:
            weight_sum += w
            total += w * num / den
    return total / weight_sum if weight_sum else None


def _scale(unit: str) -> float:
    return 1000.0 if unit == "per_1000" else 100.0


def prepare(
    engine: Engine,
    directory: Path,
    geography: Geography,
    years: Sequence[int],
    defs: Definitions,
    on_step: Callable[[str], None] | None = None,
    indicators: Sequence[str] | None = None,
    kept: KeptBlocks | None = None,
) -> None:
    """Register the register's tables, the geography, periods and code lists; build the building blocks the
    indicators read (all of them when ``indicators`` is None).

    The blocks built by ranges of persons (``BuildingBlock.by_persons``) are built range by range when the
    engine says so (``contacts_per_part``); ``stay`` then holds the last range's stays only, the others having
    gone into ``admission`` and ``stay_start_part``. With ``kept``, those two are read from an entry kept by an
    earlier run on the same files and definitions when there is one (``stay`` is then not built), and kept for
    the next run when there is not (``_kept``, ADR 0053)."""
    for table in REGISTER_TABLES:
        engine.register_parquet(table, directory / table)
    engine.register_rows(
        "geography",
        [("municipality_code", "SMALLINT"), ("level", "VARCHAR"), ("unit_id", "VARCHAR")],
        [(int(m), level, unit) for m, level, unit in geography.rows()],
    )
    periods = _periods(years)
    engine.register_rows("periods", [("period", "VARCHAR"), ("start_d", "DATE"), ("end_d", "DATE")], periods)
    codes: list[tuple[str, str, str, str]] = []
    for period, start, _ in periods:
        for list_id in defs.code_lists:
            version = defs.code_list_on(list_id, start)
            codes.extend((period, list_id, g.id, code) for g in version.groups for code in g.codes)
    engine.register_rows(
        "code_list",
        [("period", "VARCHAR"), ("list_id", "VARCHAR"), ("group_id", "VARCHAR"), ("code", "VARCHAR")],
        codes,
    )
    blocks = _blocks(defs, indicators)
    by_persons = [b for b in blocks if b.by_persons]
    for block in blocks:
        if block.by_persons and block is not by_persons[0]:
            continue  # built with the first of them
        if block.by_persons:
            if kept is None:
                _build_by_persons(engine, defs, by_persons)
            else:
                _kept_by_persons(engine, directory, defs, kept, [b.name for b in by_persons])
            built = by_persons
        else:
            engine.materialise(block.name, block.sql)
            built = [block]
        if on_step:
            for done in built:
                on_step(done.name)


def _person_ranges(engine: Engine) -> list[tuple[int, int] | None]:
    """Ranges of person ids (from, to exclusive), as many as ``engine.contacts_per_part`` asks for the number of
    contacts, of equal width: about that many contacts each when ids are spread evenly, as sequence numbers are.
    A person's contacts all fall in one range, so each range's stays are whole."""
    limit = engine.contacts_per_part
    if not limit:
        return [None]
    [(contacts, lowest, highest)] = engine.rows(
        "SELECT count(*), min(person_id), max(person_id) FROM hospital_contact"
    )
    if contacts <= limit:
        return [None]
    parts = -(-int(contacts) // limit)
    width = (int(highest) - int(lowest)) // parts + 1
    return [(int(lowest) + i * width, int(lowest) + (i + 1) * width) for i in range(parts)]


def _build_by_persons(engine: Engine, defs: Definitions, blocks: Sequence[BuildingBlock]) -> None:
    names = {b.name for b in blocks}
    for n, persons in enumerate(_person_ranges(engine)):
        for block in building_blocks(defs, persons):
            if block.name not in names:
                continue
            if block.name == "stay" or n == 0:
                engine.materialise(block.name, block.sql)
            else:
                engine.append(block.name, block.sql)


def _kept_by_persons(
    engine: Engine, directory: Path, defs: Definitions, kept: KeptBlocks, needed: Sequence[str]
) -> None:
    """The blocks built by ranges of persons, read from the entry kept for these files when there is one; else
    built, all of them (the next run may ask for others), and kept."""
    blocks = building_blocks(defs)
    every = [b for b in blocks if b.by_persons]
    # Every block's SQL, not only theirs: they read ``resident`` too, and a change anywhere only costs a merge.
    key = kept.key(directory, [b.sql for b in blocks], engine.dialect)
    if kept.load(engine, key, [n for n in needed if n in KEPT_BLOCKS]):
        return
    _build_by_persons(engine, defs, every)
    kept.save(engine, key)


def _blocks(defs: Definitions, indicators: Sequence[str] | None) -> list[BuildingBlock]:
    """The building blocks the indicators read (``BLOCKS_BY_INDICATOR``), in dependency order; all when None."""
    blocks = building_blocks(defs)
    if indicators is None:
        return blocks
    needed = set().union(*(BLOCKS_BY_INDICATOR.get(i, frozenset(b.name for b in blocks)) for i in indicators))
    return [b for b in blocks if b.name in needed]


def step_count(defs: Definitions, indicators: Sequence[str] | None = None) -> int:
    """How many times ``compute`` calls ``on_step``: once per building block built and once per indicator."""
    return len(_blocks(defs, indicators)) + sum(
        1 for d in defs.indicators if indicators is None or d.id in indicators
    )


def compute(
    engine: Engine,
    directory: Path,
    geography: Geography,
    *,
    years: Sequence[int],
    levels: Sequence[str] = LEVELS,
    indicators: Sequence[str] | None = None,
    defs: Definitions | None = None,
    prepared: bool = False,
    on_step: Callable[[str], None] | None = None,
    kept: KeptBlocks | None = None,
) -> list[IndicatorValue]:
    """Every indicator (or those named) for every unit of ``levels`` and each year: raw counts, not suppressed.

    ``on_step`` is called after each building block and each indicator (a progress bar; ``step_count``).
    ``kept``: where the person-level blocks are kept between runs (``prepare``); None: built anew, not kept.
    """
    defs = defs or load_definitions()
    if not prepared:
        prepare(engine, directory, geography, years, defs, on_step, indicators, kept)
    chosen = [d for d in defs.indicators if indicators is None or d.id in indicators]
    results: list[IndicatorValue] = []
    for ind in chosen:
        # Sorted, so that sums of floats (the standardisation) do not depend on the order the engine returned.
        bands = ind.age_bands or defs.standard_age_bands
        rows = sorted(engine.rows(aggregate_sql(indicator_sql(ind), bands)))
        results.extend(_values(ind, rows, geography, levels, defs))
        if on_step:
            on_step(ind.id)
    return results


def _values(
    ind: IndicatorDefinition,
    rows: list[tuple[Any, ...]],
    geography: Geography,
    levels: Sequence[str],
    defs: Definitions,
) -> list[IndicatorValue]:
    bands = ind.age_bands or defs.standard_age_bands
    labels = [band_label(low, high) for low, high in bands]
    # (level, unit, period, stratum) → {(sex, band): [num, den]}
    cells: dict[tuple[str, str, str, str], dict[tuple[str, str], list[int]]] = defaultdict(dict)
    for level, unit, period, sex, position, num, den in rows:
        band = labels[position] if position >= 0 else "?"
        stratum = band if ind.id == "befolkning" else "alle"
        cell = cells[(level, unit, period, stratum)].setdefault((sex, band), [0, 0])
        cell[0] += int(num)
        cell[1] += int(den)
    if ind.id == "befolkning":
        totals: dict[tuple[str, str, str], int] = defaultdict(int)
        for (level, unit, period, _), strata in cells.items():
            totals[(level, unit, period)] += sum(n for n, _ in strata.values())
    standard: dict[str, dict[tuple[str, str], int]] = {}
    if ind.standardised:
        for (level, _, period, _), strata in cells.items():
            if level == "land":
                standard[period] = {k: den for k, (_, den) in strata.items()}
    out: list[IndicatorValue] = []
    for (level, unit, period, stratum), strata in sorted(cells.items()):
        if level not in levels:
            continue
        num = sum(n for n, _ in strata.values())
        den = totals[(level, unit, period)] if ind.id == "befolkning" else sum(d for _, d in strata.values())
        value = num / den * _scale(ind.unit) if den else None
        std = None
        if ind.standardised:
            rate = standardised_rate({k: (n, d) for k, (n, d) in strata.items()}, standard.get(period, {}))
            std = rate * _scale(ind.unit) if rate is not None else None
        out.append(
            IndicatorValue(
                indicator=ind.id,
                name=ind.name,
                level=level,
                unit_id=unit,
                unit_name=geography.name(level, unit),
                period=period,
                stratum=stratum,
                numerator=num,
                denominator=den,
                value=value,
                standardised=std,
                unit=ind.unit,
                marker=ind.marker,
                note=geography.note(level, unit),
            )
        )
    return out


def suppress(
    values: Iterable[IndicatorValue],
    threshold: int | None = None,
    geography: Geography | None = None,
) -> list[IndicatorValue]:
    """Counts below the threshold (0 included) become None with ``suppressed`` set, and every rate with them
    (primary suppression); then enough further counts are hidden that none of the hidden ones can be recovered
    by subtraction (complementary suppression, :func:`complementary`).

    ``geography`` says which units add up to which (the platform's own when None)."""
    limit = load_definitions().suppression_threshold if threshold is None else threshold
    out = []
    for v in values:
        small_num = v.numerator is not None and v.numerator < limit
        small_den = v.denominator is not None and v.denominator < limit
        if small_num or small_den:
            v = replace(
                v,
                numerator=None if small_num else v.numerator,
                denominator=None if small_den else v.denominator,
                value=None,
                standardised=None,
                suppressed=True,
            )
        out.append(v)
    return complementary(out, geography or national_geography())


# A parent unit equals the sum of its children at these finer levels (the København rule makes a region's
# clusters add up to more than the region; the relation is kept, as a reader can still subtract).
_CHILD_LEVELS = {"klynge": ("kommune",), "region": ("kommune", "klynge"), "land": ("region",)}

_Cell = tuple[str, str, str, str, str, str]  # indicator, period, stratum, level, unit, field


def _equations(
    values: Sequence[IndicatorValue], geography: Geography
) -> list[tuple[_Cell, tuple[_Cell, ...]]]:
    """Every published relation "parent = sum of children" among the values' cells, for numerators and
    denominators: a unit and the units of the next finer levels inside it, and (population by age) a unit's
    total and its age bands."""
    members = {key: frozenset(codes) for key, codes in geography.members.items()}
    children: dict[tuple[str, str], dict[str, list[str]]] = {}
    for (level, unit), inside in members.items():
        for child_level in _CHILD_LEVELS.get(level, ()):
            kids = [u for (lv, u), m in members.items() if lv == child_level and m <= inside]
            if kids:  # one child alone (a cluster of one municipality) equals its parent: a relation too
                children.setdefault((level, unit), {})[child_level] = sorted(kids)
    groups: set[tuple[str, str, str, str]] = set()
    strata: dict[tuple[str, str, str, str], list[str]] = defaultdict(list)
    for v in values:
        groups.add((v.indicator, v.period, v.stratum, v.level))
        strata[(v.indicator, v.period, v.level, v.unit_id)].append(v.stratum)
    out: set[tuple[_Cell, tuple[_Cell, ...]]] = set()
    for indicator, period, stratum in {(i, p, s) for i, p, s, _ in groups}:
        for (level, unit), by_level in children.items():
            for child_level, kids in by_level.items():
                for fld in ("numerator", "denominator"):
                    s = _stratum_of(indicator, stratum, fld)
                    out.add(
                        (
                            (indicator, period, s, level, unit, fld),
                            tuple((indicator, period, s, child_level, k, fld) for k in kids),
                        )
                    )
    for (indicator, period, level, unit), bands in strata.items():
        if indicator == "befolkning" and len(bands) > 1:
            out.add(
                (
                    (indicator, period, "*", level, unit, "denominator"),
                    tuple((indicator, period, b, level, unit, "numerator") for b in sorted(bands)),
                )
            )
    return sorted(out)


def _stratum_of(indicator: str, stratum: str, fld: str) -> str:
    # Population by age: every band's row carries the unit's whole population as its denominator.
    return "*" if indicator == "befolkning" and fld == "denominator" else stratum


def complementary(values: Sequence[IndicatorValue], geography: Geography) -> list[IndicatorValue]:
    """Complementary (secondary) suppression: no published relation "parent = sum of children" may have exactly
    one hidden count, or the hidden count is the parent minus the others.

    The rule, applied until nothing changes: where a relation (a cluster and its municipalities, a region and its
    municipalities or clusters, the country and its regions, a unit's population and its age bands) has exactly
    one hidden count, the smallest published child count is hidden too (ties: the lowest unit id or band); if
    every child is hidden, the parent. A hidden count hides its row's rate and is named in ``complement``. Counts a relation refers to that are
    not among the values (a level not computed) count as published, so the rule holds when levels are published
    apart. Every value stays in the list; none is added."""
    rows: dict[_Cell, list[int]] = defaultdict(list)
    for n, v in enumerate(values):
        for fld in ("numerator", "denominator"):
            rows[
                (v.indicator, v.period, _stratum_of(v.indicator, v.stratum, fld), v.level, v.unit_id, fld)
            ].append(n)
    hidden: set[_Cell] = set()
    count: dict[_Cell, int] = {}
    for cell, indices in rows.items():
        v = values[indices[0]]
        amount = getattr(v, cell[5])
        if amount is None:
            hidden.add(cell)
        else:
            count[cell] = amount
    equations = [(p, c) for p, c in _equations(values, geography) if p in rows or any(k in rows for k in c)]
    changed = True
    while changed:
        changed = False
        for parent, kids in equations:
            cells = [parent, *kids]
            if sum(1 for c in cells if c in hidden) != 1:
                continue
            shown = sorted((count[c], c) for c in kids if c in count and c not in hidden)
            if shown:
                hidden.add(shown[0][1])
            elif parent in count and parent not in hidden:
                hidden.add(parent)
            else:
                continue  # the other cells are not among the values: nothing here to hide
            changed = True
    out = list(values)
    for cell in hidden:
        if cell not in count:
            continue  # hidden by the primary rule already
        for n in rows[cell]:
            v = out[n]
            out[n] = replace(
                v,
                numerator=None if cell[5] == "numerator" else v.numerator,
                denominator=None if cell[5] == "denominator" else v.denominator,
                value=None,
                standardised=None,
                suppressed=True,
                complement=tuple(sorted({*v.complement, cell[5]})),
            )
    return out
