"""Regions, their findings and recorded decisions: login required; edits only in one's own region."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest
from ninja import Router, Status
from ninja.security import django_auth

from sundhedsaftale.accounts.permissions import can_view_region
from sundhedsaftale.governance.actions.decisions import (
    DecisionInput,
    DecisionInvalid,
    decision_create,
    decision_update,
)
from sundhedsaftale.governance.finding_filters import ALL, filtered, finding_filter, plain_summary
from sundhedsaftale.governance.meeting_selectors import case_seen_by
from sundhedsaftale.governance.models import LocalDecision
from sundhedsaftale.governance.selectors import decision_get, region_decisions
from sundhedsaftale.governance.stored_findings import region_findings_plain
from sundhedsaftale.registry import clock
from sundhedsaftale.registry.selectors import council_list, region_get, region_list, regions_on
from sundhedsaftale.web.cases import case_snapshot

from .language import findings_in_language
from .schemas import (
    ApiDate,
    CouncilOut,
    DecisionIn,
    DecisionOut,
    DecisionUpdateIn,
    ErrorOut,
    FilterText,
    FindingAreaFilter,
    FindingKindFilter,
    FindingsOut,
    FindingStatusFilter,
    Language,
    PageSize,
    PageStart,
    RegionOut,
)

router = Router(auth=django_auth)


def _region(request: HttpRequest, code: str) -> None:
    if region_get(code) is None:
        raise Http404(f"Ukendt region '{code}'")
    if not can_view_region(request.user, code):
        raise PermissionDenied("Ingen adgang til regionen")


def _decision_out(d: LocalDecision) -> DecisionOut:
    return DecisionOut(
        key=d.key,
        region_code=d.region_id,
        parameter=d.parameter,
        subject_id=d.subject_id,
        value=d.value,
        decided_by=d.decided_by,
        decision_maker=d.decision_maker,
        decided_on=d.decided_on,
        reference=d.reference,
        valid_until=d.valid_until,
        note=d.note,
        version=d.version,
    )


def _input(payload: DecisionIn) -> DecisionInput:
    return DecisionInput(
        parameter=payload.parameter,
        subject_id=payload.subject_id,
        value=payload.value,
        decided_by=payload.decided_by,
        decision_maker=payload.decision_maker,
        decided_on=payload.decided_on,
        reference=payload.reference,
        valid_until=payload.valid_until,
        note=payload.note,
    )


@router.get("/regions", response=list[RegionOut], summary="Regionerne (på en dato, hvis den angives)")
def regions(request: HttpRequest, at: ApiDate | None = None) -> list[RegionOut]:
    """Every region with its validity and successor; with ``at``, the regions that exist on that day (five before
    1 January 2027, four from then)."""
    return [
        RegionOut(
            code=r.code,
            name=r.name,
            name_en=r.name_en,
            valid_from=r.valid_from,
            valid_to=r.valid_to,
            successor_code=r.successor_id,
            provisional_code=r.provisional_code,
        )
        for r in (regions_on(at) if at is not None else region_list())
    ]


@router.get("/sundhedsraad", response=list[CouncilOut], summary="Sundhedsrådene (fra 2027)")
def councils(request: HttpRequest) -> list[CouncilOut]:
    return [
        CouncilOut(
            id=c.id,
            name=c.name,
            region_code=c.region_id,
            valid_from=c.valid_from,
            municipality_codes=sorted(m.code for m in c.municipalities.all()),
            disputed_codes=list(c.disputed_codes),
            marker=c.marker,
            source=c.source,
        )
        for c in council_list()
    ]


@router.get(
    "/regions/{code}/findings",
    response={200: FindingsOut, 403: ErrorOut, 404: ErrorOut},
    summary="Regionens fund på en dato",
)
def findings(
    request: HttpRequest,
    code: str,
    at: ApiDate | None = None,
    status: FindingStatusFilter | None = None,
    kind: FindingKindFilter | None = None,
    area: FindingAreaFilter | None = None,
    subject: FilterText | None = None,
    provision: FilterText | None = None,
    needs_action: bool = False,
    limit: PageSize | None = None,
    offset: PageStart = 0,
    lang: Language | None = None,
) -> dict[str, Any]:
    """Every finding, or those the filters let through (as the findings list on the pages):
    ``needs_action`` keeps what is not met or needs judgement; ``status`` one status. ``lang=en`` (or
    ``Accept-Language: en``) writes the findings in English."""
    _region(request, code)
    day = at or clock.today()
    found = region_findings_plain(code, day)
    chosen = finding_filter(
        status=status or ("" if needs_action else ALL),
        kind=kind or "",
        area=area or "",
        subject=subject or "",
        provision=provision or "",
    )
    listed = (
        filtered(found, chosen) if (status or needs_action or kind or area or subject or provision) else found
    )
    end = None if limit is None else offset + limit
    return {
        "region_code": code,
        "evaluated_on": day,
        "summary": plain_summary(found),
        "matched": len(listed),
        "findings": findings_in_language(listed[offset:end], lang),
    }


@router.get(
    "/regions/{code}/case",
    response={200: dict[str, Any], 403: ErrorOut, 404: ErrorOut},
    summary="Regionens sag som sagsfil (JSON)",
)
def case(request: HttpRequest, code: str) -> dict[str, Any]:
    _region(request, code)
    return case_seen_by(case_snapshot(code), request.user).model_dump(mode="json")


@router.get(
    "/regions/{code}/decisions",
    response={200: list[DecisionOut], 403: ErrorOut, 404: ErrorOut},
    summary="Registrerede lokale beslutninger",
)
def decisions(request: HttpRequest, code: str) -> list[DecisionOut]:
    _region(request, code)
    return [_decision_out(d) for d in region_decisions(code)]


@router.post(
    "/regions/{code}/decisions",
    response={201: DecisionOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut},
    summary="Registrér en beslutning, der fraviger en standard",
)
def decision_post(request: HttpRequest, code: str, payload: DecisionIn) -> Status[Any]:
    _region(request, code)
    try:
        created = decision_create(actor=request.user, region_code=code, data=_input(payload))
    except DecisionInvalid as exc:
        return Status(422, {"detail": str(exc)})
    return Status(201, _decision_out(created))


@router.put(
    "/regions/{code}/decisions/{key}",
    response={200: DecisionOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut},
    summary="Ret en beslutning; 'version' skal være den, du læste (ellers 409)",
)
def decision_put(request: HttpRequest, code: str, key: str, payload: DecisionUpdateIn) -> Status[Any]:
    _region(request, code)
    if decision_get(code, key) is None:
        raise Http404(f"Ukendt beslutning '{key}'")
    try:
        updated = decision_update(
            actor=request.user,
            region_code=code,
            decision_key=key,
            expected_version=payload.version,
            data=_input(payload),
        )
    except DecisionInvalid as exc:
        return Status(422, {"detail": str(exc)})
    return Status(200, _decision_out(updated))
