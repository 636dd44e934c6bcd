"""The same indicator SQL on Apache Spark (pyspark; the ``spark`` extra, Java 17+). docs/data.md says when.

Building blocks are cached temporary views; the session's time zone is UTC so ``unix_timestamp`` agrees with
DuckDB's ``epoch`` on the register's timestamps (which carry no zone).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ._sql import to_dialect

__all__ = ["SparkEngine", "local_session"]

_SPARK_TYPE = {"SMALLINT": "smallint", "VARCHAR": "string", "DATE": "date", "BIGINT": "bigint"}


def local_session(cores: int = 2) -> Any:
    """A local Spark session for small data: few shuffle partitions, UTC, no UI."""
    from pyspark.sql import SparkSession

    return (
        SparkSession.builder.master(f"local[{cores}]")
        .appName("sundhedsaftale-indikatorer")
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.sql.shuffle.partitions", str(cores * 2))
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.sql.ansi.enabled", "false")
        .getOrCreate()
    )


class SparkEngine:
    dialect = "spark"
    contacts_per_part = None  # Spark spills what does not fit by itself: the stays are merged in one go

    def __init__(self, session: Any) -> None:
        self.spark = session

    def register_parquet(self, name: str, directory: Path) -> None:
        self.spark.read.parquet(str(directory)).createOrReplaceTempView(name)

    def register_rows(
        self, name: str, columns: Sequence[tuple[str, str]], rows: Sequence[tuple[Any, ...]]
    ) -> None:
        schema = ", ".join(f"{c} {_SPARK_TYPE[t]}" for c, t in columns)
        self.spark.createDataFrame([tuple(r) for r in rows], schema=schema).createOrReplaceTempView(name)

    def materialise(self, name: str, sql: str) -> None:
        frame = self.spark.sql(to_dialect(sql, self.dialect)).cache()
        frame.count()
        frame.createOrReplaceTempView(name)

    def append(self, name: str, sql: str) -> None:
        frame = self.spark.table(name).unionByName(self.spark.sql(to_dialect(sql, self.dialect))).cache()
        frame.count()
        frame.createOrReplaceTempView(name)

    def save(self, name: str, directory: Path) -> None:
        self.spark.table(name).write.parquet(str(directory))

    def load(self, name: str, directory: Path) -> None:
        frame = self.spark.read.parquet(str(directory)).cache()
        frame.count()
        frame.createOrReplaceTempView(name)

    def rows(self, sql: str) -> list[tuple[Any, ...]]:
        return [tuple(r) for r in self.spark.sql(to_dialect(sql, self.dialect)).collect()]
