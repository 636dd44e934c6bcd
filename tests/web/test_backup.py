"""Backup and restore, as an operator runs them.

The national demo with uploaded meeting documents and an issued letter is backed up; the archive is restored by
``manage.py restore`` into a fresh database (SQLite or PostgreSQL, whichever the suite runs on) in another
process, and every region's exports, every document and every letter are compared byte for byte. The restored
database backed up again holds the same rows, plus the audit row of the restore.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import re
import subprocess
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import docx
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from sundhedsaftale.accounts.models import User
from sundhedsaftale.agreements.models import HealthAgreement
from sundhedsaftale.backup import BackupError, backup_check, backup_restore, backup_write
from sundhedsaftale.core.case import AgreementSubmission, CouncilApproval
from sundhedsaftale.governance.actions.meetings import MeetingInput, document_add, meeting_create
from sundhedsaftale.governance.models import Body, Meeting
from sundhedsaftale.interchange import Format, export_case
from sundhedsaftale.review.actions import receipt_register
from sundhedsaftale.review.models import IssuedLetter
from sundhedsaftale.web.cases import case_import, case_snapshot

from .fresh_installation import fresh_installation, run_python

ROOT = Path(__file__).resolve().parents[2]
TODAY = "2026-11-23"
REGIONS = ("1081", "1082", "1083", "1084", "1085")
DRAFT = "1085-sundhedsaftale-2028-2031"

# Run in the restored installation: every region's exports and every letter, as SHA-256.
_FINGERPRINT = """
import hashlib, json, django
django.setup()
from sundhedsaftale.interchange import Format, export_case
from sundhedsaftale.review.models import IssuedLetter
from sundhedsaftale.web.cases import case_snapshot
sha = lambda b: hashlib.sha256(bytes(b)).hexdigest()
print(json.dumps({
    "exports": {c: {f.value: sha(export_case(case_snapshot(c), f)) for f in Format} for c in %r},
    "letters": {str(l.pk): [sha(l.pdf), sha(l.docx)] for l in IssuedLetter.objects.order_by("pk")},
}))
"""
# Run after the comparison: a new row gets a new id (PostgreSQL's sequences follow the restored ids).
_WRITE = """
import django
django.setup()
from sundhedsaftale.accounts.audit import record_change
print(record_change(actor=None, action="after_restore", object_type="test", object_id="1").pk)
"""


def _sha(data: bytes | memoryview) -> str:
    return hashlib.sha256(bytes(data)).hexdigest()


def _docx_bytes(text: str) -> bytes:
    document = docx.Document()
    document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


@pytest.fixture
def media(settings, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = tmp_path / "media"
    return Path(settings.MEDIA_ROOT)


@pytest.fixture
def demo(db, media: Path) -> None:
    """The demo (with its published approval letters), two uploaded meeting documents and a receipt letter (PDF
    and DOCX) issued by a reviewer."""
    call_command("setup_demo", today=TODAY, stdout=io.StringIO())
    case = case_snapshot("1085")
    draft = case.agreement(DRAFT)
    assert draft is not None
    approvals = tuple(
        CouncilApproval(party_code=code, approved_on=dt.date(2026, 11, 2), reference="Referat")
        for code in draft.parties
    )
    submitted = draft.model_copy(
        update={
            "council_approvals": approvals,
            "submissions": (AgreementSubmission(submitted_on=dt.date(2026, 11, 20), version_number="1.0"),),
        }
    )
    agreements = tuple(submitted if a.id == DRAFT else a for a in case.agreements)
    # The demo's own letters: the approval letters it publishes (ADR 0042).
    published = IssuedLetter.objects.count()
    case_import(case=case.model_copy(update={"agreements": agreements}), actor=None, system=True)
    receipt_register(
        actor=User.objects.get(username="sst"),
        agreement_key=DRAFT,
        expected_version=HealthAgreement.objects.get(key=DRAFT).version,
        received_on=dt.date(2026, 11, 23),
    )
    # After the case import, which (for now) gives the region's meetings new rows.
    secretariat = User.objects.get(username="sjaelland")
    meeting = Meeting.objects.filter(body__region_id="1085").order_by("pk").first()
    assert meeting is not None
    pdf = b"%PDF-1.4\n% dagsorden\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"
    document_add(
        actor=secretariat,
        meeting_pk=meeting.pk,
        title="Dagsorden",
        upload=SimpleUploadedFile("dagsorden.pdf", pdf, content_type="application/pdf"),
    )
    document_add(
        actor=secretariat,
        meeting_pk=meeting.pk,
        title="Referat",
        upload=SimpleUploadedFile("referat.docx", _docx_bytes("Referat af mødet")),
    )
    assert IssuedLetter.objects.count() == published + 1


@pytest.fixture
def fresh(tmp_path: Path) -> Iterator[dict[str, str]]:
    with fresh_installation(tmp_path, "restored") as env:
        yield env


def _run(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return run_python(env, *args)


def _manage(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return _run(env, str(ROOT / "manage.py"), *args)


def _tables(archive: Path) -> dict[str, list[dict[str, Any]]]:
    with zipfile.ZipFile(archive) as z:
        return {n: json.loads(z.read(n)) for n in z.namelist() if n.startswith("database/")}


def _stored(archive: Path) -> dict[str, str]:
    manifest = json.loads(zipfile.ZipFile(archive).read("manifest.json"))
    return {f["path"]: f["sha256"] for f in manifest["files"] if not f["path"].startswith("database/")}


def test_the_demo_restored_into_a_fresh_database_is_the_same_byte_for_byte(
    demo, media: Path, fresh: dict[str, str], tmp_path: Path
) -> None:
    archive = tmp_path / "kopi.zip"
    call_command("backup", out=archive, stdout=io.StringIO())
    exports = {c: {f.value: _sha(export_case(case_snapshot(c), f)) for f in Format} for c in REGIONS}
    letters = {str(x.pk): [_sha(x.pdf), _sha(x.docx)] for x in IssuedLetter.objects.order_by("pk")}
    documents = {
        p.relative_to(media).as_posix(): _sha(p.read_bytes()) for p in media.rglob("*") if p.is_file()
    }
    # The two documents uploaded above, beside the demo's own meeting attachments.
    assert {"dagsorden.pdf", "referat.docx"} <= {Path(p).name for p in documents}

    restored = _manage(fresh, "restore", str(archive))
    assert restored.returncode == 0, restored.stderr
    assert "Gendannet fra" in restored.stdout

    seen = json.loads(_run(fresh, "-c", _FINGERPRINT % (REGIONS,)).stdout)
    assert seen["exports"] == exports
    assert seen["letters"] == letters
    restored_media = Path(fresh["SUNDHEDSAFTALE_VAR_DIR"]) / "media"
    assert {
        p.relative_to(restored_media).as_posix(): _sha(p.read_bytes())
        for p in restored_media.rglob("*")
        if p.is_file()
    } == documents

    again = tmp_path / "igen.zip"
    assert _manage(fresh, "backup", "--out", str(again)).returncode == 0
    before, after = _tables(archive), _tables(again)
    assert before.keys() == after.keys()
    audit = "database/accounts.auditentry.json"
    for name in before:
        if name != audit:
            assert after[name] == before[name], name
    assert after[audit][:-1] == before[audit]
    assert after[audit][-1]["fields"]["action"] == "backup_restore"
    assert _stored(again) == _stored(archive)

    # A restored database takes new rows with new ids.
    written = _run(fresh, "-c", _WRITE)
    assert written.returncode == 0, written.stderr
    assert int(written.stdout.split()[-1]) > after[audit][-1]["pk"]

    # Into a database with rows only when told; then everything in it is replaced.
    refused = _manage(fresh, "restore", str(archive))
    assert refused.returncode != 0
    assert "databasen er ikke tom" in refused.stderr
    assert "accounts.auditentry" in refused.stderr
    replaced = _manage(fresh, "restore", "--replace", str(archive))
    assert replaced.returncode == 0, replaced.stderr
    seen = json.loads(_run(fresh, "-c", _FINGERPRINT % (REGIONS,)).stdout)
    assert seen["exports"] == exports


def _tampered(archive: Path, path: str, target: Path) -> Path:
    with zipfile.ZipFile(archive) as source, zipfile.ZipFile(target, "w") as out:
        for info in source.infolist():
            data = source.read(info)
            out.writestr(info, data[:-1] + bytes([data[-1] ^ 1]) if info.filename == path else data)
    return target


@pytest.fixture
def small(sjaelland: str, users, media: Path) -> Path:
    """A region with one body, one meeting and one uploaded document, backed up."""
    secretariat = users["sjaelland"]
    body = Body.objects.get(key="holbaek-political")
    meeting = meeting_create(
        actor=secretariat, body=body, data=MeetingInput(date=dt.date(2026, 3, 1)), today=dt.date(2026, 1, 1)
    )
    document_add(
        actor=secretariat,
        meeting_pk=meeting.pk,
        title="Referat",
        upload=SimpleUploadedFile("referat.docx", _docx_bytes("Referat af mødet")),
    )
    archive = media.parent / "kopi.zip"
    backup_write(archive)
    return archive


def test_an_archive_whose_checksum_fails_is_refused_naming_the_file(small: Path, tmp_path: Path) -> None:
    # The upload lies under the year it was uploaded in (files/meetings/<year>/): found, not written out.
    with zipfile.ZipFile(small) as archive:
        [upload] = [
            n for n in archive.namelist() if n.startswith("files/meetings/") and n.endswith("referat.docx")
        ]
    for path in (upload, "database/governance.meeting.json"):
        bad = _tampered(small, path, tmp_path / "ændret.zip")
        with pytest.raises(BackupError) as exc:
            backup_check(bad)
        assert f"'{path}'" in str(exc.value)
        assert "kontrolsummen" in str(exc.value)
        bad.unlink()


def test_an_archive_with_an_unlisted_or_missing_file_is_refused(small: Path, tmp_path: Path) -> None:
    extra = tmp_path / "ekstra.zip"
    with zipfile.ZipFile(small) as source, zipfile.ZipFile(extra, "w") as out:
        for info in source.infolist():
            out.writestr(info, source.read(info))
        out.writestr("files/../../etc/passwd", b"x")
    with pytest.raises(BackupError, match="uden for mappen"):
        backup_check(extra)
    missing = tmp_path / "mangler.zip"
    with zipfile.ZipFile(small) as source, zipfile.ZipFile(missing, "w") as out:
        for info in source.infolist():
            if info.filename != "database/registry.region.json":
                out.writestr(info, source.read(info))
    with pytest.raises(
        BackupError, match=re.escape("'database/registry.region.json' står i manifest.json, men mangler")
    ):
        backup_check(missing)


def test_restore_refuses_a_database_with_rows_and_changes_nothing(small: Path) -> None:
    meetings = Meeting.objects.count()
    with pytest.raises(BackupError, match=r"databasen er ikke tom: .*governance\.meeting"):
        backup_restore(small)
    assert Meeting.objects.count() == meetings


def test_a_backup_never_overwrites_a_file(small: Path) -> None:
    before = small.read_bytes()
    with pytest.raises(BackupError, match="findes allerede"):
        backup_write(small)
    assert small.read_bytes() == before


def test_a_missing_uploaded_document_stops_the_backup(small: Path, media: Path, tmp_path: Path) -> None:
    next(media.rglob("*.docx")).unlink()
    with pytest.raises(BackupError, match="mangler i MEDIA_ROOT"):
        backup_write(tmp_path / "ny.zip")
    assert not (tmp_path / "ny.zip").exists()
    assert not list(tmp_path.glob(".ny.zip.*"))


def test_times_are_kept_to_the_microsecond(small: Path, tmp_path: Path) -> None:
    """A time saved at 12:00:00.000412 must come back as saved, not as 12:00:00.000 (Django's default)."""
    saved = dt.datetime(2026, 3, 1, 12, 0, 0, 412, tzinfo=dt.UTC)
    User.objects.filter(username="sjaelland").update(date_joined=saved)
    archive = tmp_path / "tider.zip"
    backup_write(archive)
    rows = _tables(archive)["database/accounts.user.json"]
    (row,) = [r for r in rows if r["fields"]["username"] == "sjaelland"]
    assert row["fields"]["date_joined"] == "2026-03-01T12:00:00.000412Z"
