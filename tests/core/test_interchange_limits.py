"""The edges of import and export: how much a file may hold, and CSV cells a spreadsheet would run as formulas."""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile

import openpyxl
import pytest
from hypothesis import given
from hypothesis import strategies as st

from sundhedsaftale.core import Platform
from sundhedsaftale.core.case import RegionCase
from sundhedsaftale.demo import build_national_demo
from sundhedsaftale.interchange import (
    InterchangeError,
    _csv,
    _limits,
    _xlsx,
    case_from_csv_zip,
    case_from_xlsx,
    case_to_csv_zip,
    case_to_xlsx,
    compare_cases,
    import_case,
)
from sundhedsaftale.interchange._csv import neutralise, restore

TODAY = dt.date(2026, 11, 23)
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@pytest.fixture(scope="module")
def sjaelland(platform: Platform) -> RegionCase:
    return next(c for c in build_national_demo(platform.reference, today=TODAY) if c.region.code == "1085")


def _message(exc: pytest.ExceptionInfo[InterchangeError]) -> str:
    return "\n".join(str(p) for p in exc.value.problems)


# --- CSV cells that a spreadsheet would run ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "written"),
    [
        ('=HYPERLINK("http://example.invalid";"klik")', '\'=HYPERLINK("http://example.invalid";"klik")'),
        ("+45 12 34 56 78", "'+45 12 34 56 78"),
        ("-1", "'-1"),
        ("@SUM(A1:A9)", "'@SUM(A1:A9)"),
        ("\tfaneblad", "'\tfaneblad"),
        ("\rvognretur", "'\rvognretur"),
        ("'=allerede med apostrof", "''=allerede med apostrof"),
        ("'almindelig tekst", "'almindelig tekst"),
        ("Region Sjælland", "Region Sjælland"),
        ("2024-01-01", "2024-01-01"),
        ("", ""),
    ],
)
def test_a_cell_that_starts_a_formula_is_written_with_an_apostrophe_and_read_back_as_it_was(
    value: str, written: str
) -> None:
    assert neutralise(value) == written
    assert restore(written) == value


@given(st.text())
def test_neutralising_never_leaves_a_formula_and_restoring_gives_the_text_back(value: str) -> None:
    assert not neutralise(value).startswith(FORMULA_STARTS)
    assert restore(neutralise(value)) == value


def _formula_case(case: RegionCase) -> RegionCase:
    body = case.bodies[0]
    member = body.memberships[0]
    members = (member.model_copy(update={"name": "=1+1"}), *body.memberships[1:])
    other = case.bodies[1]
    bodies = (
        body.model_copy(update={"name": "-Sundhedsklyngen", "memberships": members}),
        other.model_copy(update={"name": "@Arbejdsgruppe +"}),
        *case.bodies[2:],
    )
    return case.model_copy(update={"bodies": bodies})


def test_a_csv_export_has_no_cell_a_spreadsheet_would_run_and_reads_back_unchanged(
    sjaelland: RegionCase, platform: Platform
) -> None:
    case = _formula_case(sjaelland)
    data = case_to_csv_zip(case)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        cells = [
            cell
            for name in archive.namelist()
            for row in csv.reader(io.StringIO(archive.read(name).decode("utf-8-sig")), delimiter=";")
            for cell in row
        ]
    assert "'=1+1" in cells
    assert "'@Arbejdsgruppe +" in cells
    assert "'-Sundhedsklyngen" in cells
    assert not [c for c in cells if c.startswith(FORMULA_STARTS)]

    back = case_from_csv_zip(data, base=case, rulebook=platform.rulebook)
    assert back == case
    assert not compare_cases(case, back).any


def test_a_csv_edited_by_hand_without_apostrophes_still_reads(
    sjaelland: RegionCase, platform: Platform
) -> None:
    # A cell typed as -1 or =x by hand (no apostrophe) is taken as it is, as before.
    case = _formula_case(sjaelland)
    data = case_to_csv_zip(case)
    plain = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(plain, "w") as target:
        for info in source.infolist():
            target.writestr(info, source.read(info).replace(b"'=1+1", b"=1+1"))
    back = case_from_csv_zip(plain.getvalue(), base=case, rulebook=platform.rulebook)
    assert back == case


# --- How much a workbook or CSV archive may hold -----------------------------------------------------------


