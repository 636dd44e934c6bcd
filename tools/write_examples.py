"""Write the demo regions' case files in examples/ (tests/core/test_interchange.py keeps them equal to the demo).

Run `python tools/write_examples.py` after changing the demo data or the case schema.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from sundhedsaftale.core import load_platform
from sundhedsaftale.demo import build_national_demo

ROOT = Path(__file__).resolve().parents[1]
TODAY = dt.date(2026, 11, 23)
FILES = {"1085": "region-sjaelland.json", "1081": "region-nordjylland.json", "1083": "region-syddanmark.json"}


def main() -> None:
    for case in build_national_demo(load_platform().reference, today=TODAY):
        name = FILES.get(case.region.code)
        if name is not None:
            (ROOT / "examples" / name).write_text(case.model_dump_json(indent=2) + "\n", encoding="utf-8")
            print(f"examples/{name}")


if __name__ == "__main__":
    main()
