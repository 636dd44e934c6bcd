"""The rulebook engine: declared rules, checked against the law at start-up, evaluated on a case.

A rule is a small declared unit (id, citations, kind, validity, subject) with an ``evaluate`` function.
No rule reads a database or a clock: the evaluation date is an argument. Defaults the law lets the
parties change are parameters; :meth:`RuleContext.param` applies a recorded decision when there is one
and the finding says which applied.
"""

from __future__ import annotations

import datetime as dt
import inspect
from collections.abc import Callable, Collection, Hashable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..case import Body, BodyKind, ClusterInfo, Decision, DecisionMaker, HealthAgreement, RegionCase
from ..errors import CaseError, CitationError, DataFileError
from ..law import BodyTopic, Citation, EndEffect, EndState, LawCorpus, LegalChanges
from ..periods import Period
from ..reference import ElectionPeriod, MunicipalGovernment
from ._explanations import Explanations
from ._findings import _FindingMaker, _not_yet_in_force_notes, _unchanged_from_predecessor
from ._index import CaseIndex
from ._parameters import ParameterSet
from ._types import AppliedValue, Finding, Outcome, ProvisionRef, RuleKind, SubjectKind, SubjectRef

__all__ = ["Rule", "RuleContext", "RuleSpec", "Rulebook", "declared_rules", "rule"]

Subject = RegionCase | ClusterInfo | Body | HealthAgreement
Evaluate = Callable[["RuleContext"], Iterable[Outcome] | Outcome]

_DECIDERS = {
    DecisionMaker.PARTIES: "parterne (regionsrådet og kommunalbestyrelserne)",
    DecisionMaker.MUNICIPAL_COUNCIL: "kommunalbestyrelsen",
    DecisionMaker.AUTHORITY: "Sundhedsstyrelsen",
}

# Which kind of body (as a legal change names them) a rule's subject belongs to; a region-wide rule is reached
# through the provisions it rests on.
_TOPICS = {
    SubjectKind.CLUSTER: BodyTopic.HEALTH_CLUSTERS,
    SubjectKind.POLITICAL_LEVEL: BodyTopic.HEALTH_CLUSTERS,
    SubjectKind.PROFESSIONAL_LEVEL: BodyTopic.HEALTH_CLUSTERS,
    SubjectKind.COMMITTEE: BodyTopic.HEALTH_COOPERATION_COMMITTEES,
    SubjectKind.AGREEMENT: BodyTopic.HEALTH_AGREEMENTS,
    SubjectKind.PATIENT_COMMITTEE: BodyTopic.PATIENT_INVOLVEMENT_COMMITTEES,
}

_BODY_SUBJECTS = {
    SubjectKind.POLITICAL_LEVEL: BodyKind.POLITICAL_LEVEL,
    SubjectKind.PROFESSIONAL_LEVEL: BodyKind.PROFESSIONAL_LEVEL,
    SubjectKind.COMMITTEE: BodyKind.COMMITTEE,
    SubjectKind.PATIENT_COMMITTEE: BodyKind.PATIENT_COMMITTEE,
}


@dataclass(frozen=True)
class RuleSpec:
    """A rule as declared in code, before its citations are checked against the law."""

    id: str
    title: str
    kind: RuleKind
    subject: SubjectKind
    cites: tuple[str, ...]
    parameters: tuple[str, ...]
    evaluate: Evaluate
    valid_from: dt.date | None
    valid_until: dt.date | None
    defined_at: tuple[str, int]
    summary: str
    approval_criterion: bool = False
    also_cites: tuple[str, ...] = ()
    module: str = ""


_DECLARED: list[RuleSpec] = []


