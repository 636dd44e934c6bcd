from __future__ import annotations

import os
import shutil
import tempfile

import pytest

from sundhedsaftale.core import Platform, load_platform
from sundhedsaftale.documents._render import RENDER_CACHE_VARIABLE

CLI_CACHE_VARIABLE = "SUNDHEDSAFTALE_CACHE_DIR"


def pytest_configure(config: pytest.Config) -> None:
    # Made by the main process before the workers start, so every worker, demo set-up, command and server the
    # suite starts shares them, and removed when the run ends: one cache of rendered PDFs for this run
    # (documents/_render.py), and the command line's kept law in a folder of the run's own instead of the user's
    # cache (core/_platform_cache.py).
    if hasattr(config, "workerinput") or RENDER_CACHE_VARIABLE in os.environ:
        return
    folder = tempfile.mkdtemp(prefix="sundhedsaftale-tests-")
    os.environ[RENDER_CACHE_VARIABLE] = os.path.join(folder, "pdf")
    os.environ.setdefault(CLI_CACHE_VARIABLE, os.path.join(folder, "cli"))
    config._run_folder = folder  # type: ignore[attr-defined]


def pytest_unconfigure(config: pytest.Config) -> None:
    folder = getattr(config, "_run_folder", None)
    if folder:
        os.environ.pop(RENDER_CACHE_VARIABLE, None)
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(scope="session")
def platform() -> Platform:
    return load_platform()
