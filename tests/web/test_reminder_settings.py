"""Mail in production (docs/deploy.md, ADR 0034): SMTP only with its variables and an https base URL; without an
SMTP server production never falls back to the console, and ``send_reminders`` refuses naming the variable."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.db import connection

from .test_production_settings import PRODUCTION, _manage

pytestmark = pytest.mark.skipif(connection.vendor == "postgresql", reason="independent of the test database")

SMTP = {**PRODUCTION, "SUNDHEDSAFTALE_EMAIL_HOST": "smtp.example.dk"}


@pytest.mark.parametrize(
    ("env", "named"),
    [
        (SMTP, "SUNDHEDSAFTALE_BASE_URL"),
        ({**SMTP, "SUNDHEDSAFTALE_BASE_URL": "http://sundhedsaftale.example.dk"}, "SUNDHEDSAFTALE_BASE_URL"),
        ({**SMTP, "SUNDHEDSAFTALE_BASE_URL": "sundhedsaftale.example.dk"}, "SUNDHEDSAFTALE_BASE_URL"),
        (
            {
                **SMTP,
                "SUNDHEDSAFTALE_BASE_URL": "https://sundhedsaftale.example.dk",
                "SUNDHEDSAFTALE_EMAIL_PORT": "x",
            },
            "SUNDHEDSAFTALE_EMAIL_PORT",
        ),
    ],
    ids=["smtp-without-base-url", "plain-http-base-url", "base-url-without-scheme", "bad-port"],
)
def test_production_mail_refuses_to_start_misconfigured(
    tmp_path: Path, env: dict[str, str], named: str
) -> None:
    result = _manage(tmp_path, "check", **env)
    assert result.returncode == 2
    assert result.stderr.startswith("sundhedsaftale kan ikke starte:")
    assert named in result.stderr


def test_production_with_smtp_and_base_url_starts(tmp_path: Path) -> None:
    result = _manage(tmp_path, "check", **SMTP, SUNDHEDSAFTALE_BASE_URL="https://sundhedsaftale.example.dk")
    assert result.returncode == 0, result.stderr


def test_production_without_smtp_sends_nothing_and_says_which_variable_to_set(tmp_path: Path) -> None:
    result = _manage(tmp_path, "send_reminders", **PRODUCTION)
    assert result.returncode == 1
    assert "SUNDHEDSAFTALE_EMAIL_HOST" in result.stderr
    assert "Traceback" not in result.stderr
