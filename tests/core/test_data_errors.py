"""A malformed data file or a citation to a unit that does not exist stops loading, naming file, line and problem."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from sundhedsaftale.core import load_platform
from sundhedsaftale.core.errors import DataFileError
from sundhedsaftale.core.rules import Rulebook, RuleKind, SubjectKind
from sundhedsaftale.core.rules._engine import RuleSpec
from sundhedsaftale.data import DATA_DIR


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(DATA_DIR, target, ignore=shutil.ignore_patterns("__pycache__", "*.py"))
    return target


def replace_in(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def line_of(path: Path, needle: str) -> int:
    return next(
        i for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if needle in line
    )


def test_parameter_citing_a_missing_provision(data_dir: Path) -> None:
    path = data_dir / "law" / "parameters.yaml"
    replace_in(path, 'citation: "§ 13"', 'citation: "§ 13, stk. 4"')
    with pytest.raises(DataFileError) as error:
        load_platform(data_dir)
    assert error.value.path == path
    assert error.value.line == line_of(path, 'citation: "§ 13, stk. 4"')
    assert "'professional_level.min_meetings_per_year'" in str(error.value)
    assert "findes ikke" in str(error.value)


def test_broken_yaml_names_the_line(data_dir: Path) -> None:
    path = data_dir / "law" / "bek-1248-2022.yaml"
    text = path.read_text(encoding="utf-8").splitlines()
    text[20] = text[20] + ' "unclosed'
    path.write_text("\n".join(text), encoding="utf-8")
    with pytest.raises(DataFileError, match=r"bek-1248-2022.yaml, linje \d+: ugyldig YAML"):
        load_platform(data_dir)


def test_unit_label_that_does_not_match_its_id(data_dir: Path) -> None:
    path = data_dir / "law" / "bek-1248-2022.yaml"
    replace_in(path, 'label: "§ 4"', 'label: "§ 5"')
    with pytest.raises(DataFileError) as error:
        load_platform(data_dir)
    assert error.value.line == line_of(path, 'label: "§ 5"')
    assert "betegnelsen '§ 5' passer ikke til id 'sec_4'" in error.value.problem


def test_csv_row_with_bad_code_names_line_and_column(data_dir: Path) -> None:
    path = data_dir / "reference" / "municipalities.csv"
    replace_in(path, "147,Frederiksberg,1084", "147,Frederiksberg,9999")
    with pytest.raises(DataFileError) as error:
        load_platform(data_dir)
    assert (error.value.path, error.value.line) == (path, 3)
    assert "'region_code': ukendt region '9999'" in error.value.problem


def test_municipality_left_out_of_every_cluster(data_dir: Path) -> None:
    path = data_dir / "reference" / "health_cluster_members.csv"
    replace_in(path, "hovedstaden-bornholm,400,\n", "")
    with pytest.raises(DataFileError, match=r"Bornholm Kommune \(400\) er ikke med i nogen sundhedsklynge"):
        load_platform(data_dir)


def test_reference_file_without_a_recorded_source(data_dir: Path) -> None:
    path = data_dir / "reference" / "sources.yaml"
    text = path.read_text(encoding="utf-8")
    start = text.index("  national_goals.csv:")
    path.write_text(text[:start], encoding="utf-8")
    with pytest.raises(
        DataFileError, match=r"'national_goals\.csv' mangler i sources.yaml: hver datafil skal have en kilde"
    ):
        load_platform(data_dir)


def test_rule_citing_a_unit_that_does_not_exist_names_the_rules_file_and_line(platform) -> None:
    bogus = RuleSpec(
        id="test.bogus",
        title="Bogus",
        kind=RuleKind.REQUIREMENT,
        subject=SubjectKind.COMMITTEE,
        cites=("§ 15, stk. 9",),
        parameters=(),
        evaluate=lambda ctx: [],
        valid_from=None,
        valid_until=None,
        defined_at=("/src/rules/bogus.py", 42),
        summary="",
    )
    with pytest.raises(DataFileError) as error:
        Rulebook.build([bogus], platform.corpus, platform.rulebook.parameters)
    assert (str(error.value.path), error.value.line) == ("/src/rules/bogus.py", 42)
    assert "reglen 'test.bogus' henviser forkert" in error.value.problem


def test_rule_whose_sources_never_overlap_in_time(platform) -> None:
    bogus = RuleSpec(
        id="test.never",
        title="Never",
        kind=RuleKind.REQUIREMENT,
        subject=SubjectKind.COMMITTEE,
        cites=("§ 15, stk. 4",),
        parameters=(),
        evaluate=lambda ctx: [],
        valid_from=None,
        valid_until=dt.date(2020, 1, 1),
        defined_at=("x.py", 1),
        summary="",
    )
    with pytest.raises(DataFileError, match="ingen periode"):
        Rulebook.build([bogus], platform.corpus, platform.rulebook.parameters)
