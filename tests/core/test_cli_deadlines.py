"""``sundhedsaftale deadlines``: the obligations calendar from the command line."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from icalendar import Calendar

from .test_obligations import agreement, case_of


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "sundhedsaftale.cli.main", *args], capture_output=True, text=True, timeout=60
    )


def casefile(tmp_path: Path) -> Path:
    path = tmp_path / "case.json"
    path.write_text(case_of(agreement()).model_dump_json(), encoding="utf-8")
    return path


def test_text_listing_in_danish_with_warnings(tmp_path: Path) -> None:
    result = run("deadlines", str(casefile(tmp_path)), "--at", "2027-06-05")
    assert result.returncode == 0, result.stderr
    assert "Region Sjælland, 5. juni 2027:" in result.stdout
    line = next(x for x in result.stdout.splitlines() if "Slutstatus" in x)
    assert line.startswith("30. juni 2027")
    assert "Forfalder" in line
    assert " ! " in line
    assert "kapitel 6 · Sundhedssamarbejdsudvalget" in result.stdout
    assert "! = fristen er inden for varslingsperioden" in result.stdout


def test_json_for_one_agreement_and_ical_file(tmp_path: Path) -> None:
    ics = tmp_path / "frister.ics"
    result = run(
        "deadlines",
        str(casefile(tmp_path)),
        "--at",
        "2026-03-01",
        "--format",
        "json",
        "--agreement",
        "a1",
        "--ical",
        str(ics),
        "--warning-days",
        "14",
    )
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["agreement"] == "a1"
    assert data["warning_days"] == 14
    final = next(o for o in data["obligations"] if o["id"] == "a1:slutstatus")
    assert final["due"] == "2027-06-30"
    assert final["warn_from"] == "2027-06-16"
    assert all(o["id"].startswith("a1:") for o in data["obligations"])
    calendar = Calendar.from_ical(ics.read_bytes())
    assert "a1:slutstatus@sundhedsaftale" in {str(e["uid"]) for e in calendar.walk("VEVENT")}


def test_bad_input_exits_2_with_one_line(tmp_path: Path) -> None:
    path = casefile(tmp_path)
    cases = {
        "agreement": (run("deadlines", str(path), "--agreement", "nope"), "--agreement"),
        "date": (run("deadlines", str(path), "--at", "2024-02-30"), "--at"),
        "missing": (run("deadlines", str(tmp_path / "nope.json")), "kan ikke læses"),
        "ical": (run("deadlines", str(path), "--ical", str(tmp_path / "no" / "dir.ics")), "--ical"),
        "days": (run("deadlines", str(path), "--warning-days", "-1"), "warning-days"),
    }
    for name, (result, words) in cases.items():
        assert result.returncode == 2, (name, result.stdout, result.stderr)
        assert "Traceback" not in result.stderr, name
        if name != "days":  # Typer's own usage error for a value out of range
            assert len(result.stderr.strip().splitlines()) == 1, (name, result.stderr)
        assert words in result.stderr, (name, result.stderr)
