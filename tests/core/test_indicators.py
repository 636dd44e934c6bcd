"""Register indicators on hand-made rows: building blocks, each indicator's numerator and denominator, the
standardisation, the suppression, the København rule, the import's errors and the generator's determinism.

The definitions these tests check are in src/sundhedsaftale/data/indicators (markers [V]/[P]/[?] there).
"""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from pathlib import Path

import pytest

from sundhedsaftale.indicators import (
    DuckDBEngine,
    IndicatorValue,
    compute,
    load_definitions,
    national_geography,
    prepare,
    standardised_rate,
    suppress,
)
from sundhedsaftale.indicators.export import values_csv, values_json
from sundhedsaftale.indicators.importing import ExtractError, import_extracts, validate_extracts
from sundhedsaftale.indicators.synth import generate

from .indicator_builders import Register


def _values(
    reg: Register, tmp_path: Path, indicator: str, *, years: tuple[int, ...] = (2024,)
) -> list[IndicatorValue]:
    directory = reg.write(tmp_path / "register")
    return compute(
        DuckDBEngine(threads=1),
        directory,
        national_geography(),
        years=list(years),
        levels=("kommune", "klynge", "land"),
        indicators=[indicator],
    )


def _one(
    values: list[IndicatorValue], *, level: str = "land", unit: str = "DK", period: str = "2024"
) -> IndicatorValue:
    [value] = [v for v in values if v.level == level and v.unit_id == unit and v.period == period]
    return value


def _stays(reg: Register, tmp_path: Path) -> list[tuple[object, ...]]:
    engine = DuckDBEngine(threads=1)
    prepare(engine, reg.write(tmp_path / "register"), national_geography(), [2024], load_definitions())
    # The block keeps the sector and the priority as truth values; named here as the register names them.
    return engine.rows(
        "SELECT CASE WHEN psychiatric THEN 'psykiatri' ELSE 'somatik' END AS sector, CAST(start_ts AS VARCHAR), "
        "CAST(end_ts AS VARCHAR), CASE WHEN acute THEN 'akut' ELSE 'planlagt' END, contacts, is_admission "
        "FROM stay ORDER BY start_ts, sector"
    )


# --- building blocks -------------------------------------------------------------------------------------------


def test_stay_merges_physical_contacts_overlapping_or_at_most_4_hours_apart(tmp_path: Path) -> None:
    """eSundhed: attendances overlapping or ≤ 4 hours apart are one sygehusophold; virtual ones do not count."""
    reg = Register()
    p = reg.person(1, "1950-06-01")
    reg.contact(p, "2024-03-01 08:00", "2024-03-01 10:00", priority="akut")
    reg.contact(p, "2024-03-01 09:30", "2024-03-01 11:00", priority="planlagt")  # overlaps
    reg.contact(p, "2024-03-01 15:00", "2024-03-01 16:00", priority="planlagt")  # exactly 4 h after
    reg.contact(p, "2024-03-01 17:00", "2024-03-01 19:00", physical=False)  # virtual: would bridge the gap
    reg.contact(p, "2024-03-01 20:01", "2024-03-01 21:00", priority="planlagt")  # 4 h 1 min after
    reg.contact(p, "2024-03-01 10:30", "2024-03-01 11:30", sector="psykiatri")  # another sector, its own stay
    assert _stays(reg, tmp_path) == [
        ("somatik", "2024-03-01 08:00:00", "2024-03-01 16:00:00", "akut", 3, False),
        ("psykiatri", "2024-03-01 10:30:00", "2024-03-01 11:30:00", "akut", 1, False),
        ("somatik", "2024-03-01 20:01:00", "2024-03-01 21:00:00", "planlagt", 1, False),
    ]


