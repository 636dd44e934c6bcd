"""Backup and restore of the whole platform: database rows, uploaded documents and issued letters (ADR 0018).

::

    backup_write(Path("kopi.zip"))                  # one consistent archive, a SHA-256 for every file in it
    backup_check(Path("kopi.zip"))                  # the archive checked whole, nothing restored
    backup_restore(Path("kopi.zip"))                # into an empty database
    backup_restore(Path("kopi.zip"), replace=True)  # into one with rows: its schema is rebuilt first

The management commands ``backup`` and ``restore`` are thin adapters around these; docs/backup.md tells the
operator how to use them.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from django.core.management import call_command
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.migrations.recorder import MigrationRecorder

from sundhedsaftale import __version__
from sundhedsaftale.accounts.audit import record_change
from sundhedsaftale.search.indexer import reindex_all

from ._archive import FORMAT, MANIFEST, BackupError, FileEntry, Manifest, ValueFile, archive_read
from ._restore import (
    media_conflicts,
    media_write,
    migrate_to,
    migration_targets,
    occupied_tables,
    rows_insert,
    zero_targets,
)
from ._tables import kept_models, upload_write, write_table

__all__ = [
    "BackupError",
    "Manifest",
    "RestoreReport",
    "backup_check",
    "backup_restore",
    "backup_write",
]


@contextlib.contextmanager
def _snapshot(using: str) -> Iterator[None]:
    """One transaction in which every table is read as of the same moment.

    PostgreSQL gets REPEATABLE READ: every query sees the snapshot of the first, whatever commits meanwhile.
    SQLite's transaction (BEGIN IMMEDIATE in the settings) keeps writers out until the backup is read. Inside a
    caller's transaction, that transaction decides.
    """
    connection = connections[using]
    own = not connection.in_atomic_block
    with transaction.atomic(using=using):
        if own and connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
        yield


def backup_write(out: Path, *, using: str = DEFAULT_DB_ALIAS) -> Manifest:
    """Write the archive to ``out`` (which must not exist): first to a temporary name, then renamed."""
    if out.exists():
        raise BackupError(f"{out} findes allerede; vælg et nyt filnavn, så ingen sikkerhedskopi overskrives")
    partial = out.with_name(f".{out.name}.{os.getpid()}.skrives")
    try:
        with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED, allowZip64=True) as archive:
            with _snapshot(using):
                manifest = _write_contents(archive, using)
            archive.writestr(MANIFEST, manifest.model_dump_json(indent=2))
        os.replace(partial, out)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return manifest


def _write_contents(archive: zipfile.ZipFile, using: str) -> Manifest:
    connection = connections[using]
    migrations: dict[str, list[str]] = {}
    for app, name in sorted(MigrationRecorder(connection).applied_migrations()):
        migrations.setdefault(app, []).append(name)
    tables = []
    value_files: list[ValueFile] = []
    files: list[FileEntry] = []
    media: set[str] = set()
    for model in kept_models():
        table, values, written, uploads = write_table(archive, model, using)
        tables.append(table)
        value_files += values
        files += written
        media |= uploads
    for name in sorted(media):
        files.append(upload_write(archive, name))
    return Manifest(
        format=FORMAT,
        created_at=dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        platform_version=__version__,
        database_vendor=connection.vendor,
        migrations=migrations,
        tables=tables,
        value_files=value_files,
        media_files=sorted(media),
        files=files,
    )


def backup_check(path: Path) -> Manifest:
    """Check the archive whole (every file's size and SHA-256); raises :class:`BackupError` naming the file."""
    with archive_read(path) as opened:
        return opened.manifest


@dataclass(frozen=True)
class RestoreReport:
    rows: dict[str, int]
    media_files: int
    created_at: str
    replaced: dict[str, int]  # what the database held before, when it was replaced


def backup_restore(path: Path, *, replace: bool = False, using: str = DEFAULT_DB_ALIAS) -> RestoreReport:
    """Restore the archive; with ``replace`` into a database that holds rows, which are then lost."""
    with archive_read(path) as opened:
        manifest = opened.manifest
        targets = migration_targets(manifest, using)
        occupied = occupied_tables(using)
        if occupied and not replace:
            listed = ", ".join(f"{label} ({rows})" for label, rows in sorted(occupied.items()))
            raise BackupError(
                f"databasen er ikke tom: {listed}. Gendan i en tom database, eller brug --replace for at "
                "erstatte alt i den; intet er ændret"
            )
        conflicts = media_conflicts(manifest)
        if conflicts and not replace:
            raise BackupError(
                f"MEDIA_ROOT har allerede filen '{conflicts[0]}' med andet indhold end arkivets; "
                "brug --replace for at overskrive; intet er ændret"
            )
        if replace and occupied:
            migrate_to(zero_targets(using), using)
        migrate_to(targets, using)
        written = media_write(opened, manifest)
        with transaction.atomic(using=using):
            rows = rows_insert(opened, manifest, using)
            record_change(
                actor=None,
                action="backup_restore",
                object_type="backup",
                object_id=path.name,
                after={
                    "created_at": manifest.created_at,
                    "platform_version": manifest.platform_version,
                    "rows": sum(rows.values()),
                    "files": written + len(manifest.value_files),
                    "replaced": occupied,
                },
            )
    # An archive from an earlier version is brought up to this one by the ordinary migrations.
    call_command("migrate", database=using, interactive=False, verbosity=0)
    if using == DEFAULT_DB_ALIAS:
        # The search index is not in the archive: it is rebuilt from the restored records (ADR 0047).
        reindex_all()
    return RestoreReport(rows=rows, media_files=written, created_at=manifest.created_at, replaced=occupied)
