"""The indicators as SQL: building blocks, then one query per indicator (ADR 0043).

Written in the subset DuckDB and Spark SQL share, so the same text runs on both; the two differences are the
``EPOCH(…)`` macro for seconds since 1970 of a timestamp (``epoch`` in DuckDB, ``unix_timestamp`` in Spark, session
time zone UTC) and ``AS MATERIALIZED`` on a common table expression, DuckDB's way of being told to compute it once,
which Spark does not know and ``to_dialect`` leaves out for it. Code lists, thresholds and windows come from ``data/indicators``, never from this file: code lists arrive as
the ``code_list`` table, thresholds as numbers formatted into the text.

Tables the queries read: ``person``, ``residence``, ``hospital_contact``, ``gp_contact`` (the register),
``geography`` (municipality → unit per level), ``periods`` (period, start_d, end_d exclusive) and ``code_list``
(period, list_id, group_id, code).

Every indicator query returns the same columns at the finest grain — ``period, municipality_code, sex, age,
numerator, denominator`` — and ``aggregate_sql`` sums them per geographic unit and age band; rates, standardisation and
suppression are computed from those sums in ``_compute``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ._definitions import Definitions, IndicatorDefinition

__all__ = [
    "BLOCKS_BY_INDICATOR",
    "BuildingBlock",
    "aggregate_sql",
    "band_label",
    "building_blocks",
    "indicator_sql",
    "stay_sql",
    "to_dialect",
]


@dataclass(frozen=True)
class BuildingBlock:
    """A table built once per run. ``by_persons``: built for one range of persons at a time (``stay_sql``'s
    ``persons``), the later ranges appended, so the stays of every person are never held at once."""

    name: str
    sql: str
    by_persons: bool = False


# The building blocks each indicator reads (the blocks they rest on come with them, in ``building_blocks`` order).
BLOCKS_BY_INDICATOR: dict[str, frozenset[str]] = {
    "befolkning": frozenset({"resident", "population"}),
    "forebyggelige_indlaeggelser_65": frozenset(
        {"stay", "admission", "resident", "population", "diagnosis_match"}
    ),
    "genindlaeggelser_somatik_30d": frozenset({"stay", "admission", "resident", "diagnosis_match"}),
    "genindlaeggelser_somatik_30d_65": frozenset({"stay", "admission", "resident", "diagnosis_match"}),
    "genindlaeggelser_psykiatri_30d": frozenset({"stay", "admission", "resident"}),
    "indlaeggelser": frozenset({"stay", "resident", "stay_start_part", "stay_start", "population"}),
    "ambulante_ophold": frozenset({"stay", "resident", "stay_start_part", "stay_start", "population"}),
    "almen_praksis_efter_udskrivning": frozenset({"stay", "admission", "resident"}),
}


def to_dialect(sql: str, dialect: str) -> str:
    if dialect == "duckdb":
        return sql.replace("EPOCH(", "epoch(")
    if dialect == "spark":
        return sql.replace("EPOCH(", "unix_timestamp(").replace(" AS MATERIALIZED (", " AS (")
    raise ValueError(f"ukendt SQL-dialekt: {dialect}")


def _age(birth: str, day: str) -> str:
    """Whole years from ``birth`` to ``day`` (both DATE), in the shared subset."""
    return (
        f"CAST(floor(((year({day}) * 10000 + month({day}) * 100 + day({day})) - "
        f"(year({birth}) * 10000 + month({birth}) * 100 + day({birth}))) / 10000.0) AS INT)"
    )


def _among(column: str, persons: tuple[int, int] | None) -> str:
    """The condition that ``column`` lies in the range of person ids (from, to exclusive); true when None."""
    if persons is None:
        return "TRUE"
    return f"{column} >= {int(persons[0])} AND {column} < {int(persons[1])}"


def _residence_on(alias: str, person: str, day: str) -> str:
    # ``resident`` (residence joined with the person, in memory) rather than the register's ``residence`` files:
    # the events it is joined with all have a person, so the rows are the same, and nothing is read again.
    return (
        f"JOIN resident {alias} ON {alias}.person_id = {person} AND {alias}.valid_from <= {day} "
        f"AND ({alias}.valid_to IS NULL OR {alias}.valid_to > {day})"
    )


def stay_sql(defs: Definitions, persons: tuple[int, int] | None = None) -> str:
    """The ``stay`` block: physical contacts of one person and sector merged while they overlap or lie at most
    ``stay_gap_hours`` apart; a stay of at least ``admission_hours`` is an admission.

    One ordering of the contacts (person, sector, start, contact id) carries everything: for each contact the
    latest end among the contacts before it (it begins a stay when it starts more than the gap after that) and the
    next contact's start (the next contact begins a stay when it starts more than the gap after the latest end up
    to and including this contact: the greater of the latest end before it and its own end, so one running maximum
    serves both).
    A contact that both begins and ends its stay is a stay of one contact, nearly every stay; only the few
    contacts of longer stays are ordered again and grouped. ``stay_no`` identifies a stay within its person and
    sector: the position of its first contact in that person's and sector's contacts. ``persons`` (from, to
    exclusive) limits the block to the persons with an id in that range.

    Only the columns the later blocks and the reading of a stay need are written (the seconds since the epoch are
    computed by ``admission``, for admissions only): writing the table is a fair part of the block's time. The
    sector and the priority are read as booleans (``psychiatric``, ``acute``; the register's schema allows two
    values of each), so the ordering partitions on a number and a truth value and carries no text but the action
    diagnosis: a quarter less time than partitioning on the sector's name (ADR 0043, fourth amendment). The
    contacts with their two marks (``f``) are computed once, for both the stays of one contact and the longer
    ones; left to itself DuckDB kept the ordering and worked the marks out twice.
    """
    gap = int(defs.stay_gap_hours * 3600)
    adm = int(defs.admission_hours * 3600)
    series = "PARTITION BY person_id, psychiatric ORDER BY start_ts, contact_id"
    these = f" AND {_among('person_id', persons)}" if persons else ""
    return f"""
