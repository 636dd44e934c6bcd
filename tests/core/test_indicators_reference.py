"""The indicator SQL against a plain computation of the same definitions, on a seeded register of awkward cases.

The SQL is written for speed (one ordering of the contacts, stays of one contact kept apart from longer ones,
ADR 0043); the reference here is the definition read literally, one person at a time in Python: contacts of a
person and sector in order of start, a contact more than 4 hours after the latest end so far begins a new stay, a
stay of 12 hours or more is an admission, counted where the person lived on the day it began.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

from sundhedsaftale.indicators import (
    DuckDBEngine,
    compute,
    load_definitions,
    national_geography,
    prepare,
    step_count,
)

from .indicator_builders import Register

_Stay = tuple[int, str, dt.datetime, dt.datetime, str, str, int, bool]


def _awkward_register(seed: int) -> Register:
    """Persons with bursts of contacts whose gaps lie just under, at and just over 4 hours, contacts inside
    others, equal starts, both sectors interleaved, virtual contacts, moves between municipalities and years."""
    rng = random.Random(seed)
    reg = Register()
    gaps = [dt.timedelta(hours=h) for h in (0, 1, 3.99, 4)] + [
        dt.timedelta(hours=4, seconds=1),
        dt.timedelta(hours=5),
        dt.timedelta(days=3),
        -dt.timedelta(hours=2),  # starts before the previous contact ends: an overlap
    ]
    lengths = [dt.timedelta(minutes=m) for m in (0, 30, 180, 719, 720, 721, 2000, 9000)]
    for pid in range(1, 121):
        born = dt.date(1930 + rng.randrange(90), rng.randrange(1, 13), rng.randrange(1, 28))
        first_home, second_home = rng.choice([101, 147, 751]), rng.choice([461, 851])
        reg.persons.append((pid, rng.choice("KM"), born, None))
        moved = dt.date(2024, rng.randrange(1, 13), 1)
        reg.residences += [(pid, first_home, born, moved), (pid, second_home, moved, None)]
        at = dt.datetime(2023, 12, 31, rng.randrange(24)) + dt.timedelta(days=rng.randrange(360))
        for _ in range(rng.randrange(1, 12)):
            start = at
            end = start + rng.choice(lengths)
            reg.contacts.append(
                (
                    len(reg.contacts) + 1,
                    pid,
                    start,
                    end,
                    rng.choice(("akut", "planlagt")),
                    rng.choice(("somatik", "somatik", "psykiatri")),
                    rng.random() > 0.1,
                    rng.choice(("DJ189", "DI219", "DF200", "DE119")),
                )
            )
            at = max(start, end + rng.choice(gaps))
    return reg


@dataclass
class _OpenStay:
    person: int
    sector: str
    start: dt.datetime
    end: dt.datetime
    priority: str
    diagnosis: str
    contacts: int = 1

    def closed(self, admission_hours: float) -> _Stay:
        admission = self.end - self.start >= dt.timedelta(hours=admission_hours)
        return (
            self.person,
            self.sector,
            self.start,
            self.end,
            self.priority,
            self.diagnosis,
            self.contacts,
            admission,
        )


def _reference_stays(reg: Register, gap_hours: float, admission_hours: float) -> list[_Stay]:
    series: dict[tuple[int, str], list[tuple[dt.datetime, int, dt.datetime, str, str]]] = defaultdict(list)
    for cid, pid, start, end, priority, sector, physical, diagnosis in reg.contacts:
        if physical:
            series[(pid, sector)].append((start, cid, end, priority, diagnosis))
    stays: list[_Stay] = []
    for (pid, sector), contacts in series.items():
        current: _OpenStay | None = None
        for start, _, end, priority, diagnosis in sorted(contacts):
            if current is not None and start <= current.end + dt.timedelta(hours=gap_hours):
                current.end = max(current.end, end)
                current.contacts += 1
                continue
            if current is not None:
                stays.append(current.closed(admission_hours))
            current = _OpenStay(pid, sector, start, end, priority, diagnosis)
        if current is not None:
            stays.append(current.closed(admission_hours))
    return sorted(stays)


def test_stays_are_the_literal_merge_of_the_contacts(tmp_path: Path) -> None:
    defs = load_definitions()
    for seed in (1, 2, 3):
        reg = _awkward_register(seed)
        engine = DuckDBEngine(threads=2)
        prepare(engine, reg.write(tmp_path / f"r{seed}"), national_geography(), [2024], defs)
        platform = sorted(
            engine.rows(
                "SELECT person_id, CASE WHEN psychiatric THEN 'psykiatri' ELSE 'somatik' END, start_ts, end_ts, "
                "CASE WHEN acute THEN 'akut' ELSE 'planlagt' END, action_diagnosis, contacts, is_admission "
                "FROM stay"
            )
        )
        expected = _reference_stays(reg, defs.stay_gap_hours, defs.admission_hours)
        assert platform == expected
        assert any(s[6] > 2 for s in expected)  # the awkward cases are there: stays of several contacts
        assert any(s[7] for s in expected)  # and admissions
        keys = engine.rows("SELECT count(*), count(DISTINCT (person_id, psychiatric, stay_no)) FROM stay")
        assert (
            keys[0][0] == keys[0][1] == len(expected)
        )  # stay_no tells the stays of a person and sector apart


def _home(reg: Register, pid: int, day: dt.date) -> int:
    [code] = [m for p, m, frm, to in reg.residences if p == pid and frm <= day and (to is None or to > day)]
    return code


def test_admissions_and_outpatient_stays_per_municipality_match_the_literal_count(tmp_path: Path) -> None:
    defs = load_definitions()
    reg = _awkward_register(4)
    values = compute(
        DuckDBEngine(threads=2),
        reg.write(tmp_path / "r"),
        national_geography(),
        years=[2024],
        levels=("kommune",),
        indicators=["indlaeggelser", "ambulante_ophold"],
    )
    expected: Counter[tuple[str, str]] = Counter()
    for pid, _, start, _, _, _, _, admission in _reference_stays(
        reg, defs.stay_gap_hours, defs.admission_hours
    ):
        if start.year == 2024:
            indicator = "indlaeggelser" if admission else "ambulante_ophold"
            expected[(indicator, str(_home(reg, pid, start.date())))] += 1
    counted = {(v.indicator, v.unit_id): v.numerator for v in values if v.numerator}
    assert counted == dict(expected)


def test_merging_the_stays_range_by_range_of_persons_gives_the_same_values(tmp_path: Path) -> None:
    """A register larger than one part (``contacts_per_part``) is merged by ranges of persons, one after another;
    every value of every indicator is the same as when all contacts are merged at once."""
    directory = _awkward_register(5).write(tmp_path / "r")
    geography = national_geography()
    whole = compute(DuckDBEngine(threads=2, contacts_per_part=None), directory, geography, years=[2024])
    parted_engine = DuckDBEngine(threads=2, contacts_per_part=40)
    steps: list[str] = []
    parted = compute(parted_engine, directory, geography, years=[2024], on_step=steps.append)
    assert parted == whole
    assert len(steps) == step_count(load_definitions())  # the progress bar still ends at its end
    assert any(v.numerator for v in whole if v.indicator == "indlaeggelser")
    # The last range's stays are all that is left in ``stay``: the run was in parts.
    [(persons_left,)] = parted_engine.rows("SELECT count(DISTINCT person_id) FROM stay")
    assert 0 < persons_left < 60
