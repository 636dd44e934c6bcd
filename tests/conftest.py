from __future__ import annotations

import os
import shutil
import tempfile

import pytest

from sundhedsaftale.core import Platform, load_platform
from sundhedsaftale.documents._render import RENDER_CACHE_VARIABLE


def pytest_configure(config: pytest.Config) -> None:
    # One cache of rendered PDFs for this run, made by the main process before the workers start, so every
    # worker, demo set-up and server the suite starts shares it (documents/_render.py).
    if not hasattr(config, "workerinput") and RENDER_CACHE_VARIABLE not in os.environ:
        os.environ[RENDER_CACHE_VARIABLE] = tempfile.mkdtemp(prefix="sundhedsaftale-pdf-")
        config._render_cache_made = True  # type: ignore[attr-defined]


def pytest_unconfigure(config: pytest.Config) -> None:
    if getattr(config, "_render_cache_made", False):
        shutil.rmtree(os.environ.pop(RENDER_CACHE_VARIABLE), ignore_errors=True)


@pytest.fixture(scope="session")
def platform() -> Platform:
    return load_platform()
