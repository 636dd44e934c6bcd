"""Person-level building blocks kept between runs (ADR 0053): the same values, read only for the same files and
definitions, written whole or not at all, few and readable by their owner only."""

from __future__ import annotations

import dataclasses
import os
import stat
from pathlib import Path

import pytest

from sundhedsaftale.indicators import (
    DuckDBEngine,
    KeptBlocks,
    compute,
    load_definitions,
    national_geography,
    step_count,
)

from .indicator_builders import Register, ts


def _register() -> Register:
    reg = Register()
    for pid, born, municipality in ((1, "1940-03-01", 147), (2, "1950-06-15", 751), (3, "1990-01-01", 101)):
        reg.person(pid, born, municipality=municipality)
    contacts = [
        # Two contacts 3 hours apart: one stay of 13 hours, an admission (acute by its first contact).
        (1, "2024-02-01 08:00", "2024-02-01 12:00", "akut", "DJ44"),
        (1, "2024-02-01 15:00", "2024-02-01 21:00", "planlagt", "DZ00"),
        # Readmitted within 30 days, acute.
        (1, "2024-02-20 08:00", "2024-02-21 08:00", "akut", "DJ18"),
        (2, "2024-05-01 08:00", "2024-05-02 08:00", "akut", "DE86"),
        (2, "2024-09-01 09:00", "2024-09-01 10:00", "planlagt", "DZ00"),
        (3, "2024-03-03 10:00", "2024-03-03 11:00", "planlagt", "DZ00"),
    ]
    for n, (pid, start, end, priority, diagnosis) in enumerate(contacts, start=1):
        reg.contacts.append((n, pid, ts(start), ts(end), priority, "somatik", True, diagnosis))
    return reg


def _entries(root: Path) -> list[Path]:
    return sorted(p for p in root.iterdir() if not p.name.startswith("."))


def test_a_run_with_kept_blocks_gives_the_values_of_a_run_without(tmp_path: Path) -> None:
    directory = _register().write(tmp_path / "r")
    geography = national_geography()
    fresh = compute(DuckDBEngine(), directory, geography, years=[2024])
    kept = KeptBlocks(tmp_path / "kept")
    first = compute(DuckDBEngine(), directory, geography, years=[2024], kept=kept)
    second_engine = DuckDBEngine()
    steps: list[str] = []
    second = compute(second_engine, directory, geography, years=[2024], kept=kept, on_step=steps.append)
    assert first == fresh
    assert second == fresh
    assert any(v.indicator == "forebyggelige_indlaeggelser_65" and v.numerator for v in fresh)
    assert len(_entries(kept.root)) == 1
    assert not _stays_merged(second_engine)  # the second run read the kept blocks: it merged no stays at all
    assert _merged(
        directory, KeptBlocks(tmp_path / "elsewhere")
    )  # a run elsewhere merges: the check can fail
    assert len(steps) == step_count(load_definitions())  # the progress bar ends at its end all the same


def test_kept_blocks_serve_other_periods_levels_and_single_indicators(tmp_path: Path) -> None:
    """What is kept does not depend on the periods, levels or indicators asked for."""
    directory = _register().write(tmp_path / "r")
    geography = national_geography()
    kept = KeptBlocks(tmp_path / "kept")
    compute(DuckDBEngine(), directory, geography, years=[2024], indicators=["indlaeggelser"], kept=kept)
    for years, indicators in (([2023, 2024], None), ([2024], ["genindlaeggelser_somatik_30d"])):
        expected = compute(DuckDBEngine(), directory, geography, years=years, indicators=indicators)
        again = compute(DuckDBEngine(), directory, geography, years=years, indicators=indicators, kept=kept)
        assert again == expected
    assert len(_entries(kept.root)) == 1


def test_a_changed_register_file_is_not_read_from_the_blocks_kept_for_the_old_one(tmp_path: Path) -> None:
    geography = national_geography()
    kept = KeptBlocks(tmp_path / "kept")
    reg = _register()
    directory = reg.write(tmp_path / "r")
    before = compute(DuckDBEngine(), directory, geography, years=[2024], kept=kept)
    # Person 3's outpatient visit now lasts 13 hours: an admission. Same file names, new content.
    reg.contacts[-1] = (
        6,
        3,
        ts("2024-03-03 10:00"),
        ts("2024-03-03 23:00"),
        "planlagt",
        "somatik",
        True,
        "DZ00",
    )
    reg.write(directory)
    after = compute(DuckDBEngine(), directory, geography, years=[2024], kept=kept)
    assert after == compute(DuckDBEngine(), directory, geography, years=[2024])
    assert after != before
    assert len(_entries(kept.root)) == 2