def rule(
    *,
    id: str,
    title: str,
    kind: RuleKind,
    subject: SubjectKind,
    cites: Sequence[str],
    also_cites: Sequence[str] = (),
    parameters: Sequence[str] = (),
    valid_from: dt.date | None = None,
    valid_until: dt.date | None = None,
    approval_criterion: bool = False,
) -> Callable[[Evaluate], Evaluate]:
    """Declare a rule. ``cites`` are written citations (``"§ 3, stk. 1, nr. 1"``, ``"afsnit 2.2.7"``) of the
    provisions the rule rests on; ``also_cites`` are provisions shown beside them that explain or detail the duty
    (a guidance section on an order's duty) without deciding when the rule applies.

    The rule's validity defaults to the period in which all the sources of ``cites`` are in force.
    ``approval_criterion`` marks a condition of Sundhedsstyrelsen's approval (vejledningens afsnit 5.2:
    "forudsætter"): only such a rule, unmet, stands in the way of approving an agreement. Every other unmet
    requirement or recommendation about an agreement is remedied by advice, not by objection.
    """
    if approval_criterion and kind is not RuleKind.REQUIREMENT:
        raise ValueError(f"reglen '{id}': et godkendelseskriterium skal være et krav")

    def register(fn: Evaluate) -> Evaluate:
        code = fn.__code__
        _DECLARED.append(
            RuleSpec(
                id=id,
                title=title,
                kind=kind,
                subject=subject,
                cites=tuple(cites),
                also_cites=tuple(also_cites),
                parameters=tuple(parameters),
                evaluate=fn,
                valid_from=valid_from,
                valid_until=valid_until,
                defined_at=(code.co_filename, code.co_firstlineno),
                summary=inspect.cleandoc(fn.__doc__ or ""),
                approval_criterion=approval_criterion,
                module=fn.__module__,
            )
        )
        return fn

    return register


def declared_rules() -> list[RuleSpec]:
    return list(_DECLARED)


@dataclass(frozen=True)
class Rule:
    """A rule whose citations resolve and whose validity is known."""

    id: str
    title: str
    kind: RuleKind
    subject: SubjectKind
    citations: tuple[Citation, ...]
    provisions: tuple[ProvisionRef, ...]
    parameters: tuple[str, ...]
    validity: Period
    summary: str
    evaluate: Evaluate = field(repr=False, compare=False)
    approval_criterion: bool = False
    # The provisions the rule rests on (``cites``, without ``also_cites``): a legal change reaches a rule through
    # them.
    basis: tuple[Citation, ...] = ()

    def in_force(self, day: dt.date) -> bool:
        """In force by the validity of its sources; a recorded legal change is applied by the rulebook."""
        return self.validity.contains(day)

    @property
    def topic(self) -> BodyTopic | None:
        return _TOPICS.get(self.subject)


@dataclass(slots=True)
class RuleContext:
    """What a rule sees: the case, the subject, the date, and the parameters as they apply."""

    case: RegionCase
    subject: Any
    at: dt.date
    rulebook: Rulebook
    rule: Rule
    applied: list[AppliedValue] = field(default_factory=list)
    # The case indexed once for the whole evaluation (meetings by body and year, members on a date, …); a context
    # made without one gets its own.
    index: CaseIndex = field(default=None, repr=False)  # type: ignore[assignment]

    # Written out rather than generated (the generated one checks a sentinel per defaulted field, then calls
    # ``__post_init__``): the engine makes one context per rule and subject.
    def __init__(
        self,
        case: RegionCase,
        subject: Any,
        at: dt.date,
        rulebook: Rulebook,
        rule: Rule,
        applied: list[AppliedValue] | None = None,
        index: CaseIndex | None = None,
    ) -> None:
        self.case = case
        self.subject = subject
        self.at = at
        self.rulebook = rulebook
        self.rule = rule
        self.applied = [] if applied is None else applied
        self.index = CaseIndex(case) if index is None else index

    def param(self, key: str, *, subject_id: str | None = None) -> Any:
        """The parameter's value on the evaluation date, set aside by a recorded decision if there is one."""
        return self.param_applied(key, subject_id=subject_id).value

    def param_applied(self, key: str, *, subject_id: str | None = None) -> AppliedValue:
        """As :meth:`param`, the value with how it applies (default or decision, and the provision); the same
        object for every subject it applies to alike in this evaluation."""
        if key not in self.rule.parameters:
            raise CaseError(f"reglen {self.rule.id} bruger parameteren '{key}' uden at have erklæret den")
        # A decision can only set the value aside where one is recorded on the parameter (most cases record none).
        decisions = self.index.decisions_on(key)
        decision = None
        if decisions and self.rulebook.parameters[key].set_aside_by is not None:
            target = subject_id if subject_id is not None else getattr(self.subject, "id", "*")
            decision = _latest_decision(decisions, key, self.at, target)
        # The value as it applies, worked out once per evaluation: the law's default is the same for every subject
        # without a decision of its own (a decision is told apart by identity; the case keeps it alive).
        memo_key = ("param", id(self.rulebook), key, self.at, id(decision) if decision else None)
        applied = self.index.memo.get(memo_key)
        if applied is None:
            parameter = self.rulebook.parameters[key]
            default = parameter.value_at(self.at)
            value = self.rulebook.parameters.coerce(key, decision.value) if decision else default
            basis = (
                parameter.set_aside_citation
                if decision and parameter.set_aside_citation
                else parameter.citation
            )
            applied = AppliedValue(
                key, parameter.label, value, default, self.rulebook.corpus.resolve(basis).label, decision
            )
            self.index.memo[memo_key] = applied
        if applied not in self.applied:
            self.applied.append(applied)
        return applied

    def election_period(self) -> ElectionPeriod | None:
        """The councils' election period containing the evaluation date (:meth:`Rulebook.election_period_at`)."""
        memo_key = ("election_period", id(self.rulebook), self.at)
        if memo_key not in self.index.memo:
            self.index.memo[memo_key] = self.rulebook.election_period_at(self.at)
        period: ElectionPeriod | None = self.index.memo[memo_key]
        return period

    def decision(self, key: str, subject_id: str) -> Decision | None:
        """The latest decision on ``key`` for this subject (or for all, ``*``) taken by the evaluation date."""
        decisions = self.index.decisions_on(key)
        return _latest_decision(decisions, key, self.at, subject_id) if decisions else None


