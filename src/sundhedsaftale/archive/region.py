"""Writing a region's archive from the platform (Django): the bag of ADR 0028.

::

    inventory = region_archive_write(code="1085", out=Path("regionsarkiv-1085.zip"), actor=None)

``out`` ending in ``.zip`` gets one ZIP with the bag as its one folder; any other name gets the bag as a
directory. Everything is read in one transaction; the archive is written under a temporary name and renamed.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import re
import shutil
import tempfile
import threading
import zipfile
from collections.abc import Iterator
from pathlib import Path, PurePosixPath

import bagit
from django.contrib.auth.models import AnonymousUser
from django.db import connection, transaction

from sundhedsaftale import __version__
from sundhedsaftale.accounts.audit import record_change
from sundhedsaftale.accounts.models import AuditEntry, User
from sundhedsaftale.accounts.permissions import region_record_audiences
from sundhedsaftale.agreements.documents import agreement_blocks
from sundhedsaftale.agreements.models import AgreementVersion
from sundhedsaftale.core.case import AgreementContent, RegionCase
from sundhedsaftale.documents import render_html, render_pdf
from sundhedsaftale.governance.models import Meeting, MeetingDocument
from sundhedsaftale.interchange import EXTENSIONS, Format, export_case
from sundhedsaftale.knowledge.models import SpreadMark
from sundhedsaftale.public.models import BodyPublication
from sundhedsaftale.registry.models import Region
from sundhedsaftale.review.models import IssuedLetter
from sundhedsaftale.web.cases import case_snapshot

from ._index import index_document
from ._inventory import (
    AgendaPublication,
    AgreementVersionFile,
    ArchivedFile,
    BodyPublicationRecord,
    FileKind,
    HearingDocumentFile,
    Inventory,
    LetterFile,
    MeetingDocumentFile,
    ReceiptLetterFile,
    SpreadMarkRecord,
)
from ._verify import INVENTORY, ArchiveError

__all__ = ["PERIOD", "region_archive_write"]

# The record the archive is made for: the 2022 bodies' election period and the transition year, up to the
# reform of 1 January 2027 (issue 12). The case file holds the region's whole record, older posts included.
PERIOD = (dt.date(2022, 1, 1), dt.date(2026, 12, 31))

_PDF = "application/pdf"
_DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
_JSON = "application/json"
_MEDIA_TYPES = {
    Format.JSON: _JSON,
    Format.XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    Format.CSV: "application/zip",
}
_FORMAT_TITLES = {
    Format.JSON: "Sagsfil (JSON) – den fil, arkivet gendannes fra",
    Format.XLSX: "Sagsfil som Excel-arbejdsbog",
    Format.CSV: "Sagsfil som CSV-filer i et ZIP-arkiv",
}
# bagit.make_bag changes the process's working directory while it runs; one bag at a time per process.
_BAGGING = threading.Lock()


def _safe(part: str) -> str:
    """A path segment from a key or an uploaded file's name: letters, digits, dot, dash, underscore."""
    cleaned = re.sub(r"[^A-Za-z0-9._-]+", "-", part).strip(".-")
    return cleaned or "fil"


class _Writer:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.files: list[ArchivedFile] = []

    def write(self, path: str, data: bytes, *, title: str, kind: FileKind, media_type: str) -> str:
        target = self.root / PurePosixPath(path)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        self.files.append(ArchivedFile(path=path, title=title, kind=kind, media_type=media_type))
        return path


