"""The indicator definitions and code lists as data (``data/indicators/*.yaml``), loaded with line-numbered errors."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from sundhedsaftale.core._yaml import LocatedYaml, load_located_yaml
from sundhedsaftale.core.errors import SundhedsaftaleError

__all__ = [
    "DATA_DIR",
    "CodeGroup",
    "CodeList",
    "Definitions",
    "IndicatorDefinition",
    "load_definitions",
]

DATA_DIR = Path(__file__).resolve().parent.parent / "data" / "indicators"

AgeBand = tuple[int, int]


@dataclass(frozen=True)
class CodeGroup:
    id: str
    name: str
    codes: tuple[str, ...]
    marker: str


@dataclass(frozen=True)
class CodeList:
    """One version of a code list: the version valid on the period's first day is the one used."""

    id: str
    name: str
    version: str
    valid_from: dt.date
    valid_to: dt.date | None
    marker: str
    source: str
    groups: tuple[CodeGroup, ...]


@dataclass(frozen=True)
class IndicatorDefinition:
    id: str
    name: str
    unit: str  # "pct" or "per_1000"
    marker: str
    source: str
    code_list: str | None = None
    min_age: int = 0
    window_days: int = 30
    standardised: bool = False
    age_bands: tuple[AgeBand, ...] = ()


@dataclass(frozen=True)
class Definitions:
    version: str
    stay_gap_hours: float
    admission_hours: float
    suppression_threshold: int
    standard_age_bands: tuple[AgeBand, ...]
    indicators: tuple[IndicatorDefinition, ...]
    code_lists: dict[str, tuple[CodeList, ...]] = field(default_factory=dict)
    building_blocks: dict[str, dict[str, str]] = field(default_factory=dict)
    notes: dict[str, dict[str, str]] = field(default_factory=dict)

    def indicator(self, indicator_id: str) -> IndicatorDefinition:
        for ind in self.indicators:
            if ind.id == indicator_id:
                return ind
        raise KeyError(indicator_id)

    def code_list_on(self, list_id: str, day: dt.date) -> CodeList:
        """The version of ``list_id`` valid on ``day``; a period no version covers is an error, not a guess."""
        for version in self.code_lists[list_id]:
            if version.valid_from <= day and (version.valid_to is None or day <= version.valid_to):
                return version
        raise SundhedsaftaleError(
            f"data/indicators/code_lists.yaml: kodelisten '{list_id}' har ingen version, der gælder {day.isoformat()}"
        )


def _need(doc: LocatedYaml, loc: list[str | int], value: Any, kind: type, what: str) -> Any:
    if not isinstance(value, kind):
        raise doc.error(loc, f"feltet '{what}' mangler eller har forkert type (ventede {kind.__name__})")
    return value


def _bands(doc: LocatedYaml, loc: list[str | int], raw: Any) -> tuple[AgeBand, ...]:
    bands = _need(doc, loc, raw, list, str(loc[-1]))
    out: list[AgeBand] = []
    for i, band in enumerate(bands):
        if not (isinstance(band, list) and len(band) == 2 and all(isinstance(x, int) for x in band)):
            raise doc.error([*loc, i], f"aldersgruppe nr. {i + 1} skal være [fra, til] i hele år")
        if out and band[0] != out[-1][1] + 1:
            raise doc.error([*loc, i], f"aldersgruppe nr. {i + 1} slutter ikke op til den forrige")
        out.append((band[0], band[1]))
    return tuple(out)