class Rulebook:
    """The rules checked against a law corpus and a parameter set."""

    def __init__(
        self,
        rules: Iterable[Rule],
        corpus: LawCorpus,
        parameters: ParameterSet,
        election_periods: Sequence[ElectionPeriod] = (),
        national_goals: Mapping[int, str] | None = None,
        government_forms: Mapping[str, MunicipalGovernment] | None = None,
        acute_hospitals: Mapping[str, Mapping[str, tuple[frozenset[str], frozenset[str]]]] | None = None,
        changes: LegalChanges | None = None,
        explanations: Explanations | None = None,
    ) -> None:
        # The recorded legal changes (changes.yaml); whether one applies depends on the verification passed in.
        self.changes = changes if changes is not None else LegalChanges()
        self.rules = tuple(sorted(rules, key=lambda r: r.id))
        self.corpus = corpus
        self.parameters = parameters
        self.election_periods = tuple(election_periods)
        # The national goals for the health service by number (reference data), for rules that name them.
        self.national_goals: Mapping[int, str] = dict(national_goals or {})
        # Each municipality's form of government with its source (reference data), for § 3, stk. 2.
        self.government_forms: Mapping[str, MunicipalGovernment] = dict(government_forms or {})
        # Each region's acute hospitals (reference data): the ids and labels of the clusters around each, and the
        # municipalities in their catchment, for § 1, stk. 1: a cluster around every acute hospital.
        self.acute_hospitals: Mapping[str, Mapping[str, tuple[frozenset[str], frozenset[str]]]] = dict(
            acute_hospitals or {}
        )
        self._by_id = {r.id: r for r in self.rules}
        # Answers that depend on nothing but this rulebook, a rule and a date (see :meth:`remembered`).
        self._remembered: dict[Hashable, Any] = {}
        # The Danish and English templates of the explanations written as messages (ADR 0051).
        self.explanations = Explanations({})
        if explanations is not None:
            self.explain_with(explanations)

    @classmethod
    def build(
        cls,
        specs: Iterable[RuleSpec],
        corpus: LawCorpus,
        parameters: ParameterSet,
        election_periods: Sequence[ElectionPeriod] = (),
        national_goals: Mapping[int, str] | None = None,
        government_forms: Mapping[str, MunicipalGovernment] | None = None,
        acute_hospitals: Mapping[str, Mapping[str, tuple[frozenset[str], frozenset[str]]]] | None = None,
        changes: LegalChanges | None = None,
        explanations: Explanations | None = None,
    ) -> Rulebook:
        """Resolve every citation and parameter; a broken one raises naming the rule's file and line."""
        rules: list[Rule] = []
        seen: dict[str, RuleSpec] = {}
        for spec in specs:
            path, line = spec.defined_at
            if spec.id in seen:
                raise DataFileError(Path(path), f"regel-id'et '{spec.id}' er brugt to gange", line=line)
            seen[spec.id] = spec
            try:
                citations = tuple(corpus.cite(c) for c in (*spec.cites, *spec.also_cites))
            except CitationError as exc:
                raise DataFileError(
                    Path(path), f"reglen '{spec.id}' henviser forkert: {exc}", line=line
                ) from None
            if not citations:
                raise DataFileError(
                    Path(path), f"reglen '{spec.id}' skal henvise til mindst én bestemmelse", line=line
                )
            for key in spec.parameters:
                if key not in parameters:
                    raise DataFileError(
                        Path(path), f"reglen '{spec.id}' bruger en ukendt parameter '{key}'", line=line
                    )
            validity = _validity(spec, citations, corpus)
            if validity is None:
                raise DataFileError(
                    Path(path),
                    f"reglen '{spec.id}' har ingen periode, hvor alle dens kilder er i kraft",
                    line=line,
                )
            provisions = tuple(_provision(corpus, c) for c in citations)
            rules.append(
                Rule(
                    spec.id,
                    spec.title,
                    spec.kind,
                    spec.subject,
                    citations,
                    provisions,
                    spec.parameters,
                    validity,
                    spec.summary,
                    spec.evaluate,
                    spec.approval_criterion,
                    citations[: len(spec.cites)],
                )
            )
        return cls(
            rules,
            corpus,
            parameters,
            election_periods,
            national_goals,
            government_forms,
            acute_hospitals,
            changes,
            explanations,
        )

    def explain_with(self, explanations: Explanations) -> None:
        """The templates the rules' explanations are written from (``load_explanations``): set once, at loading."""
        # A parameter's label in a note on a local decision, in Danish from the parameter file.
        self.explanations = explanations.with_labels("da", {p.key: p.label for p in self.parameters})

    def government_form(self, municipality_code: str) -> MunicipalGovernment | None:
        return self.government_forms.get(municipality_code)

    def election_period_at(self, day: dt.date) -> ElectionPeriod | None:
        """The councils' election period containing ``day`` (from the reference data)."""
        return next((p for p in self.election_periods if p.period.contains(day)), None)

    def remembered(self, key: Hashable, make: Callable[[], Any]) -> Any:
        """``make()``, kept under ``key`` for later evaluations with this rulebook: for what depends on nothing
        but the rulebook (its law, parameters and rules), the code and what ``key`` names — a provision's words,
        a rule's notes or legal change on a date. Every region evaluated on the same date asks the same. At most
        :data:`_REMEMBERED_AT_MOST` answers are kept; past that they are dropped and made again as needed."""
        found = self._remembered.get(key, _NOT_REMEMBERED)
        if found is _NOT_REMEMBERED:
            if len(self._remembered) >= _REMEMBERED_AT_MOST:
                self._remembered.clear()
            found = self._remembered[key] = make()
        return found

    def get(self, rule_id: str) -> Rule:
        return self._by_id[rule_id]

    def decision(self, case: RegionCase, key: str, at: dt.date, *, subject_id: str = "*") -> Decision | None:
        """The latest decision on ``key`` for ``subject_id`` (or for all, ``*``) in force on ``at``."""
        return _latest_decision(case.decisions, key, at, subject_id)

    def value(self, case: RegionCase, key: str, at: dt.date, *, subject_id: str = "*") -> Any:
        """A parameter's value on ``at`` with a recorded decision applied, for code outside a rule (the legal
        calendar, the lifecycle); rules use :meth:`RuleContext.param`, which also records what applied."""
        parameter = self.parameters[key]
        decision = None
        if parameter.set_aside_by is not None:
            decision = self.decision(case, key, at, subject_id=subject_id)
        return self.parameters.coerce(key, decision.value) if decision else parameter.value_at(at)

    def in_force(self, day: dt.date, *, verified: Collection[str] = ()) -> list[Rule]:
        """The rules in force on ``day``: by their sources' validity, without those a verified legal change has
        ended. ``verified`` are the ids of the changes an administrator has recorded as verified."""
        return [
            r
            for r, end in self.rules_on(day, verified=verified)
            if end is None or end.state is not EndState.ENDED
        ]

    def rules_on(
        self, day: dt.date, *, verified: Collection[str] = ()
    ) -> list[tuple[Rule, EndEffect | None]]:
        """Every rule whose sources are in force on ``day``, with the legal change that reaches it, if any: an
        applied end (the rule is "bortfaldet") or an expected one (the rule applies and carries a warning)."""
        return [(r, self.end_of(r, day, verified=verified)) for r in self.rules if r.in_force(day)]

    def end_of(self, rule: Rule, day: dt.date, *, verified: Collection[str] = ()) -> EndEffect | None:
        """The legal change that reaches ``rule`` on ``day`` (applied before expected), or None."""
        return self.changes.end_for(day, verified=verified, topic=rule.topic, citations=rule.basis)

    def check_decision(self, decision: Decision, where: str = "") -> None:
        """Refuse a decision on an unknown parameter, or one that sets aside what the law does not let it."""
        prefix = f"{where}: " if where else ""
        if decision.parameter not in self.parameters:
            raise CaseError(f"{prefix}ukendt parameter '{decision.parameter}'")
        parameter = self.parameters[decision.parameter]
        if parameter.set_aside_by is None:
            label = self.corpus.resolve(parameter.citation).label
            raise CaseError(f"{prefix}'{decision.parameter}' kan ikke fraviges; {label} er ufravigelig")
        if decision.decision_maker is not parameter.set_aside_by:
            raise CaseError(
                f"{prefix}'{decision.parameter}' kan kun fraviges af {_DECIDERS[parameter.set_aside_by]} "
                f"({self.corpus.resolve(parameter.set_aside_citation or parameter.citation).label}), "
                f"ikke af {_DECIDERS[decision.decision_maker]}"
            )
        if parameter.set_aside_only_under:
            government = self.government_form(decision.subject_id)
            known = government is not None and government.form.value != "ukendt"
            if (
                known
                and government is not None
                and government.form.value not in parameter.set_aside_only_under
            ):
                raise CaseError(
                    f"{prefix}'{decision.parameter}' kan ikke fraviges i {decision.subject_id}: "
                    f"{self.corpus.resolve(parameter.set_aside_citation or parameter.citation).label} gælder kun "
                    f"kommuner med {' eller '.join(parameter.set_aside_only_under)}, og kommunen har "
                    f"{government.form.label} (kilde: {government.source} {government.marker})"
                )
        try:
            self.parameters.coerce(decision.parameter, decision.value)
        except ValueError as exc:
            raise CaseError(f"{prefix}{exc}") from None

    def check_case(self, case: RegionCase) -> None:
        """Check every recorded decision in ``case`` (see :meth:`check_decision`)."""
        for index, decision in enumerate(case.decisions):
            self.check_decision(decision, f"decisions[{index}]")

    def evaluate(
        self,
        case: RegionCase,
        at: dt.date,
        *,
        rule_ids: Collection[str] | None = None,
        subject_id: str | None = None,
        verified: Collection[str] = (),
    ) -> list[Finding]:
        """Every finding of every rule in force on ``at`` for every subject in ``case``.

        ``rule_ids`` and ``subject_id`` narrow the evaluation (not just the result), so that one assessment of
        one agreement does not pay for the whole rulebook. A rule a verified legal change has ended is not
        evaluated (list it with :meth:`rules_on`); a rule an unverified change is expected to end is evaluated
        and its findings carry the warning (``Finding.legal_change``). ``verified``: see :meth:`in_force`.
        """
        self.check_case(case)
        index = CaseIndex(case)  # built once, shared by every rule of this evaluation (ADR 0031)
        findings: list[Finding] = []
        verified_ids = frozenset(verified)
        for current in self.rules:  # as rules_on, the legal change looked up only for the rules asked for
            if (rule_ids is not None and current.id not in rule_ids) or not current.in_force(at):
                continue
            # What a finding of this rule says beside its outcome is the same for every subject and every case on
            # the date: worked out once (``_finding_maker``, when the rule has a subject to speak of). Once made, it
            # is found with one look-up per rule and case; it is made only for a rule no legal change has ended.
            made: _FindingMaker | None = self._remembered.get(("findings", current.id, at, verified_ids))
            end = None
            if made is None:
                end = self._remembered_end(current, at, verified_ids)
                if end is not None and end.state is EndState.ENDED:
                    continue
            for subject_ref, subject in _subjects(case, current.subject, index):
                if subject_id is not None and subject_ref.id != subject_id:
                    continue
                ctx = RuleContext(case, subject, at, self, current, None, index)
                result = current.evaluate(ctx)
                if made is None:
                    made = self._finding_maker(current, at, verified_ids, end)
                if isinstance(result, Outcome):
                    findings.append(made.finding(subject_ref, result, ctx.applied))
                else:
                    findings.extend([made.finding(subject_ref, o, ctx.applied) for o in result])
        return findings

    def _remembered_end(self, current: Rule, at: dt.date, verified: frozenset[str]) -> EndEffect | None:
        """:meth:`end_of`, once per rule, date and set of verified changes."""

        def look_up() -> EndEffect | None:
            return self.end_of(current, at, verified=verified)

        end: EndEffect | None = self.remembered(("end", current.id, at, verified), look_up)
        return end

    def _finding_maker(
        self, current: Rule, at: dt.date, verified: frozenset[str], end: EndEffect | None
    ) -> _FindingMaker:
        """What the rule's findings on ``at`` share, once per rule, date and set of verified changes (which decide
        ``end``)."""

        def make() -> _FindingMaker:
            return _FindingMaker(current, at, _not_yet_in_force_notes(current, self.corpus, at), end, self)

        maker: _FindingMaker = self.remembered(("findings", current.id, at, verified), make)
        return maker


