"""The bodies the order says exist: clusters around every acute hospital with every municipality in one (§ 1),
each cluster's two levels (§§ 2, 9), the committee (§ 15, stk. 1) and the patient involvement committee (§ 25,
stk. 1).

A rule about a body's composition has no subject when the body is missing, so without these rules a missing body
would pass in silence. Each finding names the party the provision puts the duty on.
"""

from __future__ import annotations

from ..case import BodyKind, CasePart, ClusterInfo, RegionCase
from ._engine import RuleContext, rule
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
        problems.append(f"{', '.join(outside)} deltager ikke i nogen af regionens sundhedsklynger")
    if without:
        problems.append(f"der er ingen sundhedsklynge omkring {', '.join(without)}")
    if problems:
        return Outcome(
            Status.NOT_MET,
            "Regionsrådet og kommunalbestyrelserne opretter en sundhedsklynge omkring hvert akutsygehus i regionen "
            f"(§ 1, stk. 1), men {'; '.join(problems)}.",
            facts,
        )
    several = (
        f" {', '.join(shared)} deltager i flere klynger, som § 1, stk. 2 giver mulighed for."
        if shared
        else ""
    )
    return Outcome(
        Status.MET,
        f"Regionens {len(case.clusters)} sundhedsklynger omfatter alle {len(case.municipalities)} kommuner.{several}",
        facts,
    )


def _level_exists(ctx: RuleContext, kind: BodyKind, words: str, citation: str) -> Outcome:
    if not ctx.case.records(CasePart.BODIES):
        return not_recorded(CasePart.BODIES)
    cluster: ClusterInfo = ctx.subject
    found = _bodies(ctx.case, kind, cluster.id)
    facts = (Fact(words, found or "ingen"),)
    if found:
        return Outcome(Status.MET, f"{cluster.name} har {words}: {', '.join(found)}.", facts)
    return Outcome(
        Status.NOT_MET,
        f"{cluster.name} har intet registreret {words}; i hver sundhedsklynge er der et {words} ({citation}).",
        facts,
    )


@rule(
    id="klynge.politisk.findes",
    title="Sundhedsklyngen har et politisk niveau",
    kind=RuleKind.REQUIREMENT,
    subject=SubjectKind.CLUSTER,
    cites=["§ 2, stk. 1"],
)
def political_level_exists(ctx: RuleContext) -> Outcome:
    """I hver sundhedsklynge er der et politisk niveau."""
    return _level_exists(ctx, BodyKind.POLITICAL_LEVEL, "politisk niveau", "§ 2, stk. 1")


@rule(
    id="klynge.faglig.findes",
    title="Sundhedsklyngen har et fagligt strategisk niveau",
    kind=RuleKind.REQUIREMENT,
    subject=SubjectKind.CLUSTER,
    cites=["§ 9, stk. 1"],
)
def professional_level_exists(ctx: RuleContext) -> Outcome:
    """I hver sundhedsklynge er der et fagligt strategisk niveau."""
    return _level_exists(ctx, BodyKind.PROFESSIONAL_LEVEL, "fagligt strategisk niveau", "§ 9, stk. 1")


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
        return Outcome(
            Status.MET, f"{case.region.name} har sit sundhedssamarbejdsudvalg ({found[0]}).", facts
        )
    if found:
        return Outcome(
            Status.NEEDS_JUDGEMENT,
            f"{case.region.name} har {len(found)} organer registreret som sundhedssamarbejdsudvalg ({', '.join(found)}); "
            "regionsrådet og kommunalbestyrelserne nedsætter ét (§ 15, stk. 1).",
            facts,
        )
    return Outcome(
        Status.NOT_MET,
        f"Der er ikke registreret et sundhedssamarbejdsudvalg i {case.region.name}. Regionsrådet nedsætter det sammen "
        "med kommunalbestyrelserne i regionen (§ 15, stk. 1).",
        facts,
    )


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
        return Outcome(
            Status.MET, f"{case.region.name} har et patientinddragelsesudvalg ({', '.join(found)}).", facts
        )
    return Outcome(
        Status.NOT_MET,
        f"Der er ikke registreret et patientinddragelsesudvalg i {case.region.name}. Regionsrådet skal sikre, at der "
        "nedsættes et (§ 25, stk. 1).",
        facts,
    )
