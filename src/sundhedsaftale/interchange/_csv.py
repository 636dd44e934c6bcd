"""The same tables as the workbook, one CSV file per sheet in a ZIP archive.

UTF-8 with BOM and ``;`` as separator, as Danish Excel expects; dates as ``ÅÅÅÅ-MM-DD``. Reading also takes
what Danish Excel writes back: Windows-1252 without BOM, dates as ``DD-MM-ÅÅÅÅ``, ``,`` or tab separators,
and files in a folder inside the archive.
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
from ._tables import ABOUT_SHEET, SHEETS, Cell, RawSheet, about_rows, build_case, case_tables, cell_text
from ._xlsx import FixedTimeZip

__all__ = ["CSV_ZIP_CONTENT_TYPE", "case_from_csv_zip", "case_to_csv_zip"]

CSV_ZIP_CONTENT_TYPE = "application/zip"
_MAX_UNPACKED = 100 * 1024 * 1024  # a guard against archives that unpack to far more than they weigh


def _csv_bytes(rows: list[list[Cell]] | list[list[str]]) -> bytes:
    text = io.StringIO(newline="")
    writer = csv.writer(text, delimiter=";", lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    for row in rows:
        writer.writerow([cell_text(cell) for cell in row])
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


def _rows(text: str) -> list[list[Cell]]:
    first = text.split("\n", 1)[0]
    delimiter = max((";", ",", "\t"), key=first.count)
    return [list(row) for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)]


def case_from_csv_zip(
    data: bytes,
    *,
    base: RegionCase,
    rulebook: Rulebook | None = None,
    reserved_body_ids: Collection[str] = (),
    reserved_person_ids: Collection[str] = (),
) -> RegionCase:
    """Apply a ZIP of CSV files to ``base``, with the same checks as :func:`case_from_xlsx`."""
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
        infos = [
            i
            for i in archive.infolist()
            if not i.is_dir() and "__MACOSX" not in i.filename and i.filename.casefold().endswith(".csv")
        ]
        if sum(i.file_size for i in infos) > _MAX_UNPACKED:
            raise InterchangeError.single("ZIP-arkivet er for stort; CSV-filerne må fylde højst 100 MB")
        for info in infos:
            stem = posixpath.basename(info.filename)[: -len(".csv")].strip()
            if stem.startswith("."):
                continue
            found = next((wanted[k] for k in _keys(stem) if k in wanted), None)
            if found is None or found in sheets or (found == ABOUT_SHEET and about is not None):
                continue
            name = found
            try:
                rows = _rows(_decode(archive.read(info)))
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
