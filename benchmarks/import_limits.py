"""Benchmark: an oversized workbook refused by the import limits, beside reading it whole as before (run with
`make bench` or `python benchmarks/import_limits.py`). Prints figures; asserts nothing.

The workbook is Region Sjælland's export with its attendance sheet repeated until the file unpacks to about
46 MB while it weighs about 2 MB, as a hand-made or hostile file can. Measured in the same run:

- baseline: opening it the way the import did before the limits (openpyxl, whole workbook in memory) and reading
  every row;
- now: ``import_case`` on it, which refuses it from the sizes the ZIP archive declares;
- for scale: importing the region's own export, a file well inside the limits.

Each is run once in a forked process, which gives its wall time and the process's peak resident memory (all
three start from the same process, so the same baseline of loaded code and data is in each figure); the two fast
ones are also timed as the median of ``--repeat`` runs in this process.
"""

from __future__ import annotations

import argparse
import io
import os
import statistics
import time
import warnings
import zipfile
from collections.abc import Callable

from openpyxl import Workbook, load_workbook

from sundhedsaftale.core import load_platform
from sundhedsaftale.core.case import RegionCase
from sundhedsaftale.demo import DEMO_TODAY, build_national_demo
from sundhedsaftale.interchange import InterchangeError, case_to_xlsx, import_case
from sundhedsaftale.interchange._tables import SHEETS, case_tables

TARGET_UNPACKED = 46 * 1024 * 1024


def oversized(case: RegionCase) -> bytes:
    """The region's tables, with the attendance rows repeated until the workbook unpacks to ~46 MB."""
    tables = case_tables(case)
    wb = Workbook(write_only=True)
    for spec in SHEETS:
        ws = wb.create_sheet(spec.name)
        ws.append(spec.headers)
        rows = tables[spec.name]
        repeat = 1 if spec.name != "Deltagere" else max(1, TARGET_UNPACKED // (len(rows) * 325))
        for _ in range(repeat):
            for row in rows:
                ws.append(row)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def unpacked(data: bytes) -> int:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return sum(i.file_size for i in archive.infolist())


def timed(fn: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def forked(fn: Callable[[], object]) -> tuple[float, float]:
    """Wall time (ms) and peak resident memory (MB) of ``fn`` run once in a child process."""
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: run, report the time, leave without cleanup
        start = time.perf_counter()
        fn()
        os.write(write, str((time.perf_counter() - start) * 1000).encode())
        os._exit(0)
    os.close(write)
    _, status, usage = os.wait4(pid, 0)
    elapsed = os.read(read, 64)
    os.close(read)
    if status != 0 or not elapsed:
        raise RuntimeError(f"the measured run failed (status {status})")
    return float(elapsed), usage.ru_maxrss / 1024  # Linux reports kilobytes


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    platform = load_platform()
    case = next(
        c for c in build_national_demo(platform.reference, today=DEMO_TODAY) if c.region.code == "1085"
    )
    big = oversized(case)
    own = case_to_xlsx(case)

    def before() -> None:  # what the import did before the limits
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            wb = load_workbook(io.BytesIO(big), read_only=False, data_only=True)
        for ws in wb.worksheets:
            for _ in ws.iter_rows(values_only=True):
                pass
        wb.close()

    def refused() -> None:
        try:
            import_case(big, base=case, filename="stor.xlsx", rulebook=platform.rulebook)
        except InterchangeError:
            return
        raise AssertionError("the oversized workbook was not refused")

    def normal() -> None:
        import_case(own, base=case, filename="eksport.xlsx", rulebook=platform.rulebook)

    print(f"oversized workbook: {len(big) / 1e6:.1f} MB, unpacks to {unpacked(big) / 1e6:.1f} MB")
    print(f"region's own export: {len(own) / 1e6:.2f} MB, unpacks to {unpacked(own) / 1e6:.2f} MB")
    baseline_ms, baseline_mb = forked(before)
    refused_mb = forked(refused)[1]
    normal_mb = forked(normal)[1]
    refused_ms = timed(refused, args.repeat)
    normal_ms = timed(normal, args.repeat)
    print(
        f"baseline, read whole as before the limits  {baseline_ms:10.1f} ms  peak RSS {baseline_mb:7.1f} MB"
    )
    print(f"refused by the limits (now)                {refused_ms:10.1f} ms  peak RSS {refused_mb:7.1f} MB")
    print(f"region's own export imported (for scale)   {normal_ms:10.1f} ms  peak RSS {normal_mb:7.1f} MB")
    print(f"refusing takes 1/{baseline_ms / refused_ms:,.0f} of the time of reading the file whole")


if __name__ == "__main__":
    main()