def test_admission_is_a_stay_of_at_least_12_hours_and_acute_by_its_first_contact(tmp_path: Path) -> None:
    """DST/eSundhed: an indlæggelse lasts ≥ 12 h from the first start to the last end of its contacts."""
    reg = Register()
    p = reg.person(1, "1950-06-01")
    reg.contact(p, "2024-04-01 08:00", "2024-04-01 14:00", priority="planlagt")  # transfer: two contacts,
    reg.contact(p, "2024-04-01 16:00", "2024-04-01 20:00", priority="akut")  # 12 h in all
    reg.contact(p, "2024-05-01 08:00", "2024-05-01 19:59", priority="akut")  # one minute short
    assert _stays(reg, tmp_path) == [
        ("somatik", "2024-04-01 08:00:00", "2024-04-01 20:00:00", "planlagt", 2, True),
        ("somatik", "2024-05-01 08:00:00", "2024-05-01 19:59:00", "akut", 1, False),
    ]


# --- indicators ------------------------------------------------------------------------------------------------


def test_preventable_admissions_count_acute_somatic_admissions_of_65_plus_in_the_nine_groups(
    tmp_path: Path,
) -> None:
    """Forebyggelige indlæggelser: acute somatic admissions of residents 65+ with an action diagnosis in the
    nine groups, per 1,000 residents 65+ on 1 January."""
    reg = Register()
    p1 = reg.person(1, "1950-06-01")
    reg.admission(p1, "2024-02-01 10:00", 2, diagnosis="DJ189")  # pneumonia: counts
    reg.admission(p1, "2024-03-01 10:00", 2, diagnosis="DJ189", priority="planlagt")  # planned: no
    p2 = reg.person(2, "1960-01-10")
    reg.admission(p2, "2024-02-01 10:00", 2, diagnosis="DJ189")  # 64 at admission: no
    p3 = reg.person(3, "1940-01-01")
    reg.admission(p3, "2024-02-01 10:00", 2, diagnosis="DJ441")  # COPD is not among the nine: no
    reg.admission(p3, "2024-04-01 10:00", 0.3, diagnosis="DE869")  # 7 hours: not an admission
    p4 = reg.person(4, "1945-05-05")
    reg.admission(p4, "2024-06-01 10:00", 1, diagnosis="DE869")  # dehydration: counts
    p5 = reg.person(5, "1930-01-01")
    reg.admission(p5, "2024-07-01 10:00", 5, diagnosis="DS720")  # hip fracture: counts
    reg.admission(p5, "2024-08-01 10:00", 5, diagnosis="DF322", sector="psykiatri")  # psychiatric: no
    for pid in range(6, 10):
        reg.person(pid, "1950-01-01")
    value = _one(_values(reg, tmp_path, "forebyggelige_indlaeggelser_65"))
    assert (value.numerator, value.denominator) == (3, 8)
    assert value.value == pytest.approx(375.0)
    assert value.unit == "per_1000"
    assert value.marker == "[P]"


def test_somatic_readmission_is_acute_within_30_days_with_the_documented_exclusions(tmp_path: Path) -> None:
    """SDS 2020: an acute somatic admission within 30 days of discharge; cancer, death during the stay and
    'rask ledsager' leave the index, births, cancer and injuries are not readmissions."""
    reg = Register()
    a = reg.person(1, "1950-01-01")
    reg.admission(a, "2024-03-01 08:00", 3, priority="planlagt")
    reg.admission(a, "2024-03-14 08:00", 2, diagnosis="DI500")  # 10 days later, acute: a readmission
    b = reg.person(2, "1950-01-01")
    reg.admission(b, "2024-03-01 08:00", 3, priority="planlagt")
    reg.admission(b, "2024-04-04 09:00", 2)  # 31 days later: no
    c = reg.person(3, "1950-01-01")
    reg.admission(c, "2024-03-01 08:00", 3, priority="planlagt")
    reg.admission(c, "2024-03-09 08:00", 2, diagnosis="DS821")  # an injury: not a readmission
    d = reg.person(4, "1950-01-01")
    reg.admission(d, "2024-03-01 08:00", 3, diagnosis="DC349")  # cancer: not an index admission
    reg.admission(d, "2024-03-14 08:00", 2)
    e = reg.person(5, "1950-01-01", died="2024-03-04")
    reg.admission(e, "2024-03-01 08:00", 3)  # died during the stay: not an index admission
    f = reg.person(6, "1950-01-01")
    reg.admission(f, "2024-03-01 08:00", 3)
    reg.admission(f, "2024-03-09 08:00", 2, priority="planlagt")  # planned: not a readmission
    value = _one(_values(reg, tmp_path, "genindlaeggelser_somatik_30d"))
    # Index admissions: a 2, b 2, c 2 (the injury stay is an index itself), d 1, e 0, f 2.
    assert (value.numerator, value.denominator) == (1, 9)
    assert value.value == pytest.approx(100 / 9)


