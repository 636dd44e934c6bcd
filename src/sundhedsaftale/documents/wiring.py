"""From a case to a letter's input: the legal calendar gives the dates, the law corpus the guidance in force,
the assessment the content.

This is the one place where the documents meet the rulebook. ``letters.py`` only writes what it is given;
here it is decided *whether* a letter may be written at all: no letter without a received submission, no
approval while a requirement blocks it, no objection without a deficiency to name.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from sundhedsaftale.core.assessment import Assessment, AssessmentItem, Topic, Verdict, assess_as_reviewed
from sundhedsaftale.core.case import AuthorityDecisionKind, HealthAgreement, RegionCase
from sundhedsaftale.core.law import LawCorpus, LegalSource, SourceKind
from sundhedsaftale.core.lifecycle import agreement_dates
from sundhedsaftale.core.rules import Status

from .letters import GuidanceRef, LetterContact, LetterError, LetterInput, LetterKind

if TYPE_CHECKING:  # the platform package loads the whole rulebook; only its type is needed here
    from sundhedsaftale.core import Platform

__all__ = ["compact_citation", "guidance_in_force", "letter_input_for"]

_DECISION_OF = {
    LetterKind.APPROVAL: AuthorityDecisionKind.APPROVED,
    LetterKind.OBJECTION: AuthorityDecisionKind.OBJECTION,
}

_POSITIVE = {
    Topic.NATIONAL_GOALS: (
        "Sundhedsstyrelsen vurderer, at aftalens fælles, forpligtende målsætninger hænger sammen med de "
        "nationale mål for sundhedsvæsenet, jf. vejledningens afsnit 3.2 og 5.2."
    ),
    Topic.BASIS: (
        "Sundhedsstyrelsen vurderer, at aftalen er udarbejdet med afsæt i det fælles grundlag for samarbejde "
        "om målgrupper og indsatser, jf. vejledningens afsnit 3.4 og 5.2."
    ),
}
_NEGATIVE = {
    Topic.NATIONAL_GOALS: (
        "Sundhedsstyrelsen vurderer, at aftalen ikke i tilstrækkelig grad viser, hvordan de fælles, "
        "forpligtende målsætninger hænger sammen med de nationale mål for sundhedsvæsenet, jf. vejledningens "
        "afsnit 3.2 og 5.2."
    ),
    Topic.BASIS: (
        "Sundhedsstyrelsen vurderer, at det ikke er tilstrækkeligt dokumenteret, at aftalen bygger på det fælles "
        "grundlag for samarbejde om målgrupper og indsatser, jf. vejledningens afsnit 3.4 og 5.2."
    ),
}


def letter_input_for(
    platform: Platform,
    case: RegionCase,
    agreement_id: str,
    kind: LetterKind,
    at: dt.date,
    *,
    assessment: Assessment | None = None,
    remarks: Sequence[str] = (),
    deficiencies: Sequence[tuple[str, str]] = (),
    general_assessment: str = "",
    remedy_deadline: dt.date | None = None,
    reference: str = "",
    contact: LetterContact | None = None,
) -> LetterInput:
    """The input for ``kind`` of letter about one agreement, dated ``at``; raises :class:`LetterError` when the
    letter may not be written.

    ``assessment`` defaults to :func:`~sundhedsaftale.core.assessment.assess_as_reviewed` on ``at``: the
    verdicts recorded in the case apply. ``deficiencies`` given explicitly replace those of the assessment; a
    ``remedy_deadline`` given explicitly is used when the case records none.
    """
    agreement = case.agreement(agreement_id)
    if agreement is None:
        known = ", ".join(a.id for a in case.agreements) or "ingen"
        raise LetterError(
            kind, "agreement_id", f"aftalen '{agreement_id}' findes ikke i sagen (aftaler: {known})"
        )
    if not any(s.received_on is not None for s in agreement.submissions):
        raise LetterError(
            kind,
            "received_on",
            "Sundhedsstyrelsen har ikke modtaget aftalen (ingen indsendelse med modtagelsesdato)",
        )
    dates = agreement_dates(platform, case, agreement, at)
    if dates.received_on is None:
        raise LetterError(
            kind, "received_on", "aftalens seneste indsendelse er ikke modtaget af Sundhedsstyrelsen"
        )
    base = LetterInput(
        kind=kind,
        letter_date=at,
        reference=reference,
        received_on=dates.received_on,
        version_label=_submitted_version(agreement, dates.received_on),
        review_deadline=dates.review_deadline,
        other_remarks=tuple(r for r in remarks if r.strip()),
        # The assessment is made on the letter date, so the guidance in force then is the one it applies.
        guidance=guidance_in_force(platform.corpus, at),
        guidance_at_receipt=guidance_in_force(platform.corpus, dates.received_on),
        contact=contact or LetterContact(),
    )
    if kind is LetterKind.RECEIPT:
        return base

    recorded = next((d for d in agreement.decisions if d.decided_on == dates.decided_on), None)
    if recorded is not None and recorded.kind is not _DECISION_OF[kind]:
        raise LetterError(
            kind,
            "decided_on",
            f"den registrerede afgørelse af {recorded.decided_on.isoformat()} er "
            f"{'en godkendelse' if recorded.kind is AuthorityDecisionKind.APPROVED else 'en indsigelse'}",
        )
    if assessment is None:
        assessment = assess_as_reviewed(platform, case, agreement_id, at)
    # Advice is what the assessment upholds and is not an approval criterion: unmet recommendations, the formal
    # data of afsnit 5.1, and the points a reviewer judged to stand. Open questions never reach a letter.
    advice = tuple((item.letter_text, compact_citation(item.citations)) for item in assessment.advice)
    if kind is LetterKind.APPROVAL:
        _refuse_unapprovable(kind, assessment)
        return replace(
            base,
            decided_on=dates.decided_on or at,
            general_assessment=general_assessment
            or (
                "Sundhedsstyrelsen vurderer, at sundhedsaftalen beskriver en samlet ramme for samarbejdet mellem "
                "regionen, kommunerne og almen praksis, og at den opfylder kravene i bekendtgørelsen og "
                "vejledningen."
            ),
            national_goals_assessment=_topic_paragraph(assessment, Topic.NATIONAL_GOALS),
            basis_assessment=_topic_paragraph(assessment, Topic.BASIS),
            advice=advice,
            effective_date=dates.effective_date,
            expires_on=dates.expires_on,
            next_yearly_review_due=dates.next_yearly_review_due,
            midterm_status_due=dates.midterm_status_due,
            midterm_status_guidance_due=dates.midterm_status_guidance_due,
            final_status_due=dates.final_status_due,
        )

    named = tuple(deficiencies) or tuple(
        (item.text, compact_citation(item.citations)) for item in assessment.blocking
    )
    if not named:
        raise LetterError(
            kind,
            "deficiencies",
            "intet krav hindrer godkendelse, og der er ikke angivet mangler at gøre indsigelse om",
        )
    return replace(
        base,
        decided_on=dates.decided_on or at,
        general_assessment=general_assessment,
        national_goals_assessment=_topic_paragraph(assessment, Topic.NATIONAL_GOALS),
        basis_assessment=_topic_paragraph(assessment, Topic.BASIS),
        advice=advice,
        deficiencies=named,
        remedy_deadline=dates.remedy_deadline or remedy_deadline,
    )


def guidance_in_force(corpus: LawCorpus, day: dt.date) -> GuidanceRef | None:
    """The guidance in force on ``day`` as a letter names it (from ``sources.yaml``); None before any is known."""
    in_force = [s for s in corpus.sources_in_force(day) if s.kind is SourceKind.GUIDANCE]
    if not in_force:
        return None
    source = max(in_force, key=lambda s: s.issued)
    # "Vejledning om sundhedsklynger, …" → "vejledning nr. 9008 af 11. januar 2024 om sundhedsklynger, …"
    first, _, rest = source.title.partition(" ")
    subject = rest if first.lower() == "vejledning" and rest else source.title
    return GuidanceRef(
        id=source.id,
        name=f"{source.short} {subject}",
        issued=source.issued,
        in_force_from=source.validity.start
        if source.validity and source.validity.start > dt.date.min
        else None,
        approval_requirements_unchanged=_approval_requirements_unchanged(corpus, source),
    )


# The formal requirements for approval: the data the agreement must state and the criteria approval rests on.
_APPROVAL_REQUIREMENTS = ("afsnit 5.1", "afsnit 5.2")


def _approval_requirements_unchanged(corpus: LawCorpus, source: LegalSource) -> bool | None:
    """True when the source records (``unchanged_from_predecessor`` in ``sources.yaml``, with its own source)
    that its approval requirements are those of the guidance it replaced; None when nothing is recorded."""
    if not source.unchanged:
        return None
    recorded = {
        corpus.resolve(f"{source.id} {unit}").id for group in source.unchanged for unit in group.units
    }
    wanted = {corpus.resolve(f"{source.id} {unit}").id for unit in _APPROVAL_REQUIREMENTS}
    return True if wanted <= recorded else None


def _submitted_version(agreement: HealthAgreement, received_on: dt.date) -> str:
    """The version label the region gave the received submission, else the agreement's version number."""
    submission = next((s for s in agreement.submissions if s.received_on == received_on), None)
    label = submission.version_number.strip() if submission is not None else ""
    return label or agreement.version_number.strip()


