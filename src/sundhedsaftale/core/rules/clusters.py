"""Rules for the health clusters' two levels: the political level (§§ 2–8) and the professional-strategic
level (§§ 9–14) of bek. nr. 1248/2022."""

from __future__ import annotations

from collections.abc import Iterable

from ..case import AppointingBody, Body, MemberRole
from ._engine import RuleContext, rule
from ._helpers import exact_count, has_role, meeting_frequency, members, municipality_list, names
from ._types import Fact, Outcome, RuleKind, Status, SubjectKind

_MUNICIPAL_ALTERNATES = (MemberRole.COMMITTEE_CHAIR, MemberRole.MAGISTRATE_MEMBER)


def _participating(ctx: RuleContext) -> tuple[str, ...]:
    body: Body = ctx.subject
    cluster = ctx.case.cluster(body.cluster_id or "")
    return cluster.municipality_codes if cluster else ()


@rule(
    id="klynge.politisk.regionsraad",
    title="Regionsrådsmedlemmer i klyngens politiske niveau",
    kind=RuleKind.REQUIREMENT,
    subject=SubjectKind.POLITICAL_LEVEL,
    cites=["§ 3, stk. 1, nr. 1"],
    parameters=["political_level.regional_council_members"],
)
def political_regional_council(ctx: RuleContext) -> Outcome:
    """Mindst det fastsatte antal regionsrådsmedlemmer, heriblandt regionsrådsformanden."""
    minimum: int = ctx.param("political_level.regional_council_members")
    council = members(
        ctx.subject, ctx.at, has_role(MemberRole.REGIONAL_COUNCIL_CHAIR, MemberRole.REGIONAL_COUNCIL_MEMBER)
    )
    has_chair = any(m.role is MemberRole.REGIONAL_COUNCIL_CHAIR for m in council)
    facts = (
        Fact("regionsrådsmedlemmer", names(council)),
        Fact("heraf regionsrådsformanden", has_chair),
        Fact("mindst", minimum),
    )
    problems = []
    if len(council) < minimum:
        problems.append(f"der er {len(council)} regionsrådsmedlemmer, men mindst {minimum} kræves")
    if not has_chair:
        problems.append("regionsrådsformanden er ikke blandt medlemmerne")
    if problems:
        return Outcome(
            Status.NOT_MET, "Det politiske niveau opfylder ikke kravet: " + "; ".join(problems) + ".", facts
        )
    return Outcome(
        Status.MET,
        f"{len(council)} regionsrådsmedlemmer deltager ({names(council)}), heriblandt regionsrådsformanden.",
        facts,
    )


@rule(
    id="klynge.politisk.borgmestre",
    title="Borgmestre fra de deltagende kommuner i klyngens politiske niveau",
    kind=RuleKind.REQUIREMENT,
    subject=SubjectKind.POLITICAL_LEVEL,
    cites=["§ 3, stk. 1, nr. 2", "§ 3, stk. 2"],
    parameters=[
        "political_level.mayor_per_municipality",
        "political_level.municipal_participant_other_than_mayor",
    ],
)
def political_mayors(ctx: RuleContext) -> Outcome:
    """Borgmesteren fra hver deltagende kommune; under mellemforms- eller magistratsstyre den udvalgsformand
    eller det magistratsmedlem, kommunalbestyrelsen har besluttet (§ 3, stk. 2)."""
    if not ctx.param("political_level.mayor_per_municipality"):
        return Outcome(
            Status.NOT_APPLICABLE, "Parterne har aftalt en anden kommunal repræsentation end borgmestrene."
        )
    body: Body = ctx.subject
    present = members(body, ctx.at)
    missing: list[str] = []
    wrong: list[str] = []
    for code in _participating(ctx):
        own = [m for m in present if m.municipality_code == code]
        if any(m.role is MemberRole.MAYOR for m in own):
            continue
        alternate = [m for m in own if m.role in _MUNICIPAL_ALTERNATES]
        if alternate and ctx.param("political_level.municipal_participant_other_than_mayor", subject_id=code):
            continue
        (wrong if alternate else missing).append(ctx.case.municipality_name(code))
    facts = (
        Fact("deltagende kommuner", municipality_list(ctx.case, _participating(ctx))),
        Fact("kommuner uden borgmester", ", ".join(missing) or "ingen"),
    )
    if missing or wrong:
        parts = []
        if missing:
            parts.append(f"ingen borgmester fra {', '.join(missing)}")
        if wrong:
            parts.append(
                f"{', '.join(wrong)} deltager ved udvalgsformand eller magistratsmedlem uden en registreret "
                "beslutning i kommunalbestyrelsen (§ 3, stk. 2)"
            )
        return Outcome(
            Status.NOT_MET,
            "Det politiske niveau mangler kommunal deltagelse: " + "; ".join(parts) + ".",
            facts,
        )
    return Outcome(
        Status.MET, f"Alle {len(_participating(ctx))} deltagende kommuner er repræsenteret.", facts
    )


