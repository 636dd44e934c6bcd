"""Benchmark: how long the command line takes to start, beside bare Python and bare WeasyPrint. Prints figures;
asserts nothing.

Run: ``python benchmarks/startup.py`` (``--repeat N``). Each command runs as a fresh process, as a user runs it;
the best of ``--repeat`` runs (default 7) is printed with the median, the best being the run least disturbed by
other work on the machine. Targets: ``sundhedsaftale --help`` and ``sundhedsaftale rules`` within 0.3 s; a letter
(the example approval letter as PDF/A-2b) little more than a bare ``python -c "import weasyprint"`` process plus
the rendering itself; WeasyPrint alone rendering the letter's HTML (written once by the command line, untimed) is
timed beside it, so the difference is what the platform adds.

``--importtime`` prints the ten slowest imports of ``sundhedsaftale --help`` (``python -X importtime``); ``--src``
times another source tree (another checkout's ``src``), to compare before and after in one run.

Bytecode: an installed package has its modules compiled (pip compiles them on install), and a checkout writes
``__pycache__`` on its first run. Where ``PYTHONDONTWRITEBYTECODE`` is set, every process would compile the whole
tree again from source (about 0.4 s of ``sundhedsaftale rules`` on this kind of machine), which no user pays; so
the tree is compiled once into a temporary ``PYTHONPYCACHEPREFIX`` before timing (and the libraries' bytecode
written there by an untimed first run of each command). ``--from-source`` times without it. ``sundhedsaftale
rules`` is timed with the loaded law kept between runs (ADR 0044) and without. Each row also shows the processor time (user and system) of its best run, which a busy machine disturbs less
than the wall time.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET_S = 0.3
CLI = [sys.executable, "-c", "from sundhedsaftale.cli.main import run; run()"]
# The command line with the PDF renderer replaced by one that writes the letter's HTML to $LETTER_HTML (run once,
# untimed), so that WeasyPrint alone can be timed rendering exactly what the letter command gives it.
CLI_WRITING_HTML = [
    sys.executable,
    "-c",
    "import os, pathlib, sundhedsaftale.documents as d; "
    "d.render_pdf = lambda doc: pathlib.Path(os.environ['LETTER_HTML']).write_text(d.render_html(doc)) and b''; "
    "from sundhedsaftale.cli.main import run; run()",
]
# WeasyPrint on its own, in a fresh process: the letter's HTML to tagged PDF/A-2b, as documents/_render.py calls it.
WEASYPRINT_RENDERING = [
    sys.executable,
    "-c",
    "import pathlib, sys, weasyprint; "
    "weasyprint.HTML(string=pathlib.Path(sys.argv[1]).read_text()).write_pdf("
    "sys.argv[2], pdf_variant='pdf/a-2b', pdf_tags=True)",
]


def timed(argv: list[str], repeat: int, env: dict[str, str]) -> tuple[float, float, float]:
    """Best and median wall time in seconds of ``argv`` as a fresh process, and the least processor time; after
    one run that is not timed (it writes what the command's imports compile, see :func:`compiled`)."""
    subprocess.run(argv, env=env, capture_output=True, check=False)
    times = []
    cpu = []
    for _ in range(repeat):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        done = subprocess.run(argv, env=env, capture_output=True, check=False)
        times.append(time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
        if done.returncode not in (0, 1):
            sys.exit(f"{' '.join(argv)}: exit {done.returncode}\n{done.stderr.decode()}")
    return min(times), statistics.median(times), min(cpu)


def compiled(src: Path, prefix: Path, env: dict[str, str]) -> dict[str, str]:
    """``env`` reading bytecode from ``prefix`` (as an installed package has it): ``src`` compiled into it now, and
    every other module (the libraries, whose own ``__pycache__`` a prefix hides) written there on first import,
    which the untimed first run of each command does."""
    with_prefix = {k: v for k, v in env.items() if k != "PYTHONDONTWRITEBYTECODE"}
    with_prefix["PYTHONPYCACHEPREFIX"] = str(prefix)
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(src)], env=with_prefix, check=True)
    return with_prefix


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
    parser.add_argument(
        "--from-source",
        action="store_true",
        help="time without compiled bytecode for the source tree (every process compiles it)",
    )
    args = parser.parse_args()
    env = {**os.environ, "PYTHONPATH": str(args.src), "SUNDHEDSAFTALE_ENV": "development"}
    example = ROOT / "examples" / "sjaelland-2024-2027-godkendelse.json"
    with tempfile.TemporaryDirectory(prefix="sundhedsaftale-startup-") as tmp:
        if not args.from_source:
            env = compiled(args.src, Path(tmp) / "pycache", env)
        print(
            f"bytecode: {'none (compiled from source in every process)' if args.from_source else 'compiled'}"
        )
        letter_args = ["letter", str(example), "--kind", "approval", "--at", "2024-02-08"]
        letter = [*CLI, *letter_args]
        letter_html = Path(tmp) / "brev.html"
        subprocess.run(
            [*CLI_WRITING_HTML, *letter_args, "--out", str(Path(tmp) / "html-only.pdf")],
            env={**env, "LETTER_HTML": str(letter_html)},
            capture_output=True,
            check=True,
        )
        rows = [
            ("python -c pass", [sys.executable, "-c", "pass"]),
            ('python -c "import weasyprint"', [sys.executable, "-c", "import weasyprint"]),
            (
                "WeasyPrint alone: the letter's HTML to PDF",
                [*WEASYPRINT_RENDERING, str(letter_html), str(Path(tmp) / "weasyprint.pdf")],
            ),
            ("sundhedsaftale --help", [*CLI, "--help"]),
            ("sundhedsaftale rules", [*CLI, "rules"]),
            ("sundhedsaftale rules (law not kept)", [*CLI, "rules"]),
            (
                "sundhedsaftale check (example region)",
                [*CLI, "check", str(ROOT / "examples/region-sjaelland.json")],
            ),
            ("sundhedsaftale letter --out brev.pdf", [*letter, "--out", str(Path(tmp) / "brev.pdf")]),
            ("sundhedsaftale letter --out brev.docx", [*letter, "--out", str(Path(tmp) / "brev.docx")]),
        ]
        measured: dict[str, float] = {}
        # The loaded law is kept between runs in the user's cache (ADR 0044); "not kept" points the cache at a
        # directory that cannot exist, so every run reads the files, as the first run after a change does.
        kept = {**env, "SUNDHEDSAFTALE_CACHE_DIR": str(Path(tmp) / "platform-cache")}
        not_kept = {**env, "SUNDHEDSAFTALE_CACHE_DIR": str(Path(tmp) / "no-such-file" / "cache")}
        (Path(tmp) / "no-such-file").write_text("", encoding="utf-8")
        for label, argv in rows:
            best, median, cpu = timed(argv, args.repeat, not_kept if "not kept" in label else kept)
            measured[label] = best
            print(
                f"{label:<44} best {best:6.2f} s   median {median:6.2f} s   processor {cpu:6.2f} s"
                f"   (of {args.repeat})"
            )
        if args.importtime:
            print("slowest imports of sundhedsaftale --help (cumulative µs):")
            for micros, name in slowest_imports(env):
                print(f"  {micros:>9}  {name}")
    for label in ("sundhedsaftale --help", "sundhedsaftale rules"):
        verdict = "within" if measured[label] <= TARGET_S else "OVER"
        print(f"{label}: {measured[label]:.2f} s, {verdict} the {TARGET_S} s target")
    weasy = measured['python -c "import weasyprint"']
    rendering = measured["WeasyPrint alone: the letter's HTML to PDF"]
    pdf = measured["sundhedsaftale letter --out brev.pdf"]
    print(
        f"a PDF letter from the command line: {pdf:.2f} s against {rendering:.2f} s for WeasyPrint alone rendering "
        f"its HTML ({pdf / rendering:.2f}×, {pdf - rendering:+.2f} s) and {weasy:.2f} s for importing WeasyPrint"
    )


if __name__ == "__main__":
    main()