def test_psychiatric_readmission_counts_only_acute_psychiatric_admissions(tmp_path: Path) -> None:
    reg = Register()
    p = reg.person(1, "1990-01-01")
    reg.admission(p, "2024-03-01 08:00", 10, sector="psykiatri", diagnosis="DF200", priority="planlagt")
    reg.admission(p, "2024-03-13 08:00", 1, diagnosis="DI219")  # somatic: not a psychiatric readmission
    reg.admission(p, "2024-03-20 08:00", 5, sector="psykiatri", diagnosis="DF200")  # 9 days later, acute
    value = _one(_values(reg, tmp_path, "genindlaeggelser_psykiatri_30d"))
    assert (value.numerator, value.denominator) == (1, 2)
    assert value.standardised is None  # eSundhed does not standardise it


def test_gp_contact_within_7_days_after_discharge(tmp_path: Path) -> None:
    import datetime as dt

    reg = Register()
    p1 = reg.person(1, "1950-01-01")
    reg.admission(p1, "2024-05-08 10:00", 2)  # discharged 10 May
    reg.gp.append((p1, dt.date(2024, 5, 17), "telefon", False))  # 7 days after: counts
    p2 = reg.person(2, "1950-01-01")
    reg.admission(p2, "2024-05-08 10:00", 2)
    reg.gp.append((p2, dt.date(2024, 5, 18), "konsultation", False))  # 8 days after: no
    reg.gp.append((p2, dt.date(2024, 5, 1), "konsultation", False))  # before: no
    p3 = reg.person(3, "1980-01-01")  # under 65: not in the denominator
    reg.admission(p3, "2024-05-08 10:00", 2)
    reg.gp.append((p3, dt.date(2024, 5, 11), "konsultation", False))
    value = _one(_values(reg, tmp_path, "almen_praksis_efter_udskrivning"))
    assert (value.numerator, value.denominator) == (1, 2)


def test_admissions_count_where_the_person_lived_on_the_day_and_residents_on_1_january(
    tmp_path: Path,
) -> None:
    """Residence at the event date; the denominator from residence on 1 January."""
    import datetime as dt

    reg = Register()
    p = reg.person(1, "1950-01-01", municipality=147)
    reg.residences[-1] = (p, 147, dt.date(1950, 1, 1), dt.date(2024, 6, 1))
    reg.residences.append((p, 151, dt.date(2024, 6, 1), None))  # moves to Ballerup on 1 June
    reg.admission(p, "2024-07-01 10:00", 2)
    reg.admission(p, "2024-02-01 10:00", 2)
    values = _values(reg, tmp_path, "indlaeggelser")
    frederiksberg = _one(values, level="kommune", unit="147")
    ballerup = _one(values, level="kommune", unit="151")
    assert (frederiksberg.numerator, frederiksberg.denominator) == (1, 1)
    assert (ballerup.numerator, ballerup.denominator) == (1, 0)
    assert ballerup.value is None  # no residents on 1 January: no rate


def test_population_by_age_bands_on_1_january(tmp_path: Path) -> None:
    reg = Register()
    reg.person(1, "2010-01-01")
    reg.person(2, "1980-01-02")
    reg.person(3, "1959-01-01")  # 65 on 1 January 2024
    reg.person(4, "1940-01-01")
    reg.person(5, "2024-03-01")  # born after 1 January: not counted
    reg.person(6, "1940-01-01", died="2023-12-31")  # dead before: not counted
    by_band = {v.stratum: v.numerator for v in _values(reg, tmp_path, "befolkning") if v.level == "land"}
    assert by_band == {"0-17": 1, "18-64": 1, "65-79": 1, "80+": 1}


