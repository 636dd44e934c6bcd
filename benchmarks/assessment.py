"""Benchmark: Sundhedsstyrelsen's automated assessment of one large agreement. Prints figures; asserts nothing.

The agreement is larger than any real one: 20 overarching goals with 4 sub-goals each (100 goals in all), every
sub-goal with two success criteria, 12 target groups, a goal for every cluster and 10 collaboration agreements,
placed in the demo region's case. The target is a median under 50 ms, so the assessment can run on every page view.
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import time

from sundhedsaftale.core import load_platform
from sundhedsaftale.core.assessment import assess
from sundhedsaftale.core.case import (
    AgreementContent,
    AgreementSubmission,
    Attachment,
    ClusterGoal,
    CollaborationAgreement,
    Coverage,
    ElementCoverage,
    FrameworkElement,
    HealthAgreement,
    OverarchingGoal,
    RegionCase,
    SubGoal,
    SuccessCriterion,
    TargetGroup,
)
from sundhedsaftale.demo import DEMO_REGION_CODE, DEMO_TODAY, build_national_demo

TARGET_MS = 50.0
AGREEMENT_ID = "bench-sundhedsaftale"


def large_content(
    case: RegionCase, goals: int = 20, sub_goals: int = 4, collaborations: int = 10
) -> AgreementContent:
    groups = tuple(
        TargetGroup(
            id=f"tg{n}",
            name=f"Målgruppe {n}",
            knowledge_basis=("Sundhedsstyrelsens anbefalinger",),
            data_sources=("Risikostratificering",) if n % 3 else (),
        )
        for n in range(12)
    )
    overarching = tuple(
        OverarchingGoal(
            id=f"g{n}",
            title=f"Målsætning {n}",
            national_goals=(n % 8 + 1,) if n % 7 else (),
            target_group_ids=(f"tg{n % 12}",),
            sub_goals=tuple(
                SubGoal(
                    id=f"g{n}-d{k}",
                    title=f"Delmål {n}.{k}",
                    success_criteria=tuple(
                        SuccessCriterion(text=f"Kriterium {c}", indicator="Andel", data_source="LPR")
                        for c in range(2)
                    ),
                )
                for k in range(sub_goals)
            ),
        )
        for n in range(goals)
    )
    agreements = tuple(
        CollaborationAgreement(
            id=f"s{n}",
            title=f"Samarbejdsaftale {n}",
            goal_ids=(f"g{n}",),
            target_group_ids=(f"tg{n}",),
            elements=tuple(
                ElementCoverage(
                    element=e, coverage=Coverage.MISSING if (n + i) % 5 == 0 else Coverage.ADDRESSED
                )
                for i, e in enumerate(FrameworkElement)
            ),
        )
        for n in range(collaborations)
    )
    return AgreementContent(
        general_practice="Almen praksis' rolle er beskrevet.",
        overarching_goals=overarching,
        target_groups=groups,
        cluster_goals=tuple(
            ClusterGoal(id=f"k-{c.id}", cluster_id=c.id, title=f"Mål for {c.name}") for c in case.clusters
        ),
        collaboration_agreements=agreements,
        attachments=(Attachment(id="b1", title="Datagrundlag", reference="bilag.pdf"),),
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=50)
    args = parser.parse_args()

    platform = load_platform()
    demo = next(c for c in build_national_demo(platform.reference) if c.region.code == DEMO_REGION_CODE)
    content = large_content(demo)
    big = HealthAgreement(
        id=AGREEMENT_ID,
        title="Sundhedsaftale (benchmark)",
        election_period_start=2026,
        version_number="1.0",
        effective_date=dt.date(2028, 1, 1),
        parties=(demo.region.code, *(m.code for m in demo.municipalities)),
        content=content,
        submissions=(AgreementSubmission(submitted_on=dt.date(2027, 6, 1)),),
    )
    case = demo.model_copy(update={"agreements": (*demo.agreements, big)})
    at = max(DEMO_TODAY, dt.date(2027, 6, 2))

    assess(platform, case, AGREEMENT_ID, at)  # warm the caches (reference data for the national goals)
    times = []
    result = None
    for _ in range(args.repeat):
        start = time.perf_counter()
        result = assess(platform, case, AGREEMENT_ID, at)
        times.append((time.perf_counter() - start) * 1000)
    assert result is not None
    median, best = statistics.median(times), min(times)
    whole = []
    for _ in range(max(3, args.repeat // 10)):
        start = time.perf_counter()
        platform.rulebook.evaluate(case, at)
        whole.append((time.perf_counter() - start) * 1000)
    goals = len(content.overarching_goals) + content.sub_goal_count
    verdict = "within" if median < TARGET_MS else "OVER"
    print(
        f"assess 1 agreement ({goals} goals, {len(content.collaboration_agreements)} collaboration agreements, "
        f"{len(case.clusters)} clusters)  median {median:6.2f} ms   best {best:6.2f} ms   "
        f"({len(result.items)} findings, {len(result.blocking)} blocking, {len(result.advice)} advice; "
        f"{verdict} target {TARGET_MS:.0f} ms, {args.repeat} runs)"
    )
    print(
        f"for comparison: the whole rulebook on the same case          median {statistics.median(whole):6.2f} ms"
    )


if __name__ == "__main__":
    main()
