"""Benchmark: full-text search in Danish (ADR 0047) on the demo and on ten times the demo, on SQLite and PostgreSQL.

Run: ``python benchmarks/search.py`` (SQLite) or ``python benchmarks/search.py --pg-url postgres://…/postgres``
(both; a scratch database ``search_bench_<pid>`` is made on that server and dropped afterwards). ``--rounds N``
(default 20) runs each query N times.

Per backend: the national demo (``setup_demo``) and its index; then the index grown to ten times the demo (every
row copied nine times under new keys, through the same backend). For each size, a fixed list of Danish queries
is run by the public search and by a region secretariat's search (audience filter of ``accounts.permissions``);
p50 and p95 of one search (count, ranked page of 20 with highlights) beside the baseline, a plain
``LIKE '%word%'`` scan of the same rows for the query's words (same filters, newest 20, no ranking, no stemming),
and the ratio. Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import io
import os
import secrets
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable

QUERIES = [
    "sundhedsaftalen",
    "aftalerne",
    "praktiserende læger",
    '"praktiserende læger"',
    "patientinddragelsesudvalget",
    "genoptræning",
    "kommunerne eller regionerne",
    "sundhedsklyngerne psykiatri",
    "udskrivning -genoptræning",
    "målsætninger",
    "samarbejdsaftale om udskrivning",
    "borgerne",
]


def _percentiles(times: list[float]) -> tuple[float, float]:
    ordered = sorted(times)
    return statistics.median(ordered), ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def _timed(fn: Callable[[str], object], rounds: int) -> list[float]:
    times = []
    for _ in range(rounds):
        for q in QUERIES:
            start = time.perf_counter()
            fn(q)
            times.append((time.perf_counter() - start) * 1000)
    return times


def _run_backend(rounds: int) -> None:
    """In a process of its own: Django is configured from the environment the parent set."""
    os.environ.setdefault("SUNDHEDSAFTALE_ENV", "development")
    os.environ["SUNDHEDSAFTALE_DEBUG"] = "0"
    os.environ.setdefault("SUNDHEDSAFTALE_SECRET_KEY", secrets.token_urlsafe(32))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sundhedsaftale.web.settings")
    import django

    django.setup()
    from django.contrib.auth.models import AnonymousUser
    from django.core.management import call_command
    from django.db import connection, transaction

    from sundhedsaftale.accounts.models import User
    from sundhedsaftale.demo import DEMO_TODAY
    from sundhedsaftale.search.backends import backend
    from sundhedsaftale.search.models import SearchEntry
    from sundhedsaftale.search.selectors import PAGE_SIZE, SearchFilters, _rows, search
    from sundhedsaftale.search.text import WORD

    call_command("migrate", verbosity=0, interactive=False)
    call_command("setup_demo", today=DEMO_TODAY.isoformat(), stdout=io.StringIO())
    secretariat = User.objects.get(username="sjaelland")
    readers = {"public": (AnonymousUser(), True), "region secretariat": (secretariat, False)}

    def baseline(user: object, public_only: bool) -> Callable[[str], object]:
        def run(q: str) -> object:
            rows = _rows(user, SearchFilters(), public_only)  # type: ignore[arg-type]
            for word in WORD.findall(q):
                rows = rows.filter(text__icontains=word)
            return rows.count(), list(rows.order_by("-day").values_list("pk", "title")[:PAGE_SIZE])

        return run

    def searching(user: object, public_only: bool) -> Callable[[str], object]:
        return lambda q: search(user, q, public_only=public_only)  # type: ignore[arg-type]

    print(f"\n{connection.vendor}: {len(QUERIES)} queries × {rounds} rounds, page of {PAGE_SIZE}")
    for size in (1, 10):
        if size == 10:
            with transaction.atomic():
                originals = list(SearchEntry.objects.all())
                for copy in range(1, 10):
                    copies = [
                        SearchEntry(
                            key=f"{e.key}#{copy}",
                            owner=f"bench:{copy}",
                            kind=e.kind,
                            audience=e.audience,
                            region_code=e.region_code,
                            day=e.day,
                            title=e.title,
                            text=e.text,
                            stemmed=e.stemmed,
                            url=e.url,
                        )
                        for e in originals
                    ]
                    backend().write(SearchEntry.objects.bulk_create(copies))
            if connection.vendor == "postgresql":
                with connection.cursor() as cursor:
                    cursor.execute("ANALYZE search_searchentry")
        rows = SearchEntry.objects.count()
        print(f"  ×{size} the demo: {rows} index rows")
        for reader, (user, public_only) in readers.items():
            searching(user, public_only)(QUERIES[0])  # warm caches
            s50, s95 = _percentiles(_timed(searching(user, public_only), rounds))
            b50, b95 = _percentiles(_timed(baseline(user, public_only), rounds))
            print(
                f"    {reader:<19} search p50 {s50:7.2f} ms  p95 {s95:7.2f} ms   "
                f"LIKE scan p50 {b50:7.2f} ms  p95 {b95:7.2f} ms   ratio p50 {s50 / b50:5.2f}×"
            )


def _child(env: dict[str, str], rounds: int) -> None:
    subprocess.run([sys.executable, __file__, "--backend-run", "--rounds", str(rounds)], env=env, check=True)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--pg-url", default="", help="a PostgreSQL server's URL (its maintenance database)")
    parser.add_argument("--backend-run", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.backend_run:
        _run_backend(args.rounds)
        return
    with tempfile.TemporaryDirectory() as var_dir:
        env = {**os.environ, "SUNDHEDSAFTALE_VAR_DIR": var_dir}
        env.pop("DATABASE_URL", None)
        _child(env, args.rounds)
    if args.pg_url:
        import psycopg

        name = f"search_bench_{os.getpid()}"
        with psycopg.connect(args.pg_url, autocommit=True) as conn:
            conn.execute(f"CREATE DATABASE {name}")
        try:
            base = args.pg_url.rsplit("/", 1)[0]
            with tempfile.TemporaryDirectory() as var_dir:
                _child(
                    {**os.environ, "SUNDHEDSAFTALE_VAR_DIR": var_dir, "DATABASE_URL": f"{base}/{name}"},
                    args.rounds,
                )
        finally:
            with psycopg.connect(args.pg_url, autocommit=True) as conn:
                conn.execute(f"DROP DATABASE IF EXISTS {name}")


if __name__ == "__main__":
    main()
