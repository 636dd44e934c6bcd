"""The rulebook: every requirement and recommendation as an executable rule that cites its provision.

Public surface::

    book = load_rulebook(corpus, parameters_path)       # checks every citation and parameter
    book.in_force(date)                                 # rules in force on a date
    findings = book.evaluate(case, at=date)             # Finding: status, Danish explanation, facts, provisions

Rule modules (one per part of the law) declare their rules with :func:`rule`; which modules make the rulebook
is data, ``data/law/rule-packages.yaml`` (:func:`load_rule_packages`), so the rules of a new source are a new
module listed there. Legal changes (``changes.yaml``) are applied by ``book.in_force(day, verified=...)``,
``book.rules_on(day, verified=...)`` and ``book.evaluate(case, at=day, verified=...)``.
"""

from collections.abc import Mapping, Sequence
from pathlib import Path

from ..law import LawCorpus, LegalChanges
from ..reference import ElectionPeriod, MunicipalGovernment
from ._coverage import ProvisionCoverage, provision_coverage
from ._engine import Rule, Rulebook, RuleContext, declared_rules, rule
from ._english import EnglishTexts, finding_in_english, load_english
from ._explanations import Explanations, Message, load_explanations, say
from ._parameters import Parameter, ParameterSet, load_parameters
from ._present import finding_as_dict, rule_as_dict, summarise
from ._registry import load_rule_packages, rules_of
from ._types import (
    AppliedValue,
    Fact,
    Finding,
    Outcome,
    ProvisionRef,
    RuleKind,
    Status,
    SubjectKind,
    SubjectRef,
)

__all__ = [
    "AppliedValue",
    "EnglishTexts",
    "Explanations",
    "Fact",
    "Finding",
    "Message",
    "Outcome",
    "Parameter",
    "ParameterSet",
    "ProvisionCoverage",
    "ProvisionRef",
    "Rule",
    "RuleContext",
    "RuleKind",
    "Rulebook",
    "Status",
    "SubjectKind",
    "SubjectRef",
    "declared_rules",
    "finding_as_dict",
    "finding_in_english",
    "load_english",
    "load_explanations",
    "load_parameters",
    "load_rule_packages",
    "load_rulebook",
    "provision_coverage",
    "rule",
    "rule_as_dict",
    "rules_of",
    "say",
    "summarise",
]


def load_rulebook(
    corpus: LawCorpus,
    parameters_path: Path,
    election_periods: Sequence[ElectionPeriod] = (),
    national_goals: Mapping[int, str] | None = None,
    government_forms: Mapping[str, MunicipalGovernment] | None = None,
    acute_hospitals: Mapping[str, Mapping[str, tuple[frozenset[str], frozenset[str]]]] | None = None,
    *,
    rule_modules: tuple[str, ...],
    changes: LegalChanges | None = None,
) -> Rulebook:
    """Build the rulebook from the declared rules, checked against ``corpus`` and the parameter file.

    ``election_periods``, ``national_goals`` (names by number) and the municipalities' ``government_forms``
    come from the reference data; ``rule_modules`` are the registered rule packages (:func:`load_rule_packages`),
    ``changes`` the recorded legal changes."""
    book = Rulebook.build(
        rules_of(rule_modules),
        corpus,
        load_parameters(parameters_path, corpus),
        election_periods,
        national_goals,
        government_forms,
        acute_hospitals,
        changes,
    )
    # The explanations' templates beside the parameter file (ADR 0051).
    book.explain_with(
        load_explanations(parameters_path.parent / "explanations.yaml", rule_ids=[r.id for r in book.rules])
    )
    return book
