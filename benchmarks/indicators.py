"""Benchmark: the register indicators on DuckDB at national scale. Prints figures; asserts nothing.

Run: ``python benchmarks/indicators.py`` (``--scale 1.0``, ``--years 1``, ``--five-years``, ``--threads 2``,
``--data var/bench-register``). Needs the ``bench`` extra (pandas) for the baseline.

Each measurement runs in a child process of its own, started from a parent that holds no data (a forked child
inherits its parent's peak), so its peak memory (RSS, from ``getrusage``) is its own:

1. all indicators for every level, one year: the whole country (scale 1.0) is the goal of ≤ 10 s on 2 cores;
2. with ``--five-years``: the same over five years of data, five periods (goal ≤ 30 s);
3. peak memory of each (goal ≤ 6 GB);
4. each of those three ways: from the files with nothing kept, keeping the person-level blocks (a register's first
   run) and reading them (every later run on the same files, ADR 0053), with a digest of every value to show the
   three agree;
5. one indicator, forebyggelige indlæggelser blandt ældre per cluster, on the same files: the platform (building
   blocks and the indicator's query) from the files and reading the blocks kept in 4, a hand-written single DuckDB
   query (goal: the platform from the files within 1.5× of it) and pandas (goal: the platform ≥ 10× faster). They
   must give the same counts; the benchmark checks and says so.

The register is generated once per scale, years and seed and kept in ``--data`` (the time to generate is printed).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

GOAL_ONE_YEAR = 10.0
GOAL_FIVE_YEARS = 30.0
GOAL_MEMORY_GB = 6.0
GOAL_PANDAS_RATIO = 10.0
GOAL_HAND_RATIO = 1.5
INDICATOR = "forebyggelige_indlaeggelser_65"


def _register(data: Path, scale: float, years: list[int], seed: int) -> Path:
    """Generate the register once (in a child process, so this process's peak memory stays its own)."""
    directory = data / f"scale{scale}-{years[0]}-{years[-1]}-seed{seed}"
    manifest = directory / "manifest.json"
    if manifest.exists():
        print(f"  register: {directory} (already generated)")
        return directory
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "sundhedsaftale.cli.main", "data", "generate", "--scale", str(scale),
         "--years", f"{years[0]}-{years[-1]}", "--seed", str(seed), "--out", str(directory)],
        check=True, capture_output=True, text=True,
    )  # fmt: skip
    elapsed = time.perf_counter() - started
    counts = json.loads(manifest.read_text(encoding="utf-8"))["counts"]
    print(
        f"  register: generated in {elapsed:.1f} s → {directory} ("
        + ", ".join(f"{k} {v:,}" for k, v in counts.items())
        + ")"
    )
    return directory


# --- child measurements -----------------------------------------------------------------------------------------


def _kept(kept: Path | None) -> Any:
    from sundhedsaftale.indicators import KeptBlocks

    return KeptBlocks(kept) if kept else None


def _child_all(directory: Path, years: list[int], threads: int, kept: Path | None) -> dict[str, Any]:
    from sundhedsaftale.indicators import DuckDBEngine, compute, national_geography

    geography = national_geography()
    blocks = _kept(kept)
    started = time.perf_counter()
    values = compute(DuckDBEngine(threads=threads), directory, geography, years=years, kept=blocks)
    return {
        "seconds": time.perf_counter() - started,
        "values": len(values),
        "digest": _digest(values),
        "read_kept": bool(blocks and blocks.read),
    }


def _digest(values: list[Any]) -> str:
    """A digest of every value, so runs with and without kept blocks can be seen to agree."""
    import hashlib

    rows = sorted(repr((v.indicator, v.level, v.unit_id, v.period, v.stratum, v.numerator, v.denominator, v.value,
                        v.standardised)) for v in values)  # fmt: skip
    return hashlib.sha256("\n".join(rows).encode()).hexdigest()[:16]


def _child_platform(directory: Path, year: int, threads: int, kept: Path | None) -> dict[str, Any]:
    from sundhedsaftale.indicators import DuckDBEngine, compute, national_geography

    blocks = _kept(kept)
    started = time.perf_counter()
    values = compute(
        DuckDBEngine(threads=threads),
        directory,
        national_geography(),
        years=[year],
        levels=("klynge",),
        indicators=[INDICATOR],
        kept=blocks,
    )
    seconds = time.perf_counter() - started
    return {
        "seconds": seconds,
        "counts": {v.unit_id: [v.numerator, v.denominator] for v in values},
        "read_kept": bool(blocks and blocks.read),
    }


