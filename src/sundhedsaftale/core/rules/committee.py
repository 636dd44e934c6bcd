"""Rules for the health cooperation committee, sundhedssamarbejdsudvalget (§§ 15–18)."""

from __future__ import annotations

from collections.abc import Iterable

from ..case import BodyKind, MemberRole
from ._engine import RuleContext, rule
from ._explanations import say
from ._helpers import has_role, meeting_frequency, members, named, names
from ._types import Fact, Outcome, RuleKind, Status, SubjectKind

_COUNCIL = (MemberRole.REGIONAL_COUNCIL_CHAIR, MemberRole.REGIONAL_COUNCIL_MEMBER)
_MAYORS = (MemberRole.MAYOR, MemberRole.DEPUTY_MAYOR)


@rule(
    id="udvalg.formandskab",
    title="Formand og næstformand i sundhedssamarbejdsudvalget",
    kind=RuleKind.REQUIREMENT,
    subject=SubjectKind.COMMITTEE,
    cites=["§ 15, stk. 5"],
)
def committee_chairs(ctx: RuleContext) -> Outcome:
    """Formanden vælges blandt regionsrådets repræsentanter, næstformanden blandt borgmestrene."""
    present = members(ctx)
    chairs = [m for m in present if m.chair]
    vices = [m for m in present if m.vice_chair]
    facts = (Fact("formand", names(chairs)), Fact("næstformand", names(vices)))
    problems = []
    if len(chairs) != 1 or chairs[0].role not in _COUNCIL:
        problems.append(say("udvalg.formandskab/chair", chairs=named(chairs)))
    if len(vices) != 1 or vices[0].role not in _MAYORS:
        problems.append(say("udvalg.formandskab/vice", vices=named(vices)))
    if problems:
        return Outcome(Status.NOT_MET, say("udvalg.formandskab/not-met", problems=problems), facts)
    return Outcome(Status.MET, say("udvalg.formandskab/met", chairs=named(chairs), vices=named(vices)), facts)


@rule(
    id="udvalg.borgmester-er-klyngeformand",
    title="Klyngens borgmester i udvalget er klyngens kommunale formand",
    kind=RuleKind.RECOMMENDATION,
    subject=SubjectKind.COMMITTEE,
    cites=["afsnit 2.2.7"],
)
def committee_mayor_is_cluster_chair(ctx: RuleContext) -> Outcome:
    """Vejledningen: borgmesteren fra hver sundhedsklynge er samtidig den kommunale formand i klyngen."""
    mayors = members(ctx, has_role(*_MAYORS))
    mismatched = []
    for mayor in mayors:
        level = next(
            (
                b
                for b in ctx.index.bodies_of_cluster(mayor.cluster_id or "")
                if b.kind is BodyKind.POLITICAL_LEVEL
            ),
            None,
        )
        if level is None:
            continue
        municipal_chairs = [
            m
            for m in ctx.index.members_on(level, ctx.at)
            if m.chair and m.role is not MemberRole.REGIONAL_COUNCIL_CHAIR
        ]
        if not any(c.person_id == mayor.person_id for c in municipal_chairs):
            mismatched.append(
                say(
                    "udvalg.borgmester-er-klyngeformand/mismatch",
                    mayor=mayor.name,
                    level=level.name,
                    chairs=named(municipal_chairs),
                )
            )
    facts = (Fact("borgmestre i udvalget", names(mayors)),)
    if not mayors:
        return Outcome(Status.NOT_APPLICABLE, say("udvalg.borgmester-er-klyngeformand/no-mayors"), facts)
    if mismatched:
        return Outcome(
            Status.NOT_MET, say("udvalg.borgmester-er-klyngeformand/not-met", mismatched=mismatched), facts
        )
    return Outcome(Status.MET, say("udvalg.borgmester-er-klyngeformand/met"), facts)


@rule(
    id="udvalg.moeder",
    title="Møder i sundhedssamarbejdsudvalget",
    kind=RuleKind.REQUIREMENT,
    subject=SubjectKind.COMMITTEE,
    cites=["§ 16, stk. 2"],
    parameters=["committee.min_meetings_per_year"],
)
def committee_meetings(ctx: RuleContext) -> Iterable[Outcome]:
    """Sundhedssamarbejdsudvalget afholder mindst fire møder om året."""
    return meeting_frequency(
        index=ctx.index,
        subject=ctx.subject,
        at=ctx.at,
        minimum=ctx.param("committee.min_meetings_per_year"),
        rule_start=ctx.rule.validity.start,
        body="committee",
    )
