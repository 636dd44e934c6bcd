"""The command line starts without what only some commands use (ADR 0031): `--help` loads neither the law nor
spreadsheets, calendars or documents, and each command loads only its own libraries."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HEAVY = (
    "openpyxl",
    "icalendar",
    "weasyprint",
    "docx",
    "pydantic",
    "yaml",
    "rich",
    "jinja2",
    # The register indicators' libraries (ADR 0043): only `data generate | indicators | import-register` use them.
    "numpy",
    "duckdb",
    "pyarrow",
)
REGISTER = {"numpy", "duckdb", "pyarrow"}


def loaded_after(*argv: str, cache: Path | None = None) -> set[str]:
    """The heavy libraries a fresh process has imported after running the command line with ``argv``."""
    code = (
        "import json, sys\n"
        "from sundhedsaftale.cli.main import app\n"
        "try:\n"
        f"    app({list(argv)!r})\n"
        "except SystemExit:\n"
        "    pass\n"
        f"print(json.dumps(sorted(m for m in {HEAVY!r} if m in sys.modules)), file=sys.stderr)\n"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    if cache is not None:
        env["SUNDHEDSAFTALE_CACHE_DIR"] = str(cache)
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120)
    return set(json.loads(done.stderr.strip().splitlines()[-1]))


def test_help_loads_no_law_spreadsheet_calendar_document_or_register_library() -> None:
    assert loaded_after("--help") == set()
    # Parsing a sub-command's arguments makes typer itself import pydantic; nothing of ours comes with it.
    assert not loaded_after("data", "--help") & {
        "openpyxl",
        "icalendar",
        "weasyprint",
        "docx",
        "yaml",
        "rich",
        *REGISTER,
    }


def test_rules_loads_the_law_but_no_spreadsheet_calendar_or_document_library(tmp_path: Path) -> None:
    first = loaded_after("rules", "--at", "2025-01-01", cache=tmp_path)
    assert {"pydantic", "yaml"} <= first  # the law read from its files, and kept (ADR 0044)
    assert not first & {"openpyxl", "icalendar", "weasyprint", "docx", *REGISTER}
    second = loaded_after("rules", "--at", "2025-01-01", cache=tmp_path)
    assert "yaml" not in second  # the kept law: no file parsed
    assert not second & {"openpyxl", "icalendar", "weasyprint", "docx", *REGISTER}


def test_rules_with_the_law_kept_builds_no_validator_of_the_platforms_models(tmp_path: Path) -> None:
    """The platform's pydantic models build their validators when a file is first read (``defer_build``), not on
    import: with the law kept, `rules` reads no file and builds none (ADR 0044)."""
    loaded_after("rules", cache=tmp_path)  # the first run reads the law and keeps it
    code = (
        "import json, sys\n"
        "from pydantic import BaseModel\n"
        "from sundhedsaftale.cli.main import app\n"
        "try:\n"
        "    app(['rules'])\n"
        "except SystemExit:\n"
        "    pass\n"
        "def every(cls):\n"
        "    for sub in cls.__subclasses__():\n"
        "        yield sub\n"
        "        yield from every(sub)\n"
        "built = {f'{c.__module__}.{c.__qualname__}' for c in every(BaseModel)\n"
        "         if c.__module__.startswith('sundhedsaftale') and c.__pydantic_complete__}\n"
        "print(json.dumps(sorted(built)), file=sys.stderr)\n"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "SUNDHEDSAFTALE_CACHE_DIR": str(tmp_path)}
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120)
    assert json.loads(done.stderr.strip().splitlines()[-1]) == []


def test_a_docx_letter_does_not_load_weasyprint(tmp_path: Path) -> None:
    example = ROOT / "examples" / "sjaelland-2024-2027-godkendelse.json"
    out = tmp_path / "brev.docx"
    loaded = loaded_after(
        "letter", str(example), "--kind", "approval", "--at", "2024-02-08", "--out", str(out)
    )
    assert out.stat().st_size > 0
    assert "docx" in loaded
    assert not loaded & {"weasyprint", "openpyxl", "icalendar"}
