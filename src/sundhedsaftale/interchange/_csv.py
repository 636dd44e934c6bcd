"""The same tables as the workbook, one CSV file per sheet in a ZIP archive.

UTF-8 with BOM and ``;`` as separator, as Danish Excel expects; dates as ``ÅÅÅÅ-MM-DD``. Reading also takes
what Danish Excel writes back: Windows-1252 without BOM, dates as ``DD-MM-ÅÅÅÅ``, ``,`` or tab separators,
and files in a folder inside the archive.

A spreadsheet opening a CSV file runs a cell that starts with ``=``, ``+``, ``-`` or ``@`` as a formula (some
also after a leading tab or carriage return), so text from the platform could run in the reader's spreadsheet.
Such a cell is written with an apostrophe in front (:func:`neutralise`), and reading takes it off again
(:func:`restore`): an export read back gives the same values.
"""

from __future__ import annotations

import csv
import io
import posixpath
import zipfile
from collections.abc import Collection

from sundhedsaftale.core.case import RegionCase
from sundhedsaftale.core.rules import Rulebook

from ._errors import InterchangeError
from ._limits import MAX_ROWS, check_archive, too_many_rows
from ._tables import ABOUT_SHEET, SHEETS, Cell, RawSheet, about_rows, build_case, case_tables, cell_text
from ._xlsx import FixedTimeZip

__all__ = ["CSV_ZIP_CONTENT_TYPE", "case_from_csv_zip", "case_to_csv_zip", "neutralise", "restore"]

CSV_ZIP_CONTENT_TYPE = "application/zip"
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise(text: str) -> str:
    """The cell as a spreadsheet cannot run it: an apostrophe before a formula's first character.

    Text that already starts with apostrophes before such a character gets one more, so :func:`restore` can
    always take exactly one off.
    """
    return "'" + text if text.lstrip("'").startswith(_FORMULA_START) else text


def restore(text: str) -> str:
    """The cell as it was before :func:`neutralise`; any other text is left as it is."""
    if text.startswith("'") and text[1:].lstrip("'").startswith(_FORMULA_START):
        return text[1:]
    return text


def _csv_bytes(rows: list[list[Cell]] | list[list[str]]) -> bytes:
    text = io.StringIO(newline="")
    writer = csv.writer(text, delimiter=";", lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    for row in rows:
        writer.writerow([neutralise(cell_text(cell)) for cell in row])
    return text.getvalue().encode("utf-8-sig")


def case_to_csv_zip(case: RegionCase) -> bytes:
    """One ``<ark>.csv`` per sheet plus ``Om.csv``, in a ZIP archive; byte-identical for the same case."""
    buffer = io.BytesIO()
    tables = case_tables(case)
    with FixedTimeZip(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(f"{ABOUT_SHEET}.csv", _csv_bytes(about_rows(case)))
        for spec in SHEETS:
            rows: list[list[Cell]] = [list(spec.headers), *tables[spec.name]]
            archive.writestr(f"{spec.name}.csv", _csv_bytes(rows))
    return buffer.getvalue()


def _keys(name: str) -> set[str]:
    folded = name.casefold()
    return {
        folded,
        folded.replace("ø", "o").replace("æ", "ae").replace("å", "aa"),
        folded.replace("ø", "oe").replace("æ", "ae").replace("å", "aa"),
    }


def _decode(raw: bytes) -> str:
    if raw.startswith(b"\xef\xbb\xbf"):
        return raw[3:].decode("utf-8")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace")


def _rows(text: str, sheet: str, filename: str) -> list[list[Cell]]:
    """The file's rows, the header first; reading stops past :data:`MAX_ROWS` filled rows."""
    first = text.split("\n", 1)[0]
    delimiter = max((";", ",", "\t"), key=first.count)
    rows: list[list[Cell]] = []
    filled = 0
    for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter):
        if rows and any(cell.strip() for cell in row):
            filled += 1
            if filled > MAX_ROWS:
                raise too_many_rows(sheet, limit=MAX_ROWS, filename=filename)
        rows.append([restore(cell) for cell in row])
    return rows


def case_from_csv_zip(
    data: bytes,
    *,
    base: RegionCase,
    rulebook: Rulebook | None = None,
    reserved_body_ids: Collection[str] = (),
    reserved_person_ids: Collection[str] = (),
    filename: str = "",
) -> RegionCase:
    """Apply a ZIP of CSV files to ``base``, with the same checks and limits as :func:`case_from_xlsx`."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError):
        raise InterchangeError.single("filen kan ikke læses som et ZIP-arkiv med CSV-filer") from None
    wanted: dict[str, str] = {}
    for name in (ABOUT_SHEET, *(s.name for s in SHEETS)):
        for key in _keys(name):
            wanted[key] = name
    sheets: dict[str, RawSheet] = {}
    about: dict[str, tuple[int, str]] | None = None
    with archive:
        check_archive(archive, filename=filename)
        infos = [
            i
            for i in archive.infolist()
            if not i.is_dir() and "__MACOSX" not in i.filename and i.filename.casefold().endswith(".csv")
        ]
        for info in infos:
            stem = posixpath.basename(info.filename)[: -len(".csv")].strip()
            if stem.startswith("."):
                continue
            found = next((wanted[k] for k in _keys(stem) if k in wanted), None)
            if found is None or found in sheets or (found == ABOUT_SHEET and about is not None):
                continue
            name = found
            try:
                rows = _rows(_decode(archive.read(info)), name, filename)
            except (zipfile.BadZipFile, OSError, ValueError, csv.Error, RuntimeError) as exc:
                raise InterchangeError.single(
                    f"{info.filename} kan ikke læses som CSV ({exc})", sheet=name
                ) from None
            if name == ABOUT_SHEET:
                about = {}
                for number, row in enumerate(rows, start=1):
                    if len(row) > 1 and isinstance(row[0], str):
                        about.setdefault(row[0].strip().casefold(), (number, cell_text(row[1])))
                continue
            sheets[name] = RawSheet(
                name, rows[0] if rows else [], [(n, r) for n, r in enumerate(rows[1:], start=2)]
            )
    if not sheets and about is None:
        raise InterchangeError.single(
            "ZIP-arkivet indeholder ingen af CSV-filerne "
            + ", ".join(f"{s.name}.csv" for s in SHEETS)
            + "; eksportér regionen som CSV for at se formatet"
        )
    return build_case(
        sheets,
        base=base,
        about=about,
        rulebook=rulebook,
        reserved_body_ids=reserved_body_ids,
        reserved_person_ids=reserved_person_ids,
    )
