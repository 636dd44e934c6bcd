"""Sources and rule packages are registered, not hard-wired: a new source is a data file and a sources.yaml entry,
its rules a module listed in rule-packages.yaml; the engine, the calendar and the pages are not touched. The worked
example of docs/rules.md (a made-up order with two provisions and one rule, in tests/fixtures/law_example) is added
to a copy of the shipped data and tested here."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from sundhedsaftale.core import Platform, load_platform
from sundhedsaftale.core.errors import DataFileError
from sundhedsaftale.core.rules import Status
from sundhedsaftale.data import DATA_DIR

from .test_obligations import agreement, case_of

EXAMPLE = Path(__file__).resolve().parents[1] / "fixtures" / "law_example"


def _with_example(tmp_path: Path, *, package: str | None = None) -> Path:
    """A copy of the shipped data with the example's source, unit file and rule package added (data only)."""
    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data, ignore=shutil.ignore_patterns("__pycache__", "raw"))
    law = data / "law"
    with (law / "sources.yaml").open("a", encoding="utf-8") as sources:
        sources.write((EXAMPLE / "source.yaml").read_text(encoding="utf-8"))
    shutil.copy(EXAMPLE / "bek-9999-2030.yaml", law / "bek-9999-2030.yaml")
    with (law / "rule-packages.yaml").open("a", encoding="utf-8") as packages:
        packages.write(package or (EXAMPLE / "rule-package.yaml").read_text(encoding="utf-8"))
    with (law / "explanations.yaml").open("a", encoding="utf-8") as explanations:
        explanations.write((EXAMPLE / "explanations.yaml").read_text(encoding="utf-8"))
    return data


def test_the_shipped_rule_packages_give_every_rule_module(platform: Platform) -> None:
    modules = {r.id.split(".")[0] for r in platform.rulebook.rules}
    assert {"aftale", "klynge", "udvalg", "pi-udvalg", "region", "vurdering"} <= modules
    assert not any(r.id.startswith("eksempel.") for r in platform.rulebook.rules)


def test_worked_example_a_new_source_and_its_rule_by_data_and_a_module(tmp_path: Path) -> None:
    example = load_platform(_with_example(tmp_path))
    source = example.corpus.source("bek-9999-2030")
    assert source.short == "bek. nr. 9999 af 1. november 2029 (eksempel)"
    assert example.corpus.resolve("bek-9999-2030 § 1").text == "Regionsrådet nedsætter et patientråd."
    new = example.rulebook.get("eksempel.patientraad")
    assert [p.label for p in new.provisions] == ["§ 1", "§ 2"]
    # The rule's validity follows its source: not in force the day before 1 January 2030, in force from it.
    assert new not in example.rulebook.in_force(dt.date(2029, 12, 31))
    assert new in example.rulebook.in_force(dt.date(2030, 1, 1))
    # The engine evaluates it like any other rule.
    findings = example.rulebook.evaluate(case_of(agreement()), dt.date(2030, 1, 1), rule_ids={new.id})
    assert [(f.rule_id, f.status) for f in findings] == [("eksempel.patientraad", Status.MET)]
    assert findings[0].explanation == "Region Sjælland har et patientråd."
    assert [m.key for m in findings[0].messages] == ["eksempel.patientraad/met"]
    # Every shipped rule is still there.
    assert len(example.rulebook.rules) == len(load_platform().rulebook.rules) + 1


def test_a_new_rule_without_explanations_stops_loading_naming_it(tmp_path: Path) -> None:
    data = _with_example(tmp_path)
    explanations = data / "law" / "explanations.yaml"
    text = explanations.read_text(encoding="utf-8")
    explanations.write_text(text.split("  # Appended to explanations.yaml")[0], encoding="utf-8")
    with pytest.raises(DataFileError) as caught:
        load_platform(data)
    assert caught.value.path.name == "explanations.yaml"
    assert "ingen forklaringer på dansk og engelsk for reglen 'eksempel.patientraad'" in str(caught.value)


def test_an_unknown_rule_package_names_the_file_and_line(tmp_path: Path) -> None:
    data = _with_example(tmp_path, package="  - module: tests.fixtures.law_example.missing\n")
    with pytest.raises(DataFileError) as caught:
        load_platform(data)
    assert caught.value.path.name == "rule-packages.yaml"
    assert caught.value.line is not None
    assert "regelpakken 'tests.fixtures.law_example.missing' kan ikke indlæses" in str(caught.value)


def test_a_rule_citing_a_provision_the_source_lacks_stops_loading(tmp_path: Path) -> None:
    data = _with_example(tmp_path)
    units = data / "law" / "bek-9999-2030.yaml"
    units.write_text(units.read_text(encoding="utf-8").split("  - id: sec_2")[0], encoding="utf-8")
    sources = data / "law" / "sources.yaml"
    sources.write_text(
        sources.read_text(encoding="utf-8").replace('    in_force_citation: "§ 2"\n', ""), encoding="utf-8"
    )
    with pytest.raises(DataFileError) as caught:
        load_platform(data)
    assert "eksempel.patientraad" in str(caught.value)
    assert caught.value.path.name == "rules.py"
    assert "'bek-9999-2030 § 2' findes ikke" in str(caught.value)
