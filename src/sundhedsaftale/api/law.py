"""Law and rules: open to everyone."""

from __future__ import annotations

import datetime as dt

from django.http import Http404, HttpRequest
from ninja import Router

from sundhedsaftale.core.errors import CitationError
from sundhedsaftale.core.law import LegalSource, LegalUnit
from sundhedsaftale.core.rules import rule_as_dict
from sundhedsaftale.lawbook.selectors import rules_citing, rules_in_force, source_list
from sundhedsaftale.web.platform import platform

from .schemas import ApiDate, ErrorOut, ProvisionOut, RuleOut, SourceOut

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
    )


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


@router.get("/rules", response=list[RuleOut], summary="Regler i kraft på en dato (standard: i dag)")
def rules(request: HttpRequest, at: ApiDate | None = None) -> list[dict[str, object]]:
    return [rule_as_dict(r) for r in rules_in_force(at or dt.date.today())]