def _code_prefixes(year: int) -> list[str]:
    import datetime as dt

    from sundhedsaftale.indicators import load_definitions

    defs = load_definitions()
    ind = defs.indicator(INDICATOR)
    assert ind.code_list is not None
    version = defs.code_list_on(ind.code_list, dt.date(year, 1, 1))
    return [code for group in version.groups for code in group.codes]


def _child_hand(directory: Path, year: int, threads: int, kept: Path | None) -> dict[str, Any]:
    """One query written for this indicator alone: merge, admissions, the code list, residence, population."""
    import duckdb

    from sundhedsaftale.indicators import national_geography

    prefixes = _code_prefixes(year)
    geo = [(int(m), u) for m, level, u in national_geography().rows() if level == "klynge"]
    con = duckdb.connect()
    con.execute(f"SET threads = {threads}")
    started = time.perf_counter()
    con.execute("CREATE TEMP TABLE geo (municipality_code SMALLINT, unit_id VARCHAR)")
    con.executemany("INSERT INTO geo VALUES (?, ?)", geo)
    like = " OR ".join(f"starts_with(diag, '{p}')" for p in prefixes)
    d = str(directory)
    rows = con.execute(
        f"""
WITH c AS (
  SELECT person_id, start_ts, end_ts, priority = 'akut' AS acute, action_diagnosis AS diag, contact_id
  FROM read_parquet('{d}/hospital_contact/*.parquet') WHERE physical AND sector = 'somatik'
), o AS (
  SELECT *, CASE WHEN start_ts > max(end_ts) OVER w + INTERVAL 4 HOUR OR max(end_ts) OVER w IS NULL
                 THEN 1 ELSE 0 END AS first_contact
  FROM c WINDOW w AS (PARTITION BY person_id ORDER BY start_ts, contact_id
                      ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING)
), s AS (
  SELECT person_id, first_contact, acute, diag, start_ts, end_ts,
         sum(first_contact) OVER (PARTITION BY person_id ORDER BY start_ts, contact_id) AS stay_no
  FROM o
), stay AS (
  SELECT person_id, min(start_ts) AS start_ts, max(end_ts) AS end_ts,
         bool_or(first_contact = 1 AND acute) AS acute,
         max(CASE WHEN first_contact = 1 THEN diag END) AS diag
  FROM s GROUP BY person_id, stay_no
), events AS (
  SELECT r.municipality_code, count(*) AS n
  FROM stay x
  JOIN read_parquet('{d}/person/*.parquet') p USING (person_id)
  JOIN read_parquet('{d}/residence/*.parquet') r ON r.person_id = x.person_id
       AND r.valid_from <= CAST(x.start_ts AS DATE) AND (r.valid_to IS NULL OR r.valid_to > CAST(x.start_ts AS DATE))
  WHERE x.end_ts - x.start_ts >= INTERVAL 12 HOUR AND x.acute
    AND date_sub('year', p.birth_date, CAST(x.start_ts AS DATE)) >= 65
    AND year(x.start_ts) = {year} AND ({like})
  GROUP BY ALL
), pop AS (
  SELECT r.municipality_code, count(*) AS n
  FROM read_parquet('{d}/person/*.parquet') p
  JOIN read_parquet('{d}/residence/*.parquet') r ON r.person_id = p.person_id
       AND r.valid_from <= DATE '{year}-01-01' AND (r.valid_to IS NULL OR r.valid_to > DATE '{year}-01-01')
  WHERE p.birth_date <= DATE '{year}-01-01' AND (p.death_date IS NULL OR p.death_date > DATE '{year}-01-01')
    AND date_sub('year', p.birth_date, DATE '{year}-01-01') >= 65
  GROUP BY ALL
)
SELECT g.unit_id, coalesce(sum(e.n), 0), coalesce(sum(p.n), 0)
FROM geo g LEFT JOIN events e USING (municipality_code) LEFT JOIN pop p USING (municipality_code)
GROUP BY g.unit_id"""
    ).fetchall()
    seconds = time.perf_counter() - started
    return {"seconds": seconds, "counts": {u: [int(n), int(dn)] for u, n, dn in rows}}


