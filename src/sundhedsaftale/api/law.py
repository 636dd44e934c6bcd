"""Law and rules: open to everyone."""

from __future__ import annotations

import datetime as dt

from django.http import Http404, HttpRequest
from ninja import Router

from sundhedsaftale.core.errors import CitationError
from sundhedsaftale.core.law import LegalSource, LegalUnit, regime_as_dict
from sundhedsaftale.core.rules import rule_as_dict
from sundhedsaftale.lawbook.selectors import (
    defects_within,
    reference_defects,
    reference_figures,
    regime,
    rules_citing,
    rules_on,
    source_list,
    source_references,
)
from sundhedsaftale.registry import clock
from sundhedsaftale.web.platform import platform

from .schemas import (
    ApiDate,
    ErrorOut,
    ProvisionOut,
    ReferenceDefectsOut,
    ReferenceFiguresOut,
    ReferenceOut,
    RegimeOut,
    RuleOut,
    SourceOut,
)

router = Router()


def _source_out(s: LegalSource) -> SourceOut:
    return SourceOut(
        id=s.id,
        kind=s.kind.value,
        number=s.number,
        issued=s.issued,
        title=s.title,
        short=s.short,
        binding=s.binding,
        eli=s.eli,
        has_text=s.has_text,
        in_force_from=s.validity.start if s.validity and s.validity.start != dt.date.min else None,
        in_force_until=s.validity.end if s.validity else None,
        replaces=list(s.replaces),
        replaced_by=s.replaced_by,
        also_governs=[
            {"what": a.what, "agreements_under": a.agreements_under, "citation": a.citation}
            for a in s.also_governs
        ],
    )


def _provision_out(unit: LegalUnit) -> ProvisionOut:
    corpus = platform().corpus
    version = corpus.version(unit.citation)
    return ProvisionOut(
        source_id=unit.source_id,
        unit_id=unit.id,
        key=unit.citation.key(),
        label=unit.label,
        heading=unit.heading,
        text=unit.text,
        full_text=version.text,
        source_short=version.source_short,
        valid_from=version.valid_from,
        children=[c.id for c in corpus.children(unit)],
        rules=[r.id for r in rules_citing(unit)],
        reference_defects=[ReferenceOut.model_validate(d.as_dict()) for d in defects_within(unit)],
    )


def _source_with_text(source_id: str) -> LegalSource:
    try:
        found = platform().corpus.source(source_id)
    except CitationError as exc:
        raise Http404(str(exc)) from None
    if not found.has_text:
        raise Http404(f"{found.short} er registreret uden tekst; den har ingen henvisninger at kontrollere")
    return found


@router.get("/sources", response=list[SourceOut], summary="Retskilder med gyldighed")
def sources(request: HttpRequest) -> list[SourceOut]:
    return [_source_out(s) for s in source_list()]


@router.get(
    "/provision",
    response={200: ProvisionOut, 404: ErrorOut},
    summary="En bestemmelse efter henvisning, fx '§ 10, stk. 1, nr. 4' eller 'afsnit 3.2'",
)
def provision_by_citation(request: HttpRequest, citation: str) -> ProvisionOut:
    try:
        return _provision_out(platform().corpus.resolve(citation))
    except CitationError as exc:
        raise Http404(str(exc)) from None


@router.get(
    "/sources/{source_id}/units/{unit_id}",
    response={200: ProvisionOut, 404: ErrorOut},
    summary="En bestemmelse efter id",
)
def provision_by_id(request: HttpRequest, source_id: str, unit_id: str) -> ProvisionOut:
    try:
        return _provision_out(platform().corpus.resolve(f"{source_id}/{unit_id}"))
    except CitationError as exc:
        raise Http404(str(exc)) from None


@router.get(
    "/sources/{source_id}/defects",
    response={200: ReferenceDefectsOut, 404: ErrorOut},
    summary="Retskildens egne fejl: henvisninger, der ikke findes, er skrevet forkert eller peger forkert",
)
def source_defects(request: HttpRequest, source_id: str) -> ReferenceDefectsOut:
    found = _source_with_text(source_id)
    return ReferenceDefectsOut(
        source_id=found.id,
        source_short=found.short,
        figures=ReferenceFiguresOut.model_validate(reference_figures(found.id)),
        defects=[ReferenceOut.model_validate(d.as_dict()) for d in reference_defects(found.id)],
    )


@router.get(
    "/sources/{source_id}/references",
    response={200: list[ReferenceOut], 404: ErrorOut},
    summary="Alle henvisninger i retskildens tekst med status",
)
def source_references_list(request: HttpRequest, source_id: str) -> list[ReferenceOut]:
    found = _source_with_text(source_id)
    return [ReferenceOut.model_validate(r.as_dict()) for r in source_references(found.id)]


@router.get("/rules", response=list[RuleOut], summary="Regler i kraft på en dato (standard: i dag)")
def rules(request: HttpRequest, at: ApiDate | None = None) -> list[dict[str, object]]:
    # A rule a verified legal change has ended is left out; one expected to end carries the change.
    return [
        rule_as_dict(r, end)
        for r, end in rules_on(at or clock.today())
        if end is None or end.state.value != "ended"
    ]


@router.get(
    "/regime",
    response=RegimeOut,
    summary="Hvilket regime gælder på en dato: kilder i kraft, hvad der er bortfaldet, forventes at bortfalde "
    "og fortsætter (standard: i dag)",
)
def law_regime(request: HttpRequest, at: ApiDate | None = None) -> dict[str, object]:
    return regime_as_dict(regime(at or clock.today()))
