"""The application's PostgreSQL role reads and writes rows and can do nothing else (ADR 0016).

A database of its own is migrated by an owner role that is not a superuser, ``database_roles`` grants the
application role its rights, the application does its normal work as that role (loads the demo, answers
``/healthz``), and then that role tries to get around the triggers: every attempt is refused.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from django.conf import settings
from django.db import connection

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.skipif(connection.vendor != "postgresql", reason="database roles are PostgreSQL's")


def _url(role: str, database: str) -> str:
    db = settings.DATABASES["default"]
    return f"postgres://{role}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{database}"


def _admin_connect(database: str = "postgres") -> psycopg.Connection:
    db = settings.DATABASES["default"]
    return psycopg.connect(_url(db["USER"], database), autocommit=True)


def _manage(url: str, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "DATABASE_URL": url, "SUNDHEDSAFTALE_ENV": "development"}
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300
    )


@pytest.fixture(scope="module")
def roles() -> Iterator[tuple[str, str, str]]:
    # Names of their own per test database, so parallel runs on one server do not meet.
    base = f"{settings.DATABASES['default']['NAME']}_roles"[:50]
    database, owner, app = base, f"{base}_owner", f"{base}_app"

    def drop(admin: psycopg.Connection) -> None:
        admin.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
        for role in (app, owner):
            admin.execute(f'DROP ROLE IF EXISTS "{role}"')

    with _admin_connect() as admin:
        drop(admin)
        admin.execute(f'CREATE ROLE "{owner}" LOGIN')
        admin.execute(f'CREATE ROLE "{app}" LOGIN')
        admin.execute(f'CREATE DATABASE "{database}" OWNER "{owner}"')
    try:
        migrated = _manage(_url(owner, database), "migrate", "--noinput", "-v", "0")
        assert migrated.returncode == 0, migrated.stderr
        granted = _manage(_url(owner, database), "database_roles", "--app-role", app)
        assert granted.returncode == 0, granted.stderr
        yield database, owner, app
    finally:
        with _admin_connect() as admin:
            drop(admin)


HEALTH = (
    "from django.test import Client; r = Client().get('/healthz'); print(r.status_code, r.json()['status'])"
)


def test_app_role_does_its_normal_work(roles) -> None:
    database, _, app = roles
    demo = _manage(_url(app, database), "setup_demo", "--today", "2026-11-23")
    assert demo.returncode == 0, demo.stderr
    health = _manage(_url(app, database), "shell", "-c", HEALTH)
    assert health.stdout.split()[-2:] == ["200", "ok"], health.stderr
    with psycopg.connect(_url(app, database)) as conn:
        regions = conn.execute("SELECT count(*) FROM registry_region").fetchone()
        audit = conn.execute("SELECT count(*) FROM accounts_auditentry").fetchone()
    assert regions == (6,)  # the five regions and Region Østdanmark from 2027 (ADR 0029)
    assert audit is not None
    assert audit[0] > 0
    # What it may write, the triggers still guard: the audit log and the demo's submitted versions.
    with psycopg.connect(_url(app, database)) as conn, pytest.raises(psycopg.errors.RaiseException):
        conn.execute("UPDATE accounts_auditentry SET action = 'changed'")
    with psycopg.connect(_url(app, database)) as conn, pytest.raises(psycopg.errors.RestrictViolation):
        conn.execute("UPDATE agreements_agreementversion SET content = '{}' WHERE state <> 'draft'")


@pytest.mark.parametrize(
    "sql",
    [
        "ALTER TABLE accounts_auditentry DISABLE TRIGGER ALL",
        "ALTER TABLE review_issuedletter DISABLE TRIGGER review_issuedletter_immutable",
        "DROP TRIGGER agreements_version_frozen ON agreements_agreementversion",
        "DROP TABLE review_issuedletter",
        "TRUNCATE accounts_auditentry",
        "SET session_replication_role = replica",
        "CREATE TABLE loophole (id int)",
        "CREATE TRIGGER t BEFORE INSERT ON accounts_auditentry EXECUTE FUNCTION accounts_auditentry_refuse()",
        "INSERT INTO django_migrations (app, name, applied) VALUES ('x', 'y', now())",
        "DELETE FROM django_migrations",
    ],
)
def test_app_role_cannot_get_around_the_triggers(roles, sql) -> None:
    database, _, app = roles
    with psycopg.connect(_url(app, database)) as conn, pytest.raises(psycopg.errors.InsufficientPrivilege):
        conn.execute(sql)
