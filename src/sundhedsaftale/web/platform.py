"""The one place the Django side gets the core's loaded platform (law, reference data, rulebook).

SUNDHEDSAFTALE_DATA_DIR points to another data directory (used to prove that a bad data file stops start-up).
"""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path

from sundhedsaftale.core import Platform, load_platform
from sundhedsaftale.core.rules import EnglishTexts, load_english
from sundhedsaftale.data import DATA_DIR


def platform() -> Platform:
    data_dir = os.environ.get("SUNDHEDSAFTALE_DATA_DIR")
    return load_platform(Path(data_dir) if data_dir else None)


def english() -> EnglishTexts:
    """The English texts of the rulebook (ADR 0039), checked against its rules and parameters once."""
    data_dir = os.environ.get("SUNDHEDSAFTALE_DATA_DIR")
    return _english(Path(data_dir) if data_dir else DATA_DIR)


@cache
def _english(data_dir: Path) -> EnglishTexts:
    book = platform().rulebook
    return load_english(
        data_dir / "law" / "english.yaml",
        rule_ids=[r.id for r in book.rules],
        parameter_keys=[p.key for p in book.parameters],
        explanations=book.explanations,
    )
