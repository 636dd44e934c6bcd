"""The same indicator SQL on Apache Spark (local mode) gives the same numerators and denominators as DuckDB.

Opt-in (docs/data.md): a Spark session takes from half a minute to minutes to start on a small machine, so the
test runs only with ``SUNDHEDSAFTALE_SPARK_TESTS=1``, pyspark (the ``spark`` extra) and Java 17+:

    SUNDHEDSAFTALE_SPARK_TESTS=1 pytest -m spark tests/core/test_indicators_spark.py
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import importlib.util
import os
import shutil
from pathlib import Path

import pytest

from sundhedsaftale.indicators import DuckDBEngine, KeptBlocks, compute, national_geography

from .indicator_builders import Register

pytestmark = pytest.mark.spark


def _skip_reason() -> str | None:
    if os.environ.get("SUNDHEDSAFTALE_SPARK_TESTS") != "1":
        return "Spark-testen kører kun med SUNDHEDSAFTALE_SPARK_TESTS=1 (docs/data.md)"
    if importlib.util.find_spec("pyspark") is None:
        return "pyspark er ikke installeret (pip install '.[spark]')"
    if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
        return "Java (17 eller nyere) findes ikke; sæt JAVA_HOME"
    return None


def test_spark_and_duckdb_give_the_same_counts_for_every_indicator(tmp_path: Path) -> None:
    reason = _skip_reason()
    if reason:
        pytest.skip(reason)
    from sundhedsaftale.indicators._spark import SparkEngine, local_session

    reg = Register()
    for pid in range(1, 13):
        municipality = (101, 147, 151)[pid % 3]
        reg.person(
            pid, f"{1935 + 4 * pid}-03-0{1 + pid % 8}", sex="K" if pid % 2 else "M", municipality=municipality
        )
        end = reg.admission(
            pid, "2024-02-01 09:00", 1 + pid % 4, diagnosis=("DJ189", "DI219", "DC349")[pid % 3]
        )
        reg.contact(pid, end, end[:11] + "23:59", priority="planlagt")  # a transfer, merged into the stay
        if pid % 2:
            reg.admission(pid, "2024-03-01 09:00", 2, diagnosis="DS720")
        if pid % 4 == 0:
            reg.admission(pid, "2024-05-01 09:00", 8, sector="psykiatri", diagnosis="DF200")
            reg.admission(pid, "2024-05-20 09:00", 3, sector="psykiatri", diagnosis="DF200")
        reg.contact(pid, "2024-06-01 10:00", "2024-06-01 11:00", priority="planlagt")
        reg.gp.append((pid, dt.date(2024, 2, 8), "konsultation", False))
    directory = reg.write(tmp_path / "register")
    geography = national_geography()
    levels = ("kommune", "klynge", "land")
    duck = compute(DuckDBEngine(threads=1), directory, geography, years=[2024], levels=levels)
    session = local_session(cores=1)
    spark = compute(SparkEngine(session), directory, geography, years=[2024], levels=levels)
    # Blocks kept by Spark (ADR 0053): written by one run, read by the next, the same values.
    kept = KeptBlocks(tmp_path / "kept")
    kept_runs = [
        compute(SparkEngine(session), directory, geography, years=[2024], levels=levels, kept=kept)
        for _ in range(2)
    ]

    def key(v: object) -> tuple[object, ...]:
        return tuple(dataclasses.astuple(v))  # type: ignore[call-overload]

    assert sorted(map(key, spark)) == sorted(map(key, duck))
    for run in kept_runs:
        assert sorted(map(key, run)) == sorted(map(key, duck))
    assert len([p for p in kept.root.iterdir() if not p.name.startswith(".")]) == 1
    assert any(v.numerator for v in duck if v.indicator == "genindlaeggelser_psykiatri_30d")