def _child_pandas(directory: Path, year: int, threads: int, kept: Path | None) -> dict[str, Any]:
    """The same indicator in pandas, vectorised (no loop per row)."""
    import pandas as pd

    from sundhedsaftale.indicators import national_geography

    prefixes = tuple(_code_prefixes(year))
    started = time.perf_counter()
    cols = [
        "contact_id",
        "person_id",
        "start_ts",
        "end_ts",
        "priority",
        "sector",
        "physical",
        "action_diagnosis",
    ]
    c = pd.read_parquet(directory / "hospital_contact", columns=cols)
    c = c[c["physical"] & (c["sector"] == "somatik")]
    c = c.sort_values(["person_id", "start_ts", "contact_id"], kind="stable").reset_index(drop=True)
    prev_end = c.groupby("person_id")["end_ts"].cummax().groupby(c["person_id"]).shift(1)
    first = prev_end.isna() | (c["start_ts"] > prev_end + pd.Timedelta(hours=4))
    c["stay_no"] = first.astype("int64").groupby(c["person_id"]).cumsum()
    c["first"] = first
    heads = c[c["first"]][["person_id", "stay_no", "priority", "action_diagnosis"]]
    bounds = c.groupby(["person_id", "stay_no"], sort=False).agg(
        start_ts=("start_ts", "min"), end_ts=("end_ts", "max")
    )
    stays = bounds.reset_index().merge(heads, on=["person_id", "stay_no"])
    stays = stays[(stays["end_ts"] - stays["start_ts"]) >= pd.Timedelta(hours=12)]
    stays = stays[(stays["priority"] == "akut") & (stays["start_ts"].dt.year == year)]
    stays = stays[stays["action_diagnosis"].str.startswith(prefixes)]
    person = pd.read_parquet(directory / "person")
    residence = pd.read_parquet(directory / "residence")

    def age(birth: pd.Series, day: pd.Series | pd.Timestamp) -> pd.Series:
        b = pd.to_datetime(birth)
        d = pd.to_datetime(day)
        if isinstance(d, pd.Timestamp):
            return d.year - b.dt.year - ((b.dt.month * 100 + b.dt.day) > (d.month * 100 + d.day))
        return d.dt.year - b.dt.year - ((b.dt.month * 100 + b.dt.day) > (d.dt.month * 100 + d.dt.day))

    stays = stays.merge(person[["person_id", "birth_date"]], on="person_id")
    stays["day"] = stays["start_ts"].dt.normalize()
    stays = stays[age(stays["birth_date"], stays["day"]) >= 65]
    res = residence.assign(
        valid_from=pd.to_datetime(residence["valid_from"]), valid_to=pd.to_datetime(residence["valid_to"])
    )
    ev = stays.merge(res, on="person_id")
    ev = ev[(ev["valid_from"] <= ev["day"]) & (ev["valid_to"].isna() | (ev["valid_to"] > ev["day"]))]
    jan1 = pd.Timestamp(f"{year}-01-01")
    alive = person[
        (pd.to_datetime(person["birth_date"]) <= jan1)
        & (person["death_date"].isna() | (pd.to_datetime(person["death_date"]) > jan1))
    ]
    alive = alive[age(alive["birth_date"], jan1) >= 65]
    pop = alive.merge(res, on="person_id")
    pop = pop[(pop["valid_from"] <= jan1) & (pop["valid_to"].isna() | (pop["valid_to"] > jan1))]
    geo = pd.DataFrame(
        [(int(m), u) for m, level, u in national_geography().rows() if level == "klynge"],
        columns=["municipality_code", "unit_id"],
    )
    num = ev.groupby("municipality_code").size().rename("n").reset_index()
    den = pop.groupby("municipality_code").size().rename("d").reset_index()
    out = geo.merge(num, how="left").merge(den, how="left").fillna(0).groupby("unit_id")[["n", "d"]].sum()
    seconds = time.perf_counter() - started
    return {"seconds": seconds, "counts": {u: [int(r.n), int(r.d)] for u, r in out.iterrows()}}


_CHILDREN = {"all": _child_all, "platform": _child_platform, "hand": _child_hand, "pandas": _child_pandas}


def _child(kind: str, directory: Path, years: list[int], threads: int, kept: Path | None) -> None:
    if kind == "all":
        result = _child_all(directory, years, threads, kept)
    else:
        result = _CHILDREN[kind](directory, years[-1], threads, kept)
    usage = resource.getrusage(resource.RUSAGE_SELF)
    result["max_rss_gb"] = usage.ru_maxrss / 1024 / 1024
    # Processor time of the whole child (reading the data included): on a machine other work keeps busy, the
    # fairer reading beside the wall time.
    result["cpu_seconds"] = usage.ru_utime + usage.ru_stime
    print(json.dumps(result))


