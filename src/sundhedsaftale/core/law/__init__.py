"""The law as data: legal sources split into addressable units with their exact text and validity.

Public surface::

    corpus = load_corpus(law_dir)           # checked at start-up; DataFileError names file and line
    unit = corpus.resolve("§ 10, stk. 1, nr. 4")
    corpus.full_text(unit); corpus.label(unit.citation); corpus.version(unit.citation)

Cross-references in the unit texts are checked at load time (the law's own defects as findings on the source)::

    report = check_cross_references(corpus, load_reviewed_references(path, corpus))
    report.defects("bek-1248-2022"); report.defects_within(unit); report.figures("bek-1248-2022")

Legal changes (``changes.yaml``: an act that ends sources, provisions or kinds of body from a date, each fact with
its marker) and the regime on a date::

    changes = load_changes(law_dir / "changes.yaml", corpus)
    regime = regime_on(corpus, changes, day, verified={"l214-2025"})   # verified: recorded by an administrator

Unit ids follow one scheme for every source: ``sec_10__subsec_1__point_4`` (order),
``sec_3.2`` and ``sec_4.1__elem_3`` (guidance). :func:`parse_reference` accepts the written forms.
"""

from importlib import import_module
from typing import TYPE_CHECKING, Any

from ._changes import Act, BodyTopic, ChangeEnd, EndEffect, EndState, LegalChange, LegalChanges, Marker
from ._citation import ACCEPTED_FORMS, DEFAULT_GUIDANCE, DEFAULT_ORDER, parse_reference
from ._corpus import LawCorpus, ProvisionVersion
from ._model import AlsoGoverns, Citation, LegalSource, LegalUnit, SourceKind
from ._regime import Regime, SourceOnDay, regime_as_dict, regime_on
from ._xref_model import AUTOMATIC, CrossReference, CrossReferenceReport, ReferenceStatus

if TYPE_CHECKING:
    from ._changes_loader import load_changes
    from ._loader import load_corpus, validation_problem
    from ._xref import check_cross_references
    from ._xref_review import ReviewedReference, ReviewVerdict, load_reviewed_references

# The loaders (YAML and their validating row models) and the cross-reference check are imported on first use: a
# command line whose loaded law comes from the cache (core/_platform_cache.py, ADR 0044) runs neither. The names are
# the same as before: ``from sundhedsaftale.core.law import load_corpus`` works.
_LAZY = {
    "load_changes": "._changes_loader",
    "load_corpus": "._loader",
    "validation_problem": "._loader",
    "check_cross_references": "._xref",
    "ReviewedReference": "._xref_review",
    "ReviewVerdict": "._xref_review",
    "load_reviewed_references": "._xref_review",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(module, __name__), name)
    globals()[name] = value
    return value


__all__ = [
    "ACCEPTED_FORMS",
    "AUTOMATIC",
    "DEFAULT_GUIDANCE",
    "DEFAULT_ORDER",
    "Act",
    "AlsoGoverns",
    "BodyTopic",
    "ChangeEnd",
    "Citation",
    "CrossReference",
    "CrossReferenceReport",
    "EndEffect",
    "EndState",
    "LawCorpus",
    "LegalChange",
    "LegalChanges",
    "LegalSource",
    "LegalUnit",
    "Marker",
    "ProvisionVersion",
    "ReferenceStatus",
    "Regime",
    "ReviewVerdict",
    "ReviewedReference",
    "SourceKind",
    "SourceOnDay",
    "check_cross_references",
    "load_changes",
    "load_corpus",
    "load_reviewed_references",
    "parse_reference",
    "regime_as_dict",
    "regime_on",
    "validation_problem",
]
