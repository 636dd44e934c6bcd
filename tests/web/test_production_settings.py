"""Production is the default and refuses to start unsafe; the documented production environment passes
``manage.py check --deploy`` with no warning (docs/deploy.md)."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

ROOT = Path(__file__).resolve().parents[2]

# Each check starts its own process on a SQLite database of its own: running them again in the PostgreSQL
# pass would test nothing new.
pytestmark = pytest.mark.skipif(connection.vendor == "postgresql", reason="independent of the test database")


def _manage(tmp_path: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    clean = {
        k: v for k, v in os.environ.items() if not k.startswith(("SUNDHEDSAFTALE_", "DATABASE_", "DJANGO_"))
    }
    clean["SUNDHEDSAFTALE_VAR_DIR"] = str(tmp_path / "var")
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


# The documented production environment (docs/deploy.md, "Miljøvariabler").
PRODUCTION = {
    "SUNDHEDSAFTALE_ENV": "production",
    "SUNDHEDSAFTALE_SECRET_KEY": secrets.token_urlsafe(50),
    "SUNDHEDSAFTALE_ALLOWED_HOSTS": "sundhedsaftale.example.dk",
    "SUNDHEDSAFTALE_BEHIND_PROXY": "1",
}


def test_documented_production_environment_passes_check_deploy(tmp_path: Path) -> None:
    result = _manage(tmp_path, "check", "--deploy", "--fail-level", "WARNING", **PRODUCTION)
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


@pytest.mark.parametrize(
    ("env", "named"),
    [
        ({}, "SUNDHEDSAFTALE_SECRET_KEY"),  # no environment at all: production, and no key
        ({**PRODUCTION, "SUNDHEDSAFTALE_SECRET_KEY": ""}, "SUNDHEDSAFTALE_SECRET_KEY"),
        ({**PRODUCTION, "SUNDHEDSAFTALE_SECRET_KEY": "kort"}, "SUNDHEDSAFTALE_SECRET_KEY"),
        (
            {**PRODUCTION, "SUNDHEDSAFTALE_SECRET_KEY": "development-only-key-not-for-production"},
            "SUNDHEDSAFTALE_SECRET_KEY",
        ),
        ({**PRODUCTION, "SUNDHEDSAFTALE_DEBUG": "1"}, "SUNDHEDSAFTALE_DEBUG"),
        ({**PRODUCTION, "SUNDHEDSAFTALE_ALLOWED_HOSTS": ""}, "SUNDHEDSAFTALE_ALLOWED_HOSTS"),
        ({**PRODUCTION, "SUNDHEDSAFTALE_ENV": "staging"}, "SUNDHEDSAFTALE_ENV"),
        ({**PRODUCTION, "SUNDHEDSAFTALE_HSTS_SECONDS": "et år"}, "SUNDHEDSAFTALE_HSTS_SECONDS"),
        ({**PRODUCTION, "SUNDHEDSAFTALE_BEHIND_PROXY": "ja"}, "SUNDHEDSAFTALE_BEHIND_PROXY"),
    ],
    ids=[
        "nothing-set",
        "no-key",
        "short-key",
        "development-key",
        "debug",
        "no-hosts",
        "unknown-env",
        "bad-hsts",
        "bad-flag",
    ],
)
def test_production_refuses_to_start_unsafe(tmp_path: Path, env: dict[str, str], named: str) -> None:
    result = _manage(tmp_path, "check", **env)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith("sundhedsaftale kan ikke starte:")
    assert named in result.stderr


def test_wsgi_application_refuses_to_load_unsafe(tmp_path: Path) -> None:
    # What gunicorn imports: the same refusal, before any request is served.
    clean = {
        k: v for k, v in os.environ.items() if not k.startswith(("SUNDHEDSAFTALE_", "DATABASE_", "DJANGO_"))
    }
    result = subprocess.run(
        [sys.executable, "-c", "import sundhedsaftale.web.wsgi"],
        cwd=tmp_path,
        env=clean,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert "ImproperlyConfigured: SUNDHEDSAFTALE_SECRET_KEY skal sættes" in result.stderr


def test_development_is_chosen_explicitly(tmp_path: Path) -> None:
    result = _manage(
        tmp_path,
        "shell",
        "-c",
        "from django.conf import settings; print(settings.DEBUG)",
        SUNDHEDSAFTALE_ENV="development",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[-1] == "True"
