"""API for hearing rounds (ADR 0036): a region's rounds, one round with its answers and dispositions, creating a
draft, sending it (confirmed), an answer, the dispositions of an answer, closing, and the høringsnotat.

Who may do what is decided before the input is read (``accounts.permissions``): the region's secretariat
prepares, sends, disposes and closes; the account named for an addressee answers; reviewers read rounds about an
agreement submitted to them."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from ninja import Field, Router, Schema, Status
from ninja.security import django_auth

from sundhedsaftale.accounts.permissions import can_edit_region, can_list_hearings
from sundhedsaftale.agreements.documents import CONTENT_TYPES
from sundhedsaftale.hearings.actions import (
    POINT_LIMIT,
    SUBJECT_LIMIT,
    TEXT_LIMIT,
    AddresseeIn,
    AnswerIn,
    DispositionIn,
    Invalid,
    RoundIn,
    hearing_answer_record,
    hearing_dispositions_set,
    hearing_round_close,
    hearing_round_create,
    hearing_round_send,
)
from sundhedsaftale.hearings.models import HearingRound
from sundhedsaftale.hearings.notat import notat_file
from sundhedsaftale.hearings.selectors import (
    may_answer,
    may_read_round,
    round_as_dict,
    round_get,
    rounds_of_region,
)
from sundhedsaftale.registry.selectors import region_get

from .schemas import ApiDate, ErrorOut, InputSchema, RecordId, VersionNumber, file_answer

router = Router(auth=django_auth)


class HearingDispositionOut(Schema):
    point: str
    kind: str = Field(description="taken_in, partly, not_taken_in eller noted")
    kind_label: str
    reason: str


class HearingDissentOut(Schema):
    member: str
    view: str


class HearingAnswerOut(Schema):
    received_on: dt.date
    text: str
    no_remarks: bool
    consensus_sought: bool
    consensus_reached: bool | None
    dissents: list[HearingDissentOut]
    late: bool
    dispositions: list[HearingDispositionOut]
    version: int


class HearingAddresseeOut(Schema):
    id: int
    name: str
    body: str | None
    email: str
    answer: HearingAnswerOut | None


class HearingRoundOut(Schema):
    id: int
    region: str
    topic: str = Field(description="agreement_draft, revision, health_plan eller other")
    topic_label: str
    citation: str
    agreement: str | None
    version_number: int | None
    version_label: str
    subject: str
    covering_text: str
    response_deadline: dt.date
    state: str = Field(description="draft, sent eller closed")
    sent_on: dt.date | None
    closed_on: dt.date | None
    changes_made: str
    addressees: list[HearingAddresseeOut]
    version: int


class HearingAddresseeBody(Schema):
    body: str = Field("", max_length=100, description="Organets id (eller tomt for en organisation)")
    name: str = Field("", max_length=200, description="Organisationens navn")
    email: str = Field("", max_length=254)
    respondent: str = Field("", max_length=150, description="Brugernavn på den, der svarer for parten")


class HearingRoundBody(InputSchema):
    topic: str = Field(max_length=20, description="agreement_draft, revision, health_plan eller other")
    subject: str = Field(max_length=SUBJECT_LIMIT)
    response_deadline: ApiDate
    covering_text: str = Field("", max_length=TEXT_LIMIT)
    agreement: str = Field("", max_length=100, description="Aftalens id for en høring om aftalen")
    addressees: list[HearingAddresseeBody] = Field(max_length=60)


class HearingSendBody(InputSchema):
    version: VersionNumber
    confirmed: bool = Field(description="Bekræftelse af, at høringen sendes; derefter er den låst")


class HearingDissentBody(Schema):
    member: str = Field(max_length=200)
    view: str = Field(max_length=4000)


class HearingAnswerBody(InputSchema):
    text: str = Field("", max_length=TEXT_LIMIT)
    no_remarks: bool = False
    received_on: ApiDate | None = Field(None, description="Sekretariatets modtagelsesdato; ellers i dag")
    consensus_sought: bool = True
    consensus_reached: bool | None = None
    dissents: list[HearingDissentBody] = Field(default_factory=list, max_length=100)


class HearingDispositionBody(Schema):
    kind: str = Field(max_length=20, description="taken_in, partly, not_taken_in eller noted")
    reason: str = Field(max_length=TEXT_LIMIT)
    point: str = Field("", max_length=POINT_LIMIT)


class HearingDispositionsBody(InputSchema):
    version: VersionNumber = Field(description="Svarets version")
    dispositions: list[HearingDispositionBody] = Field(max_length=100)


class HearingCloseBody(InputSchema):
    version: VersionNumber
    changes_made: str = Field("", max_length=TEXT_LIMIT)


def _round(request: HttpRequest, round_id: int) -> HearingRound:
    round_ = round_get(round_id)
    if round_ is None:
        raise Http404(f"Ukendt høring {round_id}")
    if not may_read_round(request.user, round_):
        raise PermissionDenied
    return round_


def _secretariat_round(request: HttpRequest, round_id: int) -> HearingRound:
    round_ = round_get(round_id)
    if round_ is None:
        raise Http404(f"Ukendt høring {round_id}")
    if not can_edit_region(request.user, round_.region_id):
        raise PermissionDenied("Kun regionens sekretariat kan forberede, sende og behandle høringer.")
    return round_


def _fresh(round_: HearingRound) -> dict[str, Any]:
    fresh = round_get(round_.pk)
    assert fresh is not None
    return round_as_dict(fresh)


@router.get(
    "/regions/{code}/hearings",
    response={200: list[HearingRoundOut], 403: ErrorOut, 404: ErrorOut},
    summary="Regionens høringer, som brugeren kan se",
)
def round_list(request: HttpRequest, code: str) -> list[dict[str, Any]]:
    if region_get(code) is None:
        raise Http404(f"Ukendt region '{code}'")
    if not can_list_hearings(request.user, code):
        raise PermissionDenied
    return [round_as_dict(r) for r in rounds_of_region(request.user, code)]


@router.post(
    "/regions/{code}/hearings",
    response={201: HearingRoundOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut},
    summary="Opret en høring som kladde (§ 29, stk. 2; § 22, stk. 2)",
)
def round_create(request: HttpRequest, code: str, payload: HearingRoundBody) -> Status[Any]:
    if region_get(code) is None:
        raise Http404(f"Ukendt region '{code}'")
    if not can_edit_region(request.user, code):
        raise PermissionDenied("Kun regionens sekretariat kan forberede høringer.")
    data = RoundIn(
        topic=payload.topic,
        subject=payload.subject,
        response_deadline=payload.response_deadline,
        covering_text=payload.covering_text,
        agreement=payload.agreement,
        addressees=tuple(
            AddresseeIn(body=a.body, name=a.name, email=a.email, respondent=a.respondent)
            for a in payload.addressees
        ),
    )
    try:
        round_ = hearing_round_create(actor=request.user, region_code=code, data=data)
    except Invalid as exc:
        return Status(422, {"detail": str(exc)})
    return Status(201, _fresh(round_))


@router.get(
    "/hearings/{round_id}",
    response={200: HearingRoundOut, 403: ErrorOut, 404: ErrorOut},
    summary="En høring med svar og behandling",
)
def round_read(request: HttpRequest, round_id: RecordId) -> dict[str, Any]:
    return round_as_dict(_round(request, round_id))


@router.post(
    "/hearings/{round_id}/send",
    response={200: HearingRoundOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut},
    summary="Send høringen (bekræftet); om aftalen registreres livsforløbets høring (§ 29, stk. 2)",
)
def round_send(request: HttpRequest, round_id: RecordId, payload: HearingSendBody) -> Status[Any]:
    round_ = _secretariat_round(request, round_id)
    try:
        hearing_round_send(
            actor=request.user,
            round_pk=round_.pk,
            expected_version=payload.version,
            confirmed=payload.confirmed,
        )
    except Invalid as exc:
        return Status(422, {"detail": str(exc)})
    return Status(200, _fresh(round_))


@router.post(
    "/hearings/{round_id}/addressees/{addressee_id}/answer",
    response={201: HearingRoundOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut},
    summary="Afgiv eller registrér et høringssvar (§ 27, stk. 3: enighed tilstræbt, synspunkter bevaret)",
)
def answer_post(
    request: HttpRequest, round_id: RecordId, addressee_id: RecordId, payload: HearingAnswerBody
) -> Status[Any]:
    round_ = round_get(round_id)
    if round_ is None:
        raise Http404(f"Ukendt høring {round_id}")
    addressee = next((a for a in round_.addressees.all() if a.pk == addressee_id), None)
    if addressee is None:
        raise Http404(f"Ukendt høringspart {addressee_id}")
    if not may_answer(request.user, round_, addressee):
        raise PermissionDenied(f"Du er ikke angivet til at svare for {addressee.name}.")
    data = AnswerIn(
        text=payload.text,
        no_remarks=payload.no_remarks,
        received_on=payload.received_on,
        consensus_sought=payload.consensus_sought,
        consensus_reached=payload.consensus_reached,
        dissents=tuple((d.member, d.view) for d in payload.dissents),
    )
    try:
        hearing_answer_record(actor=request.user, round_pk=round_.pk, addressee_pk=addressee.pk, data=data)
    except Invalid as exc:
        return Status(422, {"detail": str(exc)})
    return Status(201, _fresh(round_))


@router.put(
    "/hearings/{round_id}/addressees/{addressee_id}/dispositions",
    response={200: HearingRoundOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut},
    summary="Behandl et høringssvar: imødekommet, delvist, ikke imødekommet, taget til efterretning",
)
def dispositions_put(
    request: HttpRequest, round_id: RecordId, addressee_id: RecordId, payload: HearingDispositionsBody
) -> Status[Any]:
    round_ = _secretariat_round(request, round_id)
    try:
        hearing_dispositions_set(
            actor=request.user,
            round_pk=round_.pk,
            addressee_pk=addressee_id,
            expected_version=payload.version,
            items=tuple(
                DispositionIn(kind=d.kind, reason=d.reason, point=d.point) for d in payload.dispositions
            ),
        )
    except Invalid as exc:
        return Status(422, {"detail": str(exc)})
    return Status(200, _fresh(round_))


@router.post(
    "/hearings/{round_id}/close",
    response={200: HearingRoundOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut},
    summary="Afslut høringen med de ændringer, den førte til",
)
def round_close(request: HttpRequest, round_id: RecordId, payload: HearingCloseBody) -> Status[Any]:
    round_ = _secretariat_round(request, round_id)
    try:
        hearing_round_close(
            actor=request.user,
            round_pk=round_.pk,
            expected_version=payload.version,
            changes_made=payload.changes_made,
        )
    except Invalid as exc:
        return Status(422, {"detail": str(exc)})
    return Status(200, _fresh(round_))


@router.get(
    "/hearings/{round_id}/notat.{fmt}",
    response={200: None, 403: ErrorOut, 404: ErrorOut},
    summary="Høringsnotatet som PDF (PDF/A-2b), DOCX eller HTML",
    openapi_extra=file_answer("Høringsnotatet", CONTENT_TYPES.values()),
)
def notat_get(request: HttpRequest, round_id: RecordId, fmt: str) -> HttpResponse:
    round_ = _round(request, round_id)
    body, content_type = notat_file(round_, fmt)
    return HttpResponse(body, content_type=content_type)
