"""Sundhedsstyrelsen's assessment of a submitted health agreement (vejledningens kapitel 5; § 21, stk. 3).

The assessment rules (``core/rules/assessment.py`` and ``aftale.formelle-oplysninger``) are evaluated for one
agreement and grouped under the headings of the authority's letter. A reviewer then accepts, edits or overrules
each finding. Only an approval criterion (afsnit 5.2) can block approval; every other unmet finding is advice,
and a point the rule could not decide waits for the reviewer's judgement. Public surface::

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
    assess_as_reviewed,
    assessment_as_dict,
    summary_text,
    verdict_text,
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
    "assess_as_reviewed",
    "assessment_as_dict",
    "summary_text",
    "verdict_text",
]
