"""A region's governance as an Excel workbook (XLSX), and back.

Sheets: "Om" (read-only: which region, how to use the file), then one sheet per table with Danish headers,
drop-down lists for every fixed value, real Excel dates and ja/nej. A hidden sheet "Lister" holds the lists.
The file is byte-identical for the same case: no export time, fixed timestamps inside the ZIP container.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import warnings
import zipfile
from collections.abc import Collection
from typing import Any

from openpyxl import Workbook, load_workbook  # type: ignore[import-untyped, unused-ignore]
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE  # type: ignore[import-untyped, unused-ignore]
from openpyxl.styles import Alignment, Font, PatternFill  # type: ignore[import-untyped, unused-ignore]
from openpyxl.utils import get_column_letter  # type: ignore[import-untyped, unused-ignore]
from openpyxl.worksheet.datavalidation import DataValidation  # type: ignore[import-untyped, unused-ignore]
from openpyxl.writer.excel import ExcelWriter  # type: ignore[import-untyped, unused-ignore]

from sundhedsaftale.core.case import RegionCase
from sundhedsaftale.core.rules import Rulebook

from ._errors import InterchangeError
from ._limits import MAX_ROWS, check_archive, too_many_rows
from ._tables import (
    ABOUT_SHEET,
    BODIES,
    LISTS_SHEET,
    MEETINGS,
    SHEETS,
    Cell,
    Column,
    Kind,
    RawSheet,
    SheetSpec,
    about_rows,
    build_case,
    case_tables,
    sheet_lists,
)

__all__ = ["XLSX_CONTENT_TYPE", "case_from_xlsx", "case_to_xlsx"]

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)
_FIXED_TIME = dt.datetime(*ZIP_EPOCH)  # the document's "created"/"modified": never the export time
_LAST_ROW = 1048576
_DATE_FORMAT = "dd-mm-yyyy"
_HEADER_FONT = Font(bold=True)
_HEADER_FILL = PatternFill("solid", fgColor="D9D9D9")
_ID_FILL = PatternFill("solid", fgColor="DDEBF7")
_ID_FONT = Font(color="1F4E79")
_WRAP = Alignment(wrap_text=True, vertical="top")


class FixedTimeZip(zipfile.ZipFile):
    """A ZIP archive whose entries carry a fixed timestamp, so the same content gives the same bytes."""

    def writestr(
        self,
        zinfo_or_arcname: str | zipfile.ZipInfo,
        data: Any,
        compress_type: int | None = None,
        compresslevel: int | None = None,
    ) -> None:
        if isinstance(zinfo_or_arcname, str):
            info = zipfile.ZipInfo(zinfo_or_arcname, date_time=ZIP_EPOCH)
            info.compress_type = self.compression
            info.external_attr = 0o644 << 16
            zinfo_or_arcname = info
        super().writestr(zinfo_or_arcname, data, compress_type, compresslevel)

    def write(
        self,
        filename: str | os.PathLike[str],
        arcname: str | os.PathLike[str] | None = None,
        compress_type: int | None = None,
        compresslevel: int | None = None,
    ) -> None:
        """openpyxl writes worksheets from temporary files: take their content, not their time."""
        with open(filename, "rb") as source:
            data = source.read()
        name = os.fspath(arcname if arcname is not None else filename).lstrip("/")
        self.writestr(name, data, compress_type, compresslevel)


def case_to_xlsx(case: RegionCase) -> bytes:
    """The case's bodies, members, meetings, agenda items, attendance and decisions as a workbook."""
    wb = Workbook()
    wb.properties.creator = "Sundhedsaftale"
    wb.properties.title = f"Organer og medlemmer – {case.region.name}"
    wb.properties.created = wb.properties.modified = _FIXED_TIME
    _about(wb.active, case)
    tables = case_tables(case)
    lists = _list_ranges(case)
    # Drop-downs of the ids in "Organer" and "Møder", with room for rows added in Excel.
    lists["organ"] = f"'{BODIES.name}'!$A$2:$A${len(tables[BODIES.name]) + 201}"
    lists["møde"] = f"'{MEETINGS.name}'!$A$2:$A${len(tables[MEETINGS.name]) + 501}"
    for spec in SHEETS:
        _table(wb.create_sheet(spec.name), spec, tables[spec.name], lists)
    _lists(wb, case)
    wb.active = 0
    buffer = io.BytesIO()
    archive = FixedTimeZip(buffer, "w", zipfile.ZIP_DEFLATED)
    writer = ExcelWriter(wb, archive)
    writer.save()
    return buffer.getvalue()


