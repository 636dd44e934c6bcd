"""The vocabulary of the rulebook: kinds, statuses, subjects, facts and findings."""

from __future__ import annotations

import datetime as dt
from dataclasses import MISSING, dataclass, field, fields
from enum import StrEnum
from typing import TYPE_CHECKING, Any, TypeVar

from ..case import Decision

if TYPE_CHECKING:
    from ._explanations import Message

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


_T = TypeVar("_T")


def made_at_once(cls: type[_T]) -> type[_T]:
    """A frozen dataclass whose ``__init__`` writes the instance's fields in one step.

    The ``__init__`` a frozen dataclass is given sets each field through ``object.__setattr__``, one call per field;
    the engine makes a finding, an outcome and a handful of facts for every rule and subject, and that cost grew to a
    tenth of an evaluation. This one takes the same parameters with the same defaults and assigns the instance's
    dictionary at once; the instance stays frozen (assignment raises ``FrozenInstanceError``), compares and hashes
    as before. Only for dataclasses without ``__post_init__``, ``default_factory`` or keyword-only fields.
    """
    params: list[str] = []
    defaults: dict[str, Any] = {}
    for f in fields(cls):  # type: ignore[arg-type]
        if f.default_factory is not MISSING or f.kw_only or not f.init:
            raise TypeError(f"{cls.__name__}.{f.name}: made_at_once takes plain fields and plain defaults")
        if f.default is MISSING:
            params.append(f.name)
        else:
            defaults[f"_default_{f.name}"] = f.default
            params.append(f"{f.name}=_default_{f.name}")
    if hasattr(cls, "__post_init__"):
        raise TypeError(f"{cls.__name__}: made_at_once takes no __post_init__")
    names = [f.name for f in fields(cls)]  # type: ignore[arg-type]
    setters: dict[str, Any] = {}
    if (
        "__slots__" in cls.__dict__
    ):  # no instance dictionary: each slot set through its own descriptor, by position
        setters = {f"_set_{n}": cls.__dict__[n].__set__ for n in names}
        assignments = "".join(f"    _set_{n}(self, {n})\n" for n in names)
    else:
        assignments = f"    _set(self, '__dict__', {{{', '.join(f'{n!r}: {n}' for n in names)}}})\n"
    source = f"def __init__(self, {', '.join(params)}):\n{assignments}"
    namespace: dict[str, Any] = {}
    # The source is built from the dataclass's own field names only.
    exec(source, {"_set": object.__setattr__, **setters, **defaults}, namespace)
    init = namespace["__init__"]
    init.__qualname__ = f"{cls.__qualname__}.__init__"
    cls.__init__ = init  # type: ignore[method-assign]
    return cls


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


@made_at_once
@dataclass(frozen=True, slots=True)
class Fact:
    """A fact a rule used, shown with the finding so the reader can check the reasoning."""

    name: str
    value: Any


@made_at_once
@dataclass(frozen=True)
class SubjectRef:
    kind: SubjectKind
    id: str
    name: str
    region_code: str


@made_at_once
@dataclass(frozen=True)
class ProvisionRef:
    """Which provision, in which source, valid from when, a finding applied (explanation trail)."""

    key: str
    label: str
    source_short: str
    valid_from: dt.date | None


@made_at_once
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


@made_at_once
@dataclass(frozen=True, slots=True)
class Outcome:
    """What a rule's evaluation returns; the engine turns it into a :class:`Finding`.

    ``advice`` is the finding as the authority would write it to the parties in a letter ("Aftalen bør …"),
    for rules whose unmet finding may become advice; the explanation stays the reasoning for the reader of the
    platform. Empty means the explanation serves both. ``explanation`` is a :class:`Message` for a rule that writes
    it in both languages (ADR 0051), else the Danish text.
    """

    status: Status
    explanation: str | Message
    facts: tuple[Fact, ...] = ()
    advice: str = ""


@made_at_once
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
    # The explanation as messages (ADR 0051): the rule's own and its notes; ``explanation`` is their Danish
    # rendering. Empty for a rule that writes only Danish.
    messages: tuple[Message, ...] = ()

    @property
    def breaks_requirement(self) -> bool:
        return self.kind is RuleKind.REQUIREMENT and self.status is Status.NOT_MET
