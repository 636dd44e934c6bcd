"""API for the follow-up on an agreement (ADR 0037): yearly reviews and midterm/final status reports.

Same permissions as the pages (``accounts.permissions``): a draft for the region's own secretariat and members,
a sent report also for Sundhedsstyrelsen, a published report for every logged-in user. 409 on a stale version,
422 with a Danish message naming the field."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest
from ninja import Field, Router, Schema, Status
from ninja.security import django_auth

from sundhedsaftale.accounts.permissions import (
    can_edit_region,
    can_review_region,
    can_view_status_report,
)
from sundhedsaftale.agreements.models import HealthAgreement as AgreementRow
from sundhedsaftale.core.followup import StatusContent
from sundhedsaftale.followup.actions import (
    FollowupInvalid,
    ReviewInput,
    status_report_create,
    status_report_publish,
    status_report_receipt,
    status_report_send,
    status_report_update,
    yearly_review_record,
)
from sundhedsaftale.followup.models import ReportKind, StatusReport
from sundhedsaftale.followup.selectors import report_get, reports_for, reviews_of
from sundhedsaftale.registry import clock

from .schemas import ApiDate, ApiYear, ErrorOut, InputSchema, RecordId, VersionNumber

router = Router(auth=django_auth)


class ReviewOut(Schema):
    year: int
    meeting: str
    held_on: dt.date
    body: str
    revise: bool
    reasons: str
    revision_version: int | None = Field(description="Den nye aftaleversion, revisionen åbnede")


class ReviewIn(InputSchema):
    expected_version: VersionNumber = Field(description="Aftalens version (optimistisk låsning)")
    year: ApiYear
    meeting: RecordId = Field(
        description="Mødet i sundhedssamarbejdsudvalget, hvor gennemgangen blev besluttet"
    )
    revise: bool
    reasons: str = Field(max_length=5000)


class ReportOut(Schema):
    id: int
    agreement: str
    region: str
    kind: str
    number: int
    state: str
    version: int
    sent_on: dt.date | None
    received_on: dt.date | None
    published_on: dt.date | None
    content: StatusContent


class ReportCreateIn(InputSchema):
    kind: ReportKind


class ReportUpdateIn(InputSchema):
    expected_version: VersionNumber
    content: StatusContent


class ReportDateIn(InputSchema):
    expected_version: VersionNumber
    on: ApiDate


class ReceiptIn(ReportDateIn):
    reference: str = Field("", max_length=100)


def _agreement(request: HttpRequest, key: str) -> AgreementRow:
    row = AgreementRow.objects.filter(key=key).first()
    if row is None:
        raise Http404(f"Ukendt sundhedsaftale '{key}'")
    return row


def _report(request: HttpRequest, report: int) -> StatusReport:
    found = report_get(report)
    if found is None:
        raise Http404(f"Ukendt statusrapport {report}")
    if not can_view_status_report(request.user, found.agreement.region_id, found.state):
        raise PermissionDenied("Du har ikke adgang til denne statusrapport.")
    return found


def _out(report: StatusReport) -> dict[str, Any]:
    return {
        "id": report.pk,
        "agreement": report.agreement.key,
        "region": report.agreement.region_id,
        "kind": report.kind,
        "number": report.number,
        "state": report.state,
        "version": report.version,
        "sent_on": report.sent_on,
        "received_on": report.received_on,
        "published_on": report.published_on,
        "content": StatusContent.model_validate(report.content),
    }


def _invalid(exc: FollowupInvalid) -> Status[Any]:
    return Status(422, {"detail": f"{exc.field}: {exc}"})


@router.get(
    "/agreements/{key}/yearly-reviews",
    response={200: list[ReviewOut], 404: ErrorOut},
    summary="Sundhedssamarbejdsudvalgets årlige gennemgange af aftalen (§ 22, stk. 1)",
)
def reviews_list(request: HttpRequest, key: str) -> list[dict[str, Any]]:
    row = _agreement(request, key)
    return [
        {
            "year": r.year,
            "meeting": r.meeting.key,
            "held_on": r.meeting.date,
            "body": r.meeting.body.name,
            "revise": r.revise,
            "reasons": r.reasons,
            "revision_version": r.revision_version.number if r.revision_version else None,
        }
        for r in reviews_of(row)
    ]


@router.post(
    "/agreements/{key}/yearly-reviews",
    response={201: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut},
    summary="Registrér årets gennemgang med udvalgets konklusion og begrundelse (§ 22, stk. 1)",
)
def reviews_create(request: HttpRequest, key: str, payload: ReviewIn) -> Status[Any]:
    row = _agreement(request, key)
    if not can_edit_region(request.user, row.region_id):
        raise PermissionDenied("Kun regionens sekretariat kan registrere den årlige gennemgang.")
    try:
        review = yearly_review_record(
            actor=request.user,
            agreement_key=row.key,
            expected_version=payload.expected_version,
            data=ReviewInput(payload.year, payload.meeting, payload.revise, payload.reasons),
        )
    except FollowupInvalid as exc:
        return _invalid(exc)
    return Status(201, {"detail": f"Gennemgangen for {review.year} er registreret."})


@router.get(
    "/agreements/{key}/status-reports",
    response={200: list[ReportOut], 404: ErrorOut},
    summary="Aftalens midtvejsstatus og slutstatus, som brugeren må læse",
)
def reports_list(request: HttpRequest, key: str) -> list[dict[str, Any]]:
    return [_out(r) for r in reports_for(request.user, _agreement(request, key))]


@router.post(
    "/agreements/{key}/status-reports",
    response={201: ReportOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut},
    summary="Opret et udkast til midtvejsstatus eller slutstatus (eller en rettet version)",
)
def reports_create(request: HttpRequest, key: str, payload: ReportCreateIn) -> Status[Any]:
    row = _agreement(request, key)
    if not can_edit_region(request.user, row.region_id):
        raise PermissionDenied("Kun regionens sekretariat kan oprette en statusrapport.")
    try:
        report = status_report_create(actor=request.user, agreement_key=row.key, kind=payload.kind)
    except FollowupInvalid as exc:
        return _invalid(exc)
    return Status(201, _out(report))


@router.get(
    "/status-reports/{report}",
    response={200: ReportOut, 403: ErrorOut, 404: ErrorOut},
    summary="En statusrapport",
)
def report_read(request: HttpRequest, report: RecordId) -> dict[str, Any]:
    return _out(_report(request, report))


def _editable(request: HttpRequest, report: int) -> StatusReport:
    found = _report(request, report)
    if not can_edit_region(request.user, found.agreement.region_id):
        raise PermissionDenied("Kun regionens sekretariat kan ændre statusrapporten.")
    return found


@router.put(
    "/status-reports/{report}",
    response={200: ReportOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut},
    summary="Gem udkastets indhold (status, hvad er gjort, indikatorværdier, næste skridt)",
)
def report_update(request: HttpRequest, report: RecordId, payload: ReportUpdateIn) -> Status[Any]:
    found = _editable(request, report)
    try:
        saved = status_report_update(
            actor=request.user,
            report_pk=found.pk,
            expected_version=payload.expected_version,
            content=payload.content.model_dump(mode="json"),
        )
    except FollowupInvalid as exc:
        return _invalid(exc)
    return Status(200, _out(saved))


@router.post(
    "/status-reports/{report}/send",
    response={200: ReportOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut},
    summary="Send rapporten til Sundhedsstyrelsen til orientering (kapitel 6); derefter kan den ikke ændres",
)
def report_send(request: HttpRequest, report: RecordId, payload: ReportDateIn) -> Status[Any]:
    found = _editable(request, report)
    try:
        saved = status_report_send(
            actor=request.user,
            report_pk=found.pk,
            expected_version=payload.expected_version,
            sent_on=payload.on,
        )
    except FollowupInvalid as exc:
        return _invalid(exc)
    return Status(200, _out(saved))


@router.post(
    "/status-reports/{report}/receipt",
    response={200: ReportOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut},
    summary="Sundhedsstyrelsen kvitterer for modtagelsen (til orientering, ingen godkendelse)",
)
def report_receipt(request: HttpRequest, report: RecordId, payload: ReceiptIn) -> Status[Any]:
    found = _report(request, report)
    if not can_review_region(request.user, found.agreement.region_id):
        clock.refuse_if_region_ended(found.agreement.region_id)
        raise PermissionDenied("Kun Sundhedsstyrelsen kan kvittere for en statusrapport.")
    try:
        saved = status_report_receipt(
            actor=request.user,
            report_pk=found.pk,
            expected_version=payload.expected_version,
            received_on=payload.on,
            reference=payload.reference,
        )
    except FollowupInvalid as exc:
        return _invalid(exc)
    return Status(200, _out(saved))


@router.post(
    "/status-reports/{report}/publish",
    response={200: ReportOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut},
    summary="Offentliggør rapporten for alle regioner (kapitel 6)",
)
def report_publish(request: HttpRequest, report: RecordId, payload: ReportDateIn) -> Status[Any]:
    found = _editable(request, report)
    try:
        saved = status_report_publish(
            actor=request.user,
            report_pk=found.pk,
            expected_version=payload.expected_version,
            published_on=payload.on,
        )
    except FollowupInvalid as exc:
        return _invalid(exc)
    return Status(200, _out(saved))
