"""Benchmark: how long the command line takes to start, beside bare Python and bare WeasyPrint. Prints figures;
asserts nothing.

Run: ``python benchmarks/startup.py`` (``--repeat N``). Each command runs as a fresh process, as a user runs it;
the best of ``--repeat`` runs (default 7) is printed with the median, the best being the run least disturbed by
other work on the machine. Targets: ``sundhedsaftale --help`` and ``sundhedsaftale rules`` within 0.3 s; a letter
(the example approval letter as PDF/A-2b) little more than a bare ``python -c "import weasyprint"`` process plus
the rendering itself.

``--importtime`` prints the ten slowest imports of ``sundhedsaftale --help`` (``python -X importtime``); ``--src``
times another source tree (another checkout's ``src``), to compare before and after in one run.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET_S = 0.3
CLI = [sys.executable, "-c", "from sundhedsaftale.cli.main import run; run()"]


def timed(argv: list[str], repeat: int, env: dict[str, str]) -> tuple[float, float]:
    """Best and median wall time in seconds of ``argv`` as a fresh process."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        done = subprocess.run(argv, env=env, capture_output=True, check=False)
        times.append(time.perf_counter() - start)
        if done.returncode not in (0, 1):
            sys.exit(f"{' '.join(argv)}: exit {done.returncode}\n{done.stderr.decode()}")
    return min(times), statistics.median(times)


def slowest_imports(env: dict[str, str], n: int = 10) -> list[tuple[int, str]]:
    done = subprocess.run(
        [sys.executable, "-X", "importtime", *CLI[1:], "--help"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    rows = []
    for line in done.stderr.splitlines():
        parts = line.split("|")
        if len(parts) == 3 and parts[1].strip().isdigit():
            rows.append((int(parts[1]), parts[2].rstrip()))
    return sorted(rows, reverse=True)[:n]


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--importtime", action="store_true")
    parser.add_argument(
        "--src",
        type=Path,
        default=ROOT / "src",
        help="the source tree to time (e.g. another checkout's, to compare)",
    )
    args = parser.parse_args()
    env = {**os.environ, "PYTHONPATH": str(args.src), "SUNDHEDSAFTALE_ENV": "development"}
    example = ROOT / "examples" / "sjaelland-2024-2027-godkendelse.json"
    with tempfile.TemporaryDirectory(prefix="sundhedsaftale-startup-") as tmp:
        letter = [*CLI, "letter", str(example), "--kind", "approval", "--at", "2024-02-08"]
        rows = [
            ("python -c pass", [sys.executable, "-c", "pass"]),
            ('python -c "import weasyprint"', [sys.executable, "-c", "import weasyprint"]),
            ("sundhedsaftale --help", [*CLI, "--help"]),
            ("sundhedsaftale rules", [*CLI, "rules"]),
            (
                "sundhedsaftale check (example region)",
                [*CLI, "check", str(ROOT / "examples/region-sjaelland.json")],
            ),
            ("sundhedsaftale letter --out brev.pdf", [*letter, "--out", str(Path(tmp) / "brev.pdf")]),
            ("sundhedsaftale letter --out brev.docx", [*letter, "--out", str(Path(tmp) / "brev.docx")]),
        ]
        measured: dict[str, float] = {}
        for label, argv in rows:
            best, median = timed(argv, args.repeat, env)
            measured[label] = best
            print(f"{label:<42} best {best:6.2f} s   median {median:6.2f} s   (of {args.repeat})")
    for label in ("sundhedsaftale --help", "sundhedsaftale rules"):
        verdict = "within" if measured[label] <= TARGET_S else "OVER"
        print(f"{label}: {measured[label]:.2f} s, {verdict} the {TARGET_S} s target")
    weasy = measured['python -c "import weasyprint"']
    pdf = measured["sundhedsaftale letter --out brev.pdf"]
    print(
        f"a PDF letter from the command line: {pdf:.2f} s against {weasy:.2f} s for bare WeasyPrint ({pdf / weasy:.2f}×)"
    )
    if args.importtime:
        print("slowest imports of sundhedsaftale --help (cumulative µs):")
        for micros, name in slowest_imports(env):
            print(f"  {micros:>9}  {name}")


if __name__ == "__main__":
    main()
