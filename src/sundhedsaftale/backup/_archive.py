"""The backup archive: a ZIP file with ``manifest.json`` and the files it lists, each with its SHA-256.

Layout (format 1)::

    manifest.json                          what is in the archive, with a checksum for every other file
    database/<app>.<model>.json            each table's rows, Django's JSON serialization, in load order
    files/<path under MEDIA_ROOT>          each uploaded file a row refers to (meeting documents)
    stored/<app>.<model>/<pk>.<field>      each file kept in a database column (issued letters: .pdf, .docx)

An archive is checked whole before anything is restored from it: every listed file present with its size and
checksum, no file that is not listed, no path that could leave the folder it is restored into.
"""

from __future__ import annotations

import contextlib
import hashlib
import posixpath
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from pydantic import BaseModel, ConfigDict, ValidationError

from sundhedsaftale.core.errors import SundhedsaftaleError

__all__ = [
    "FORMAT",
    "MANIFEST",
    "BackupError",
    "FileEntry",
    "Manifest",
    "OpenedArchive",
    "TableEntry",
    "ValueFile",
    "archive_read",
    "iter_chunks",
    "safe_name",
    "sha256_of",
]

FORMAT = 1
MANIFEST = "manifest.json"
_CHUNK = 1024 * 1024


class BackupError(SundhedsaftaleError):
    """A backup that cannot be written, or an archive that cannot be restored; the message says why."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class FileEntry(_Strict):
    path: str
    size: int
    sha256: str


class TableEntry(_Strict):
    model: str  # "app_label.model_name"
    file: str
    rows: int


class ValueFile(_Strict):
    """A column value kept as its own file: the row's model, primary key and field."""

    model: str
    pk: str
    field: str
    file: str


class Manifest(_Strict):
    format: int
    created_at: str
    platform_version: str
    database_vendor: str
    migrations: dict[str, list[str]]  # app label → applied migration names
    tables: list[TableEntry]  # in the order they are loaded
    value_files: list[ValueFile]
    media_files: list[str]  # names under MEDIA_ROOT, each stored as files/<name>
    files: list[FileEntry]  # every file in the archive but the manifest

    def checksum(self, path: str) -> FileEntry:
        return next(entry for entry in self.files if entry.path == path)


def sha256_of(stream: IO[bytes]) -> tuple[str, int]:
    """The SHA-256 (hex) and size of what is left in ``stream``."""
    digest = hashlib.sha256()
    size = 0
    while chunk := stream.read(_CHUNK):
        digest.update(chunk)
        size += len(chunk)
    return digest.hexdigest(), size


def safe_name(name: str) -> bool:
    """A relative POSIX path that stays below the folder it is unpacked into."""
    normal = posixpath.normpath(name)
    return (
        bool(name)
        and not name.startswith(("/", "\\"))
        and "\\" not in name
        and ":" not in name.split("/", 1)[0]
        and normal == name
        and not normal.startswith("..")
    )


class OpenedArchive:
    """An archive whose every file has been checked against its manifest."""

    def __init__(self, archive: zipfile.ZipFile, manifest: Manifest) -> None:
        self.archive = archive
        self.manifest = manifest

    def open(self, path: str) -> IO[bytes]:
        return self.archive.open(path)

    def read(self, path: str) -> bytes:
        return self.archive.read(path)


def _manifest(archive: zipfile.ZipFile, name: str) -> Manifest:
    try:
        raw = archive.read(MANIFEST)
    except KeyError:
        raise BackupError(f"{name}: arkivet har ingen {MANIFEST}; det er ikke en sikkerhedskopi") from None
    try:
        manifest = Manifest.model_validate_json(raw)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise BackupError(f"{name}: {MANIFEST} kan ikke læses ({where}: {first['msg']})") from None
    if manifest.format != FORMAT:
        raise BackupError(
            f"{name}: arkivet har format {manifest.format}; denne version læser format {FORMAT}"
        )
    return manifest


def _verify(archive: zipfile.ZipFile, manifest: Manifest, name: str) -> None:
    listed = {entry.path for entry in manifest.files}
    present = {info.filename for info in archive.infolist() if not info.is_dir()} - {MANIFEST}
    for path in sorted(listed | present):
        if not safe_name(path):
            raise BackupError(
                f"{name}: filen '{path}' har et navn, der kan føre uden for mappen; intet er ændret"
            )
    if missing := sorted(listed - present):
        raise BackupError(f"{name}: filen '{missing[0]}' står i {MANIFEST}, men mangler i arkivet")
    if extra := sorted(present - listed):
        raise BackupError(f"{name}: filen '{extra[0]}' er i arkivet, men står ikke i {MANIFEST}")
    needed = {t.file for t in manifest.tables} | {v.file for v in manifest.value_files}
    needed |= {f"files/{media}" for media in manifest.media_files}
    if unlisted := sorted(needed - listed):
        raise BackupError(f"{name}: {MANIFEST} henviser til '{unlisted[0]}', som ikke har en kontrolsum")
    for entry in manifest.files:
        try:
            with archive.open(entry.path) as stream:
                digest, size = sha256_of(stream)
        except (zipfile.BadZipFile, OSError) as exc:
            raise BackupError(
                f"{name}: filen '{entry.path}' kan ikke læses ({exc}); intet er ændret"
            ) from None
        if digest != entry.sha256 or size != entry.size:
            raise BackupError(
                f"{name}: kontrolsummen for '{entry.path}' passer ikke (SHA-256 {digest[:12]}…, "
                f"forventet {entry.sha256[:12]}…); arkivet er ændret eller beskadiget, og intet er gendannet"
            )


@contextlib.contextmanager
def archive_read(path: Path) -> Iterator[OpenedArchive]:
    """Open a backup archive and check it whole; raises :class:`BackupError` naming the first bad file."""
    try:
        archive = zipfile.ZipFile(path)
    except FileNotFoundError:
        raise BackupError(f"{path}: filen findes ikke") from None
    except (zipfile.BadZipFile, OSError) as exc:
        raise BackupError(f"{path.name}: filen er ikke et ZIP-arkiv ({exc})") from None
    with archive:
        manifest = _manifest(archive, path.name)
        _verify(archive, manifest, path.name)
        yield OpenedArchive(archive, manifest)


def iter_chunks(stream: IO[bytes]) -> Iterator[bytes]:
    while chunk := stream.read(_CHUNK):
        yield chunk
