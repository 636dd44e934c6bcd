"""A seeded synthetic register in the shape the indicators read (ADR 0043, docs/data.md).

Persons, residence spells (moves), births and deaths, hospital contacts with timestamps (acute/planned,
somatic/psychiatric, physical/virtual, action diagnosis as an SKS code; transfers split an admission into two
contacts a few hours apart) and GP contacts. Everything is drawn with numpy from one seeded generator per year,
whole arrays at a time (no loop per row), so the whole country (scale 1.0) takes minutes.

The marginals follow the public figures in the research (docs/data.md, "Volumener"): about 6.0 M residents,
≈ 0.79 M admissions ≥ 12 h, ≈ 11.9 M outpatient stays and ≈ 41 M GP contacts a year [V: DST, KL, SDS]; the age
profile (65+ ≈ 20 %, 80+ ≈ 5 %) [V, secondary]; region sizes (Sjælland 0.85 M [V], the others [?]). Everything
else is our assumption [?] and is named in ``PARAMETERS``. The data are synthetic: no value describes a person.

Same seed, scale and years → the same files, byte for byte (with the same numpy and pyarrow).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

from ._schema import TABLES

__all__ = ["GENERATOR_VERSION", "PARAMETERS", "GeneratedRegister", "generate"]

GENERATOR_VERSION = "1"

# Every figure the generator draws from, with its marker. [V] from the research's sources, [?] our assumption.
PARAMETERS: dict[str, Any] = {
    "residents": (6_000_000, "[V] DST: 5,993,317 (November 2024)"),
    "region_residents": (
        {"1081": 590_000, "1082": 1_370_000, "1083": 1_240_000, "1084": 1_900_000, "1085": 853_000},
        "[V] Sjælland 852,953 (FOLK1A, 2024); the other four [?] as quoted in the research",
    ),
    "age_shares": (
        {"0-64": 0.80, "65-79": 0.15, "80-99": 0.05},
        "[V] 65+ ≈ 20 %, 80+ ≈ 5 % (DST); shape within bands [?]",
    ),
    "admissions_per_person_year": (
        {"0-64": 0.083, "65-79": 0.235, "80+": 0.45},
        "[?] by age, tuned so the total lands near 0.79 M admissions ≥ 12 h (DST 2021 [V])",
    ),
    "outpatient_per_person_year": (
        2.5,
        "[V] 11.86 M outpatient stays (DST 2021) / 6.0 M ≈ 2.0; contacts on the same day merge into one stay, so more "
        "contacts are drawn [?]; age profile [?]",
    ),
    "gp_per_person_year": (6.8, "[V] ≈ 41 M GP contacts a year (DST 2009–2019) / 6.0 M; age profile [?]"),
    "frailty_shape": (0.6, "[?] gamma frailty (mean 1) shared by hospital and GP activity: over-dispersion"),
    "psychiatric_share": (
        {"0-17": 0.04, "18-64": 0.12, "65+": 0.02},
        "[?] ≈ 46,000 psychiatric admissions (SDS 2015 [V])",
    ),
    "acute_share": ({"somatik": 0.68, "psykiatri": 0.75}, "[?]"),
    "length_of_stay_days": ({"somatik": 4.3, "psykiatri": 15.5}, "[V] KL 2021 means"),
    "readmission_probability": (
        {"somatik<65": 0.08, "somatik65+": 0.13, "psykiatri": 0.30},
        "[?] tuned towards 11–22 % somatic 65+ and ≈ 23 % psychiatric (SDS [V])",
    ),
    "preventable_share_acute_65": (0.25, "[?] tuned towards ≈ 72,000 preventable admissions (DI 2023 [V])"),
    "transfer_share": (0.15, "[?] admissions split into two contacts < 4 h apart"),
    "virtual_share": (
        0.25,
        "[?] virtual contacts per physical outpatient contact (ignored by the indicators)",
    ),
    "birth_rate": (0.0105, "[?] births per resident a year"),
    "move_rate": (0.05, "[?] moves between municipalities per resident a year; 70 % within the region"),
    "in_hospital_death_share": (0.4, "[?] deaths that end an admission"),
}

# Diagnosis vocabularies (SKS, with the "D" prefix): what the generator writes, not what the indicators read.
_PREVENTABLE = ["DE869", "DK590", "DJ189", "DJ159", "DJ209", "DJ22", "DN309", "DN390", "DA099", "DS720",
                "DS525", "DS422", "DD509", "DD519", "DZ740", "DZ758", "DL899"]  # fmt: skip
_CANCER = ["DC349", "DC509", "DC189", "DC619", "DD059"]
_INJURY = ["DS060", "DS821", "DT140", "DT424", "DX609", "DS610"]
_BIRTH = ["DO800", "DO829", "DO810"]
_COMPANION = ["DZ763"]
_GENERAL = ["DI219", "DI500", "DI489", "DK802", "DM161", "DR074", "DN189", "DE119", "DJ441", "DI639",
            "DR109", "DK358", "DT814"]  # fmt: skip
_PSYCH = ["DF200", "DF322", "DF102", "DF259", "DF431", "DF603", "DF319"]
_VOCAB = sorted(set(_PREVENTABLE + _CANCER + _INJURY + _BIRTH + _COMPANION + _GENERAL + _PSYCH))
_CODE_INDEX = {code: i for i, code in enumerate(_VOCAB)}
_GP_TYPES = ["konsultation", "telefon", "email", "video", "sygebesøg"]
_GP_TYPE_P = [0.55, 0.25, 0.17, 0.01, 0.02]

_DAY = np.timedelta64(1, "D")
_MS_PER_DAY = 86_400_000


@dataclass(frozen=True)
class GeneratedRegister:
    directory: Path
    persons: int
    counts: dict[str, int]  # per table, all years
    per_year: dict[int, dict[str, int]]  # admissions, outpatient contacts, GP contacts per year


def _codes_array(rng: np.random.Generator, vocab: Sequence[str], n: int) -> np.ndarray:
    idx = np.array([_CODE_INDEX[c] for c in vocab], dtype=np.int32)
    return idx[rng.integers(0, len(idx), n)]


def _age_profile() -> np.ndarray:
    """Probability of each age 0–99 on 1 January: flat within 0–64 and 65–79, falling geometrically from 80."""
    shares = PARAMETERS["age_shares"][0]
    p = np.zeros(100)
    p[:65] = shares["0-64"] / 65
    p[65:80] = shares["65-79"] / 15
    tail = 0.85 ** np.arange(20)
    p[80:] = shares["80-99"] * tail / tail.sum()
    result: np.ndarray = p / p.sum()
    return result


def _municipality_weights(
    rng: np.random.Generator, municipalities: dict[str, str]
) -> tuple[np.ndarray, np.ndarray]:
    """Municipality codes and their share of residents: each region's total [V/?] split by synthetic weights."""
    regions = PARAMETERS["region_residents"][0]
    codes = np.array(sorted(municipalities, key=int), dtype=np.int16)
    weights = rng.lognormal(0.0, 0.8, len(codes))
    share = np.zeros(len(codes))
    for region, total in regions.items():
        mask = np.array([municipalities[str(c)] == region for c in codes])
        share[mask] = total * weights[mask] / weights[mask].sum()
    return codes, share / share.sum()


