"""Give the application's PostgreSQL role exactly the rights it needs, and no more (ADR 0016, docs/deploy.md).

Run as the role that owns the tables (the one that runs migrations), after ``migrate``:

    DATABASE_URL=$DATABASE_MIGRATE_URL manage.py database_roles --app-role sundhedsaftale_app

The application role may read and write rows, nothing else: it owns no table, so it cannot ALTER, DROP or
disable a trigger (the audit log's and the frozen records' triggers hold against it), it has no TRUNCATE or
TRIGGER privilege, cannot create objects in the schema, and reads but never writes the migration history.
Default privileges give it the same rights on tables later migrations create. ``--create`` also creates the
login role (the connecting role then needs CREATEROLE); ``--print`` only prints the SQL for a DBA.
"""

from __future__ import annotations

import os
import re
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connections, transaction
from psycopg import sql

ROLE_NAME = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")
ROW_PRIVILEGES = "SELECT, INSERT, UPDATE, DELETE"


def grant_statements(*, role: str, database: str, schema: str = "public") -> list[str]:
    """The grants, in order. Identifiers are checked by the caller and quoted here."""
    r, d, s = f'"{role}"', f'"{database}"', f'"{schema}"'
    return [
        f"GRANT CONNECT ON DATABASE {d} TO {r}",
        f"GRANT USAGE ON SCHEMA {s} TO {r}",
        # Nobody but the owner creates objects in the schema (PostgreSQL 15's default; older ones allow it).
        f"REVOKE CREATE ON SCHEMA {s} FROM PUBLIC",
        f"REVOKE ALL ON ALL TABLES IN SCHEMA {s} FROM {r}",
        f"GRANT {ROW_PRIVILEGES} ON ALL TABLES IN SCHEMA {s} TO {r}",
        f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA {s} TO {r}",
        # The migration history is the owner's: the application reads it (/healthz), never writes it.
        f"REVOKE INSERT, UPDATE, DELETE ON {s}.django_migrations FROM {r}",
        f"ALTER DEFAULT PRIVILEGES IN SCHEMA {s} GRANT {ROW_PRIVILEGES} ON TABLES TO {r}",
        f"ALTER DEFAULT PRIVILEGES IN SCHEMA {s} GRANT USAGE, SELECT ON SEQUENCES TO {r}",
    ]


def create_statement(*, role: str, password: str | None) -> str:
    attributes = "LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS NOINHERIT"
    # CREATE ROLE takes no bind parameters: the password is quoted as a literal by psycopg.
    secret = f" PASSWORD {sql.Literal(password).as_string(None)}" if password else ""
    return f'CREATE ROLE "{role}" {attributes}{secret}'


class Command(BaseCommand):
    help = "Opret/tildel rettigheder til applikationens PostgreSQL-rolle (kun rækker; ingen DDL, ingen TRUNCATE)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--app-role", required=True, help="Navnet på applikationens rolle, fx sundhedsaftale_app."
        )
        parser.add_argument("--create", action="store_true", help="Opret rollen, hvis den ikke findes.")
        parser.add_argument(
            "--password-env",
            default="",
            help="Miljøvariabel med rollens adgangskode (kun med --create); uden den oprettes rollen uden adgangskode.",
        )
        parser.add_argument("--print", action="store_true", help="Skriv kun SQL'en ud; udfør intet.")
        parser.add_argument("--database", default="default", help="Django-databasen (forbundet som ejeren).")

    def handle(self, *args: Any, **options: Any) -> None:
        role: str = options["app_role"]
        if not ROLE_NAME.match(role):
            raise CommandError(f"--app-role {role!r}: brug små bogstaver, tal og _ (højst 63 tegn)")
        connection = connections[options["database"]]
        if connection.vendor != "postgresql":
            raise CommandError(f"database_roles kræver PostgreSQL, ikke {connection.vendor}")
        password = None
        if options["password_env"]:
            password = os.environ.get(options["password_env"])
            if not password:
                raise CommandError(f"--password-env: miljøvariablen {options['password_env']} er ikke sat")
        statements = grant_statements(role=role, database=connection.settings_dict["NAME"])
        if options["print"]:
            if options["create"]:
                self.stdout.write(create_statement(role=role, password=None) + ";  -- tilføj PASSWORD '...'")
            for sql in statements:
                self.stdout.write(sql + ";")
            return
        with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
            cursor.execute("SELECT current_user")
            if cursor.fetchone()[0] == role:
                raise CommandError(
                    "kør kommandoen som tabellernes ejer (DATABASE_MIGRATE_URL), ikke som app-rollen"
                )
            cursor.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", [role])
            exists = cursor.fetchone() is not None
            if not exists:
                if not options["create"]:
                    raise CommandError(f"rollen {role} findes ikke; opret den, eller brug --create")
                cursor.execute(
                    create_statement(role=role, password=password), [password] if password else None
                )
            for sql in statements:
                cursor.execute(sql)
        self.stdout.write(
            self.style.SUCCESS(
                f"Rollen {role} har nu læse- og skriveadgang til rækker i {connection.settings_dict['NAME']}."
            )
        )