def region_archive_write(
    *,
    code: str,
    out: Path,
    actor: User | AnonymousUser | None,
    period: tuple[dt.date, dt.date] = PERIOD,
    now: dt.datetime | None = None,
) -> Inventory:
    """Write the archive of region ``code`` to ``out`` (which must not exist) and audit it; its inventory."""
    region = Region.objects.filter(code=code).first()
    if region is None:
        raise ArchiveError(f"region '{code}' findes ikke i platformen")
    if out.exists():
        raise ArchiveError(f"{out} findes allerede; vælg et nyt navn, så intet arkiv overskrives")
    created = (now or dt.datetime.now(dt.UTC)).replace(microsecond=0)
    name = f"regionsarkiv-{code}-{created:%Y%m%dT%H%M%SZ}"
    with tempfile.TemporaryDirectory(prefix=".regionsarkiv-", dir=out.parent) as tmp:
        bag_dir = Path(tmp) / name
        bag_dir.mkdir()
        with _snapshot():
            inventory = _write_payload(bag_dir, code, region.name, period, created)
        bag_info = {
            "Source-Organization": region.name,
            "External-Identifier": name,
            "External-Description": (
                f"{region.name}s sundhedssamarbejde {period[0].year}–{period[1].year} efter bek. nr. 1248/2022: "
                "organer, medlemskaber, møder, sundhedsaftaler, afgørelser, breve og revisionsspor"
            ),
            "Bagging-Date": created.date().isoformat(),
            "Bag-Software-Agent": f"sundhedsaftale {__version__} (bagit.py {bagit.VERSION})",
            "Region-Code": code,
            "Region-Name": region.name,
            "Period-Start": period[0].isoformat(),
            "Period-End": period[1].isoformat(),
            "Created-At": created.isoformat(),
            "Platform-Version": __version__,
            "Archive-Format": inventory.format,
            "Case-File": f"data/{inventory.case_file}",
        }
        with _BAGGING:
            bagit.make_bag(str(bag_dir), bag_info, processes=1, checksums=["sha256"])
        partial = out.with_name(f".{out.name}.{os.getpid()}.skrives")
        try:
            if out.suffix.casefold() == ".zip":
                _zip(bag_dir, partial)
            else:
                shutil.move(str(bag_dir), partial)
            os.replace(partial, out)
        except BaseException:
            if partial.is_dir():
                shutil.rmtree(partial, ignore_errors=True)
            else:
                partial.unlink(missing_ok=True)
            raise
    record_change(
        actor=actor,
        action="region_archive",
        object_type="region_archive",
        object_id=name,
        region_code=code,
        after={
            "files": len(inventory.files) + len(inventory.meeting_documents),
            "audit_rows": inventory.audit_rows,
            "period": f"{period[0].isoformat()}/{period[1].isoformat()}",
        },
    )
    return inventory


@contextlib.contextmanager
def _snapshot() -> Iterator[None]:
    """One transaction in which the region's records are read as of one moment (REPEATABLE READ on PostgreSQL;
    on SQLite the settings' BEGIN IMMEDIATE keeps writers out until it is read)."""
    own = not connection.in_atomic_block
    with transaction.atomic():
        if own and connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
        yield


def _zip(bag_dir: Path, target: Path) -> None:
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, allowZip64=True) as archive:
        for file in sorted(p for p in bag_dir.rglob("*") if p.is_file()):
            archive.write(file, (Path(bag_dir.name) / file.relative_to(bag_dir)).as_posix())


def _write_payload(
    root: Path, code: str, region_name: str, period: tuple[dt.date, dt.date], created: dt.datetime
) -> Inventory:
    writer = _Writer(root)
    case = case_snapshot(code)
    case_file = ""
    for fmt in (Format.JSON, Format.XLSX, Format.CSV):
        stem = f"sagsfil-{code}" if fmt is Format.JSON else f"sundhedsaftale-{code}"
        path = writer.write(
            f"sagsfil/{stem}{EXTENSIONS[fmt]}",
            export_case(case, fmt),
            title=_FORMAT_TITLES[fmt],
            kind=FileKind.CASE_FILE,
            media_type=_MEDIA_TYPES[fmt],
        )
        case_file = case_file or path
    versions = _agreement_versions(writer, case, code)
    letters = _letters(writer, code)
    documents = _meeting_documents(writer, code)
    receipts, hearing_documents = _followup_documents(writer, case, code, created.date())
    spread_marks = _spread_marks(writer, code)
    audit_rows = _audit_rows(writer, code)
    agendas = tuple(
        AgendaPublication(body_id=m.body.key, meeting_id=m.key, published_at=m.agenda_published_at)
        for m in Meeting.objects.filter(body__region_id=code, agenda_published_at__isnull=False)
        .select_related("body")
        .order_by("date", "key")
        if m.agenda_published_at is not None
    )
    inventory = Inventory(
        region_code=code,
        region_name=region_name,
        period_start=period[0],
        period_end=period[1],
        created_at=created,
        platform_version=__version__,
        case_file=case_file,
        files=tuple(writer.files),
        meeting_documents=documents,
        agenda_publications=agendas,
        letters=letters,
        agreement_versions=versions,
        audit_rows=audit_rows,
        receipt_letters=receipts,
        hearing_documents=hearing_documents,
        body_publications=_body_publications(code),
        spread_marks=spread_marks,
    )
    (root / INVENTORY).write_text(inventory.model_dump_json(indent=2) + "\n", encoding="utf-8")
    index = index_document(inventory, case)
    (root / "index.html").write_text(render_html(index), encoding="utf-8")
    (root / "index.pdf").write_bytes(render_pdf(index))
    return inventory


