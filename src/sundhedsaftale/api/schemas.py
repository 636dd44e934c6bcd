"""API schemas. Field names English; texts shown to people are Danish.

Every date and number the API takes is one of the bounded types below, so input outside what the platform can
work with is refused at the edge with 422 naming the field, never carried into date arithmetic or a database
integer column where it would fail as a server error.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from typing import Annotated, Any, Literal

from django.db import models
from ninja import Schema
from pydantic import Field, model_validator

from sundhedsaftale.core.case import DecisionMaker
from sundhedsaftale.core.periods import PLATFORM_FIRST_DAY, PLATFORM_LAST_DAY
from sundhedsaftale.governance.models import LocalDecision


def stored_length(model: type[models.Model], field: str) -> int:
    """The longest text the database column behind ``model.field`` holds: the API refuses longer (422)."""
    length = getattr(model._meta.get_field(field), "max_length", None)
    assert length is not None, f"{model.__name__}.{field} has no max_length"
    return int(length)


def dates_outside_range(value: Any, path: str) -> list[str]:
    """Every date in free-form input (a record's fields, content) outside the platform's range, as messages."""
    if isinstance(value, dt.date):
        if PLATFORM_FIRST_DAY <= value <= PLATFORM_LAST_DAY:
            return []
        return [
            f"{path}: {value.isoformat()} er uden for grænsen; forventet {PLATFORM_FIRST_DAY}–{PLATFORM_LAST_DAY}"
        ]
    if isinstance(value, dict):
        return [m for key, item in value.items() for m in dates_outside_range(item, f"{path}.{key}")]
    if isinstance(value, list | tuple):
        return [m for index, item in enumerate(value) for m in dates_outside_range(item, f"{path}[{index}]")]
    return []


# A day inside the platform's range (core.periods): 2000-01-01 to 2100-12-31.
ApiDate = Annotated[
    dt.date,
    Field(
        ge=PLATFORM_FIRST_DAY,
        le=PLATFORM_LAST_DAY,
        description=f"Dato ÅÅÅÅ-MM-DD fra {PLATFORM_FIRST_DAY} til {PLATFORM_LAST_DAY}",
    ),
]
# A calendar year inside the same range.
ApiYear = Annotated[int, Field(ge=PLATFORM_FIRST_DAY.year, le=PLATFORM_LAST_DAY.year)]
# A database id: the largest value a 64-bit integer column (BigAutoField) holds.
RecordId = Annotated[int, Field(ge=1, le=2**63 - 1)]
# A row's version for optimistic locking, or a version number; the largest value an integer column holds.
VersionNumber = Annotated[int, Field(ge=0, le=2**31 - 1)]
# Days of warning before a deadline: at most ten years.
WarningDays = Annotated[int, Field(ge=0, le=3660)]
# Filters on a list of findings (ADR 0032): an id of a subject or a provision key, a page of at most 500.
FilterText = Annotated[str, Field(min_length=1, max_length=200, pattern=r"^[\w./-]+$")]
PageSize = Annotated[int, Field(ge=1, le=500)]
PageStart = Annotated[int, Field(ge=0, le=100_000)]
# The language findings are written in: ``lang`` wins over the request's Accept-Language (ADR 0051).
Language = Literal["da", "en"]
FindingStatusFilter = Literal[
    "met", "not_met", "not_yet_due", "not_applicable", "needs_judgement", "not_recorded"
]
FindingKindFilter = Literal["krav", "anbefaling"]
FindingAreaFilter = Literal["composition", "meetings", "agreement", "patients"]


# Characters no text the platform keeps may hold: control characters other than tab and line breaks, lone
# surrogates and the two non-characters. XML 1.0 has no way to write them, so a workbook, a Word document or a
# PDF of the text could not be made, and PostgreSQL refuses NUL in text.
_UNWRITABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _unwritable_at(value: Any, path: str = "") -> tuple[str, str] | None:
    """The first place in JSON-like input where text (a value or a key) holds an unwritable character."""
    if isinstance(value, str):
        match = _UNWRITABLE.search(value)
        return (path, match.group()) if match else None
    found: tuple[str, str] | None = None
    if isinstance(value, dict):
        for key, item in value.items():
            where = f"{path}.{key}" if path else str(key)
            found = _unwritable_at(str(key), where) or _unwritable_at(item, where)
            if found:
                return found
    elif isinstance(value, list | tuple):
        for index, item in enumerate(value):
            found = _unwritable_at(item, f"{path}[{index}]")
            if found:
                return found
    return None


class InputSchema(Schema):
    """The base of every request body: refuses text with characters the platform cannot keep (422)."""

    @model_validator(mode="after")
    def _writable_text(self) -> InputSchema:
        found = _unwritable_at(self.model_dump())
        if found:
            where, char = found
            raise ValueError(
                f"{where or 'tekst'}: tegnet U+{ord(char):04X} kan ikke gemmes i tekst (et styretegn)"
            )
        return self


def file_answer(description: str, content_types: Iterable[str]) -> dict[str, Any]:
    """``openapi_extra`` for a route whose 200 is a file in one of ``content_types``."""
    content = {
        media.split(";")[0].strip(): {"schema": {"type": "string", "format": "binary"}}
        for media in content_types
    }
    return {"responses": {200: {"description": description, "content": content}}}


class ErrorOut(Schema):
    detail: str


class ValidationErrorOut(ErrorOut):
    """422 for input that does not fit the schema: ``detail`` names every field in Danish."""

    errors: list[dict[str, Any]]


class SourceOut(Schema):
    id: str
    kind: str
    number: int
    issued: dt.date
    title: str
    short: str
    binding: bool
    eli: str
    has_text: bool
    in_force_from: dt.date | None
    in_force_until: dt.date | None
    replaces: list[str]
    replaced_by: str | None
    also_governs: list[dict[str, str]]


class ReferenceOut(Schema):
    """One cross-reference in a unit's text; a defect (is_defect) is a finding on the source."""

    unit: str
    unit_label: str
    written: str
    context: str
    status: str
    status_label: str
    is_defect: bool
    act: str
    targets: list[str]
    target_labels: list[str]
    missing: list[str]
    intended: str | None
    intended_label: str
    explanation: str
    established_by: str
    reviewed: bool


class ReferenceFiguresOut(Schema):
    total: int
    checked: int
    resolving: int
    defects: int
    resolves: int
    external: int
    does_not_resolve: int
    malformed: int
    wrong_unit: int


class ReferenceDefectsOut(Schema):
    source_id: str
    source_short: str
    figures: ReferenceFiguresOut
    defects: list[ReferenceOut]


class ProvisionOut(Schema):
    source_id: str
    unit_id: str
    key: str
    label: str
    heading: str
    text: str
    full_text: str
    source_short: str
    valid_from: dt.date | None
    children: list[str]
    rules: list[str]
    reference_defects: list[ReferenceOut]


class CitationOut(Schema):
    key: str
    label: str
    source_short: str


class RuleOut(Schema):
    id: str
    title: str
    kind: str
    kind_label: str
    subject: str
    subject_label: str
    summary: str
    valid_from: dt.date
    valid_until: dt.date | None
    citations: list[CitationOut]
    parameters: list[str]
    approval_criterion: bool = Field(
        False,
        description="Et godkendelseskriterium (vejledningens afsnit 5.2): kun sådanne hindrer godkendelse",
    )
    legal_change: dict[str, Any] | None = Field(
        None,
        description="Den registrerede lovændring, der forventes at ophæve reglen (state 'expected': reglen gælder "
        "med advarslen, til ændringen er verificeret)",
    )


class ChangeEffectOut(Schema):
    change: str
    act: str
    state: str = Field(description="'ended' (verificeret: bortfaldet) eller 'expected' (forventet bortfald)")
    state_label: str
    effective: dt.date
    label: str
    source: str
    what: str
    basis: str
    what_marker: str
    date_marker: str


class RegimeSourceOut(Schema):
    id: str
    short: str
    kind: str
    binding: bool
    validity: str
    ends: list[ChangeEffectOut]


class RegimeContinuingOut(Schema):
    topic: str
    label: str
    basis: str


class RegimeOut(Schema):
    """Which regime applies on a date: the sources in force, what has ended (verified), what is expected to end
    (not verified: nothing is ended by it), what ends later and what continues."""

    at: dt.date
    changed: bool
    sources: list[RegimeSourceOut]
    ended_sources: list[dict[str, str]]
    ended: list[ChangeEffectOut]
    expected: list[ChangeEffectOut]
    upcoming: list[ChangeEffectOut]
    continuing: list[RegimeContinuingOut]


class RegionOut(Schema):
    code: str
    name: str
    name_en: str
    valid_from: dt.date | None = Field(None, description="Regionen findes fra (ADR 0029)")
    valid_to: dt.date | None = Field(None, description="Regionen findes til og med; null = fortsætter")
    successor_code: str | None = Field(None, description="Regionen, der overtager efter valid_to")
    provisional_code: bool = Field(
        False, description="Koden er platformens foreløbige nøgle (ingen officiel kode)"
    )


class CouncilOut(Schema):
    """A sundhedsråd of the 2027 structure, with its municipalities from a secondary source."""

    id: str
    name: str
    region_code: str
    valid_from: dt.date
    municipality_codes: list[str]
    disputed_codes: list[str] = Field(description="Kommuner, kilderne er uenige om")
    marker: str = Field(description="[V] verificeret, [S] sekundær kilde, [?] uafklaret")
    source: str


class FindingOut(Schema):
    rule_id: str
    rule_title: str
    kind: str
    kind_label: str
    status: str
    status_label: str
    subject_kind: str
    subject_id: str
    subject_name: str
    region_code: str
    explanation: str
    advice: str = Field(
        "", description="Fundet formuleret som rådgivning til parterne, hvor det kan blive det"
    )
    approval_criterion: bool = False
    legal_change: str | None = Field(
        None, description="Forventet bortfald efter en registreret lovændring, der ikke er verificeret"
    )
    legal_change_state: str | None = None
    facts: list[dict[str, Any]]
    provisions: list[dict[str, Any]]
    applied: list[dict[str, Any]]
    evaluated_on: dt.date
    area: str = Field(
        "", description="Område i landsoverblikket: composition, meetings, agreement eller patients"
    )
    explanation_language: str = Field(
        "da",
        description="Forklaringens sprog: 'en' når den er skrevet på engelsk, 'da' når den er dansk (også på "
        "engelsk, for fund, der kun har en dansk forklaring: så står den i explanation_danish)",
    )
    explanation_danish: str = Field(
        "", description="På engelsk: reglens egen danske forklaring, når der ikke findes en engelsk"
    )
    explanation_parts: list[dict[str, str]] = Field(
        default_factory=list,
        description="På engelsk: forklaringen i dele med sprog ('da' for lovens ord, der citeres på dansk)",
    )


class FindingsOut(Schema):
    region_code: str
    evaluated_on: dt.date
    summary: dict[str, int] = Field(description="Optælling af alle regionens fund, uden filtre")
    matched: int = Field(0, description="Antal fund, der passer til filtrene (før limit og offset)")
    findings: list[FindingOut]


class DecisionIn(InputSchema):
    parameter: str = Field(max_length=stored_length(LocalDecision, "parameter"))
    subject_id: str = Field("*", max_length=stored_length(LocalDecision, "subject_id"))
    value: Any
    decided_by: str = Field(max_length=stored_length(LocalDecision, "decided_by"))
    decision_maker: DecisionMaker = DecisionMaker.PARTIES
    decided_on: ApiDate
    reference: str = Field(max_length=stored_length(LocalDecision, "reference"))
    valid_until: ApiDate | None = None
    note: str = ""


class DecisionUpdateIn(DecisionIn):
    version: VersionNumber


class DecisionOut(Schema):
    key: str
    region_code: str
    parameter: str
    subject_id: str
    value: Any
    decided_by: str
    decision_maker: str
    decided_on: dt.date
    reference: str
    valid_until: dt.date | None
    note: str
    version: int