def _about(ws: Any, case: RegionCase) -> None:
    ws.title = ABOUT_SHEET
    for row in about_rows(case):
        ws.append(row)
    ws["A1"].font = Font(bold=True, size=14)
    headings = {"Sådan bruger du filen", "Ark", *(s.name for s in SHEETS)}
    for row in ws.iter_rows():
        if row[0].value in headings:
            for cell in row:
                cell.font = _HEADER_FONT
        for cell in row:
            cell.alignment = _WRAP
    for letter, width in (("A", 22), ("B", 34), ("C", 14), ("D", 90)):
        ws.column_dimensions[letter].width = width
    ws.protection.sheet = True


def _list_ranges(case: RegionCase) -> dict[str, str]:
    """List name → the range of its values in the hidden sheet (see :func:`_lists`)."""
    ranges: dict[str, str] = {}
    for index, (name, values) in enumerate(sheet_lists(case), start=1):
        letter = get_column_letter(index)
        ranges[name] = f"{LISTS_SHEET}!${letter}$2:${letter}${max(len(values) + 1, 2)}"
    return ranges


def _lists(wb: Any, case: RegionCase) -> None:
    """The hidden, protected last sheet with the values of the drop-down lists."""
    ws = wb.create_sheet(LISTS_SHEET)
    for index, (name, values) in enumerate(sheet_lists(case), start=1):
        ws.cell(row=1, column=index, value=name).font = _HEADER_FONT
        for offset, value in enumerate(values, start=2):
            ws.cell(row=offset, column=index, value=value).number_format = "@"
    ws.sheet_state = "hidden"
    ws.protection.sheet = True


def _validation(formula: str, column: Column, *, strict: bool = True) -> DataValidation:
    dv = DataValidation(type="list", formula1=formula, allow_blank=True)
    dv.showErrorMessage = True
    dv.errorStyle = "stop" if strict else "warning"
    dv.errorTitle = "Ukendt værdi"
    dv.error = f"Vælg {column.header} fra listen."
    return dv


def _writable(value: Cell) -> Cell:
    # XML, and so a workbook, cannot hold control characters; text saved before the API refused them would
    # otherwise stop the whole export. Each one becomes U+FFFD, so the reader sees where something was.
    if isinstance(value, str) and ILLEGAL_CHARACTERS_RE.search(value):
        return ILLEGAL_CHARACTERS_RE.sub("\ufffd", value)
    return value


def _table(ws: Any, spec: SheetSpec, rows: list[list[Cell]], lists: dict[str, str]) -> None:
    ws.append(spec.headers)
    for number, row in enumerate(rows, start=2):
        ws.append([_writable(value) for value in row])
        for index, value in enumerate(row, start=1):
            if isinstance(value, str) and value.startswith("="):
                ws.cell(row=number, column=index).data_type = "s"  # text, never a formula
    last = len(rows) + 1
    for index, column in enumerate(spec.columns, start=1):
        letter = get_column_letter(index)
        header = ws.cell(row=1, column=index)
        header.font = _HEADER_FONT
        header.fill = _ID_FILL if column.header == "id" else _HEADER_FILL
        ws.column_dimensions[letter].width = column.width
        for (cell,) in ws.iter_rows(min_row=2, max_row=last, min_col=index, max_col=index):
            if column.kind is Kind.DATE:
                cell.number_format = _DATE_FORMAT
            elif column.kind in (Kind.ID, Kind.TEXT, Kind.CODE, Kind.ENUM, Kind.BOOL):
                cell.number_format = "@"
            elif column.kind is Kind.LONGTEXT:
                cell.alignment = _WRAP
            if column.header == "id":
                cell.fill = _ID_FILL
                cell.font = _ID_FONT
        target = f"{letter}2:{letter}{_LAST_ROW}"
        dv: DataValidation | None = None
        if column.labels is not None:
            dv = _validation(lists[column.labels.noun], column)
        elif column.kind is Kind.BOOL:
            dv = _validation(lists["ja/nej"], column)
        elif column.kind is Kind.CODE:
            dv = _validation(lists["kommunekode"], column)
        elif column.header == "klynge":
            dv = _validation(lists["klynge"], column)
        elif column.header in ("organ", "overordnet organ"):
            dv = _validation(lists["organ"], column, strict=False)
        elif column.header == "møde":
            dv = _validation(lists["møde"], column, strict=False)
        elif column.kind is Kind.DATE:
            dv = DataValidation(type="date", operator="greaterThan", formula1="1", allow_blank=True)
            dv.errorTitle = "Ikke en dato"
            dv.error = "Skriv en dato, fx 23-11-2026."
            dv.showErrorMessage = True
        if dv is not None:
            dv.add(target)
            ws.add_data_validation(dv)
    ws.freeze_panes = "B2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(spec.columns))}{last}"


