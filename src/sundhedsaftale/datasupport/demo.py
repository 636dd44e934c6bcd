"""The demo's dashboards: a small seeded synthetic register, generated and computed when the demo is set up."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

from sundhedsaftale.indicators import national_geography
from sundhedsaftale.indicators.synth import generate

from .actions import fingerprint, indicators_compute
from .models import ComputationRun

# About 6,000 residents (0.1 % of the country): enough for most clusters' counts to pass the suppression, small
# enough to generate and compute in a few seconds.
DEMO_SCALE = 0.001
DEMO_SEED = 1
DEMO_YEARS = 3


def datasupport_demo_load(today: dt.date) -> ComputationRun:
    """The last ``DEMO_YEARS`` whole years before ``today``, computed once: a register with the same fingerprint
    is not computed again."""
    years = list(range(today.year - DEMO_YEARS, today.year))
    with tempfile.TemporaryDirectory(prefix="sundhedsaftale-demo-register-") as tmp:
        directory = Path(tmp)
        generate(
            directory,
            municipalities=national_geography().municipality_regions(),
            years=years,
            scale=DEMO_SCALE,
            seed=DEMO_SEED,
        )
        existing = ComputationRun.objects.filter(fingerprint=fingerprint(directory), synthetic=True).first()
        if existing is not None:
            return existing
        # The dashboards show clusters, regions and the country; the demo keeps no municipality values.
        return indicators_compute(directory, years=years, synthetic=True, levels=("klynge", "region", "land"))