def _agreement_versions(writer: _Writer, case: RegionCase, code: str) -> tuple[AgreementVersionFile, ...]:
    """Every saved version of every agreement: its record as JSON and the agreement as it read then (PDF/A)."""
    result = []
    rows = AgreementVersion.objects.filter(agreement__region_id=code).select_related("agreement")
    for version in rows.order_by("agreement__key", "number"):
        key = version.agreement.key
        folder = f"aftaler/{_safe(key)}"
        label = version.label or str(version.number)
        record = {
            "agreement_id": key,
            "number": version.number,
            "label": version.label,
            "state": version.state,
            "effective_date": version.effective_date,
            "note": version.note,
            "saved_at": version.saved_at,
            "content": version.content,
        }
        json_path = writer.write(
            f"{folder}/version-{version.number:03d}.json",
            (json.dumps(record, ensure_ascii=False, indent=2, default=str) + "\n").encode("utf-8"),
            title=f"{version.agreement.title}, version {label} ({version.get_state_display()}) – data",
            kind=FileKind.RECORD,
            media_type=_JSON,
        )
        pdf_path = ""
        agreement = case.agreement(key)
        if agreement is not None:
            as_then = agreement.model_copy(
                update={
                    "content": AgreementContent.model_validate(version.content),
                    "version_number": version.label,
                    "effective_date": version.effective_date,
                }
            )
            pdf_path = writer.write(
                f"{folder}/version-{version.number:03d}.pdf",
                render_pdf(agreement_blocks(case, as_then)),
                title=f"{version.agreement.title}, version {label} ({version.get_state_display()})",
                kind=FileKind.RENDERED,
                media_type=_PDF,
            )
        result.append(
            AgreementVersionFile(
                agreement_id=key,
                number=version.number,
                label=version.label,
                state=version.state,
                effective_date=version.effective_date,
                saved_at=version.saved_at,
                json_path=json_path,
                pdf_path=pdf_path,
            )
        )
    return tuple(result)


def _letters(writer: _Writer, code: str) -> tuple[LetterFile, ...]:
    result = []
    rows = IssuedLetter.objects.filter(agreement__region_id=code).select_related(
        "agreement", "submission", "issued_by"
    )
    for letter in rows.order_by("agreement__key", "letter_date", "pk"):
        stem = (
            f"breve/{_safe(letter.agreement.key)}/{letter.letter_date.isoformat()}-{letter.kind}-{letter.pk}"
        )
        title = f"{letter.get_kind_display()} af {letter.letter_date.isoformat()} ({letter.agreement.title})"
        pdf = writer.write(
            f"{stem}.pdf", bytes(letter.pdf), title=title, kind=FileKind.LETTER, media_type=_PDF
        )
        docx = writer.write(
            f"{stem}.docx", bytes(letter.docx), title=title, kind=FileKind.LETTER, media_type=_DOCX
        )
        issuer = letter.issued_by
        result.append(
            LetterFile(
                pdf=pdf,
                docx=docx,
                agreement_id=letter.agreement.key,
                kind=letter.kind,
                reference=letter.reference,
                letter_date=letter.letter_date,
                submitted_on=letter.submission.submitted_on,
                submission_version=letter.submission.version_number,
                issued_at=letter.issued_at,
                issued_by=(issuer.get_full_name() or issuer.username) if issuer else "",
                published_on=letter.published_on,
            )
        )
    return tuple(result)


