"""Restoring a region's archive into the platform (Django): ADR 0028.

The archive is checked whole first (:func:`~sundhedsaftale.archive.archive_opened`); then its case file goes in
through the platform's own import (``web.cases.case_import``), into a platform that holds nothing of the region
yet. What the case file does not carry follows from the archive's inventory: the uploaded meeting documents
(stored again, byte for byte), when each agenda was published, the issued letters (as sent; their issuer's
account is not archived, so they are restored without it) and each record's version, so that the restored
region's case file is the archived one, byte for byte. One transaction: all of it or nothing.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from django.contrib.auth.models import AnonymousUser
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction

from sundhedsaftale.accounts.audit import record_change
from sundhedsaftale.accounts.models import User
from sundhedsaftale.agreements.models import HealthAgreement, Submission
from sundhedsaftale.core.case import RegionCase
from sundhedsaftale.governance.models import Body, LocalDecision, Meeting, MeetingDocument, Membership, Person
from sundhedsaftale.knowledge.models import SpreadMark
from sundhedsaftale.public.models import BodyPublication
from sundhedsaftale.registry.actions import sync_reference_data
from sundhedsaftale.registry.models import Region
from sundhedsaftale.review.models import IssuedLetter
from sundhedsaftale.web.cases import case_import
from sundhedsaftale.web.platform import platform

from ._inventory import Inventory
from ._verify import ArchiveError, VerifiedArchive, archive_opened

__all__ = ["RegionRestoreReport", "region_archive_restore"]


@dataclass(frozen=True)
class RegionRestoreReport:
    region_code: str
    region_name: str
    created_at: dt.datetime
    bodies: int
    meetings: int
    agreements: int
    documents: int
    letters: int


def region_archive_restore(path: Path, *, actor: User | AnonymousUser | None = None) -> RegionRestoreReport:
    """Restore the archive at ``path``; raises :class:`ArchiveError` (nothing changed) when it is not intact,
    when the platform already holds records of the region, or when a stored file would be overwritten."""
    with archive_opened(path) as verified:
        case, inventory = verified.case, verified.inventory
        code = case.region.code
        if not Region.objects.filter(code=code).exists():
            sync_reference_data(platform().reference)
        if not Region.objects.filter(code=code).exists():
            raise ArchiveError(f"region {code} findes ikke i platformens referencedata; intet er ændret")
        _refuse_occupied(code)
        _refuse_stored_conflicts(verified)
        written: list[str] = []
        try:
            with transaction.atomic():
                case_import(case=case, actor=None, system=True)
                _agendas(inventory)
                letters = _letters(verified, code) + _receipt_letters(verified, code)
                written += _documents(verified)
                written += _hearing_documents(verified, code)
                _body_publications(inventory)
                written += _spread_marks(verified)
                _versions(case)
                record_change(
                    actor=actor,
                    action="region_archive_restore",
                    object_type="region_archive",
                    object_id=verified.info.get("External-Identifier", path.name),
                    region_code=code,
                    after={
                        "archive": path.name,
                        "created_at": inventory.created_at.isoformat(),
                        "platform_version": inventory.platform_version,
                        "documents": len(written),
                        "letters": letters,
                    },
                )
        except BaseException:
            for name in written:
                default_storage.delete(name)
            raise
        return RegionRestoreReport(
            region_code=code,
            region_name=case.region.name,
            created_at=inventory.created_at,
            bodies=len(case.bodies),
            meetings=len(case.meetings),
            agreements=len(case.agreements),
            documents=len(written),
            letters=letters,
        )


def _refuse_occupied(code: str) -> None:
    held = {
        "organer": Body.objects.filter(region_id=code).count(),
        "personer": Person.objects.filter(region_id=code).count(),
        "sundhedsaftaler": HealthAgreement.objects.filter(region_id=code).count(),
        "lokale beslutninger": LocalDecision.objects.filter(region_id=code).count(),
    }
    listed = ", ".join(f"{n} {what}" for what, n in held.items() if n)
    if listed:
        raise ArchiveError(
            f"platformen har allerede {listed} i region {code}; et arkiv gendannes i en platform uden regionens "
            "poster (fx en ny database); intet er ændret"
        )


def _refuse_stored_conflicts(verified: VerifiedArchive) -> None:
    stored = [(d.original_name, d.path) for d in verified.inventory.meeting_documents]
    stored += [(d.original_name, d.path) for d in verified.inventory.hearing_documents]
    for name, path in stored:
        if default_storage.exists(name):
            with default_storage.open(name, "rb") as handle:
                if handle.read() != verified.data(path).read_bytes():
                    raise ArchiveError(
                        f"data/{path}: filen '{name}' findes allerede i platformens filarkiv med andet "
                        "indhold; intet er ændret"
                    )


def _meeting(body_id: str, meeting_id: str) -> Meeting:
    meeting = Meeting.objects.filter(body__key=body_id, key=meeting_id).first()
    if meeting is None:
        raise ArchiveError(
            f"data/fortegnelse.json: mødet '{meeting_id}' ({body_id}) står ikke i sagsfilen; intet er ændret"
        )
    return meeting


def _agendas(inventory: Inventory) -> None:
    for published in inventory.agenda_publications:
        meeting = _meeting(published.body_id, published.meeting_id)
        Meeting.objects.filter(pk=meeting.pk).update(agenda_published_at=published.published_at)


def _documents(verified: VerifiedArchive) -> list[str]:
    written = []
    for entry in verified.inventory.meeting_documents:
        meeting = _meeting(entry.body_id, entry.meeting_id)
        data = verified.data(entry.path).read_bytes()
        name = entry.original_name
        if not default_storage.exists(name):
            name = default_storage.save(name, ContentFile(data))
            written.append(name)
        document = MeetingDocument(
            meeting=meeting, title=entry.title, file=name, uploaded_at=entry.uploaded_at
        )
        document.save_base(raw=True, force_insert=True)  # raw: the upload's own time, not now
    return written


def _body_publications(inventory: Inventory) -> None:
    for entry in inventory.body_publications:
        body = Body.objects.filter(key=entry.body_id).first()
        if body is None:
            raise ArchiveError(
                f"data/fortegnelse.json: organet '{entry.body_id}' står ikke i sagsfilen; intet er ændret"
            )
        publication = BodyPublication(
            body=body,
            published_on=entry.published_on,
            published_at=entry.published_at,
            withdrawn_on=entry.withdrawn_on,
            withdrawal_reason=entry.withdrawal_reason,
        )
        publication.save_base(raw=True, force_insert=True)  # raw: the act's own time, not now


def _spread_marks(verified: VerifiedArchive) -> list[str]:
    written = []
    for entry in verified.inventory.spread_marks:
        agreement = HealthAgreement.objects.filter(key=entry.agreement_id).first()
        if agreement is None:
            raise ArchiveError(
                f"data/fortegnelse.json: aftalen '{entry.agreement_id}' står ikke i sagsfilen; intet er ændret"
            )
        mark = SpreadMark(
            agreement=agreement,
            entry_kind=entry.entry_kind,
            item_id=entry.item_id,
            title=entry.title,
            evidence=entry.evidence,
            meeting=_meeting(entry.body_id, entry.meeting_id),
            marked_on=entry.marked_on,
            marked_at=entry.marked_at,
            document_name=entry.document_name,
            withdrawn_on=entry.withdrawn_on,
            withdrawal_reason=entry.withdrawal_reason,
        )
        if entry.document:
            name = default_storage.save(
                f"katalog/{entry.document_name or 'dokumentation'}",
                ContentFile(verified.data(entry.document).read_bytes()),
            )
            written.append(name)
            mark.document.name = name
        mark.save_base(raw=True, force_insert=True)  # raw: the mark's own time, not now
    return written


def _letters(verified: VerifiedArchive, code: str) -> int:
    for entry in verified.inventory.letters:
        agreement = HealthAgreement.objects.filter(region_id=code, key=entry.agreement_id).first()
        submission = Submission.objects.filter(
            agreement=agreement, submitted_on=entry.submitted_on, version_number=entry.submission_version
        ).first()
        if agreement is None or submission is None:
            raise ArchiveError(
                f"data/{entry.pdf}: brevets aftale '{entry.agreement_id}' eller indsendelse af "
                f"{entry.submitted_on.isoformat()} står ikke i sagsfilen; intet er ændret"
            )
        letter = IssuedLetter(
            agreement=agreement,
            submission=submission,
            kind=entry.kind,
            reference=entry.reference,
            letter_date=entry.letter_date,
            pdf=verified.data(entry.pdf).read_bytes(),
            docx=verified.data(entry.docx).read_bytes(),
            issued_by=None,
            issued_at=entry.issued_at,
            published_on=entry.published_on,
        )
        letter.save_base(raw=True, force_insert=True)  # raw: the letter's own time of issue, not now
    return len(verified.inventory.letters)


def _hearing_documents(verified: VerifiedArchive, code: str) -> list[str]:
    """A round's material and its answers' documents, stored again byte for byte and linked to their records."""
    from sundhedsaftale.hearings.models import Answer, HearingRound

    written = []
    for entry in verified.inventory.hearing_documents:
        round_ = HearingRound.objects.filter(
            region_id=code, subject=entry.round_subject, sent_on=entry.round_sent_on
        ).first()
        answer = (
            Answer.objects.filter(addressee__round=round_, addressee__name=entry.addressee).first()
            if round_ is not None and entry.addressee
            else None
        )
        if round_ is None or (entry.addressee and answer is None):
            raise ArchiveError(
                f"data/{entry.path}: høringen »{entry.round_subject}« eller svaret fra {entry.addressee or '–'} står "
                "ikke i sagsfilen; intet er ændret"
            )
        name = entry.original_name
        if not default_storage.exists(name):
            name = default_storage.save(name, ContentFile(verified.data(entry.path).read_bytes()))
            written.append(name)
        if answer is not None:
            Answer.objects.filter(pk=answer.pk).update(document=name)
        else:
            HearingRound.objects.filter(pk=round_.pk).update(document=name)
    return written


def _receipt_letters(verified: VerifiedArchive, code: str) -> int:
    """Each status report's receipt letter as it was issued; the report itself came in with the case file."""
    from sundhedsaftale.followup.models import StatusReport

    for entry in verified.inventory.receipt_letters:
        updated = StatusReport.objects.filter(
            agreement__region_id=code,
            agreement__key=entry.agreement_id,
            kind=entry.kind,
            number=entry.number,
            receipt_pdf__isnull=True,
        ).update(
            receipt_pdf=verified.data(entry.pdf).read_bytes(),
            receipt_docx=verified.data(entry.docx).read_bytes(),
        )
        if updated != 1:
            raise ArchiveError(
                f"data/{entry.pdf}: statusrapporten ({entry.kind}, rapportversion {entry.number}) for "
                f"'{entry.agreement_id}' står ikke i sagsfilen; intet er ændret"
            )
    return len(verified.inventory.receipt_letters)


def _versions(case: RegionCase) -> None:
    """Each record gets the version it had, as the case file says: the restored region is the archived one."""
    code = case.region.code
    for body in case.bodies:
        if body.version is not None:
            Body.objects.filter(region_id=code, key=body.id).update(version=body.version)
        for membership in body.memberships:
            if membership.version is not None:
                Membership.objects.filter(body__key=body.id, key=membership.id).update(
                    version=membership.version
                )
    for meeting in case.meetings:
        if meeting.version is not None:
            Meeting.objects.filter(body__key=meeting.body_id, key=meeting.id).update(version=meeting.version)
    for decision in case.decisions:
        if decision.version is not None:
            LocalDecision.objects.filter(region_id=code, key=decision.id).update(version=decision.version)
