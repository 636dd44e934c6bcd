"""Reference facts as immutable values."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from ..periods import Period

__all__ = [
    "ElectionPeriod",
    "GovernmentForm",
    "HealthCluster",
    "HealthCouncil",
    "MunicipalGovernment",
    "Municipality",
    "NationalGoal",
    "ReferenceData",
    "ReferenceFile",
    "Region",
]


@dataclass(frozen=True)
class Region:
    """A region with its validity. ``successor_code`` names the region that takes over after ``valid_to``
    (overgangsloven § 126: Region Østdanmark takes over Region Sjælland and Region Hovedstaden). A
    ``provisional`` code is the platform's own key where no official code is published (ADR 0029)."""

    code: str
    name: str
    name_en: str
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None
    successor_code: str | None = None
    provisional: bool = False
    source: str = ""

    def exists_on(self, day: dt.date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_to is None or day <= self.valid_to
        )

    def ended_on(self, day: dt.date) -> bool:
        """Whether the region no longer exists on ``day`` (from the day after ``valid_to``)."""
        return self.valid_to is not None and day > self.valid_to


@dataclass(frozen=True)
class HealthCouncil:
    """A sundhedsråd (regionsloven as amended by L 214 (2024–25)) with its municipalities, from ``valid_from``.

    The geography comes from a secondary source (``marker`` [S], ``source``); ``disputed_codes`` are
    municipalities whose council the sources disagree on, which a transition must decide rather than assume.
    """

    id: str
    name: str
    region_code: str
    valid_from: dt.date
    municipality_codes: tuple[str, ...]
    disputed_codes: tuple[str, ...]
    marker: str
    source: str


@dataclass(frozen=True)
class Municipality:
    code: str
    name: str
    region_code: str


@dataclass(frozen=True)
class HealthCluster:
    """A sundhedsklynge around an acute hospital (§ 1); members may be shared (§ 1, stk. 2)."""

    id: str
    name: str
    acute_hospital_id: str  # several clusters may share one acute hospital (Aalborg Universitetshospital)
    acute_hospital: str
    region_code: str
    verified: str
    municipality_codes: tuple[str, ...]
    member_notes: Mapping[str, str]


@dataclass(frozen=True)
class ElectionPeriod:
    """The regional and municipal councils' four-year term (valgperiode)."""

    start: dt.date
    end: dt.date
    election_date: dt.date

    @property
    def period(self) -> Period:
        return Period(self.start, self.end)

    @property
    def label(self) -> str:
        return f"{self.start.year}–{self.end.year}"

    def year(self, ordinal: int) -> int:
        """Calendar year of the period's ``ordinal``-th year (1-based): ``year(2)`` of 2022–2025 is 2023."""
        return self.start.year + ordinal - 1


class GovernmentForm(StrEnum):
    """A municipality's form of government (lov om kommunernes styrelse), which decides whether § 3, stk. 2 of
    bek. nr. 1248/2022 applies."""

    COMMITTEES = "udvalgsstyre"
    SHARED_ADMINISTRATION = "mellemformsstyre"  # mellemformsstyre med delt administrativ ledelse, § 64 a
    MAGISTRATE = "magistratsstyre"  # § 64
    UNKNOWN = "ukendt"

    @property
    def label(self) -> str:
        return {
            "udvalgsstyre": "udvalgsstyre",
            "mellemformsstyre": "mellemformsstyre med delt administrativ ledelse",
            "magistratsstyre": "magistratsstyre",
            "ukendt": "ikke fastslået",
        }[self.value]

    @property
    def council_may_seat_another(self) -> bool:
        """§ 3, stk. 2: under these forms the council decides who takes the seat."""
        return self in (GovernmentForm.SHARED_ADMINISTRATION, GovernmentForm.MAGISTRATE)


@dataclass(frozen=True)
class MunicipalGovernment:
    code: str
    form: GovernmentForm
    marker: str  # [S] secondary source, [?] open
    source: str


@dataclass(frozen=True)
class NationalGoal:
    number: int
    name_da: str
    name_en: str


