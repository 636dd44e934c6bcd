"""Benchmark: the rule engine against a hand-written single pass over the same facts. Prints figures; asserts nothing.

Run: ``python benchmarks/engine.py`` (``--repeat N``, ``--sizes 1,2,5,10,20``).

The rules compared are the bodies' composition tables (composition.py), the meeting frequency rules (§§ 6, stk. 2,
13, 16, stk. 2, 27, stk. 2) and the terms of office (§§ 8, 14, 16, stk. 3, 26). The hand-written pass reads the
same facts once: every meeting once into counts per body and year, every membership once per body, then computes
each finding from those counts. Both sides must give identical results (rule, subject, status and every counted
fact); the benchmark checks that and says so.

Sizes: the national demo (5 regions, 22 clusters) with every cluster copied ×N — its two levels, their working
groups, members and meetings — fitted on a log-log scale to give the growth exponent (1.0 = linear). Targets:
the engine within 2× of the hand-written pass at ×1 and ×20, exponent at most 1.1.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import math
import statistics
import time
from collections import Counter
from collections.abc import Callable, Hashable
from typing import Any

from sundhedsaftale.core import load_platform
from sundhedsaftale.core.calendar import year_progress
from sundhedsaftale.core.case import (
    NON_SEAT_ROLES,
    Body,
    BodyKind,
    CasePart,
    ClusterInfo,
    MeetingStatus,
    Membership,
    RegionCase,
)
from sundhedsaftale.core.rules import Finding, Rulebook, Status
from sundhedsaftale.core.rules.composition import COMPOSITION, Composition, Per, SeatGroup
from sundhedsaftale.demo import DEMO_TODAY, build_national_demo

TARGET_RATIO = 2.0
TARGET_EXPONENT = 1.1

FREQUENCY = {
    "klynge.politisk.moeder": (BodyKind.POLITICAL_LEVEL, "political_level.min_meetings_per_year"),
    "klynge.faglig.moeder": (BodyKind.PROFESSIONAL_LEVEL, "professional_level.min_meetings_per_year"),
    "udvalg.moeder": (BodyKind.COMMITTEE, "committee.min_meetings_per_year"),
    "pi-udvalg.moeder": (BodyKind.PATIENT_COMMITTEE, "patient_committee.min_meetings_per_year"),
}
TERMS = {
    "klynge.politisk.funktionsperiode": BodyKind.POLITICAL_LEVEL,
    "klynge.faglig.funktionsperiode": BodyKind.PROFESSIONAL_LEVEL,
    "udvalg.funktionsperiode": BodyKind.COMMITTEE,
    "pi-udvalg.funktionsperiode": BodyKind.PATIENT_COMMITTEE,
}
_BODY_KIND = {
    "political_level": BodyKind.POLITICAL_LEVEL,
    "professional_level": BodyKind.PROFESSIONAL_LEVEL,
    "committee": BodyKind.COMMITTEE,
    "patient_committee": BodyKind.PATIENT_COMMITTEE,
}
RULE_IDS = frozenset({c.id for c in COMPOSITION} | set(FREQUENCY) | set(TERMS))

Key = tuple[Hashable, ...]


# --- The data: the national demo with its clusters copied ×N --------------------------------------------------


def scaled(cases: list[RegionCase], factor: int) -> list[RegionCase]:
    """Every cluster copied ``factor`` times (the original is the first copy): its bodies (the two levels and the
    groups under them), their members and their meetings, under new ids."""
    if factor == 1:
        return cases
    result = []
    for case in cases:
        clusters = list(case.clusters)
        bodies = list(case.bodies)
        meetings = list(case.meetings)
        for copy in range(1, factor):
            suffix = f"-x{copy}"
            for cluster in case.clusters:
                clusters.append(cluster.model_copy(update={"id": cluster.id + suffix}))
                levels = {b.id for b in case.bodies if b.cluster_id == cluster.id}
                copied = {b.id for b in case.bodies if b.id in levels or (b.parent_body_id or "") in levels}
                for body in case.bodies:
                    if body.id not in copied:
                        continue
                    update: dict[str, Any] = {
                        "id": body.id + suffix,
                        "memberships": tuple(
                            m.model_copy(update={"id": m.id + suffix}) for m in body.memberships
                        ),
                    }
                    if body.cluster_id:
                        update["cluster_id"] = body.cluster_id + suffix
                    if body.parent_body_id in copied:
                        update["parent_body_id"] = (body.parent_body_id or "") + suffix
                    bodies.append(body.model_copy(update=update))
                meetings.extend(
                    m.model_copy(update={"id": m.id + suffix, "body_id": m.body_id + suffix})
                    for m in case.meetings
                    if m.body_id in copied
                )
        result.append(
            case.model_copy(
                update={"clusters": tuple(clusters), "bodies": tuple(bodies), "meetings": tuple(meetings)}
            )
        )
    return result


# --- The hand-written single pass ----------------------------------------------------------------------------


class _Facts:
    """What a composition group's ``fills`` reads from a rule context: the rulebook (government forms)."""

    def __init__(self, rulebook: Rulebook) -> None:
        self.rulebook = rulebook


