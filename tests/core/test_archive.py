"""``sundhedsaftale archive verify``: a region's archive checked by itself, with no database and no Django.

The bags here are made by hand with bagit around a case file from the demo; the platform's own writer is tested
in tests/web/test_region_archive.py. A wrong file – changed, missing, added, or a case file that no longer
follows the schema even though its checksum was written anew – fails with exit 1 and the file's path.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import bagit
import pytest
from typer.testing import CliRunner

from sundhedsaftale.archive import ArchiveError, Inventory, archive_verify
from sundhedsaftale.cli.main import app
from sundhedsaftale.core import load_platform
from sundhedsaftale.demo import DEMO_TODAY, build_national_demo

runner = CliRunner()
ROOT = Path(__file__).resolve().parents[2]


def _bag(where: Path, *, case_json: bytes | None = None) -> Path:
    case = next(
        c for c in build_national_demo(load_platform().reference, today=DEMO_TODAY) if c.region.code == "1085"
    )
    bag = where / "regionsarkiv-1085"
    (bag / "sagsfil").mkdir(parents=True)
    (bag / "moeder" / "m1").mkdir(parents=True)
    (bag / "sagsfil" / "sagsfil-1085.json").write_bytes(case_json or case.model_dump_json(indent=2).encode())
    (bag / "moeder" / "m1" / "1-referat.docx").write_bytes(b"PK\x03\x04 referat")
    inventory = Inventory(
        region_code="1085",
        region_name=case.region.name,
        period_start=dt.date(2022, 1, 1),
        period_end=dt.date(2026, 12, 31),
        created_at=dt.datetime(2026, 12, 3, 12, 0, tzinfo=dt.UTC),
        platform_version="test",
        case_file="sagsfil/sagsfil-1085.json",
        files=(),
    )
    (bag / "fortegnelse.json").write_text(inventory.model_dump_json(), encoding="utf-8")
    bagit.make_bag(str(bag), {"Region-Code": "1085"}, checksums=["sha256"])
    return bag


@pytest.fixture(scope="module")
def bag(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _bag(tmp_path_factory.mktemp("bag"))


@pytest.fixture
def copy(bag: Path, tmp_path: Path) -> Path:
    return Path(shutil.copytree(bag, tmp_path / bag.name))


def _verify(path: Path) -> tuple[int, str]:
    result = runner.invoke(app, ["archive", "verify", str(path)])
    return result.exit_code, result.output


def test_an_intact_archive_verifies_as_a_directory_and_as_a_zip(bag: Path, tmp_path: Path) -> None:
    code, output = _verify(bag)
    assert code == 0, output
    assert "arkivet er intakt" in output
    assert "Region Sjælland (1085)" in output
    packed = tmp_path / "arkiv.zip"
    with zipfile.ZipFile(packed, "w") as archive:
        for file in bag.rglob("*"):
            archive.write(file, f"{bag.name}/{file.relative_to(bag).as_posix()}")
    assert _verify(packed)[0] == 0
    assert archive_verify(packed).case.region.code == "1085"


def test_a_changed_file_of_the_same_size_fails_naming_it(copy: Path) -> None:
    target = copy / "data" / "moeder" / "m1" / "1-referat.docx"
    target.write_bytes(target.read_bytes().replace(b"referat", b"REFERAT"))
    code, output = _verify(copy)
    assert code == 1
    assert "data/moeder/m1/1-referat.docx: indholdet er ændret" in output


def test_a_changed_case_file_of_another_size_fails_naming_it(copy: Path) -> None:
    target = copy / "data" / "sagsfil" / "sagsfil-1085.json"
    target.write_text(
        target.read_text(encoding="utf-8").replace("Region Sjælland", "Region X"), encoding="utf-8"
    )
    with pytest.raises(ArchiveError) as caught:
        archive_verify(copy)
    assert caught.value.files == ("data/sagsfil/sagsfil-1085.json",)


def test_a_missing_and_an_added_file_are_named(copy: Path) -> None:
    (copy / "data" / "moeder" / "m1" / "1-referat.docx").unlink()
    (copy / "data" / "moeder" / "m1" / "2-bilag.pdf").write_bytes(b"%PDF-1.4")
    code, output = _verify(copy)
    assert code == 1
    assert "data/moeder/m1/1-referat.docx: står i manifestet, men findes ikke" in output
    assert "data/moeder/m1/2-bilag.pdf: findes, men står ikke i manifestet" in output


def test_a_changed_bag_info_fails_on_the_tag_manifest(copy: Path) -> None:
    info = copy / "bag-info.txt"
    info.write_text(info.read_text(encoding="utf-8").replace("1085", "1084"), encoding="utf-8")
    code, output = _verify(copy)
    assert code == 1
    assert "bag-info.txt" in output


def test_a_case_file_that_breaks_the_schema_fails_even_with_a_new_checksum(tmp_path: Path) -> None:
    raw = json.loads(
        next(
            c
            for c in build_national_demo(load_platform().reference, today=DEMO_TODAY)
            if c.region.code == "1085"
        ).model_dump_json()
    )
    raw["meetings"][0]["date"] = "not a date"
    bag = _bag(tmp_path, case_json=json.dumps(raw).encode())
    code, output = _verify(bag)
    assert code == 1
    assert "data/sagsfil/sagsfil-1085.json" in output
    assert "meetings[0].date" in output or "meetings.0.date" in output


def test_what_is_not_an_archive_is_unreadable_input(tmp_path: Path) -> None:
    assert _verify(tmp_path / "findes-ikke.zip")[0] == 2
    (tmp_path / "tom").mkdir()
    code, output = _verify(tmp_path / "tom")
    assert code == 2
    assert "BagIt" in output


def test_verify_runs_without_django_or_a_database(bag: Path) -> None:
    script = (
        "import sys\n"
        "from sundhedsaftale.cli.main import run\n"
        "sys.argv = ['sundhedsaftale', 'archive', 'verify', sys.argv[1]]\n"
        "try:\n    run()\n"
        "finally:\n    assert not any(m == 'django' or m.startswith('django.') for m in sys.modules), 'django'\n"
    )
    env = {"PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT / "src")}
    done = subprocess.run(
        [sys.executable, "-c", script, str(bag)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "arkivet er intakt" in done.stdout


def test_an_inventory_that_names_a_file_outside_the_manifest_fails_naming_the_inventory(
    tmp_path: Path,
) -> None:
    bag = _bag(tmp_path)
    inventory = json.loads((bag / "data" / "fortegnelse.json").read_text(encoding="utf-8"))
    inventory["case_file"] = "../../../etc/passwd"
    (bag / "data" / "fortegnelse.json").write_text(json.dumps(inventory), encoding="utf-8")
    shutil.rmtree(tmp_path / "again", ignore_errors=True)
    rebuilt = tmp_path / "again"
    shutil.copytree(bag / "data", rebuilt)  # a bag made anew around the changed inventory
    bagit.make_bag(str(rebuilt), {"Region-Code": "1085"}, checksums=["sha256"])
    code, output = _verify(rebuilt)
    assert code == 1
    assert "data/fortegnelse.json: nævner 'data/../../../etc/passwd'" in output
