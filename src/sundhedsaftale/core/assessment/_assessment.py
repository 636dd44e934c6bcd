"""Sundhedsstyrelsen's assessment of one agreement: the assessment rules' findings, grouped and reviewed."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, replace
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from ..case import FindingReview, RegionCase, Verdict, review_gaps
from ..errors import CaseError, SundhedsaftaleError
from ..periods import danish_date
from ..rules import Finding, Status, finding_as_dict

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
    "assess_as_reviewed",
    "assessment_as_dict",
    "summary_text",
    "verdict_text",
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


@dataclass(frozen=True)
class AssessmentItem:
    """One finding of the assessment, under its heading, with the reviewer's verdict if there is one.

    Only an approval criterion (vejledningens afsnit 5.2) can stand in the way of approval. Every other unmet
    finding — a recommendation, or a requirement such as the formal data of afsnit 5.1 — is remedied by advice.
    A point the rule could not decide reaches neither the decision nor the letter until a reviewer judges it.
    """

    finding: Finding
    topic: Topic
    review: FindingReview | None = None

    @property
    def criterion(self) -> bool:
        return self.finding.approval_criterion

    @property
    def overruled(self) -> bool:
        return self.review is not None and self.review.verdict is Verdict.OVERRULED

    @property
    def awaiting_judgement(self) -> bool:
        """The rule could not decide and no reviewer has judged it yet."""
        return self.finding.status is Status.NEEDS_JUDGEMENT and self.review is None

    @property
    def stands(self) -> bool:
        """The finding's point holds: unmet as the rule found, or judged so by the reviewer.

        A part the case does not record can still become advice: the reviewer who read the agreement writes it
        (an edited verdict); accepting "not recorded" says nothing.
        """
        if self.overruled or (self.review is None and self.finding.status is not Status.NOT_MET):
            return False
        if self.finding.status in (Status.NOT_MET, Status.NEEDS_JUDGEMENT):
            return True
        return (
            self.finding.status is Status.NOT_RECORDED
            and self.review is not None
            and self.review.verdict is Verdict.EDITED
        )

    @property
    def blocks_approval(self) -> bool:
        return self.criterion and self.stands

    @property
    def is_advice(self) -> bool:
        return not self.criterion and self.stands

    @property
    def verdict_label(self) -> str:
        """The reviewer's verdict in words that fit the finding: on a point the rule left to judgement, whether
        the criterion is met or the point becomes advice; otherwise tiltrådt, redigeret or tilsidesat."""
        if self.review is None:
            return ""
        if self.finding.status not in (Status.NEEDS_JUDGEMENT, Status.NOT_RECORDED):
            return self.review.verdict.label
        if self.criterion:
            return "Vurderet ikke opfyldt" if self.stands else "Vurderet opfyldt"
        if self.stands:
            edited = self.review.verdict is Verdict.EDITED
            return "Vurderet: gives som rådgivning" + (" med egen tekst" if edited else "")
        return "Vurderet: ingen rådgivning"

    @property
    def text(self) -> str:
        """The reviewer's wording when the finding was edited, else the rule's own explanation."""
        if self.review is not None and self.review.verdict is Verdict.EDITED:
            return self.review.text
        return self.finding.explanation

    @property
    def letter_text(self) -> str:
        """What a letter says of the finding: the reviewer's wording, else the rule's advice, else its explanation."""
        if self.review is not None and self.review.verdict is Verdict.EDITED:
            return self.review.text
        return self.finding.advice or self.finding.explanation

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
    # Assessment rules whose guidance was not yet in force on ``at`` (a review under the predecessor guidance,
    # whose advice the platform does not hold): said in the report, never silently left out.
    not_in_force: tuple[str, ...] = ()

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
    def awaiting_judgement(self) -> tuple[AssessmentItem, ...]:
        return tuple(i for i in self.items if i.awaiting_judgement)

    @property
    def undecided_criteria(self) -> tuple[AssessmentItem, ...]:
        """Approval criteria the rule could not decide and no reviewer has judged: no decision before them."""
        return tuple(i for i in self.awaiting_judgement if i.criterion)

    @property
    def overruled(self) -> tuple[AssessmentItem, ...]:
        return tuple(i for i in self.items if i.overruled)

    @property
    def approvable(self) -> bool:
        """Every approval criterion is met (by the rule or by the reviewer's judgement)."""
        return not self.blocking and not self.undecided_criteria

    def item(self, rule_id: str) -> AssessmentItem | None:
        return next((i for i in self.items if i.finding.rule_id == rule_id), None)


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
            f"Sundhedsstyrelsens vurderingsregler gælder fra {danish_date(start)} (bek. nr. 1248/2022); "
            f"{danish_date(at)} ligger før"
        )
    absent = tuple(r for r in ASSESSMENT_RULE_IDS if not book.get(r).in_force(at))
    findings = book.evaluate(case, at, rule_ids=frozenset(ASSESSMENT_RULE_IDS), subject_id=agreement_id)
    items = [
        AssessmentItem(f, _TOPICS.get(f.rule_id, Topic.OTHER))
        for f in sorted(findings, key=lambda f: (_TOPIC_ORDER[_TOPICS[f.rule_id]], _RULE_ORDER[f.rule_id]))
    ]
    version = agreement.version_number or next(
        (s.version_number for s in reversed(agreement.submissions) if s.version_number), ""
    )
    return Assessment(agreement.id, agreement.title, version, at, tuple(items), absent)


