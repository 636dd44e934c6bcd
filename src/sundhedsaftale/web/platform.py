"""The one place the Django side gets the core's loaded platform (law, reference data, rulebook).

SUNDHEDSAFTALE_DATA_DIR points to another data directory (used to prove that a bad data file stops start-up).
"""

from __future__ import annotations

import os
from pathlib import Path

from sundhedsaftale.core import Platform, load_platform


def platform() -> Platform:
    data_dir = os.environ.get("SUNDHEDSAFTALE_DATA_DIR")
    return load_platform(Path(data_dir) if data_dir else None)