def test_copenhagen_counts_in_full_in_each_of_its_two_clusters(tmp_path: Path) -> None:
    """Reference data: København is in Sundhedsklynge Byen and Syd, districts not known → counted in both."""
    reg = Register()
    for pid in range(1, 7):
        reg.person(pid, "1980-01-01", municipality=101)
    values = _values(reg, tmp_path, "indlaeggelser")
    byen = _one(values, level="klynge", unit="hovedstaden-byen")
    syd = _one(values, level="klynge", unit="hovedstaden-syd")
    country = _one(values)
    assert byen.denominator == syd.denominator == country.denominator == 6
    assert "København Kommune indgår helt" in byen.note
    assert "summer ikke til regionens" in syd.note
    assert country.note == ""


# --- standardisation and suppression ----------------------------------------------------------------------------


def test_direct_standardisation_weights_stratum_rates_by_the_standard_population() -> None:
    strata = {("K", "0-64"): (1, 10), ("M", "0-64"): (3, 10)}
    standard = {("K", "0-64"): 100, ("M", "0-64"): 300}
    # (100 × 0.1 + 300 × 0.3) / 400 = 0.25, where the crude rate is 4 / 20 = 0.2.
    assert standardised_rate(strata, standard) == pytest.approx(0.25)
    # A stratum the unit has no index admissions in is left out and the weights scaled to 1.
    assert standardised_rate({("K", "0-64"): (1, 10), ("M", "0-64"): (0, 0)}, standard) == pytest.approx(0.1)
    assert standardised_rate({}, standard) is None


def test_the_country_standardised_to_itself_is_its_crude_rate(tmp_path: Path) -> None:
    reg = Register()
    for pid in range(1, 30):
        reg.person(pid, f"{1930 + pid}-01-01", sex="K" if pid % 2 else "M")
        end = reg.admission(pid, "2024-03-01 08:00", 2)
        if pid % 3 == 0:
            reg.admission(pid, end[:10] + " 20:00", 1)
    values = _values(reg, tmp_path, "genindlaeggelser_somatik_30d")
    country = _one(values)
    assert country.standardised == pytest.approx(country.value)
    frederiksberg = _one(values, level="kommune", unit="147")
    assert frederiksberg.standardised is not None


def _value(numerator: int, denominator: int) -> IndicatorValue:
    return IndicatorValue(
        "indlaeggelser", "Indlæggelser", "kommune", "147", "Frederiksberg", "2024", "alle",
        numerator, denominator, numerator / denominator * 1000 if denominator else None, None, "per_1000", "[V]",
    )  # fmt: skip


def test_counts_under_5_are_shown_as_under_5_and_their_rate_left_out() -> None:
    shown = suppress([_value(3, 1200), _value(0, 1200), _value(5, 1200), _value(7, 4)])
    assert [(v.numerator, v.denominator, v.suppressed) for v in shown] == [
        (None, 1200, True),
        (None, 1200, True),
        (5, 1200, False),
        (7, None, True),
    ]
    assert [v.value is None for v in shown] == [True, True, False, True]
    text = values_csv(shown).decode("utf-8-sig").splitlines()
    assert text[1].split(";")[7:10] == ["<5", "1200", ""]
    rows = json.loads(values_json(shown))
    assert rows[1]["tæller"] == "<5"
    assert rows[1]["værdi"] is None
    assert rows[2]["værdi"] == pytest.approx(4.17)


