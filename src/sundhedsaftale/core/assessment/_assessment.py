"""Sundhedsstyrelsen's assessment of one agreement: the assessment rules' findings, grouped and reviewed."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, replace
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from ..case import RegionCase
from ..errors import CaseError, SundhedsaftaleError
from ..periods import danish_date
from ..rules import Finding, RuleKind, Status, finding_as_dict

if TYPE_CHECKING:  # the platform package imports the rulebook; only its type is needed here
    from .. import Platform

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


class AssessmentError(SundhedsaftaleError):
    """A review that cannot be applied: unknown rule, or a verdict without the text or reason it needs."""


class Topic(StrEnum):
    """The headings under which the authority's letter discusses an agreement."""

    FORMAL = "formal"
    NATIONAL_GOALS = "national_goals"
    BASIS = "basis"
    SUB_GOALS = "sub_goals"
    CLUSTER_GOALS = "cluster_goals"
    COLLABORATION_AGREEMENTS = "collaboration_agreements"
    DATA = "data"
    GENERAL_PRACTICE = "general_practice"
    OTHER = "other"

    @property
    def label(self) -> str:
        return _TOPIC_LABELS[self]


_TOPIC_LABELS = {
    Topic.FORMAL: "Formelle oplysninger",
    Topic.NATIONAL_GOALS: "Sammenhæng til de nationale mål",
    Topic.BASIS: "Afsæt i grundlaget for målgrupper og indsatser",
    Topic.SUB_GOALS: "Delmål og succeskriterier",
    Topic.CLUSTER_GOALS: "Mål i sundhedsklyngerne",
    Topic.COLLABORATION_AGREEMENTS: "Samarbejdsaftaler",
    Topic.DATA: "Dataunderstøttelse",
    Topic.GENERAL_PRACTICE: "Almen praksis",
    Topic.OTHER: "Øvrigt",
}

# The rules of the assessment and the heading each belongs under, in the order of the letter.
_TOPICS: dict[str, Topic] = {
    "aftale.formelle-oplysninger": Topic.FORMAL,
    "vurdering.bilag": Topic.FORMAL,
    "vurdering.nationale-maal": Topic.NATIONAL_GOALS,
    "vurdering.grundlag-maalgrupper": Topic.BASIS,
    "vurdering.delmaal-succeskriterier": Topic.SUB_GOALS,
    "vurdering.klyngemaal": Topic.CLUSTER_GOALS,
    "vurdering.samarbejdsaftaler-ramme": Topic.COLLABORATION_AGREEMENTS,
    "vurdering.samarbejdsaftaler-tilpasset": Topic.COLLABORATION_AGREEMENTS,
    "vurdering.dataunderstoettelse": Topic.DATA,
    "vurdering.almen-praksis": Topic.GENERAL_PRACTICE,
}

ASSESSMENT_RULE_IDS: tuple[str, ...] = tuple(_TOPICS)
_RULE_ORDER = {rule_id: index for index, rule_id in enumerate(ASSESSMENT_RULE_IDS)}
_TOPIC_ORDER = {topic: index for index, topic in enumerate(Topic)}


class Verdict(StrEnum):
    ACCEPTED = "accepted"
    EDITED = "edited"
    OVERRULED = "overruled"

    @property
    def label(self) -> str:
        return {"accepted": "Tiltrådt", "edited": "Redigeret", "overruled": "Tilsidesat"}[self.value]


@dataclass(frozen=True)
class FindingReview:
    """A reviewer's verdict on one finding: accept it, reword it (with a reason) or overrule it (with a reason)."""

    rule_id: str
    verdict: Verdict
    text: str = ""
    reason: str = ""
    reviewer: str = ""
    reviewed_on: dt.date | None = None


