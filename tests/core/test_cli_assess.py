"""``sundhedsaftale assess``: exit 0 approvable, 1 blocked, 2 bad input (one line, no traceback)."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sundhedsaftale.cli._common import default_agreement
from sundhedsaftale.cli.main import app
from sundhedsaftale.core.case import AgreementContent, RegionCase

from .agreement_builders import agreement, agreement_case
from .builders import region_case

runner = CliRunner()


def write(tmp_path: Path, case: RegionCase, name: str = "case.json") -> str:
    path = tmp_path / name
    path.write_text(case.model_dump_json(), encoding="utf-8")
    return str(path)


def two_agreements() -> RegionCase:
    """A complete agreement submitted in June 2023 and an empty one submitted later (the default)."""
    return agreement_case(
        agreement(),
        agreement(
            AgreementContent(), agreement_id="a2", title="Revideret aftale", submitted=dt.date(2023, 12, 1)
        ),
    )


def test_an_approvable_agreement_exits_0_with_a_danish_report(tmp_path: Path) -> None:
    result = runner.invoke(
        app, ["assess", write(tmp_path, two_agreements()), "--agreement", "a1", "--at", "2024-02-01"]
    )
    assert result.exit_code == 0, result.output
    assert result.output.startswith(
        "Sundhedsstyrelsens vurdering af »Sundhedsaftale 2024–2027« (a1, version 1.0)"
    )
    assert "Aftalen kan godkendes" in result.output
    assert "Opfyldt (10):" in result.output


def test_the_default_is_the_most_recently_submitted_agreement_and_it_blocks(tmp_path: Path) -> None:
    result = runner.invoke(app, ["assess", write(tmp_path, two_agreements()), "--at", "2024-02-01"])
    assert result.exit_code == 1, result.output
    assert "»Revideret aftale« (a2" in result.output
    assert result.output.index("Hindrer godkendelse") < result.output.index("Rådgivning")


def test_default_agreement_without_submissions_is_the_newest() -> None:
    older = agreement(
        agreement_id="old", submitted=None, election_period_start=2018, legal_basis="bek-679-2018"
    )
    newer = agreement(agreement_id="new", submitted=None)
    chosen = default_agreement(region_case(agreements=[newer, older]))
    assert chosen is not None
    assert chosen.id == "new"
    assert default_agreement(region_case()) is None


def test_json_output(tmp_path: Path) -> None:
    result = runner.invoke(
        app, ["assess", write(tmp_path, two_agreements()), "--at", "2024-02-01", "--format", "json"]
    )
    assert result.exit_code == 1
    data = json.loads(result.output)
    assert data["agreement_id"] == "a2"
    assert data["approvable"] is False
    assert set(data["summary"]) == {
        "blocking",
        "undecided_criteria",
        "awaiting_judgement",
        "advice",
        "met",
        "overruled",
        "total",
    }
    item = next(i for i in data["items"] if i["rule_id"] == "vurdering.nationale-maal")
    assert set(item) == {
        "rule_id",
        "topic",
        "topic_label",
        "approval_criterion",
        "blocks_approval",
        "awaiting_judgement",
        "is_advice",
        "text",
        "letter_text",
        "citations",
        "review",
        "finding",
    }
    assert item["blocks_approval"] is True
    assert "afsnit 5.2" in item["citations"]
    assert item["finding"]["provisions"][0]["source_short"] == "vejledning nr. 9008 af 11. januar 2024"


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--agreement", "nope"], "--agreement: aftalen 'nope' findes ikke i"),
        (["--at", "2024-02-30"], "--at:"),
        (["--at", "2022-06-01"], "gælder fra 8. september 2022"),
    ],
)
def test_bad_options_exit_2_with_one_line(tmp_path: Path, args: list[str], words: str) -> None:
    result = runner.invoke(app, ["assess", write(tmp_path, two_agreements()), *args])
    assert result.exit_code == 2
    assert words in result.output
    assert len(result.output.strip().splitlines()) == 1


def test_a_case_without_agreements_exits_2(tmp_path: Path) -> None:
    result = runner.invoke(app, ["assess", write(tmp_path, region_case()), "--at", "2024-02-01"])
    assert result.exit_code == 2
    assert "ingen sundhedsaftaler" in result.output


@pytest.mark.parametrize(
    ("edit", "words"),
    [
        (
            lambda raw: raw["agreements"][0]["content"]["overarching_goals"][0].update(national_goals=[9]),
            "feltet 'agreements[0].content.overarching_goals[0].national_goals': 9 er ikke et nationalt mål",
        ),
        (
            lambda raw: raw["agreements"][0].update(effective_date="1. januar 2024"),
            "feltet 'agreements[0].effective_date': '1. januar 2024' er ikke en dato; forventet ÅÅÅÅ-MM-DD",
        ),
        (
            lambda raw: raw["agreements"][0]["content"]["collaboration_agreements"][0]["elements"][0].update(
                coverage="delvis"
            ),
            "feltet 'agreements[0].content.collaboration_agreements[0].elements[0].coverage': 'delvis' er ikke "
            "tilladt; forventet 'addressed', 'not_relevant' eller 'missing'",
        ),
        (
            lambda raw: raw["agreements"][0]["content"].update(goals=[]),
            "feltet 'agreements[0].content.goals': ukendt felt",
        ),
        (lambda raw: raw.pop("municipalities"), "feltet 'municipalities': mangler"),
    ],
)
def test_a_schema_violation_names_the_field_path_and_what_was_expected(
    tmp_path: Path, edit, words: str
) -> None:  # type: ignore[no-untyped-def]
    raw = json.loads(two_agreements().model_dump_json())
    edit(raw)
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(raw), encoding="utf-8")
    result = runner.invoke(app, ["assess", str(path), "--at", "2024-02-01"])
    assert result.exit_code == 2
    assert words in result.output
    assert len(result.output.strip().splitlines()) == 1


def test_the_installed_command_prints_no_traceback(tmp_path: Path) -> None:
    path = tmp_path / "broken.json"
    path.write_text(
        '{"region": {"code": "1085", "name": "Region Sjælland"}, "municipalities": {}}', encoding="utf-8"
    )
    done = subprocess.run(
        [sys.executable, "-m", "sundhedsaftale.cli.main", "assess", str(path)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    assert "feltet 'municipalities'" in done.stderr
    assert done.stdout == ""