def _seats(body: Body, at: dt.date) -> tuple[list[Membership], list[Membership]]:
    """Ordinary members holding a seat on ``at``, and those plus substitutes: one pass over the memberships."""
    seats: list[Membership] = []
    with_substitutes: list[Membership] = []
    for m in body.memberships:
        if m.start <= at and (m.end is None or at <= m.end) and m.role not in NON_SEAT_ROLES:
            with_substitutes.append(m)
            if not m.substitute:
                seats.append(m)
    return seats, with_substitutes


def _group(
    rulebook: Rulebook,
    case: RegionCase,
    clusters: dict[str, ClusterInfo],
    body: Body,
    at: dt.date,
    group: SeatGroup,
    seats: list[Membership],
) -> tuple[bool, tuple[int, ...]]:
    required = int(rulebook.value(case, group.parameter, at, subject_id=body.id))
    facts = _Facts(rulebook)
    present = [m for m in seats if group.fills(facts, m)]  # type: ignore[arg-type]
    if group.per is not Per.BODY:
        if group.per is Per.MUNICIPALITY:
            cluster = clusters.get(body.cluster_id or "")
            units = cluster.municipality_codes if cluster else ()
            counts = Counter(m.municipality_code for m in present)
        else:
            units = tuple(clusters)
            counts = Counter(m.cluster_id for m in present)
        ok = all((counts[u] >= required) if group.at_least else (counts[u] == required) for u in units)
        return ok, (required,)
    too_few = len(present) < required
    too_many = not group.at_least and len(present) > required
    if group.offered_to is not None and too_few:
        offered = sum(o.seats for o in body.seat_offers if o.to is group.offered_to and o.offered_on <= at)
        return offered >= required, (len(present), required, offered)
    ok = not too_few and not too_many and all(any(i.test(m) for m in present) for i in group.including)
    return ok, (len(present), required)


def hand_written(rulebook: Rulebook, case: RegionCase, at: dt.date) -> list[Key]:
    """The same findings, computed in one pass over the meetings and one over each body's members."""
    in_force = {r.id: r for r in rulebook.in_force(at) if r.id in RULE_IDS}
    held: Counter[tuple[str, int]] = Counter()
    planned: Counter[tuple[str, int]] = Counter()
    for meeting in case.meetings:
        if meeting.status is MeetingStatus.HELD and meeting.date <= at:
            held[meeting.body_id, meeting.date.year] += 1
        elif meeting.status is MeetingStatus.PLANNED and meeting.date >= at:
            planned[meeting.body_id, meeting.date.year] += 1
    meetings_recorded = case.records(CasePart.MEETINGS)
    clusters: dict[str, ClusterInfo] = {}
    for cluster in case.clusters:
        clusters.setdefault(cluster.id, cluster)
    period = rulebook.election_period_at(at)
    by_kind: dict[BodyKind, list[Composition]] = {}
    for comp in COMPOSITION:
        if comp.id in in_force:
            by_kind.setdefault(_BODY_KIND[comp.subject.value], []).append(comp)
    frequency = {kind: (rule_id, key) for rule_id, (kind, key) in FREQUENCY.items() if rule_id in in_force}
    terms = {kind: rule_id for rule_id, kind in TERMS.items() if rule_id in in_force}
    keys: list[Key] = []
    for body in case.bodies:
        seats, with_substitutes = _seats(body, at)
        for comp in by_kind.get(body.kind, ()):
            checked = [_group(rulebook, case, clusters, body, at, g, seats) for g in comp.groups]
            status = Status.MET if all(ok for ok, _ in checked) else Status.NOT_MET
            keys.append((comp.id, body.id, status, tuple(n for _, counted in checked for n in counted)))
        if body.kind in frequency:
            rule_id, parameter = frequency[body.kind]
            if not meetings_recorded:
                keys.append((rule_id, body.id, Status.NOT_RECORDED, ()))
            else:
                minimum = int(rulebook.value(case, parameter, at, subject_id=body.id))
                for year in (at.year - 1, at.year):
                    progress = year_progress(year, at)
                    if dt.date(year, 1, 1) < in_force[rule_id].validity.start:
                        continue
                    if not any(
                        m.start <= progress.end and (m.end is None or m.end >= progress.start)
                        for m in body.memberships
                    ):
                        continue
                    n_held, n_planned = held[body.id, year], planned[body.id, year]
                    if n_held >= minimum:
                        status = Status.MET
                    elif progress.finished:
                        status = Status.NOT_MET
                    else:
                        status = Status.NOT_YET_DUE
                    keys.append((rule_id, body.id, status, (year, n_held, n_planned, minimum)))
        if body.kind in terms:
            rule_id = terms[body.kind]
            if period is None:
                keys.append((rule_id, body.id, Status.NOT_APPLICABLE, ()))
                continue
            wrong = any(
                m.start < period.start or (m.end is not None and m.end > period.end) for m in with_substitutes
            )
            keys.append((rule_id, body.id, Status.NOT_MET if wrong else Status.MET, (len(with_substitutes),)))
    return keys


