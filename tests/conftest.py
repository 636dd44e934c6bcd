from __future__ import annotations

import pytest

from sundhedsaftale.core import Platform, load_platform


@pytest.fixture(scope="session")
def platform() -> Platform:
    return load_platform()
