"""Reading and checking the reference CSV files."""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from .._yaml import load_located_yaml
from ..errors import DataFileError
from ._model import (
    ElectionPeriod,
    GovernmentForm,
    HealthCluster,
    HealthCouncil,
    MunicipalGovernment,
    Municipality,
    NationalGoal,
    ReferenceData,
    ReferenceFile,
    Region,
)

__all__ = ["load_reference"]

Row = TypeVar("Row", bound=BaseModel)


class _RegionRow(BaseModel):
    model_config = ConfigDict(extra="forbid", defer_build=True)
    # The DAGI codes 1081–1085; a region without a published code gets a provisional key of capital letters.
    code: str = Field(pattern=r"^(108[1-5]|[A-Z]{3,4})$")
    name: str = Field(min_length=1)
    name_en: str = Field(min_length=1)
    valid_from: dt.date
    valid_to: dt.date | None
    successor_code: str
    code_status: str = Field(pattern=r"^(official|provisional)$")
    source: str = Field(min_length=5)

    @field_validator("valid_to", mode="before")
    @classmethod
    def _empty_is_open(cls, value: object) -> object:
        return None if value == "" else value


class _CouncilRow(BaseModel):
    model_config = ConfigDict(extra="forbid", defer_build=True)
    id: str = Field(pattern=r"^[a-z0-9-]+$")
    name: str = Field(min_length=1)
    region_code: str
    valid_from: dt.date
    municipality_codes: str = Field(pattern=r"^\d{3}(;\d{3})*$")
    disputed_codes: str = Field(pattern=r"^(\d{3}(;\d{3})*)?$")
    marker: str = Field(pattern=r"^\[(V|S|\?)\]$")
    source: str = Field(min_length=5)


class _MunicipalityRow(BaseModel):
    model_config = ConfigDict(extra="forbid", defer_build=True)
    code: str = Field(pattern=r"^\d{3}$")
    name: str = Field(min_length=1)
    region_code: str


class _ClusterRow(BaseModel):
    model_config = ConfigDict(extra="forbid", defer_build=True)
    id: str = Field(pattern=r"^[a-z0-9-]+$")
    name: str = Field(min_length=1)
    acute_hospital_id: str = Field(pattern=r"^[a-z0-9-]+$")
    acute_hospital: str = Field(min_length=1)
    region_code: str
    verified: str = Field(pattern=r"^(yes|partly)$")


class _MemberRow(BaseModel):
    model_config = ConfigDict(extra="forbid", defer_build=True)
    cluster_id: str
    municipality_code: str = Field(pattern=r"^\d{3}$")
    note: str = ""


class _PeriodRow(BaseModel):
    model_config = ConfigDict(extra="forbid", defer_build=True)
    start: dt.date
    end: dt.date
    election_date: dt.date


class _GoalRow(BaseModel):
    model_config = ConfigDict(extra="forbid", defer_build=True)
    number: int = Field(ge=1, le=8)
    name_da: str = Field(min_length=1)
    name_en: str = Field(min_length=1)


class _GovernmentRow(BaseModel):
    model_config = ConfigDict(extra="forbid", defer_build=True)
    code: str = Field(pattern=r"^\d{3}$")
    form: GovernmentForm
    marker: str = Field(pattern=r"^\[(V|S|\?)\]$")
    source: str = Field(min_length=5)


class _FileEntry(BaseModel):
    model_config = ConfigDict(extra="forbid", defer_build=True)
    version: str
    source: str = Field(min_length=10)
    status: str


def _rows(path: Path, model: type[Row]) -> Iterator[tuple[int, Row]]:
    """Yield ``(line number, validated row)``; the first bad cell raises naming line and column."""
    try:
        handle = path.open(encoding="utf-8", newline="")
    except OSError as exc:
        raise DataFileError(path, f"filen kan ikke læses ({exc.strerror})") from None
    with handle:
        reader = csv.DictReader(handle)
        expected = list(model.model_fields)
        if reader.fieldnames is None or [f.strip() for f in reader.fieldnames] != expected:
            raise DataFileError(
                path, f"kolonnerne skal være {', '.join(expected)}; fandt {reader.fieldnames}", line=1
            )
        for record in reader:
            line = reader.line_num
            if None in record or any(v is None for v in record.values()):
                raise DataFileError(
                    path, f"rækken har {len(expected)} kolonner forventet, fandt et andet antal", line=line
                )
            try:
                yield line, model.model_validate({k.strip(): v.strip() for k, v in record.items()})
            except ValidationError as exc:
                first = exc.errors()[0]
                column = ".".join(str(p) for p in first["loc"])
                raise DataFileError(path, f"kolonnen '{column}': {first['msg']}", line=line) from None