def _code_lists(doc: LocatedYaml) -> dict[str, tuple[CodeList, ...]]:
    lists = _need(
        doc, ["lists"], doc.data.get("lists") if isinstance(doc.data, dict) else None, dict, "lists"
    )
    result: dict[str, tuple[CodeList, ...]] = {}
    for list_id, raw in lists.items():
        loc: list[str | int] = ["lists", list_id]
        name = _need(doc, [*loc, "name"], raw.get("name"), str, "name")
        versions = []
        for i, v in enumerate(_need(doc, [*loc, "versions"], raw.get("versions"), list, "versions")):
            vloc = [*loc, "versions", i]
            groups = []
            for gid, g in _need(doc, [*vloc, "groups"], v.get("groups"), dict, "groups").items():
                codes = _need(doc, [*vloc, "groups", gid, "codes"], g.get("codes"), list, "codes")
                for code in codes:
                    if not (isinstance(code, str) and code.startswith("D") and code.isalnum()):
                        raise doc.error(
                            [*vloc, "groups", gid], f"gruppen '{gid}': koden {code!r} er ikke en SKS-kode"
                        )
                groups.append(
                    CodeGroup(
                        gid,
                        _need(doc, [*vloc, "groups", gid, "name"], g.get("name"), str, "name"),
                        tuple(codes),
                        _need(doc, [*vloc, "groups", gid, "marker"], g.get("marker"), str, "marker"),
                    )
                )
            versions.append(
                CodeList(
                    id=list_id,
                    name=name,
                    version=str(_need(doc, [*vloc, "version"], v.get("version"), str, "version")),
                    valid_from=_need(doc, [*vloc, "valid_from"], v.get("valid_from"), dt.date, "valid_from"),
                    valid_to=v.get("valid_to"),
                    marker=_need(doc, [*vloc, "marker"], v.get("marker"), str, "marker"),
                    source=" ".join(_need(doc, [*vloc, "source"], v.get("source"), str, "source").split()),
                    groups=tuple(groups),
                )
            )
        result[list_id] = tuple(versions)
    return result


@cache
def load_definitions(directory: Path = DATA_DIR) -> Definitions:
    """Read ``definitions.yaml`` and ``code_lists.yaml``; a malformed entry raises ``DataFileError`` with its line."""
    lists_doc = load_located_yaml(directory / "code_lists.yaml")
    code_lists = _code_lists(lists_doc)
    doc = load_located_yaml(directory / "definitions.yaml")
    data = _need(doc, [], doc.data, dict, "definitions")
    blocks = _need(doc, ["building_blocks"], data.get("building_blocks"), dict, "building_blocks")
    suppression = _need(doc, ["suppression"], data.get("suppression"), dict, "suppression")
    standard = _need(doc, ["standardisation"], data.get("standardisation"), dict, "standardisation")
    indicators = []
    for i, raw in enumerate(_need(doc, ["indicators"], data.get("indicators"), list, "indicators")):
        loc: list[str | int] = ["indicators", i]
        list_id = raw.get("code_list")
        if list_id is not None and list_id not in code_lists:
            raise doc.error([*loc, "code_list"], f"kodelisten '{list_id}' findes ikke i code_lists.yaml")
        unit = _need(doc, [*loc, "unit"], raw.get("unit"), str, "unit")
        if unit not in ("pct", "per_1000"):
            raise doc.error([*loc, "unit"], f"enheden '{unit}' er ukendt; brug pct eller per_1000")
        indicators.append(
            IndicatorDefinition(
                id=_need(doc, [*loc, "id"], raw.get("id"), str, "id"),
                name=_need(doc, [*loc, "name"], raw.get("name"), str, "name"),
                unit=unit,
                marker=_need(doc, [*loc, "marker"], raw.get("marker"), str, "marker"),
                source=" ".join(_need(doc, [*loc, "source"], raw.get("source"), str, "source").split()),
                code_list=list_id,
                min_age=int(raw.get("min_age", 0)),
                window_days=int(raw.get("window_days", 30)),
                standardised=bool(raw.get("standardised", False)),
                age_bands=_bands(doc, [*loc, "age_bands"], raw["age_bands"]) if "age_bands" in raw else (),
            )
        )
    return Definitions(
        version=str(data.get("version")),
        stay_gap_hours=float(
            _need(
                doc,
                ["building_blocks", "stay_gap_hours", "value"],
                blocks["stay_gap_hours"].get("value"),
                int,
                "value",
            )
        ),
        admission_hours=float(
            _need(
                doc,
                ["building_blocks", "admission_hours", "value"],
                blocks["admission_hours"].get("value"),
                int,
                "value",
            )
        ),
        suppression_threshold=_need(
            doc, ["suppression", "threshold"], suppression.get("threshold"), int, "threshold"
        ),
        standard_age_bands=_bands(doc, ["standardisation", "age_bands"], standard.get("age_bands")),
        indicators=tuple(indicators),
        code_lists=code_lists,
        building_blocks={
            k: {"marker": str(v.get("marker", "")), "source": " ".join(str(v.get("source", "")).split())}
            for k, v in blocks.items()
        },
        notes={
            name: {
                "marker": str(part.get("marker", "")),
                "source": " ".join(str(part.get("source", "")).split()),
            }
            for name, part in (("suppression", suppression), ("standardisation", standard))
        },
    )
