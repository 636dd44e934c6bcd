"""The command line: rules by date, provisions by citation, case files checked with honest exit codes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from sundhedsaftale.core.case import BodyKind

from .builders import body, committee_members, political_members, region_case


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "sundhedsaftale.cli.main", *args], capture_output=True, text=True, timeout=60
    )


def test_rules_in_force_on_a_date_as_json() -> None:
    before = json.loads(run("rules", "--at", "2023-01-01", "--format", "json").stdout)
    after = json.loads(run("rules", "--at", "2024-02-01", "--format", "json").stdout)
    assert len(after["rules"]) == len(before["rules"]) + 3
    rule = next(r for r in after["rules"] if r["id"] == "aftale.indsendelsesfrist")
    assert [c["label"] for c in rule["citations"]] == ["§ 21, stk. 1", "§ 21, stk. 5"]


def test_rules_as_text_lists_citations() -> None:
    result = run("rules", "--at", "2024-02-01")
    assert result.returncode == 0
    assert "regler i kraft 1. februar 2024" in result.stdout
    assert "§ 25, stk. 2 (bek. nr. 1248 af 5. september 2022)" in result.stdout


def test_law_shows_a_provision() -> None:
    result = run("law", "afsnit 5.2")
    assert result.returncode == 0
    assert "Sundhedsstyrelsens godkendelse af sundhedsaftalen forudsætter" in result.stdout


def test_check_exit_codes(tmp_path: Path) -> None:
    good = region_case(bodies=[body(BodyKind.POLITICAL_LEVEL, political_members())])
    bad = region_case(bodies=[body(BodyKind.COMMITTEE, committee_members()[:2])])
    (tmp_path / "good.json").write_text(good.model_dump_json(), encoding="utf-8")
    (tmp_path / "bad.json").write_text(bad.model_dump_json(), encoding="utf-8")
    ok = run("check", str(tmp_path / "good.json"), "--at", "2022-10-01")
    broken = run("check", str(tmp_path / "bad.json"), "--at", "2024-06-01", "--format", "json")
    assert ok.returncode == 0, ok.stdout
    assert broken.returncode == 1
    assert json.loads(broken.stdout)["summary"]["requirements_broken"] >= 1


def test_unreadable_input_exits_2_with_one_line_and_no_traceback(tmp_path: Path) -> None:
    (tmp_path / "broken.json").write_text('{"region": ', encoding="utf-8")
    (tmp_path / "wrong.json").write_text(
        '{"region": {"code": "9999", "name": "X"}, "municipalities": [], "clusters": []}', encoding="utf-8"
    )
    cases = {
        "missing": (run("check", str(tmp_path / "nope.json")), "kan ikke læses"),
        "syntax": (run("check", str(tmp_path / "broken.json")), "linje 1: ugyldig JSON"),
        "schema": (run("check", str(tmp_path / "wrong.json")), "feltet 'region.code'"),
        "date": (run("rules", "--at", "2024-02-30"), "--at"),
        "citation": (run("law", "§ 99"), "findes ikke"),
    }
    for name, (result, words) in cases.items():
        assert result.returncode == 2, name
        assert "Traceback" not in result.stderr, name
        assert len(result.stderr.strip().splitlines()) == 1, (name, result.stderr)
        assert words in result.stderr, (name, result.stderr)


def test_validate_data_reports_what_was_loaded() -> None:
    result = run("validate-data")
    assert result.returncode == 0
    assert "98 kommuner, 22 sundhedsklynger" in result.stdout