def _load() -> str:
    """The machine's load average (1, 5, 15 minutes): how much other work shared the processors."""
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def _run(
    kind: str, directory: Path, years: list[int], threads: int, kept: Path | None = None
) -> dict[str, Any]:
    out = subprocess.run(
        [sys.executable, __file__, "--child", kind, "--dir", str(directory), "--child-years",
         ",".join(map(str, years)), "--threads", str(threads), *(["--kept", str(kept)] if kept else [])],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    result: dict[str, Any] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--five-years", action="store_true", help="also five years of data (2020–2024)")
    parser.add_argument("--data", type=Path, default=Path("var/bench-register"))
    parser.add_argument("--skip-pandas", action="store_true")
    parser.add_argument("--child", choices=sorted(_CHILDREN))
    parser.add_argument("--dir", type=Path)
    parser.add_argument("--child-years")
    parser.add_argument("--kept", type=Path)
    args = parser.parse_args()
    if args.child:
        _child(args.child, args.dir, [int(y) for y in args.child_years.split(",")], args.threads, args.kept)
        return

    print(
        f"Register indicators on DuckDB, scale {args.scale} (1.0 = the whole country), {args.threads} threads; "
        f"load average {_load()}"
    )
    with tempfile.TemporaryDirectory(prefix="sundhedsaftale-bench-kept-") as tmp:
        kept = Path(tmp)
        one = _register(args.data, args.scale, [2024], args.seed)
        _all_indicators("one year", one, [2024], args.threads, GOAL_ONE_YEAR, kept / "one")
        if args.five_years:
            five = _register(args.data, args.scale, [2020, 2021, 2022, 2023, 2024], args.seed)
            _all_indicators("five years", five, [2020, 2021, 2022, 2023, 2024], args.threads, GOAL_FIVE_YEARS,
                            kept / "five")  # fmt: skip
        _one_indicator(one, args.threads, kept / "one", pandas=not args.skip_pandas)
    print(f"  load average at the end {_load()}")


def _figures(result: dict[str, Any]) -> str:
    return f"{result['seconds']:.2f} s, processor {result['cpu_seconds']:.1f} s, peak RSS {result['max_rss_gb']:.2f} GB"


def _all_indicators(
    what: str, directory: Path, years: list[int], threads: int, goal: float, kept: Path
) -> None:
    """Every indicator for every level, three ways: from the files (nothing kept: the figure the goal is about),
    keeping the person-level blocks (the first run on a register) and reading them (every later run, ADR 0053)."""
    fresh = _run("all", directory, years, threads)
    keeping = _run("all", directory, years, threads, kept)
    reading = _run("all", directory, years, threads, kept)
    same = fresh["digest"] == keeping["digest"] == reading["digest"]
    print(f"  all indicators, every level, {what} ({fresh['values']} values; goal ≤ {goal:.0f} s on 2 cores, "
          f"≤ {GOAL_MEMORY_GB:.0f} GB):")  # fmt: skip
    print(f"    from the files, nothing kept: {_figures(fresh)}")
    print(f"    the same, keeping the merged stays for the next run: {_figures(keeping)}")
    print(f"    a later run reading them (key: SHA-256 of the files): {_figures(reading)} → "
          f"{fresh['seconds'] / reading['seconds']:.1f}× faster than from the files; read kept blocks: "
          f"{'yes' if reading['read_kept'] and not keeping['read_kept'] else 'NO'}; "
          f"every value the same: {'yes' if same else 'NO'}")  # fmt: skip


def _one_indicator(one: Path, threads: int, kept: Path, *, pandas: bool) -> None:
    platform = _run("platform", one, [2024], threads)
    reading = _run("platform", one, [2024], threads, kept)
    hand = _run("hand", one, [2024], threads)
    print(f"  {INDICATOR} per cluster, one year:")
    print(f"    platform from the files (building blocks + query): {_figures(platform)}")
    print(f"    platform reading the blocks kept above: {_figures(reading)} (read kept blocks: "
          f"{'yes' if reading['read_kept'] else 'NO'})")  # fmt: skip
    print(
        f"    hand-written DuckDB query: {hand['seconds']:.2f} s, processor {hand['cpu_seconds']:.1f} s → platform/hand "
        f"{platform['seconds'] / hand['seconds']:.2f}× wall, {platform['cpu_seconds'] / hand['cpu_seconds']:.2f}× processor "
        f"(from the files; goal ≤ {GOAL_HAND_RATIO}×); same counts: {'yes' if hand['counts'] == platform['counts'] else 'NO'}"
    )
    if pandas:
        frame = _run("pandas", one, [2024], threads)
        same = frame["counts"] == platform["counts"] == reading["counts"]
        print(
            f"    pandas: {_figures(frame)} → pandas/platform from the files {frame['seconds'] / platform['seconds']:.1f}× wall, "
            f"{frame['cpu_seconds'] / platform['cpu_seconds']:.1f}× processor; pandas/platform reading kept blocks "
            f"{frame['seconds'] / reading['seconds']:.1f}× wall, {frame['cpu_seconds'] / reading['cpu_seconds']:.1f}× processor "
            f"(goal ≥ {GOAL_PANDAS_RATIO:.0f}×); same counts: {'yes' if same else 'NO'}"
        )


if __name__ == "__main__":
    main()