def _refuse_unapprovable(kind: LetterKind, assessment: Assessment) -> None:
    if assessment.blocking:
        first = assessment.blocking[0]
        raise LetterError(
            kind,
            "assessment",
            f"vurderingen hindrer godkendelse ({len(assessment.blocking)} godkendelseskriterier ikke opfyldt, fx "
            f"{first.finding.rule_title.lower()}); skriv i stedet en indsigelse",
        )
    # The approval must state both conditions of vejl. afsnit 5.2; a criterion the rule could not decide needs a
    # reviewer's verdict before the letter can say anything about it.
    for item in assessment.undecided_criteria:
        raise LetterError(
            kind,
            "assessment",
            f"'{item.finding.rule_title}' kræver en faglig vurdering, før aftalen kan godkendes",
        )


def _topic_paragraph(assessment: Assessment, topic: Topic) -> str:
    """The letter's paragraph on one of the two conditions of vejl. afsnit 5.2: the verdict and its findings."""
    items = [i for i in assessment.items if i.topic is topic]
    lead = _NEGATIVE[topic] if any(i.blocks_approval for i in items) else _POSITIVE[topic]
    details = [i.text.strip() for i in items if _speaks(i)]
    return " ".join([lead, *(d for d in details if d)])


def _speaks(item: AssessmentItem) -> bool:
    """Whether a finding's text belongs in the letter: facts and failures yes, open questions and overruled no."""
    if item.overruled:
        return False
    if item.review is not None and item.review.verdict is Verdict.EDITED:
        return True
    return item.finding.status is Status.MET or item.blocks_approval


def compact_citation(citations: Sequence[str]) -> str:
    """Citations as a letter writes them: ``vejledningens afsnit 4.1 og bekendtgørelsens § 20``.

    A citation covered by a broader one in the list (``afsnit 4.1, delelement 3`` under ``afsnit 4.1``) is left
    out, so a rule that cites every element of a framework does not fill a line.
    """
    kept = [c for c in dict.fromkeys(citations) if not any(c.startswith(f"{o}, ") for o in citations)]
    guidance = [c for c in kept if not c.startswith("§")]
    order = [c for c in kept if c.startswith("§")]
    parts = []
    if guidance:
        parts.append(f"vejledningens {_and(guidance)}")
    if order:
        parts.append(f"bekendtgørelsens {_and(order)}")
    return " og ".join(parts)


def _and(items: Sequence[str]) -> str:
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} og {items[-1]}"
