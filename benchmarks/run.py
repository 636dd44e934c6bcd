"""Benchmarks: run with `make bench` (or `python benchmarks/run.py`). Prints figures; asserts nothing.

1. Loading the platform: law corpus, reference data, parameters and rulebook, checked; and what checking the
   legal texts' own cross-references adds to start-up, against loading the corpus in the same run.
2. Evaluating every rule in force over the national demo data (5 regions, 22 clusters).

The engine against a hand-written pass at ×1…×20 is benchmarks/engine.py; the command line's start-up is
benchmarks/startup.py; search latency on both databases is benchmarks/search.py (all in `make bench`).
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import time
from collections.abc import Callable

from sundhedsaftale.core import load_platform
from sundhedsaftale.core.law import check_cross_references, load_corpus, load_reviewed_references
from sundhedsaftale.data import DATA_DIR
from sundhedsaftale.demo import DEMO_TODAY, build_national_demo


def measure(fn: Callable[[], object], repeat: int) -> tuple[float, float, object]:
    """Median and best wall time in milliseconds over ``repeat`` runs, and the last result."""
    times = []
    result: object = None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), min(times), result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()

    median, best, corpus = measure(lambda: load_corpus(DATA_DIR / "law"), max(3, args.repeat // 4))
    print(f"load law corpus (2 sources with text)          median {median:8.1f} ms   best {best:8.1f} ms")
    assert corpus is not None
    law = corpus

    def check() -> object:
        return check_cross_references(
            law, load_reviewed_references(DATA_DIR / "law" / "reviewed-references.yaml", law)
        )

    check_median, check_best, report = measure(check, max(3, args.repeat // 4))
    references = len(getattr(report, "references", ()))
    print(
        f"check {references} cross-references in the texts     median {check_median:8.1f} ms   best {check_best:8.1f} ms"
        f"   ({check_median / median:.2f}× loading the corpus)"
    )
    platform = load_platform()
    median, best, cases = measure(
        lambda: build_national_demo(platform.reference, today=DEMO_TODAY), args.repeat
    )
    assert isinstance(cases, list)
    seats = sum(len(b.memberships) for c in cases for b in c.bodies)
    meetings = sum(len(c.meetings) for c in cases)
    print(
        f"build national demo ({seats} seats, {meetings} meetings) median {median:8.1f} ms   best {best:8.1f} ms"
    )

    rulebook = platform.rulebook
    for at in (dt.date(2024, 6, 1), DEMO_TODAY):

        def evaluate_all(day: dt.date = at) -> list[object]:
            return [f for case in cases for f in rulebook.evaluate(case, day)]

        median, best, findings = measure(evaluate_all, args.repeat)
        assert isinstance(findings, list)
        rules = len(rulebook.in_force(at))
        print(
            f"evaluate {rules} rules × 5 regions on {at}      median {median:8.1f} ms   best {best:8.1f} ms"
            f"   ({len(findings)} findings, {median / len(findings) * 1000:.0f} µs per finding)"
        )


if __name__ == "__main__":
    main()