def _unique(path: Path, rows: list[tuple[int, Row]], key: Callable[[Row], object], what: str) -> None:
    seen: dict[object, int] = {}
    for line, row in rows:
        k = key(row)
        if k in seen:
            raise DataFileError(path, f"{what} '{k}' står også i linje {seen[k]}", line=line)
        seen[k] = line


def load_reference(directory: Path) -> ReferenceData:
    """Load and cross-check every reference file in ``directory``."""
    manifest = load_located_yaml(directory / "sources.yaml")
    files: dict[str, ReferenceFile] = {}
    entries = manifest.data.get("files") if isinstance(manifest.data, dict) else None
    if not isinstance(entries, dict):
        raise manifest.error([], "filen skal have en tabel 'files' med hver datafils kilde")
    for name, raw in entries.items():
        try:
            entry = _FileEntry.model_validate(raw)
        except ValidationError as exc:
            first = exc.errors()[0]
            raise manifest.error(
                ["files", name], f"'{name}': feltet {first['loc'][0]}: {first['msg']}"
            ) from None
        files[name] = ReferenceFile(name, entry.version, " ".join(entry.source.split()), entry.status)

    def read(name: str, model: type[Row]) -> tuple[Path, list[tuple[int, Row]]]:
        path = directory / name
        if name not in files:
            raise manifest.error(
                ["files"], f"'{name}' mangler i sources.yaml: hver datafil skal have en kilde"
            )
        return path, list(_rows(path, model))

    path, region_rows = read("regions.csv", _RegionRow)
    _unique(path, region_rows, lambda r: r.code, "regionskoden")
    regions = {
        r.code: Region(
            r.code,
            r.name,
            r.name_en,
            r.valid_from,
            r.valid_to,
            r.successor_code or None,
            r.code_status == "provisional",
            r.source,
        )
        for _, r in region_rows
    }
    _check_validity(path, region_rows, regions)

    path, muni_rows = read("municipalities.csv", _MunicipalityRow)
    _unique(path, muni_rows, lambda r: r.code, "kommunekoden")
    for line, m in muni_rows:
        if m.region_code not in regions:
            raise DataFileError(path, f"kolonnen 'region_code': ukendt region '{m.region_code}'", line=line)
    municipalities = {m.code: Municipality(m.code, m.name, m.region_code) for _, m in muni_rows}

    path, cluster_rows = read("health_clusters.csv", _ClusterRow)
    _unique(path, cluster_rows, lambda r: r.id, "klynge-id'et")
    for line, c in cluster_rows:
        if c.region_code not in regions:
            raise DataFileError(path, f"kolonnen 'region_code': ukendt region '{c.region_code}'", line=line)
    cluster_region = {c.id: c.region_code for _, c in cluster_rows}

    members_path, member_rows = read("health_cluster_members.csv", _MemberRow)
    _unique(members_path, member_rows, lambda r: (r.cluster_id, r.municipality_code), "medlemskabet")
    members: dict[str, dict[str, str]] = {cid: {} for cid in cluster_region}
    for line, mr in member_rows:
        if mr.cluster_id not in cluster_region:
            raise DataFileError(
                members_path, f"kolonnen 'cluster_id': ukendt klynge '{mr.cluster_id}'", line=line
            )
        muni = municipalities.get(mr.municipality_code)
        if muni is None:
            raise DataFileError(
                members_path,
                f"kolonnen 'municipality_code': ukendt kommune '{mr.municipality_code}'",
                line=line,
            )
        if muni.region_code != cluster_region[mr.cluster_id]:
            raise DataFileError(
                members_path,
                f"{muni.name} Kommune ligger i region {muni.region_code}, men klyngen '{mr.cluster_id}' "
                f"hører til region {cluster_region[mr.cluster_id]} (§ 1, stk. 1: klynger i regionen)",
                line=line,
            )
        members[mr.cluster_id][mr.municipality_code] = mr.note
    clusters = {
        c.id: HealthCluster(
            c.id,
            c.name,
            c.acute_hospital_id,
            c.acute_hospital,
            c.region_code,
            c.verified,
            tuple(members[c.id]),
            {k: v for k, v in members[c.id].items() if v},
        )
        for _, c in cluster_rows
    }
    for code, muni in municipalities.items():
        if not any(code in c.municipality_codes for c in clusters.values()):
            raise DataFileError(
                members_path, f"{muni.name} Kommune ({code}) er ikke med i nogen sundhedsklynge (§ 1)"
            )
    for cid, cluster in clusters.items():
        if not cluster.municipality_codes:
            raise DataFileError(members_path, f"klyngen '{cid}' har ingen kommuner")

    path, period_rows = read("election_periods.csv", _PeriodRow)
    periods = tuple(ElectionPeriod(p.start, p.end, p.election_date) for _, p in period_rows)
    for (line, p), previous in zip(period_rows[1:], periods, strict=False):
        if p.start != previous.end + dt.timedelta(days=1):
            raise DataFileError(path, "valgperioderne skal følge direkte efter hinanden", line=line)
    for line, p in period_rows:
        if not (p.election_date < p.start < p.end):
            raise DataFileError(
                path, "valgdatoen skal ligge før periodens start, og starten før slutningen", line=line
            )

    path, goal_rows = read("national_goals.csv", _GoalRow)
    _unique(path, goal_rows, lambda r: r.number, "målnummeret")
    goals = {g.number: NationalGoal(g.number, g.name_da, g.name_en) for _, g in goal_rows}

    path, form_rows = read("municipal_government_forms.csv", _GovernmentRow)
    _unique(path, form_rows, lambda r: r.code, "kommunekoden")
    for line, g in form_rows:
        if g.code not in municipalities:
            raise DataFileError(path, f"kolonnen 'code': ukendt kommune '{g.code}'", line=line)
        if g.form is GovernmentForm.UNKNOWN and g.marker != "[?]":
            raise DataFileError(path, "en ukendt styreform skal have markøren [?]", line=line)
    forms = {g.code: MunicipalGovernment(g.code, g.form, g.marker, g.source) for _, g in form_rows}
    if missing := sorted(set(municipalities) - set(forms)):
        raise DataFileError(path, f"kommunerne {', '.join(missing)} mangler en styreform")

    path, council_rows = read("sundhedsraad.csv", _CouncilRow)
    councils = _councils(path, council_rows, regions, municipalities)

    return ReferenceData(regions, municipalities, clusters, periods, goals, files, forms, councils)


