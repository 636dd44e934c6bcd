"""`sundhedsaftale law --check`: the law's own defects, exit 1 when there are any and 0 when there are none."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from sundhedsaftale.data import DATA_DIR

# The corrections that make the shipped texts free of defects (the likely intended units of the reviewed table).
CORRECTIONS = {
    "bek-1248-2022.yaml": [
        ("sundhedsaftalen jf. § 34 inden", "sundhedsaftalen jf. § 29, stk. 1 inden"),
        ("jf. 19, stk. 1 og", "jf. § 19, stk. 1 og"),
        ("niveau, jf. § 10, stk. 4.", "niveau, jf. § 10, stk. 1, nr. 4."),
        ("emneområder, jf. § 16, stk. 5.", "emneområder, jf. § 15, stk. 2."),
    ],
    "vej-9008-2024.yaml": [
        ("i kapitel 4 beskrives", "i afsnit 3.3 beskrives"),
        ("aftale om, jf. kapitel 4.", "aftale om, jf. afsnit 3.2."),
        ("samarbejdsaftaler (kapitel 3)", "samarbejdsaftaler (afsnit 4.1)"),
        ("Sundhedsstyrelsen, jf. kapitel 5", "Sundhedsstyrelsen, jf. kapitel 6"),
    ],
}


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "sundhedsaftale.cli.main", *args], capture_output=True, text=True, timeout=60
    )


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(DATA_DIR, target, ignore=shutil.ignore_patterns("__pycache__", "*.py"))
    return target


def correct(data_dir: Path, *, table: bool = True) -> None:
    for name, pairs in CORRECTIONS.items():
        path = data_dir / "law" / name
        text = path.read_text(encoding="utf-8")
        for old, new in pairs:
            assert old in text, old
            text = text.replace(old, new)
        path.write_text(text, encoding="utf-8")
    if table:
        (data_dir / "law" / "reviewed-references.yaml").write_text("reviewed: []\n", encoding="utf-8")


def test_check_lists_the_defects_with_figures_and_exits_1() -> None:
    result = run("law", "--check")
    assert result.returncode == 1, result.stderr
    out = result.stdout
    assert (
        "bek. nr. 1248 af 5. september 2022: 36 henvisninger; 26 til retskilder, platformen kender, heraf findes 25; "
        "10 til andre retsakter (ikke kontrolleret); 4 fejl"
    ) in out
    assert "vejledning nr. 9008 af 11. januar 2024: 49 henvisninger;" in out
    assert (
        "[Peger på en forkert bestemmelse] § 30, stk. 4 (bek. nr. 1248 af 5. september 2022): »jf. § 10, stk. 4«"
        in out
    )
    assert "[Findes ikke] § 19, stk. 3" in out
    assert "[Skrevet forkert] § 29, stk. 2" in out
    assert "Sandsynligvis ment: § 15, stk. 2 (bek-1248-2022/sec_15__subsec_2)" in out


def test_check_as_json() -> None:
    result = run("law", "--check", "--format", "json")
    assert result.returncode == 1
    data = json.loads(result.stdout)
    figures = {s["id"]: s["figures"] for s in data["sources"]}
    assert figures["bek-1248-2022"]["defects"] == 4
    assert figures["vej-9008-2024"]["defects"] == 5
    sec_28 = next(d for d in data["defects"] if d["unit"] == "bek-1248-2022/sec_28__subsec_1__point_1")
    assert sec_28["status"] == "wrong_unit"
    assert sec_28["targets"] == ["bek-1248-2022/sec_16__subsec_5"]
    assert sec_28["intended"] == "bek-1248-2022/sec_15__subsec_2"
    assert sec_28["reviewed"] is True


def test_check_of_one_provision_without_defects_exits_0() -> None:
    result = run("law", "§ 4", "--check")
    assert result.returncode == 0, result.stdout
    assert "Ingen fejl i henvisningerne i § 4" in result.stdout


def test_a_provision_shows_its_defect_below_the_text() -> None:
    result = run("law", "§ 28, stk. 1")
    assert result.returncode == 0
    assert "! Fejl i henvisningen »jf. § 16, stk. 5« (§ 28, stk. 1, nr. 1)" in result.stdout


def test_corrected_texts_have_no_defects_and_exit_0(data_dir: Path) -> None:
    correct(data_dir)
    result = run("law", "--check", "--data-dir", str(data_dir))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Ingen fejl i henvisningerne." in result.stdout


def test_a_new_broken_reference_is_found_without_the_table(data_dir: Path) -> None:
    correct(data_dir)
    path = data_dir / "law" / "bek-1248-2022.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("jf. § 23.", "jf. § 33."), encoding="utf-8")
    result = run("law", "--check", "--data-dir", str(data_dir), "--format", "json")
    assert result.returncode == 1
    (found,) = json.loads(result.stdout)["defects"]
    assert (found["unit_label"], found["written"], found["status"]) == (
        "§ 20",
        "jf. § 33",
        "does_not_resolve",
    )


def test_a_stale_table_row_stops_with_file_and_line(data_dir: Path) -> None:
    correct(data_dir, table=False)
    result = run("law", "--check", "--data-dir", str(data_dir))
    assert result.returncode == 2
    assert "reviewed-references.yaml, linje" in result.stderr
    assert "indeholder ingen henvisning »jf. § 10, stk. 4«" in result.stderr


def test_law_without_citation_or_check_exits_2() -> None:
    result = run("law")
    assert result.returncode == 2
    assert "angiv en henvisning" in result.stderr
