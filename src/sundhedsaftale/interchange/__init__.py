"""Import and export of a region's bodies, members, meetings and decisions: XLSX, CSV in a ZIP, JSON.

Framework-free (no Django). Exports are deterministic (the same case gives the same bytes); an import is
checked as a whole and refused with every problem listed by sheet, row and column
(:class:`InterchangeError`), never half applied. Region, municipalities, clusters and agreements always come
from ``base``, the region's current case::

    data = case_to_xlsx(case)
    new = case_from_xlsx(data, base=case)          # == case
    changes = compare_cases(case, new)              # nothing added, changed or removed
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Collection
from enum import StrEnum
from importlib import import_module
from typing import TYPE_CHECKING, Any

from ._errors import InterchangeError, Problem

if TYPE_CHECKING:
    from sundhedsaftale.core.case import RegionCase
    from sundhedsaftale.core.rules import Rulebook

    from ._compare import CaseChanges, Changes, RecordDifference, compare_cases, record_differences
    from ._csv import CSV_ZIP_CONTENT_TYPE, case_from_csv_zip, case_to_csv_zip
    from ._json import JSON_CONTENT_TYPE, case_from_json, case_to_json
    from ._xlsx import XLSX_CONTENT_TYPE, case_from_xlsx, case_to_xlsx

# The readers and writers are imported on first use (openpyxl alone takes longer to import than the command line
# needs to start; ADR 0031): ``from sundhedsaftale.interchange import case_to_xlsx`` works as before.
_LAZY = {
    "CaseChanges": "._compare",
    "Changes": "._compare",
    "compare_cases": "._compare",
    "RecordDifference": "._compare",
    "record_differences": "._compare",
    "CSV_ZIP_CONTENT_TYPE": "._csv",
    "case_from_csv_zip": "._csv",
    "case_to_csv_zip": "._csv",
    "JSON_CONTENT_TYPE": "._json",
    "case_from_json": "._json",
    "case_to_json": "._json",
    "XLSX_CONTENT_TYPE": "._xlsx",
    "case_from_xlsx": "._xlsx",
    "case_to_xlsx": "._xlsx",
}


def __getattr__(name: str) -> Any:
    if name == "CONTENT_TYPES":
        content_types = {
            Format.XLSX: __getattr__("XLSX_CONTENT_TYPE"),
            Format.CSV: __getattr__("CSV_ZIP_CONTENT_TYPE"),
            Format.JSON: __getattr__("JSON_CONTENT_TYPE"),
        }
        globals()[name] = content_types
        return content_types
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(module, __name__), name)
    globals()[name] = value
    return value


__all__ = [
    "CONTENT_TYPES",
    "EXTENSIONS",
    "CaseChanges",
    "Changes",
    "Format",
    "InterchangeError",
    "Problem",
    "RecordDifference",
    "case_from_csv_zip",
    "case_from_json",
    "case_from_xlsx",
    "case_to_csv_zip",
    "case_to_json",
    "case_to_xlsx",
    "compare_cases",
    "detect_format",
    "export_case",
    "import_case",
    "record_differences",
]


class Format(StrEnum):
    XLSX = "xlsx"
    CSV = "csv"  # CSV files in a ZIP archive
    JSON = "json"  # the case file


if TYPE_CHECKING:
    CONTENT_TYPES = {
        Format.XLSX: XLSX_CONTENT_TYPE,
        Format.CSV: CSV_ZIP_CONTENT_TYPE,
        Format.JSON: JSON_CONTENT_TYPE,
    }
EXTENSIONS = {Format.XLSX: ".xlsx", Format.CSV: ".zip", Format.JSON: ".json"}


def export_case(case: RegionCase, format: Format) -> bytes:
    from ._csv import case_to_csv_zip
    from ._json import case_to_json
    from ._xlsx import case_to_xlsx

    if format is Format.XLSX:
        return case_to_xlsx(case)
    if format is Format.CSV:
        return case_to_csv_zip(case)
    return case_to_json(case)


def detect_format(data: bytes, filename: str = "") -> Format | None:
    """What a file is, from its content (a workbook and a CSV archive are both ZIPs), else its name."""
    if data.startswith(b"PK"):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                names = set(archive.namelist())
        except (zipfile.BadZipFile, OSError, ValueError):
            names = set()
        if "[Content_Types].xml" in names or "xl/workbook.xml" in names:
            return Format.XLSX
        if any(n.casefold().endswith(".csv") for n in names):
            return Format.CSV
    if data.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{"):
        return Format.JSON
    suffix = filename.casefold().rsplit(".", 1)[-1] if "." in filename else ""
    return {"xlsx": Format.XLSX, "zip": Format.CSV, "json": Format.JSON}.get(suffix)


def import_case(
    data: bytes,
    *,
    base: RegionCase,
    format: Format | None = None,
    filename: str = "",
    rulebook: Rulebook | None = None,
    reserved_body_ids: Collection[str] = (),
    reserved_person_ids: Collection[str] = (),
) -> RegionCase:
    """Read a workbook, a CSV archive or a case file (detected when ``format`` is not given) onto ``base``."""
    from ._csv import case_from_csv_zip
    from ._json import case_from_json
    from ._xlsx import case_from_xlsx

    kind = format or detect_format(data, filename)
    if kind is None:
        raise InterchangeError.single(
            "filen er hverken en Excel-arbejdsbog (.xlsx), et ZIP-arkiv med CSV-filer eller en sagsfil (.json)"
        )
    reserved = {"reserved_body_ids": reserved_body_ids, "reserved_person_ids": reserved_person_ids}
    if kind is Format.JSON:
        return case_from_json(data, base=base, rulebook=rulebook, **reserved)
    reader = case_from_xlsx if kind is Format.XLSX else case_from_csv_zip
    return reader(data, base=base, rulebook=rulebook, filename=filename, **reserved)
