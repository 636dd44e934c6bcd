"""Terms of office follow the councils' election period (§§ 8, 14, 16, stk. 3, 26)."""

from __future__ import annotations

from collections.abc import Callable

from ..case import Body
from ._engine import RuleContext, rule
from ._explanations import Message, say
from ._types import Fact, Outcome, RuleKind, Status, SubjectKind


def _term_follows_period(ctx: RuleContext) -> Outcome:
    """Members sitting on the evaluation date were appointed for the current election period and not beyond it."""
    body: Body = ctx.subject
    period = ctx.election_period()
    if period is None:
        return Outcome(Status.NOT_APPLICABLE, say("shared.terms/no-period"))
    present = ctx.index.members_on(body, ctx.at, substitutes=True)
    carried = [m for m in present if m.start < period.start]
    beyond = [m for m in present if m.end is not None and m.end > period.end]
    facts = (
        Fact("valgperiode", period.label),
        Fact("medlemmer", len(present)),
        Fact("fra tidligere valgperiode", ", ".join(m.name for m in carried) or "ingen"),
        Fact("ud over valgperioden", ", ".join(m.name for m in beyond) or "ingen"),
    )
    problems = []
    if carried:
        problems.append(say("shared.terms/carried", names=[m.name for m in carried], start=period.start))
    if beyond:
        problems.append(say("shared.terms/beyond", names=[m.name for m in beyond], end=period.end))
    if problems:
        return Outcome(Status.NOT_MET, say("shared.terms/not-met", problems=problems), facts)
    # Made from its dictionary of facts, not through say's keywords: most findings of the rule are this one.
    met = Message("shared.terms/met", {"members": len(present), "period": period.label})
    return Outcome(Status.MET, met, facts)


def _declare(rule_id: str, kind: SubjectKind, cite: str, label: str) -> Callable[[RuleContext], Outcome]:
    def evaluate(ctx: RuleContext) -> Outcome:
        return _term_follows_period(ctx)

    evaluate.__doc__ = "Funktionsperioden følger regionsrådets og kommunalbestyrelsernes valgperiode."
    return rule(
        id=rule_id, title=f"Funktionsperiode i {label}", kind=RuleKind.REQUIREMENT, subject=kind, cites=[cite]
    )(evaluate)  # type: ignore[return-value]


political_terms = _declare(
    "klynge.politisk.funktionsperiode",
    SubjectKind.POLITICAL_LEVEL,
    "§ 8, stk. 1",
    "klyngens politiske niveau",
)
professional_terms = _declare(
    "klynge.faglig.funktionsperiode",
    SubjectKind.PROFESSIONAL_LEVEL,
    "§ 14",
    "klyngens faglige strategiske niveau",
)
committee_terms = _declare(
    "udvalg.funktionsperiode", SubjectKind.COMMITTEE, "§ 16, stk. 3", "sundhedssamarbejdsudvalget"
)
patient_committee_terms = _declare(
    "pi-udvalg.funktionsperiode", SubjectKind.PATIENT_COMMITTEE, "§ 26, stk. 1", "patientinddragelsesudvalget"
)
