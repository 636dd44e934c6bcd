"""The national page at a glance, read from stored findings (ADR 0032) with a fixed number of queries.

A region × area matrix coloured by the worst open finding, the regions sorted by what needs attention, each
region's agreements with their stage and its next legal deadline, and findings per quarter. The list of regions
comes from one function, :func:`regions_shown`.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import QuerySet

from sundhedsaftale.core.case import BodyKind
from sundhedsaftale.core.lifecycle import Stage
from sundhedsaftale.registry.models import HealthCluster, Region
from sundhedsaftale.registry.selectors import regions_on

from .body_selectors import BodyRow, ClusterRow, RegionRow, Tally, body_cluster_id
from .models import Body
from .stored_findings import AREAS, stored_findings

WEIGHTS = ("broken", "advice", "judgement")
TREND_QUARTERS = 8


def regions_shown(on: dt.date) -> QuerySet[Region]:
    """The regions the national page and the findings lists show on ``on``: the one place that decides it (a
    queryset, so the page reads the regions and their fingerprints in one query). The regions that exist on
    ``on`` (five before 1 January 2027, four from then; ADR 0029) and hold a case under bek. nr. 1248/2022:
    a region of the 2027 structure has no findings to show (:func:`regions_without_case`)."""
    return regions_on(on).filter(code__in=HealthCluster.objects.values("region_id")).order_by("code")


def regions_without_case(on: dt.date) -> QuerySet[Region]:
    """The regions that exist on ``on`` but hold no case under bek. nr. 1248/2022 (Region Østdanmark from
    1 January 2027): named on the national page, with no findings."""
    return regions_on(on).exclude(code__in=HealthCluster.objects.values("region_id")).order_by("code")


def quarter_ends(at: dt.date, count: int = TREND_QUARTERS) -> list[dt.date]:
    """The last day of each of the ``count`` quarters that ended before ``at``, oldest first."""
    year, quarter = (
        at.year,
        (at.month - 1) // 3,
    )  # the quarter before the one ``at`` is in (0 = last year's Q4)
    ends: list[dt.date] = []
    for _ in range(count):
        if quarter == 0:
            year, quarter = year - 1, 4
        month = quarter * 3
        ends.append(dt.date(year, month, 31 if month in (3, 12) else 30))
        quarter -= 1
    return sorted(ends)


def _tally(counts: dict[str, int] | None) -> Tally:
    counts = counts or {}
    t = Tally(
        broken=counts.get("broken", 0), advice=counts.get("advice", 0), judgement=counts.get("judgement", 0)
    )
    t.not_met = t.broken + t.advice
    return t


def _sum(tallies: list[Tally]) -> Tally:
    return _tally({w: sum(getattr(t, w) for t in tallies) for w in WEIGHTS})


def worst(t: Tally) -> str:
    """The worst open finding in a cell: what colours it and what its text says."""
    for weight in WEIGHTS:
        if getattr(t, weight):
            return weight
    return "none"


@dataclass
class Cell:
    area: str
    tally: Tally
    worst: str


@dataclass
class RegionGlance:
    region: Region
    tally: Tally
    cells: list[Cell]
    agreements: list[dict[str, Any]]
    next_deadline: dict[str, Any] | None
    overdue: list[dict[str, Any]]
    open: list[dict[str, Any]]
    detail: RegionRow
    worst: str = "none"

    @property
    def attention(self) -> tuple[int, int, int, int, str]:
        t = self.tally
        return (-t.broken, -t.advice, -len(self.overdue), -t.judgement, self.region.code)


@dataclass
class TrendPoint:
    on: dt.date
    totals: Tally
    by_region: dict[str, Tally] = field(default_factory=dict)
    in_order: list[Tally] = field(default_factory=list)  # as the regions are sorted on the page


@dataclass
class NationalGlance:
    at: dt.date
    tally: Tally
    regions: list[RegionGlance]
    trend: list[TrendPoint]
    areas: tuple[str, ...] = AREAS


def _subject_tallies(open_findings: list[dict[str, Any]]) -> dict[tuple[str, str], Tally]:
    counts: dict[tuple[str, str], dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for f in open_findings:
        weight = (
            "judgement"
            if f["status"] == "needs_judgement"
            else ("broken" if f["kind"] == "krav" else "advice")
        )
        counts[(f["subject_kind"], f["subject_id"])][weight] += 1
    return {k: _tally(v) for k, v in counts.items()}


def _detail(
    region: Region, clusters: list[HealthCluster], bodies: list[Body], open_findings: list[dict[str, Any]]
) -> RegionRow:
    """Counts per cluster and body with open findings, as the detailed table under the matrix shows them."""
    tallies = _subject_tallies(open_findings)
    by_key = {subject_id: t for (kind, subject_id), t in tallies.items() if kind not in _NOT_BODIES}
    rows = {b.pk: BodyRow(b, by_key.get(b.key, Tally())) for b in bodies}
    by_cluster: dict[str | None, list[BodyRow]] = defaultdict(list)
    for b in bodies:
        parent = rows.get(b.parent_id) if b.parent_id is not None else None
        if parent is not None:
            parent.children.append(rows[b.pk])
        else:
            by_cluster[body_cluster_id(b)].append(rows[b.pk])
    cluster_rows = []
    for c in clusters:
        top = by_cluster.get(c.id, [])
        own = tallies.get(("cluster", c.id), Tally())
        members = [
            r for row in top for r in (row, *row.children, *(g for ch in row.children for g in ch.children))
        ]
        total = _sum([own, *(r.tally for r in members)])
        if _open(total):
            cluster_rows.append(ClusterRow(c, total, own, _with_open(top)))
    other = [t for (kind, _id), t in tallies.items() if kind in _NOT_BODIES and kind != "cluster"]
    return RegionRow(
        region=region,
        tally=_sum(list(tallies.values())),
        bodies=_with_open(by_cluster.get(None, [])),
        clusters=cluster_rows,
        other=_sum(other),
        findings=[],
    )


def _open(t: Tally) -> bool:
    return bool(t.broken or t.advice or t.judgement)


def _with_open(rows: list[BodyRow]) -> list[BodyRow]:
    """Only the bodies with open findings, or with a group under them that has some: the rest is all met."""
    kept = []
    for row in rows:
        row.children = _with_open(row.children)
        if _open(row.tally) or row.children:
            kept.append(row)
    return kept


_NOT_BODIES = ("region", "cluster", "agreement")


def national_glance(at: dt.date, regions: list[Region], current: dict[str, str]) -> NationalGlance:
    """``regions`` (from :func:`regions_shown`, narrowed by the caller to what the user may see) at a glance on
    ``at``, with the trend over the last quarters; ``current`` are their fingerprints, read before."""
    codes = [r.code for r in regions]
    days = sorted({*quarter_ends(at), at})
    today = stored_findings(codes, [at], current=current)
    stored = stored_findings(codes, days, parts=("areas",), current=current)
    clusters: dict[str, list[HealthCluster]] = defaultdict(list)
    for c in HealthCluster.objects.filter(region_id__in=codes).order_by("name", "id"):
        clusters[c.region_id].append(c)
    order = {kind.value: n for n, kind in enumerate(BodyKind)}
    bodies: dict[str, list[Body]] = defaultdict(list)
    for b in sorted(
        Body.objects.filter(region_id__in=codes).select_related("parent"),
        key=lambda b: (order.get(b.kind, 99), b.name, b.key),
    ):
        bodies[b.region_id].append(b)

    glances = []
    for region in regions:
        row = today[(region.code, at)]
        glance = row.glance
        cells = []
        for area in AREAS:
            t = _tally(row.areas.get(area))
            cells.append(Cell(area, t, worst(t)))
        total = _sum([c.tally for c in cells])
        glances.append(
            RegionGlance(
                region=region,
                tally=total,
                cells=cells,
                agreements=[{**a, "stage": Stage(a["stage"])} for a in glance["agreements"]],
                next_deadline=glance["next_deadline"],
                overdue=glance["overdue"],
                open=glance["open"],
                detail=_detail(region, clusters[region.code], bodies[region.code], glance["open"]),
                worst=worst(total),
            )
        )
    glances.sort(key=lambda g: g.attention)
    trend = []
    for day in days:
        by_region = {code: _sum([_tally(v) for v in stored[(code, day)].areas.values()]) for code in codes}
        in_order = [by_region[g.region.code] for g in glances]
        trend.append(TrendPoint(day, _sum(list(by_region.values())), by_region, in_order))
    return NationalGlance(at=at, tally=_sum([g.tally for g in glances]), regions=glances, trend=trend)