@dataclass(frozen=True)
class AssessmentItem:
    finding: Finding
    topic: Topic
    blocks_approval: bool
    review: FindingReview | None = None

    @property
    def overruled(self) -> bool:
        return self.review is not None and self.review.verdict is Verdict.OVERRULED

    @property
    def text(self) -> str:
        """The reviewer's wording when the finding was edited, else the rule's own explanation."""
        if self.review is not None and self.review.verdict is Verdict.EDITED:
            return self.review.text
        return self.finding.explanation

    @property
    def is_advice(self) -> bool:
        return (
            self.finding.kind is RuleKind.RECOMMENDATION
            and self.finding.status in (Status.NOT_MET, Status.NEEDS_JUDGEMENT)
            and not self.overruled
        )

    @property
    def needs_judgement(self) -> bool:
        """A requirement the rule cannot decide alone (advice needing judgement counts as advice)."""
        return (
            self.finding.kind is RuleKind.REQUIREMENT
            and self.finding.status is Status.NEEDS_JUDGEMENT
            and not self.overruled
        )

    @property
    def citations(self) -> tuple[str, ...]:
        return tuple(p.label for p in self.finding.provisions)


@dataclass(frozen=True)
class Assessment:
    agreement_id: str
    agreement_title: str
    version_number: str
    at: dt.date
    items: tuple[AssessmentItem, ...]

    @property
    def blocking(self) -> tuple[AssessmentItem, ...]:
        return tuple(i for i in self.items if i.blocks_approval)

    @property
    def advice(self) -> tuple[AssessmentItem, ...]:
        return tuple(i for i in self.items if i.is_advice)

    @property
    def met(self) -> tuple[AssessmentItem, ...]:
        return tuple(i for i in self.items if i.finding.status is Status.MET and not i.overruled)

    @property
    def needs_judgement(self) -> tuple[AssessmentItem, ...]:
        return tuple(i for i in self.items if i.needs_judgement)

    @property
    def overruled(self) -> tuple[AssessmentItem, ...]:
        return tuple(i for i in self.items if i.overruled)

    @property
    def approvable(self) -> bool:
        return not self.blocking

    def item(self, rule_id: str) -> AssessmentItem | None:
        return next((i for i in self.items if i.finding.rule_id == rule_id), None)


def _blocks(finding: Finding, review: FindingReview | None) -> bool:
    overruled = review is not None and review.verdict is Verdict.OVERRULED
    return finding.breaks_requirement and not overruled


def assess(platform: Platform, case: RegionCase, agreement_id: str, at: dt.date) -> Assessment:
    """Evaluate the assessment rules for one agreement of ``case`` on ``at``."""
    agreement = case.agreement(agreement_id)
    if agreement is None:
        known = ", ".join(f"'{a.id}'" for a in case.agreements) or "ingen"
        raise CaseError(f"sundhedsaftalen '{agreement_id}' findes ikke i sagen (sagens aftaler: {known})")
    book = platform.rulebook
    if not any(book.get(r).in_force(at) for r in ASSESSMENT_RULE_IDS):
        start = min(book.get(r).validity.start for r in ASSESSMENT_RULE_IDS)
        raise CaseError(
            f"Sundhedsstyrelsens vurderingsregler gælder fra {danish_date(start)} (vejledning nr. 9008/2024); "
            f"{danish_date(at)} ligger før"
        )
    findings = book.evaluate(case, at, rule_ids=frozenset(ASSESSMENT_RULE_IDS), subject_id=agreement_id)
    items = [
        AssessmentItem(f, _TOPICS.get(f.rule_id, Topic.OTHER), _blocks(f, None), None)
        for f in sorted(findings, key=lambda f: (_TOPIC_ORDER[_TOPICS[f.rule_id]], _RULE_ORDER[f.rule_id]))
    ]
    version = agreement.version_number or next(
        (s.version_number for s in reversed(agreement.submissions) if s.version_number), ""
    )
    return Assessment(agreement.id, agreement.title, version, at, tuple(items))


def _check_review(review: FindingReview, known: set[str]) -> None:
    if review.rule_id not in known:
        listed = ", ".join(sorted(known))
        raise AssessmentError(f"vurderingen har intet fund for reglen '{review.rule_id}' (fund: {listed})")
    missing = []
    if review.verdict is Verdict.EDITED and not review.text.strip():
        missing.append("den redigerede tekst")
    if review.verdict in (Verdict.EDITED, Verdict.OVERRULED) and not review.reason.strip():
        missing.append("en begrundelse")
    if missing:
        raise AssessmentError(
            f"fundet for '{review.rule_id}' er {review.verdict.label.lower()} uden "
            f"{' og '.join(missing)}; {review.verdict.label.lower()} kræver {' og '.join(missing)}"
        )


