"""The test suite runs the development environment, chosen explicitly (docs/deploy.md).

pytest-django imports this module as DJANGO_SETTINGS_MODULE before any conftest, so the choice is made before
the platform's settings read it.
"""

import os

os.environ["SUNDHEDSAFTALE_ENV"] = "development"

from sundhedsaftale.web.settings import *  # noqa: F403
