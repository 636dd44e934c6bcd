"""How the bodies are run: who serves them as secretariat (§§ 5, 12, 16, stk. 6, 26, stk. 3), their own rules of
procedure (§§ 6, stk. 3, 16, stk. 1, 27, stk. 4), the general practitioners' appointment on the political level
(§ 8, stk. 2) and the patient involvement committee's constituting meeting (§ 26, stk. 2).

Facts a secretariat has not entered are "ikke registreret", never a breach: the law sets no deadline for rules of
procedure, and the platform cannot tell an unrecorded secretariat from a missing one.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..case import AppointingBody, Body, CasePart, MeetingKind, MeetingStatus, MemberRole
from ._engine import RuleContext, rule
from ._explanations import say
from ._helpers import named, names, not_recorded, party
from ._types import Fact, Outcome, RuleKind, Status, SubjectKind

_LABELS = {
    SubjectKind.POLITICAL_LEVEL: "klyngens politiske niveau",
    SubjectKind.PROFESSIONAL_LEVEL: "klyngens faglige strategiske niveau",
    SubjectKind.COMMITTEE: "sundhedssamarbejdsudvalget",
    SubjectKind.PATIENT_COMMITTEE: "patientinddragelsesudvalget",
}

# --- Secretariat ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Secretariat:
    id: str
    subject: SubjectKind
    cite: str
    words: str  # who serves it, in the provision's words
    with_municipalities: (
        bool  # the municipalities take part (§§ 5, 12, 16, stk. 6), or the region alone (§ 26)
    )
    of_cluster: bool  # the cluster's municipalities (§§ 5, 12) or the region's (§ 16, stk. 6)


_SECRETARIATS = (
    _Secretariat(
        "klynge.politisk.sekretariat",
        SubjectKind.POLITICAL_LEVEL,
        "§ 5",
        "Regionsrådet yder sammen med kommunalbestyrelserne i sundhedsklyngen den sekretariatsmæssige betjening",
        True,
        True,
    ),
    _Secretariat(
        "klynge.faglig.sekretariat",
        SubjectKind.PROFESSIONAL_LEVEL,
        "§ 12",
        "Regionsrådet yder sammen med kommunalbestyrelserne i sundhedsklyngen den sekretariatsmæssige betjening",
        True,
        True,
    ),
    _Secretariat(
        "udvalg.sekretariat",
        SubjectKind.COMMITTEE,
        "§ 16, stk. 6",
        "Regionen og kommunerne sekretariatsbetjener udvalget",
        True,
        False,
    ),
    _Secretariat(
        "pi-udvalg.sekretariat",
        SubjectKind.PATIENT_COMMITTEE,
        "§ 26, stk. 3",
        "Regionsrådet sekretariatsbetjener og stiller mødefaciliteter til rådighed for udvalget",
        False,
        False,
    ),
)


def _secretariat(spec: _Secretariat, ctx: RuleContext) -> Outcome:
    if not ctx.case.records(CasePart.BODIES):
        return not_recorded(CasePart.BODIES)
    body: Body = ctx.subject
    if body.secretariat is None:
        return Outcome(
            Status.NOT_RECORDED,
            say("shared.secretariat/not-recorded", words=say(f"{spec.id}/words"), cite=spec.cite),
            (Fact("sekretariat", "ikke registreret"),),
        )
    region = ctx.case.region.code
    if spec.of_cluster:
        cluster = ctx.index.cluster(body.cluster_id or "")
        eligible = set(cluster.municipality_codes if cluster else ())
    else:
        eligible = {m.code for m in ctx.case.municipalities}
    municipalities = [ctx.index.municipality_name(c) for c in body.secretariat if c in eligible]
    others = [ctx.index.municipality_name(c) for c in body.secretariat if c != region and c not in eligible]
    serving = [party(ctx.case, c) for c in body.secretariat]
    facts = (Fact("sekretariat", [ctx.case.party_name(c) for c in body.secretariat] or "ingen"),)
    problems = []
    if region not in body.secretariat:
        problems.append(say("shared.secretariat/no-region"))
    if spec.with_municipalities and not municipalities:
        problems.append(
            say(
                "shared.secretariat/no-municipality-of-cluster"
                if spec.of_cluster
                else "shared.secretariat/no-municipality"
            )
        )
    if problems:
        return Outcome(
            Status.NOT_MET,
            say(
                "shared.secretariat/not-met",
                words=say(f"{spec.id}/words"),
                cite=spec.cite,
                problems=problems,
                serving=serving,
            ),
            facts,
        )
    outside = [say("shared.secretariat/outside", others=others)] if others else []
    return Outcome(
        Status.MET, say("shared.secretariat/met", serving=serving, outside=outside, cite=spec.cite), facts
    )


def _declare_secretariat(spec: _Secretariat) -> None:
    def evaluate(ctx: RuleContext) -> Outcome:
        return _secretariat(spec, ctx)

    evaluate.__doc__ = spec.words + "."
    rule(
        id=spec.id,
        title=f"Sekretariatsbetjening af {_LABELS[spec.subject]}",
        kind=RuleKind.REQUIREMENT,
        subject=spec.subject,
        cites=[spec.cite],
    )(evaluate)


for _spec in _SECRETARIATS:
    _declare_secretariat(_spec)


# --- Rules of procedure --------------------------------------------------------------------------------------

_PROCEDURES = (
    ("klynge.politisk.forretningsorden", SubjectKind.POLITICAL_LEVEL, "§ 6, stk. 3", "Det politiske niveau"),
    ("udvalg.forretningsorden", SubjectKind.COMMITTEE, "§ 16, stk. 1", "Sundhedssamarbejdsudvalget"),
    ("pi-udvalg.forretningsorden", SubjectKind.PATIENT_COMMITTEE, "§ 27, stk. 4", "Udvalget"),
)


def _declare_procedure(rule_id: str, subject: SubjectKind, cite: str, who: str) -> None:
    def evaluate(ctx: RuleContext) -> Outcome:
        if not ctx.case.records(CasePart.BODIES):
            return not_recorded(CasePart.BODIES)
        body: Body = ctx.subject
        adopted = body.rules_of_procedure
        if adopted is None or adopted.adopted_on > ctx.at:
            return Outcome(
                Status.NOT_RECORDED,
                say(f"{rule_id}/not-recorded"),
                (Fact("forretningsorden", "ikke registreret"),),
            )
        return Outcome(
            Status.MET,
            say("shared.procedure/met", adopted_on=adopted.adopted_on, reference=adopted.reference),
            (Fact("forretningsorden", adopted.adopted_on), Fact("reference", adopted.reference)),
        )

    evaluate.__doc__ = f"{who} fastsætter selv sin forretningsorden."
    rule(
        id=rule_id,
        title=f"Forretningsorden for {_LABELS[subject]}",
        kind=RuleKind.REQUIREMENT,
        subject=subject,
        cites=[cite],
    )(evaluate)


for _procedure in _PROCEDURES:
    _declare_procedure(*_procedure)


# --- The general practitioners on the political level (§ 8, stk. 2) -------------------------------------------


@rule(
    id="klynge.politisk.almen-praksis-udpegning",
    title="Udpegning af almen praksis' repræsentanter i klyngens politiske niveau",
    kind=RuleKind.REQUIREMENT,
    subject=SubjectKind.POLITICAL_LEVEL,
    cites=["§ 8, stk. 2"],
)
def general_practitioners_appointed_for_the_period(ctx: RuleContext) -> Outcome:
    """Almen praksis' repræsentanter udpeges i forbindelse med konstitueringen af det politiske niveau for en periode,
    der svarer til regionsrådets og kommunalbestyrelsernes valgperiode."""
    body: Body = ctx.subject
    period = ctx.election_period()
    if period is None:
        return Outcome(Status.NOT_APPLICABLE, say("shared.terms/no-period"))
    gps = [
        m
        for m in ctx.index.members_on(body, ctx.at)
        if m.role is MemberRole.GENERAL_PRACTITIONER and m.appointed_by is AppointingBody.PLO
    ]
    if not gps:
        return Outcome(Status.NOT_APPLICABLE, say("klynge.politisk.almen-praksis-udpegning/none"))
    wrong_period = [m for m in gps if m.start < period.start or (m.end is not None and m.end > period.end)]
    held = sorted(
        m.date
        for m in ctx.index.meetings_of(body.id)
        if m.status is MeetingStatus.HELD and period.start <= m.date <= ctx.at
    )
    constituted = held[0] if held else None
    late = [m for m in gps if constituted is not None and m.start > constituted and m not in wrong_period]
    facts = (
        Fact("valgperiode", period.label),
        Fact("praktiserende læger", names(gps)),
        Fact("første møde i valgperioden", constituted or "intet endnu"),
    )
    if wrong_period:
        return Outcome(
            Status.NOT_MET,
            say(
                "klynge.politisk.almen-praksis-udpegning/wrong-period",
                members=named(wrong_period),
                period=period.label,
            ),
            facts,
        )
    if late and constituted is not None:
        return Outcome(
            Status.NEEDS_JUDGEMENT,
            say("klynge.politisk.almen-praksis-udpegning/late", members=named(late), constituted=constituted),
            facts,
        )
    return Outcome(
        Status.MET,
        say("klynge.politisk.almen-praksis-udpegning/met", members=named(gps), period=period.label),
        facts,
    )


# --- The patient involvement committee's constituting meeting (§ 26, stk. 2) ----------------------------------


@rule(
    id="pi-udvalg.konstituerende-moede",
    title="Konstituerende møde i patientinddragelsesudvalget",
    kind=RuleKind.REQUIREMENT,
    subject=SubjectKind.PATIENT_COMMITTEE,
    cites=["§ 26, stk. 2"],
)
def constituting_meeting(ctx: RuleContext) -> Outcome:
    """Regionen tager initiativ til, at der udpeges medlemmer, og til at de udpegede medlemmer indkaldes til et
    konstituerende møde; derefter tilrettelægger udvalget selv sine møder i funktionsperioden."""
    if not ctx.case.records(CasePart.MEETINGS):
        return not_recorded(CasePart.MEETINGS)
    body: Body = ctx.subject
    period = ctx.election_period()
    if period is None:
        return Outcome(Status.NOT_APPLICABLE, say("shared.terms/no-period"))
    in_period = [m for m in ctx.index.meetings_of(body.id) if period.start <= m.date <= ctx.at]
    constituting = [m for m in in_period if m.kind is MeetingKind.CONSTITUTING]
    held = [m for m in in_period if m.status is MeetingStatus.HELD]
    facts = (
        Fact("valgperiode", period.label),
        Fact("konstituerende møde", constituting[0].date if constituting else "ikke registreret"),
        Fact("afholdte møder i valgperioden", len(held)),
    )
    if constituting:
        return Outcome(
            Status.MET,
            say("pi-udvalg.konstituerende-moede/met", date=constituting[0].date, period=period.label),
            facts,
        )
    if not held:
        return Outcome(
            Status.NOT_YET_DUE, say("pi-udvalg.konstituerende-moede/no-meetings", period=period.label), facts
        )
    return Outcome(
        Status.NEEDS_JUDGEMENT,
        say("pi-udvalg.konstituerende-moede/unmarked", held=len(held), period=period.label),
        facts,
    )
