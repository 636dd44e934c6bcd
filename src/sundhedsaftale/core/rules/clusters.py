"""Rules for the health clusters' two levels: the political level (§§ 2–8) and the professional-strategic
level (§§ 9–14) of bek. nr. 1248/2022."""

from __future__ import annotations

from collections.abc import Iterable

from ..case import MemberRole
from ._engine import RuleContext, rule
from ._explanations import say
from ._helpers import meeting_frequency, members, named, names
from ._types import Fact, Outcome, RuleKind, Status, SubjectKind

_MUNICIPAL_ALTERNATES = (MemberRole.COMMITTEE_CHAIR, MemberRole.MAGISTRATE_MEMBER)


@rule(
    id="klynge.politisk.formandskab",
    title="Delt formandskab i klyngens politiske niveau",
    kind=RuleKind.REQUIREMENT,
    subject=SubjectKind.POLITICAL_LEVEL,
    cites=["§ 4"],
)
def political_chairs(ctx: RuleContext) -> Outcome:
    """Formandskabet udgøres af regionsrådsformanden og en borgmester valgt af de deltagende kommuner."""
    chairs = members(ctx, lambda m: m.chair)
    regional = [m for m in chairs if m.role is MemberRole.REGIONAL_COUNCIL_CHAIR]
    municipal = [m for m in chairs if m.role in (MemberRole.MAYOR, *_MUNICIPAL_ALTERNATES)]
    facts = (Fact("formandskab", names(chairs)),)
    problems = []
    if not regional:
        problems.append(say("klynge.politisk.formandskab/no-regional-chair"))
    if len(municipal) != 1:
        problems.append(say("klynge.politisk.formandskab/municipal-chairs", count=len(municipal)))
    if len(chairs) > 2:
        problems.append(say("klynge.politisk.formandskab/too-many", count=len(chairs)))
    if problems:
        return Outcome(Status.NOT_MET, say("klynge.politisk.formandskab/not-met", problems=problems), facts)
    return Outcome(
        Status.MET,
        say("klynge.politisk.formandskab/met", regional=named(regional), municipal=named(municipal)),
        facts,
    )


@rule(
    id="klynge.politisk.moeder",
    title="Møder i klyngens politiske niveau",
    kind=RuleKind.REQUIREMENT,
    subject=SubjectKind.POLITICAL_LEVEL,
    cites=["§ 6, stk. 2"],
    parameters=["political_level.min_meetings_per_year"],
)
def political_meetings(ctx: RuleContext) -> Iterable[Outcome]:
    """Det politiske niveau mødes som minimum to gange årligt."""
    return meeting_frequency(
        index=ctx.index,
        subject=ctx.subject,
        at=ctx.at,
        minimum=ctx.param("political_level.min_meetings_per_year"),
        rule_start=ctx.rule.validity.start,
        body="political_level",
    )


@rule(
    id="klynge.faglig.formandskab",
    title="Delt formandskab i klyngens faglige strategiske niveau",
    kind=RuleKind.REQUIREMENT,
    subject=SubjectKind.PROFESSIONAL_LEVEL,
    cites=["§ 11, stk. 1", "§ 11, stk. 2"],
)
def professional_chairs(ctx: RuleContext) -> Outcome:
    """To formænd: én blandt de regionale og én blandt de kommunale repræsentanter."""
    chairs = members(ctx, lambda m: m.chair)
    regional = [m for m in chairs if m.role is MemberRole.REGIONAL_REPRESENTATIVE]
    municipal = [m for m in chairs if m.role is MemberRole.MUNICIPAL_REPRESENTATIVE]
    facts = (Fact("formænd", names(chairs)),)
    if len(regional) == 1 and len(municipal) == 1 and len(chairs) == 2:
        return Outcome(
            Status.MET,
            say("klynge.faglig.formandskab/met", regional=named(regional), municipal=named(municipal)),
            facts,
        )
    return Outcome(
        Status.NOT_MET,
        say(
            "klynge.faglig.formandskab/not-met",
            chairs=named(chairs),
            regional=len(regional),
            municipal=len(municipal),
        ),
        facts,
    )


@rule(
    id="klynge.faglig.moeder",
    title="Møder i klyngens faglige strategiske niveau",
    kind=RuleKind.REQUIREMENT,
    subject=SubjectKind.PROFESSIONAL_LEVEL,
    cites=["§ 13"],
    parameters=["professional_level.min_meetings_per_year"],
)
def professional_meetings(ctx: RuleContext) -> Iterable[Outcome]:
    """Det faglige strategiske niveau mødes minimum fire gange årligt."""
    return meeting_frequency(
        index=ctx.index,
        subject=ctx.subject,
        at=ctx.at,
        minimum=ctx.param("professional_level.min_meetings_per_year"),
        rule_start=ctx.rule.validity.start,
        body="professional_level",
    )
