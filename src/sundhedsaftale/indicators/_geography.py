"""Municipality → unit per level (kommune, klynge, region, land), from the reference data (ADR 0043).

The København rule: a municipality that is a member of several clusters (§ 1, stk. 2; København belongs to
Sundhedsklynge Byen and Sundhedsklynge Syd) counts in full in each of them, because the reference data do not say
which districts belong to which cluster (data/reference/SOURCES.md). Each such cluster's values carry a note
saying so; the region and the country count the municipality once, so cluster values do not add up to the region.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from sundhedsaftale.core.reference import ReferenceData

__all__ = ["LEVELS", "LEVEL_NAMES", "Geography", "national_geography"]

LEVELS = ("kommune", "klynge", "region", "land")
LEVEL_NAMES = {"kommune": "Kommune", "klynge": "Sundhedsklynge", "region": "Region", "land": "Hele landet"}
COUNTRY = "DK"


@dataclass(frozen=True)
class Geography:
    """``members[(level, unit_id)]`` = the municipality codes of the unit; ``names`` and ``notes`` by the same key."""

    members: dict[tuple[str, str], tuple[str, ...]]
    names: dict[tuple[str, str], str]
    notes: dict[tuple[str, str], str]
    region_of: dict[tuple[str, str], str]

    def rows(self) -> Iterator[tuple[str, str, str]]:
        for (level, unit), codes in sorted(self.members.items()):
            for code in codes:
                yield code, level, unit

    def name(self, level: str, unit: str) -> str:
        return self.names.get((level, unit), unit)

    def note(self, level: str, unit: str) -> str:
        return self.notes.get((level, unit), "")

    def units(self, level: str) -> list[str]:
        return sorted(u for lv, u in self.members if lv == level)

    def municipality_regions(self) -> dict[str, str]:
        return {
            codes[0]: self.region_of[("kommune", unit)]
            for (lv, unit), codes in self.members.items()
            if lv == "kommune"
        }


def from_reference(ref: ReferenceData) -> Geography:
    members: dict[tuple[str, str], tuple[str, ...]] = {}
    names: dict[tuple[str, str], str] = {}
    notes: dict[tuple[str, str], str] = {}
    region_of: dict[tuple[str, str], str] = {}
    by_region: dict[str, list[str]] = defaultdict(list)
    for m in ref.municipalities.values():
        members[("kommune", m.code)] = (m.code,)
        names[("kommune", m.code)] = m.name
        region_of[("kommune", m.code)] = m.region_code
        by_region[m.region_code].append(m.code)
    for code, codes in by_region.items():
        members[("region", code)] = tuple(sorted(codes, key=int))
        names[("region", code)] = ref.regions[code].name
        region_of[("region", code)] = code
    members[("land", COUNTRY)] = tuple(sorted(ref.municipalities, key=int))
    names[("land", COUNTRY)] = "Hele landet"
    clusters_of: dict[str, list[str]] = defaultdict(list)
    for cluster in ref.clusters.values():
        for code in cluster.municipality_codes:
            clusters_of[code].append(cluster.id)
    for cluster in ref.clusters.values():
        key = ("klynge", cluster.id)
        members[key] = tuple(sorted(cluster.municipality_codes, key=int))
        names[key] = cluster.name
        region_of[key] = cluster.region_code
        shared = [code for code in cluster.municipality_codes if len(clusters_of[code]) > 1]
        if shared:
            parts = []
            for code in sorted(shared, key=int):
                others = ", ".join(ref.clusters[c].name for c in clusters_of[code] if c != cluster.id)
                parts.append(f"{ref.municipalities[code].name} Kommune indgår helt (også i {others})")
            notes[key] = "; ".join(parts) + ": klyngernes tal summer ikke til regionens."
    return Geography(members, names, notes, region_of)


@cache
def national_geography() -> Geography:
    """The geography of the platform's own reference data."""
    from sundhedsaftale.core.reference import load_reference
    from sundhedsaftale.data import DATA_DIR

    return from_reference(load_reference(DATA_DIR / "reference"))
