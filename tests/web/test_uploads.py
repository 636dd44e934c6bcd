"""The shared checks of an uploaded file: type by content, size limit, virus-scan hook (web/uploads.py)."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from typing import IO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.utils import translation
from docx import Document as DocxDocument
from openpyxl import Workbook

from sundhedsaftale.web.uploads import (
    FileKind,
    UploadRefused,
    accept_attribute,
    sniff,
    upload_check,
)

PDF = b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 32
ANNEX_KINDS = (FileKind.PDF, FileKind.DOCX, FileKind.XLSX, FileKind.PNG, FileKind.JPEG)


@pytest.fixture(autouse=True)
def _danish() -> Iterator[None]:
    """The messages are asserted in Danish, whatever language an earlier test in the worker left active."""
    with translation.override("da"):
        yield


def _docx() -> bytes:
    out = io.BytesIO()
    document = DocxDocument()
    document.add_paragraph("Bilag 1")
    document.save(out)
    return out.getvalue()


def _xlsx() -> bytes:
    out = io.BytesIO()
    Workbook().save(out)
    return out.getvalue()


def _file(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content)


@pytest.mark.parametrize(
    ("name", "content", "kind"),
    [
        ("bilag.pdf", PDF, FileKind.PDF),
        ("bilag.docx", _docx(), FileKind.DOCX),
        ("bilag.xlsx", _xlsx(), FileKind.XLSX),
        ("kort.png", PNG, FileKind.PNG),
        ("foto.JPG", JPEG, FileKind.JPEG),
        ("foto.jpeg", JPEG, FileKind.JPEG),
    ],
    # Named by the file name: the Office files are made at collection and carry the time they were made, and each
    # worker of a parallel run must collect the same test names.
    ids=lambda value: value if isinstance(value, str) else "",
)
def test_a_file_whose_content_is_its_type_is_accepted(name: str, content: bytes, kind: FileKind) -> None:
    checked = upload_check(_file(name, content), allowed=ANNEX_KINDS, max_bytes=10_000_000, scanner=None)
    assert (checked.name, checked.kind, checked.size) == (name, kind, len(content))


def test_the_type_is_read_from_the_content_not_the_name() -> None:
    with pytest.raises(UploadRefused) as refused:
        upload_check(_file("bilag.pdf", _docx()), allowed=ANNEX_KINDS, max_bytes=10_000_000)
    assert refused.value.field == "file"
    assert "ikke en gyldig PDF-fil" in refused.value.message
    assert "bilag.pdf" in refused.value.message


def test_a_renamed_executable_is_refused() -> None:
    with pytest.raises(UploadRefused, match="ikke en gyldig DOCX-fil"):
        upload_check(_file("bilag.docx", b"MZ\x90\x00" + b"\x00" * 60), allowed=ANNEX_KINDS, max_bytes=1000)


def test_a_kind_not_allowed_here_is_refused_naming_the_allowed_kinds() -> None:
    with pytest.raises(UploadRefused) as refused:
        upload_check(_file("kort.png", PNG), allowed=(FileKind.PDF, FileKind.DOCX), field="upload")
    assert refused.value.field == "upload"
    assert "kun PDF, DOCX" in refused.value.message


def test_a_name_without_a_type_is_refused() -> None:
    with pytest.raises(UploadRefused, match="kun PDF"):
        upload_check(_file("bilag", PDF), allowed=(FileKind.PDF,))


def test_an_empty_file_is_refused() -> None:
    with pytest.raises(UploadRefused, match="er tom"):
        upload_check(_file("bilag.pdf", b""), allowed=ANNEX_KINDS)


def test_the_size_limit_comes_from_settings_and_names_both_sizes() -> None:
    content = PDF + b"0" * (3 * 1024 * 1024)
    with override_settings(UPLOAD_MAX_BYTES=2 * 1024 * 1024), pytest.raises(UploadRefused) as refused:
        upload_check(_file("stor.pdf", content), allowed=ANNEX_KINDS)
    assert "fylder 3.0 MB; grænsen er 2.0 MB" in refused.value.message
    with override_settings(UPLOAD_MAX_BYTES=4 * 1024 * 1024):
        assert upload_check(_file("stor.pdf", content), allowed=ANNEX_KINDS).kind is FileKind.PDF


def test_a_path_in_the_name_is_dropped() -> None:
    checked = upload_check(_file("bilag.pdf", PDF), allowed=ANNEX_KINDS)
    assert checked.name == "bilag.pdf"
    assert upload_check(_file("..\\..\\x\\bilag.pdf", PDF), allowed=ANNEX_KINDS).name == "bilag.pdf"


def found_eicar(name: str, stream: IO[bytes]) -> str | None:
    """A scanner for the tests: refuses content holding the EICAR marker."""
    return "Eicar-Test-Signature" if b"EICAR" in stream.read() else None


def broken_scanner(name: str, stream: IO[bytes]) -> str | None:
    raise ConnectionRefusedError("clamd is not running")


@override_settings(UPLOAD_SCANNER="tests.web.test_uploads.found_eicar")
def test_the_scan_hook_named_in_settings_refuses_an_infected_file_and_passes_a_clean_one() -> None:
    with pytest.raises(UploadRefused) as refused:
        upload_check(_file("bilag.pdf", PDF + b"EICAR"), allowed=ANNEX_KINDS)
    assert "afvist af virusscanningen (Eicar-Test-Signature)" in refused.value.message
    clean = _file("bilag.pdf", PDF)
    assert upload_check(clean, allowed=ANNEX_KINDS).kind is FileKind.PDF
    assert clean.read(5) == b"%PDF-", "the file is handed back at its start"


@override_settings(UPLOAD_SCANNER="tests.web.test_uploads.broken_scanner")
def test_a_scanner_that_fails_refuses_the_file() -> None:
    with pytest.raises(UploadRefused, match="kunne ikke virusscannes"):
        upload_check(_file("bilag.pdf", PDF), allowed=ANNEX_KINDS)


@override_settings(UPLOAD_SCANNER="tests.web.test_uploads.no_such_scanner")
def test_a_scanner_that_cannot_be_imported_refuses_the_file() -> None:
    with pytest.raises(UploadRefused, match="kunne ikke virusscannes"):
        upload_check(_file("bilag.pdf", PDF), allowed=ANNEX_KINDS)


@override_settings(UPLOAD_SCANNER="")
def test_no_scanner_configured_means_no_scan() -> None:
    assert upload_check(_file("bilag.pdf", PDF + b"EICAR"), allowed=ANNEX_KINDS).kind is FileKind.PDF


def test_sniff_knows_nothing_of_a_zip_that_is_no_office_file() -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as package:
        package.writestr("readme.txt", "x")
    assert sniff(io.BytesIO(out.getvalue())) is None
    assert sniff(io.BytesIO(b"PK\x03\x04broken")) is None


def test_accept_attribute_lists_every_suffix() -> None:
    assert accept_attribute((FileKind.PDF, FileKind.JPEG)) == ".pdf,.jpg,.jpeg"
