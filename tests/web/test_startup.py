"""Nothing starts half-configured: a bad data file stops the platform with a one-line reason."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from sundhedsaftale.data import DATA_DIR

ROOT = Path(__file__).resolve().parents[2]


def test_bad_data_file_stops_start_up_naming_file_and_line(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data, ignore=shutil.ignore_patterns("__pycache__", "*.py"))
    regions = data / "reference" / "regions.csv"
    regions.write_text(regions.read_text(encoding="utf-8").replace("1082,", "1092,", 1), encoding="utf-8")
    env = {
        **os.environ,
        "SUNDHEDSAFTALE_DATA_DIR": str(data),
        "SUNDHEDSAFTALE_VAR_DIR": str(tmp_path / "var"),
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert "regions.csv, linje 3: kolonnen 'code'" in result.stderr
