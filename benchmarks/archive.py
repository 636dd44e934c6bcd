"""Benchmark: a region's complete archive (ADR 0028) against the plain case-file export it is built around.

Run: ``python benchmarks/archive.py`` (``--repeat N``, default 3; ``--region CODE``, default 1085).

Loads the national demo into a temporary SQLite database, then times, for the demo region:

- the baseline: the region's case file read from the database and written as JSON, and nothing else (what
  "Hent sagsfil (JSON)" on the region's page costs);
- the archive: ``region_archive_write`` to a ZIP – the case file in three formats, every agreement version
  rendered as PDF/A-2b, letters, documents, the audit rows, the index as HTML and PDF/A-2b, the BagIt manifests;
- ``archive_verify`` of that ZIP (no database).

Prints median and best of ``--repeat`` runs and the archive's ratio to the baseline. Asserts nothing.
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


def _measure(fn: Callable[[int], object], repeat: int) -> tuple[float, float]:
    times = []
    for run in range(repeat):
        start = time.perf_counter()
        fn(run)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), min(times)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--region", default="1085")
    args = parser.parse_args()
    repeat = max(1, args.repeat)
    with tempfile.TemporaryDirectory(prefix="bench-archive-") as tmp:
        root = Path(tmp)
        _setup(root / "var")
        from sundhedsaftale.archive import archive_verify
        from sundhedsaftale.archive.region import region_archive_write
        from sundhedsaftale.interchange import Format, export_case
        from sundhedsaftale.web.cases import case_snapshot

        code = args.region
        case_bytes = len(export_case(case_snapshot(code), Format.JSON))
        base_median, base_best = _measure(lambda _run: export_case(case_snapshot(code), Format.JSON), repeat)

        def archive(run: int) -> object:
            return region_archive_write(code=code, out=root / f"arkiv-{run}.zip", actor=None)

        arch_median, arch_best = _measure(archive, repeat)
        size = (root / "arkiv-0.zip").stat().st_size
        verify_median, verify_best = _measure(lambda run: archive_verify(root / f"arkiv-{run}.zip"), repeat)
    print(
        f"case file (JSON) of region {code}, baseline   median {base_median:8.1f} ms   best {base_best:8.1f} ms"
        f"   ({case_bytes / 1024:.0f} KiB)"
    )
    print(
        f"archive of region {code} (BagIt ZIP)          median {arch_median:8.1f} ms   best {arch_best:8.1f} ms"
        f"   ({size / 1024:.0f} KiB; {arch_median / base_median:.1f}× the case file alone)"
    )
    print(
        f"verify the archive (no database)            median {verify_median:8.1f} ms   best {verify_best:8.1f} ms"
        f"   ({verify_median / base_median:.1f}× the case file alone)"
    )


if __name__ == "__main__":
    sys.exit(main())