def apply_reviews(assessment: Assessment, reviews: Iterable[FindingReview]) -> Assessment:
    """The assessment with the reviewer's verdicts. An overruled requirement no longer blocks approval.

    A review replaces an earlier review of the same finding in ``assessment``; two reviews of one finding in
    ``reviews`` are refused, since it would be unclear which the reviewer meant.
    """
    known = {i.finding.rule_id for i in assessment.items}
    by_rule: dict[str, FindingReview] = {}
    for review in reviews:
        _check_review(review, known)
        if review.rule_id in by_rule:
            raise AssessmentError(f"fundet for '{review.rule_id}' er vurderet to gange; angiv én vurdering")
        by_rule[review.rule_id] = review
    items = []
    for item in assessment.items:
        found = by_rule.get(item.finding.rule_id)
        if found is not None:
            item = replace(item, review=found, blocks_approval=_blocks(item.finding, found))
        items.append(item)
    return replace(assessment, items=tuple(items))


def _review_as_dict(review: FindingReview | None) -> dict[str, Any] | None:
    if review is None:
        return None
    return {
        "rule_id": review.rule_id,
        "verdict": review.verdict.value,
        "verdict_label": review.verdict.label,
        "text": review.text,
        "reason": review.reason,
        "reviewer": review.reviewer,
        "reviewed_on": review.reviewed_on.isoformat() if review.reviewed_on else None,
    }


def assessment_as_dict(assessment: Assessment) -> dict[str, Any]:
    """JSON-ready: the agreement, the verdict on approval, counts, and every item with its finding."""
    return {
        "agreement_id": assessment.agreement_id,
        "agreement_title": assessment.agreement_title,
        "version_number": assessment.version_number,
        "at": assessment.at.isoformat(),
        "approvable": assessment.approvable,
        "summary": {
            "blocking": len(assessment.blocking),
            "needs_judgement": len(assessment.needs_judgement),
            "advice": len(assessment.advice),
            "met": len(assessment.met),
            "overruled": len(assessment.overruled),
            "total": len(assessment.items),
        },
        "items": [
            {
                "rule_id": item.finding.rule_id,
                "topic": item.topic.value,
                "topic_label": item.topic.label,
                "blocks_approval": item.blocks_approval,
                "is_advice": item.is_advice,
                "text": item.text,
                "citations": list(item.citations),
                "review": _review_as_dict(item.review),
                "finding": finding_as_dict(item.finding),
            }
            for item in assessment.items
        ],
    }


def _item_lines(item: AssessmentItem) -> list[str]:
    finding = item.finding
    lines = [
        f"  [{item.topic.label}] {finding.kind.label}: {finding.rule_title} ({'; '.join(item.citations)})",
        f"      {item.text}",
    ]
    if item.review is not None:
        review = item.review
        who = f" af {review.reviewer}" if review.reviewer else ""
        when = f" {danish_date(review.reviewed_on)}" if review.reviewed_on else ""
        why = f": {review.reason}" if review.reason else ""
        lines.append(f"      {review.verdict.label}{who}{when}{why}")
    return lines


def summary_text(assessment: Assessment) -> str:
    """A plain-text report in Danish: what blocks approval first, then what needs judgement, advice and met."""
    version = f", version {assessment.version_number}" if assessment.version_number else ""
    blocking = assessment.blocking
    verdict = (
        "Aftalen kan godkendes: ingen krav hindrer godkendelse."
        if assessment.approvable
        else f"Aftalen kan ikke godkendes: {len(blocking)} krav er ikke opfyldt."
    )
    lines = [
        f"Sundhedsstyrelsens vurdering af »{assessment.agreement_title}« ({assessment.agreement_id}{version}), "
        f"{danish_date(assessment.at)}",
        verdict,
    ]
    not_applicable = tuple(i for i in assessment.items if i.finding.status is Status.NOT_APPLICABLE)
    sections = (
        ("Hindrer godkendelse", blocking),
        ("Kræver faglig vurdering", assessment.needs_judgement),
        ("Rådgivning", assessment.advice),
        ("Opfyldt", assessment.met),
        ("Tilsidesat af den, der vurderer", assessment.overruled),
        ("Ikke relevant", not_applicable),
    )
    for heading, items in sections:
        if not items:
            continue
        lines += ["", f"{heading} ({len(items)}):"]
        for item in items:
            lines += _item_lines(item)
    return "\n".join(lines) + "\n"