def case_from_xlsx(
    data: bytes,
    *,
    base: RegionCase,
    rulebook: Rulebook | None = None,
    reserved_body_ids: Collection[str] = (),
    reserved_person_ids: Collection[str] = (),
    filename: str = "",
) -> RegionCase:
    """Apply a workbook to ``base``: its bodies, members, meetings and decisions replace the case's.

    Raises :class:`InterchangeError` listing every problem (sheet, row, column) when the workbook has any, and
    before reading anything when the workbook is larger than the limits in :mod:`._limits`.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            check_archive(archive, filename=filename)
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise InterchangeError.single(
            f"filen kan ikke læses som en Excel-arbejdsbog (.xlsx): {_reason(exc)}"
        ) from None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            # Read-only mode streams each sheet's rows instead of building the whole workbook in memory.
            wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a file that is not a workbook
        raise InterchangeError.single(
            f"filen kan ikke læses som en Excel-arbejdsbog (.xlsx): {_reason(exc)}"
        ) from None
    try:
        about, sheets = _read_sheets(wb, filename)
    finally:
        wb.close()
    return build_case(
        sheets,
        base=base,
        about=about,
        rulebook=rulebook,
        reserved_body_ids=reserved_body_ids,
        reserved_person_ids=reserved_person_ids,
    )


def _read_sheets(wb: Any, filename: str) -> tuple[dict[str, tuple[int, str]] | None, dict[str, RawSheet]]:
    wanted = {spec.name.casefold(): spec.name for spec in SHEETS}
    sheets: dict[str, RawSheet] = {}
    about: dict[str, tuple[int, str]] | None = None
    for ws in wb.worksheets:
        title = str(ws.title).strip().casefold()
        if title == ABOUT_SHEET.casefold():
            about = {}
            for number, values in enumerate(ws.iter_rows(values_only=True), start=1):
                if number > MAX_ROWS:
                    raise too_many_rows(ABOUT_SHEET, limit=MAX_ROWS, filename=filename)
                if values and isinstance(values[0], str) and len(values) > 1:
                    about.setdefault(values[0].strip().casefold(), (number, _text(values[1])))
            continue
        name = wanted.get(title)
        if name is None or name in sheets:
            continue
        header: list[Cell] = []
        rows: list[tuple[int, list[Cell]]] = []
        for number, values in enumerate(ws.iter_rows(values_only=True), start=1):
            cells = _cells(values)
            if number == 1:
                header = cells
            elif any(not _blank(c) for c in cells):  # formatted but empty rows neither count nor stay
                if len(rows) == MAX_ROWS:
                    raise too_many_rows(name, limit=MAX_ROWS, filename=filename)
                rows.append((number, cells))
        sheets[name] = RawSheet(name, header, rows)
    return about, sheets


def _blank(value: Cell) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _cells(values: tuple[Any, ...]) -> list[Cell]:
    cells: list[Cell] = []
    for value in values:
        if value is None or isinstance(value, str | int | float | bool | dt.date):
            cells.append(value)
        elif isinstance(value, dt.time):
            cells.append(value.isoformat())
        else:
            cells.append(str(value))
    return cells


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _reason(exc: Exception) -> str:
    if isinstance(exc, zipfile.BadZipFile):
        return "filen er ikke en .xlsx-fil"
    return str(exc) or type(exc).__name__
