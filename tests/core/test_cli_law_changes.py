"""``rules``, ``check`` and ``deadlines`` on both sides of 1 January 2027: L 214's end of the clusters, the
committees and the agreements shown as expected (not verified) or applied (``--verified l214-2025``)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from .test_cli_deadlines import casefile


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "sundhedsaftale.cli.main", *args], capture_output=True, text=True, timeout=60
    )


def test_rules_on_31_december_2026_name_no_change() -> None:
    result = run("rules", "--at", "2026-12-31")
    assert result.returncode == 0, result.stderr
    assert "bortfald" not in result.stdout


def test_rules_on_1_january_2027_unverified_are_in_force_with_the_expected_end() -> None:
    before = json.loads(run("rules", "--at", "2026-12-31", "--format", "json").stdout)
    after = json.loads(run("rules", "--at", "2027-01-01", "--format", "json").stdout)
    assert len(after["rules"]) == len(before["rules"])
    assert after["ended"] == []
    deadline = next(r for r in after["rules"] if r["id"] == "aftale.indsendelsesfrist")
    assert deadline["legal_change"]["state"] == "expected"
    assert deadline["legal_change"]["act"] == "L 214 (2024–25), LOV nr. 719 af 20. juni 2025 [S]"
    assert deadline["legal_change"]["source"].startswith("https://www.ft.dk/")
    piu = next(r for r in after["rules"] if r["id"] == "pi-udvalg.moeder")
    assert piu["legal_change"] is None
    text = run("rules", "--at", "2027-06-01").stdout
    assert "! forventet bortfald pr. 1. januar 2027 (kilde: L 214 (2024–25)" in text


def test_rules_verified_list_the_ended_rules_with_the_act() -> None:
    result = run("rules", "--at", "2027-06-01", "--verified", "l214-2025")
    assert result.returncode == 0, result.stderr
    assert "regler bortfaldet:" in result.stdout
    line = next(x for x in result.stdout.splitlines() if x.strip().startswith("aftale.indsendelsesfrist"))
    assert "bortfaldet pr. 1. januar 2027 (L 214 (2024–25), LOV nr. 719 af 20. juni 2025 [S])" in line


def test_unknown_verified_change_is_refused_with_exit_2() -> None:
    result = run("rules", "--verified", "l999-2030")
    assert result.returncode == 2
    assert "lovændringen 'l999-2030' er ikke registreret (registrerede: l214-2025" in result.stderr


def test_check_at_both_sides(tmp_path: Path) -> None:
    path = str(casefile(tmp_path))
    before = json.loads(run("check", path, "--at", "2026-12-31", "--format", "json").stdout)
    assert not any(f["legal_change"] for f in before["findings"])
    expected = json.loads(run("check", path, "--at", "2027-01-01", "--format", "json").stdout)
    committee = [f for f in expected["findings"] if f["subject_kind"] == "committee"]
    assert committee
    assert all(f["legal_change_state"] == "expected" for f in committee)
    verified = json.loads(
        run("check", path, "--at", "2027-01-01", "--format", "json", "--verified", "l214-2025").stdout
    )
    assert not any(f["subject_kind"] == "committee" for f in verified["findings"])
    assert any(r["rule_id"] == "udvalg.moeder" and r["state"] == "ended" for r in verified["ended_rules"])
    assert any(f["subject_kind"] == "patient_committee" for f in verified["findings"])
    text = run("check", path, "--at", "2027-01-01", "--verified", "l214-2025").stdout
    assert "regler er ikke vurderet, fordi de er bortfaldet:" in text


def test_deadlines_show_the_final_status_and_the_2027_submission(tmp_path: Path) -> None:
    path = str(casefile(tmp_path))
    text = run("deadlines", path, "--at", "2026-12-31").stdout
    final = text.split("Slutstatus sendt til Sundhedsstyrelsen", 1)[1].splitlines()[2]
    assert final.strip().startswith("!: forventet bortfald pr. 1. januar 2027 (kilde: L 214 (2024–25)")
    data = json.loads(
        run("deadlines", path, "--at", "2026-12-31", "--format", "json", "--verified", "l214-2025").stdout
    )
    items = {o["id"]: o for o in data["obligations"]}
    assert items["a1:slutstatus"]["status"] == "ended"
    assert items["a1:slutstatus"]["legal_change"].startswith("bortfaldet pr. 1. januar 2027 (L 214")
    assert items["1085:sundhedsaftale-2026:indsendelse"]["status"] == "ended"
    assert data["summary"]["ended"] >= 2
    assert data["verified_changes"] == ["l214-2025"]


def test_regime_on_both_sides_of_1_january_2027() -> None:
    before = run("regime", "--at", "2026-12-31")
    assert before.returncode == 0, before.stderr
    assert "Bortfaldet:" not in before.stdout
    assert "Registrerede ophør efter datoen:" in before.stdout
    assert (
        "Fortsætter: sundhedsklynger, sundhedssamarbejdsudvalg, sundhedsaftaler, patientinddragelsesudvalg"
        in (before.stdout)
    )
    after = run("regime", "--at", "2027-01-01").stdout
    assert "Forventet bortfald, ikke verificeret:" in after
    assert "  sundhedsaftaler i deres nuværende form: forventet bortfald pr. 1. januar 2027" in after
    assert "Fortsætter: patientinddragelsesudvalg" in after
    data = json.loads(
        run("regime", "--at", "2027-01-01", "--verified", "l214-2025", "--format", "json").stdout
    )
    assert len(data["ended"]) == 3
    assert data["expected"] == []
