"""English texts beside the Danish ones (ADR 0039): every rule and parameter has one, a missing one stops loading,
and a finding in English keeps the rule's own Danish words and the law untranslated."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from sundhedsaftale.core import load_platform
from sundhedsaftale.core.errors import DataFileError
from sundhedsaftale.core.rules import finding_as_dict, finding_in_english, load_english
from sundhedsaftale.data import DATA_DIR

ENGLISH = DATA_DIR / "law" / "english.yaml"


def _texts():
    book = load_platform().rulebook
    return load_english(
        ENGLISH, rule_ids=[r.id for r in book.rules], parameter_keys=[p.key for p in book.parameters]
    )


def test_every_rule_and_parameter_of_the_rulebook_has_an_english_text() -> None:
    texts = _texts()
    book = load_platform().rulebook
    assert {r.id for r in book.rules} <= set(texts.rules)
    assert {p.key for p in book.parameters} <= set(texts.parameters)
    assert texts.rule_title("klynge.politisk.almen-praksis", "") == (
        "General practitioners in the cluster's political level"
    )


def test_a_rule_without_an_english_title_stops_loading_naming_it(tmp_path: Path) -> None:
    broken = tmp_path / "english.yaml"
    broken.write_text(ENGLISH.read_text(encoding="utf-8").replace("  udvalg.moeder:", "  udvalg.moeder-x:"))
    with pytest.raises(DataFileError, match=r"rules\.udvalg\.moeder\b"):
        load_english(broken, rule_ids=["udvalg.moeder"], parameter_keys=[])


def test_a_finding_in_english_has_english_title_status_and_fixed_text_and_keeps_the_danish_explanation() -> (
    None
):
    platform = load_platform()
    from sundhedsaftale.demo import build_national_demo

    case = next(
        c
        for c in build_national_demo(platform.reference, today=dt.date(2026, 11, 23))
        if c.region.code == "1085"
    )
    found = [
        f for f in platform.rulebook.evaluate(case, dt.date(2026, 11, 23)) if f.status.value == "not_met"
    ]
    assert found
    plain = finding_as_dict(found[0])
    english = finding_in_english(plain, _texts())  # texts without the templates: the fallback of ADR 0051
    assert english["status_label"] == "Not met"
    assert english["explanation"] == "The record does not meet this."
    assert english["explanation_danish"] == plain["explanation"]
    assert english["rule_title"] != plain["rule_title"]
    assert english["provisions"] == plain["provisions"]  # the law is cited as it is written
