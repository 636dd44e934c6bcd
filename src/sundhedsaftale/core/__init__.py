"""The framework-free core: law, reference data, case schema, rulebook and legal calendar.

Nothing in this package imports Django, reads a database or a clock. Everything starts from
:func:`load_platform`, which loads and checks all data files at once so nothing runs half-configured::

    platform = load_platform()
    platform.corpus.resolve("§ 10, stk. 1, nr. 4")
    platform.rulebook.evaluate(case, at=date(2024, 2, 1))
    platform.cross_references.defects("bek-1248-2022")   # the law's own defects

Sub-packages: :mod:`.law`, :mod:`.reference`, :mod:`.case`, :mod:`.rules`, :mod:`.calendar`;
:mod:`.periods` for dates, :mod:`.errors` for the errors users see.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..data import DATA_DIR

if TYPE_CHECKING:
    from .law import CrossReferenceReport, LawCorpus, LegalChanges
    from .reference import ReferenceData
    from .rules import Rulebook

__all__ = ["Platform", "load_platform"]


@dataclass(frozen=True)
class Platform:
    corpus: LawCorpus
    reference: ReferenceData
    rulebook: Rulebook
    cross_references: CrossReferenceReport
    changes: LegalChanges


def load_platform(data_dir: Path | None = None, *, cached: bool = False) -> Platform:
    """Load law, reference data and rulebook from ``data_dir`` (default: the shipped data).

    Loaded once per directory: the result is immutable, so every caller may share it. ``cached``: keep the
    loaded law, reference data and parameters on disk between processes, under the hash of the data files and
    the code (``_platform_cache``, ADR 0044); the command line does, so that it starts without parsing them.
    """
    return _load((data_dir or DATA_DIR).resolve(), cached)


@cache
def _load(data_dir: Path, cached: bool = False) -> Platform:
    # Imported here, not at the top, so that importing a light module of the core (errors, periods) does not load
    # the law, the reference data and the rulebook: the command line starts without them (ADR 0031).
    import importlib

    from . import _platform_cache
    from .rules import Rulebook, load_parameters, load_rule_packages
    from .rules._explanations import load_explanations
    from .rules._registry import rules_of

    key = _platform_cache.cache_key(data_dir) if cached else ""
    kept = _platform_cache.read(key) if cached else None

    def build(
        corpus: LawCorpus, reference: ReferenceData, parameters: Any, changes: LegalChanges, explanations: Any
    ) -> Rulebook:
        return Rulebook.build(
            rules_of(rule_modules),
            corpus,
            parameters,
            reference.election_periods,
            reference.national_goal_names(),
            reference.government_forms,
            reference.acute_hospitals_by_region(),
            changes,
            explanations,
        )

    if kept is not None:
        corpus, changes, reference, parameters, rule_modules, cross_references, explanations = kept
        for module in rule_modules:  # the rules are code: imported, and checked against the law by build()
            importlib.import_module(module)
        rulebook = build(corpus, reference, parameters, changes, explanations)
    else:
        from .law import check_cross_references, load_changes, load_corpus, load_reviewed_references
        from .reference import load_reference

        corpus = load_corpus(data_dir / "law")
        # Recorded legal changes; whether each applies depends on the verification the caller passes in.
        changes = load_changes(data_dir / "law" / "changes.yaml", corpus)
        reference = load_reference(data_dir / "reference")
        rule_modules = load_rule_packages(data_dir / "law" / "rule-packages.yaml")
        parameters = load_parameters(data_dir / "law" / "parameters.yaml", corpus)
        rulebook = build(corpus, reference, parameters, changes, None)
        # The explanations' Danish and English templates (ADR 0051), read once the rules are checked against the
        # law: a rule without them, or a key without its English, stops start-up.
        explanations = load_explanations(
            data_dir / "law" / "explanations.yaml", rule_ids=[r.id for r in rulebook.rules]
        )
        rulebook.explain_with(explanations)
        # The texts' own cross-references, checked once; a stale row in the reviewed table stops start-up.
        reviewed = load_reviewed_references(data_dir / "law" / "reviewed-references.yaml", corpus)
        cross_references = check_cross_references(corpus, reviewed)
    if cached and kept is None:
        _platform_cache.write(
            key, (corpus, changes, reference, parameters, rule_modules, cross_references, explanations)
        )
    return Platform(corpus, reference, rulebook, cross_references, changes)