WITH c AS (
  SELECT person_id, sector = 'psykiatri' AS psychiatric, contact_id, priority = 'akut' AS acute, action_diagnosis,
         start_ts, end_ts
  FROM hospital_contact WHERE physical{these}
), o AS (
  SELECT *,
         row_number() OVER ({series}) AS rn,
         max(end_ts) OVER ({series} ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS end_before,
         lead(start_ts) OVER ({series}) AS next_start
  FROM c
), f AS MATERIALIZED (
  SELECT person_id, psychiatric, rn, start_ts, end_ts, acute, action_diagnosis,
         (end_before IS NULL OR EPOCH(start_ts) > EPOCH(end_before) + {gap}) AS first_contact,
         -- The latest end up to and including this contact, without a second running maximum: greatest, like
         -- max, passes over a NULL.
         (next_start IS NULL OR EPOCH(next_start) > EPOCH(greatest(end_before, end_ts)) + {gap}) AS last_contact
  FROM o
), longer AS (
  SELECT *, max(CASE WHEN first_contact THEN rn END) OVER (
              PARTITION BY person_id, psychiatric ORDER BY rn ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS stay_no
  FROM f WHERE NOT (first_contact AND last_contact)
), x AS (
  SELECT person_id, psychiatric, rn AS stay_no, start_ts, end_ts, acute, action_diagnosis, 1 AS contacts
  FROM f WHERE first_contact AND last_contact
  UNION ALL
  SELECT person_id, psychiatric, stay_no, min(start_ts), max(end_ts),
         bool_or(first_contact AND acute), max(CASE WHEN first_contact THEN action_diagnosis END), count(*)
  FROM longer GROUP BY person_id, psychiatric, stay_no
)
SELECT person_id, psychiatric, stay_no, start_ts, end_ts, acute, action_diagnosis, CAST(contacts AS BIGINT) AS contacts,
       EPOCH(end_ts) - EPOCH(start_ts) >= {adm} AS is_admission
FROM x"""


def building_blocks(defs: Definitions, persons: tuple[int, int] | None = None) -> list[BuildingBlock]:
    """In the order they are built: ``resident`` (each residence spell with the person's sex, birth and death),
    ``population`` (residents on each period's 1 January), then for one range of persons at a time ``stay``
    (physical contacts merged), ``admission`` (stays ≥ 12 h with age and death) and ``stay_start_part`` (stays
    counted by residence, sex and age on their first day), then ``stay_start`` (those counts summed over the
    ranges) and ``diagnosis_match`` (each action diagnosis of an admission against each code list of each
    period: a small table, so indicators join on equality).

    ``persons`` (from, to exclusive) limits the blocks built by ranges of persons to that range, the person and
    residence tables they join included: each range then reads only its own persons, not every person again."""
    stay = stay_sql(defs, persons)
    admission = f"""
SELECT x.person_id, x.psychiatric, x.stay_no, EPOCH(x.start_ts) AS s, EPOCH(x.end_ts) AS e,
       x.acute, x.action_diagnosis,
       CAST(x.start_ts AS DATE) AS start_d, CAST(x.end_ts AS DATE) AS end_d, p.sex,
       {_age("p.birth_date", "CAST(x.start_ts AS DATE)")} AS age_start,
       {_age("p.birth_date", "CAST(x.end_ts AS DATE)")} AS age_end,
       (p.death_date IS NOT NULL AND p.death_date <= CAST(x.end_ts AS DATE)) AS died
FROM stay x JOIN person p ON p.person_id = x.person_id
WHERE x.is_admission AND {_among("p.person_id", persons)}"""
    # Each residence spell with the person's sex and dates, joined once: the population and the stays by
    # residence read it instead of joining person and residence each.
    resident = """
SELECT r.person_id, r.municipality_code, r.valid_from, r.valid_to, p.sex, p.birth_date, p.death_date
FROM residence r JOIN person p ON p.person_id = r.person_id"""
    population = f"""
SELECT pr.period, r.municipality_code, r.sex, {_age("r.birth_date", "pr.start_d")} AS age, count(*) AS n
FROM periods pr
JOIN resident r ON r.birth_date <= pr.start_d AND (r.death_date IS NULL OR r.death_date > pr.start_d)
     AND r.valid_from <= pr.start_d AND (r.valid_to IS NULL OR r.valid_to > pr.start_d)
GROUP BY pr.period, r.municipality_code, r.sex, {_age("r.birth_date", "pr.start_d")}"""
    # Stays by where and how old the person was on the day the stay began: counted once for admissions and
    # outpatient stays alike (one pass over every stay instead of one per indicator), by the calendar year they
    # began in, which is what a period is (``_compute._periods``): the counts do not depend on the periods asked
    # for, so they can be kept between runs (``_kept``), and ``stay_start`` joins the periods on a few thousand
    # sums instead of every stay. The residence is joined in the inner query, because DuckDB chose a slower order
    # for the whole country when it stood beside another join (ADR 0043, third amendment).
    stay_start_part = f"""
SELECT year(x.start_d) AS start_year, x.municipality_code, x.sex, x.age, x.is_admission, count(*) AS n
FROM (
  SELECT r.municipality_code, r.sex, {_age("r.birth_date", "s.start_d")} AS age, s.is_admission, s.start_d
  FROM (SELECT person_id, is_admission, CAST(start_ts AS DATE) AS start_d FROM stay) s
  JOIN resident r ON r.person_id = s.person_id AND r.valid_from <= s.start_d
       AND (r.valid_to IS NULL OR r.valid_to > s.start_d) AND {_among("r.person_id", persons)}
) x
GROUP BY year(x.start_d), x.municipality_code, x.sex, x.age, x.is_admission"""
    stay_start = """
SELECT pr.period, x.municipality_code, x.sex, x.age, x.is_admission, CAST(sum(x.n) AS BIGINT) AS n
FROM stay_start_part x JOIN periods pr ON x.start_year = year(pr.start_d)
GROUP BY pr.period, x.municipality_code, x.sex, x.age, x.is_admission"""
    diagnosis_match = """
SELECT DISTINCT c.period, c.list_id, d.action_diagnosis
FROM (SELECT DISTINCT action_diagnosis FROM admission) d
JOIN code_list c ON substr(d.action_diagnosis, 1, length(c.code)) = c.code"""
    return [
        BuildingBlock("resident", resident),
        BuildingBlock("population", population),
        BuildingBlock("stay", stay, by_persons=True),
        BuildingBlock("admission", admission, by_persons=True),
        BuildingBlock("stay_start_part", stay_start_part, by_persons=True),
        BuildingBlock("stay_start", stay_start),
        BuildingBlock("diagnosis_match", diagnosis_match),
    ]


def _per_population(events: str, min_age: int) -> str:
    return f"""
{events}
UNION ALL
SELECT period, municipality_code, sex, age, 0 AS numerator, n AS denominator
FROM population WHERE age >= {min_age}"""


def _readmissions(
    ind: IndicatorDefinition, psychiatric: bool, index_excluded: str | None, excluded: str | None
) -> str:
    window = ind.window_days * 86400
    # The sector of the index admission (alias x) and of the readmission (alias c): the same.
    in_sector = "{}.psychiatric" if psychiatric else "NOT {}.psychiatric"
    idx_join = (
        f"LEFT JOIN diagnosis_match mx ON mx.period = pr.period AND mx.list_id = '{index_excluded}' "
        "AND mx.action_diagnosis = x.action_diagnosis"
        if index_excluded
        else ""
    )
    idx_where = "AND mx.action_diagnosis IS NULL AND NOT x.died" if index_excluded else ""
    re_join = (
        f"LEFT JOIN diagnosis_match mr ON mr.period = i.period AND mr.list_id = '{excluded}' "
        "AND mr.action_diagnosis = c.action_diagnosis"
        if excluded
        else ""
    )
    re_where = "WHERE mr.action_diagnosis IS NULL" if excluded else ""
    return f"""
WITH idx AS (
  SELECT pr.period, x.person_id, x.stay_no, x.e, x.end_d, x.sex, x.age_end
  FROM admission x
  JOIN periods pr ON x.end_d >= pr.start_d AND x.end_d < pr.end_d
  {idx_join}
  WHERE {in_sector.format("x")} AND x.age_end >= {ind.min_age} {idx_where}
), hit AS (
  SELECT DISTINCT i.person_id, i.stay_no
  FROM idx i
  JOIN admission c ON c.person_id = i.person_id AND {in_sector.format("c")} AND c.acute
       AND c.s > i.e AND c.s <= i.e + {window}
  {re_join}
  {re_where}
)
SELECT i.period, r.municipality_code, i.sex, i.age_end AS age,
       count(h.person_id) AS numerator, count(*) AS denominator
FROM idx i
LEFT JOIN hit h ON h.person_id = i.person_id AND h.stay_no = i.stay_no
{_residence_on("r", "i.person_id", "i.end_d")}
GROUP BY i.period, r.municipality_code, i.sex, i.age_end"""


def indicator_sql(ind: IndicatorDefinition) -> str:
    """The finest-grain query of one indicator (columns: period, municipality_code, sex, age, numerator, denominator)."""
    if ind.id == "befolkning":
        return "SELECT period, municipality_code, sex, age, n AS numerator, n AS denominator FROM population"
    if ind.id == "forebyggelige_indlaeggelser_65":
        events = f"""
SELECT pr.period, r.municipality_code, x.sex, x.age_start AS age, count(*) AS numerator, 0 AS denominator
FROM admission x
JOIN periods pr ON x.start_d >= pr.start_d AND x.start_d < pr.end_d
JOIN diagnosis_match m ON m.period = pr.period AND m.list_id = '{ind.code_list}'
     AND m.action_diagnosis = x.action_diagnosis
{_residence_on("r", "x.person_id", "x.start_d")}
WHERE NOT x.psychiatric AND x.acute AND x.age_start >= {ind.min_age}
GROUP BY pr.period, r.municipality_code, x.sex, x.age_start"""
        return _per_population(events, ind.min_age)
    if ind.id in ("genindlaeggelser_somatik_30d", "genindlaeggelser_somatik_30d_65"):
        return _readmissions(ind, False, "genindlaeggelse_indeks_undtaget", "genindlaeggelse_undtaget")
    if ind.id == "genindlaeggelser_psykiatri_30d":
        return _readmissions(ind, True, None, None)
    if ind.id in ("indlaeggelser", "ambulante_ophold"):
        admissions = ind.id == "indlaeggelser"
        events = f"""
SELECT period, municipality_code, sex, age, n AS numerator, 0 AS denominator
FROM stay_start WHERE {"is_admission" if admissions else "NOT is_admission"} AND age >= {ind.min_age}"""
        return _per_population(events, ind.min_age)
    if ind.id == "almen_praksis_efter_udskrivning":
        window = ind.window_days * 86400
        return f"""
WITH idx AS (
  SELECT pr.period, x.person_id, x.stay_no, x.end_d, x.sex, x.age_end
  FROM admission x
  JOIN periods pr ON x.end_d >= pr.start_d AND x.end_d < pr.end_d
  WHERE NOT x.psychiatric AND x.age_end >= {ind.min_age} AND NOT x.died
), hit AS (
  SELECT DISTINCT i.person_id, i.stay_no
  FROM idx i
  JOIN gp_contact g ON g.person_id = i.person_id
       AND EPOCH(g.contact_date) >= EPOCH(i.end_d) AND EPOCH(g.contact_date) <= EPOCH(i.end_d) + {window}
)
SELECT i.period, r.municipality_code, i.sex, i.age_end AS age,
       count(h.person_id) AS numerator, count(*) AS denominator
FROM idx i
LEFT JOIN hit h ON h.person_id = i.person_id AND h.stay_no = i.stay_no
{_residence_on("r", "i.person_id", "i.end_d")}
GROUP BY i.period, r.municipality_code, i.sex, i.age_end"""
    raise KeyError(f"indikatoren '{ind.id}' har ingen SQL")


def band_label(low: int, high: int) -> str:
    """How an age band is named: "65-74", or "85+" for the open one (an upper bound of 200 or more)."""
    return f"{low}+" if high >= 200 else f"{low}-{high}"


def _band_sql(column: str, bands: Sequence[tuple[int, int]]) -> str:
    """The position in ``bands`` of the first band that holds ``column``; -1 for an age in none of them."""
    whens = " ".join(
        f"WHEN {column} BETWEEN {int(low)} AND {int(high)} THEN {n}" for n, (low, high) in enumerate(bands)
    )
    return f"CASE {whens} ELSE -1 END" if bands else "-1"


def aggregate_sql(fine: str, bands: Sequence[tuple[int, int]]) -> str:
    """Sum a finest-grain query per geographic unit, period, sex and age band (its position in ``bands``, -1 for
    none; a number, so that rows sorted by it keep the bands in order of age).

    Summed by band here rather than by year of age in Python: the standardisation and the population by age need
    no finer stratum, and for five years of the whole country that is a fifth of the rows to fetch and sort."""
    return f"""
SELECT g.level, g.unit_id, f.period, f.sex, f.band, sum(f.numerator) AS numerator, sum(f.denominator) AS denominator
FROM (SELECT period, municipality_code, sex, {_band_sql("age", bands)} AS band, numerator, denominator
      FROM ({fine}) fine) f
JOIN geography g ON g.municipality_code = f.municipality_code
GROUP BY g.level, g.unit_id, f.period, f.sex, f.band"""
