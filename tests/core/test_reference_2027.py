"""The 2027 structure as dated reference data: Region Østdanmark and the 17 sundhedsråd (ADR 0029)."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from sundhedsaftale.core.errors import DataFileError
from sundhedsaftale.core.reference import load_reference
from sundhedsaftale.data import DATA_DIR

LAST_OLD_DAY, FIRST_NEW_DAY = dt.date(2026, 12, 31), dt.date(2027, 1, 1)


def test_five_regions_until_31_december_2026_and_four_from_1_january_2027_overgangsloven_126(
    platform,
) -> None:
    ref = platform.reference
    assert [r.code for r in ref.regions_on(LAST_OLD_DAY)] == ["1081", "1082", "1083", "1084", "1085"]
    assert [r.code for r in ref.regions_on(FIRST_NEW_DAY)] == ["1081", "1082", "1083", "OEST"]


def test_oestdanmark_succeeds_sjaelland_and_hovedstaden_with_their_46_municipalities(platform) -> None:
    ref = platform.reference
    assert [r.code for r in ref.predecessors_of("OEST")] == ["1084", "1085"]
    assert ref.successor_region_of("1085").code == "OEST"
    assert ref.successor_region_of("1083").code == "1083"
    assert len(ref.municipalities_of_region_on("OEST")) == 46
    assert ref.regions["1085"].ended_on(FIRST_NEW_DAY)
    assert not ref.regions["1085"].ended_on(LAST_OLD_DAY)


def test_17_councils_from_2027_every_municipality_in_exactly_one(platform) -> None:
    ref = platform.reference
    assert len(ref.councils) == 17
    assert all(c.valid_from == FIRST_NEW_DAY and c.marker == "[S]" for c in ref.councils.values())
    assert sum(len(c.municipality_codes) for c in ref.councils.values()) == 98
    assert len(ref.councils_of_region("OEST")) == 6
    assert ref.council_of_municipality("400").id == "oestdanmark-hovedstaden"  # Bornholm


def test_billund_and_middelfart_are_disputed_between_the_sources(platform) -> None:
    ref = platform.reference
    disputed = {code: c.id for c in ref.councils.values() for code in c.disputed_codes}
    assert disputed == {"530": "syddanmark-lillebaelt", "410": "syddanmark-fyn"}


@pytest.fixture
def reference_dir(tmp_path: Path) -> Path:
    target = tmp_path / "reference"
    shutil.copytree(DATA_DIR / "reference", target)
    return target


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_municipality_in_two_councils_is_refused_naming_file_and_line(reference_dir: Path) -> None:
    _edit(reference_dir / "sundhedsraad.csv", "101;147;400", "101;147;400;151")
    with pytest.raises(DataFileError) as exc:
        load_reference(reference_dir)
    assert "sundhedsraad.csv" in str(exc.value)
    assert "linje 3" in str(exc.value)
    assert "Ballerup Kommune er også med" in str(exc.value)


def test_a_successor_that_does_not_start_the_day_after_is_refused(reference_dir: Path) -> None:
    _edit(
        reference_dir / "regions.csv",
        "OEST,Region Østdanmark,Region Østdanmark,2027-01-01",
        "OEST,Region Østdanmark,Region Østdanmark,2027-02-01",
    )
    with pytest.raises(DataFileError) as exc:
        load_reference(reference_dir)
    assert "successor_code" in str(exc.value)
    assert "dagen efter" in str(exc.value)


def test_a_council_with_a_municipality_of_another_region_is_refused(reference_dir: Path) -> None:
    _edit(reference_dir / "sundhedsraad.csv", "741;751", "741;751;101")
    with pytest.raises(DataFileError) as exc:
        load_reference(reference_dir)
    assert "København Kommune ligger ikke i Region Midtjylland" in str(exc.value)