_NOT_REMEMBERED = object()
# Enough for every rule on a few hundred dates (the trend over quarters evaluates on many), small in memory.
_REMEMBERED_AT_MOST = 50_000


def _latest_decision(
    decisions: Iterable[Decision], key: str, at: dt.date, subject_id: str
) -> Decision | None:
    candidates = [
        d
        for d in decisions
        if d.parameter == key
        and d.subject_id in (subject_id, "*")
        and d.decided_on <= at
        and (d.valid_until is None or at <= d.valid_until)
    ]
    # A decision about this very subject beats a general one; then the latest wins.
    candidates.sort(key=lambda d: (d.subject_id != "*", d.decided_on))
    return candidates[-1] if candidates else None


def _validity(spec: RuleSpec, citations: tuple[Citation, ...], corpus: LawCorpus) -> Period | None:
    """The period in which every provision the rule rests on (``cites``, not ``also_cites``) is in force.

    A guidance section recorded as unchanged from the predecessor guidance (``unchanged_from_predecessor`` in
    sources.yaml) counts as in force while the predecessor was, for a rule that also rests on a binding provision
    (which bounds how far back it reaches): its substance applied then too.
    """
    basis = citations[: len(spec.cites)]
    bounded = any(corpus.source(c.source_id).binding for c in basis)
    window: Period | None = Period(dt.date.min, None)
    for citation in basis:
        source_validity = (
            _citation_validity(corpus, citation) if bounded else corpus.source(citation.source_id).validity
        )
        if source_validity is None or window is None:
            return None
        window = window.intersection(source_validity)
    if window is None:
        return None
    start = max(window.start, spec.valid_from) if spec.valid_from else window.start
    ends = [e for e in (window.end, spec.valid_until) if e is not None]
    end = min(ends) if ends else None
    if end is not None and end < start:
        return None
    return Period(start, end)


