"""Which tables a backup holds, in which order, and how their rows are written and read back.

Every model of every installed app, except three kinds of row that are not the platform's data: content types
and permissions (``migrate`` creates them; rows that point at them do so by natural key) and sessions (a restored
database starts with nobody logged in). Rows are Django's JSON serialization, so an archive from SQLite restores
into PostgreSQL and back. Files kept in a database column (issued letters) are left out of the JSON and written
as files of their own. Times keep their microseconds: Django's encoder cuts them to milliseconds, and a row
restored from such an archive would differ from the row that was saved.
"""

from __future__ import annotations

import datetime as dt
import io
import tempfile
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from django.apps import apps
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.contrib.sessions.models import Session
from django.core import serializers
from django.core.files.storage import default_storage
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models

from sundhedsaftale.governance.models import StoredFindings
from sundhedsaftale.search.models import SearchEntry

from ._archive import BackupError, FileEntry, TableEntry, ValueFile, iter_chunks, safe_name, sha256_of

__all__ = [
    "NOT_KEPT",
    "binary_fields",
    "file_fields",
    "kept_models",
    "media_path",
    "model_label",
    "upload_write",
    "write_table",
]


class _LosslessEncoder(DjangoJSONEncoder):
    """Django's JSON encoder with times written to the microsecond."""

    def default(self, o: Any) -> Any:
        if isinstance(o, dt.datetime):
            text = o.isoformat()
            return text[:-6] + "Z" if text.endswith("+00:00") else text
        if isinstance(o, dt.time):
            return o.isoformat()
        return super().default(o)


# Stored findings are derived from the rest and recomputed on first read (ADR 0032).
# The search index is derived from the records: a restore rebuilds it (``search_reindex``, ADR 0047).
NOT_KEPT: tuple[type[models.Model], ...] = (ContentType, Permission, Session, StoredFindings, SearchEntry)
_BATCH = 500


def model_label(model: type[models.Model]) -> str:
    return model._meta.label_lower


def kept_models() -> list[type[models.Model]]:
    """The models a backup holds, in an order that loads (natural keys before the rows that use them)."""
    app_list = [
        (config, [m for m in config.get_models() if m not in NOT_KEPT]) for config in apps.get_app_configs()
    ]
    ordered = serializers.sort_dependencies(app_list, allow_cycles=True)
    return [m for m in ordered if m._meta.managed and not m._meta.proxy and m not in NOT_KEPT]


def binary_fields(model: type[models.Model]) -> list[models.BinaryField]:
    return [f for f in model._meta.concrete_fields if isinstance(f, models.BinaryField)]


def file_fields(model: type[models.Model]) -> list[models.FileField]:
    return [f for f in model._meta.concrete_fields if isinstance(f, models.FileField)]


def _refers_to_not_kept(model: type[models.Model]) -> bool:
    return any(
        f.is_relation and f.related_model in NOT_KEPT and not f.auto_created for f in model._meta.get_fields()
    )


def _rows(model: type[models.Model], using: str) -> Iterator[models.Model]:
    return model._base_manager.using(using).order_by(model._meta.pk.name).iterator(chunk_size=_BATCH)


def media_path(name: str) -> Path:
    """Where an uploaded file's name points in MEDIA_ROOT."""
    try:
        return Path(default_storage.path(name))
    except NotImplementedError:
        raise BackupError("uploadede filer kan kun tages med fra og til et filsystem (MEDIA_ROOT)") from None


def upload_write(archive: zipfile.ZipFile, name: str) -> FileEntry:
    """Copy an uploaded file from MEDIA_ROOT into the archive as ``files/<name>``."""
    if not safe_name(name):
        raise BackupError(f"det uploadede dokument '{name}' har et navn uden for MEDIA_ROOT")
    source = media_path(name)
    try:
        with source.open("rb") as stream:
            return _add(archive, f"files/{name}", stream)
    except FileNotFoundError:
        raise BackupError(
            f"det uploadede dokument '{name}' mangler i MEDIA_ROOT ({source}); ingen sikkerhedskopi er skrevet"
        ) from None


def _add(archive: zipfile.ZipFile, path: str, source: IO[bytes]) -> FileEntry:
    """Copy ``source`` into the archive as ``path``; the checksum is of the bytes written."""
    digest, size = sha256_of(source)
    source.seek(0)
    with archive.open(path, "w", force_zip64=True) as target:
        for chunk in iter_chunks(source):
            target.write(chunk)
    return FileEntry(path=path, size=size, sha256=digest)


def write_table(
    archive: zipfile.ZipFile, model: type[models.Model], using: str
) -> tuple[TableEntry, list[ValueFile], list[FileEntry], set[str]]:
    """Write one table: its rows as JSON and each value of a binary column as a file.

    Returns the table's entry, its value files, the checksums of everything written, and the names of the
    uploaded files its rows refer to.
    """
    label = model_label(model)
    binary = binary_fields(model)
    uploads = file_fields(model)
    opts = model._meta
    fields: list[str] | None = None
    if binary:
        fields = [f.name for f in opts.concrete_fields if f not in binary and not f.primary_key]
        fields += [f.name for f in opts.many_to_many]
    path = f"database/{label}.json"
    written: list[FileEntry] = []
    value_files: list[ValueFile] = []
    media: set[str] = set()
    with tempfile.TemporaryFile() as spool:
        text = io.TextIOWrapper(spool, encoding="utf-8", newline="\n")
        rows = _Counting(_rows(model, using), keep=bool(binary or uploads))
        serializers.serialize(
            "json",
            rows,
            stream=text,
            fields=fields,
            use_natural_foreign_keys=_refers_to_not_kept(model),
            indent=None,
            cls=_LosslessEncoder,
        )
        text.flush()
        spool.seek(0)
        written.append(_add(archive, path, spool))
        text.detach()
    for row in rows.seen_values(binary, uploads):
        pk, field, value = row
        if isinstance(field, models.BinaryField):
            target = f"stored/{label}/{pk}.{field.name}"
            written.append(_add(archive, target, io.BytesIO(bytes(value))))
            value_files.append(ValueFile(model=label, pk=pk, field=field.name, file=target))
        else:
            media.add(str(value))
    return TableEntry(model=label, file=path, rows=rows.count), value_files, written, media


class _Counting:
    """Rows as they pass to the serializer, counted; binary and file values kept for after."""

    def __init__(self, rows: Iterator[models.Model], *, keep: bool) -> None:
        self._rows = rows
        self._keep = keep
        self.count = 0
        self._kept: list[models.Model] = []

    def __iter__(self) -> Iterator[models.Model]:
        for row in self._rows:
            self.count += 1
            if self._keep:
                self._kept.append(row)
            yield row

    def seen_values(
        self, binary: list[models.BinaryField], uploads: list[models.FileField]
    ) -> Iterator[tuple[str, models.Field[Any, Any], Any]]:
        for row in self._kept:
            for binary_field in binary:
                value = getattr(row, binary_field.attname)
                if value is not None:
                    yield str(row.pk), binary_field, value
            for file_field in uploads:
                name = getattr(row, file_field.attname)
                if name:
                    yield str(row.pk), file_field, name
