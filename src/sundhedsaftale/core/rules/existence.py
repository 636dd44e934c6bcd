"""The bodies the order says exist: clusters around every acute hospital with every municipality in one (§ 1),
each cluster's two levels (§§ 2, 9), the committee (§ 15, stk. 1) and the patient involvement committee (§ 25,
stk. 1).

A rule about a body's composition has no subject when the body is missing, so without these rules a missing body
would pass in silence. Each finding names the party the provision puts the duty on.
"""

from __future__ import annotations

from ..case import BodyKind, CasePart, ClusterInfo, RegionCase
from ._engine import RuleContext, rule
from ._explanations import say
from ._helpers import not_recorded
from ._types import Fact, Outcome, RuleKind, Status, SubjectKind


def _bodies(case: RegionCase, kind: BodyKind, cluster_id: str | None = None) -> list[str]:
    return [b.name for b in case.bodies_of_kind(kind) if cluster_id is None or b.cluster_id == cluster_id]


@rule(
    id="region.sundhedsklynger",
    title="Sundhedsklynger omkring regionens akutsygehuse med alle regionens kommuner",
    kind=RuleKind.REQUIREMENT,
    subject=SubjectKind.REGION,
    cites=["§ 1, stk. 1", "§ 1, stk. 2"],
)
def clusters_cover_the_region(ctx: RuleContext) -> Outcome:
    """Regionsrådet og kommunalbestyrelserne opretter en sundhedsklynge omkring hvert akutsygehus i regionen, og
    hver kommune deltager i mindst én af regionens klynger (en kommune i flere optageområder kan deltage i flere)."""
    case: RegionCase = ctx.subject
    in_clusters = {code for c in case.clusters for code in c.municipality_codes}
    outside = sorted(case.municipality_name(m.code) for m in case.municipalities if m.code not in in_clusters)
    # A case may describe part of a region (some municipalities): only the hospitals serving them are expected.
    described = {m.code for m in case.municipalities}
    expected = {
        hospital: known
        for hospital, (known, serves) in ctx.rulebook.acute_hospitals.get(case.region.code, {}).items()
        if serves & described
    }
    present = {c.id for c in case.clusters} | {c.acute_hospital for c in case.clusters}
    without = [hospital for hospital, known in expected.items() if not known & present]
    shared = sorted(
        case.municipality_name(code)
        for code in in_clusters
        if sum(code in c.municipality_codes for c in case.clusters) > 1
    )
    facts = (
        Fact("sundhedsklynger", [c.name for c in case.clusters]),
        Fact("akutsygehuse i regionen (referencedata)", list(expected)),
        Fact("kommuner uden klynge", outside),
        Fact("kommuner i flere klynger (§ 1, stk. 2)", shared),
    )
    problems = []
    if outside:
        problems.append(say("region.sundhedsklynger/outside", municipalities=outside))
    if without:
        problems.append(say("region.sundhedsklynger/without", hospitals=without))
    if problems:
        return Outcome(Status.NOT_MET, say("region.sundhedsklynger/not-met", problems=problems), facts)
    several = [say("region.sundhedsklynger/shared", municipalities=shared)] if shared else []
    return Outcome(
        Status.MET,
        say(
            "region.sundhedsklynger/met",
            clusters=len(case.clusters),
            municipalities=len(case.municipalities),
            several=several,
        ),
        facts,
    )


def _level_exists(ctx: RuleContext, kind: BodyKind, words: str, rule_id: str) -> Outcome:
    if not ctx.case.records(CasePart.BODIES):
        return not_recorded(CasePart.BODIES)
    cluster: ClusterInfo = ctx.subject
    found = _bodies(ctx.case, kind, cluster.id)
    facts = (Fact(words, found or "ingen"),)
    if found:
        return Outcome(Status.MET, say(f"{rule_id}/met", cluster=cluster.name, found=found), facts)
    return Outcome(Status.NOT_MET, say(f"{rule_id}/not-met", cluster=cluster.name), facts)


@rule(
    id="klynge.politisk.findes",
    title="Sundhedsklyngen har et politisk niveau",
    kind=RuleKind.REQUIREMENT,
    subject=SubjectKind.CLUSTER,
    cites=["§ 2, stk. 1"],
)
def political_level_exists(ctx: RuleContext) -> Outcome:
    """I hver sundhedsklynge er der et politisk niveau."""
    return _level_exists(ctx, BodyKind.POLITICAL_LEVEL, "politisk niveau", "klynge.politisk.findes")


@rule(
    id="klynge.faglig.findes",
    title="Sundhedsklyngen har et fagligt strategisk niveau",
    kind=RuleKind.REQUIREMENT,
    subject=SubjectKind.CLUSTER,
    cites=["§ 9, stk. 1"],
)
def professional_level_exists(ctx: RuleContext) -> Outcome:
    """I hver sundhedsklynge er der et fagligt strategisk niveau."""
    return _level_exists(
        ctx, BodyKind.PROFESSIONAL_LEVEL, "fagligt strategisk niveau", "klynge.faglig.findes"
    )


@rule(
    id="udvalg.findes",
    title="Regionen har et sundhedssamarbejdsudvalg",
    kind=RuleKind.REQUIREMENT,
    subject=SubjectKind.REGION,
    cites=["§ 15, stk. 1"],
)
def committee_exists(ctx: RuleContext) -> Outcome:
    """Regionsrådet nedsætter sammen med kommunalbestyrelserne i regionen et sundhedssamarbejdsudvalg."""
    if not ctx.case.records(CasePart.BODIES):
        return not_recorded(CasePart.BODIES)
    case: RegionCase = ctx.subject
    found = _bodies(case, BodyKind.COMMITTEE)
    facts = (Fact("sundhedssamarbejdsudvalg", found or "ingen"),)
    if len(found) == 1:
        return Outcome(Status.MET, say("udvalg.findes/met", region=case.region.name, found=found[0]), facts)
    if found:
        return Outcome(
            Status.NEEDS_JUDGEMENT,
            say("udvalg.findes/several", region=case.region.name, count=len(found), found=found),
            facts,
        )
    return Outcome(Status.NOT_MET, say("udvalg.findes/not-met", region=case.region.name), facts)


@rule(
    id="pi-udvalg.findes",
    title="Regionen har et patientinddragelsesudvalg",
    kind=RuleKind.REQUIREMENT,
    subject=SubjectKind.REGION,
    cites=["§ 25, stk. 1"],
)
def patient_committee_exists(ctx: RuleContext) -> Outcome:
    """Regionsrådet sikrer, at der i regionen nedsættes et patientinddragelsesudvalg."""
    if not ctx.case.records(CasePart.BODIES):
        return not_recorded(CasePart.BODIES)
    case: RegionCase = ctx.subject
    found = _bodies(case, BodyKind.PATIENT_COMMITTEE)
    facts = (Fact("patientinddragelsesudvalg", found or "ingen"),)
    if found:
        return Outcome(Status.MET, say("pi-udvalg.findes/met", region=case.region.name, found=found), facts)
    return Outcome(Status.NOT_MET, say("pi-udvalg.findes/not-met", region=case.region.name), facts)
