"""Another installation of the platform beside the suite's: an empty database of the suite's kind and a var
directory of its own, for tests that restore into it through ``manage.py`` in a subprocess."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from django.db import connection

ROOT = Path(__file__).resolve().parents[2]


@contextmanager
def fresh_installation(tmp_path: Path, suffix: str) -> Iterator[dict[str, str]]:
    """The environment of the other installation; on PostgreSQL a database ``<test database>_<suffix>``, dropped
    afterwards (the suffix keeps two tests, and the workers of a parallel run, apart)."""
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "SUNDHEDSAFTALE_VAR_DIR")}
    env["SUNDHEDSAFTALE_VAR_DIR"] = str(tmp_path / "restored")
    env["DJANGO_SETTINGS_MODULE"] = "sundhedsaftale.web.settings"
    if connection.vendor != "postgresql":
        env["DATABASE_URL"] = f"sqlite:///{tmp_path / 'restored.sqlite3'}"
        yield env
        return
    import psycopg
    from psycopg import sql

    params = connection.settings_dict
    name = f"{params['NAME']}_{suffix}"
    server = {"user": params["USER"], "host": params["HOST"], "port": params["PORT"] or 5432}
    if params.get("PASSWORD"):
        server["password"] = params["PASSWORD"]

    def admin(statement: str) -> None:
        with psycopg.connect(dbname="postgres", autocommit=True, **server) as pg:
            pg.execute(sql.SQL(statement).format(sql.Identifier(name)))

    admin("DROP DATABASE IF EXISTS {} WITH (FORCE)")
    admin("CREATE DATABASE {}")
    password = f":{params['PASSWORD']}" if params.get("PASSWORD") else ""
    env["DATABASE_URL"] = f"postgres://{params['USER']}{password}@{server['host']}:{server['port']}/{name}"
    try:
        yield env
    finally:
        admin("DROP DATABASE IF EXISTS {} WITH (FORCE)")


def run_python(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    """Python with ``args`` in the other installation, from the project's root."""
    return subprocess.run(
        [sys.executable, *args], env=env, cwd=ROOT, capture_output=True, text=True, timeout=600, check=False
    )
