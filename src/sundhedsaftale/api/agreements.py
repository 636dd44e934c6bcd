"""API for health agreements: list, one agreement with its stage and computed dates, versions and their
differences, a new content version, a lifecycle step, documents, and the obligations calendar of a region.
Login required; writes by the region's secretariat, the authority's steps by Sundhedsstyrelsen's reviewers."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from ninja import Field, Router, Schema, Status
from ninja.security import django_auth
from pydantic import ValidationError as PydanticValidationError

from sundhedsaftale.accounts.permissions import can_view_region
from sundhedsaftale.agreements.actions import AgreementInvalid, content_save, may_take_step, step_record
from sundhedsaftale.agreements.diff import version_diff
from sundhedsaftale.agreements.documents import CONTENT_TYPES as DOCUMENT_TYPES
from sundhedsaftale.agreements.documents import agreement_file
from sundhedsaftale.agreements.models import AgreementVersion
from sundhedsaftale.agreements.models import HealthAgreement as AgreementRow
from sundhedsaftale.agreements.steps import MissingOpenRecord, build_record
from sundhedsaftale.core.case import AgreementContent, HealthAgreement, RegionCase, validation_messages
from sundhedsaftale.core.lifecycle import (
    IllegalStep,
    Step,
    agreement_dates,
    allowed_steps,
    in_force,
    stage_of,
)
from sundhedsaftale.core.obligations import obligations, obligations_as_dict
from sundhedsaftale.lawbook.selectors import verified_changes
from sundhedsaftale.registry import clock
from sundhedsaftale.registry.selectors import region_get
from sundhedsaftale.web.cases import case_snapshot, case_snapshots
from sundhedsaftale.web.platform import platform

from .schemas import (
    ApiDate,
    ErrorOut,
    InputSchema,
    VersionNumber,
    WarningDays,
    dates_outside_range,
    file_answer,
    stored_length,
)

router = Router(auth=django_auth)


class AgreementSummaryOut(Schema):
    id: str
    region_code: str
    title: str
    election_period_start: int
    legal_basis: str
    version_number: str
    stage: str
    stage_label: str
    in_force: bool


class AgreementOut(AgreementSummaryOut):
    version: int = Field(description="Rækkens version; send den med ved ændringer (optimistisk låsning)")
    dates: dict[str, dt.date | None]
    allowed_steps: list[str]
    agreement: dict[str, Any] = Field(description="Aftalen som i sagsfilen (indhold og forløb)")


class VersionOut(Schema):
    number: int
    label: str
    effective_date: dt.date | None
    state: str
    frozen: bool
    note: str
    saved_at: dt.datetime


class VersionContentOut(VersionOut):
    content: dict[str, Any]


class DiffEntryOut(Schema):
    section: str
    label: str
    change: str
    before: str
    after: str


class ContentIn(InputSchema):
    expected_version: VersionNumber
    label: str = Field(
        "",
        max_length=stored_length(AgreementVersion, "label"),
        description="Versionsnummer, som aftalen angiver (afsnit 5.1)",
    )
    effective_date: ApiDate | None = None
    note: str = Field("", max_length=stored_length(AgreementVersion, "note"))
    content: dict[str, Any]


class StepIn(InputSchema):
    expected_version: VersionNumber
    values: dict[str, Any] = Field(
        default_factory=dict, description="Trinnets felter, fx approved_on, party_code"
    )


def _row(request: HttpRequest, key: str) -> AgreementRow:
    row = AgreementRow.objects.filter(key=key).first()
    if row is None:
        raise Http404(f"Ukendt sundhedsaftale '{key}'")
    if not can_view_region(request.user, row.region_id):
        raise PermissionDenied
    return row


def _summary(case: RegionCase, agreement: HealthAgreement, at: dt.date) -> dict[str, Any]:
    stage = stage_of(agreement, case, at)
    return {
        "id": agreement.id,
        "region_code": case.region.code,
        "title": agreement.title,
        "election_period_start": agreement.election_period_start,
        "legal_basis": agreement.legal_basis,
        "version_number": agreement.version_number,
        "stage": stage.value,
        "stage_label": stage.label,
        "in_force": in_force(agreement, case, at),
    }


def _full(row: AgreementRow, at: dt.date) -> dict[str, Any]:
    case = case_snapshot(row.region_id)
    agreement = case.agreement(row.key)
    assert agreement is not None
    dates = agreement_dates(platform(), case, agreement, at)
    return {
        **_summary(case, agreement, at),
        "version": row.version,
        "dates": asdict(dates),
        "allowed_steps": [s.value for s in allowed_steps(platform(), case, agreement, at)],
        "agreement": agreement.model_dump(mode="json"),
    }


def _version(v: AgreementVersion, *, content: bool = False) -> dict[str, Any]:
    out = {
        "number": v.number,
        "label": v.label,
        "effective_date": v.effective_date,
        "state": v.state,
        "frozen": v.frozen,
        "note": v.note,
        "saved_at": v.saved_at,
    }
    if content:
        out["content"] = v.content
    return out


@router.get("/agreements", response={200: list[AgreementSummaryOut]}, summary="Sundhedsaftaler")
def agreement_list(
    request: HttpRequest, region: str | None = None, at: ApiDate | None = None
) -> list[dict[str, Any]]:
    day = at or clock.today()
    cases = case_snapshots([region] if region and region_get(region) else None)
    return [
        _summary(case, agreement, day)
        for case in cases.values()
        if can_view_region(request.user, case.region.code)
        for agreement in case.agreements
    ]


@router.get(
    "/agreements/{key}",
    response={200: AgreementOut, 403: ErrorOut, 404: ErrorOut},
    summary="En sundhedsaftale med fase, beregnede datoer og mulige næste trin",
)
def agreement_get(request: HttpRequest, key: str, at: ApiDate | None = None) -> dict[str, Any]:
    return _full(_row(request, key), at or clock.today())


@router.get(
    "/agreements/{key}/versions",
    response={200: list[VersionOut], 403: ErrorOut, 404: ErrorOut},
    summary="Versioner",
)
def version_list(request: HttpRequest, key: str) -> list[dict[str, Any]]:
    return [_version(v) for v in _row(request, key).versions.order_by("number")]


@router.get(
    "/agreements/{key}/versions/{number}",
    response={200: VersionContentOut, 403: ErrorOut, 404: ErrorOut},
    summary="En version med indhold",
)
def version_get(request: HttpRequest, key: str, number: VersionNumber) -> dict[str, Any]:
    version = _row(request, key).versions.filter(number=number).first()
    if version is None:
        raise Http404(f"Ukendt version {number}")
    return _version(version, content=True)


@router.get(
    "/agreements/{key}/diff",
    response={200: list[DiffEntryOut], 403: ErrorOut, 404: ErrorOut},
    summary="Forskelle mellem to versioner",
)
def version_compare(
    request: HttpRequest, key: str, from_version: VersionNumber, to_version: VersionNumber
) -> list[dict[str, Any]]:
    versions = {
        v.number: v for v in _row(request, key).versions.filter(number__in=[from_version, to_version])
    }
    if from_version not in versions or to_version not in versions:
        raise Http404("Ukendt version")
    entries = version_diff(
        versions[from_version].facts(),
        versions[to_version].facts(),
        platform().reference.national_goal_names(),
    )
    return [
        {
            "section": e.section,
            "label": e.label,
            "change": e.change.value,
            "before": e.before,
            "after": e.after,
        }
        for e in entries
    ]


@router.put(
    "/agreements/{key}/content",
    response={201: VersionOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut},
    summary="Gem indhold som en ny version",
)
def content_put(request: HttpRequest, key: str, payload: ContentIn) -> Status[Any]:
    row = _row(request, key)
    try:
        content = AgreementContent.model_validate(payload.content)
        if outside := dates_outside_range(content.model_dump(), "content"):
            return Status(422, {"detail": "Ugyldige data – " + "; ".join(outside)})
        version = content_save(
            actor=request.user,
            agreement_key=row.key,
            expected_version=payload.expected_version,
            content=content,
            label=payload.label,
            effective_date=payload.effective_date,
            note=payload.note,
        )
    except PydanticValidationError as exc:
        return Status(422, {"detail": _pydantic_message(exc, "content")})
    except AgreementInvalid as exc:
        return Status(422, {"detail": str(exc)})
    return Status(201, _version(version))


@router.post(
    "/agreements/{key}/steps/{step}",
    response={200: AgreementOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut},
    summary="Registrér et trin i aftalens forløb",
)
def step_post(request: HttpRequest, key: str, step: str, payload: StepIn) -> Status[Any]:
    row = _row(request, key)
    try:
        chosen = Step(step)
    except ValueError:
        raise Http404(f"Ukendt trin '{step}'") from None
    # Who may take the step is decided before the input is read: a refusal says nothing about the input.
    if not may_take_step(request.user, row.region_id, chosen):
        raise PermissionDenied("Du har ikke adgang til at registrere dette trin.")
    case = case_snapshot(row.region_id)
    agreement = case.agreement(row.key)
    assert agreement is not None
    try:
        record, on = build_record(agreement, chosen, payload.values)
        # The step's dates are input like any other: held to the platform's range before they are recorded.
        outside = dates_outside_range(record.model_dump() if record is not None else {"on": on}, "values")
        if outside:
            return Status(422, {"detail": "Ugyldige data – " + "; ".join(outside)})
        step_record(
            actor=request.user,
            agreement_key=row.key,
            expected_version=payload.expected_version,
            step=chosen,
            record=record,
            on=on,
        )
    except PydanticValidationError as exc:
        return Status(422, {"detail": _pydantic_message(exc, "values")})
    except (IllegalStep, MissingOpenRecord) as exc:
        return Status(422, {"detail": str(exc) or "Intet åbent at registrere svar eller modtagelse for."})
    except ValueError as exc:
        return Status(422, {"detail": str(exc)})
    row.refresh_from_db()
    return Status(200, _full(row, clock.today()))


@router.get(
    "/agreements/{key}/document.{fmt}",
    response={200: None, 403: ErrorOut, 404: ErrorOut},
    summary="Aftalen som PDF (PDF/A-2b), DOCX eller HTML",
    openapi_extra=file_answer("Aftalen", DOCUMENT_TYPES.values()),
)
def document_get(request: HttpRequest, key: str, fmt: str) -> HttpResponse:
    row = _row(request, key)
    case = case_snapshot(row.region_id)
    agreement = case.agreement(row.key)
    assert agreement is not None
    body, content_type = agreement_file(case, agreement, fmt)
    return HttpResponse(body, content_type=content_type)


@router.get(
    "/regions/{code}/obligations",
    response={200: list[dict[str, Any]], 403: ErrorOut, 404: ErrorOut},
    summary="Frister og pligter for en region (klynger, udvalg og sundhedsaftaler)",
)
def region_obligations(
    request: HttpRequest,
    code: str,
    at: ApiDate | None = None,
    agreement: str | None = None,
    warning_days: WarningDays = 30,
) -> list[dict[str, Any]]:
    if region_get(code) is None:
        raise Http404(f"Ukendt region '{code}'")
    if not can_view_region(request.user, code):
        raise PermissionDenied
    case = case_snapshot(code)
    if agreement is not None and case.agreement(agreement) is None:
        raise Http404(f"Ukendt sundhedsaftale '{agreement}' i region {code}")
    items = obligations(
        platform(),
        case,
        at or clock.today(),
        warning_days=warning_days,
        agreement_id=agreement,
        verified=verified_changes(),
    )
    return [obligations_as_dict(o) for o in items]


def _pydantic_message(exc: PydanticValidationError, prefix: str) -> str:
    return "Ugyldige data – " + "; ".join(validation_messages(exc, (prefix,)))
