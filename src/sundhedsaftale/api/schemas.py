"""API schemas. Field names English; texts shown to people are Danish."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ninja import Field, Schema

from sundhedsaftale.core.case import DecisionMaker


class ErrorOut(Schema):
    detail: str


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


class RegionOut(Schema):
    code: str
    name: str
    name_en: str


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
    facts: list[dict[str, Any]]
    provisions: list[dict[str, Any]]
    applied: list[dict[str, Any]]
    evaluated_on: dt.date


class FindingsOut(Schema):
    region_code: str
    evaluated_on: dt.date
    summary: dict[str, int]
    findings: list[FindingOut]


class DecisionIn(Schema):
    parameter: str
    subject_id: str = "*"
    value: Any
    decided_by: str
    decision_maker: DecisionMaker = DecisionMaker.PARTIES
    decided_on: dt.date
    reference: str
    valid_until: dt.date | None = None
    note: str = ""


class DecisionUpdateIn(DecisionIn):
    version: int


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
