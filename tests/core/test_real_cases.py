"""Real cases: the platform gives the decision Sundhedsstyrelsen actually gave.

Region Sjælland's Sundhedsaftale 2024–2027 was received on 21 December 2023 and approved without a version number;
the letter advised exactly four things (shared/sources, sst-godkendelsesbrev-…-region-sjaelland.txt). The case
file examples/sjaelland-2024-2027-godkendelse.json records what the letter states and leaves the rest unrecorded.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import docx
import pytest
from typer.testing import CliRunner

from sundhedsaftale.cli.main import app
from sundhedsaftale.core.assessment import Topic, assess, assess_as_reviewed
from sundhedsaftale.core.case import RegionCase, load_case_file
from sundhedsaftale.core.rules import RuleKind, Status

ROOT = Path(__file__).resolve().parents[2]
CASE_FILE = ROOT / "examples" / "sjaelland-2024-2027-godkendelse.json"
AGREEMENT = "1085-sundhedsaftale-2024-2027"
REVIEWED = dt.date(2024, 2, 8)  # a day within the eight weeks after receipt
FOUR_PIECES_OF_ADVICE = {
    "aftale.formelle-oplysninger": "afsnit 5.1",  # "Versionsnummer bør tilføjes"
    "vurdering.delmaal-succeskriterier": "afsnit 3.2",  # sub-goals and success criteria
    "vurdering.klyngemaal": "afsnit 2.1",  # goals in each cluster
    "vurdering.samarbejdsaftaler-tilpasset": "afsnit 4.1",  # collaboration agreements in line with the new one
}
runner = CliRunner()


@pytest.fixture(scope="module")
def case() -> RegionCase:
    return load_case_file(CASE_FILE)


def test_sjaelland_2024_2027_is_approvable_with_exactly_the_letters_four_pieces_of_advice(
    platform, case
) -> None:
    result = assess_as_reviewed(platform, case, AGREEMENT, REVIEWED)
    assert result.approvable
    assert result.blocking == ()
    assert result.awaiting_judgement == ()
    advice = {i.finding.rule_id: i for i in result.advice}
    assert set(advice) == set(FOUR_PIECES_OF_ADVICE)
    for rule_id, section in FOUR_PIECES_OF_ADVICE.items():
        assert section in advice[rule_id].citations, rule_id
    assert advice["aftale.formelle-oplysninger"].letter_text == "Sundhedsaftalen bør angive versionsnummer."
    assert advice["aftale.formelle-oplysninger"].topic is Topic.FORMAL
    # The missing version number is a requirement of afsnit 5.1 that is not met – and still not an objection.
    formal = advice["aftale.formelle-oplysninger"].finding
    assert (formal.kind, formal.status, formal.approval_criterion) == (
        RuleKind.REQUIREMENT,
        Status.NOT_MET,
        False,
    )


def test_sjaelland_2024_2027_says_nothing_about_what_the_letter_does_not_describe(platform, case) -> None:
    result = assess_as_reviewed(platform, case, AGREEMENT, REVIEWED)
    silent = {
        i.finding.rule_id for i in result.items if i.finding.status is Status.NOT_RECORDED and not i.stands
    }
    assert silent == {
        "vurdering.bilag",
        "vurdering.samarbejdsaftaler-ramme",
        "vurdering.dataunderstoettelse",
        "vurdering.almen-praksis",
    }


def test_sjaelland_2024_2027_without_the_verdicts_waits_for_the_reviewer_and_advises_only_on_facts(
    platform, case
) -> None:
    """The criteria of afsnit 5.2 were judged by reading the agreement: without the verdicts, the decision waits."""
    raw = assess(platform, case, AGREEMENT, REVIEWED)
    assert not raw.approvable
    assert raw.blocking == ()
    assert {i.finding.rule_id for i in raw.undecided_criteria} == {
        "vurdering.nationale-maal",
        "vurdering.grundlag-maalgrupper",
    }
    assert {i.finding.rule_id for i in raw.advice} == {
        "aftale.formelle-oplysninger",
        "vurdering.klyngemaal",
        "vurdering.samarbejdsaftaler-tilpasset",
    }


def test_sjaelland_2024_2027_approval_letter_is_written_with_the_four_pieces_of_advice(tmp_path) -> None:
    out = tmp_path / "godkendelse.docx"
    result = runner.invoke(
        app, ["letter", str(CASE_FILE), "--kind", "approval", "--out", str(out), "--at", REVIEWED.isoformat()]
    )
    assert result.exit_code == 0, result.output
    paragraphs = list(docx.Document(str(out)).paragraphs)
    text = "\n".join(p.text for p in paragraphs)
    assert "besluttet at godkende sundhedsaftalen" in text
    assert "modtog den 21. december 2023" in text
    advice = [p.text for p in paragraphs if p.style.name == "List Bullet"]
    assert len(advice) == 4
    assert advice[0].startswith("Sundhedsaftalen bør angive versionsnummer")
    assert "vejledningens afsnit 5.1" in advice[0]
    assert any("delmål og succeskriterier" in a for a in advice)
    assert any("hver sundhedsklynge" in a for a in advice)
    assert any("samarbejdsaftalerne" in a and "den nye sundhedsaftale" in a for a in advice)
    assert "bilag" not in " ".join(advice).lower()


def test_sjaelland_2024_2027_assess_on_the_command_line_exits_0(tmp_path) -> None:
    result = runner.invoke(app, ["assess", str(CASE_FILE), "--at", REVIEWED.isoformat(), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["approvable"] is True
    assert data["summary"]["advice"] == 4


def test_sjaelland_2024_2027_check_finds_only_the_missing_version_number(platform, case) -> None:
    """A case about one decision: nothing is concluded about the bodies, meetings and process it leaves out."""
    findings = platform.rulebook.evaluate(case, REVIEWED)
    broken = [f.rule_id for f in findings if f.breaks_requirement]
    assert broken == ["aftale.formelle-oplysninger"]