def engine_keys(findings: list[Finding]) -> list[Key]:
    """A finding as the hand-written pass states it: rule, subject, status and the counted facts."""
    return [
        (
            f.rule_id,
            f.subject.id,
            f.status,
            tuple(
                fact.value
                for fact in f.facts
                if isinstance(fact.value, int) and not isinstance(fact.value, bool)
            ),
        )
        for f in findings
    ]


# --- Measuring ------------------------------------------------------------------------------------------------


def measure(first: Callable[[], object], second: Callable[[], object], repeat: int) -> tuple[float, float]:
    """Best processor time in milliseconds of each over at least ``repeat`` runs (more for small sizes, until
    about two seconds have passed), the two taking turns. Processor time, not wall time: on a machine shared with
    other work the process waits for a core, and the wait is no part of either side's cost; the best run is the
    one least disturbed (caches, the collector)."""
    times: tuple[list[float], list[float]] = ([], [])
    began = time.perf_counter()
    while len(times[0]) < repeat or (time.perf_counter() - began < 2.0 and len(times[0]) < 200):
        for fn, kept in ((first, times[0]), (second, times[1])):
            start = time.process_time()
            fn()
            kept.append((time.process_time() - start) * 1000)
    return min(times[0]), min(times[1])


def slope(points: list[tuple[float, float]]) -> float:
    """Least-squares slope of log(y) against log(x): the growth exponent."""
    xs = [math.log(x) for x, _ in points]
    ys = [math.log(y) for _, y in points]
    mx, my = statistics.fmean(xs), statistics.fmean(ys)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sum((x - mx) ** 2 for x in xs)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--sizes", default="1,2,5,10,20", help="cluster copy factors, comma-separated")
    args = parser.parse_args()
    sizes = sorted({int(s) for s in args.sizes.split(",")})

    platform = load_platform()
    rulebook = platform.rulebook
    at = DEMO_TODAY
    base = build_national_demo(platform.reference, today=at)
    rules = sorted(r.id for r in rulebook.in_force(at) if r.id in RULE_IDS)
    print(
        f"engine against a hand-written single pass: {len(rules)} composition, meeting and term rules on {at}"
    )
    engine_points: list[tuple[float, float]] = []
    hand_points: list[tuple[float, float]] = []
    ratios: dict[int, float] = {}
    for factor in sizes:
        cases = scaled(base, factor)
        # The data set is moved out of the garbage collector's sight (it lives for the whole run), so that both sides
        # are timed on their own work, not on the collector rescanning tens of thousands of case objects.
        gc.collect()
        gc.freeze()

        def run_engine(cases: list[RegionCase] = cases) -> list[Key]:
            return [k for c in cases for k in engine_keys(rulebook.evaluate(c, at, rule_ids=RULE_IDS))]

        def run_hand(cases: list[RegionCase] = cases) -> list[Key]:
            return [k for c in cases for k in hand_written(rulebook, c, at)]

        expected, got = Counter(run_hand()), Counter(run_engine())
        same = (
            "identical" if expected == got else f"DIFFERENT ({len(expected - got)} vs {len(got - expected)})"
        )
        engine_ms, hand_ms = measure(run_engine, run_hand, args.repeat)
        engine_points.append((factor, engine_ms))
        hand_points.append((factor, hand_ms))
        ratios[factor] = engine_ms / hand_ms
        bodies = sum(len(c.bodies) for c in cases)
        meetings = sum(len(c.meetings) for c in cases)
        print(
            f"×{factor:<3} {bodies:5d} bodies {meetings:6d} meetings {sum(got.values()):6d} findings  "
            f"engine {engine_ms:8.1f} ms   hand-written {hand_ms:7.1f} ms   ratio {ratios[factor]:5.2f}×   "
            f"results {same}"
        )
    if len(sizes) > 1:
        engine_exp, hand_exp = slope(engine_points), slope(hand_points)
        print(
            f"growth exponent ×{sizes[0]}…×{sizes[-1]} (log-log slope): engine {engine_exp:.2f}, "
            f"hand-written {hand_exp:.2f}   (target engine ≤ {TARGET_EXPONENT})"
        )
    worst = max(ratios.values())
    verdict = "within" if worst <= TARGET_RATIO else "OVER"
    print(f"worst ratio {worst:.2f}×: {verdict} the {TARGET_RATIO:.0f}× target")


if __name__ == "__main__":
    main()