# --- import --------------------------------------------------------------------------------------------------


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_import_names_file_row_and_column_and_refuses_every_file(tmp_path: Path) -> None:
    good = _write(
        tmp_path / "person.csv", "person_id,sex,birth_date,death_date\n1,K,1950-01-01,\n2,M,1960-02-02,\n"
    )
    bad = _write(
        tmp_path / "hospital_contact_2024.csv",
        "contact_id,person_id,start_ts,end_ts,priority,sector,physical,action_diagnosis\n"
        "1,1,2024-01-01 08:00:00,2024-01-02 08:00:00,akut,somatik,true,DJ189\n"
        "2,1,2024-01-05 08:00:00,2024-01-05 09:00:00,hastende,somatik,true,DJ189\n"
        "3,2,2024-13-01 08:00:00,2024-01-05 09:00:00,akut,somatik,true,J18\n",
    )
    problems = [str(p) for p in validate_extracts([good, bad])]
    assert any("hospital_contact_2024.csv, række 3, kolonne 'priority': 'hastende'" in p for p in problems)
    assert any(
        "række 4, kolonne 'start_ts': '2024-13-01 08:00:00' er ikke et tidspunkt" in p for p in problems
    )
    assert any(
        "række 4, kolonne 'action_diagnosis': 'J18' er ikke en SKS-diagnosekode" in p for p in problems
    )
    out = tmp_path / "register"
    with pytest.raises(ExtractError):
        import_extracts([good, bad], out)
    assert not out.exists() or not any(out.rglob("*.parquet"))  # the good file is refused with the bad one


def test_import_names_a_missing_column_and_an_unknown_table(tmp_path: Path) -> None:
    missing = _write(tmp_path / "person.csv", "person_id,birth_date,death_date\n1,1950-01-01,\n")
    unknown = _write(tmp_path / "patients.csv", "a\n1\n")
    problems = [str(p) for p in validate_extracts([missing, unknown])]
    assert any("person.csv, række 1, kolonne 'sex': kolonnen mangler" in p for p in problems)
    assert any("patients.csv: filnavnet skal begynde med et tabelnavn" in p for p in problems)


def test_an_imported_extract_gives_the_same_indicators_as_the_register_it_came_from(tmp_path: Path) -> None:
    reg = Register()
    p = reg.person(1, "1950-01-01")
    reg.admission(p, "2024-02-01 10:00", 2, diagnosis="DJ189")
    source = reg.write(tmp_path / "source")
    import duckdb

    files = []
    for table in ("person", "residence", "hospital_contact", "gp_contact"):
        target = tmp_path / f"{table}.csv"
        duckdb.execute(
            f"COPY (SELECT * FROM read_parquet('{source / table}/*.parquet')) TO '{target}' (HEADER)"
        )
        files.append(target)
    counts = import_extracts(files, tmp_path / "imported")
    assert counts == {"person": 1, "residence": 1, "hospital_contact": 1, "gp_contact": 0}
    geo = national_geography()
    imported = compute(DuckDBEngine(threads=1), tmp_path / "imported", geo, years=[2024], levels=("land",))
    original = compute(DuckDBEngine(threads=1), source, geo, years=[2024], levels=("land",))
    assert imported == original


# --- the synthetic register -------------------------------------------------------------------------------------