@rule(
    id="klynge.politisk.almen-praksis",
    title="Praktiserende læger i klyngens politiske niveau",
    kind=RuleKind.REQUIREMENT,
    subject=SubjectKind.POLITICAL_LEVEL,
    cites=["§ 3, stk. 1, nr. 3"],
    parameters=["political_level.general_practitioners"],
)
def political_general_practice(ctx: RuleContext) -> Outcome:
    """Praktiserende læger udpeget af PLO som repræsentanter for almen praksis i klyngens område."""
    required: int = ctx.param("political_level.general_practitioners")
    found = members(
        ctx.subject,
        ctx.at,
        lambda m: m.role is MemberRole.GENERAL_PRACTITIONER and m.appointed_by is AppointingBody.PLO,
    )
    return exact_count(
        found=found,
        required=required,
        singular="praktiserende læge udpeget af PLO",
        plural="praktiserende læger udpeget af PLO",
        requirement="Almen praksis i det politiske niveau",
    )


@rule(
    id="klynge.politisk.formandskab",
    title="Delt formandskab i klyngens politiske niveau",
    kind=RuleKind.REQUIREMENT,
    subject=SubjectKind.POLITICAL_LEVEL,
    cites=["§ 4"],
)
def political_chairs(ctx: RuleContext) -> Outcome:
    """Formandskabet udgøres af regionsrådsformanden og en borgmester valgt af de deltagende kommuner."""
    chairs = members(ctx.subject, ctx.at, lambda m: m.chair)
    regional = [m for m in chairs if m.role is MemberRole.REGIONAL_COUNCIL_CHAIR]
    municipal = [m for m in chairs if m.role in (MemberRole.MAYOR, *_MUNICIPAL_ALTERNATES)]
    facts = (Fact("formandskab", names(chairs)),)
    problems = []
    if not regional:
        problems.append("regionsrådsformanden er ikke registreret som formand")
    if len(municipal) != 1:
        problems.append(f"der skal være én kommunal formand (borgmester), der er {len(municipal)}")
    if len(chairs) > 2:
        problems.append(f"der er {len(chairs)} formænd; formandskabet består af to")
    if problems:
        return Outcome(
            Status.NOT_MET, "Formandskabet er ikke delt som krævet: " + "; ".join(problems) + ".", facts
        )
    return Outcome(
        Status.MET, f"Formandskabet er delt mellem {names(regional)} og {names(municipal)}.", facts
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
        case=ctx.case,
        body=ctx.subject,
        at=ctx.at,
        minimum=ctx.param("political_level.min_meetings_per_year"),
        rule_start=ctx.rule.validity.start,
        body_label="Det politiske niveau",
    )


@rule(
    id="klynge.faglig.region",
    title="Regionens repræsentanter i klyngens faglige strategiske niveau",
    kind=RuleKind.REQUIREMENT,
    subject=SubjectKind.PROFESSIONAL_LEVEL,
    cites=["§ 10, stk. 1, nr. 1"],
    parameters=["professional_level.regional_representatives"],
)
def professional_region(ctx: RuleContext) -> Outcome:
    """Repræsentanter for regionen, herunder for det psykiatriske område."""
    required: int = ctx.param("professional_level.regional_representatives")
    found = members(ctx.subject, ctx.at, has_role(MemberRole.REGIONAL_REPRESENTATIVE))
    counted = exact_count(
        found=found,
        required=required,
        singular="regional repræsentant",
        plural="regionale repræsentanter",
        requirement="Regionen i det faglige strategiske niveau",
    )
    if counted.status is Status.MET and not any(m.covers_psychiatry for m in found):
        return Outcome(
            Status.NOT_MET,
            f"Regionen har {len(found)} repræsentanter ({names(found)}), men ingen af dem dækker det psykiatriske område.",
            (*counted.facts, Fact("psykiatrien repræsenteret", False)),
        )
    return counted


