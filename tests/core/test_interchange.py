"""Import and export of a region's governance: XLSX, CSV in a ZIP, JSON. No Django: the core and the demo only."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import subprocess
import sys
import zipfile
from pathlib import Path

import openpyxl
import pytest

from sundhedsaftale.core import Platform
from sundhedsaftale.core.case import MemberRole, RegionCase
from sundhedsaftale.demo import build_national_demo
from sundhedsaftale.interchange import (
    Format,
    InterchangeError,
    Problem,
    case_from_csv_zip,
    case_from_json,
    case_from_xlsx,
    case_to_csv_zip,
    case_to_json,
    case_to_xlsx,
    compare_cases,
    detect_format,
    import_case,
)

TODAY = dt.date(2026, 11, 23)
REGION_CODES = ("1081", "1082", "1083", "1084", "1085")
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def demo(platform: Platform) -> dict[str, RegionCase]:
    return {case.region.code: case for case in build_national_demo(platform.reference, today=TODAY)}


@pytest.fixture(scope="module")
def sjaelland(demo: dict[str, RegionCase]) -> RegionCase:
    return demo["1085"]


def _workbook(case: RegionCase) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(case_to_xlsx(case)))


def _save(wb: openpyxl.Workbook) -> bytes:
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def _problems(exc: pytest.ExceptionInfo[InterchangeError]) -> set[tuple[str | None, int | None, str | None]]:
    return {(p.sheet, p.row, p.column) for p in exc.value.problems}


# --- Round trips ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("code", REGION_CODES)
def test_xlsx_round_trip_gives_the_same_case(
    demo: dict[str, RegionCase], platform: Platform, code: str
) -> None:
    case = demo[code]
    back = case_from_xlsx(case_to_xlsx(case), base=case, rulebook=platform.rulebook)
    assert back.model_dump(mode="json") == case.model_dump(mode="json")
    assert back == case
    assert not compare_cases(case, back).any


@pytest.mark.parametrize("code", REGION_CODES)
def test_csv_round_trip_gives_the_same_case(
    demo: dict[str, RegionCase], platform: Platform, code: str
) -> None:
    case = demo[code]
    back = case_from_csv_zip(case_to_csv_zip(case), base=case, rulebook=platform.rulebook)
    assert back == case


def test_json_round_trip_and_format_detection(sjaelland: RegionCase) -> None:
    data = case_to_json(sjaelland)
    assert RegionCase.model_validate_json(data) == sjaelland
    assert case_from_json(data, base=sjaelland) == sjaelland
    assert detect_format(case_to_xlsx(sjaelland)) is Format.XLSX
    assert detect_format(case_to_csv_zip(sjaelland)) is Format.CSV
    assert detect_format(data) is Format.JSON
    assert detect_format(b"hello", "x.txt") is None
    assert import_case(case_to_csv_zip(sjaelland), base=sjaelland) == sjaelland


def test_round_trip_keeps_unusual_values(sjaelland: RegionCase) -> None:
    """Text that looks like a number or a date, line breaks, a structured decision value, an empty body."""
    body = sjaelland.bodies[0]
    member = body.memberships[0].model_copy(update={"name": "  Anne  Hansen", "person_id": "007"})
    meeting = sjaelland.meetings[0].model_copy(
        update={"title": "=1+1", "minutes": "Punkt 1:\nGodkendt.\n", "location": "1-2-2024"}
    )
    decision = sjaelland.decisions[0].model_copy(
        update={"value": {"month": 3, "day": 1, "year_of_period": 2}, "note": "ja"}
    )
    case = sjaelland.model_copy(
        update={
            "bodies": (body.model_copy(update={"memberships": (member,)}), *sjaelland.bodies[1:]),
            "meetings": (
                meeting.model_copy(update={"attendance": (), "chaired_by": None}),
                *sjaelland.meetings[1:],
            ),
            "decisions": (decision, *sjaelland.decisions[1:]),
        }
    )
    case = RegionCase.model_validate(case.model_dump())
    assert case_from_xlsx(case_to_xlsx(case), base=case) == case.model_copy(
        update={
            "bodies": (
                case.bodies[0].model_copy(
                    update={"memberships": (member.model_copy(update={"name": "Anne  Hansen"}),)}
                ),
                *case.bodies[1:],
            )
        }
    )
    assert case_from_csv_zip(case_to_csv_zip(case), base=case).decisions == case.decisions
    assert case_from_csv_zip(case_to_csv_zip(case), base=case).meetings == case.meetings


# --- Determinism and the shape of the workbook ------------------------------------------------------------


def test_export_is_byte_identical_for_the_same_case(sjaelland: RegionCase) -> None:
    copy = RegionCase.model_validate_json(sjaelland.model_dump_json())
    assert case_to_xlsx(sjaelland) == case_to_xlsx(copy)
    assert case_to_csv_zip(sjaelland) == case_to_csv_zip(copy)
    assert case_to_json(sjaelland) == case_to_json(copy)
    for data in (case_to_xlsx(sjaelland), case_to_csv_zip(sjaelland)):
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            assert {i.date_time for i in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
    with zipfile.ZipFile(io.BytesIO(case_to_xlsx(sjaelland))) as archive:
        core = archive.read("docProps/core.xml").decode()
    assert str(dt.date.today().year) not in core


def test_workbook_has_danish_sheets_labels_lists_dates_and_a_read_only_about_sheet(
    sjaelland: RegionCase,
) -> None:
    wb = _workbook(sjaelland)
    assert wb.sheetnames == [
        "Om",
        "Organer",
        "Medlemmer",
        "Møder",
        "Dagsorden",
        "Deltagere",
        "Beslutninger",
        "Tilbudte pladser",
        "Lister",
    ]
    assert wb["Lister"].sheet_state == "hidden"
    about = wb["Om"]
    assert about.protection.sheet
    assert ("Regionskode", "1085") in [(r[0], r[1]) for r in about.iter_rows(values_only=True)]
    members = wb["Medlemmer"]
    header = [c.value for c in members[1]]
    assert header == [
        "id",
        "organ",
        "person-id",
        "navn",
        "rolle",
        "udpeget af",
        "kommunekode",
        "klynge",
        "dækker psykiatri",
        "repræsenterer",
        "formand",
        "næstformand",
        "stedfortræder",
        "fra",
        "til",
        "version",
    ]
    first = [c.value for c in members[2]]
    assert first[4] == "regionsrådsformand"
    assert first[5] == "regionsrådet"
    assert first[10] == "ja"
    assert isinstance(first[13], dt.datetime)
    assert members["N2"].is_date
    assert "PLO" in [c.value for c in members["F"]]
    validated = {str(dv.sqref).split(":")[0] for dv in members.data_validations.dataValidation}
    assert {"E2", "F2", "I2", "J2", "K2"} <= validated  # rolle, udpeget af, booleans, repræsenterer
    assert [c.value for c in wb["Møder"][1]][:5] == ["id", "organ", "dato", "status", "type"]
    assert [c.value for c in wb["Beslutninger"][1]][3] == "værdi"


def test_csv_zip_is_utf8_with_bom_and_semicolons(sjaelland: RegionCase) -> None:
    with zipfile.ZipFile(io.BytesIO(case_to_csv_zip(sjaelland))) as archive:
        assert sorted(archive.namelist()) == sorted(
            [
                "Om.csv",
                "Organer.csv",
                "Medlemmer.csv",
                "Møder.csv",
                "Dagsorden.csv",
                "Deltagere.csv",
                "Beslutninger.csv",
                "Tilbudte pladser.csv",
            ]
        )
        raw = archive.read("Medlemmer.csv")
    assert raw.startswith(b"\xef\xbb\xbf")
    assert raw[3:].decode().splitlines()[0].startswith("id;organ;person-id;navn;rolle;udpeget af;")


# --- Editing ----------------------------------------------------------------------------------------------


def test_an_edited_workbook_imports_with_exactly_that_change(sjaelland: RegionCase) -> None:
    wb = _workbook(sjaelland)
    members = wb["Medlemmer"]
    # Row 3 is the committee's second member (a regional council member): make them a mayor's deputy.
    assert members["E3"].value == "regionsrådsmedlem"
    members["E3"] = "fagborgmester"
    body_id = members["B3"].value
    members.append(
        [
            "",
            body_id,
            "ny-person-1",
            "Ny Person",
            "praktiserende læge",
            "PLO",
            None,
            None,
            "nej",
            None,
            "nej",
            "nej",
            "nej",
            dt.datetime(2026, 2, 1),
            None,
        ]
    )
    new = case_from_xlsx(_save(wb), base=sjaelland)

    changes = compare_cases(sjaelland, new)
    assert changes.memberships.changed == (f"{body_id}/{sjaelland.bodies[0].memberships[1].id}",)
    assert len(changes.memberships.added) == 1
    assert [name for name, c in changes.parts().items() if c.any] == ["memberships"]
    assert not changes.memberships.removed

    old_body = sjaelland.body(body_id)
    new_body = new.body(body_id)
    assert old_body is not None
    assert new_body is not None
    assert new_body.memberships[1] == old_body.memberships[1].model_copy(
        update={"role": MemberRole.DEPUTY_MAYOR}
    )
    added = new_body.memberships[-1]
    assert added.person_id == "ny-person-1"
    assert added.role is MemberRole.GENERAL_PRACTITIONER
    assert added.start == dt.date(2026, 2, 1)
    assert added.id not in {m.id for m in old_body.memberships}
    assert new_body.memberships[:-1] == tuple(
        m if i != 1 else new_body.memberships[1] for i, m in enumerate(old_body.memberships)
    )


def test_deleting_rows_removes_and_english_values_and_danish_dates_are_accepted(
    sjaelland: RegionCase,
) -> None:
    wb = _workbook(sjaelland)
    wb["Beslutninger"].delete_rows(2)
    members = wb["Medlemmer"]
    members["E2"] = "Regional_Council_Chair"  # the enumeration's own value, any case
    members["N2"] = "01-01-2022"  # a date typed as Danish text
    new = case_from_xlsx(_save(wb), base=sjaelland)
    changes = compare_cases(sjaelland, new)
    assert changes.decisions.removed == (sjaelland.decisions[0].id,)
    assert not changes.memberships.any


def test_an_edited_csv_archive_as_danish_excel_saves_it(sjaelland: RegionCase) -> None:
    """Windows-1252 without BOM, dates as DD-MM-ÅÅÅÅ, files in a folder inside the archive."""
    with zipfile.ZipFile(io.BytesIO(case_to_csv_zip(sjaelland))) as archive:
        files = {name: archive.read(name).decode("utf-8-sig") for name in archive.namelist()}
    rows = list(csv.reader(io.StringIO(files["Medlemmer.csv"], newline=""), delimiter=";"))
    rows[1][13] = "01-01-2022"
    rows[2][4] = "borgmester"
    out = io.StringIO(newline="")
    csv.writer(out, delimiter=";", lineterminator="\r\n").writerows(rows)
    files["Medlemmer.csv"] = out.getvalue()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, text in files.items():
            archive.writestr(f"eksport/{name}", text.encode("cp1252"))
    new = case_from_csv_zip(buffer.getvalue(), base=sjaelland)
    changes = compare_cases(sjaelland, new)
    assert len(changes.memberships.changed) == 1
    assert new.bodies[0].memberships[1].role is MemberRole.MAYOR


# --- Errors -----------------------------------------------------------------------------------------------


def test_every_error_in_every_sheet_is_reported_with_sheet_row_and_column(
    sjaelland: RegionCase, platform: Platform
) -> None:
    wb = _workbook(sjaelland)
    wb["Organer"]["B3"] = "udvalg"  # unknown body kind
    wb["Organer"]["D4"] = None  # a cluster level without its cluster
    members = wb["Medlemmer"]
    members["E7"] = "borgmestre"  # unknown role
    members["N8"] = "32-13-2022"  # not a date
    members["B9"] = "ukendt-organ"  # unknown body
    members["G10"] = "999"  # unknown municipality
    members["D11"] = None  # missing name
    members["A13"] = members["A12"].value  # duplicate id in the same body
    wb["Møder"]["H5"] = "ingen-person"  # unknown chair
    wb["Møder"]["C6"] = "i går"  # not a date
    wb["Deltagere"]["A9"] = "ukendt-møde"  # unknown meeting
    wb["Beslutninger"]["B2"] = "ukendt.parameter"  # unknown to the rulebook
    wb["Beslutninger"]["D3"] = "tre"  # not a value
    wb["Beslutninger"]["A3"] = wb["Beslutninger"]["A2"].value  # duplicate id

    with pytest.raises(InterchangeError) as exc:
        case_from_xlsx(_save(wb), base=sjaelland, rulebook=platform.rulebook)

    assert _problems(exc) == {
        ("Organer", 3, "type"),
        ("Organer", 4, "klynge"),
        ("Medlemmer", 7, "rolle"),
        ("Medlemmer", 8, "fra"),
        ("Medlemmer", 9, "organ"),
        ("Medlemmer", 10, "kommunekode"),
        ("Medlemmer", 11, "navn"),
        ("Medlemmer", 13, "id"),
        ("Møder", 5, "mødeleder person-id"),
        ("Møder", 6, "dato"),
        ("Deltagere", 9, "møde"),
        ("Beslutninger", 2, "parameter"),
        ("Beslutninger", 3, "værdi"),
        ("Beslutninger", 3, "id"),
    }
    problems = {(p.sheet, p.row, p.column): p.message for p in exc.value.problems}
    assert "'borgmestre' er ikke en kendt rolle" in problems[("Medlemmer", 7, "rolle")]
    assert "borgmester" in problems[("Medlemmer", 7, "rolle")]
    assert "'32-13-2022' er ikke en dato" in problems[("Medlemmer", 8, "fra")]
    assert "ukendt organ 'ukendt-organ'" in problems[("Medlemmer", 9, "organ")]
    assert "ukendt kommunekode '999'" in problems[("Medlemmer", 10, "kommunekode")]
    assert "i række 12" in problems[("Medlemmer", 13, "id")]
    assert "ukendt parameter 'ukendt.parameter'" in problems[("Beslutninger", 2, "parameter")]
    text = str(exc.value)
    assert len(text.splitlines()) == 14
    assert "Ark 'Medlemmer', række 7, kolonne 'rolle': 'borgmestre' er ikke en kendt rolle" in text
    # In the order of the sheets, then rows.
    assert [p.sheet for p in exc.value.problems][:2] == ["Organer", "Organer"]
    assert exc.value.problems[-1].sheet == "Beslutninger"


def test_missing_sheets_and_columns_and_another_regions_file_are_reported(
    demo: dict[str, RegionCase], sjaelland: RegionCase
) -> None:
    wb = _workbook(demo["1081"])
    del wb["Dagsorden"]
    wb["Medlemmer"]["E1"] = "funktion"
    with pytest.raises(InterchangeError) as exc:
        case_from_xlsx(_save(wb), base=sjaelland)
    found = _problems(exc)
    assert ("Dagsorden", None, None) in found
    assert ("Medlemmer", 1, "rolle") in found
    assert ("Om", 4, "Regionskode") in found
    # Region Nordjylland's members name municipalities and clusters that are not in Region Sjælland.
    assert any(p[0] == "Medlemmer" and p[2] == "kommunekode" for p in found)


def test_body_ids_of_another_region_and_unreadable_files_are_refused(sjaelland: RegionCase) -> None:
    with pytest.raises(InterchangeError) as exc:
        case_from_xlsx(case_to_xlsx(sjaelland), base=sjaelland, reserved_body_ids={"1085-committee"})
    assert _problems(exc) == {("Organer", 2, "id")}
    for reader in (case_from_xlsx, case_from_csv_zip):
        with pytest.raises(InterchangeError) as unreadable:
            reader(b"not a file", base=sjaelland)
        assert len(unreadable.value.problems) == 1
        assert unreadable.value.problems[0].sheet is None
    with pytest.raises(InterchangeError, match="hverken"):
        import_case(b"not a file", base=sjaelland)


def test_a_body_under_itself_and_a_member_cluster_outside_the_region_are_refused(
    sjaelland: RegionCase,
) -> None:
    wb = _workbook(sjaelland)
    bodies = wb["Organer"]
    bodies["E2"] = bodies["A3"].value
    bodies["E3"] = bodies["A2"].value
    bodies["E4"] = "ukendt-organ"
    wb["Medlemmer"]["H2"] = "hovedstaden-nord"
    with pytest.raises(InterchangeError) as exc:
        case_from_xlsx(_save(wb), base=sjaelland)
    assert _problems(exc) == {
        ("Organer", 2, "overordnet organ"),
        ("Organer", 3, "overordnet organ"),
        ("Organer", 4, "overordnet organ"),
        ("Medlemmer", 2, "klynge"),
    }


def test_json_import_names_field_paths(sjaelland: RegionCase) -> None:
    raw = json.loads(case_to_json(sjaelland))
    raw["bodies"][0]["memberships"][1]["role"] = "king"
    with pytest.raises(InterchangeError) as exc:
        case_from_json(json.dumps(raw).encode(), base=sjaelland)
    assert "bodies[0].memberships[1].role" in str(exc.value)
    raw = json.loads(case_to_json(sjaelland))
    raw["meetings"][0]["chaired_by"] = "ingen"
    with pytest.raises(InterchangeError) as exc:
        case_from_json(json.dumps(raw).encode(), base=sjaelland)
    assert str(exc.value).startswith("feltet 'meetings[0].chaired_by': ukendt person 'ingen'")


def test_interchange_is_framework_free() -> None:
    code = (
        "import sys, sundhedsaftale.interchange, sundhedsaftale.interchange.cli; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'django'))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_problem_text() -> None:
    assert str(Problem("Medlemmer", 7, "rolle", "x")) == "Ark 'Medlemmer', række 7, kolonne 'rolle': x"
    assert str(Problem("Dagsorden", None, None, "arket mangler")) == "Ark 'Dagsorden': arket mangler"
    assert str(Problem(None, None, None, "ulæselig")) == "ulæselig"


# --- The command line -------------------------------------------------------------------------------------


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "sundhedsaftale.interchange.cli", *args],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=cwd,
    )


def test_cli_exports_and_imports(tmp_path: Path, sjaelland: RegionCase) -> None:
    base = tmp_path / "region.json"
    base.write_bytes(case_to_json(sjaelland))
    for suffix in ("xlsx", "zip", "json"):
        result = run("export", str(base), str(tmp_path / f"out.{suffix}"))
        assert result.returncode == 0, result.stderr
        assert "10 organer" in result.stdout
    assert (tmp_path / "out.xlsx").read_bytes() == case_to_xlsx(sjaelland)
    assert (tmp_path / "out.json").read_bytes() == base.read_bytes()

    wb = openpyxl.load_workbook(tmp_path / "out.xlsx")
    wb["Medlemmer"]["E3"] = "fagborgmester"
    wb.save(tmp_path / "edited.xlsx")
    result = run("import", str(base), str(tmp_path / "edited.xlsx"), "--out", str(tmp_path / "new.json"))
    assert result.returncode == 0, result.stderr
    assert "medlemmer +0 ~1 -0" in result.stdout
    new = RegionCase.model_validate_json((tmp_path / "new.json").read_text(encoding="utf-8"))
    assert new.bodies[0].memberships[1].role is MemberRole.DEPUTY_MAYOR

    result = run("import", str(base), str(tmp_path / "out.zip"), "--out", str(tmp_path / "same.json"))
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "same.json").read_bytes() == base.read_bytes()


def test_cli_import_with_errors_lists_every_problem_and_exits_2(
    tmp_path: Path, sjaelland: RegionCase
) -> None:
    base = tmp_path / "region.json"
    base.write_bytes(case_to_json(sjaelland))
    wb = _workbook(sjaelland)
    wb["Medlemmer"]["E7"] = "borgmestre"
    wb["Møder"]["C6"] = "i går"
    wb.save(tmp_path / "bad.xlsx")
    result = run("import", str(base), str(tmp_path / "bad.xlsx"), "--out", str(tmp_path / "new.json"))
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert "2 fejl" in lines[0]
    assert lines[1].startswith("Ark 'Medlemmer', række 7, kolonne 'rolle': 'borgmestre'")
    assert lines[2].startswith("Ark 'Møder', række 6, kolonne 'dato': 'i går'")
    assert not (tmp_path / "new.json").exists()


def test_cli_unreadable_input_exits_2_with_one_line(tmp_path: Path, sjaelland: RegionCase) -> None:
    base = tmp_path / "region.json"
    base.write_bytes(case_to_json(sjaelland))
    (tmp_path / "broken.json").write_text('{"region": ', encoding="utf-8")
    (tmp_path / "broken.xlsx").write_bytes(b"not a workbook")
    cases = {
        "missing case file": run("export", str(tmp_path / "nope.json"), str(tmp_path / "out.xlsx")),
        "broken case file": run("export", str(tmp_path / "broken.json"), str(tmp_path / "out.xlsx")),
        "unknown suffix": run("export", str(base), str(tmp_path / "out.txt")),
        "missing workbook": run(
            "import", str(base), str(tmp_path / "nope.xlsx"), "--out", str(tmp_path / "n.json")
        ),
        "broken workbook": run(
            "import", str(base), str(tmp_path / "broken.xlsx"), "--out", str(tmp_path / "n.json")
        ),
    }
    for name, result in cases.items():
        assert result.returncode == 2, (name, result.stderr)
        assert "Traceback" not in result.stderr, name
        assert len(result.stderr.strip().splitlines()) == 1, (name, result.stderr)


# --- The examples -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("region-sjaelland.json", "1085"),
        ("region-nordjylland.json", "1081"),
        ("region-syddanmark.json", "1083"),
    ],
)
def test_examples_are_the_demo_regions(demo: dict[str, RegionCase], name: str, code: str) -> None:
    path = ROOT / "examples" / name
    assert path.read_text(encoding="utf-8").rstrip("\n") == demo[code].model_dump_json(indent=2)


# --- A body's own facts (added after the first file format) ------------------------------------------------


def test_body_facts_round_trip_and_an_older_file_without_them_keeps_them(sjaelland: RegionCase) -> None:
    """Secretariat, rules of procedure and offered seats travel through the workbook; a workbook exported before
    those columns and the sheet "Tilbudte pladser" existed changes nothing about them."""
    assert any(b.seat_offers for b in sjaelland.bodies)
    assert any(b.secretariat for b in sjaelland.bodies)
    assert case_from_xlsx(case_to_xlsx(sjaelland), base=sjaelland) == sjaelland
    wb = _workbook(sjaelland)
    del wb["Tilbudte pladser"]
    sheet = wb["Organer"]
    headers = [c.value for c in sheet[1]]
    for header in (
        "begrundelse for relevans",
        "relevant for patientinddragelsesudvalget",
        "forretningsorden reference",
        "forretningsorden vedtaget",
        "sekretariat",
    ):
        sheet.delete_cols(headers.index(header) + 1)
    assert case_from_xlsx(_save(wb), base=sjaelland) == sjaelland


def test_section_30_4_offer_answers_round_trip_and_a_file_without_the_column_keeps_them(
    sjaelland: RegionCase,
) -> None:
    """The answer to an offer (column "svar") travels through the workbook; a workbook from before the column
    keeps the answers recorded for the same offers."""
    answered = [o for b in sjaelland.bodies for o in b.seat_offers if o.response is not None]
    assert answered
    wb = _workbook(sjaelland)
    sheet = wb["Tilbudte pladser"]
    headers = [c.value for c in sheet[1]]
    assert sheet.cell(row=2, column=headers.index("svar") + 1).value in ("taget imod", None)
    sheet.delete_cols(headers.index("svar") + 1)
    assert case_from_xlsx(_save(wb), base=sjaelland) == sjaelland


def test_a_secretariat_party_outside_the_region_is_refused_naming_the_cell(sjaelland: RegionCase) -> None:
    wb = _workbook(sjaelland)
    sheet = wb["Organer"]
    column = [c.value for c in sheet[1]].index("sekretariat") + 1
    sheet.cell(row=2, column=column, value="1085, 101")
    with pytest.raises(InterchangeError) as exc:
        case_from_xlsx(_save(wb), base=sjaelland)
    (problem,) = exc.value.problems
    assert (problem.sheet, problem.row, problem.column) == ("Organer", 2, "sekretariat")
    assert "ukendt part '101'" in problem.message
