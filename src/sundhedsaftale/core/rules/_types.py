"""The vocabulary of the rulebook: kinds, statuses, subjects, facts and findings."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from ..case import Decision

__all__ = [
    "AppliedValue",
    "Fact",
    "Finding",
    "Outcome",
    "ProvisionRef",
    "RuleKind",
    "Status",
    "SubjectKind",
    "SubjectRef",
]


class RuleKind(StrEnum):
    """Binding requirement (krav) or recommendation (anbefaling)."""

    REQUIREMENT = "krav"
    RECOMMENDATION = "anbefaling"

    @property
    def label(self) -> str:
        return {"krav": "Krav", "anbefaling": "Anbefaling"}[self.value]


class Status(StrEnum):
    MET = "met"
    NOT_MET = "not_met"
    NOT_YET_DUE = "not_yet_due"
    NOT_APPLICABLE = "not_applicable"
    NEEDS_JUDGEMENT = "needs_judgement"
    # The facts the rule needs are not in the record (a part the case file says it leaves out): no conclusion.
    NOT_RECORDED = "not_recorded"

    @property
    def label(self) -> str:
        return _STATUS_LABELS[self]


_STATUS_LABELS = {
    Status.MET: "Opfyldt",
    Status.NOT_MET: "Ikke opfyldt",
    Status.NOT_YET_DUE: "Endnu ikke aktuel",
    Status.NOT_APPLICABLE: "Ikke relevant",
    Status.NEEDS_JUDGEMENT: "Kræver faglig vurdering",
    Status.NOT_RECORDED: "Ikke registreret",
}


class SubjectKind(StrEnum):
    """What a rule is about; the engine finds every subject of that kind in a case."""

    REGION = "region"
    CLUSTER = "cluster"
    POLITICAL_LEVEL = "political_level"
    PROFESSIONAL_LEVEL = "professional_level"
    COMMITTEE = "committee"
    PATIENT_COMMITTEE = "patient_committee"
    AGREEMENT = "agreement"

    @property
    def label(self) -> str:
        return _SUBJECT_LABELS[self]


_SUBJECT_LABELS = {
    SubjectKind.REGION: "Region",
    SubjectKind.CLUSTER: "Sundhedsklynge",
    SubjectKind.POLITICAL_LEVEL: "Klyngens politiske niveau",
    SubjectKind.PROFESSIONAL_LEVEL: "Klyngens faglige strategiske niveau",
    SubjectKind.COMMITTEE: "Sundhedssamarbejdsudvalget",
    SubjectKind.PATIENT_COMMITTEE: "Patientinddragelsesudvalget",
    SubjectKind.AGREEMENT: "Sundhedsaftale",
}


@dataclass(frozen=True)
class Fact:
    """A fact a rule used, shown with the finding so the reader can check the reasoning."""

    name: str
    value: Any


@dataclass(frozen=True)
class SubjectRef:
    kind: SubjectKind
    id: str
    name: str
    region_code: str


@dataclass(frozen=True)
class ProvisionRef:
    """Which provision, in which source, valid from when, a finding applied (explanation trail)."""

    key: str
    label: str
    source_short: str
    valid_from: dt.date | None


@dataclass(frozen=True)
class AppliedValue:
    """A parameter value a rule used and why: the law's default or a recorded decision."""

    parameter: str
    label: str
    value: Any
    default: Any
    citation_label: str
    decision: Decision | None = None

    @property
    def from_decision(self) -> bool:
        return self.decision is not None


@dataclass(frozen=True)
class Outcome:
    """What a rule's evaluation returns; the engine turns it into a :class:`Finding`.

    ``advice`` is the finding as the authority would write it to the parties in a letter ("Aftalen bør …"),
    for rules whose unmet finding may become advice; the explanation stays the reasoning for the reader of the
    platform. Empty means the explanation serves both.
    """

    status: Status
    explanation: str
    facts: tuple[Fact, ...] = ()
    advice: str = ""


@dataclass(frozen=True)
class Finding:
    rule_id: str
    rule_title: str
    kind: RuleKind
    status: Status
    subject: SubjectRef
    explanation: str
    facts: tuple[Fact, ...]
    provisions: tuple[ProvisionRef, ...]
    applied: tuple[AppliedValue, ...] = field(default=())
    evaluated_on: dt.date = dt.date.min
    approval_criterion: bool = False
    advice: str = ""
    # A recorded legal change expected to end the rule (``"expected"``): the finding stands, with this warning.
    legal_change: str = ""
    legal_change_state: str = ""

    @property
    def breaks_requirement(self) -> bool:
        return self.kind is RuleKind.REQUIREMENT and self.status is Status.NOT_MET
