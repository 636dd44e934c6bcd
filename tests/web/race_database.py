"""A database of a test's own, for races that run for real: threads with connections of their own post at the
same instant, which the test's own transaction would hide from them. Created, migrated, filled and dropped here;
on PostgreSQL and SQLite alike."""

from __future__ import annotations

import threading
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TypeVar

import pytest
from django.core.management import call_command
from django.db import connections

T = TypeVar("T")


def in_thread(work: Callable[[], T], alias: str | None = None) -> T:
    """Run ``work`` in a thread of its own, with connections of its own (closed after), and return what it
    returns. With ``alias`` that database is the thread's default one. The test's thread keeps its own
    connection (and transaction) untouched, whatever else runs in it (the browser tests' event loop)."""
    result: list[T] = []
    failure: list[BaseException] = []

    def run() -> None:
        if alias is not None:
            # One connection under both names: code that opens a transaction by the connection's own alias
            # (the schema editor, for one) must get this very connection, not a second one to the database.
            connection = connections.create_connection(alias)
            connections["default"] = connections[alias] = connection
        try:
            result.append(work())
        except BaseException as exc:  # handed to the caller
            failure.append(exc)
        finally:
            for connection in connections.all(initialized_only=True):
                connection.close()

    thread = threading.Thread(target=run)
    thread.start()
    thread.join()
    if failure:
        raise failure[0]
    return result[0]


def on(alias: str, work: Callable[[], T]) -> T:
    """Run ``work`` on database ``alias``, in a thread of its own."""
    return in_thread(work, alias)


def _maintenance(sql: str) -> None:
    """CREATE or DROP DATABASE, on PostgreSQL's maintenance database."""

    def run() -> None:
        with connections["default"]._nodb_cursor() as cursor:
            cursor.execute(sql)

    in_thread(run)


@contextmanager
def database_of_its_own(
    alias: str, tmp_path_factory: pytest.TempPathFactory, fill: Callable[[], None]
) -> Iterator[str]:
    """A database under ``alias`` beside the suite's, migrated and filled by ``fill``; dropped afterwards.
    The caller unblocks database access (pytest-django's ``django_db_blocker``)."""
    default = connections.settings["default"]
    postgres = default["ENGINE"].endswith("postgresql")
    name = (
        f"{alias}_{uuid.uuid4().hex[:10]}"
        if postgres
        else str(tmp_path_factory.mktemp(alias) / f"{alias}.sqlite3")
    )
    if postgres:
        _maintenance(f'CREATE DATABASE "{name}"')
    connections.settings[alias] = {**default, "NAME": name, "TEST": {**default.get("TEST", {}), "NAME": name}}
    try:
        # Migrated as the default database of a thread of its own: data migrations use the default manager.
        on(alias, lambda: call_command("migrate", verbosity=0))
        on(alias, fill)
        yield alias
    finally:
        del connections.settings[alias]
        if postgres:
            _maintenance(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