def assess_as_reviewed(platform: Platform, case: RegionCase, agreement_id: str, at: dt.date) -> Assessment:
    """The assessment with the verdicts recorded in the case on the submission under review (the latest one
    received on or before ``at``), so that a case file reproduces a reviewed decision."""
    result = assess(platform, case, agreement_id, at)
    agreement = case.agreement(agreement_id)
    assert agreement is not None  # assess refused an unknown agreement
    received = [s for s in agreement.submissions if s.received_on is not None and s.received_on <= at]
    if not received:
        return result
    under_review = max(received, key=lambda s: (s.received_on, s.submitted_on))
    return apply_reviews(result, under_review.reviews)


def _check_review(review: FindingReview, known: set[str]) -> None:
    if review.rule_id not in known:
        listed = ", ".join(sorted(known))
        raise AssessmentError(f"vurderingen har intet fund for reglen '{review.rule_id}' (fund: {listed})")
    if missing := review_gaps(review):
        raise AssessmentError(
            f"fundet for '{review.rule_id}' er {review.verdict.label.lower()} uden "
            f"{' og '.join(missing)}; {review.verdict.label.lower()} kræver {' og '.join(missing)}"
        )


def apply_reviews(assessment: Assessment, reviews: Iterable[FindingReview]) -> Assessment:
    """The assessment with the reviewer's verdicts. An overruled criterion no longer blocks approval; a judged
    point stands or falls as the reviewer decided.

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
            item = replace(item, review=found)
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
        "not_in_force": list(assessment.not_in_force),
        "summary": {
            "blocking": len(assessment.blocking),
            "undecided_criteria": len(assessment.undecided_criteria),
            "awaiting_judgement": len(assessment.awaiting_judgement),
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
                "approval_criterion": item.criterion,
                "blocks_approval": item.blocks_approval,
                "awaiting_judgement": item.awaiting_judgement,
                "is_advice": item.is_advice,
                "text": item.text,
                "letter_text": item.letter_text,
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
        lines.append(f"      {item.verdict_label}{who}{when}{why}")
    return lines


def verdict_text(assessment: Assessment) -> str:
    """One sentence on whether the agreement can be approved, naming what stands in the way."""
    if assessment.blocking:
        n = len(assessment.blocking)
        return (
            f"Aftalen kan ikke godkendes: {n} {'godkendelseskriterium' if n == 1 else 'godkendelseskriterier'} "
            "(vejledningens afsnit 5.2) er ikke opfyldt."
        )
    if assessment.undecided_criteria:
        n = len(assessment.undecided_criteria)
        return (
            f"Aftalen kan ikke afgøres endnu: {n} {'godkendelseskriterium' if n == 1 else 'godkendelseskriterier'} "
            "(vejledningens afsnit 5.2) kræver en faglig vurdering."
        )
    advice = len(assessment.advice)
    tail = f" {advice} {'punkt' if advice == 1 else 'punkter'} gives som rådgivning." if advice else ""
    return "Aftalen kan godkendes: godkendelseskriterierne i vejledningens afsnit 5.2 er opfyldt." + tail


def summary_text(assessment: Assessment) -> str:
    """A plain-text report in Danish: what blocks approval first, then what needs judgement, advice and met."""
    version = f", version {assessment.version_number}" if assessment.version_number else ""
    lines = [
        f"Sundhedsstyrelsens vurdering af »{assessment.agreement_title}« ({assessment.agreement_id}{version}), "
        f"{danish_date(assessment.at)}",
        verdict_text(assessment),
    ]
    if assessment.not_in_force:
        lines.append(
            f"{len(assessment.not_in_force)} vurderingspunkter efter vejledning nr. 9008/2024 gjaldt endnu ikke på "
            f"datoen og indgår ikke ({', '.join(assessment.not_in_force)}); godkendelseskriterierne og de formelle "
            "krav var de samme i den tidligere vejledning."
        )
    not_applicable = tuple(
        i
        for i in assessment.items
        if i.finding.status in (Status.NOT_APPLICABLE, Status.NOT_RECORDED)
        and not i.stands
        and not i.overruled
    )
    sections = (
        ("Hindrer godkendelse", assessment.blocking),
        (
            "Kræver faglig vurdering (indgår ikke i brevet, før den er vurderet)",
            assessment.awaiting_judgement,
        ),
        ("Rådgivning", assessment.advice),
        ("Opfyldt", assessment.met),
        ("Tilsidesat, eller vurderet til ikke at stå, af den, der vurderer", assessment.overruled),
        ("Ikke relevant eller ikke registreret", not_applicable),
    )
    for heading, items in sections:
        if not items:
            continue
        lines += ["", f"{heading} ({len(items)}):"]
        for item in items:
            lines += _item_lines(item)
    return "\n".join(lines) + "\n"