def _by_age(age: np.ndarray, table: dict[str, float]) -> np.ndarray:
    out = np.empty(len(age))
    for band, value in table.items():
        if band.endswith("+"):
            lo, hi = int(band[:-1]), 999
        else:
            lo, hi = (int(x) for x in band.split("-"))
        out[(age >= lo) & (age <= hi)] = value
    return out


def _ms(days: np.ndarray) -> np.ndarray:
    """Days since 1970 as float → datetime64[ms]."""
    return (np.round(days * _MS_PER_DAY)).astype("int64").astype("datetime64[ms]")


def generate(
    out: Path,
    *,
    municipalities: dict[str, str],
    years: Sequence[int],
    scale: float = 0.01,
    seed: int = 1,
) -> GeneratedRegister:
    """Write the register for ``years`` (consecutive) at ``scale`` × the country to ``out`` as Parquet.

    ``municipalities`` maps municipality code → region code (the reference data). Layout: ``person/``,
    ``residence/``, ``hospital_contact/<year>.parquet``, ``gp_contact/<year>.parquet`` and ``manifest.json``.
    """
    years = sorted(years)
    if not years or years != list(range(years[0], years[-1] + 1)):
        raise ValueError("årene skal være på hinanden følgende, fx 2023-2024")
    if not 0 < scale <= 2:
        raise ValueError("skalaen skal være over 0 og højst 2")
    rng = np.random.default_rng([seed, 0])
    codes, code_p = _municipality_weights(rng, municipalities)
    region_of = np.array([int(municipalities[str(c)]) for c in codes], dtype=np.int16)

    n = max(round(PARAMETERS["residents"][0] * scale), 10)
    first = np.datetime64(f"{years[0]}-01-01")
    day0 = (first - np.datetime64("1970-01-01")) / _DAY  # days since 1970 of the first 1 January
    age = rng.choice(100, n, p=_age_profile())
    # Birth as days since 1970 (float): age on the first 1 January is exactly ``age``.
    birth = day0 - age * 365.25 - rng.uniform(0, 365, n)
    sex = rng.random(n) < 0.5  # True: K
    frailty = rng.gamma(PARAMETERS["frailty_shape"][0], 1 / PARAMETERS["frailty_shape"][0], n)
    muni_idx = rng.choice(len(codes), n, p=code_p)
    death = np.full(n, np.inf)
    res_person = [np.arange(n)]
    res_code = [codes[muni_idx]]
    res_from = [np.floor(birth)]

    out.mkdir(parents=True, exist_ok=True)
    for name in ("person", "residence", "hospital_contact", "gp_contact"):
        (out / name).mkdir(exist_ok=True)
        for old in (out / name).glob("*.parquet"):
            old.unlink()
    per_year: dict[int, dict[str, int]] = {}
    totals = {"hospital_contact": 0, "gp_contact": 0}

    for year in years:
        yrng = np.random.default_rng([seed, year])
        y0 = (np.datetime64(f"{year}-01-01") - np.datetime64("1970-01-01")) / _DAY
        y1 = (np.datetime64(f"{year + 1}-01-01") - np.datetime64("1970-01-01")) / _DAY
        # Births during the year join the population.
        births = round(len(birth) * PARAMETERS["birth_rate"][0])
        new_birth = yrng.uniform(y0, y1, births)
        new_idx = np.arange(len(birth), len(birth) + births)
        birth = np.concatenate([birth, new_birth])
        sex = np.concatenate([sex, yrng.random(births) < 0.5])
        frailty = np.concatenate(
            [frailty, yrng.gamma(PARAMETERS["frailty_shape"][0], 1 / PARAMETERS["frailty_shape"][0], births)]
        )
        new_muni = yrng.choice(len(codes), births, p=code_p)
        muni_idx = np.concatenate([muni_idx, new_muni])
        death = np.concatenate([death, np.full(births, np.inf)])
        res_person.append(new_idx)
        res_code.append(codes[new_muni])
        res_from.append(np.floor(new_birth))

        alive = death > y0
        age_y = np.floor((y0 - birth) / 365.25).clip(0)
        # Deaths: Gompertz mortality by age [?], on a uniform day of the year.
        q = np.minimum(0.00002 * np.exp(0.1 * age_y), 0.5)
        dies = alive & (yrng.random(len(birth)) < q)
        death_day = np.maximum(yrng.uniform(y0, y1, len(birth)), birth + 1)
        death = np.where(dies & (death_day < y1), death_day, death)
        # Moves: a new municipality from a day in the year, mostly within the region.
        moves = np.flatnonzero(alive & (yrng.random(len(birth)) < PARAMETERS["move_rate"][0]))
        move_day = np.floor(np.maximum(yrng.uniform(y0, y1, len(moves)), birth[moves] + 1))
        keep = move_day < np.minimum(death[moves], y1)
        moves, move_day = moves[keep], move_day[keep]
        target = yrng.choice(len(codes), len(moves), p=code_p)
        same_region = yrng.random(len(moves)) < 0.7
        for r in np.unique(region_of):
            in_r = np.flatnonzero(region_of == r)
            pick = same_region & (region_of[muni_idx[moves]] == r)
            p_r = code_p[in_r] / code_p[in_r].sum()
            target[pick] = in_r[yrng.choice(len(in_r), int(pick.sum()), p=p_r)]
        moved = target != muni_idx[moves]
        moves, move_day, target = moves[moved], move_day[moved], target[moved]
        muni_idx[moves] = target
        res_person.append(moves)
        res_code.append(codes[target])
        res_from.append(move_day)

        # Exposure: the part of the year each person was born and alive.
        start = np.maximum(birth, y0)
        stop = np.minimum(death, y1)
        exposure = np.clip(stop - start, 0, None) / (y1 - y0)
        age_mid = age_y
        contacts = _hospital_year(yrng, year, birth, sex, frailty, age_mid, start, stop, exposure, death, y1)
        gp = _gp_year(yrng, frailty, age_mid, start, stop, exposure)
        pq.write_table(contacts, out / "hospital_contact" / f"{year}.parquet", compression="zstd")
        pq.write_table(gp, out / "gp_contact" / f"{year}.parquet", compression="zstd")
        totals["hospital_contact"] += contacts.num_rows
        totals["gp_contact"] += gp.num_rows
        per_year[year] = {"hospital_contact": contacts.num_rows, "gp_contact": gp.num_rows}

    last = (np.datetime64(f"{years[-1] + 1}-01-01") - np.datetime64("1970-01-01")) / _DAY
    person = pa.table(
        {
            "person_id": pa.array(np.arange(len(birth), dtype=np.int64)),
            "sex": pa.array(np.where(sex, "K", "M")),
            "birth_date": pa.array(np.floor(birth).astype("int64").astype("datetime64[D]")),
            "death_date": pa.array(
                np.where(death < last, np.floor(np.minimum(death, last)), 0)
                .astype("int64")
                .astype("datetime64[D]"),
                mask=~(death < last),
            ),
        },
        schema=TABLES["person"].arrow_schema(),
    )
    pq.write_table(person, out / "person" / "person.parquet", compression="zstd")

    rp = np.concatenate(res_person)
    rc = np.concatenate(res_code)
    rf = np.concatenate(res_from)
    order = np.lexsort((rf, rp))
    rp, rc, rf = rp[order], rc[order], rf[order]
    same_next = np.r_[rp[1:] == rp[:-1], False]
    rt = np.r_[rf[1:], 0.0]
    residence = pa.table(
        {
            "person_id": pa.array(rp.astype(np.int64)),
            "municipality_code": pa.array(rc.astype(np.int16)),
            "valid_from": pa.array(rf.astype("int64").astype("datetime64[D]")),
            "valid_to": pa.array(rt.astype("int64").astype("datetime64[D]"), mask=~same_next),
        },
        schema=TABLES["residence"].arrow_schema(),
    )
    pq.write_table(residence, out / "residence" / "residence.parquet", compression="zstd")
    counts = {"person": person.num_rows, "residence": residence.num_rows, **totals}
    manifest = {
        "generator": "sundhedsaftale.indicators.synth",
        "generator_version": GENERATOR_VERSION,
        "seed": seed,
        "scale": scale,
        "years": years,
        "counts": counts,
        "per_year": {str(k): v for k, v in per_year.items()},
        "synthetic": True,
        "note": "Syntetiske data: ingen værdi beskriver en person. Fordelingerne følger offentlige tal [V] og antagelser [?].",
    }
    (out / "manifest.json").write_text(
        json.dumps(manifest, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
    return GeneratedRegister(out, len(birth), counts, per_year)


def _uniform_in(rng: np.random.Generator, start: np.ndarray, stop: np.ndarray) -> np.ndarray:
    result: np.ndarray = start + rng.random(len(start)) * (stop - start)
    return result


def _hospital_year(
    rng: np.random.Generator,
    year: int,
    birth: np.ndarray,
    sex: np.ndarray,
    frailty: np.ndarray,
    age: np.ndarray,
    start: np.ndarray,
    stop: np.ndarray,
    exposure: np.ndarray,
    death: np.ndarray,
    y1: float,
) -> pa.Table:
    # Admissions (one contact each before transfers are split off).
    rate = _by_age(age, PARAMETERS["admissions_per_person_year"][0]) * frailty * exposure
    who = np.repeat(np.arange(len(age)), rng.poisson(rate))
    # In-hospital deaths: an admission that ends on the day of death.
    dying = np.flatnonzero((death >= start) & (death < stop))
    dying = dying[rng.random(len(dying)) < PARAMETERS["in_hospital_death_share"][0]]
    a_age = age[who]
    psych_p = _by_age(a_age, PARAMETERS["psychiatric_share"][0])
    psych = rng.random(len(who)) < psych_p
    los_mean = np.where(
        psych,
        PARAMETERS["length_of_stay_days"][0]["psykiatri"],
        PARAMETERS["length_of_stay_days"][0]["somatik"],
    )
    a_start = _uniform_in(rng, start[who], stop[who])
    a_end = a_start + 0.5 + rng.exponential(los_mean - 0.5)
    a_end = np.minimum(a_end, death[who])
    # Readmissions: a follow-up acute admission in the same sector, mostly within 30 days.
    re_p = np.where(psych, PARAMETERS["readmission_probability"][0]["psykiatri"],
                    np.where(a_age >= 65, PARAMETERS["readmission_probability"][0]["somatik65+"],
                             PARAMETERS["readmission_probability"][0]["somatik<65"]))  # fmt: skip
    re = np.flatnonzero((rng.random(len(who)) < re_p) & (a_end < death[who]))
    r_start = a_end[re] + 0.2 + rng.exponential(8.0, len(re))
    r_end = r_start + 0.5 + rng.exponential(los_mean[re] - 0.5)
    keep = r_start < np.minimum(death[who[re]], y1)
    re, r_start, r_end = re[keep], r_start[keep], np.minimum(r_end[keep], death[who[re[keep]]])
    d_start = death[dying] - 0.5 - rng.exponential(5.0, len(dying))
    adm_person = np.concatenate([who, who[re], dying])
    adm_start = np.concatenate([a_start, r_start, np.maximum(d_start, birth[dying])])
    adm_end = np.concatenate([a_end, r_end, death[dying]])
    adm_psych = np.concatenate([psych, psych[re], np.zeros(len(dying), dtype=bool)])
    k = len(adm_person)
    acute_p = np.where(
        adm_psych, PARAMETERS["acute_share"][0]["psykiatri"], PARAMETERS["acute_share"][0]["somatik"]
    )
    adm_acute = rng.random(k) < acute_p
    adm_acute[len(who) : len(who) + len(re)] = True
    adm_acute[len(who) + len(re) :] = True
    adm_age = age[adm_person]
    adm_diag = _admission_diagnoses(rng, adm_psych, adm_acute, adm_age, sex[adm_person])
    # Readmissions never carry an excluded diagnosis in the generator: they are meant to count.
    n_re = len(re)
    adm_diag[len(who) : len(who) + n_re] = np.where(
        adm_psych[len(who) : len(who) + n_re],
        _codes_array(rng, _PSYCH, n_re),
        _codes_array(rng, _GENERAL + _PREVENTABLE[:9], n_re),
    )
    # Transfers: an admission split into two contacts with a gap under 4 hours (one stay after merging).
    split = rng.random(k) < PARAMETERS["transfer_share"][0]
    cut = adm_start[split] + rng.uniform(0.1, 0.9, int(split.sum())) * (adm_end[split] - adm_start[split])
    gap = rng.uniform(0, 3.5 / 24, int(split.sum()))
    second_end = np.minimum(adm_end[split] + gap, np.maximum(death[adm_person[split]], adm_end[split]))
    ends = adm_end.copy()
    ends[split] = cut
    h_person = [adm_person, adm_person[split]]
    h_start = [adm_start, cut + gap]
    h_end = [ends, np.maximum(second_end, cut + gap)]
    h_psych = [adm_psych, adm_psych[split]]
    h_acute = [adm_acute, np.zeros(int(split.sum()), dtype=bool)]
    h_diag = [adm_diag, _codes_array(rng, _GENERAL, int(split.sum()))]
    h_physical = [np.ones(k, dtype=bool), np.ones(int(split.sum()), dtype=bool)]

    # Outpatient contacts (< 12 h) in the daytime, and virtual contacts the indicators must ignore.
    o_rate = PARAMETERS["outpatient_per_person_year"][0] * _by_age(
        age, {"0-64": 0.85, "65-79": 1.6, "80+": 2.0}
    )
    o_who = np.repeat(np.arange(len(age)), rng.poisson(o_rate * frailty * exposure))
    m = len(o_who)
    o_day = np.floor(_uniform_in(rng, start[o_who], stop[o_who]))
    o_start = o_day + rng.uniform(7 / 24, 16 / 24, m)
    o_end = o_start + np.minimum(0.25 + rng.exponential(1.2, m), 8.0) / 24
    o_psych = rng.random(m) < 0.06
    o_acute = rng.random(m) < 0.10
    o_diag = np.where(
        o_psych, _codes_array(rng, _PSYCH, m), _codes_array(rng, _GENERAL + _CANCER + _INJURY, m)
    )
    virtual = rng.random(m) < PARAMETERS["virtual_share"][0] / (1 + PARAMETERS["virtual_share"][0])
    h_person.append(o_who)
    h_start.append(o_start)
    h_end.append(o_end)
    h_psych.append(o_psych)
    h_acute.append(o_acute)
    h_diag.append(o_diag)
    h_physical.append(~virtual)

    person = np.concatenate(h_person)
    start_d = np.concatenate(h_start)
    end_d = np.concatenate(h_end)
    order = np.lexsort((start_d, person))
    n_rows = len(person)
    diag_idx = np.concatenate(h_diag).astype(np.int32)[order]
    return pa.table(
        {
            "contact_id": pa.array(np.int64(year) * 10_000_000_000 + np.arange(n_rows, dtype=np.int64)),
            "person_id": pa.array(person[order].astype(np.int64)),
            "start_ts": pa.array(_ms(start_d[order])),
            "end_ts": pa.array(_ms(end_d[order])),
            "priority": pa.DictionaryArray.from_arrays(
                pa.array(np.concatenate(h_acute)[order].astype(np.int8) * -1 + 1),
                pa.array(["akut", "planlagt"]),
            ).cast(pa.string()),
            "sector": pa.DictionaryArray.from_arrays(
                pa.array(np.concatenate(h_psych)[order].astype(np.int8)), pa.array(["somatik", "psykiatri"])
            ).cast(pa.string()),
            "physical": pa.array(np.concatenate(h_physical)[order]),
            "action_diagnosis": pa.DictionaryArray.from_arrays(pa.array(diag_idx), pa.array(_VOCAB)).cast(
                pa.string()
            ),
        },
        schema=TABLES["hospital_contact"].arrow_schema(),
    )


def _admission_diagnoses(
    rng: np.random.Generator, psych: np.ndarray, acute: np.ndarray, age: np.ndarray, female: np.ndarray
) -> np.ndarray:
    k = len(psych)
    u = rng.random(k)
    diag = _codes_array(rng, _GENERAL, k)
    old_acute = acute & (age >= 65) & ~psych
    p_prev = PARAMETERS["preventable_share_acute_65"][0]
    prev = np.where(old_acute, u < p_prev, u < 0.04)
    cancer = ~prev & (u >= 0.30) & (u < 0.37)
    injury = ~prev & acute & (u >= 0.37) & (u < 0.45)
    birth = ~prev & female & (age >= 18) & (age <= 45) & (u >= 0.45) & (u < 0.75)
    companion = (u >= 0.995) & ~psych
    diag = np.where(prev, _codes_array(rng, _PREVENTABLE, k), diag)
    diag = np.where(cancer, _codes_array(rng, _CANCER, k), diag)
    diag = np.where(injury, _codes_array(rng, _INJURY, k), diag)
    diag = np.where(birth & ~psych, _codes_array(rng, _BIRTH, k), diag)
    diag = np.where(companion, _codes_array(rng, _COMPANION, k), diag)
    return np.where(psych, _codes_array(rng, _PSYCH, k), diag)


def _gp_year(
    rng: np.random.Generator,
    frailty: np.ndarray,
    age: np.ndarray,
    start: np.ndarray,
    stop: np.ndarray,
    exposure: np.ndarray,
) -> pa.Table:
    rate = (
        PARAMETERS["gp_per_person_year"][0]
        * _by_age(age, {"0-17": 0.7, "18-64": 0.85, "65-79": 1.5, "80+": 2.2})
        * (0.5 + 0.5 * frailty)
        * exposure
    )
    who = np.repeat(np.arange(len(age)), rng.poisson(rate))
    n = len(who)
    day = np.floor(_uniform_in(rng, start[who], stop[who]))
    order = np.lexsort((day, who))
    kind = rng.choice(len(_GP_TYPES), n, p=_GP_TYPE_P).astype(np.int8)
    return pa.table(
        {
            "person_id": pa.array(who[order].astype(np.int64)),
            "contact_date": pa.array(day[order].astype("int64").astype("datetime64[D]")),
            "contact_type": pa.DictionaryArray.from_arrays(pa.array(kind), pa.array(_GP_TYPES)).cast(
                pa.string()
            ),
            "out_of_hours": pa.array(rng.random(n) < 0.08),
        },
        schema=TABLES["gp_contact"].arrow_schema(),
    )


def parse_years(text: str) -> list[int]:
    """``2024`` or ``2023-2024`` → the years; anything else raises ValueError with a Danish message."""
    parts = text.split("-")
    try:
        bounds = [int(p) for p in parts]
    except ValueError:
        raise ValueError(f"'{text}' er ikke et år eller et interval som 2023-2024") from None
    if len(bounds) == 1:
        bounds.append(bounds[0])
    if len(bounds) != 2 or not (2000 <= bounds[0] <= bounds[1] <= 2100):
        raise ValueError(f"'{text}' er ikke et år eller et interval som 2023-2024 (2000–2100)")
    return list(range(bounds[0], bounds[1] + 1))
