"""The rulebook: every requirement and recommendation as an executable rule that cites its provision.

Public surface::

    book = load_rulebook(corpus, parameters_path)       # checks every citation and parameter
    book.in_force(date)                                 # rules in force on a date
    findings = book.evaluate(case, at=date)             # Finding: status, Danish explanation, facts, provisions

Rule modules (one per part of the law) register their rules with :func:`rule` when imported.
"""

from collections.abc import Mapping, Sequence
from pathlib import Path

from ..law import LawCorpus
from ..reference import ElectionPeriod, MunicipalGovernment
from . import (
    agreement,
    assessment,
    clusters,
    committee,
    composition,
    existence,
    lifecycle,
    meetings,
    organisation,
    patient_involvement,
    terms,
)
from ._coverage import ProvisionCoverage, provision_coverage
from ._engine import Rule, Rulebook, RuleContext, declared_rules, rule
from ._parameters import Parameter, ParameterSet, load_parameters
from ._present import finding_as_dict, rule_as_dict, summarise
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

RULE_MODULES = (
    existence,
    composition,
    organisation,
    clusters,
    committee,
    patient_involvement,
    agreement,
    meetings,
    terms,
    assessment,
    lifecycle,
)

__all__ = [
    "RULE_MODULES",
    "AppliedValue",
    "Fact",
    "Finding",
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
    "finding_as_dict",
    "load_parameters",
    "load_rulebook",
    "provision_coverage",
    "rule",
    "rule_as_dict",
    "summarise",
]


def load_rulebook(
    corpus: LawCorpus,
    parameters_path: Path,
    election_periods: Sequence[ElectionPeriod] = (),
    national_goals: Mapping[int, str] | None = None,
    government_forms: Mapping[str, MunicipalGovernment] | None = None,
    acute_hospitals: Mapping[str, Mapping[str, tuple[frozenset[str], frozenset[str]]]] | None = None,
) -> Rulebook:
    """Build the rulebook from the declared rules, checked against ``corpus`` and the parameter file.

    ``election_periods``, ``national_goals`` (names by number) and the municipalities' ``government_forms``
    come from the reference data."""
    return Rulebook.build(
        declared_rules(),
        corpus,
        load_parameters(parameters_path, corpus),
        election_periods,
        national_goals,
        government_forms,
        acute_hospitals,
    )
