"""Benchmark: the knowledge-sharing catalogue (ADR 0048), computed from the agreements' versions on each request.

Run: ``python benchmarks/catalogue.py`` (``--repeat N``, default 5).

Loads the national demo into a temporary SQLite database, then times:

- the baseline: ``public.selectors.published_documents()`` – the portal's list of every published document (the
  feed), which also reads every agreement's published versions;
- the public catalogue, unfiltered and filtered (``catalogue_page(None, …)``);
- the logged-in catalogue for a region's member (newest versions and the reports the member may read);
- one entry (only its agreement is read);
- the followers' reminder candidates (``knowledge.notices.catalogue_candidates``).

Prints median and best of ``--repeat`` runs and each one's ratio to the baseline. Asserts nothing.
"""

from __future__ import annotations

import argparse
import io
import os
import secrets
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path


def _setup(var_dir: Path) -> None:
    os.environ["SUNDHEDSAFTALE_VAR_DIR"] = str(var_dir)
    os.environ.pop("DATABASE_URL", None)
    os.environ.setdefault("SUNDHEDSAFTALE_ENV", "development")
    os.environ["SUNDHEDSAFTALE_DEBUG"] = "0"
    os.environ.setdefault("SUNDHEDSAFTALE_SECRET_KEY", secrets.token_urlsafe(32))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sundhedsaftale.web.settings")
    import django

    django.setup()
    from django.core.management import call_command

    from sundhedsaftale.demo import DEMO_TODAY

    call_command("migrate", verbosity=0, interactive=False)
    call_command("setup_demo", today=DEMO_TODAY.isoformat(), stdout=io.StringIO())


def _measure(fn: Callable[[], object], repeat: int) -> tuple[float, float]:
    fn()  # warm: URL resolver, reference data
    times = []
    for _run in range(repeat):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), min(times)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    repeat = max(1, args.repeat)
    with tempfile.TemporaryDirectory(prefix="bench-catalogue-") as tmp:
        _setup(Path(tmp) / "var")
        from sundhedsaftale.accounts.models import User
        from sundhedsaftale.demo import DEMO_TODAY
        from sundhedsaftale.knowledge.demo import demo_catalogue_entry
        from sundhedsaftale.knowledge.notices import catalogue_candidates
        from sundhedsaftale.knowledge.selectors import catalogue_entry, catalogue_page, filters_from
        from sundhedsaftale.public.selectors import published_documents

        member = User.objects.get(username="medlem")
        entry = demo_catalogue_entry("1085") or ""
        cases: list[tuple[str, Callable[[], object]]] = [
            ("published documents (feed list), baseline", lambda: published_documents()),
            ("public catalogue, all entries", lambda: catalogue_page(None, filters_from({}))),
            (
                "public catalogue, region + goal + spread",
                lambda: catalogue_page(
                    None, filters_from({"region": "1085", "maal": "1", "udbredelse": "1"})
                ),
            ),
            ("logged-in catalogue (member)", lambda: catalogue_page(member, filters_from({}))),
            ("one entry (public)", lambda: catalogue_entry(None, entry)),
            ("followers' reminder candidates", lambda: list(catalogue_candidates(DEMO_TODAY))),
        ]
        entries = len(catalogue_page(None, filters_from({})).entries)
        results = [(name, *_measure(fn, repeat)) for name, fn in cases]
    base = results[0][1]
    print(f"{entries} public entries in the demo")
    for name, median, best in results:
        print(
            f"{name:<45} median {median:8.1f} ms   best {best:8.1f} ms   ({median / base:.2f}× the baseline)"
        )


if __name__ == "__main__":
    sys.exit(main())