def test_changed_stay_definitions_name_another_entry(tmp_path: Path) -> None:
    """The merge's gap (definitions.yaml, ``stay_gap_hours``): with a gap of 2 hours person 1's two contacts 3
    hours apart are two stays, neither an admission; kept blocks of the 4-hour merge must not be read."""
    directory = _register().write(tmp_path / "r")
    geography = national_geography()
    kept = KeptBlocks(tmp_path / "kept")
    defs = load_definitions()
    narrow = dataclasses.replace(defs, stay_gap_hours=2)
    compute(DuckDBEngine(), directory, geography, years=[2024], defs=defs, kept=kept)
    with_kept = compute(DuckDBEngine(), directory, geography, years=[2024], defs=narrow, kept=kept)
    assert with_kept == compute(DuckDBEngine(), directory, geography, years=[2024], defs=narrow)
    admissions = {v.unit_id: v.numerator for v in with_kept if v.indicator == "indlaeggelser"}
    assert admissions["147"] == 1  # the readmission alone
    assert len(_entries(kept.root)) == 2


def test_a_failed_write_leaves_no_entry_and_the_run_its_values(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    directory = _register().write(tmp_path / "r")
    geography = national_geography()
    fresh = compute(DuckDBEngine(), directory, geography, years=[2024])
    kept = KeptBlocks(tmp_path / "kept")
    kept.root.mkdir(mode=0o755)  # made by hand, readable by all: made private when the first entry is written

    engine = DuckDBEngine()
    original = engine.save
    calls: list[str] = []

    def fail_on_second(name: str, folder: Path) -> None:
        calls.append(name)
        if len(calls) == 2:
            raise OSError("disken er fuld")
        original(name, folder)

    monkeypatch.setattr(engine, "save", fail_on_second)
    assert compute(engine, directory, geography, years=[2024], kept=kept) == fresh
    assert len(calls) == 2
    assert kept.problems == [f"{kept.root}: byggeklodserne kunne ikke bevares (disken er fuld)"]
    assert not list(kept.root.iterdir())  # nothing left under a key, not even the block that was written
    assert stat.S_IMODE(kept.root.stat().st_mode) == 0o700

    assert compute(DuckDBEngine(), directory, geography, years=[2024], kept=kept) == fresh
    assert len(_entries(kept.root)) == 1


def test_a_damaged_entry_is_removed_and_the_stays_merged_anew(tmp_path: Path) -> None:
    directory = _register().write(tmp_path / "r")
    geography = national_geography()
    fresh = compute(DuckDBEngine(), directory, geography, years=[2024])
    kept = KeptBlocks(tmp_path / "kept")
    compute(DuckDBEngine(), directory, geography, years=[2024], kept=kept)
    [entry] = _entries(kept.root)
    [part] = (entry / "admission").glob("*.parquet")
    part.write_bytes(part.read_bytes()[:40])  # cut short, as by a disk that filled up outside the platform
    again = KeptBlocks(kept.root)
    assert compute(DuckDBEngine(), directory, geography, years=[2024], kept=again) == fresh
    assert not again.read
    assert again.problems[0].startswith(f"{entry}: de bevarede byggeklodser kunne ikke læses og er fjernet (")
    assert _merged(directory, kept) is False  # kept anew, whole: the next run reads it


def test_only_the_most_recently_used_entries_are_kept(tmp_path: Path) -> None:
    geography = national_geography()
    kept = KeptBlocks(tmp_path / "kept", entries=2)
    folders = []
    for n in range(3):
        reg = _register()
        reg.person(10 + n, "1960-01-01")
        folders.append(reg.write(tmp_path / f"r{n}"))
    compute(DuckDBEngine(), folders[0], geography, years=[2024], kept=kept)
    compute(DuckDBEngine(), folders[1], geography, years=[2024], kept=kept)
    first = _entries(kept.root)
    # Used again, the first register's entry becomes the most recent: the second one goes when a third comes.
    os.utime(first[0], (1, 1))
    os.utime(first[1], (1, 1))
    compute(DuckDBEngine(), folders[0], geography, years=[2024], kept=kept)
    compute(DuckDBEngine(), folders[2], geography, years=[2024], kept=kept)
    assert len(_entries(kept.root)) == 2
    assert not _merged(folders[0], kept)  # still kept
    assert not _merged(folders[2], kept)
    assert _merged(folders[1], kept)  # pruned: merged anew


def _merged(directory: Path, kept: KeptBlocks) -> bool:
    """Whether a run on ``directory`` merged the stays itself rather than reading kept blocks."""
    engine = DuckDBEngine()
    compute(engine, directory, national_geography(), years=[2024], kept=kept)
    return _stays_merged(engine)


def _stays_merged(engine: DuckDBEngine) -> bool:
    """Whether the engine built the ``stay`` block (it is not built when the kept blocks are read)."""
    [(stays,)] = engine.rows("SELECT count(*) FROM duckdb_tables() WHERE table_name = 'stay' AND temporary")
    return bool(stays)
