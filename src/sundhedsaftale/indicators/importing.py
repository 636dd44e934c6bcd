"""Import of real register extracts (CSV or Parquet) in the register's shape, checked before anything is written.

A file's table is named by its file name (``person.csv``, ``hospital_contact_2024.parquet``) or its folder
(``hospital_contact/2024.parquet``). Every file is checked
whole: its columns against ``_schema.TABLES``, every value against its type and allowed values, the order of start
and end. A problem names the file, the row (the line in a CSV file, header on line 1; the row from 1 in Parquet)
and the column. When any file has a problem nothing is written (ADR 0043).
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from sundhedsaftale.core.errors import SundhedsaftaleError, display_path

from ._schema import TABLES, Column, Table

__all__ = ["ExtractError", "ExtractProblem", "import_extracts", "table_of", "validate_extracts"]

PROBLEMS_PER_CHECK = 5  # rows shown per check and column; the total is always counted

_SQL_TYPE = {
    "bigint": "BIGINT",
    "smallint": "SMALLINT",
    "date": "DATE",
    "timestamp": "TIMESTAMP",
    "varchar": "VARCHAR",
    "boolean": "BOOLEAN",
}
_TYPE_NAME = {
    "bigint": "et heltal",
    "smallint": "et heltal (kommunekode)",
    "date": "en dato (ÅÅÅÅ-MM-DD)",
    "timestamp": "et tidspunkt (ÅÅÅÅ-MM-DD TT:MM:SS)",
    "varchar": "tekst",
    "boolean": "true eller false",
}


@dataclass(frozen=True)
class ExtractProblem:
    file: Path
    row: int | None
    column: str | None
    problem: str

    def __str__(self) -> str:
        where = display_path(self.file)
        if self.row is not None:
            where += f", række {self.row}"
        if self.column is not None:
            where += f", kolonne '{self.column}'"
        return f"{where}: {self.problem}"


class ExtractError(SundhedsaftaleError):
    def __init__(self, problems: Sequence[ExtractProblem]) -> None:
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


def table_of(path: Path) -> Table | None:
    """The table a file holds, by its name: the longest table name its stem is or begins with (``_`` after), or
    else the folder it lies in (the register's own layout, ``hospital_contact/2024.parquet``)."""
    stem = path.name.split(".")[0]
    for name in sorted(TABLES, key=len, reverse=True):
        if stem == name or stem.startswith(name + "_"):
            return TABLES[name]
    return TABLES.get(path.parent.name)


def _quote(path: Path) -> str:
    return str(path).replace("'", "''")


def _source(path: Path) -> tuple[str, str] | None:
    """A SQL source with every column as text plus ``_row``; None for an unknown file type."""
    suffix = path.suffix.casefold()
    if suffix == ".csv":
        # Header on line 1, so data row i is line i + 1.
        return (
            f"SELECT *, row_number() OVER () + 1 AS _row FROM read_csv('{_quote(path)}', header = true, "
            "all_varchar = true, auto_detect = true)",
            "csv",
        )
    if suffix == ".parquet":
        return (
            f"SELECT *, file_row_number + 1 AS _row FROM read_parquet('{_quote(path)}', file_row_number = true)",
            "parquet",
        )
    return None


def _checks(col: Column) -> list[tuple[str, str]]:
    """(SQL condition on the text value that marks a bad row, message with ``{value}`` for the value)."""
    v = f'CAST("{col.name}" AS VARCHAR)'
    checks: list[tuple[str, str]] = []
    if not col.nullable:
        checks.append((f"({v} IS NULL OR trim({v}) = '')", "værdien mangler"))
    if col.type != "varchar":
        checks.append(
            (
                f"(trim({v}) <> '' AND TRY_CAST(trim({v}) AS {_SQL_TYPE[col.type]}) IS NULL)",
                "'{value}' er ikke " + _TYPE_NAME[col.type],
            )
        )
    if col.allowed:
        allowed = ", ".join("'" + a.replace("'", "''") + "'" for a in col.allowed)
        checks.append(
            (
                f"(trim({v}) <> '' AND {v} NOT IN ({allowed}))",
                "'{value}' er ikke en tilladt værdi (" + ", ".join(col.allowed) + ")",
            )
        )
    if col.name == "action_diagnosis":
        checks.append(
            (
                f"(trim({v}) <> '' AND NOT regexp_full_match({v}, 'D[A-Z][0-9A-Z]{{1,6}}'))",
                "'{value}' er ikke en SKS-diagnosekode (fx DJ189)",
            )
        )
    return checks


_ORDER = {
    "hospital_contact": ("end_ts", "start_ts", "TIMESTAMP", "slut ligger før start"),
    "residence": ("valid_to", "valid_from", "DATE", "valid_to skal ligge efter valid_from"),
}


def _validate_file(con: object, path: Path) -> list[ExtractProblem]:
    table = table_of(path)
    if table is None:
        names = ", ".join(TABLES)
        return [ExtractProblem(path, None, None, f"filnavnet skal begynde med et tabelnavn ({names})")]
    if not path.is_file():
        return [ExtractProblem(path, None, None, "filen findes ikke")]
    source = _source(path)
    if source is None:
        return [ExtractProblem(path, None, None, f"ukendt filtype '{path.suffix}'; brug .csv eller .parquet")]
    sql, kind = source
    import duckdb

    assert isinstance(con, duckdb.DuckDBPyConnection)
    try:
        con.execute(f"CREATE OR REPLACE TEMP VIEW _extract AS {sql}")
        present = [r[0] for r in con.execute("DESCRIBE _extract").fetchall() if r[0] != "_row"]
    except duckdb.Error as exc:
        return [ExtractProblem(path, None, None, f"filen kan ikke læses ({str(exc).splitlines()[0]})")]
    problems = [
        ExtractProblem(path, 1 if kind == "csv" else None, c.name, "kolonnen mangler")
        for c in table.columns
        if c.name not in present
    ]
    problems += [
        ExtractProblem(
            path, 1 if kind == "csv" else None, name, f"kolonnen kendes ikke i tabellen '{table.name}'"
        )
        for name in present
        if name not in table.names and name != "file_row_number"
    ]
    if problems:
        return problems
    for col in table.columns:
        for condition, message in _checks(col):
            found = con.execute(
                f'SELECT _row, CAST("{col.name}" AS VARCHAR) FROM _extract WHERE {condition} ORDER BY _row '
                f"LIMIT {PROBLEMS_PER_CHECK}"
            ).fetchall()
            problems += [
                ExtractProblem(path, int(row), col.name, message.format(value=value or ""))
                for row, value in found
            ]
    if table.name in _ORDER and not problems:
        later, earlier, sql_type, order_message = _ORDER[table.name]
        found = con.execute(
            f"SELECT _row FROM _extract WHERE CAST({later} AS {sql_type}) < CAST({earlier} AS {sql_type}) "
            f"ORDER BY _row LIMIT {PROBLEMS_PER_CHECK}"
        ).fetchall()
        problems += [ExtractProblem(path, int(row), later, order_message) for (row,) in found]
    if table.name == "person" and not problems:
        found = con.execute(
            "SELECT min(_row), person_id FROM _extract GROUP BY person_id HAVING count(*) > 1 "
            f"ORDER BY 1 LIMIT {PROBLEMS_PER_CHECK}"
        ).fetchall()
        problems += [
            ExtractProblem(path, int(row), "person_id", f"'{pid}' står flere gange") for row, pid in found
        ]
    return problems


def validate_extracts(paths: Sequence[Path]) -> list[ExtractProblem]:
    """Every problem in every file (at most a few rows per check and column); empty when all can be imported."""
    import duckdb

    con = duckdb.connect(":memory:")
    con.execute("SET threads = 1")  # row numbers in file order
    problems: list[ExtractProblem] = []
    for path in paths:
        problems += _validate_file(con, path)
    return problems


def import_extracts(
    paths: Sequence[Path], out: Path, on_file: Callable[[Path], None] | None = None
) -> dict[str, int]:
    """Check every file, then write each as Parquet under ``out/<table>/``; rows per table. ``on_file`` is called
    after each file is converted (a progress bar).

    Raises ``ExtractError`` with every problem and writes nothing when any file has one.
    """
    problems = validate_extracts(paths)
    if problems:
        raise ExtractError(problems)
    import duckdb

    con = duckdb.connect(":memory:")
    counts: dict[str, int] = {}
    staging = Path(tempfile.mkdtemp(prefix=".import-", dir=out.parent if out.parent.exists() else None))
    try:
        written: list[tuple[Path, Path]] = []
        for path in paths:
            table = table_of(path)
            assert table is not None
            source = _source(path)
            assert source is not None
            cols = ", ".join(
                f"CAST(NULLIF(trim(CAST(\"{c.name}\" AS VARCHAR)), '') AS {_SQL_TYPE[c.type]}) AS {c.name}"
                for c in table.columns
            )
            stem = path.name.split(".")[0]
            target = (
                staging
                / table.name
                / ((stem if stem.startswith(table.name) else f"{table.name}_{stem}") + ".parquet")
            )
            target.parent.mkdir(parents=True, exist_ok=True)
            con.execute(
                f"COPY (SELECT {cols} FROM ({source[0]}) ORDER BY _row) TO '{_quote(target)}' (FORMAT parquet, COMPRESSION zstd)"
            )
            rows = con.execute(f"SELECT count(*) FROM read_parquet('{_quote(target)}')").fetchone()
            counts[table.name] = counts.get(table.name, 0) + int(rows[0] if rows else 0)
            written.append((target, out / table.name / target.name))
            if on_file:
                on_file(path)
        for source_path, dest in written:
            dest.parent.mkdir(parents=True, exist_ok=True)
            shutil.move(str(source_path), dest)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return counts
