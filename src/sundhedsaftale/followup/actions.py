"""Writing the follow-up: the yearly review and the status reports (§ 22, stk. 1; vejledningens kapitel 6).

Each action checks permission, validates, writes in one transaction with an audit row, and checks the version
the user edited. The core's lifecycle decides whether the step is legal: the yearly review and the sending of
a report are recorded through :func:`sundhedsaftale.agreements.actions.step_record` (the core's
``apply_step``), so the deadlines and the obligations calendar read the same facts.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _
from pydantic import ValidationError

from sundhedsaftale.accounts.audit import record_change
from sundhedsaftale.accounts.conflict import RecordConflict
from sundhedsaftale.accounts.models import User
from sundhedsaftale.accounts.permissions import can_edit_region, can_review, can_review_region
from sundhedsaftale.agreements.actions import AgreementConflict, content_save, step_record
from sundhedsaftale.agreements.models import AgreementVersion, VersionState
from sundhedsaftale.agreements.models import HealthAgreement as AgreementRow
from sundhedsaftale.core.case import AgreementContent, BodyKind, StatusReportKind, validation_messages
from sundhedsaftale.core.case import StatusReport as CoreStatusReport
from sundhedsaftale.core.case import YearlyReview as CoreYearlyReview
from sundhedsaftale.core.followup import StatusContent, carried_forward, skeleton
from sundhedsaftale.core.lifecycle import IllegalStep, Step
from sundhedsaftale.core.periods import danish_date
from sundhedsaftale.documents import render_docx, render_pdf
from sundhedsaftale.documents.status_report import ReportFacts, status_receipt_document
from sundhedsaftale.governance.models import Meeting
from sundhedsaftale.registry import clock
from sundhedsaftale.search.indexer import index_status_report
from sundhedsaftale.web.cases import case_snapshot

from .models import ReportKind, ReportState, StatusReport, YearlyReviewRecord

Actor = User | AnonymousUser

# § 22, stk. 1, in the words each refusal rests on.
REVIEW_WORDS = (
    "§ 22, stk. 1: »Sundhedssamarbejdsudvalget skal […] én gang årligt gennemgå aftalen og vurdere behovet for "
    "at revidere dens indhold.«"
)


class FollowupInvalid(Exception):
    """Input the follow-up refuses; the message is Danish and names the field."""

    def __init__(self, field: str, message: str) -> None:
        self.field = field
        super().__init__(message)


class ReportConflict(RecordConflict):
    def __init__(self, current: StatusReport) -> None:
        super().__init__(
            current,
            _(
                "Statusrapporten er ændret af en anden (version %(version)s) efter, at du åbnede den. "
                "Intet er overskrevet; åbn den igen og gentag din ændring."
            )
            % {"version": current.version},
        )


def _user(actor: Actor | None) -> User | None:
    return actor if isinstance(actor, User) else None


def _require_region(actor: Actor | None, region_code: str, *, system: bool = False) -> None:
    if system:
        return
    if actor is None or not can_edit_region(actor, region_code):
        raise PermissionDenied(
            _("Kun sekretariatet for sundhedssamarbejdsudvalget i regionen kan gøre dette (§ 22, stk. 1).")
        )


def approved_version(row: AgreementRow) -> AgreementVersion | None:
    """The version the councils approved and the authority assessed: the newest that is no longer a draft."""
    return (
        row.versions.exclude(state=VersionState.DRAFT).order_by("-number").first()
        or row.versions.order_by("-number").first()
    )


# ---------------------------------------------------------------------------------------------------------------
# The yearly review


@dataclass(frozen=True)
class ReviewInput:
    year: int
    meeting_pk: int
    revise: bool
    reasons: str


def _meeting_for_review(row: AgreementRow, data: ReviewInput) -> Meeting:
    meeting = Meeting.objects.select_related("body").filter(pk=data.meeting_pk).first()
    if meeting is None:
        raise FollowupInvalid("meeting", _("Mødet findes ikke."))
    body = meeting.body
    if body.region_id != row.region_id:
        raise FollowupInvalid(
            "meeting",
            _(
                "Mødet er et møde i %(body)s i en anden region. Den årlige gennemgang foretages af "
                "sundhedssamarbejdsudvalget i aftalens egen region. %(words)s"
            )
            % {"body": body.name, "words": REVIEW_WORDS},
        )
    if body.kind != BodyKind.COMMITTEE.value:
        raise FollowupInvalid(
            "meeting",
            _(
                "Mødet er et møde i %(body)s, ikke i sundhedssamarbejdsudvalget, som foretager den årlige "
                "gennemgang. %(words)s"
            )
            % {"body": body.name, "words": REVIEW_WORDS},
        )
    if meeting.date.year != data.year:
        raise FollowupInvalid(
            "meeting",
            _("Mødet blev holdt %(day)s; gennemgangen for %(year)s skal besluttes på et møde i %(year)s.")
            % {"day": danish_date(meeting.date), "year": data.year},
        )
    if meeting.date > clock.today():
        raise FollowupInvalid(
            "meeting",
            _("Mødet %(day)s er ikke holdt endnu; en gennemgang registreres, når den er besluttet.")
            % {"day": danish_date(meeting.date)},
        )
    return meeting


def yearly_review_record(
    *,
    actor: Actor | None,
    agreement_key: str,
    expected_version: int,
    data: ReviewInput,
    system: bool = False,
    core_recorded: bool = False,
) -> YearlyReviewRecord:
    """Record the committee's conclusion for one year, tied to the meeting where it was decided.

    The core's ``YearlyReview`` is written through ``apply_step`` (``core_recorded`` only when a case file
    already holds it, as the demo's does). "Revise" opens a new draft version copied from the approved one, to
    go through hearing, approvals and resubmission (§ 22, stk. 1; vejledningens afsnit 5.3).
    """
    with transaction.atomic():
        row = AgreementRow.objects.select_for_update().get(key=agreement_key)
        _require_region(actor, row.region_id, system=system)
        if not system and row.version != expected_version:
            raise AgreementConflict(row)
        if not data.reasons.strip():
            raise FollowupInvalid("reasons", _("Begrundelse: skriv udvalgets begrundelse for konklusionen."))
        if YearlyReviewRecord.objects.filter(agreement=row, year=data.year).exists():
            raise FollowupInvalid(
                "year",
                _(
                    "År: gennemgangen for %(year)s er allerede registreret. § 22, stk. 1 kræver én gennemgang om "
                    "året; ret den registrerede i stedet for at oprette en ny."
                )
                % {"year": data.year},
            )
        meeting = _meeting_for_review(row, data)
        if not core_recorded:
            record = CoreYearlyReview(
                held_on=meeting.date, revision_needed=data.revise, note=data.reasons.strip()[:500]
            )
            try:
                if system:
                    _system_step(row, Step.RECORD_YEARLY_REVIEW, record, meeting.date)
                else:
                    step_record(
                        actor=actor if actor is not None else AnonymousUser(),
                        agreement_key=row.key,
                        expected_version=row.version,
                        step=Step.RECORD_YEARLY_REVIEW,
                        record=record,
                        on=meeting.date,
                    )
            except IllegalStep as exc:
                raise FollowupInvalid("revise" if data.revise else "meeting", str(exc)) from None
            row.refresh_from_db()
        revision = None
        if data.revise:
            source = approved_version(row)
            content = AgreementContent.model_validate(source.content if source else {})
            revision = content_save(
                actor=actor if actor is not None else AnonymousUser(),
                agreement_key=row.key,
                expected_version=row.version,
                content=content,
                label="",
                effective_date=None,
                note=_("Revision efter den årlige gennemgang %(year)s (§ 22, stk. 1)") % {"year": data.year},
            )
        review = YearlyReviewRecord.objects.create(
            agreement=row,
            year=data.year,
            meeting=meeting,
            revise=data.revise,
            reasons=data.reasons.strip(),
            revision_version=revision,
            recorded_by=_user(actor),
        )
        record_change(
            actor=actor,
            action="yearly_review_record",
            object_type="yearly_review",
            object_id=review.pk,
            region_code=row.region_id,
            after={
                "agreement": row.key,
                "year": data.year,
                "meeting": meeting.key,
                "held_on": meeting.date,
                "revise": data.revise,
                "revision_version": revision.number if revision else None,
            },
            reason=data.reasons.strip(),
        )
    return review


def _system_step(
    row: AgreementRow, step: Step, record: CoreYearlyReview | CoreStatusReport, on: dt.date
) -> None:
    """The demo loader's step: the core's check and records as ``step_record`` writes them, without a user."""
    from sundhedsaftale.agreements.snapshot import records_document
    from sundhedsaftale.core.lifecycle import apply_step
    from sundhedsaftale.web.platform import platform

    case = case_snapshot(row.region_id)
    before = case.agreement(row.key)
    assert before is not None
    after = apply_step(platform(), case, before, step, record, on)
    row.records = records_document(after)
    row.version += 1
    row.save(update_fields=["records", "version"])


# ---------------------------------------------------------------------------------------------------------------
# Status reports


def _content(data: object, field: str = "content") -> StatusContent:
    try:
        return StatusContent.model_validate(data)
    except ValidationError as exc:
        raise FollowupInvalid(field, "; ".join(validation_messages(exc))) from None


def status_report_create(
    *, actor: Actor | None, agreement_key: str, kind: str, system: bool = False
) -> StatusReport:
    """A new draft: a midterm from the agreement's goals; a final pre-filled from the midterm (kapitel 6:
    "herunder midtvejsstatus"); after a report was sent, a correction as its next version."""
    if kind not in ReportKind.values:
        raise FollowupInvalid("kind", _("Art: vælg midtvejsstatus eller slutstatus."))
    with transaction.atomic():
        row = AgreementRow.objects.select_for_update().get(key=agreement_key)
        _require_region(actor, row.region_id, system=system)
        newest = StatusReport.objects.filter(agreement=row, kind=kind).order_by("-number").first()
        if newest is not None and newest.state == ReportState.DRAFT:
            raise FollowupInvalid(
                "kind",
                _("Der er allerede et udkast til %(kind)s; ret det i stedet.")
                % {"kind": ReportKind(kind).label.lower()},
            )
        source = approved_version(row)
        agreement_content = AgreementContent.model_validate(source.content if source else {})
        if newest is not None:
            content = carried_forward(StatusContent.model_validate(newest.content), agreement_content)
        elif kind == ReportKind.FINAL:
            midterm = (
                StatusReport.objects.filter(agreement=row, kind=ReportKind.MIDTERM)
                .exclude(state=ReportState.DRAFT)
                .order_by("-number")
                .first()
            )
            content = (
                carried_forward(StatusContent.model_validate(midterm.content), agreement_content)
                if midterm
                else skeleton(agreement_content)
            )
        else:
            content = skeleton(agreement_content)
        report = StatusReport.objects.create(
            agreement=row,
            kind=kind,
            number=newest.number + 1 if newest else 1,
            corrects=newest,
            content=content.model_dump(mode="json"),
            created_by=_user(actor),
        )
        record_change(
            actor=actor,
            action="status_report_create",
            object_type="status_report",
            object_id=report.pk,
            region_code=row.region_id,
            after={"agreement": row.key, "kind": kind, "number": report.number, "items": len(content.items)},
        )
        index_status_report(report)
    return report


def _locked(report_pk: int, expected_version: int) -> StatusReport:
    report = StatusReport.objects.select_for_update().select_related("agreement").get(pk=report_pk)
    if report.version != expected_version:
        raise ReportConflict(report)
    return report


def _draft_only(report: StatusReport) -> None:
    if report.state != ReportState.DRAFT:
        raise FollowupInvalid(
            "state",
            _(
                "Rapporten blev sendt til Sundhedsstyrelsen %(day)s og kan ikke ændres; opret en rettet version "
                "i stedet."
            )
            % {"day": danish_date(report.sent_on) if report.sent_on else "–"},
        )


def status_report_update(
    *, actor: Actor | None, report_pk: int, expected_version: int, content: object, system: bool = False
) -> StatusReport:
    """Save the draft's content (the goals' status, what was done, indicator values, next steps)."""
    with transaction.atomic():
        report = _locked(report_pk, expected_version)
        _require_region(actor, report.agreement.region_id, system=system)
        _draft_only(report)
        parsed = _content(content)
        known = {i.key for i in StatusContent.model_validate(report.content).items}
        for index, item in enumerate(parsed.items):
            if item.key not in known:
                raise FollowupInvalid(
                    f"items[{index}]", _("Mål %(key)s: findes ikke i rapporten.") % {"key": item.key}
                )
        report.content = parsed.model_dump(mode="json")
        report.version += 1
        report.save(update_fields=["content", "version"])
        record_change(
            actor=actor,
            action="status_report_update",
            object_type="status_report",
            object_id=report.pk,
            region_code=report.agreement.region_id,
            after={
                "kind": report.kind,
                "number": report.number,
                "values": sum(len(c.values) for i in parsed.items for c in i.criteria),
            },
        )
        index_status_report(report)
    return report


def status_report_send(
    *,
    actor: Actor | None,
    report_pk: int,
    expected_version: int,
    sent_on: dt.date,
    system: bool = False,
    core_recorded: bool = False,
) -> StatusReport:
    """Send the report to Sundhedsstyrelsen "til orientering" (kapitel 6). From now on it never changes.

    The first version of each kind is the core's ``StatusReport`` record (through ``apply_step``); a corrected
    version is sent too, but the duty was met by the first.
    """
    with transaction.atomic():
        report = _locked(report_pk, expected_version)
        row = AgreementRow.objects.select_for_update().get(pk=report.agreement_id)
        _require_region(actor, row.region_id, system=system)
        _draft_only(report)
        if sent_on > clock.today():
            raise FollowupInvalid(
                "sent_on", _("Sendt: datoen %(day)s ligger efter i dag.") % {"day": danish_date(sent_on)}
            )
        missing = StatusContent.model_validate(report.content).missing_status()
        if missing:
            raise FollowupInvalid(
                "content",
                _(
                    "Status mangler for: %(goals)s. Angiv en status for hvert mål og delmål, før rapporten sendes."
                )
                % {"goals": ", ".join(missing)},
            )
        first_sent = (
            StatusReport.objects.filter(agreement=row, kind=report.kind)
            .exclude(state=ReportState.DRAFT)
            .exists()
        )
        if not first_sent and not core_recorded:
            kind = StatusReportKind(report.kind)
            record = CoreStatusReport(kind=kind, sent_on=sent_on, reference=f"{kind.label}, rapportversion 1")
            try:
                if system:
                    _system_step(row, Step.SEND_STATUS_REPORT, record, sent_on)
                else:
                    step_record(
                        actor=actor if actor is not None else AnonymousUser(),
                        agreement_key=row.key,
                        expected_version=row.version,
                        step=Step.SEND_STATUS_REPORT,
                        record=record,
                        on=sent_on,
                    )
            except IllegalStep as exc:
                raise FollowupInvalid("sent_on", str(exc)) from None
        report.state = ReportState.SENT
        report.sent_on = sent_on
        report.version += 1
        report.save(update_fields=["state", "sent_on", "version"])
        record_change(
            actor=actor,
            action="status_report_send",
            object_type="status_report",
            object_id=report.pk,
            region_code=row.region_id,
            after={"kind": report.kind, "number": report.number, "sent_on": sent_on},
        )
        index_status_report(report)
    return report


def status_report_receipt(
    *,
    actor: Actor | None,
    report_pk: int,
    expected_version: int,
    received_on: dt.date,
    reference: str = "",
    system: bool = False,
) -> StatusReport:
    """Sundhedsstyrelsen records that it received the report and issues the receipt letter, for information
    (kapitel 6): no approval and no decision."""
    if not system and (actor is None or not can_review(actor)):
        raise PermissionDenied(_("Kun Sundhedsstyrelsen kan kvittere for en statusrapport."))
    with transaction.atomic():
        report = _locked(report_pk, expected_version)
        row = report.agreement
        if not system and (actor is None or not can_review_region(actor, row.region_id)):
            clock.refuse_if_region_ended(row.region_id)
            raise PermissionDenied
        if report.state != ReportState.SENT:
            raise FollowupInvalid(
                "state",
                _("Der kan kun kvitteres for en rapport, der er sendt og ikke allerede kvitteret for."),
            )
        assert report.sent_on is not None
        if received_on < report.sent_on or received_on > clock.today():
            raise FollowupInvalid(
                "received_on",
                _("Modtaget: datoen skal ligge mellem afsendelsen %(sent)s og i dag.")
                % {"sent": danish_date(report.sent_on)},
            )
        case = case_snapshot(row.region_id)
        agreement = case.agreement(row.key)
        assert agreement is not None
        facts = ReportFacts(
            kind=StatusReportKind(report.kind),
            number=report.number,
            sent_on=report.sent_on,
            received_on=received_on,
        )
        user = _user(actor)
        signer = (user.get_full_name() if user else "") or ""
        document = status_receipt_document(
            case, agreement, facts, letter_date=received_on, reference=reference.strip(), signer_name=signer
        )
        report.state = ReportState.RECEIVED
        report.received_on = received_on
        report.receipt_reference = reference.strip()
        report.receipt_pdf = render_pdf(document)
        report.receipt_docx = render_docx(document)
        report.version += 1
        report.save(
            update_fields=[
                "state",
                "received_on",
                "receipt_reference",
                "receipt_pdf",
                "receipt_docx",
                "version",
            ]
        )
        record_change(
            actor=actor,
            action="status_report_receipt",
            object_type="status_report",
            object_id=report.pk,
            region_code=row.region_id,
            after={
                "kind": report.kind,
                "number": report.number,
                "received_on": received_on,
                "reference": reference,
            },
        )
        index_status_report(report)
    return report


def status_report_publish(
    *, actor: Actor | None, report_pk: int, expected_version: int, published_on: dt.date, system: bool = False
) -> StatusReport:
    """Publish the received report: from now on every logged-in user of every region reads it (kapitel 6: the
    committee shares its status with the other committees)."""
    with transaction.atomic():
        report = _locked(report_pk, expected_version)
        row = report.agreement
        _require_region(actor, row.region_id, system=system)
        if report.state != ReportState.RECEIVED:
            raise FollowupInvalid(
                "state", _("Kun en rapport, som Sundhedsstyrelsen har kvitteret for, kan offentliggøres.")
            )
        assert report.received_on is not None
        if published_on < report.received_on or published_on > clock.today():
            raise FollowupInvalid(
                "published_on",
                _("Offentliggjort: datoen skal ligge mellem modtagelsen %(received)s og i dag.")
                % {"received": danish_date(report.received_on)},
            )
        report.state = ReportState.PUBLISHED
        report.published_on = published_on
        report.version += 1
        report.save(update_fields=["state", "published_on", "version"])
        record_change(
            actor=actor,
            action="status_report_publish",
            object_type="status_report",
            object_id=report.pk,
            region_code=row.region_id,
            after={"kind": report.kind, "number": report.number, "published_on": published_on},
        )
        index_status_report(report)
    return report
