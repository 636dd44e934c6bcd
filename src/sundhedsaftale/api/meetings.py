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

from sundhedsaftale.accounts.permissions import AnyUser, can_view_region
from sundhedsaftale.core.case import MeetingKind, MeetingStatus
from sundhedsaftale.governance.actions.meetings import (
    KEEP,
    AgendaItemInput,
    AttendanceEntry,
    MeetingInput,
    MeetingInvalid,
    agenda_publish,
    agenda_set,
    attendance_record,
    meeting_cancel,
    meeting_create,
    meeting_update,
)
from sundhedsaftale.governance.body_selectors import body_get
from sundhedsaftale.governance.meeting_selectors import agenda_seen_by, body_meetings, meeting_get
from sundhedsaftale.governance.models import Body, Meeting
from sundhedsaftale.registry import clock

from .schemas import ApiDate, ApiYear, ErrorOut, InputSchema, RecordId, VersionNumber

router = Router(auth=django_auth)

_STATUSES: list[Any] = [s.value for s in MeetingStatus]
_KINDS: list[Any] = [k.value for k in MeetingKind]


# --- Schemas ----------------------------------------------------------------------------------------------


class AgendaItemIn(Schema):
    title: str
    description: str = ""
    authorities_only: bool = Field(False, description="Særskilt punkt for myndighederne (§ 2, stk. 3)")
    outcome: str = Field("", description="Beslutning eller referat af punktet")


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


class MeetingIn(InputSchema):
    date: ApiDate
    status: str = Field(
        MeetingStatus.PLANNED.value, description="Mødets status", json_schema_extra={"enum": _STATUSES}
    )
    kind: str = Field(MeetingKind.ORDINARY.value, description="Mødetype", json_schema_extra={"enum": _KINDS})
    title: str = ""
    location: str = ""
    requested_by_member: bool = Field(False, description="Indkaldt efter begæring (§ 27, stk. 2)")
    patient_committee_invited: bool = Field(
        False, description="Patientinddragelsesudvalget inviteret (§ 30, stk. 2; vejl. 2.2.8)"
    )
    minutes: str = Field("", description="Referat")


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
    requested_by_member: bool
    patient_committee_invited: bool
    chaired_by: str | None = Field(description="Person-id for den, der ledede mødet (§§ 6, 17, 27)")
    minutes: str
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
        "requested_by_member": meeting.requested_by_member,
        "patient_committee_invited": meeting.patient_committee_invited,
        "chaired_by": meeting.chaired_by.key if meeting.chaired_by else None,
        "minutes": meeting.minutes,
        "version": meeting.version,
        "agenda_published_at": meeting.agenda_published_at,
        "agenda": [
            {
                "number": a.number,
                "title": a.title,
                "description": a.description,
                "authorities_only": a.authorities_only,
                "outcome": a.outcome,
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
            }
            for d in meeting.documents.all()
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
        meeting_cancel(actor=request.user, meeting_pk=pk, expected_version=payload.version)
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
                    authorities_only=i.authorities_only,
                    outcome=i.outcome,
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
