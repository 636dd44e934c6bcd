"""API for the councils' approvals of an agreement version (ADR 0033): the table as the page shows it, and the
missing approvals recorded in bulk, all or none. Same permissions as the page; 409 on a stale version, 422 naming
the party and field of every wrong row."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest
from ninja import Field, Router, Schema, Status
from ninja.security import django_auth

from sundhedsaftale.accounts.permissions import can_view_region
from sundhedsaftale.agreements.actions import may_take_step
from sundhedsaftale.agreements.approvals import (
    TEXT_LIMIT,
    ApprovalEntry,
    ApprovalsInvalid,
    ApprovalsSheet,
    approvals_sheet,
    council_approvals_record,
)
from sundhedsaftale.agreements.models import HealthAgreement as AgreementRow
from sundhedsaftale.core.lifecycle import Step
from sundhedsaftale.web.cases import case_snapshot

from .schemas import ApiDate, ErrorOut, InputSchema, VersionNumber

router = Router(auth=django_auth)


class ApprovalOut(Schema):
    party_code: str
    party_name: str
    recorded: bool = Field(description="Godkendelsen er registreret (kan ikke ændres her)")
    approved_on: dt.date | None
    reference: str
    document: str
    version_label: str


class ApprovalsOut(Schema):
    agreement: str
    version: int = Field(description="Aftalens version; send den med ved ændringer (optimistisk låsning)")
    version_number: int | None = Field(description="Den aftaleversion, rådene godkender")
    version_label: str
    version_made_on: dt.date | None = Field(description="Dagen versionen blev udarbejdet, hvis den kendes")
    today: dt.date
    missing: list[str] = Field(description="Parter, hvis godkendelse mangler (regionskode/kommunekode)")
    approvals: list[ApprovalOut]


class ApprovalIn(Schema):
    party_code: str = Field(max_length=8)
    approved_on: ApiDate
    reference: str = Field(max_length=TEXT_LIMIT)
    document: str = Field("", max_length=TEXT_LIMIT)


class ApprovalsIn(InputSchema):
    expected_version: VersionNumber
    approvals: list[ApprovalIn] = Field(default_factory=list, max_length=200)


class ApprovalErrorOut(Schema):
    detail: str
    errors: list[dict[str, Any]] = Field(
        default_factory=list,
        description="Hver fejl med part (party_code), felt (field) og besked (message); ved skemafejl: loc og msg",
    )


def _row(request: HttpRequest, key: str) -> AgreementRow:
    row = AgreementRow.objects.filter(key=key).first()
    if row is None:
        raise Http404(f"Ukendt sundhedsaftale '{key}'")
    if not can_view_region(request.user, row.region_id):
        raise PermissionDenied
    return row


def _out(row: AgreementRow, sheet: ApprovalsSheet) -> dict[str, Any]:
    return {
        "agreement": row.key,
        "version": row.version,
        "version_number": sheet.version.number if sheet.version else None,
        "version_label": sheet.version.label if sheet.version else "",
        "version_made_on": sheet.made_on,
        "today": sheet.today,
        "missing": [p.code for p in sheet.missing],
        "approvals": [
            {
                "party_code": p.code,
                "party_name": p.name,
                "recorded": p.approval is not None,
                "approved_on": p.approval.approved_on if p.approval else None,
                "reference": p.approval.reference if p.approval else "",
                "document": p.approval.document if p.approval else "",
                "version_label": p.approval.version_label if p.approval else "",
            }
            for p in sheet.parties
        ],
    }


@router.get(
    "/agreements/{key}/approvals",
    response={200: ApprovalsOut, 403: ErrorOut, 404: ErrorOut},
    summary="Regionsrådets og kommunalbestyrelsernes godkendelser af aftaleversionen",
)
def approvals_get(request: HttpRequest, key: str) -> dict[str, Any]:
    row = _row(request, key)
    return _out(row, approvals_sheet(row, case_snapshot(row.region_id)))


@router.put(
    "/agreements/{key}/approvals",
    response={200: ApprovalsOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ApprovalErrorOut},
    summary="Registrér manglende godkendelser samlet (alle eller ingen)",
)
def approvals_put(request: HttpRequest, key: str, payload: ApprovalsIn) -> Status[Any]:
    row = _row(request, key)
    # Who may record is decided before the input is read: a refusal says nothing about the input.
    if not may_take_step(request.user, row.region_id, Step.RECORD_COUNCIL_APPROVAL):
        raise PermissionDenied("Du har ikke adgang til at registrere godkendelser for denne aftale.")
    entries = [ApprovalEntry(a.party_code, a.approved_on, a.reference, a.document) for a in payload.approvals]
    try:
        council_approvals_record(
            actor=request.user,
            agreement_key=row.key,
            expected_version=payload.expected_version,
            entries=entries,
        )
    except ApprovalsInvalid as exc:
        return Status(
            422,
            {
                "detail": "Intet er gemt – " + str(exc),
                "errors": [
                    {"party_code": e.party_code, "field": e.field, "message": e.message} for e in exc.errors
                ],
            },
        )
    row.refresh_from_db()
    return Status(200, _out(row, approvals_sheet(row, case_snapshot(row.region_id))))
