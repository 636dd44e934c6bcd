"""The register's tables: columns, types and allowed values, shared by the generator, the import and the SQL."""

from __future__ import annotations

from dataclasses import dataclass

import pyarrow as pa

__all__ = ["TABLES", "Column", "Table"]


@dataclass(frozen=True)
class Column:
    name: str
    type: str  # bigint, smallint, date, timestamp, varchar, boolean
    nullable: bool = False
    allowed: tuple[str, ...] = ()
    description: str = ""

    def arrow_type(self) -> pa.DataType:
        return {
            "bigint": pa.int64(),
            "smallint": pa.int16(),
            "date": pa.date32(),
            "timestamp": pa.timestamp("ms"),
            "varchar": pa.string(),
            "boolean": pa.bool_(),
        }[self.type]


@dataclass(frozen=True)
class Table:
    name: str
    columns: tuple[Column, ...]
    description: str

    def arrow_schema(self) -> pa.Schema:
        return pa.schema([pa.field(c.name, c.arrow_type(), nullable=c.nullable) for c in self.columns])

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)


TABLES: dict[str, Table] = {
    t.name: t
    for t in (
        Table(
            "person",
            (
                Column("person_id", "bigint", description="Pseudonymt løbenummer (aldrig et CPR-nummer)"),
                Column("sex", "varchar", allowed=("K", "M"), description="Køn: K eller M"),
                Column("birth_date", "date", description="Fødselsdato"),
                Column("death_date", "date", nullable=True, description="Dødsdato; tom for levende"),
            ),
            "Personer (CPR-lignende, pseudonymiseret)",
        ),
        Table(
            "residence",
            (
                Column("person_id", "bigint"),
                Column("municipality_code", "smallint", description="Bopælskommune (DAGI-kode)"),
                Column("valid_from", "date", description="Første dag på adressen"),
                Column(
                    "valid_to", "date", nullable=True, description="Dagen efter sidste dag; tom: stadig bopæl"
                ),
            ),
            "Bopælsperioder (flytninger)",
        ),
        Table(
            "hospital_contact",
            (
                Column("contact_id", "bigint"),
                Column("person_id", "bigint"),
                Column("start_ts", "timestamp", description="Kontaktens start (dato og klokkeslæt)"),
                Column("end_ts", "timestamp", description="Kontaktens slut (dato og klokkeslæt)"),
                Column("priority", "varchar", allowed=("akut", "planlagt")),
                Column("sector", "varchar", allowed=("somatik", "psykiatri")),
                Column(
                    "physical", "boolean", description="Fysisk fremmøde (virtuelle kontakter tælles ikke)"
                ),
                Column(
                    "action_diagnosis", "varchar", description="Aktionsdiagnose, SKS-kode med D, fx DJ189"
                ),
            ),
            "Sygehuskontakter (LPR3-lignende)",
        ),
        Table(
            "gp_contact",
            (
                Column("person_id", "bigint"),
                Column("contact_date", "date"),
                Column(
                    "contact_type",
                    "varchar",
                    allowed=("konsultation", "telefon", "email", "video", "sygebesøg"),
                ),
                Column("out_of_hours", "boolean", description="Vagttid"),
            ),
            "Kontakter til almen praksis (Sygesikringsregisteret-lignende)",
        ),
    )
}
