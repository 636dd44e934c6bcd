"""Legal parameters: the numbers and dates of the law, dated and cited, loaded from ``parameters.yaml``.

Rules and the legal calendar read every figure from here ("mindst fire gange årligt", "8 uger",
"1. juli i valgperiodens andet år"), so no deadline or composition figure is typed in anywhere else.
A parameter that the law lets someone set aside names who may (``set_aside_by``) and on what basis.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from .._yaml import load_located_yaml
from ..calendar import MonthDay
from ..case import DecisionMaker
from ..errors import CitationError
from ..law import Citation, LawCorpus

__all__ = ["MonthDay", "Parameter", "ParameterSet", "load_parameters"]

ValueType = Literal["int", "bool", "weeks", "months", "years", "month_day"]


@dataclass(frozen=True)
class Parameter:
    key: str
    label: str
    citation: Citation
    value_type: ValueType
    values: tuple[tuple[dt.date, Any], ...]  # sorted by start date
    set_aside_by: DecisionMaker | None
    set_aside_citation: Citation | None
    explanation: str
    # The municipal forms of government under which a municipal council may set the default aside (§ 3, stk. 2:
    # only mellemformsstyre med delt administrativ ledelse and magistratsstyre); empty: no such condition.
    set_aside_only_under: tuple[str, ...] = ()

    def value_at(self, day: dt.date) -> Any:
        current: Any = None
        for start, value in self.values:
            if start <= day:
                current = value
        if current is None:
            raise KeyError(f"parameteren '{self.key}' har ingen værdi den {day.isoformat()}")
        return current

    def first_valid(self) -> dt.date:
        return self.values[0][0]


class _MonthDayRow(BaseModel):
    model_config = ConfigDict(extra="forbid", defer_build=True)
    month: int = Field(ge=1, le=12)
    day: int = Field(ge=1, le=31)
    year_of_period: int = Field(ge=1, le=4)


class _ParameterRow(BaseModel):
    model_config = ConfigDict(extra="forbid", defer_build=True)
    label: str
    citation: str
    type: ValueType
    values: dict[dt.date, Any]
    set_aside_by: DecisionMaker | None = None
    set_aside_citation: str | None = None
    set_aside_only_under: list[Literal["udvalgsstyre", "mellemformsstyre", "magistratsstyre"]] = []
    explanation: str = ""


_CHECKS: dict[str, type] = {"int": int, "bool": bool, "weeks": int, "months": int, "years": int}


class ParameterSet:
    def __init__(self, parameters: Mapping[str, Parameter]) -> None:
        self._parameters = dict(parameters)

    def __getitem__(self, key: str) -> Parameter:
        try:
            return self._parameters[key]
        except KeyError:
            raise KeyError(f"ukendt parameter '{key}'") from None

    def __contains__(self, key: object) -> bool:
        return key in self._parameters

    def __iter__(self):  # type: ignore[no-untyped-def]
        return iter(self._parameters.values())

    def coerce(self, key: str, value: Any) -> Any:
        """Check a value from a recorded decision against the parameter's type; ValueError names both."""
        return _coerce(self[key].value_type, value, key)


def _coerce(value_type: ValueType, value: Any, key: str) -> Any:
    if value_type == "month_day":
        if isinstance(value, dt.date):
            return value  # a decision may set a fixed date instead (§ 21, stk. 5)
        if isinstance(value, str):
            try:
                return dt.date.fromisoformat(value)
            except ValueError:
                pass
        try:
            row = _MonthDayRow.model_validate(value)
        except ValidationError:
            raise ValueError(
                f"'{key}' skal være en dato eller {{month, day, year_of_period}}, ikke {value!r}"
            ) from None
        return MonthDay(row.month, row.day, row.year_of_period)
    expected = _CHECKS[value_type]
    if expected is int and (isinstance(value, bool) or not isinstance(value, int)):
        raise ValueError(f"'{key}' skal være et heltal, ikke {value!r}")
    if expected is bool and not isinstance(value, bool):
        raise ValueError(f"'{key}' skal være sand eller falsk, ikke {value!r}")
    if expected is int and value < 0:
        raise ValueError(f"'{key}' kan ikke være negativ ({value})")
    return value


def load_parameters(path: Path, corpus: LawCorpus) -> ParameterSet:
    doc = load_located_yaml(path)
    rows = doc.data.get("parameters") if isinstance(doc.data, dict) else None
    if not isinstance(rows, dict):
        raise doc.error([], "filen skal have en tabel 'parameters'")
    result: dict[str, Parameter] = {}
    for key, raw in rows.items():
        where: list[str | int] = ["parameters", key]
        try:
            row = _ParameterRow.model_validate(raw)
        except ValidationError as exc:
            first = exc.errors()[0]
            loc = [p for p in first["loc"] if isinstance(p, (str, int))]
            raise doc.error(
                [*where, *loc], f"'{key}': feltet '{'.'.join(map(str, loc))}': {first['msg']}"
            ) from None
        try:
            citation = corpus.cite(row.citation)
            aside = corpus.cite(row.set_aside_citation) if row.set_aside_citation else None
        except CitationError as exc:
            raise doc.error([*where, "citation"], f"'{key}': {exc}") from None
        if (row.set_aside_by is None) != (aside is None):
            raise doc.error(where, f"'{key}': set_aside_by og set_aside_citation skal angives sammen")
        values = []
        for start, value in sorted(row.values.items()):
            try:
                values.append((start, _coerce(row.type, value, key)))
            except ValueError as exc:
                raise doc.error([*where, "values"], str(exc)) from None
        if not values:
            raise doc.error([*where, "values"], f"'{key}' har ingen værdier")
        result[key] = Parameter(
            key,
            row.label,
            citation,
            row.type,
            tuple(values),
            row.set_aside_by,
            aside,
            " ".join(row.explanation.split()),
            tuple(row.set_aside_only_under),
        )
    return ParameterSet(result)
