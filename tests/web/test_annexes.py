"""Annexes to the health agreement (ADR 0040; issue 15, item 5): upload with the shared checks, versions by title,
frozen with a submitted version (ADR 0016), listed on the agreement page and in its document, downloadable by
whoever reads the agreement, the same through the API."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from docx import Document as DocxDocument
from pypdf import PdfReader

from sundhedsaftale.accounts.models import AuditEntry
from sundhedsaftale.agreements.actions import agreement_create
from sundhedsaftale.agreements.models import AgreementAnnex, AgreementVersion, HealthAgreement

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def key(sjaelland, users) -> str:
    row = agreement_create(
        actor=users["sjaelland"],
        region_code=sjaelland,
        title="Sundhedsaftale 2024–2027",
        election_period_start=2022,
    )
    assert row.versions.exists()
    return row.key


def _version(key: str) -> int:
    return HealthAgreement.objects.get(key=key).version


def _docx() -> bytes:
    out = io.BytesIO()
    DocxDocument().save(out)
    return out.getvalue()


def _upload(client, key: str, name: str, content: bytes, title: str = "", version: int | None = None):
    return client.post(
        f"/aftaler/{key}/bilag/",
        {
            "title": title,
            "file": SimpleUploadedFile(name, content),
            "version": _version(key) if version is None else version,
        },
    )


def test_an_annex_is_uploaded_listed_and_downloaded_by_whoever_reads_the_agreement(key, login) -> None:
    response = _upload(login("sjaelland"), key, "datagrundlag.pdf", PDF, title="Bilag 1: Datagrundlag")
    assert response.status_code == 302
    annex = AgreementAnnex.objects.get()
    assert (annex.title, annex.revision, annex.kind, annex.size) == (
        "Bilag 1: Datagrundlag",
        1,
        "pdf",
        len(PDF),
    )
    audit = AuditEntry.objects.filter(action="agreement_annex_add").get()
    assert audit.after["title"] == "Bilag 1: Datagrundlag"

    page = login("medlem").get(f"/aftaler/{key}/").content.decode()
    assert f'href="/aftaler/{key}/bilag/{annex.pk}/"' in page
    download = login("hovedstaden").get(
        f"/aftaler/{key}/bilag/{annex.pk}/"
    )  # every region reads every agreement
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == PDF
    assert download["Content-Type"] == "application/pdf"
    assert 'filename="datagrundlag.pdf"' in download["Content-Disposition"]


def test_the_same_title_again_is_a_new_version_and_the_old_is_kept(key, login) -> None:
    client = login("sjaelland")
    _upload(client, key, "bilag.pdf", PDF, title="Bilag 2")
    assert _upload(client, key, "bilag-rettet.docx", _docx(), title="Bilag 2").status_code == 302
    rows = list(AgreementAnnex.objects.order_by("revision"))
    assert [(a.title, a.revision, a.kind) for a in rows] == [("Bilag 2", 1, "pdf"), ("Bilag 2", 2, "docx")]
    page = client.get(f"/aftaler/{key}/bilag/").content.decode()
    listed = page.split('id="annexes"')[1].split("</table>")[0]
    assert "bilag-rettet.docx" in listed
    assert "bilag.pdf" not in listed
    assert 'id="annex-history"' in page  # the earlier revision is still there to download
    assert client.get(f"/aftaler/{key}/bilag/{rows[0].pk}/").status_code == 200


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("bilag.pdf", b"MZ\x90\x00not a pdf", "ikke en gyldig PDF-fil"),
        ("bilag.exe", b"MZ\x90\x00", "kun PDF, DOCX, XLSX, PNG, JPEG"),
        ("tom.pdf", b"", "er tom"),
    ],
)
def test_a_refused_file_names_the_field_and_saves_nothing(key, login, name, content, message) -> None:
    before = (_version(key), AuditEntry.objects.count())
    response = _upload(login("sjaelland"), key, name, content)
    assert response.status_code == 400
    page = response.content.decode()
    assert message in page
    assert 'id="id_file-error"' in page
    assert not AgreementAnnex.objects.exists()
    assert (_version(key), AuditEntry.objects.count()) == before


def test_the_size_limit_comes_from_settings(key, login, settings) -> None:
    settings.UPLOAD_MAX_BYTES = 1024
    response = _upload(login("sjaelland"), key, "stor.pdf", PDF + b"0" * 2048)
    assert response.status_code == 400
    assert "fylder 2 kB; grænsen er 1 kB" in response.content.decode()
    assert not AgreementAnnex.objects.exists()


def rejecting_scanner(name, stream) -> str | None:
    return "Testvirus"


def test_a_file_the_virus_scan_rejects_saves_nothing(key, login, settings) -> None:
    settings.UPLOAD_SCANNER = "tests.web.test_annexes.rejecting_scanner"
    response = _upload(login("sjaelland"), key, "bilag.pdf", PDF)
    assert response.status_code == 400
    assert "afvist af virusscanningen (Testvirus)" in response.content.decode()
    assert not AgreementAnnex.objects.exists()


def test_a_submitted_versions_annex_list_cannot_change(key, login) -> None:
    """ADR 0016: what was submitted is what the authority assessed; its annexes are part of it."""
    client = login("sjaelland")
    _upload(client, key, "bilag.pdf", PDF, title="Bilag 1")
    version = AgreementVersion.objects.get(agreement__key=key)
    version.state = "submitted"
    version.save()
    response = _upload(client, key, "bilag.pdf", PDF, title="Bilag 1")
    assert response.status_code == 400
    assert "er indsendt og låst" in response.content.decode()
    assert AgreementAnnex.objects.count() == 1
    annex = AgreementAnnex.objects.get()
    with pytest.raises(IntegrityError), transaction.atomic():
        AgreementAnnex.objects.filter(pk=annex.pk).update(title="Ændret")
    with pytest.raises(IntegrityError), transaction.atomic():
        AgreementAnnex.objects.filter(pk=annex.pk).delete()


def test_a_stale_version_is_a_conflict_and_nothing_is_saved(key, login) -> None:
    response = _upload(login("sjaelland"), key, "bilag.pdf", PDF, version=_version(key) - 1)
    assert response.status_code == 409
    assert not AgreementAnnex.objects.exists()


def test_only_the_regions_secretariat_uploads(key, login) -> None:
    for username in ("medlem", "klynge", "hovedstaden", "sst"):
        assert _upload(login(username), key, "bilag.pdf", PDF).status_code == 403
    assert not AgreementAnnex.objects.exists()


def test_the_agreement_document_lists_the_annexes_in_pdf_and_docx(key, login) -> None:
    client = login("sjaelland")
    _upload(client, key, "datagrundlag.pdf", PDF, title="Bilag 1: Datagrundlag")
    pdf = client.get(f"/aftaler/{key}/version/0.pdf")
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "Vedhæftede bilag" in text
    assert "Bilag 1: Datagrundlag" in text
    docx = DocxDocument(io.BytesIO(client.get(f"/aftaler/{key}/version/0.docx").content))
    cells = [c.text for t in docx.tables for row in t.rows for c in row.cells]
    assert "Bilag 1: Datagrundlag" in cells
    assert any(c.startswith("datagrundlag.pdf (PDF") for c in cells)


def test_api_lists_uploads_and_downloads_annexes(key, login) -> None:
    client = login("sjaelland")
    url = f"/api/v1/agreements/{key}/annexes"
    created = client.post(
        url, {"title": "Bilag 3", "expected_version": _version(key), "file": SimpleUploadedFile("b.pdf", PDF)}
    )
    assert created.status_code == 201, created.content
    body = created.json()
    assert (body["title"], body["revision"], body["kind"], body["current"]) == ("Bilag 3", 1, "pdf", True)
    refused = client.post(
        url, {"expected_version": _version(key), "file": SimpleUploadedFile("b.pdf", b"not a pdf")}
    )
    assert refused.status_code == 422
    assert refused.json()["field"] == "file"
    stale = client.post(url, {"expected_version": 1, "file": SimpleUploadedFile("b.pdf", PDF)})
    assert stale.status_code == 409
    listed = login("medlem").get(url).json()
    assert [a["title"] for a in listed] == ["Bilag 3"]
    download = login("medlem").get(listed[0]["download"])
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == PDF
    assert login("medlem").post(url, {"expected_version": 1}).status_code in (403, 422)
