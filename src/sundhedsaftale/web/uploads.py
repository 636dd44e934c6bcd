"""The checks every uploaded file passes before anything is saved: its type read from its content, its size
against the platform's limit, and the virus-scan hook.

One module for every upload (agreement annexes, meeting documents), so the rules are the same everywhere::

    checked = upload_check(upload, allowed=(FileKind.PDF, FileKind.DOCX), field="file")

A refused file raises :class:`UploadRefused` with the field it came from and a Danish message for the person
who chose the file; the caller saves nothing. Settings (docs/deploy.md):

- ``UPLOAD_MAX_BYTES``: the largest file accepted (default 20 MB).
- ``UPLOAD_SCANNER``: the dotted path of a callable ``scanner(name, stream) -> str | None`` that returns
  ``None`` for a clean file and the scanner's reason for an infected one. Empty: no scan (development). A scanner
  that raises, or cannot be imported, refuses the file: an unscanned file is never saved when a scan is asked for.
"""

from __future__ import annotations

import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import StrEnum
from pathlib import PurePath
from typing import IO, Final, Protocol, cast

from django.conf import settings
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

__all__ = [
    "DEFAULT_MAX_BYTES",
    "CheckedUpload",
    "FileKind",
    "Scanner",
    "Stream",
    "Upload",
    "UploadRefused",
    "accept_attribute",
    "allowed_labels",
    "no_scan",
    "size_label",
    "sniff",
    "upload_check",
    "upload_max_bytes",
    "upload_scanner",
]

DEFAULT_MAX_BYTES: Final = 20 * 1024 * 1024
_MB: Final = 1024 * 1024


class FileKind(StrEnum):
    """A kind of file the platform accepts, as its content shows it."""

    PDF = "pdf"
    DOCX = "docx"
    XLSX = "xlsx"
    ODT = "odt"
    PNG = "png"
    JPEG = "jpeg"

    @property
    def label(self) -> str:
        return _LABELS[self]

    @property
    def content_type(self) -> str:
        return _CONTENT_TYPES[self]

    @property
    def suffixes(self) -> tuple[str, ...]:
        return _SUFFIXES[self]


_LABELS: Final = {
    FileKind.PDF: "PDF",
    FileKind.DOCX: "DOCX",
    FileKind.XLSX: "XLSX",
    FileKind.ODT: "ODT",
    FileKind.PNG: "PNG",
    FileKind.JPEG: "JPEG",
}
_SUFFIXES: Final = {
    FileKind.PDF: (".pdf",),
    FileKind.DOCX: (".docx",),
    FileKind.XLSX: (".xlsx",),
    FileKind.ODT: (".odt",),
    FileKind.PNG: (".png",),
    FileKind.JPEG: (".jpg", ".jpeg"),
}
_CONTENT_TYPES: Final = {
    FileKind.PDF: "application/pdf",
    FileKind.DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    FileKind.XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    FileKind.ODT: "application/vnd.oasis.opendocument.text",
    FileKind.PNG: "image/png",
    FileKind.JPEG: "image/jpeg",
}


class Stream(Protocol):
    """A file's content as it is read: an ``UploadedFile``, a ``BytesIO``, an open file."""

    def read(self, size: int = ..., /) -> bytes: ...

    def seek(self, offset: int, whence: int = ..., /) -> int: ...


class Upload(Stream, Protocol):
    """An uploaded file: Django's ``UploadedFile`` and ninja's have this shape."""

    @property
    def name(self) -> str | None: ...

    @property
    def size(self) -> int | None: ...


Scanner = Callable[[str, IO[bytes]], "str | None"]
"""A virus scanner: the file's name and content in, ``None`` for clean or the reason it was refused."""


class UploadRefused(Exception):
    """A file that is not saved: the form field it came from and why, in Danish."""

    def __init__(self, field: str, message: str) -> None:
        self.field = field
        self.message = message
        super().__init__(message)


@dataclass(frozen=True, slots=True)
class CheckedUpload:
    """A file that passed every check: its name without any path, its kind by content and its size."""

    name: str
    kind: FileKind
    size: int

    @property
    def content_type(self) -> str:
        return self.kind.content_type


def no_scan(name: str, stream: IO[bytes]) -> str | None:
    """The scanner when none is configured (development): every file is clean."""
    del name, stream
    return None


def upload_max_bytes() -> int:
    """The largest file accepted, from ``settings.UPLOAD_MAX_BYTES``."""
    return int(getattr(settings, "UPLOAD_MAX_BYTES", DEFAULT_MAX_BYTES))


def upload_scanner() -> Scanner | None:
    """The configured scanner, or ``None`` when no scan is asked for. Raises ImportError for a wrong path."""
    path = str(getattr(settings, "UPLOAD_SCANNER", "") or "").strip()
    if not path:
        return None
    scanner: Scanner = import_string(path)
    return scanner


