"""Benchmark: rendering the authority's letters and the agreement (run with `make bench` or
`python benchmarks/letters.py`). Prints figures; asserts nothing.

Region Sjælland from the national demo (17 municipalities, 4 clusters) gets an agreement with full content of
a realistic size: 6 overarching goals with 3 sub-goals of 3 success criteria each, 8 target groups, a goal
per cluster and 10 collaboration agreements with all eight framework elements. Timed, median and best of
``--repeat`` runs: the approval letter as PDF/A-2b (target under 2 s) and DOCX, and the whole agreement as
PDF/A-2b and DOCX. The first PDF is timed separately: it includes loading WeasyPrint and the fonts.

The PDFs are tagged (a structure tree for screen readers, ADR 0019). What tagging costs is measured in the same
run against the same documents rendered untagged, the baseline, and printed as a ratio.
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import time
from collections.abc import Callable

from sundhedsaftale.core import load_platform
from sundhedsaftale.core.case import (
    AgreementContent,
    ClusterGoal,
    CollaborationAgreement,
    Coverage,
    ElementCoverage,
    FrameworkElement,
    OverarchingGoal,
    RegionCase,
    SubGoal,
    SuccessCriterion,
    TargetGroup,
)
from sundhedsaftale.demo import DEMO_TODAY, build_national_demo
from sundhedsaftale.documents import (
    LetterInput,
    LetterKind,
    agreement_document,
    letter_document,
    render_docx,
    render_pdf,
)

TARGET_MS = 2000.0


def measure(fn: Callable[[], object], repeat: int) -> tuple[float, float, object]:
    """Median and best wall time in milliseconds over ``repeat`` runs, and the last result."""
    times = []
    result: object = None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), min(times), result


def content(case: RegionCase) -> AgreementContent:
    groups = tuple(
        TargetGroup(
            id=f"tg{n}",
            name=f"Målgruppe {n}",
            description="Borgere med et særligt behov for sammenhæng på tværs af sektorer. " * 3,
            knowledge_basis=("National klinisk retningslinje", "Forskningsoversigt"),
            data_sources=("Risikostratificering", "Regionens dataportal"),
        )
        for n in range(1, 9)
    )
    goals = tuple(
        OverarchingGoal(
            id=f"g{n}",
            title=f"Fælles målsætning {n}",
            description="Målsætningen beskriver, hvad parterne sammen vil opnå i aftaleperioden. " * 4,
            national_goals=(n, n % 8 + 1),
            target_group_ids=(f"tg{n}",),
            sub_goals=tuple(
                SubGoal(
                    id=f"s{n}-{m}",
                    title=f"Delmål {n}.{m}",
                    description="Delmålet konkretiserer målsætningen.",
                    success_criteria=tuple(
                        SuccessCriterion(
                            text=f"Succeskriterium {n}.{m}.{k}",
                            indicator="Andel borgere med opfølgning inden for 7 dage",
                            target="Over 80 % i 2027",
                            data_source="Landspatientregistret",
                        )
                        for k in range(1, 4)
                    ),
                )
                for m in range(1, 4)
            ),
        )
        for n in range(1, 7)
    )
    return AgreementContent(
        vision="Borgeren oplever ét sammenhængende sundhedsvæsen. " * 5,
        values=("Borgeren i centrum", "Lighed i sundhed", "Fælles ansvar", "Data som grundlag"),
        general_practice="Almen praksis er borgerens faste indgang til sundhedsvæsenet. " * 4,
        target_groups=groups,
        overarching_goals=goals,
        cluster_goals=tuple(
            ClusterGoal(
                id=f"cg{c.id}", cluster_id=c.id, title=f"Klyngemål for {c.name}", indicator="Indikator"
            )
            for c in case.clusters
        ),
        collaboration_agreements=tuple(
            CollaborationAgreement(
                id=f"sa{n}",
                title=f"Samarbejdsaftale {n}",
                description="Aftalen beskriver opgavefordelingen i forløbet. " * 3,
                goal_ids=(f"g{n % 6 + 1}",),
                elements=tuple(
                    ElementCoverage(
                        element=e, coverage=Coverage.ADDRESSED, note="Beskrevet i aftalens afsnit 2"
                    )
                    for e in FrameworkElement
                ),
            )
            for n in range(1, 11)
        ),
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    platform = load_platform()
    case = next(
        c for c in build_national_demo(platform.reference, today=DEMO_TODAY) if c.region.code == "1085"
    )
    current = case.agreements[-1].model_copy(update={"content": content(case)})
    case = case.model_copy(update={"agreements": (*case.agreements[:-1], current)})
    names = {n: g.name_da for n, g in platform.reference.national_goals.items()}
    received = dt.date(2023, 12, 21)
    approval = LetterInput(
        kind=LetterKind.APPROVAL,
        letter_date=received + dt.timedelta(weeks=6),
        reference="00-0000-00/1",
        received_on=received,
        decided_on=received + dt.timedelta(weeks=6),
        general_assessment="Aftalen beskriver den samlede ramme for samarbejdet. " * 3,
        national_goals_assessment="Målsætningerne hænger sammen med de nationale mål. " * 3,
        basis_assessment="Målgrupperne er valgt ud fra relevante data. " * 3,
        other_remarks=("Bemærkning om data og digitalisering. " * 3,) * 3,
        advice=tuple(
            (f"Råd nummer {n} om aftalens konkretisering.", "vejledningens afsnit 3.2") for n in range(4)
        ),
        effective_date=dt.date(2024, 1, 1),
        expires_on=dt.date(2027, 12, 31),
        next_yearly_review_due=dt.date(2024, 12, 31),
        midterm_status_due=dt.date(2025, 12, 1),
        midterm_status_guidance_due=dt.date(2025, 12, 31),
        final_status_due=dt.date(2027, 6, 30),
    )

    def letter_pdf() -> bytes:
        return render_pdf(letter_document(case, current, approval))

    def letter_docx() -> bytes:
        return render_docx(letter_document(case, current, approval))

    def agreement_pdf() -> bytes:
        return render_pdf(agreement_document(case, current, national_goal_names=names))

    def agreement_docx() -> bytes:
        return render_docx(agreement_document(case, current, national_goal_names=names))

    letter = letter_document(case, current, approval)
    whole = agreement_document(case, current, national_goal_names=names)

    first, _, _ = measure(letter_pdf, 1)
    print(f"approval letter PDF/A-2b, first (loads WeasyPrint) {first:8.1f} ms")
    for label, fn in (
        ("approval letter PDF/A-2b", letter_pdf),
        ("approval letter DOCX", letter_docx),
        ("agreement PDF/A-2b", agreement_pdf),
        ("agreement DOCX", agreement_docx),
    ):
        median, best, result = measure(fn, args.repeat)
        assert isinstance(result, bytes)
        verdict = (
            f"   target {TARGET_MS:.0f} ms: {'met' if median < TARGET_MS else 'MISSED'}"
            if fn is letter_pdf
            else ""
        )
        print(
            f"{label:<34} median {median:8.1f} ms   best {best:8.1f} ms   ({len(result) / 1024:6.0f} KiB){verdict}"
        )
    for label, doc in (("approval letter", letter), ("agreement", whole)):
        # Best of the runs for the ratio: on a shared machine the best is the least disturbed figure.
        _, untagged, plain = measure(lambda doc=doc: render_pdf(doc, tagged=False), args.repeat)
        _, tagged, marked = measure(lambda doc=doc: render_pdf(doc), args.repeat)
        assert isinstance(plain, bytes)
        assert isinstance(marked, bytes)
        print(
            f"{label + ' tagging (best)':<34} untagged {untagged:8.1f} ms   tagged {tagged:8.1f} ms   "
            f"ratio {tagged / untagged:4.2f}   size {len(marked) / len(plain):4.2f}x"
        )


if __name__ == "__main__":
    main()