@rule(
    id="klynge.faglig.kommuner",
    title="Kommunernes repræsentanter i klyngens faglige strategiske niveau",
    kind=RuleKind.REQUIREMENT,
    subject=SubjectKind.PROFESSIONAL_LEVEL,
    cites=["§ 10, stk. 1, nr. 2"],
    parameters=["professional_level.representatives_per_municipality"],
)
def professional_municipalities(ctx: RuleContext) -> Outcome:
    """Én repræsentant fra hver af de deltagende kommuner."""
    per_municipality: int = ctx.param("professional_level.representatives_per_municipality")
    present = members(ctx.subject, ctx.at, has_role(MemberRole.MUNICIPAL_REPRESENTATIVE))
    off = []
    for code in _participating(ctx):
        count = sum(1 for m in present if m.municipality_code == code)
        if count != per_municipality:
            off.append(f"{ctx.case.municipality_name(code)} ({count})")
    facts = (
        Fact("deltagende kommuner", municipality_list(ctx.case, _participating(ctx))),
        Fact("repræsentanter pr. kommune", per_municipality),
    )
    if off:
        return Outcome(
            Status.NOT_MET,
            f"Hver deltagende kommune skal have {per_municipality} repræsentant(er); afviger: {', '.join(off)}.",
            facts,
        )
    return Outcome(
        Status.MET,
        f"Alle {len(_participating(ctx))} deltagende kommuner har {per_municipality} repræsentant(er).",
        facts,
    )


@rule(
    id="klynge.faglig.almen-praksis",
    title="Praktiserende læger i klyngens faglige strategiske niveau",
    kind=RuleKind.REQUIREMENT,
    subject=SubjectKind.PROFESSIONAL_LEVEL,
    cites=["§ 10, stk. 1, nr. 3"],
    parameters=["professional_level.general_practitioners"],
)
def professional_general_practice(ctx: RuleContext) -> Outcome:
    """Praktiserende læger udpeget af PLO."""
    required: int = ctx.param("professional_level.general_practitioners")
    found = members(
        ctx.subject,
        ctx.at,
        lambda m: m.role is MemberRole.GENERAL_PRACTITIONER and m.appointed_by is AppointingBody.PLO,
    )
    return exact_count(
        found=found,
        required=required,
        singular="praktiserende læge udpeget af PLO",
        plural="praktiserende læger udpeget af PLO",
        requirement="Almen praksis i det faglige strategiske niveau",
    )


@rule(
    id="klynge.faglig.patienter",
    title="Faste pladser til patientinddragelsesudvalget i klyngens faglige strategiske niveau",
    kind=RuleKind.REQUIREMENT,
    subject=SubjectKind.PROFESSIONAL_LEVEL,
    cites=["§ 10, stk. 1, nr. 4", "§ 30, stk. 4"],
    parameters=["professional_level.patient_representatives"],
)
def professional_patients(ctx: RuleContext) -> Outcome:
    """Repræsentanter for patienter og pårørende, udpeget af patientinddragelsesudvalget (to faste pladser)."""
    required: int = ctx.param("professional_level.patient_representatives")
    found = members(
        ctx.subject,
        ctx.at,
        lambda m: (
            m.role is MemberRole.PATIENT_REPRESENTATIVE
            and m.appointed_by is AppointingBody.PATIENT_INVOLVEMENT_COMMITTEE
        ),
    )
    return exact_count(
        found=found,
        required=required,
        singular="repræsentant fra patientinddragelsesudvalget",
        plural="repræsentanter fra patientinddragelsesudvalget",
        requirement="Patienter og pårørende i det faglige strategiske niveau",
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
    chairs = members(ctx.subject, ctx.at, lambda m: m.chair)
    regional = [m for m in chairs if m.role is MemberRole.REGIONAL_REPRESENTATIVE]
    municipal = [m for m in chairs if m.role is MemberRole.MUNICIPAL_REPRESENTATIVE]
    facts = (Fact("formænd", names(chairs)),)
    if len(regional) == 1 and len(municipal) == 1 and len(chairs) == 2:
        return Outcome(
            Status.MET,
            f"Formandskabet er delt mellem {names(regional)} (region) og {names(municipal)} (kommune).",
            facts,
        )
    return Outcome(
        Status.NOT_MET,
        f"Der skal være to formænd, én regional og én kommunal repræsentant; registreret: {names(chairs)} "
        f"({len(regional)} regional, {len(municipal)} kommunal).",
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
        case=ctx.case,
        body=ctx.subject,
        at=ctx.at,
        minimum=ctx.param("professional_level.min_meetings_per_year"),
        rule_start=ctx.rule.validity.start,
        body_label="Det faglige strategiske niveau",
    )
