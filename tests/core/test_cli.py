"""The command line: rules by date, provisions by citation, case files checked with honest exit codes."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

from sundhedsaftale.core.case import BodyKind, Relevance

from .builders import body, committee_members, political_members, region_case
from .scenario_base import compliant_region


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "sundhedsaftale.cli.main", *args], capture_output=True, text=True, timeout=60
    )


def test_rules_in_force_on_a_date_as_json() -> None:
    before = json.loads(run("rules", "--at", "2023-01-01", "--format", "json").stdout)
    after = json.loads(run("rules", "--at", "2024-02-01", "--format", "json").stdout)
    # The rules that come into force between the dates are those citing the guidance of 12 January 2024.
    added = [r for r in after["rules"] if r["id"] not in {b["id"] for b in before["rules"]}]
    assert len(after["rules"]) == len(before["rules"]) + len(added) >= len(before["rules"]) + 3
    assert all(any("9008" in c["source_short"] for c in r["citations"]) for r in added)
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


def test_check_exit_codes(tmp_path: Path, platform) -> None:
    at = dt.date(2024, 6, 1)
    good = compliant_region(platform, "1085", ["316", "326"], at)
    bad = region_case(bodies=[body(BodyKind.COMMITTEE, committee_members()[:2])])
    (tmp_path / "good.json").write_text(good.model_dump_json(), encoding="utf-8")
    (tmp_path / "bad.json").write_text(bad.model_dump_json(), encoding="utf-8")
    ok = run("check", str(tmp_path / "good.json"), "--at", at.isoformat())
    broken = run("check", str(tmp_path / "bad.json"), "--at", at.isoformat(), "--format", "json")
    assert ok.returncode == 0, ok.stdout
    assert broken.returncode == 1
    assert json.loads(broken.stdout)["summary"]["requirements_broken"] >= 1


def test_check_finds_a_missing_committee_and_patient_involvement_committee(tmp_path: Path, platform) -> None:
    """Deleting a body no longer passes in silence: § 15, stk. 1 and § 25, stk. 1 say it must exist."""
    at = dt.date(2024, 6, 1)
    complete = compliant_region(platform, "1085", ["316", "326"], at)
    kept = tuple(b for b in complete.bodies if b.kind not in (BodyKind.COMMITTEE, BodyKind.PATIENT_COMMITTEE))
    without = complete.model_copy(
        update={
            "bodies": kept,
            "meetings": tuple(m for m in complete.meetings if m.body_id in {b.id for b in kept}),
        }
    )
    path = tmp_path / "without.json"
    path.write_text(without.model_dump_json(), encoding="utf-8")
    result = run("check", str(path), "--at", at.isoformat(), "--format", "json")
    assert result.returncode == 1
    broken = {f["rule_id"] for f in json.loads(result.stdout)["findings"] if f["status"] == "not_met"}
    assert {"udvalg.findes", "pi-udvalg.findes"} <= broken


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


def test_check_restricted_to_bodies_and_clusters(tmp_path: Path) -> None:
    """--body and --cluster narrow both the findings shown and the exit code; an unknown id exits 2."""
    political = body(BodyKind.POLITICAL_LEVEL, political_members(), body_id="political")
    group = body(BodyKind.WORKING_GROUP, [], body_id="group").model_copy(
        update={"parent_body_id": "political", "patient_committee_relevance": Relevance.RELEVANT}
    )
    committee = body(BodyKind.COMMITTEE, committee_members()[:2], body_id="committee")
    path = tmp_path / "case.json"
    path.write_text(region_case(bodies=[political, group, committee]).model_dump_json(), encoding="utf-8")
    at = ("--at", "2022-10-01")

    assert run("check", str(path), *at).returncode == 1

    level = run("check", str(path), *at, "--body", "political", "--format", "json")
    data = json.loads(level.stdout)
    assert level.returncode == 0, level.stdout
    assert data["subjects"] == ["political"]
    assert {f["subject_id"] for f in data["findings"]} == {"political"}
    assert data["summary"]["requirements_broken"] == 0

    committee_only = run("check", str(path), *at, "--body", "committee")
    assert committee_only.returncode == 1
    assert "Test committee" in committee_only.stdout
    assert "Test political_level" not in committee_only.stdout

    both = run("check", str(path), *at, "--body", "political", "--body", "committee", "--format", "json")
    assert both.returncode == 1
    assert {f["subject_id"] for f in json.loads(both.stdout)["findings"]} == {"political", "committee"}

    # A cluster is the cluster itself, its levels and the groups set up under them: here the working group,
    # judged relevant, was set up without inviting the patient involvement committee (§ 30, stk. 3), and the
    # cluster has no professional-strategic level (§ 9, stk. 1).
    cluster = run("check", str(path), *at, "--cluster", "c1", "--format", "json")
    data = json.loads(cluster.stdout)
    assert cluster.returncode == 1, cluster.stdout
    assert data["subjects"] == ["c1", "group", "political"]
    assert {f["subject_id"] for f in data["findings"]} == {"c1", "political"}
    broken = [f["rule_id"] for f in data["findings"] if f["status"] == "not_met" and f["kind"] == "krav"]
    assert sorted(broken) == ["klynge.arbejdsgrupper.patienter", "klynge.faglig.findes"]

    for option, unknown in (("--body", "nope"), ("--cluster", "nowhere")):
        result = run("check", str(path), *at, option, unknown)
        assert result.returncode == 2
        assert "Traceback" not in result.stderr
        assert len(result.stderr.strip().splitlines()) == 1
        assert f"'{unknown}' findes ikke" in result.stderr