@dataclass(frozen=True)
class ReferenceFile:
    name: str
    version: str
    source: str
    status: str


@dataclass(frozen=True)
class ReferenceData:
    regions: Mapping[str, Region]
    municipalities: Mapping[str, Municipality]
    clusters: Mapping[str, HealthCluster]
    election_periods: tuple[ElectionPeriod, ...]
    national_goals: Mapping[int, NationalGoal]
    files: Mapping[str, ReferenceFile]
    government_forms: Mapping[str, MunicipalGovernment] = field(default_factory=dict)
    councils: Mapping[str, HealthCouncil] = field(default_factory=dict)

    def regions_on(self, day: dt.date) -> list[Region]:
        """The regions that exist on ``day``, by code (five before 2027-01-01, four from then)."""
        return [r for _, r in sorted(self.regions.items()) if r.exists_on(day)]

    def predecessors_of(self, code: str) -> list[Region]:
        return [r for _, r in sorted(self.regions.items()) if r.successor_code == code]

    def cluster_region_codes(self) -> list[str]:
        """The regions of the 2022 order (bek. nr. 1248/2022): those with health clusters, which hold a case."""
        return sorted({c.region_code for c in self.clusters.values()})

    def municipalities_of_region_on(self, region_code: str) -> list[Municipality]:
        """A region's municipalities, a successor's being its predecessors' (Region Østdanmark's 46)."""
        codes = {region_code} | {r.code for r in self.predecessors_of(region_code)}
        return [m for m in self.municipalities.values() if m.region_code in codes]

    def councils_of_region(self, region_code: str) -> list[HealthCouncil]:
        return [c for _, c in sorted(self.councils.items()) if c.region_code == region_code]

    def council_of_municipality(self, code: str) -> HealthCouncil | None:
        return next((c for c in self.councils.values() if code in c.municipality_codes), None)

    def successor_region_of(self, region_code: str) -> Region | None:
        """The region that takes over from ``region_code`` after it ends; the region itself when it continues."""
        region = self.regions.get(region_code)
        if region is None:
            return None
        return self.regions.get(region.successor_code) if region.successor_code else region

    def national_goal_names(self) -> dict[int, str]:
        """The national goals' Danish names by number."""
        return {number: goal.name_da for number, goal in sorted(self.national_goals.items())}

    def municipalities_of_region(self, region_code: str) -> list[Municipality]:
        return [m for m in self.municipalities.values() if m.region_code == region_code]

    def clusters_of_region(self, region_code: str) -> list[HealthCluster]:
        return [c for c in self.clusters.values() if c.region_code == region_code]

    def acute_hospitals(self) -> dict[str, list[HealthCluster]]:
        """Each acute hospital with the clusters around it (§ 1, stk. 1: at least one per hospital)."""
        result: dict[str, list[HealthCluster]] = {}
        for cluster in self.clusters.values():
            result.setdefault(cluster.acute_hospital_id, []).append(cluster)
        return result

    def acute_hospitals_by_region(self) -> dict[str, dict[str, tuple[frozenset[str], frozenset[str]]]]:
        """Per region, each acute hospital (by the first cluster's label) with the ids and labels of the clusters
        around it (so a case's cluster is recognised by either) and the municipalities of those clusters."""
        result: dict[str, dict[str, tuple[frozenset[str], frozenset[str]]]] = {}
        for clusters in self.acute_hospitals().values():
            first = clusters[0]
            known = frozenset({c.id for c in clusters} | {c.acute_hospital for c in clusters})
            municipalities = frozenset(code for c in clusters for code in c.municipality_codes)
            result.setdefault(first.region_code, {})[first.acute_hospital] = (known, municipalities)
        return result

    def clusters_of_municipality(self, code: str) -> list[HealthCluster]:
        return [c for c in self.clusters.values() if code in c.municipality_codes]

    def election_period_at(self, day: dt.date) -> ElectionPeriod | None:
        return next((p for p in self.election_periods if p.period.contains(day)), None)

    def election_period_starting(self, year: int) -> ElectionPeriod | None:
        return next((p for p in self.election_periods if p.start.year == year), None)