def _citation_validity(corpus: LawCorpus, citation: Citation) -> Period | None:
    source = corpus.source(citation.source_id)
    if source.validity is None or not _unchanged_from_predecessor(corpus, citation):
        return source.validity
    earlier = [p.validity for p in corpus.sources.values() if p.replaced_by == source.id and p.validity]
    start = min((p.start for p in earlier), default=source.validity.start)
    return Period(min(start, source.validity.start), source.validity.end)


def _provision(corpus: LawCorpus, citation: Citation) -> ProvisionRef:
    version = corpus.version(citation)
    return ProvisionRef(citation.key(), version.label, version.source_short, version.valid_from)


def _subjects(case: RegionCase, kind: SubjectKind, index: CaseIndex) -> Iterable[tuple[SubjectRef, Any]]:
    body_kind = _BODY_SUBJECTS.get(kind)
    if body_kind is not None:
        return index.body_subjects(body_kind, kind)  # made once per evaluation and shared by the rules
    return _other_subjects(case, kind)


def _other_subjects(case: RegionCase, kind: SubjectKind) -> Iterator[tuple[SubjectRef, Any]]:
    region = case.region.code
    if kind is SubjectKind.REGION:
        yield SubjectRef(kind, region, case.region.name, region), case
    elif kind is SubjectKind.CLUSTER:
        for cluster in case.clusters:
            yield SubjectRef(kind, cluster.id, cluster.name, region), cluster
    elif kind is SubjectKind.AGREEMENT:
        for agreement in case.agreements:
            yield SubjectRef(kind, agreement.id, agreement.title, region), agreement