def _digest(directory: Path) -> dict[str, str]:
    return {
        str(p.relative_to(directory)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(directory.rglob("*"))
        if p.is_file()
    }


def test_the_generator_gives_the_same_files_for_the_same_seed(tmp_path: Path) -> None:
    municipalities = national_geography().municipality_regions()
    one = generate(tmp_path / "a", municipalities=municipalities, years=[2023, 2024], scale=0.0005, seed=7)
    two = generate(tmp_path / "b", municipalities=municipalities, years=[2023, 2024], scale=0.0005, seed=7)
    generate(tmp_path / "c", municipalities=municipalities, years=[2023, 2024], scale=0.0005, seed=8)
    assert _digest(tmp_path / "a") == _digest(tmp_path / "b")
    assert one.counts == two.counts
    assert _digest(tmp_path / "a") != _digest(tmp_path / "c")
    assert one.persons >= 3000
    manifest = json.loads((tmp_path / "a" / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["seed"] == 7
    assert manifest["synthetic"] is True


def test_the_generated_register_passes_the_import_check(tmp_path: Path) -> None:
    generate(
        tmp_path,
        municipalities=national_geography().municipality_regions(),
        years=[2024],
        scale=0.0003,
        seed=1,
    )
    assert validate_extracts(sorted(tmp_path.glob("*/*.parquet"))) == []


def test_command_line_generates_computes_and_refuses_a_bad_extract(tmp_path: Path) -> None:
    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "sundhedsaftale.cli.main", "data", *args],
            capture_output=True,
            text=True,
            timeout=120,
        )

    made = run(
        "generate", "--scale", "0.0005", "--years", "2024", "--seed", "1", "--out", str(tmp_path / "r")
    )
    assert made.returncode == 0, made.stderr
    result = run(
        "indicators", str(tmp_path / "r"), "--level", "klynge", "--period", "2024", "--format", "json"
    )
    assert result.returncode == 0, result.stderr
    rows = json.loads(result.stdout)
    assert {r["niveau"] for r in rows} == {"Sundhedsklynge"}
    assert any(r["tæller"] == "<5" and r["værdi"] is None for r in rows)
    # Blocks kept by one run and read by the next give the same output (ADR 0053).
    kept = [
        run("indicators", str(tmp_path / "r"), "--format", "json", "--keep-blocks", str(tmp_path / "kept"))
        for _ in range(2)
    ]
    assert [json.loads(k.stdout) for k in kept] == [rows, rows]
    assert len(list((tmp_path / "kept").iterdir())) == 1
    wrong = run("indicators", str(tmp_path / "r"), "--level", "sogn")
    assert wrong.returncode == 2
    assert "--level: 'sogn' kendes ikke" in wrong.stderr
    bad = _write(tmp_path / "person.csv", "person_id,sex,birth_date,death_date\n1,X,1950-01-01,\n")
    refused = run("import-register", str(bad), "--out", str(tmp_path / "imp"))
    assert refused.returncode == 2
    assert "person.csv, række 2, kolonne 'sex': 'X' er ikke en tilladt værdi" in refused.stderr


def test_a_bad_definition_file_names_the_file_and_line(tmp_path: Path) -> None:
    import shutil

    from sundhedsaftale.core.errors import DataFileError
    from sundhedsaftale.indicators._definitions import DATA_DIR

    shutil.copytree(DATA_DIR, tmp_path / "indicators")
    path = tmp_path / "indicators" / "definitions.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("unit: per_1000", "unit: per_100", 1), encoding="utf-8")
    with pytest.raises(DataFileError) as raised:
        load_definitions(tmp_path / "indicators")
    line = next(i for i, row in enumerate(text.splitlines(), 1) if "unit: per_1000" in row)
    assert f"definitions.yaml, linje {line}: enheden 'per_100' er ukendt" in str(raised.value)


def test_each_indicator_alone_gives_what_it_gives_among_all(tmp_path: Path) -> None:
    """An indicator asked for alone builds only the blocks it reads, and its values do not change."""
    import datetime as dt

    reg = Register()
    for pid in range(1, 8):
        reg.person(pid, f"{1930 + 6 * pid}-02-02", municipality=(101, 147)[pid % 2])
        end = reg.admission(pid, "2024-02-01 09:00", 2, diagnosis=("DJ189", "DI219")[pid % 2])
        reg.admission(pid, end[:10] + " 22:00", 1)
        reg.admission(pid, "2024-06-01 09:00", 6, sector="psykiatri", diagnosis="DF200")
        reg.contact(pid, "2024-03-01 10:00", "2024-03-01 11:00")
        reg.gp.append((pid, dt.date(2024, 2, 6), "konsultation", False))
    directory = reg.write(tmp_path / "register")
    geography = national_geography()
    every = compute(DuckDBEngine(threads=1), directory, geography, years=[2024], levels=("land",))
    for definition in load_definitions().indicators:
        alone = compute(
            DuckDBEngine(threads=1),
            directory,
            geography,
            years=[2024],
            levels=("land",),
            indicators=[definition.id],
        )
        assert alone == [v for v in every if v.indicator == definition.id]
