"""The test suite runs the development environment, chosen explicitly (docs/deploy.md).

pytest-django imports this module as DJANGO_SETTINGS_MODULE before any conftest, so the choice is made before
the platform's settings read it.
"""

import os

os.environ["SUNDHEDSAFTALE_ENV"] = "development"
# The suite's "today" is pinned before Region Sjælland and Region Hovedstaden end (2026-12-31), so tests that edit
# their records keep passing after 1 January 2027; tests of the 2027 structure set settings.TODAY themselves.
os.environ.setdefault("SUNDHEDSAFTALE_TODAY", "2026-12-01")

from sundhedsaftale.web.settings import *  # noqa: F403

# The suite keeps no register indicator blocks in var/ (ADR 0053); a test of keeping points this at its own folder.
INDICATOR_BLOCKS_DIR = None
