"""Putting an archive's rows and files back: the schema first, then every row inserted, never updated.

The audit log is append-only in the database (triggers refuse UPDATE and DELETE, and others may refuse the same
for frozen versions and issued letters), so each row is written with a plain INSERT (``force_insert``), and a
database with rows in it is emptied only when the operator asks for it, by taking its schema back to zero with
the project's own migrations (which drop the triggers with the tables) and building it again.
"""

from __future__ import annotations

import io
import os
from collections.abc import Iterable

from django.apps import apps
from django.contrib.sessions.models import Session
from django.core import serializers
from django.core.management.color import no_style
from django.core.management.sql import emit_post_migrate_signal
from django.db import connections, models
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.loader import MigrationLoader

from ._archive import BackupError, Manifest, OpenedArchive, iter_chunks, sha256_of
from ._tables import binary_fields, kept_models, media_path, model_label

__all__ = [
    "media_conflicts",
    "media_write",
    "migrate_to",
    "migration_targets",
    "occupied_tables",
    "rows_insert",
    "zero_targets",
]

Target = tuple[str, str | None]


def migration_targets(manifest: Manifest, using: str) -> list[Target]:
    """Per app, the migration the archive's database stood at (``None``: the app was not there)."""
    graph = MigrationLoader(connections[using], ignore_no_migrations=True).graph
    applied = {(app, name) for app, names in manifest.migrations.items() for name in names}
    if unknown := sorted(node for node in applied if node not in graph.nodes):
        app, name = unknown[0]
        raise BackupError(
            f"arkivet er skrevet af en nyere version af platformen: migreringen {app}.{name} findes ikke her; "
            "gendan med den version, der skrev det, eller en nyere"
        )
    targets: list[Target] = []
    for app in sorted({app for app, _ in graph.nodes}):
        mine = {node for node in applied if node[0] == app}
        if not mine:
            targets.append((app, None))
            continue
        last = [node for node in mine if mine <= set(graph.forwards_plan(node))]
        if not last:
            raise BackupError(
                f"arkivets migreringer for {app} har ikke én sidste migrering; kan ikke gendannes"
            )
        targets.append(last[0])
    return targets


def zero_targets(using: str) -> list[Target]:
    graph = MigrationLoader(connections[using], ignore_no_migrations=True).graph
    return [(app, None) for app in sorted({app for app, _ in graph.nodes})]


def migrate_to(targets: list[Target], using: str) -> None:
    """Take the schema to ``targets``; when anything is there, create content types and permissions, as
    ``migrate`` does."""
    connection = connections[using]
    executor = MigrationExecutor(connection)
    plan = executor.migration_plan(targets)
    if plan:
        executor.migrate(targets, plan=plan)
    if any(name is not None for _, name in targets):
        emit_post_migrate_signal(0, False, using)


def occupied_tables(using: str) -> dict[str, int]:
    """Tables of the platform that hold rows (a table that does not exist yet holds none)."""
    connection = connections[using]
    existing = set(connection.introspection.table_names())
    counts: dict[str, int] = {}
    for model in kept_models():
        if model._meta.db_table in existing:
            rows = model._base_manager.using(using).count()
            if rows:
                counts[model_label(model)] = rows
    return counts


def media_conflicts(manifest: Manifest) -> list[str]:
    """Uploaded files already in MEDIA_ROOT with other content than the archive's."""
    conflicts = []
    for name in manifest.media_files:
        target = media_path(name)
        if target.exists():
            with target.open("rb") as existing:
                digest, _ = sha256_of(existing)
            if digest != manifest.checksum(f"files/{name}").sha256:
                conflicts.append(name)
    return conflicts


def media_write(opened: OpenedArchive, manifest: Manifest) -> int:
    """Write the archive's uploaded files into MEDIA_ROOT (each through a temporary name, then renamed)."""
    written = 0
    for name in manifest.media_files:
        target = media_path(name)
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_name(f".{target.name}.gendannes")
        with opened.open(f"files/{name}") as source, partial.open("wb") as out:
            for chunk in iter_chunks(source):
                out.write(chunk)
        os.replace(partial, target)
        written += 1
    return written


def rows_insert(opened: OpenedArchive, manifest: Manifest, using: str) -> dict[str, int]:
    """Insert every row of the archive; call inside one transaction. Returns rows per model."""
    connection = connections[using]
    Session.objects.using(using).delete()  # sessions of this database name users the archive may not have
    restored: list[type[models.Model]] = []
    counts: dict[str, int] = {}
    deferred = []
    for table in manifest.tables:
        try:
            model = apps.get_model(table.model)
        except (LookupError, ValueError):
            raise BackupError(
                f"arkivets tabel '{table.model}' findes ikke i denne version af platformen"
            ) from None
        values = {(v.pk, v.field): v.file for v in manifest.value_files if v.model == table.model}
        binary = binary_fields(model)
        count = 0
        with opened.open(table.file) as raw:
            text = io.TextIOWrapper(raw, encoding="utf-8")
            for item in serializers.deserialize("json", text, using=using, handle_forward_references=True):
                for field in binary:
                    stored = values.get((str(item.object.pk), field.name))
                    setattr(item.object, field.attname, opened.read(stored) if stored else None)
                item.save(using=using, force_insert=True)
                if item.deferred_fields:
                    deferred.append(item)
                count += 1
        if count != table.rows:
            raise BackupError(f"'{table.file}' har {count} rækker, men arkivet siger {table.rows}")
        restored.append(model)
        counts[table.model] = count
    for item in deferred:
        item.save_deferred_fields(using=using)
    connection.check_constraints(table_names=[m._meta.db_table for m in restored])
    _sequences_reset(restored, using)
    return counts


def _sequences_reset(restored: Iterable[type[models.Model]], using: str) -> None:
    # Rows came in with their ids; the next row created must get a new one (PostgreSQL sequences).
    connection = connections[using]
    statements = connection.ops.sequence_reset_sql(no_style(), list(restored))
    if statements:
        with connection.cursor() as cursor:
            for sql in statements:
                cursor.execute(sql)
