"""Complementary suppression: a count hidden as "<5" cannot be recovered by subtracting the published counts from
a published total (docs/data.md, "Suppression"; ADR 0049).

Each test builds the values of every unit of a region (municipalities, clusters, the region, the country) from
counts per municipality, suppresses them, and then tries every published relation "parent = sum of children":
the attack succeeds when a relation has exactly one hidden count.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from sundhedsaftale.indicators import IndicatorValue, national_geography, suppress

GEO = national_geography()
NORDJYLLAND = "1081"


def _values(
    counts: dict[str, int], *, indicator: str = "indlaeggelser", stratum: str = "alle"
) -> list[IndicatorValue]:
    """Values for every unit whose municipalities all have a count (numerator), denominator 10,000 each."""
    out = []
    for (level, unit), members in sorted(GEO.members.items()):
        if not all(m in counts for m in members):
            continue
        num = sum(counts[m] for m in members)
        den = 10_000 * len(members)
        out.append(
            IndicatorValue(
                indicator,
                "Indlæggelser",
                level,
                unit,
                GEO.name(level, unit),
                "2024",
                stratum,
                num,
                den,
                num / den * 1000,
                None,
                "per_1000",
                "[V]",
            )
        )
    return out


def _region_counts(region: str, small: Sequence[str], *, base: int = 40) -> dict[str, int]:
    munis = GEO.members[("region", region)]
    return {m: (3 if m in small else base + n) for n, m in enumerate(munis)}


def _recoverable(values: list[IndicatorValue]) -> list[str]:
    """The hidden numerators a reader can compute from the published ones: a parent minus the other children, or
    a hidden parent as the sum of its published children."""
    shown = {(v.level, v.unit_id): v.numerator for v in values}
    found = []
    for (level, unit), members in GEO.members.items():
        if (level, unit) not in shown or shown[(level, unit)] is None:
            continue
        inside = set(members)
        for child_level in {"klynge": ["kommune"], "region": ["kommune", "klynge"]}.get(level, []):
            kids = [u for (lv, u), m in GEO.members.items() if lv == child_level and set(m) <= inside]
            if not all((child_level, k) in shown for k in kids):
                continue
            hidden = [k for k in kids if shown[(child_level, k)] is None]
            if len(hidden) == 1:
                found.append(f"{child_level} {hidden[0]} = {level} {unit} minus the rest")
    # A hidden parent whose children are all published is their sum.
    for (level, unit), members in GEO.members.items():
        if shown.get((level, unit), 0) is not None:
            continue
        for child_level in {"klynge": ["kommune"], "region": ["kommune", "klynge"]}.get(level, []):
            kids = [u for (lv, u), m in GEO.members.items() if lv == child_level and set(m) <= set(members)]
            if kids and all(shown.get((child_level, k)) is not None for k in kids):
                found.append(f"{level} {unit} = the sum of its {child_level}")
    return found


def test_primary_suppression_alone_lets_a_hidden_municipality_be_recovered_by_subtraction() -> None:
    # The attack works against primary suppression only: this is why the complementary rule exists.
    values = _values(_region_counts(NORDJYLLAND, ["773"]))
    primary = [v if v.numerator is None or v.numerator >= 5 else replace(v, numerator=None) for v in values]
    assert _recoverable(primary)


def test_a_hidden_municipality_cannot_be_recovered_from_its_cluster_or_region() -> None:
    values = suppress(_values(_region_counts(NORDJYLLAND, ["773"])), 5, GEO)
    hidden = {v.unit_id for v in values if v.level == "kommune" and v.numerator is None}
    assert "773" in hidden
    assert len(hidden) >= 2  # the next smallest sibling went with it
    assert _recoverable(values) == []
    # Rates go with their counts: a published rate times the denominator would give the count back.
    assert all(v.value is None and v.suppressed for v in values if v.numerator is None)


def test_the_complement_is_the_smallest_published_sibling() -> None:
    counts = _region_counts(NORDJYLLAND, ["773"])
    cluster = next(u for (lv, u), m in GEO.members.items() if lv == "klynge" and "773" in m)
    siblings = [m for m in GEO.members[("klynge", cluster)] if m != "773"]
    smallest = min(siblings, key=lambda m: (counts[m], m))
    values = suppress(_values(counts), 5, GEO)
    numerator = {v.unit_id: v.numerator for v in values if v.level == "kommune"}
    assert numerator[smallest] is None
    assert numerator["773"] is None
    # The complement is not small: it is published as "skjult", never as a false "<5".
    shown = {v.unit_id: v.shown(v.numerator, "numerator") for v in values if v.level == "kommune"}
    assert shown["773"] == "<5"
    assert shown[smallest] == "skjult"


def test_two_small_municipalities_need_no_complement_in_their_cluster() -> None:
    cluster = next(u for (lv, u), m in GEO.members.items() if lv == "klynge" and "773" in m)
    pair = list(GEO.members[("klynge", cluster)][:2])
    values = suppress(_values(_region_counts(NORDJYLLAND, pair)), 5, GEO)
    assert _recoverable(values) == []
    hidden = sorted(v.unit_id for v in values if v.level == "kommune" and v.numerator is None)
    assert hidden == sorted(pair)


def test_a_hidden_age_band_cannot_be_recovered_from_the_population_total() -> None:
    # Population by age: the bands' numerators add up to the unit's population (the denominator of every band).
    bands = {"0-64": 900, "65-74": 60, "75-84": 30, "85+": 3}
    values = [
        IndicatorValue(
            "befolkning",
            "Befolkning",
            "kommune",
            "773",
            "Morsø",
            "2024",
            band,
            n,
            sum(bands.values()),
            n / sum(bands.values()) * 100,
            None,
            "pct",
            "[V]",
        )
        for band, n in bands.items()
    ]
    shown = {v.stratum: v.numerator for v in suppress(values, 5, GEO)}
    assert shown["85+"] is None
    assert shown["75-84"] is None  # the smallest other band
    assert shown["0-64"] == 900
    assert all(v.denominator == 993 for v in suppress(values, 5, GEO))


def test_values_without_small_counts_are_left_as_they_are() -> None:
    values = _values(_region_counts(NORDJYLLAND, []))
    assert suppress(values, 5, GEO) == values


def test_a_cluster_of_one_municipality_is_hidden_with_it() -> None:
    # Every municipality of Hovedstaden Nord has no event, so the cluster is "<5"; Bornholm, the smallest other
    # cluster of the region, is hidden as its complement. The Bornholm cluster is Bornholm's municipality (400)
    # alone: the municipality's count is the cluster's, so it is hidden too.
    bornholm = next(u for (lv, u), m in GEO.members.items() if lv == "klynge" and m == ("400",))
    counts = dict.fromkeys(GEO.members["region", "1084"], 100) | {"400": 10}
    counts |= dict.fromkeys(GEO.members["klynge", "hovedstaden-nord"], 0)
    values = suppress(_values(counts), 5, GEO)
    shown = {(v.level, v.unit_id): v.numerator for v in values}
    assert shown[("klynge", "hovedstaden-nord")] is None
    assert shown[("klynge", bornholm)] is None
    assert shown[("kommune", "400")] is None
    assert _recoverable(values) == []