def _meeting_documents(writer: _Writer, code: str) -> tuple[MeetingDocumentFile, ...]:
    """The uploaded documents of the region's meetings, byte for byte as uploaded."""
    result = []
    rows = MeetingDocument.objects.filter(meeting__body__region_id=code).select_related("meeting__body")
    for document in rows.order_by("meeting__date", "meeting__key", "uploaded_at", "pk"):
        meeting = document.meeting
        with document.file.open("rb") as handle:
            data = handle.read()
        stored_name = document.file.name or ""
        original = PurePosixPath(stored_name)
        path = writer.write(
            f"moeder/{_safe(meeting.key)}/{document.pk}-{_safe(original.name)}",
            data,
            title=f"{document.title} – møde {meeting.date.isoformat()} ({meeting.body.name})",
            kind=FileKind.UPLOADED,
            media_type=_media_type(original.suffix),
        )
        result.append(
            MeetingDocumentFile(
                path=path,
                body_id=meeting.body.key,
                meeting_id=meeting.key,
                meeting_date=meeting.date,
                title=document.title,
                original_name=stored_name,
                uploaded_at=document.uploaded_at,
            )
        )
    return tuple(result)


def _followup_documents(
    writer: _Writer, case: RegionCase, code: str, today: dt.date
) -> tuple[tuple[ReceiptLetterFile, ...], tuple[HearingDocumentFile, ...]]:
    """The follow-up as documents (ADR 0045): each sent hearing round's høringsnotat and each sent status report
    (PDF/A, rendered from the records the case file carries), each receipt letter as it was issued, and each
    round's uploaded material and answers as uploaded."""
    from sundhedsaftale.core.case import StatusReportKind
    from sundhedsaftale.core.followup import StatusContent, report_deadlines
    from sundhedsaftale.documents.status_report import ReportFacts, status_report_document
    from sundhedsaftale.followup.models import ReportState, StatusReport
    from sundhedsaftale.hearings.models import HearingRound
    from sundhedsaftale.hearings.notat import notat_document
    from sundhedsaftale.web.platform import platform

    rounds = (
        HearingRound.objects.filter(region_id=code, sent_on__isnull=False)
        .select_related("region", "agreement")
        .prefetch_related("addressees__body", "addressees__answer__dispositions")
        .order_by("sent_on", "subject", "pk")
    )
    uploads: list[HearingDocumentFile] = []
    for number, round_ in enumerate(rounds, start=1):
        assert round_.sent_on is not None
        folder = f"hoeringer/{number:02d}-{round_.sent_on.isoformat()}"
        writer.write(
            f"{folder}-hoeringsnotat.pdf",
            render_pdf(notat_document(round_)),
            title=f"Høringsnotat: {round_.subject} (sendt {round_.sent_on})",
            kind=FileKind.RENDERED,
            media_type=_PDF,
        )
        stored = [(round_.document, "", "Høringsmateriale")]
        for addressee in round_.addressees.all():
            answer = getattr(addressee, "answer", None)
            if answer is not None:
                stored.append((answer.document, addressee.name, f"Høringssvar fra {addressee.name}"))
        for index, (field, addressee_name, what) in enumerate(stored):
            if not field:
                continue
            with field.open("rb") as handle:
                data = handle.read()
            original = PurePosixPath(field.name or "")
            uploads.append(
                HearingDocumentFile(
                    path=writer.write(
                        f"{folder}/{index:02d}-{_safe(original.name)}",
                        data,
                        title=f"{what} – {round_.subject}",
                        kind=FileKind.UPLOADED,
                        media_type=_media_type(original.suffix),
                    ),
                    round_subject=round_.subject,
                    round_sent_on=round_.sent_on,
                    addressee=addressee_name,
                    original_name=field.name or "",
                )
            )
    receipts = []
    reports = (
        StatusReport.objects.filter(agreement__region_id=code)
        .exclude(state=ReportState.DRAFT)
        .select_related("agreement")
        .order_by("agreement__key", "kind", "number")
    )
    for report in reports:
        agreement = case.agreement(report.agreement.key)
        if agreement is None:
            continue
        kind = StatusReportKind(report.kind)
        stem = f"statusrapporter/{_safe(agreement.id)}/{kind.value}-{report.number}"
        title = f"{kind.label}, rapportversion {report.number} ({agreement.title})"
        facts = ReportFacts(
            kind=kind,
            number=report.number,
            sent_on=report.sent_on,
            received_on=report.received_on,
            due=tuple(
                (d.citation, d.day) for d in report_deadlines(platform(), case, agreement, kind, today)
            ),
        )
        document = status_report_document(
            case, agreement, facts, StatusContent.model_validate(report.content)
        )
        writer.write(
            f"{stem}.pdf", render_pdf(document), title=title, kind=FileKind.RENDERED, media_type=_PDF
        )
        if report.receipt_pdf is not None and report.receipt_docx is not None:
            letter = f"Kvittering for {title[0].lower()}{title[1:]}"
            receipts.append(
                ReceiptLetterFile(
                    pdf=writer.write(
                        f"{stem}-kvittering.pdf",
                        bytes(report.receipt_pdf),
                        title=letter,
                        kind=FileKind.LETTER,
                        media_type=_PDF,
                    ),
                    docx=writer.write(
                        f"{stem}-kvittering.docx",
                        bytes(report.receipt_docx),
                        title=letter,
                        kind=FileKind.LETTER,
                        media_type=_DOCX,
                    ),
                    agreement_id=agreement.id,
                    kind=kind.value,
                    number=report.number,
                )
            )
    return tuple(receipts), tuple(uploads)


