"""Rules about how meetings are held: who chairs (§§ 6, 17, 27), dialogue with the patient involvement
committee (§ 30, stk. 2) and the committee's yearly meeting with it (vejledningens afsnit 2.2.8)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable

from ..calendar import year_progress
from ..case import Body, CasePart, Meeting, MeetingKind, MeetingStatus, Relevance
from ._engine import RuleContext, rule
from ._explanations import Message, say
from ._helpers import not_recorded
from ._types import Fact, Outcome, RuleKind, Status, SubjectKind

LOOKBACK = dt.timedelta(days=365)


def _recent_held(ctx: RuleContext, body: Body) -> list[Meeting]:
    return [
        m
        for m in ctx.index.meetings_of(body.id)
        if m.status is MeetingStatus.HELD and ctx.at - LOOKBACK <= m.date <= ctx.at
    ]


def _chairing(ctx: RuleContext, *, vice_may_stand_in: bool, body_key: str) -> Outcome:
    """Held meetings of the last 12 months were led by the chair(s), or by the vice chair when the chair was absent."""
    if not ctx.case.records(CasePart.MEETINGS):
        return not_recorded(CasePart.MEETINGS)
    body: Body = ctx.subject
    meetings = [m for m in _recent_held(ctx, body) if m.chaired_by]
    if not meetings:
        return Outcome(Status.NOT_APPLICABLE, say("shared.chairing/no-meetings"))
    wrong: list[Message] = []
    for meeting in meetings:
        seated = ctx.index.members_on(body, meeting.date)
        chairs = {m.person_id for m in seated if m.chair}
        vices = {m.person_id for m in seated if m.vice_chair}
        absent = {a.person_id for a in meeting.attendance if not a.present}
        if meeting.chaired_by in chairs:
            continue
        if vice_may_stand_in and meeting.chaired_by in vices and chairs and chairs <= absent:
            continue
        leader = next(
            (a.name for a in meeting.attendance if a.person_id == meeting.chaired_by), meeting.chaired_by
        )
        reason = "chair-present" if meeting.chaired_by in vices else "not-chair"
        wrong.append(say(f"shared.chairing/{reason}", date=meeting.date, leader=leader))
    facts = (Fact("møder med registreret mødeleder", len(meetings)), Fact("afvigelser", len(wrong)))
    if wrong:
        return Outcome(
            Status.NOT_MET,
            say("shared.chairing/not-met", body=say(f"shared.bodies/{body_key}"), wrong=wrong),
            facts,
        )
    key = "shared.chairing/met-or-vice" if vice_may_stand_in else "shared.chairing/met"
    return Outcome(Status.MET, say(key, meetings=len(meetings)), facts)


def _declare_chairing(
    kind: SubjectKind, cite: str, vice: bool, label: str, rule_id: str
) -> Callable[[RuleContext], Outcome]:
    def evaluate(ctx: RuleContext) -> Outcome:
        return _chairing(ctx, vice_may_stand_in=vice, body_key=kind.value)

    evaluate.__doc__ = (
        "Formanden leder møderne; ved formandens forfald fungerer næstformanden som formand."
        if vice
        else "Formandskabet leder møderne i det politiske niveau."
    )
    return rule(
        id=rule_id,
        title=f"Mødeledelse i {label.lower()}",
        kind=RuleKind.REQUIREMENT,
        subject=kind,
        cites=[cite],
    )(evaluate)  # type: ignore[return-value]


political_chairing = _declare_chairing(
    SubjectKind.POLITICAL_LEVEL, "§ 6, stk. 1", False, "Det politiske niveau", "klynge.politisk.moedeledelse"
)
committee_chairing = _declare_chairing(
    SubjectKind.COMMITTEE, "§ 17, stk. 1", True, "Sundhedssamarbejdsudvalget", "udvalg.moedeledelse"
)
patient_committee_chairing = _declare_chairing(
    SubjectKind.PATIENT_COMMITTEE,
    "§ 27, stk. 1",
    True,
    "Patientinddragelsesudvalget",
    "pi-udvalg.moedeledelse",
)


@rule(
    id="klynge.politisk.dialogmoeder",
    title="Dialogmøder med patientinddragelsesudvalget i klyngens politiske niveau",
    kind=RuleKind.REQUIREMENT,
    subject=SubjectKind.POLITICAL_LEVEL,
    cites=["§ 30, stk. 2", "§ 7, stk. 1"],
)
def political_dialogue(ctx: RuleContext) -> Outcome:
    """Repræsentanter for patientinddragelsesudvalget inviteres som minimum til dialogmøder om konkrete emner."""
    if not ctx.case.records(CasePart.MEETINGS):
        return not_recorded(CasePart.MEETINGS)
    body: Body = ctx.subject
    invited = [m for m in _recent_held(ctx, body) if m.patient_committee_invited]
    facts = (Fact("møder med inviterede fra patientinddragelsesudvalget (12 mdr.)", len(invited)),)
    if invited:
        dates = [say("shared.dates/date", date=m.date) for m in invited]
        return Outcome(
            Status.MET, say("klynge.politisk.dialogmoeder/met", invited=len(invited), dates=dates), facts
        )
    return Outcome(Status.NEEDS_JUDGEMENT, say("klynge.politisk.dialogmoeder/none"), facts)


def _working_groups(ctx: RuleContext, groups: list[Body], where: str, cite: str) -> Outcome:
    """Representatives of the patient involvement committee are invited to the *relevant* groups: a group
    recorded as not relevant (with a reason) needs no invitation, one whose relevance nobody assessed is a
    question for judgement, and a relevant group without an invitation breaks the rule. ``where`` is "cluster" or
    "committee"."""
    if not groups:
        return Outcome(Status.NOT_APPLICABLE, say(f"shared.working-groups/none-{where}"))
    invited = [g for g in groups if g.patient_committee_invited]
    not_relevant = [
        g
        for g in groups
        if not g.patient_committee_invited and g.patient_committee_relevance is Relevance.NOT_RELEVANT
    ]
    missing = [
        g
        for g in groups
        if not g.patient_committee_invited and g.patient_committee_relevance is Relevance.RELEVANT
    ]
    unassessed = [
        g for g in groups if not g.patient_committee_invited and g.patient_committee_relevance is None
    ]
    facts = (
        Fact("arbejdsgrupper", len(groups)),
        Fact("inviteret", ", ".join(g.name for g in invited) or "ingen"),
        Fact("vurderet ikke relevante", ", ".join(g.name for g in not_relevant) or "ingen"),
        Fact("relevante uden invitation", ", ".join(g.name for g in missing) or "ingen"),
        Fact("ikke vurderet", ", ".join(g.name for g in unassessed) or "ingen"),
    )
    # The reason a region wrote is shown as written (free text).
    reasons = [
        say(
            "shared.working-groups/not-relevant-because",
            group=g.name,
            reason=g.patient_committee_relevance_reason,
        )
        if g.patient_committee_relevance_reason
        else say("shared.working-groups/not-relevant", group=g.name)
        for g in not_relevant
    ]
    if missing:
        return Outcome(
            Status.NOT_MET,
            say(
                "shared.working-groups/missing",
                cite=cite,
                groups=[g.name for g in missing],
                reasons=reasons,
            ),
            facts,
        )
    if unassessed:
        return Outcome(
            Status.NEEDS_JUDGEMENT,
            say(
                "shared.working-groups/unassessed",
                cite=cite,
                groups=[g.name for g in unassessed],
                reasons=reasons,
            ),
            facts,
        )
    return Outcome(
        Status.MET,
        say("shared.working-groups/some", invited=len(invited), groups=len(groups), reasons=reasons)
        if not_relevant
        else say("shared.working-groups/all", groups=len(groups)),
        facts,
    )


@rule(
    id="klynge.arbejdsgrupper.patienter",
    title="Patientinddragelsesudvalget inviteres til klyngens relevante arbejdsgrupper",
    kind=RuleKind.REQUIREMENT,
    subject=SubjectKind.CLUSTER,
    cites=["§ 30, stk. 3"],
)
def cluster_working_groups(ctx: RuleContext) -> Outcome:
    """Repræsentanter fra patientinddragelsesudvalget vil skulle inviteres, hvis sundhedsklyngerne nedsætter
    relevante arbejdsgrupper og udviklingsprojekter. Om en gruppe er relevant, er en vurdering, der registreres."""
    if not ctx.case.records(CasePart.BODIES):
        return not_recorded(CasePart.BODIES)
    levels = {b.id for b in ctx.index.bodies_of_cluster(ctx.subject.id)}
    groups = ctx.index.children_of_any(levels)
    return _working_groups(ctx, groups, "cluster", "§ 30, stk. 3")


@rule(
    id="udvalg.arbejdsgrupper.patienter",
    title="Patientinddragelsesudvalget inviteres til udvalgets relevante arbejdsgrupper",
    kind=RuleKind.REQUIREMENT,
    subject=SubjectKind.COMMITTEE,
    cites=["afsnit 2.2.8"],
)
def committee_working_groups(ctx: RuleContext) -> Outcome:
    """Patientinddragelsesudvalget inviteres til at deltage i relevante arbejdsgrupper, der nedsættes af
    sundhedssamarbejdsudvalget."""
    body: Body = ctx.subject
    groups = ctx.index.children(body.id)
    return _working_groups(ctx, groups, "committee", "afsnit 2.2.8")


@rule(
    id="udvalg.aarligt-moede-piu",
    title="Årlig invitation af patientinddragelsesudvalget til et møde om samarbejdet",
    kind=RuleKind.REQUIREMENT,
    subject=SubjectKind.COMMITTEE,
    cites=["afsnit 2.2.8"],
    parameters=["committee.min_patient_committee_meetings_per_year"],
)
def committee_invites_patient_committee(ctx: RuleContext) -> Iterable[Outcome]:
    """Sundhedssamarbejdsudvalget vil årligt skulle invitere patientinddragelsesudvalget til et møde om
    samarbejdet: pligten er invitationen, også hvis mødet siden blev aflyst eller ligger senere på året."""
    if not ctx.case.records(CasePart.MEETINGS):
        return [not_recorded(CasePart.MEETINGS)]
    body: Body = ctx.subject
    minimum: int = ctx.param("committee.min_patient_committee_meetings_per_year")
    outcomes: list[Outcome] = []
    for year in (ctx.at.year - 1, ctx.at.year):
        progress = year_progress(year, ctx.at)
        if dt.date(year, 1, 1) < ctx.rule.validity.start:
            continue
        if not any(
            m.start <= progress.end and (m.end is None or m.end >= progress.start) for m in body.memberships
        ):
            continue
        invitations = sorted(
            (
                m
                for m in ctx.index.meetings_in_year(body.id, year)
                if m.kind is MeetingKind.PATIENT_COMMITTEE_ANNUAL and m.patient_committee_invited
            ),
            key=lambda m: m.date,
        )
        facts = (
            Fact("år", year),
            Fact("invitationer", [f"{m.date.isoformat()} ({m.status.value})" for m in invitations]),
            Fact("mindst", minimum),
        )
        listed = [say(f"udvalg.aarligt-moede-piu/{m.status.value}", date=m.date) for m in invitations]
        if len(invitations) >= minimum:
            outcomes.append(
                Outcome(Status.MET, say("udvalg.aarligt-moede-piu/met", year=year, listed=listed), facts)
            )
        elif progress.finished:
            outcomes.append(
                Outcome(Status.NOT_MET, say("udvalg.aarligt-moede-piu/not-met", year=year), facts)
            )
        else:
            outcomes.append(
                Outcome(Status.NOT_YET_DUE, say("udvalg.aarligt-moede-piu/not-yet-due", year=year), facts)
            )
    return outcomes