def _check_validity(path: Path, rows: list[tuple[int, _RegionRow]], regions: dict[str, Region]) -> None:
    """A region ends before it starts never; a successor exists and starts the day after its predecessor ends."""
    for line, r in rows:
        if r.valid_to is not None and r.valid_to < r.valid_from:
            raise DataFileError(path, "kolonnen 'valid_to': regionen slutter, før den begynder", line=line)
        if not r.successor_code:
            continue
        successor = regions.get(r.successor_code)
        if successor is None:
            raise DataFileError(
                path, f"kolonnen 'successor_code': ukendt region '{r.successor_code}'", line=line
            )
        if r.valid_to is None or successor.valid_from != r.valid_to + dt.timedelta(days=1):
            raise DataFileError(
                path,
                f"kolonnen 'successor_code': {successor.name} skal begynde dagen efter, {r.name} slutter",
                line=line,
            )


def _codes(raw: str) -> tuple[str, ...]:
    return tuple(code for code in raw.split(";") if code)


def _councils(
    path: Path,
    rows: list[tuple[int, _CouncilRow]],
    regions: dict[str, Region],
    municipalities: dict[str, Municipality],
) -> dict[str, HealthCouncil]:
    """Every municipality in exactly one council, of the council's region (or of a region it takes over from)."""
    _unique(path, rows, lambda r: r.id, "sundhedsrådets id")
    seen: dict[str, str] = {}
    councils: dict[str, HealthCouncil] = {}
    for line, c in rows:
        region = regions.get(c.region_code)
        if region is None:
            raise DataFileError(path, f"kolonnen 'region_code': ukendt region '{c.region_code}'", line=line)
        if not region.exists_on(c.valid_from):
            raise DataFileError(
                path,
                f"kolonnen 'valid_from': {region.name} findes ikke den {c.valid_from.isoformat()}",
                line=line,
            )
        own = {region.code} | {r.code for r in regions.values() if r.successor_code == region.code}
        codes, disputed = _codes(c.municipality_codes), _codes(c.disputed_codes)
        for code in codes:
            muni = municipalities.get(code)
            if muni is None:
                raise DataFileError(
                    path, f"kolonnen 'municipality_codes': ukendt kommune '{code}'", line=line
                )
            if muni.region_code not in own:
                raise DataFileError(
                    path,
                    f"kolonnen 'municipality_codes': {muni.name} Kommune ligger ikke i {region.name}",
                    line=line,
                )
            if code in seen:
                raise DataFileError(
                    path,
                    f"kolonnen 'municipality_codes': {muni.name} Kommune er også med i sundhedsrådet '{seen[code]}'",
                    line=line,
                )
            seen[code] = c.id
        if stray := [code for code in disputed if code not in codes]:
            raise DataFileError(
                path,
                f"kolonnen 'disputed_codes': {', '.join(stray)} er ikke blandt rådets kommuner",
                line=line,
            )
        councils[c.id] = HealthCouncil(
            c.id, c.name, c.region_code, c.valid_from, codes, disputed, c.marker, " ".join(c.source.split())
        )
    if councils and (missing := sorted(set(municipalities) - set(seen))):
        raise DataFileError(path, f"kommunerne {', '.join(missing)} er ikke med i noget sundhedsråd")
    return councils
