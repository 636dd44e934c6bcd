"""A region's complete archive (ADR 0028), as a region's secretariat and an operator use it.

The demo region with an uploaded meeting document and an issued letter is archived by ``manage.py
archive_region``, checked by ``sundhedsaftale archive verify`` and restored by ``manage.py archive_restore``
into a fresh database in another process (SQLite or PostgreSQL, whichever the suite runs on); the restored
region's case file is the archived one byte for byte, and so are the document and the letter.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import shutil
import subprocess
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.test import Client
from pypdf import PdfReader
from typer.testing import CliRunner

from sundhedsaftale.accounts.audit import record_change
from sundhedsaftale.accounts.models import Audience, AuditEntry, User
from sundhedsaftale.agreements.models import HealthAgreement
from sundhedsaftale.cli.main import app
from sundhedsaftale.core.case import AgreementSubmission, CouncilApproval
from sundhedsaftale.followup.models import StatusReport
from sundhedsaftale.governance.actions.meetings import document_add
from sundhedsaftale.governance.models import Meeting, MeetingDocument
from sundhedsaftale.hearings.models import Answer
from sundhedsaftale.interchange import Format, export_case
from sundhedsaftale.knowledge.models import SpreadMark
from sundhedsaftale.public.actions import body_publication_withdraw
from sundhedsaftale.public.models import BodyPublication
from sundhedsaftale.review.actions import receipt_register
from sundhedsaftale.review.models import IssuedLetter
from sundhedsaftale.web.cases import case_import, case_snapshot

from .fresh_installation import fresh_installation, run_python

ROOT = Path(__file__).resolve().parents[2]
TODAY = "2026-11-23"
DRAFT = "1085-sundhedsaftale-2028-2031"
PDF = b"%PDF-1.4\n% referat\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"
ANSWER_PDF = b"%PDF-1.4\n% svar\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"

# Run in the restored installation: the region's case file, its documents and letters, as SHA-256.
_FINGERPRINT = """
import hashlib, json, django
django.setup()
from sundhedsaftale.followup.models import StatusReport
from sundhedsaftale.governance.models import Meeting, MeetingDocument
from sundhedsaftale.hearings.models import Answer
from sundhedsaftale.interchange import Format, export_case
from sundhedsaftale.knowledge.models import SpreadMark
from sundhedsaftale.public.models import BodyPublication
from sundhedsaftale.review.models import IssuedLetter
from sundhedsaftale.web.cases import case_snapshot
sha = lambda b: hashlib.sha256(bytes(b)).hexdigest()
print(json.dumps({
    "answers": [[a.addressee.name, sha(a.document.read())] for a in Answer.objects.exclude(document="")],
    "receipts": [
        [r.kind, r.number, sha(r.receipt_pdf), sha(r.receipt_docx)]
        for r in StatusReport.objects.filter(receipt_pdf__isnull=False).order_by("pk")
    ],
    "publications": sorted(
        [p.body.key, str(p.published_on), str(p.withdrawn_on), p.withdrawal_reason]
        for p in BodyPublication.objects.filter(body__region_id="1085")
    ),
    "marks": sorted(
        [m.item_id, m.evidence, m.meeting.key, str(m.marked_on), sha(m.document.read()) if m.document else ""]
        for m in SpreadMark.objects.filter(agreement__region_id="1085")
    ),
    "case_file": sha(export_case(case_snapshot("1085"), Format.JSON)),
    "documents": [[d.title, sha(d.file.read())] for d in MeetingDocument.objects.order_by("pk")],
    "letters": [[l.kind, sha(l.pdf), sha(l.docx)] for l in IssuedLetter.objects.order_by("pk")],
    "published": Meeting.objects.filter(body__region_id="1085", agenda_published_at__isnull=False).count(),
}))
"""

# The module's tests share one national demo (tests/web/conftest.py); kept on one worker, it is set up once.
pytestmark = pytest.mark.xdist_group("national-demo-region_archive")


def _sha(data: bytes | memoryview) -> str:
    return hashlib.sha256(bytes(data)).hexdigest()


@pytest.fixture
def media(national_demo, demo_media: Path, settings, tmp_path: Path) -> Path:
    """The demo's files copied for this test alone, so that what one test uploads never renames another's."""
    settings.MEDIA_ROOT = tmp_path / "media"
    shutil.copytree(demo_media, settings.MEDIA_ROOT)
    return Path(settings.MEDIA_ROOT)


@pytest.fixture
def demo(national_demo, db, media: Path) -> None:
    """The demo, an uploaded minutes document and a receipt letter issued by a reviewer, in Region Sjælland."""
    case = case_snapshot("1085")
    draft = case.agreement(DRAFT)
    assert draft is not None
    submitted = draft.model_copy(
        update={
            "council_approvals": tuple(
                CouncilApproval(party_code=code, approved_on=dt.date(2026, 11, 2), reference="Referat")
                for code in draft.parties
            ),
            "submissions": (AgreementSubmission(submitted_on=dt.date(2026, 11, 20), version_number="1.0"),),
        }
    )
    agreements = tuple(submitted if a.id == DRAFT else a for a in case.agreements)
    case_import(case=case.model_copy(update={"agreements": agreements}), actor=None, system=True)
    receipt_register(
        actor=User.objects.get(username="sst"),
        agreement_key=DRAFT,
        expected_version=HealthAgreement.objects.get(key=DRAFT).version,
        received_on=dt.date(2026, 11, 23),
    )
    # A hearing answer received with its document (the secretariat records a received answer with it).
    answer = Answer.objects.filter(addressee__round__region_id="1085").order_by("pk").first()
    assert answer is not None
    answer.document.save("hoeringssvar.pdf", ContentFile(ANSWER_PDF))
    meeting = Meeting.objects.filter(body__region_id="1085").order_by("pk").first()
    assert meeting is not None
    document_add(
        actor=User.objects.get(username="sjaelland"),
        meeting_pk=meeting.pk,
        title="Referat",
        upload=SimpleUploadedFile("referat.pdf", PDF, content_type="application/pdf"),
    )


@pytest.fixture
def fresh(tmp_path: Path) -> Iterator[dict[str, str]]:
    with fresh_installation(tmp_path, "archive") as env:
        yield env


def _run(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return run_python(env, *args)


def _archive(tmp_path: Path, name: str = "regionsarkiv-1085.zip") -> Path:
    out = tmp_path / name
    call_command("archive_region", "1085", out=out, stdout=io.StringIO())
    return out


def test_round_trip_export_verify_restore_gives_the_identical_case_file(
    demo, fresh: dict[str, str], tmp_path: Path
) -> None:
    # The public record's own acts travel with the archive (ADR 0048): one body's publication withdrawn here.
    withdrawn = BodyPublication.objects.filter(body__region_id="1085").order_by("pk").first()
    assert withdrawn is not None
    body_publication_withdraw(
        actor=User.objects.get(username="sjaelland"),
        body_key=withdrawn.body.key,
        expected_version=withdrawn.body.version,
        on=dt.date(2026, 11, 23),
        reason="Forkert medlemsliste",
    )
    archive = _archive(tmp_path)
    verified = CliRunner().invoke(app, ["archive", "verify", str(archive)])
    assert verified.exit_code == 0, verified.output
    archived_case_file = export_case(case_snapshot("1085"), Format.JSON)
    # The demo's published approval letter (ADR 0042) and the receipt issued here.
    letters = sorted(
        [letter.kind, _sha(letter.pdf), _sha(letter.docx)]
        for letter in IssuedLetter.objects.filter(agreement__region_id="1085")
    )
    assert len(letters) == 2
    # The follow-up (ADR 0045): the demo's hearing with answers and dispositions, its statement, its reviews with
    # their reasons and its midterm status with its content travel in the case file; the receipt letter beside it.
    case = case_snapshot("1085")
    assert any(a.answer and a.answer.dispositions for r in case.hearing_rounds for a in r.addressees)
    assert case.statements
    receipts = [
        [r.kind, r.number, _sha(r.receipt_pdf), _sha(r.receipt_docx)]
        for r in StatusReport.objects.filter(agreement__region_id="1085", receipt_pdf__isnull=False).order_by(
            "pk"
        )
    ]
    assert receipts
    answer = Answer.objects.exclude(document="").get()

    assert _run(fresh, str(ROOT / "manage.py"), "migrate", "-v0").returncode == 0
    restored = _run(fresh, str(ROOT / "manage.py"), "archive_restore", str(archive))
    assert restored.returncode == 0, restored.stderr
    assert "Gendannet Region Sjælland (1085)" in restored.stdout

    seen = json.loads(_run(fresh, "-c", _FINGERPRINT).stdout)
    assert seen["case_file"] == _sha(archived_case_file)
    # Every document the region's meetings hold came back as uploaded: the one added here and the demo's own.
    kept = sorted(
        [d.title, _sha(d.file.read())]
        for d in MeetingDocument.objects.filter(meeting__body__region_id="1085").order_by("pk")
    )
    assert ["Referat", _sha(PDF)] in kept
    assert sorted(seen["documents"]) == kept
    assert sorted(seen["letters"]) == letters
    assert seen["receipts"] == receipts
    assert seen["answers"] == [[answer.addressee.name, _sha(ANSWER_PDF)]]
    assert (
        seen["published"]
        == Meeting.objects.filter(body__region_id="1085", agenda_published_at__isnull=False).count()
    )

    publications = sorted(
        [p.body.key, str(p.published_on), str(p.withdrawn_on), p.withdrawal_reason]
        for p in BodyPublication.objects.filter(body__region_id="1085")
    )
    assert [withdrawn.body.key, "2026-11-23"] in [[p[0], p[2]] for p in publications]
    assert seen["publications"] == publications
    marks = sorted(
        [
            m.item_id,
            m.evidence,
            m.meeting.key,
            str(m.marked_on),
            _sha(m.document.read()) if m.document else "",
        ]
        for m in SpreadMark.objects.filter(agreement__region_id="1085")
    )
    assert marks
    assert all(m[4] for m in marks)
    assert seen["marks"] == marks

    again = _run(fresh, str(ROOT / "manage.py"), "archive_restore", str(archive))
    assert again.returncode != 0
    assert "platformen har allerede" in again.stderr
    assert "intet er ændret" in again.stderr


def test_the_archive_holds_every_format_version_letter_document_and_an_index(demo, tmp_path: Path) -> None:
    archive = _archive(tmp_path)
    with zipfile.ZipFile(archive) as z:
        names = {n.split("/", 1)[1] for n in z.namelist()}
        info = z.read(next(n for n in z.namelist() if n.endswith("/bag-info.txt"))).decode()
        index = z.read(next(n for n in z.namelist() if n.endswith("/data/index.html"))).decode()
        index_pdf = z.read(next(n for n in z.namelist() if n.endswith("/data/index.pdf")))
    assert {"bagit.txt", "bag-info.txt", "manifest-sha256.txt", "tagmanifest-sha256.txt"} <= names
    assert {
        "data/sagsfil/sagsfil-1085.json",
        "data/sagsfil/sundhedsaftale-1085.xlsx",
        "data/sagsfil/sundhedsaftale-1085.zip",
        "data/fortegnelse.json",
    } <= names
    assert sum(n.startswith(f"data/aftaler/{DRAFT}/version-") and n.endswith(".pdf") for n in names) >= 1
    assert sum(n.startswith(f"data/breve/{DRAFT}/") for n in names) == 2  # PDF and DOCX
    assert any(n.startswith("data/moeder/") and n.endswith("referat.pdf") for n in names)
    for field in (
        "Source-Organization: Region Sjælland",
        "Region-Code: 1085",
        "Period-Start: 2022-01-01",
        "Period-End: 2026-12-31",
        "Platform-Version:",
        "Created-At:",
        "Payload-Oxum:",
    ):
        assert field in info
    # The index lists every path, says uploaded originals are kept as uploaded, and is PDF/A.
    for n in names:
        if n.startswith("data/") and n not in ("data/index.html", "data/index.pdf", "data/fortegnelse.json"):
            assert n in index, n
    assert "Original som uploadet; ikke konverteret til PDF/A" in index
    metadata = PdfReader(io.BytesIO(index_pdf)).trailer["/Root"]["/Metadata"].get_data()
    assert b'pdfaid:part="2"' in metadata or b"<pdfaid:part>2</pdfaid:part>" in metadata


def test_the_archived_audit_log_keeps_to_what_the_region_may_read(demo, tmp_path: Path) -> None:
    """ADR 0021: a reviewer's own row about the region is never in the region's archive; its own rows are."""
    record_change(
        actor=None,
        action="finding_review",
        object_type="x",
        object_id="internal",
        region_code="1085",
        audience=Audience.AUTHORITY,
    )
    record_change(actor=None, action="region_note", object_type="x", object_id="visible", region_code="1085")
    record_change(
        actor=None, action="region_note", object_type="x", object_id="other-region", region_code="1084"
    )
    archive = _archive(tmp_path)
    with zipfile.ZipFile(archive) as z:
        rows = json.loads(z.read(next(n for n in z.namelist() if n.endswith("revisionsspor.json"))))
    ids = {r["object_id"] for r in rows}
    assert "visible" in ids
    assert "internal" not in ids
    assert "other-region" not in ids
    assert {r["audience"] for r in rows} <= {"region", "secretariat"}


def test_a_tampered_archive_fails_verify_naming_the_file(demo, tmp_path: Path) -> None:
    bag = _archive(tmp_path, "regionsarkiv-1085")  # a directory
    document = next((bag / "data" / "moeder").rglob("*.pdf"))
    document.write_bytes(document.read_bytes().replace(b"referat", b"REFERAT"))
    result = CliRunner().invoke(app, ["archive", "verify", str(bag)])
    assert result.exit_code == 1
    assert f"{document.relative_to(bag).as_posix()}: indholdet er ændret" in result.output
    with pytest.raises(CommandError, match="indholdet er ændret"):
        call_command("archive_restore", str(bag), stdout=io.StringIO())


def test_archive_region_refuses_an_unknown_region_and_an_existing_file(demo, tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="region '9999' findes ikke"):
        call_command("archive_region", "9999", out=tmp_path / "x.zip", stdout=io.StringIO())
    (tmp_path / "findes.zip").write_bytes(b"")
    with pytest.raises(CommandError, match="findes allerede"):
        call_command("archive_region", "1085", out=tmp_path / "findes.zip", stdout=io.StringIO())


def _client(username: str) -> Client:
    client = Client()
    client.force_login(User.objects.get(username=username))
    return client


def test_the_region_secretariat_downloads_its_archive_with_an_audit_row(demo) -> None:
    response = _client("sjaelland").get("/regioner/1085/arkiv/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert 'filename="regionsarkiv-1085-' in response["Content-Disposition"]
    data = b"".join(response.streaming_content)
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        assert any(n.endswith("/data/sagsfil/sagsfil-1085.json") for n in z.namelist())
    row = AuditEntry.objects.filter(action="region_archive").latest("pk")
    assert row.region_code == "1085"
    assert row.actor is not None
    assert row.actor.username == "sjaelland"


def test_the_archive_link_is_shown_only_to_who_may_download(demo) -> None:
    assert "/regioner/1085/arkiv/" in _client("sjaelland").get("/regioner/1085/").content.decode()
    assert "/regioner/1084/arkiv/" not in _client("sjaelland").get("/regioner/1084/").content.decode()
    assert "/regioner/1085/arkiv/" not in _client("medlem").get("/regioner/1085/").content.decode()
    assert _client("medlem").get("/regioner/1085/arkiv/").status_code == 403
    assert _client("sst").get("/regioner/1085/arkiv/").status_code == 403
