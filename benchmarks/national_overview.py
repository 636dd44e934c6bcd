"""Benchmark: the national overview (/landet/) and the regions dashboard (/oversigt/) at national scale.

Run: ``python benchmarks/national_overview.py`` (``--repeat N``, ``--profile`` for the slowest calls).

Builds the national demo (5 regions, 22 clusters, meetings 2023–2027) and adds a working group with members
under every cluster's professional level until there are about 1,500 seats; imports it into a temporary SQLite
database; then times, logged in through ``django.test.Client``, computing the overview and fetching both pages.
Prints median and best of ``--repeat`` runs (default 10). Target: under 300 ms for /landet/. Asserts nothing.
"""

from __future__ import annotations

import argparse
import cProfile
import datetime as dt
import io
import os
import pstats
import secrets
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

TODAY = dt.date(2026, 11, 23)
TARGET_SEATS = 1500
TARGET_MS = 300.0


def _setup(var_dir: Path) -> None:
    """Django on a fresh SQLite database in ``var_dir`` (set before django.setup(), as settings read it)."""
    os.environ["SUNDHEDSAFTALE_VAR_DIR"] = str(var_dir)
    os.environ.pop("DATABASE_URL", None)
    os.environ["SUNDHEDSAFTALE_DEBUG"] = "0"  # as in production: no query log, no debug overhead
    os.environ.setdefault("SUNDHEDSAFTALE_SECRET_KEY", secrets.token_urlsafe(32))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sundhedsaftale.web.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)
    call_command("sync_reference", verbosity=0, stdout=io.StringIO())


def national_data_set() -> list:  # type: ignore[type-arg]
    """The national demo plus working groups, about TARGET_SEATS seats in all."""
    from sundhedsaftale.core.case import AppointingBody, Body, BodyKind, MemberRole, Membership
    from sundhedsaftale.demo import build_national_demo
    from sundhedsaftale.web.platform import platform

    cases = build_national_demo(platform().reference, today=TODAY)
    seats = sum(len(b.memberships) for c in cases for b in c.bodies)
    clusters = sum(len(c.clusters) for c in cases)
    per_group = max(0, -(-(TARGET_SEATS - seats) // clusters))  # ceiling division
    result = []
    for case in cases:
        groups = []
        for cluster in case.clusters:
            parent = f"{cluster.id}-professional"
            codes = cluster.municipality_codes
            members = tuple(
                Membership(
                    id=f"{cluster.id}-wg-m{n:03d}",
                    person_id=f"{cluster.id}-wg-p{n:03d}",
                    name=f"Arbejdsgruppemedlem {cluster.id} {n}",
                    role=MemberRole.MUNICIPAL_REPRESENTATIVE if n % 2 else MemberRole.REGIONAL_REPRESENTATIVE,
                    appointed_by=AppointingBody.MUNICIPAL_COUNCIL
                    if n % 2
                    else AppointingBody.REGIONAL_COUNCIL,
                    municipality_code=codes[n % len(codes)] if n % 2 else None,
                    chair=n == 0,
                    start=dt.date(2026, 1, 1),
                )
                for n in range(per_group)
            )
            groups.append(
                Body(
                    id=f"{cluster.id}-wg-overgange",
                    kind=BodyKind.WORKING_GROUP,
                    name=f"{cluster.name} – arbejdsgruppe om overgange",
                    parent_body_id=parent,
                    patient_committee_invited=True,  # § 30, stk. 3: no new shortfall
                    memberships=members,
                )
            )
        result.append(case.model_copy(update={"bodies": (*case.bodies, *groups)}))
    return result


def measure(fn: Callable[[], object], repeat: int) -> tuple[float, float]:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), min(times)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--repeat", type=int, default=10)
    parser.add_argument("--profile", action="store_true", help="cProfile one /landet/ request")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="sundhedsaftale-bench-") as tmp:
        _setup(Path(tmp))
        from django.test import Client

        from sundhedsaftale.accounts.models import Role, User
        from sundhedsaftale.governance.body_selectors import country_overview
        from sundhedsaftale.web.cases import case_import

        cases = national_data_set()
        start = time.perf_counter()
        for case in cases:
            case_import(case=case, actor=None, system=True)
        imported = (time.perf_counter() - start) * 1000
        seats = sum(len(b.memberships) for c in cases for b in c.bodies)
        meetings = sum(len(c.meetings) for c in cases)
        bodies = sum(len(c.bodies) for c in cases)
        print(
            f"data set: {len(cases)} regions, {sum(len(c.clusters) for c in cases)} clusters, {bodies} bodies, "
            f"{seats} seats, {meetings} meetings ({min(m.date for c in cases for m in c.meetings).year}–"
            f"{max(m.date for c in cases for m in c.meetings).year}); imported into SQLite in {imported:.0f} ms"
        )

        user = User.objects.create_user(
            username="bench", password=secrets.token_urlsafe(16), role=Role.REVIEWER
        )
        client = Client()
        client.force_login(user)
        day = TODAY.isoformat()

        def page(url: str) -> Callable[[], object]:
            def get() -> object:
                response = client.get(url)
                if response.status_code != 200:
                    sys.exit(f"{url}: HTTP {response.status_code}")
                return response

            return get

        overview = country_overview(TODAY)
        broken = overview.tally.broken
        print(f"overview on {day}: {overview.tally.total} findings, {broken} binding requirements broken")
        page(f"/landet/?dato={day}")()  # warm up: templates, URL resolver
        page(f"/oversigt/?dato={day}")()
        rows = [
            ("compute national overview (country_overview)", lambda: country_overview(TODAY)),
            ("GET /landet/  (compute + render)", page(f"/landet/?dato={day}")),
            ("GET /oversigt/ (dashboard, unchanged)", page(f"/oversigt/?dato={day}")),
        ]
        for label, fn in rows:
            median, best = measure(fn, args.repeat)
            print(f"{label:<48} median {median:7.1f} ms   best {best:7.1f} ms   (of {args.repeat})")
        median, _best = measure(page(f"/landet/?dato={day}"), args.repeat)
        verdict = "under" if median < TARGET_MS else "OVER"
        print(f"/landet/ median {median:.0f} ms: {verdict} the {TARGET_MS:.0f} ms target")

        if args.profile:
            profiler = cProfile.Profile()
            profiler.enable()
            page(f"/landet/?dato={day}")()
            profiler.disable()
            pstats.Stats(profiler).sort_stats("cumulative").print_stats(25)


if __name__ == "__main__":
    main()
