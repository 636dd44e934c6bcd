"""The legal scenarios in tests/scenarios: each case's facts, date and expected findings, run against the rulebook.

A case reads like a lawyer's example (see tests/scenarios/README.md); this module only runs them.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
import yaml

from sundhedsaftale.core import Platform
from sundhedsaftale.core.errors import CaseError
from sundhedsaftale.core.rules import Finding

from .scenario_base import BODY_IDS, CLUSTER_ID, apply_given, compliant_region

SCENARIOS = Path(__file__).resolve().parents[1] / "scenarios"


def _cases() -> list[Any]:
    found = []
    for path in sorted(SCENARIOS.glob("*.yaml")):
        document = yaml.safe_load(path.read_text(encoding="utf-8"))
        for case in document["cases"]:
            found.append(pytest.param(case, id=f"{path.stem}: {case['name']}"))
    return found


def _subject(expect: dict[str, Any]) -> str | None:
    subject = expect.get("subject")
    if subject is None:
        return None
    return {**BODY_IDS, "cluster": CLUSTER_ID}.get(subject, subject)


def _matching(findings: list[Finding], expect: dict[str, Any]) -> list[Finding]:
    chosen = [f for f in findings if f.rule_id == expect["rule"]]
    if (subject := _subject(expect)) is not None:
        chosen = [f for f in chosen if f.subject.id == subject]
    if "year" in expect:
        chosen = [
            f for f in chosen if any(fact.name == "år" and fact.value == expect["year"] for fact in f.facts)
        ]
    return chosen


@pytest.mark.parametrize("scenario", _cases())
def test_scenario(platform: Platform, scenario: dict[str, Any]) -> None:
    at: dt.date = scenario["date"]
    given = scenario.get("given") or {}
    region = given.get("region", {})
    base = compliant_region(
        platform, region.get("code", "1085"), region.get("municipalities", ["316", "326"]), at
    )
    case = apply_given(base, given, at)
    refused = [e["refused"] for e in scenario["expect"] if "refused" in e]
    if refused:
        with pytest.raises(CaseError) as exc:
            platform.rulebook.evaluate(case, at)
        for words in refused:
            assert words in str(exc.value)
        return
    findings = platform.rulebook.evaluate(case, at)
    for expect in scenario["expect"]:
        chosen = _matching(findings, expect)
        assert chosen, (
            f"ingen fund for {expect['rule']} (emne {expect.get('subject')}, år {expect.get('year')})"
        )
        for finding in chosen:
            assert finding.status.value == expect["status"], (finding.rule_id, finding.explanation)
            says = expect.get("says", [])
            for words in [says] if isinstance(says, str) else says:
                assert words in finding.explanation, (words, finding.explanation)
            not_says = expect.get("not_says", [])
            for words in [not_says] if isinstance(not_says, str) else not_says:
                assert words not in finding.explanation, (words, finding.explanation)


def test_the_starting_point_meets_every_requirement(platform: Platform) -> None:
    """The compliant region every scenario changes: nothing broken, nothing to judge, on both sides of 2026."""
    for at in (dt.date(2024, 6, 1), dt.date(2026, 6, 1)):
        case = compliant_region(platform, "1085", ["316", "326"], at)
        open_points = [
            (f.rule_id, f.status.value, f.explanation)
            for f in platform.rulebook.evaluate(case, at)
            if f.status.value in ("not_met", "needs_judgement", "not_recorded")
        ]
        assert open_points == [], open_points