def size_label(size: int) -> str:
    """A file size as the messages give it: "3.0 MB", or "12 kB" under a tenth of a megabyte."""
    if size >= _MB // 10:
        return f"{size / _MB:.1f} MB"
    return f"{max(1, round(size / 1024))} kB"


def allowed_labels(allowed: Iterable[FileKind]) -> str:
    """The accepted kinds as the error messages and help texts name them: "PDF, DOCX, PNG"."""
    return ", ".join(kind.label for kind in allowed)


def accept_attribute(allowed: Iterable[FileKind]) -> str:
    """The file input's ``accept`` attribute for the allowed kinds."""
    return ",".join(suffix for kind in allowed for suffix in kind.suffixes)


def _zip_kind(stream: Stream) -> FileKind | None:
    try:
        with zipfile.ZipFile(cast(IO[bytes], stream)) as package:
            names = set(package.namelist())
            if "word/document.xml" in names:
                return FileKind.DOCX
            if "xl/workbook.xml" in names:
                return FileKind.XLSX
            if (
                "mimetype" in names
                and package.read("mimetype").strip() == _CONTENT_TYPES[FileKind.ODT].encode()
            ):
                return FileKind.ODT
    except (zipfile.BadZipFile, KeyError, OSError, ValueError):
        return None
    return None


def sniff(stream: Stream) -> FileKind | None:
    """The kind of file the content is, read from its first bytes (and, for office files, the package's parts);
    ``None`` when it is none of the kinds the platform knows. The stream is left at its start."""
    stream.seek(0)
    head = stream.read(8)
    stream.seek(0)
    try:
        if head.startswith(b"%PDF-"):
            return FileKind.PDF
        if head.startswith(b"\x89PNG\r\n\x1a\n"):
            return FileKind.PNG
        if head.startswith(b"\xff\xd8\xff"):
            return FileKind.JPEG
        if head.startswith(b"PK\x03\x04"):
            return _zip_kind(stream)
        return None
    finally:
        stream.seek(0)


def _size_of(upload: Upload) -> int:
    if upload.size is not None:
        return int(upload.size)
    upload.seek(0, 2)
    size = upload.seek(0, 1)
    upload.seek(0)
    return size


def upload_check(
    upload: Upload,
    *,
    allowed: Iterable[FileKind],
    field: str = "file",
    max_bytes: int | None = None,
    scanner: Scanner | None = None,
) -> CheckedUpload:
    """Check one uploaded file: its name's type is among ``allowed``, its content is that type, it is not empty,
    not larger than the limit, and the scanner finds nothing. Raises :class:`UploadRefused` naming ``field``.

    ``max_bytes`` and ``scanner`` default to the settings; the checks run cheapest first, the scan last.
    """
    kinds = tuple(allowed)
    labels = allowed_labels(kinds)
    name = PurePath((upload.name or "").replace("\\", "/")).name
    suffix = PurePath(name).suffix.lower()
    claimed = next((kind for kind in kinds if suffix in kind.suffixes), None)
    if claimed is None:
        raise UploadRefused(
            field,
            _("Filen '%(name)s' har en filtype, der ikke kan modtages her; kun %(allowed)s.")
            % {"name": name or "?", "allowed": labels},
        )
    limit = upload_max_bytes() if max_bytes is None else max_bytes
    size = _size_of(upload)
    if size == 0:
        raise UploadRefused(field, _("Filen '%(name)s' er tom.") % {"name": name})
    if size > limit:
        raise UploadRefused(
            field,
            _("Filen '%(name)s' fylder %(size)s; grænsen er %(limit)s.")
            % {"name": name, "size": size_label(size), "limit": size_label(limit)},
        )
    actual = sniff(upload)
    if actual is not claimed:
        raise UploadRefused(
            field,
            _("Filen '%(name)s' er ikke en gyldig %(type)s-fil; indholdet svarer ikke til filnavnet.")
            % {"name": name, "type": claimed.label},
        )
    _scan(upload, name=name, field=field, scanner=scanner)
    return CheckedUpload(name=name, kind=claimed, size=size)


def _scan(upload: Upload, *, name: str, field: str, scanner: Scanner | None) -> None:
    try:
        scan = scanner if scanner is not None else upload_scanner()
    except ImportError:
        raise UploadRefused(
            field, _("Filen '%(name)s' kunne ikke virusscannes, og er ikke gemt.") % {"name": name}
        ) from None
    if scan is None:
        return
    upload.seek(0)
    try:
        verdict = scan(name, cast(IO[bytes], upload))
    except Exception:
        # Any failure of the scanner refuses the file: nothing unscanned is saved when a scan is asked for.
        raise UploadRefused(
            field, _("Filen '%(name)s' kunne ikke virusscannes, og er ikke gemt.") % {"name": name}
        ) from None
    finally:
        upload.seek(0)
    if verdict:
        raise UploadRefused(
            field,
            _("Filen '%(name)s' blev afvist af virusscanningen (%(reason)s) og er ikke gemt.")
            % {"name": name, "reason": verdict},
        )
