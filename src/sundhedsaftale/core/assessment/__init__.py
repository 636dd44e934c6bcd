"""Sundhedsstyrelsen's assessment of a submitted health agreement (vejledningens kapitel 5; § 21, stk. 3).

The assessment rules (``core/rules/assessment.py`` and ``aftale.formelle-oplysninger``) are evaluated for one
agreement and grouped under the headings of the authority's letter. A reviewer then accepts, edits or overrules
each finding; an overruled requirement no longer blocks approval. Public surface::

    assessment = assess(platform, case, "1085-sundhedsaftale-2024-2027", at=date(2024, 2, 1))
    assessment.approvable; assessment.blocking; assessment.advice
    reviewed = apply_reviews(assessment, [FindingReview("vurdering.klyngemaal", Verdict.OVERRULED, reason="…")])
    assessment_as_dict(reviewed); summary_text(reviewed)
"""

from ._assessment import (
    ASSESSMENT_RULE_IDS,
    Assessment,
    AssessmentError,
    AssessmentItem,
    FindingReview,
    Topic,
    Verdict,
    apply_reviews,
    assess,
    assessment_as_dict,
    summary_text,
)

__all__ = [
    "ASSESSMENT_RULE_IDS",
    "Assessment",
    "AssessmentError",
    "AssessmentItem",
    "FindingReview",
    "Topic",
    "Verdict",
    "apply_reviews",
    "assess",
    "assessment_as_dict",
    "summary_text",
]