def _media_type(suffix: str) -> str:
    return {".pdf": _PDF, ".docx": _DOCX}.get(suffix.casefold(), "application/octet-stream")


def _audit_rows(writer: _Writer, code: str) -> int:
    """The region's audit rows whose audience its own secretariat reads (ADR 0021): never the reviewers' own."""
    audiences = [a.value for a in region_record_audiences()]
    rows = [
        {
            "at": entry.at.isoformat(),
            "actor": entry.actor_name,
            "action": entry.action,
            "object_type": entry.object_type,
            "object_id": entry.object_id,
            "region_code": entry.region_code,
            "audience": entry.audience,
            "before": entry.before,
            "after": entry.after,
            "reason": entry.reason,
        }
        for entry in AuditEntry.objects.filter(region_code=code, audience__in=audiences).order_by("at", "pk")
    ]
    writer.write(
        "revisionsspor/revisionsspor.json",
        (json.dumps(rows, ensure_ascii=False, indent=2) + "\n").encode("utf-8"),
        title=f"Revisionsspor: {len(rows)} rækker om regionen, som regionens sekretariat kan læse",
        kind=FileKind.RECORD,
        media_type=_JSON,
    )
    return len(rows)


def _body_publications(code: str) -> tuple[BodyPublicationRecord, ...]:
    """The region's bodies' publications in the portal (ADR 0042), withdrawn ones included (ADR 0048)."""
    rows = BodyPublication.objects.filter(body__region_id=code).select_related("body").order_by("body__key")
    return tuple(
        BodyPublicationRecord(
            body_id=p.body.key,
            published_on=p.published_on,
            published_at=p.published_at,
            withdrawn_on=p.withdrawn_on,
            withdrawal_reason=p.withdrawal_reason,
        )
        for p in rows
    )


def _spread_marks(writer: _Writer, code: str) -> tuple[SpreadMarkRecord, ...]:
    """The committee's marks for national spread (§ 15, stk. 2, nr. 5), withdrawn ones included, with each
    evidence document as uploaded."""
    result = []
    rows = SpreadMark.objects.filter(agreement__region_id=code).select_related("agreement", "meeting__body")
    for mark in rows.order_by("marked_at", "pk"):
        path = ""
        if mark.document:
            with mark.document.open("rb") as handle:
                data = handle.read()
            name = mark.document_name or PurePosixPath(mark.document.name or "").name
            path = writer.write(
                f"katalog/{mark.pk}-{_safe(name)}",
                data,
                title=f"Dokumentation for markering til national udbredelse: {mark.title}",
                kind=FileKind.UPLOADED,
                media_type=_media_type(PurePosixPath(name).suffix),
            )
        result.append(
            SpreadMarkRecord(
                agreement_id=mark.agreement.key,
                entry_kind=mark.entry_kind,
                item_id=mark.item_id,
                title=mark.title,
                evidence=mark.evidence,
                body_id=mark.meeting.body.key,
                meeting_id=mark.meeting.key,
                marked_on=mark.marked_on,
                marked_at=mark.marked_at,
                document=path,
                document_name=mark.document_name,
                withdrawn_on=mark.withdrawn_on,
                withdrawal_reason=mark.withdrawal_reason,
            )
        )
    return tuple(result)
