"""What a region's archive holds, as one machine-readable list (``data/fortegnelse.json``).

The index (``index.html``, ``index.pdf``) is written from it for people; the restore reads it for what the case
file does not carry: the uploaded meeting documents, when agendas were published, the issued letters, and the
public record's own acts (ADR 0048): the bodies' publications (and their withdrawal) and the committee's marks
of initiatives for national spread with their evidence.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from pydantic import BaseModel, ConfigDict

__all__ = [
    "FORMAT",
    "AgendaPublication",
    "AgreementVersionFile",
    "ArchivedFile",
    "BodyPublicationRecord",
    "FileKind",
    "HearingDocumentFile",
    "Inventory",
    "LetterFile",
    "MeetingDocumentFile",
    "ReceiptLetterFile",
    "SpreadMarkRecord",
]

FORMAT = "sundhedsaftale-regionsarkiv/1"


class FileKind(StrEnum):
    """How a file in the archive came to be, which decides what the index says about its format."""

    CASE_FILE = "case_file"  # the interchange export, written by the platform
    RENDERED = "rendered"  # a PDF/A-2b the platform rendered itself
    LETTER = "letter"  # an issued letter as it was sent (PDF/A-2b and DOCX)
    UPLOADED = "uploaded"  # an uploaded original, kept as it was uploaded
    RECORD = "record"  # records as JSON (agreement versions, audit rows)


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class ArchivedFile(_Model):
    path: str  # relative to the bag's data/ directory
    title: str
    kind: FileKind
    media_type: str


class MeetingDocumentFile(_Model):
    path: str
    body_id: str
    meeting_id: str
    meeting_date: dt.date
    title: str
    original_name: str  # the name it had in the platform's file storage
    uploaded_at: dt.datetime


class AgendaPublication(_Model):
    body_id: str
    meeting_id: str
    published_at: dt.datetime


class LetterFile(_Model):
    pdf: str
    docx: str
    agreement_id: str
    kind: str
    reference: str
    letter_date: dt.date
    submitted_on: dt.date
    submission_version: str
    issued_at: dt.datetime
    issued_by: str  # the name, for the index; the user account is not archived
    published_on: dt.date | None = None


class HearingDocumentFile(_Model):
    """An uploaded document of a hearing round: its material (``addressee`` empty) or an addressee's answer."""

    path: str
    round_subject: str
    round_sent_on: dt.date
    addressee: str = ""
    original_name: str  # the name it had in the platform's file storage


class ReceiptLetterFile(_Model):
    """Sundhedsstyrelsen's receipt letter for a status report (kapitel 6), as it was issued."""

    pdf: str
    docx: str
    agreement_id: str
    kind: str  # midterm | final
    number: int  # the report's version


class AgreementVersionFile(_Model):
    agreement_id: str
    number: int
    label: str
    state: str
    effective_date: dt.date | None
    saved_at: dt.datetime
    json_path: str
    pdf_path: str


class BodyPublicationRecord(_Model):
    """A body's publication in the public portal (ADR 0042), and its withdrawal if it was withdrawn."""

    body_id: str
    published_on: dt.date
    published_at: dt.datetime
    withdrawn_on: dt.date | None = None
    withdrawal_reason: str = ""


class SpreadMarkRecord(_Model):
    """The committee's mark of an initiative for national spread (§ 15, stk. 2, nr. 5; ADR 0048)."""

    agreement_id: str
    entry_kind: str
    item_id: str
    title: str
    evidence: str
    body_id: str
    meeting_id: str
    marked_on: dt.date
    marked_at: dt.datetime
    document: str = ""  # the evidence document's path under data/, as uploaded
    document_name: str = ""
    withdrawn_on: dt.date | None = None
    withdrawal_reason: str = ""


class Inventory(_Model):
    format: str = FORMAT
    region_code: str
    region_name: str
    period_start: dt.date
    period_end: dt.date
    created_at: dt.datetime
    platform_version: str
    case_file: str  # the JSON case file the archive restores from
    files: tuple[ArchivedFile, ...]
    meeting_documents: tuple[MeetingDocumentFile, ...] = ()
    agenda_publications: tuple[AgendaPublication, ...] = ()
    letters: tuple[LetterFile, ...] = ()
    agreement_versions: tuple[AgreementVersionFile, ...] = ()
    audit_rows: int = 0
    # Added with the follow-up (ADR 0045); an older archive has none.
    receipt_letters: tuple[ReceiptLetterFile, ...] = ()
    hearing_documents: tuple[HearingDocumentFile, ...] = ()
    body_publications: tuple[BodyPublicationRecord, ...] = ()
    spread_marks: tuple[SpreadMarkRecord, ...] = ()
