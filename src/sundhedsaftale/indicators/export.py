"""Indicator values as CSV, XLSX or JSON: suppressed values only, with the marker and the København note.

The columns are the same in every format; a suppressed count is "<5", a count hidden as the complement of a small
one is "skjult", and its rate is empty (ADR 0043, 0049). ``about``
adds columns with one value for every row — where the values come from and when they were computed (ADR 0049).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from typing import Any

from ._compute import IndicatorValue
from ._geography import LEVEL_NAMES

__all__ = ["HEADER", "values_csv", "values_json", "values_xlsx"]

HEADER = (
    "indikator",
    "navn",
    "niveau",
    "enhed_id",
    "enhed",
    "periode",
    "gruppe",
    "tæller",
    "nævner",
    "værdi",
    "standardiseret",
    "enhed_for_værdi",
    "markør",
    "note",
)
_UNITS = {"pct": "%", "per_1000": "pr. 1.000"}


def _row(v: IndicatorValue) -> list[Any]:
    return [
        v.indicator,
        v.name,
        LEVEL_NAMES.get(v.level, v.level),
        v.unit_id,
        v.unit_name,
        v.period,
        v.stratum,
        v.shown(v.numerator, "numerator"),
        v.shown(v.denominator, "denominator"),
        None if v.value is None else round(v.value, 2),
        None if v.standardised is None else round(v.standardised, 2),
        _UNITS.get(v.unit, v.unit),
        v.marker,
        v.note,
    ]


About = Sequence[tuple[str, str]]


def values_csv(values: Sequence[IndicatorValue], about: About = ()) -> bytes:
    from sundhedsaftale.interchange._csv import neutralise

    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow([*HEADER, *(k for k, _ in about)])
    for v in values:
        writer.writerow(
            [
                "" if c is None else neutralise(str(c)) if isinstance(c, str) else str(c).replace(".", ",")
                for c in [*_row(v), *(a for _, a in about)]
            ]
        )
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def values_xlsx(values: Sequence[IndicatorValue], about: About = ()) -> bytes:
    from openpyxl import Workbook  # type: ignore[import-untyped, unused-ignore]
    from openpyxl.styles import Font  # type: ignore[import-untyped, unused-ignore]

    from sundhedsaftale.interchange._csv import neutralise

    book = Workbook()
    sheet: Any = book.active
    sheet.title = "Indikatorer"
    sheet.append([*HEADER, *(k for k, _ in about)])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for v in values:
        sheet.append([neutralise(c) if isinstance(c, str) else c for c in [*_row(v), *(a for _, a in about)]])
    sheet.freeze_panes = "A2"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def values_json(values: Sequence[IndicatorValue], about: About = ()) -> bytes:
    header = [*HEADER, *(k for k, _ in about)]
    rows = [dict(zip(header, [*_row(v), *(a for _, a in about)], strict=True)) for v in values]
    return (json.dumps(rows, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
