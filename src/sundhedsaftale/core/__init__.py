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
from typing import TYPE_CHECKING

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


def load_platform(data_dir: Path | None = None) -> Platform:
    """Load law, reference data and rulebook from ``data_dir`` (default: the shipped data).

    Loaded once per directory: the result is immutable, so every caller may share it.
    """
    return _load((data_dir or DATA_DIR).resolve())


@cache
def _load(data_dir: Path) -> Platform:
    # Imported here, not at the top, so that importing a light module of the core (errors, periods) does not load
    # the law, the reference data and the rulebook: the command line starts without them (ADR 0031).
    from .law import check_cross_references, load_changes, load_corpus, load_reviewed_references
    from .reference import load_reference
    from .rules import load_rule_packages, load_rulebook

    corpus = load_corpus(data_dir / "law")
    # Recorded legal changes; whether each applies depends on the verification the caller passes in.
    changes = load_changes(data_dir / "law" / "changes.yaml", corpus)
    reference = load_reference(data_dir / "reference")
    rulebook = load_rulebook(
        corpus,
        data_dir / "law" / "parameters.yaml",
        reference.election_periods,
        reference.national_goal_names(),
        reference.government_forms,
        reference.acute_hospitals_by_region(),
        rule_modules=load_rule_packages(data_dir / "law" / "rule-packages.yaml"),
        changes=changes,
    )
    # The texts' own cross-references, checked once; a stale row in the reviewed table stops start-up.
    reviewed = load_reviewed_references(data_dir / "law" / "reviewed-references.yaml", corpus)
    return Platform(corpus, reference, rulebook, check_cross_references(corpus, reviewed), changes)
