"""API for meetings: a body's meetings, one meeting, its agenda and its attendance. Login required; edits by
the region's secretariat, and for a cluster's bodies also by the cluster's secretariat."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status
from ninja.security import django_auth
from pydantic import field_validator

from sundhedsaftale.accounts.permissions import AnyUser, can_view_region
from sundhedsaftale.core.case import MeetingKind, MeetingStatus
from sundhedsaftale.governance.actions.invitations import invitations_send, rsvp_answer
from sundhedsaftale.governance.actions.meetings import (
    KEEP,
    AgendaItemInput,
    AttendanceEntry,
    MeetingInput,
    MeetingInvalid,
    agenda_publish,
    agenda_set,
    attendance_record,
    may_edit_meetings,
    meeting_cancel,
    meeting_create,
    meeting_update,
)
from sundhedsaftale.governance.actions.minutes import minutes_approve, minutes_publish, minutes_save
from sundhedsaftale.governance.body_selectors import body_get
from sundhedsaftale.governance.meeting_selectors import (
    agenda_seen_by,
    body_meetings,
    invitation_of,
    meeting_get,
    meeting_invitations,
    minutes_seen_by,
)
from sundhedsaftale.governance.models import Body, Invitation, Meeting, RsvpAnswer
from sundhedsaftale.registry import clock

from .schemas import ApiDate, ApiYear, ErrorOut, InputSchema, RecordId, VersionNumber

router = Router(auth=django_auth)

_STATUSES: list[Any] = [s.value for s in MeetingStatus]
_KINDS: list[Any] = [k.value for k in MeetingKind]


# --- Schemas ----------------------------------------------------------------------------------------------


class AgendaItemIn(Schema):
    title: str
    description: str = ""
    summary: str = Field("", description="Sagsfremstilling")
    recommendation: str = Field("", description="Indstilling")
    authorities_only: bool = Field(False, description="Særskilt punkt for myndighederne (§ 2, stk. 3)")
    closed: bool = Field(False, description="Lukket punkt: kun organets sekretariat ser det")
    outcome: str = Field("", description="Beslutning eller referat af punktet")
    id: RecordId | None = Field(
        None, description="Punktets id, når punktet findes i forvejen (så dets bilag bliver ved punktet)"
    )


class AgendaItemOut(AgendaItemIn):
    number: int


class AttendanceItemIn(Schema):
    person_key: str
    present: bool = True
    note: str = ""


class AttendanceItemOut(AttendanceItemIn):
    name: str


class DocumentOut(Schema):
    id: int
    title: str
    url: str
    uploaded_at: dt.datetime
    version: int = Field(description="Versionsnummer; samme titel igen giver en ny version")
    agenda_item: int | None = Field(description="Nummeret på det dagsordenspunkt, dokumentet er bilag til")


class InvitationOut(Schema):
    id: int
    person_key: str
    name: str
    capacity: str
    answer: str = Field(json_schema_extra={"enum": [a.value for a in RsvpAnswer]})
    substitute_name: str
    note: str
    answered_at: dt.datetime | None
    version: int


class InvitationsSendIn(InputSchema):
    version: VersionNumber = Field(description="Mødets version, som du læste den")
    confirm: bool = Field(description="Skal være true: indkaldelsen sendes til alle organets medlemmer")


class RsvpIn(InputSchema):
    version: VersionNumber = Field(description="Svarets version, som du læste den")
    answer: str = Field(
        description="attending, absent eller substitute",
        json_schema_extra={"enum": ["attending", "absent", "substitute"]},
    )
    substitute_name: str = Field("", max_length=200, description="Stedfortræderens navn (ved substitute)")
    note: str = Field("", max_length=300)


class MinutesIn(InputSchema):
    version: VersionNumber = Field(description="Mødets version, som du læste den")
    minutes: str = Field("", max_length=100_000, description="Referat i øvrigt")
    decisions: dict[str, str] = Field(
        default_factory=dict, description="Beslutning pr. dagsordenspunkt, nøglen er punktets nummer"
    )


class MinutesApproveIn(InputSchema):
    version: VersionNumber = Field(description="Mødets version, som du læste den")
    approved_on: ApiDate = Field(description="Datoen, formanden godkendte referatet")


class MinutesPublishIn(InputSchema):
    version: VersionNumber = Field(description="Mødets version, som du læste den")
    confirm: bool = Field(description="Skal være true: referatet bliver synligt for alle, der kan se mødet")


class MeetingIn(InputSchema):
    date: ApiDate
    status: str = Field(
        MeetingStatus.PLANNED.value, description="Mødets status", json_schema_extra={"enum": _STATUSES}
    )
    kind: str = Field(MeetingKind.ORDINARY.value, description="Mødetype", json_schema_extra={"enum": _KINDS})
    title: str = ""
    location: str = ""
    starts_at: dt.time | None = Field(None, description="Starttidspunkt (dansk tid)")
    ends_at: dt.time | None = Field(None, description="Sluttidspunkt; efter starttidspunktet")
    video_url: str = Field("", max_length=500, description="Videolink (https://…)")
    requested_by_member: bool = Field(False, description="Indkaldt efter begæring (§ 27, stk. 2)")
    patient_committee_invited: bool = Field(
        False, description="Patientinddragelsesudvalget inviteret (§ 30, stk. 2; vejl. 2.2.8)"
    )
    minutes: str = Field("", description="Referat")

    @field_validator("starts_at", "ends_at")
    @classmethod
    def _danish_time(cls, value: dt.time | None) -> dt.time | None:
        # A meeting's time is Danish local time, stored without a zone; a time with one is refused, not converted.
        if value is not None and value.tzinfo is not None:
            raise ValueError("angiv tidspunktet uden tidszone; det læses som dansk tid")
        return value


class MeetingUpdateIn(MeetingIn):
    version: VersionNumber = Field(description="Den version, du læste; er mødet ændret siden, svares 409")


class MeetingOut(Schema):
    id: int
    key: str
    body_key: str
    region_code: str
    date: dt.date
    status: str
    kind: str
    title: str
    location: str
    starts_at: dt.time | None
    ends_at: dt.time | None
    video_url: str
    requested_by_member: bool
    patient_committee_invited: bool
    chaired_by: str | None = Field(description="Person-id for den, der ledede mødet (§§ 6, 17, 27)")
    minutes: str = Field(
        description="Tom, når referatet ikke er offentliggjort, og du ikke er organets sekretariat"
    )
    invitations_sent_at: dt.datetime | None
    cancel_reason: str
    minutes_approved_on: dt.date | None
    minutes_approved_how: str = Field(description="chair (formanden) eller next_meeting (det næste møde)")
    minutes_approved_by: str
    minutes_published_at: dt.datetime | None
    version: int
    agenda_published_at: dt.datetime | None = Field(
        description="Hvornår dagsordenen blev offentliggjort; null: et udkast, som kun organets sekretariat ser"
    )
    agenda: list[AgendaItemOut] = Field(description="Tom, når dagsordenen er et udkast, du ikke kan se")
    attendance: list[AttendanceItemOut]
    documents: list[DocumentOut]


_VERSION = "Mødets version, som du læste den; er mødet ændret siden, svares 409, og intet gemmes"


class AgendaIn(InputSchema):
    version: VersionNumber = Field(description=_VERSION)
    items: list[AgendaItemIn] = Field(description="Hele dagsordenen i rækkefølge; nummereres 1, 2, …")


class AttendanceIn(InputSchema):
    version: VersionNumber = Field(description=_VERSION)
    attendance: list[AttendanceItemIn] = Field(description="Hele deltagerlisten; erstatter den registrerede")
    chaired_by: str | None = Field(
        None,
        description="Person-id for mødelederen; null for ingen; udeladt: uændret (skal stadig være til stede)",
    )


class CancelIn(InputSchema):
    version: VersionNumber = Field(description=_VERSION)
    reason: str = Field("", max_length=1000, description="Begrundelse; står i beskeden til de indkaldte")


class PublishIn(InputSchema):
    version: VersionNumber = Field(description=_VERSION)


# --- Helpers ----------------------------------------------------------------------------------------------


def _body(request: HttpRequest, body_key: str) -> Body:
    body = body_get(body_key)
    if body is None:
        raise Http404(_("Ukendt organ '%(key)s'") % {"key": body_key})
    if not can_view_region(request.user, body.region_id):
        raise PermissionDenied(_("Du har ikke adgang til regionens møder."))
    return body


def _meeting(request: HttpRequest, pk: int) -> Meeting:
    meeting = meeting_get(pk)
    if meeting is None:
        raise Http404(_("Ukendt møde %(pk)s") % {"pk": pk})
    if not can_view_region(request.user, meeting.body.region_id):
        raise PermissionDenied(_("Du har ikke adgang til regionens møder."))
    return meeting


def _out(meeting: Meeting, user: AnyUser) -> dict[str, Any]:
    agenda = agenda_seen_by(meeting, user) or []
    shown = minutes_seen_by(meeting, user)
    seen_items = {a.pk for a in agenda}
    return {
        "id": meeting.pk,
        "key": meeting.key,
        "body_key": meeting.body.key,
        "region_code": meeting.body.region_id,
        "date": meeting.date,
        "status": meeting.status,
        "kind": meeting.kind,
        "title": meeting.title,
        "location": meeting.location,
        "starts_at": meeting.starts_at,
        "ends_at": meeting.ends_at,
        "video_url": meeting.video_url,
        "requested_by_member": meeting.requested_by_member,
        "patient_committee_invited": meeting.patient_committee_invited,
        "chaired_by": meeting.chaired_by.key if meeting.chaired_by else None,
        "minutes": meeting.minutes if shown else "",
        "invitations_sent_at": meeting.invitations_sent_at,
        "cancel_reason": meeting.cancel_reason,
        "minutes_approved_on": meeting.minutes_approved_on,
        "minutes_approved_how": meeting.minutes_approved_how,
        "minutes_approved_by": meeting.minutes_approved_by,
        "minutes_published_at": meeting.minutes_published_at,
        "version": meeting.version,
        "agenda_published_at": meeting.agenda_published_at,
        "agenda": [
            {
                "id": a.pk,
                "number": a.number,
                "title": a.title,
                "description": a.description,
                "summary": a.summary,
                "recommendation": a.recommendation,
                "authorities_only": a.authorities_only,
                "closed": a.closed,
                "outcome": a.outcome if shown else "",
            }
            for a in agenda
        ],
        "attendance": [
            {"person_key": a.person.key, "name": a.person.name, "present": a.present, "note": a.note}
            for a in meeting.attendances.all()
        ],
        "documents": [
            {
                "id": d.pk,
                "title": d.title,
                "url": reverse("governance:meeting_document", args=[meeting.pk, d.pk]),
                "uploaded_at": d.uploaded_at,
                "version": d.number,
                "agenda_item": d.agenda_item.number if d.agenda_item else None,
            }
            for d in meeting.documents.all()
            if d.agenda_item_id is None or d.agenda_item_id in seen_items
        ],
    }


def _fresh(pk: int, user: AnyUser) -> dict[str, Any]:
    meeting = meeting_get(pk)
    assert meeting is not None
    return _out(meeting, user)


def _input(payload: MeetingIn) -> MeetingInput:
    return MeetingInput(
        date=payload.date,
        status=payload.status,
        kind=payload.kind,
        title=payload.title,
        location=payload.location,
        requested_by_member=payload.requested_by_member,
        patient_committee_invited=payload.patient_committee_invited,
        minutes=payload.minutes,
        starts_at=payload.starts_at,
        ends_at=payload.ends_at,
        video_url=payload.video_url,
    )


def _invalid(exc: MeetingInvalid) -> Status[Any]:
    return Status(422, {"detail": exc.detail})


# --- Routes -----------------------------------------------------------------------------------------------


@router.get(
    "/bodies/{body_key}/meetings",
    response={200: list[MeetingOut], 403: ErrorOut, 404: ErrorOut},
    summary="Organets møder",
)
def meetings(request: HttpRequest, body_key: str, year: ApiYear | None = None) -> list[dict[str, Any]]:
    body = _body(request, body_key)
    rows = (
        body_meetings(body)
        .select_related("body", "body__parent")
        .prefetch_related("attendances__person", "documents")
    )
    if year is not None:
        rows = rows.filter(date__year=year)
    return [_out(m, request.user) for m in rows]


@router.post(
    "/bodies/{body_key}/meetings",
    response={201: MeetingOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut},
    summary="Planlæg eller registrér et møde",
)
def meeting_post(request: HttpRequest, body_key: str, payload: MeetingIn) -> Status[Any]:
    body = _body(request, body_key)
    try:
        created = meeting_create(actor=request.user, body=body, data=_input(payload), today=clock.today())
    except MeetingInvalid as exc:
        return _invalid(exc)
    return Status(201, _fresh(created.pk, request.user))


@router.get("/meetings/{pk}", response={200: MeetingOut, 403: ErrorOut, 404: ErrorOut}, summary="Et møde")
def meeting_read(request: HttpRequest, pk: RecordId) -> dict[str, Any]:
    return _out(_meeting(request, pk), request.user)


@router.put(
    "/meetings/{pk}",
    response={200: MeetingOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut},
    summary="Ret et møde; 'version' skal være den, du læste (ellers 409)",
)
def meeting_put(request: HttpRequest, pk: RecordId, payload: MeetingUpdateIn) -> Status[Any]:
    _meeting(request, pk)
    try:
        meeting_update(
            actor=request.user,
            meeting_pk=pk,
            expected_version=payload.version,
            data=_input(payload),
            today=clock.today(),
        )
    except MeetingInvalid as exc:
        return _invalid(exc)
    return Status(200, _fresh(pk, request.user))


@router.post(
    "/meetings/{pk}/cancel",
    response={200: MeetingOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut},
    summary="Aflys et planlagt møde",
)
def meeting_cancel_post(request: HttpRequest, pk: RecordId, payload: CancelIn) -> Status[Any]:
    _meeting(request, pk)
    try:
        meeting_cancel(
            actor=request.user, meeting_pk=pk, expected_version=payload.version, reason=payload.reason
        )
    except MeetingInvalid as exc:
        return _invalid(exc)
    return Status(200, _fresh(pk, request.user))


@router.put(
    "/meetings/{pk}/attendance",
    response={200: MeetingOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut},
    summary="Registrér deltagere og mødeleder (§§ 6, 17, 27)",
)
def attendance_put(request: HttpRequest, pk: RecordId, payload: AttendanceIn) -> Status[Any]:
    _meeting(request, pk)
    try:
        attendance_record(
            actor=request.user,
            meeting_pk=pk,
            entries=[AttendanceEntry(a.person_key, a.present, a.note) for a in payload.attendance],
            expected_version=payload.version,
            chaired_by=payload.chaired_by if "chaired_by" in payload.model_fields_set else KEEP,
        )
    except MeetingInvalid as exc:
        return _invalid(exc)
    return Status(200, _fresh(pk, request.user))


@router.put(
    "/meetings/{pk}/agenda",
    response={200: MeetingOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut},
    summary="Erstat dagsordenen (særskilte punkter for myndighederne, § 2, stk. 3)",
)
def agenda_put(request: HttpRequest, pk: RecordId, payload: AgendaIn) -> Status[Any]:
    _meeting(request, pk)
    try:
        agenda_set(
            actor=request.user,
            meeting_pk=pk,
            items=[
                AgendaItemInput(
                    title=i.title,
                    description=i.description,
                    summary=i.summary,
                    recommendation=i.recommendation,
                    authorities_only=i.authorities_only,
                    closed=i.closed,
                    outcome=i.outcome,
                    item_id=i.id,
                )
                for i in payload.items
            ],
            expected_version=payload.version,
        )
    except MeetingInvalid as exc:
        return _invalid(exc)
    return Status(200, _fresh(pk, request.user))


@router.post(
    "/meetings/{pk}/agenda/publish",
    response={200: MeetingOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut},
    summary="Offentliggør dagsordenen (de offentlige punkter kommer i organets kalender-feed)",
)
def agenda_publish_post(request: HttpRequest, pk: int, payload: PublishIn) -> Status[Any]:
    _meeting(request, pk)
    try:
        agenda_publish(
            actor=request.user, meeting_pk=pk, expected_version=payload.version, now=timezone.now()
        )
    except MeetingInvalid as exc:
        return _invalid(exc)
    return Status(200, _fresh(pk, request.user))


# --- Invitations, answers and minutes ---------------------------------------------------------------------


def _invitation_out(i: Invitation) -> dict[str, Any]:
    return {
        "id": i.pk,
        "person_key": i.person.key,
        "name": i.person.name,
        "capacity": i.capacity,
        "answer": i.answer,
        "substitute_name": i.substitute_name,
        "note": i.note,
        "answered_at": i.answered_at,
        "version": i.version,
    }


@router.get(
    "/meetings/{pk}/invitations",
    response={200: list[InvitationOut], 403: ErrorOut, 404: ErrorOut},
    summary="Indkaldte og deres svar (organets sekretariat)",
)
def invitations_read(request: HttpRequest, pk: RecordId) -> list[dict[str, Any]]:
    meeting = _meeting(request, pk)
    if not may_edit_meetings(request.user, meeting.body):
        raise PermissionDenied(_("Kun organets sekretariat ser de indkaldtes svar."))
    return [_invitation_out(i) for i in meeting_invitations(meeting)]


@router.post(
    "/meetings/{pk}/invitations",
    response={200: list[InvitationOut], 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut},
    summary="Send indkaldelsen til organets medlemmer (kræver confirm: true)",
)
def invitations_post(request: HttpRequest, pk: RecordId, payload: InvitationsSendIn) -> Status[Any]:
    meeting = _meeting(request, pk)
    if not may_edit_meetings(request.user, meeting.body):
        raise PermissionDenied(_("Kun organets sekretariat sender indkaldelsen."))
    if not payload.confirm:
        return _invalid(MeetingInvalid("confirm", _("Bekræft med confirm: true; der er ikke sendt noget.")))
    try:
        invitations_send(
            actor=request.user, meeting_pk=pk, expected_version=payload.version, now=timezone.now()
        )
    except MeetingInvalid as exc:
        return _invalid(exc)
    return Status(200, [_invitation_out(i) for i in meeting_invitations(meeting)])


@router.put(
    "/meetings/{pk}/rsvp",
    response={200: InvitationOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut},
    summary="Dit eget svar på indkaldelsen: deltager, afbud eller afbud med stedfortræder",
)
def rsvp_put(request: HttpRequest, pk: RecordId, payload: RsvpIn) -> Status[Any]:
    meeting = _meeting(request, pk)
    invitation = invitation_of(meeting, request.user)
    if invitation is None:
        return _invalid(
            MeetingInvalid("answer", _("Du er ikke indkaldt til dette møde; der er intet at svare på."))
        )
    try:
        answered = rsvp_answer(
            actor=request.user,
            invitation_pk=invitation.pk,
            answer=payload.answer,
            substitute_name=payload.substitute_name,
            note=payload.note,
            expected_version=payload.version,
            now=timezone.now(),
        )
    except MeetingInvalid as exc:
        status = 409 if exc.field == "version" else 422
        return Status(status, {"detail": exc.detail})
    return Status(200, _invitation_out(answered))


@router.put(
    "/meetings/{pk}/minutes",
    response={200: MeetingOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut},
    summary="Gem referatet som udkast: referat i øvrigt og beslutning pr. punkt (låst, når det er godkendt)",
)
def minutes_put(request: HttpRequest, pk: RecordId, payload: MinutesIn) -> Status[Any]:
    meeting = _meeting(request, pk)
    by_number = {str(a.number): a.pk for a in meeting.agenda_items.all()}
    unknown = sorted(set(payload.decisions) - set(by_number))
    if unknown:
        return _invalid(
            MeetingInvalid(
                "decisions",
                _("Mødet har intet punkt nr. %(numbers)s.") % {"numbers": ", ".join(unknown)[:100]},
            )
        )
    try:
        minutes_save(
            actor=request.user,
            meeting_pk=pk,
            expected_version=payload.version,
            general=payload.minutes,
            decisions={by_number[n]: text for n, text in payload.decisions.items()},
        )
    except MeetingInvalid as exc:
        return _invalid(exc)
    return Status(200, _fresh(pk, request.user))


@router.post(
    "/meetings/{pk}/minutes/approve",
    response={200: MeetingOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut},
    summary="Formandens godkendelse af referatet (formanden selv eller sekretariatet med datoen)",
)
def minutes_approve_post(request: HttpRequest, pk: RecordId, payload: MinutesApproveIn) -> Status[Any]:
    _meeting(request, pk)
    try:
        minutes_approve(
            actor=request.user,
            meeting_pk=pk,
            expected_version=payload.version,
            approved_on=payload.approved_on,
            today=clock.today(),
        )
    except MeetingInvalid as exc:
        return _invalid(exc)
    return Status(200, _fresh(pk, request.user))


@router.post(
    "/meetings/{pk}/minutes/publish",
    response={200: MeetingOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut},
    summary="Offentliggør det godkendte referat (kræver confirm: true)",
)
def minutes_publish_post(request: HttpRequest, pk: RecordId, payload: MinutesPublishIn) -> Status[Any]:
    meeting = _meeting(request, pk)
    if not may_edit_meetings(request.user, meeting.body):
        raise PermissionDenied(_("Kun organets sekretariat offentliggør referatet."))
    if not payload.confirm:
        return _invalid(
            MeetingInvalid("confirm", _("Bekræft med confirm: true; referatet er ikke offentliggjort."))
        )
    try:
        minutes_publish(
            actor=request.user, meeting_pk=pk, expected_version=payload.version, now=timezone.now()
        )
    except MeetingInvalid as exc:
        return _invalid(exc)
    return Status(200, _fresh(pk, request.user))
