"""Hand-made register rows for the indicator tests: a few persons and contacts written as Parquet."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from sundhedsaftale.indicators import TABLES


def ts(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text)


@dataclass
class Register:
    """Rows per table; ``person`` adds a person living in one municipality from birth."""

    persons: list[tuple[int, str, dt.date, dt.date | None]] = field(default_factory=list)
    residences: list[tuple[int, int, dt.date, dt.date | None]] = field(default_factory=list)
    contacts: list[tuple[int, int, dt.datetime, dt.datetime, str, str, bool, str]] = field(
        default_factory=list
    )
    gp: list[tuple[int, dt.date, str, bool]] = field(default_factory=list)

    def person(
        self, pid: int, born: str, *, sex: str = "K", municipality: int = 147, died: str | None = None
    ) -> int:
        birth = dt.date.fromisoformat(born)
        self.persons.append((pid, sex, birth, dt.date.fromisoformat(died) if died else None))
        self.residences.append((pid, municipality, birth, None))
        return pid

    def contact(
        self,
        pid: int,
        start: str,
        end: str,
        *,
        diagnosis: str = "DI219",
        priority: str = "akut",
        sector: str = "somatik",
        physical: bool = True,
    ) -> None:
        cid = len(self.contacts) + 1
        self.contacts.append((cid, pid, ts(start), ts(end), priority, sector, physical, diagnosis))

    def admission(self, pid: int, start: str, days: float, **kw: object) -> str:
        """A one-contact admission of ``days``; returns its end as ISO text."""
        end = ts(start) + dt.timedelta(days=days)
        self.contact(pid, start, end.isoformat(sep=" "), **kw)  # type: ignore[arg-type]
        return end.isoformat(sep=" ")

    def write(self, directory: Path) -> Path:
        tables = {
            "person": self.persons,
            "residence": self.residences,
            "hospital_contact": self.contacts,
            "gp_contact": self.gp,
        }
        for name, rows in tables.items():
            table = TABLES[name]
            columns = {c.name: [r[i] for r in rows] for i, c in enumerate(table.columns)}
            (directory / name).mkdir(parents=True, exist_ok=True)
            pq.write_table(
                pa.table(columns, schema=table.arrow_schema()), directory / name / f"{name}.parquet"
            )
        return directory