def _inflated(data: bytes, *, extra: dict[str, bytes]) -> bytes:
    """The archive with more entries; zeros compress to almost nothing, as in a decompression bomb."""
    buffer = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            target.writestr(info, source.read(info))
        for name, content in extra.items():
            target.writestr(name, content)
    return buffer.getvalue()


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
def test_an_archive_that_unpacks_past_the_limit_is_refused_before_it_is_read(
    sjaelland: RegionCase, kind: str
) -> None:
    export = case_to_xlsx(sjaelland) if kind == "xlsx" else case_to_csv_zip(sjaelland)
    bomb = _inflated(export, extra={"xl/worksheets/sheet99.xml": b"0" * (_limits.MAX_UNPACKED_BYTES + 1)})
    assert len(bomb) < 200_000  # small to upload, large to unpack
    with pytest.raises(InterchangeError) as exc:
        import_case(bomb, base=sjaelland, filename=f"bombe.{'xlsx' if kind == 'xlsx' else 'zip'}")
    message = _message(exc)
    assert "bombe." in message
    assert "25,0 MB" in message


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
def test_an_archive_with_too_many_entries_is_refused(sjaelland: RegionCase, kind: str) -> None:
    export = case_to_xlsx(sjaelland) if kind == "xlsx" else case_to_csv_zip(sjaelland)
    crowded = _inflated(export, extra={f"extra/{n}.txt": b"" for n in range(_limits.MAX_ENTRIES)})
    with pytest.raises(InterchangeError) as exc:
        import_case(crowded, base=sjaelland, filename="mange-filer.xlsx")
    assert "mange-filer.xlsx" in _message(exc)
    assert f"højst {_limits.MAX_ENTRIES}" in _message(exc)


def _with_attendance_rows(case: RegionCase, count: int, *, blank_rows: int = 0) -> bytes:
    """The region's workbook with ``count`` filled rows in 'Deltagere', after ``blank_rows`` formatted blanks."""
    wb = openpyxl.load_workbook(io.BytesIO(case_to_xlsx(case)))
    ws = wb["Deltagere"]
    ws.delete_rows(2, ws.max_row)
    for number in range(2, 2 + blank_rows):
        ws.cell(row=number, column=1).number_format = "@"  # formatted, but no value
    template = case_tables_row(case)
    for _ in range(count):
        ws.append(template)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def case_tables_row(case: RegionCase) -> list[object]:
    from sundhedsaftale.interchange._tables import case_tables

    return list(case_tables(case)["Deltagere"][0])


def test_reading_a_sheet_stops_at_the_row_limit(
    sjaelland: RegionCase, platform: Platform, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Above every other sheet of Region Sjælland (196 members), below the attendance rows written here.
    monkeypatch.setattr(_xlsx, "MAX_ROWS", 250)
    data = _with_attendance_rows(sjaelland, 251, blank_rows=3)
    with pytest.raises(InterchangeError) as exc:
        case_from_xlsx(data, base=sjaelland, rulebook=platform.rulebook, filename="deltagere.xlsx")
    [problem] = exc.value.problems  # only the limit: nothing past it was read or checked
    assert problem.sheet == "Deltagere"
    assert "deltagere.xlsx" in problem.message
    assert "højst 250" in problem.message


def test_formatted_blank_rows_do_not_count_towards_the_row_limit(
    sjaelland: RegionCase, platform: Platform, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(_xlsx, "MAX_ROWS", 250)
    data = _with_attendance_rows(sjaelland, 1, blank_rows=300)
    # One attendance row after 300 formatted blanks: read without reaching the limit.
    back = case_from_xlsx(data, base=sjaelland, rulebook=platform.rulebook, filename="deltagere.xlsx")
    assert sum(len(m.attendance) for m in back.meetings) == 1


def test_reading_a_csv_file_stops_at_the_row_limit(
    sjaelland: RegionCase, platform: Platform, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(_csv, "MAX_ROWS", 5)
    data = case_to_csv_zip(sjaelland)  # Region Sjælland has more than five rows in most sheets
    with pytest.raises(InterchangeError) as exc:
        case_from_csv_zip(data, base=sjaelland, rulebook=platform.rulebook, filename="eksport.zip")
    [problem] = exc.value.problems
    assert "eksport.zip" in problem.message
    assert "højst 5" in problem.message


def test_a_workbook_from_the_platform_is_well_inside_the_limits(sjaelland: RegionCase) -> None:
    with zipfile.ZipFile(io.BytesIO(case_to_xlsx(sjaelland))) as archive:
        unpacked = sum(i.file_size for i in archive.infolist())
        entries = len(archive.infolist())
    assert unpacked * 10 < _limits.MAX_UNPACKED_BYTES
    assert entries * 5 < _limits.MAX_ENTRIES


def test_export_replaces_characters_a_workbook_cannot_hold(sjaelland: RegionCase) -> None:
    body = sjaelland.bodies[0]
    case = sjaelland.model_copy(
        update={
            "bodies": (body.model_copy(update={"name": "Udvalg\x0bmed styretegn"}), *sjaelland.bodies[1:])
        }
    )
    wb = openpyxl.load_workbook(io.BytesIO(case_to_xlsx(case)))
    cells = [cell for row in wb["Organer"].iter_rows(min_row=2, values_only=True) for cell in row]
    assert "Udvalg\ufffdmed styretegn" in cells
