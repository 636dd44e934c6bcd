"""Sundhedsstyrelsen's assessment of a submitted health agreement (vejledningens kapitel 5; § 21, stk. 3).

Two kinds of rule, as in the authority's letters:

* the approval criteria of afsnit 5.2 ("Sundhedsstyrelsens godkendelse af sundhedsaftalen forudsætter …") are
  requirements declared ``approval_criterion``: without overarching goals that show coherence with the national
  goals, or without a documented basis for target groups and interventions, the agreement cannot be approved;
* everything else is remedied by advice (afsnit 5.3: "rådgivning om udviklingspotentialer"): sub-goals and
  success criteria, cluster goals, collaboration agreements that follow the framework of afsnit 4.1, data,
  general practice and the attachments sent for the review — and the formal data of afsnit 5.1, which the
  agreement must state, but whose absence Sundhedsstyrelsen remedies by advice, not by objection
  (``aftale.formelle-oplysninger``).

No advice without a fact: a part of the agreement the record does not describe (``AgreementContent.unrecorded``)
gives no finding but "ikke registreret"; an approval criterion about such a part needs the reviewer's judgement.
A point that needs reading the agreement (``needs_judgement``) goes to the reviewer's workspace and reaches a
letter only if the reviewer upholds it. Every finding that may become advice carries its wording for the letter
(``Outcome.advice``). Every rule gives exactly one finding per agreement, so that a reviewer can accept, edit or
overrule it by its id.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..case import (
    AgreementContent,
    CollaborationAgreement,
    ContentPart,
    Coverage,
    FrameworkElement,
    HealthAgreement,
    OverarchingGoal,
)
from ._engine import RuleContext, rule
from ._explanations import Message, say
from ._types import Fact, Outcome, RuleKind, Status, SubjectKind

_LEGACY = "bek-679-2018"

# Long lists in an explanation are cut here; the facts keep every name.
_LISTED = 8


def _goal_name(ctx: RuleContext, number: int) -> str:
    name = ctx.rulebook.national_goals.get(number)
    return f"{number}. {name}" if name else str(number)


def explained_in_danish(ctx: RuleContext, message: Message) -> str:
    """A part of the explanation in Danish, for the advice (letters to the parties are Danish)."""
    return ctx.rulebook.explanations.render(message, "da")


def _goal_said(ctx: RuleContext, number: int) -> Message:
    """A national goal in an explanation: its number and its name as the reference data writes it (Danish)."""
    name = ctx.rulebook.national_goals.get(number)
    if name:
        return say("shared.national-goals/named", number=number, name=name)
    return say("shared.national-goals/number", number=number)


def _quoted(titles: Iterable[str]) -> list[Message]:
    """Titles the region wrote, quoted (and, in English, marked as Danish text)."""
    return [say("shared.quote/title", title=t) for t in titles]


def _every(n: int, noun: str) -> Message:
    """'Alle 3 samarbejdsaftaler', or 'Den ene samarbejdsaftale' when there is one ('Alle 1' reads wrong)."""
    return say(f"shared.every/{noun}-one") if n == 1 else say(f"shared.every/{noun}", n=n)


def _legacy(agreement: HealthAgreement) -> Outcome | None:
    """An agreement made under bek. nr. 679/2018 was assessed under that order and the 2018 guidance."""
    if agreement.legal_basis != _LEGACY:
        return None
    return Outcome(
        Status.NOT_APPLICABLE,
        say("shared.agreement/assessed-under-2018-order"),
        (Fact("retsgrundlag", agreement.legal_basis),),
    )


def _goal_titles(goals: Iterable[OverarchingGoal]) -> list[Message]:
    return _quoted(g.title for g in goals)


def _unrecorded(agreement: HealthAgreement, *parts: ContentPart, criterion: bool = False) -> Outcome | None:
    """No conclusion about a part of the agreement the record does not describe.

    For an approval criterion the decision cannot wait for the record, so the reviewer must judge it from the
    agreement itself; for advice, nothing is said.
    """
    missing = [p for p in parts if not agreement.content.records(p)]
    if not missing:
        return None
    named = [say(f"shared.content-parts/{p.value}") for p in missing]
    facts = (Fact("ikke registreret", [p.label for p in missing]),)
    if criterion:
        return Outcome(
            Status.NEEDS_JUDGEMENT, say("shared.assessment/not-recorded-criterion", parts=named), facts
        )
    return Outcome(Status.NOT_RECORDED, say("shared.assessment/not-recorded", parts=named), facts)


# --- Approval criteria (afsnit 5.2) ----------------------------------------------------------------------------


@rule(
    id="vurdering.nationale-maal",
    title="Overordnede målsætninger i sammenhæng med de nationale mål",
    kind=RuleKind.REQUIREMENT,
    subject=SubjectKind.AGREEMENT,
    cites=["afsnit 5.2", "§ 21, stk. 3"],
    also_cites=["afsnit 3.2", "§ 19, stk. 2"],
    approval_criterion=True,
)
def national_goals(ctx: RuleContext) -> Outcome:
    """Godkendelse forudsætter overordnede målsætninger, der viser sammenhæng med de otte nationale mål for
    sundhedsvæsenet. Hver målsætning skal være knyttet til mindst ét nationalt mål. Ingen målsætninger, eller
    ingen knyttet til et nationalt mål, er ikke opfyldt; er kun nogle knyttet, kræver det faglig vurdering."""
    agreement: HealthAgreement = ctx.subject
    if legacy := _legacy(agreement):
        return legacy
    if gap := _unrecorded(agreement, ContentPart.OVERARCHING_GOALS, criterion=True):
        return gap
    goals = agreement.content.overarching_goals
    linked = [g for g in goals if g.national_goals]
    unlinked = [g for g in goals if not g.national_goals]
    covered = sorted({n for g in goals for n in g.national_goals})
    uncovered = [n for n in sorted(ctx.rulebook.national_goals) if n not in covered]
    facts = (
        Fact("overordnede målsætninger", len(goals)),
        Fact("knyttet til nationale mål", len(linked)),
        Fact("uden nationale mål", [g.title for g in unlinked]),
        Fact("nationale mål dækket", [_goal_name(ctx, n) for n in covered]),
        Fact("nationale mål ikke dækket", [_goal_name(ctx, n) for n in uncovered]),
    )
    said = {
        "covered": len(covered),
        "national": len(ctx.rulebook.national_goals),
        "covered_goals": [_goal_said(ctx, n) for n in covered],
    }
    coverage = (
        say(
            "vurdering.nationale-maal/coverage-partial",
            uncovered=[_goal_said(ctx, n) for n in uncovered],
            **said,
        )
        if uncovered
        else say("vurdering.nationale-maal/coverage-full", **said)
    )
    if not goals:
        return Outcome(Status.NOT_MET, say("vurdering.nationale-maal/no-goals"), facts)
    if not linked:
        return Outcome(
            Status.NOT_MET,
            say("vurdering.nationale-maal/none-linked", goals=len(goals), titles=_goal_titles(goals)),
            facts,
        )
    if unlinked:
        # Some goals show the coherence and some do not: the agreement as a whole may still show it (a general
        # goal for the region can stand on the others), so a person at the authority must judge.
        return Outcome(
            Status.NEEDS_JUDGEMENT,
            say(
                "vurdering.nationale-maal/some-linked",
                linked=len(linked),
                goals=len(goals),
                unlinked=len(unlinked),
                titles=_goal_titles(unlinked),
                coverage=coverage,
            ),
            facts,
        )
    return Outcome(
        Status.MET,
        say("vurdering.nationale-maal/met", every=_every(len(goals), "goals"), coverage=coverage),
        facts,
    )


def _used_target_groups(content: AgreementContent) -> set[str]:
    return {
        *(t for g in content.overarching_goals for t in g.target_group_ids),
        *(t for c in content.collaboration_agreements for t in c.target_group_ids),
        *(t for p in content.care_programmes for t in p.target_group_ids),
    }


@rule(
    id="vurdering.grundlag-maalgrupper",
    title="Afsæt i det fælles grundlag for målgrupper og indsatser",
    kind=RuleKind.REQUIREMENT,
    subject=SubjectKind.AGREEMENT,
    cites=["afsnit 5.2", "§ 21, stk. 3"],
    also_cites=["kapitel 3", "afsnit 3.4"],
    approval_criterion=True,
)
def basis_for_target_groups(ctx: RuleContext) -> Outcome:
    """Godkendelse forudsætter, at aftalen er udarbejdet med afsæt i det fælles grundlag for målgrupper og
    indsatser: målgrupperne er beskrevet, målsætninger eller indsatser er knyttet til dem, og valget bygger på
    viden og forskning eller data. Mangler det helt, er kravet ikke opfyldt; mangler det for nogle målgrupper,
    kræver det faglig vurdering."""
    agreement: HealthAgreement = ctx.subject
    if legacy := _legacy(agreement):
        return legacy
    if gap := _unrecorded(agreement, ContentPart.TARGET_GROUPS, criterion=True):
        return gap
    content = agreement.content
    groups = content.target_groups
    used = _used_target_groups(content)
    with_basis = [t for t in groups if t.knowledge_basis or t.data_sources]
    without_basis = [t for t in groups if not (t.knowledge_basis or t.data_sources)]
    unused = [t for t in groups if t.id not in used]
    goals_with_groups = [g for g in content.overarching_goals if g.target_group_ids]
    facts = (
        Fact("målgrupper", len(groups)),
        Fact("målgrupper med grundlag", len(with_basis)),
        Fact("målgrupper uden grundlag", [t.name for t in without_basis]),
        Fact("målgrupper uden målsætning eller indsats", [t.name for t in unused]),
        Fact("målsætninger knyttet til målgrupper", len(goals_with_groups)),
    )
    if not groups:
        return Outcome(Status.NOT_MET, say("vurdering.grundlag-maalgrupper/no-groups"), facts)
    missing: list[Message] = []
    if not with_basis:
        missing.append(say("vurdering.grundlag-maalgrupper/no-basis", groups=len(groups)))
    if not used:
        missing.append(say("vurdering.grundlag-maalgrupper/none-used"))
    if missing:
        return Outcome(Status.NOT_MET, say("vurdering.grundlag-maalgrupper/not-met", missing=missing), facts)
    gaps: list[Message] = []
    if without_basis:
        gaps.append(
            say(
                "vurdering.grundlag-maalgrupper/without-basis",
                count=len(without_basis),
                names=_quoted(t.name for t in without_basis),
            )
        )
    if unused:
        gaps.append(
            say(
                "vurdering.grundlag-maalgrupper/unused",
                count=len(unused),
                names=_quoted(t.name for t in unused),
            )
        )
    base = say(
        "vurdering.grundlag-maalgrupper/base",
        groups=len(groups),
        with_basis=len(with_basis),
        goals_with_groups=len(goals_with_groups),
        goals=len(content.overarching_goals),
    )
    if gaps:
        # The criterion is about the agreement as a whole; gaps for some groups call for a judgement, not a refusal.
        return Outcome(
            Status.NEEDS_JUDGEMENT, say("vurdering.grundlag-maalgrupper/gaps", base=base, gaps=gaps), facts
        )
    return Outcome(Status.MET, base, facts)


# --- Advice (afsnit 5.3) -----------------------------------------------------------------------------------------


@rule(
    id="vurdering.delmaal-succeskriterier",
    title="Delmål og succeskriterier for de overordnede målsætninger",
    kind=RuleKind.RECOMMENDATION,
    subject=SubjectKind.AGREEMENT,
    cites=["afsnit 3.2", "afsnit 5.3"],
)
def sub_goals(ctx: RuleContext) -> Outcome:
    """Hver overordnet målsætning bør konkretiseres med delmål, og hvert delmål med succeskriterier, så det er
    gennemsigtigt, hvordan målene indfries og følges op."""
    agreement: HealthAgreement = ctx.subject
    if legacy := _legacy(agreement):
        return legacy
    if gap := _unrecorded(agreement, ContentPart.OVERARCHING_GOALS, ContentPart.SUB_GOALS):
        return gap
    goals = agreement.content.overarching_goals
    without_sub_goals = [g for g in goals if not g.sub_goals]
    without_criteria = [s for g in goals for s in g.sub_goals if not s.success_criteria]
    criteria = sum(len(s.success_criteria) for g in goals for s in g.sub_goals)
    facts = (
        Fact("overordnede målsætninger", len(goals)),
        Fact("delmål", agreement.content.sub_goal_count),
        Fact("succeskriterier", criteria),
        Fact("målsætninger uden delmål", [g.title for g in without_sub_goals]),
        Fact("delmål uden succeskriterier", [s.title for s in without_criteria]),
    )
    if not goals:
        return Outcome(Status.NOT_APPLICABLE, say("vurdering.delmaal-succeskriterier/no-goals"), facts)
    gaps: list[Message] = []
    if without_sub_goals:
        gaps.append(
            say(
                "vurdering.delmaal-succeskriterier/without-sub-goals",
                count=len(without_sub_goals),
                goals=len(goals),
                titles=_goal_titles(without_sub_goals),
            )
        )
    if without_criteria:
        gaps.append(
            say(
                "vurdering.delmaal-succeskriterier/without-criteria",
                count=len(without_criteria),
                titles=_quoted(s.title for s in without_criteria),
            )
        )
    if gaps:
        written = "; ".join(explained_in_danish(ctx, g) for g in gaps)
        if len(without_sub_goals) == len(goals):
            advice = (
                "Sundhedsstyrelsen anbefaler, at aftalen konkretiseres med delmål og succeskriterier for de "
                "overordnede målsætninger – også ud over samarbejdsaftalerne – så det bliver tydeligt, hvordan "
                "målene skal indfries, og det forpligtende samarbejde bliver gennemsigtigt."
            )
        else:
            advice = (
                "Sundhedsstyrelsen anbefaler, at alle aftalens overordnede målsætninger konkretiseres med delmål og "
                "succeskriterier, så det bliver tydeligt, hvordan målene skal indfries: " + written + "."
            )
        return Outcome(
            Status.NOT_MET, say("vurdering.delmaal-succeskriterier/not-met", gaps=gaps), facts, advice=advice
        )
    return Outcome(
        Status.MET,
        say(
            "vurdering.delmaal-succeskriterier/met",
            every=_every(len(goals), "goals"),
            sub_goals=agreement.content.sub_goal_count,
            criteria=criteria,
        ),
        facts,
    )


@rule(
    id="vurdering.klyngemaal",
    title="Selvstændige mål for hver sundhedsklynge",
    kind=RuleKind.RECOMMENDATION,
    subject=SubjectKind.AGREEMENT,
    cites=["afsnit 2.1", "§ 2, stk. 2, nr. 4", "afsnit 5.3"],
)
def cluster_goals(ctx: RuleContext) -> Outcome:
    """Hver sundhedsklynge i regionen bør opstille selvstændige mål for arbejdet i klyngen inden for aftalens
    rammer, med udgangspunkt i de lokale udfordringer og behov."""
    agreement: HealthAgreement = ctx.subject
    if legacy := _legacy(agreement):
        return legacy
    if gap := _unrecorded(agreement, ContentPart.CLUSTER_GOALS):
        return gap
    clusters = ctx.case.clusters
    with_goals = {g.cluster_id for g in agreement.content.cluster_goals}
    missing = [c for c in clusters if c.id not in with_goals]
    facts = (
        Fact("sundhedsklynger", len(clusters)),
        Fact("klyngemål", len(agreement.content.cluster_goals)),
        Fact("klynger uden mål", [c.name for c in missing]),
    )
    if not clusters:
        return Outcome(Status.NOT_APPLICABLE, say("vurdering.klyngemaal/no-clusters"), facts)
    if missing:
        which = (
            ""
            if len(missing) == len(clusters)
            else " Det gælder "
            + explained_in_danish(ctx, say("shared.listing/listing", items=[c.name for c in missing]))
            + "."
        )
        return Outcome(
            Status.NOT_MET,
            say(
                "vurdering.klyngemaal/not-met",
                count=len(missing),
                clusters=len(clusters),
                missing=[c.name for c in missing],
            ),
            facts,
            advice=(
                "Sundhedsstyrelsen anbefaler, at hver sundhedsklynge opstiller sine egne mål for arbejdet i klyngen "
                "inden for aftalens rammer og med udgangspunkt i de lokale udfordringer og behov, fx særlige "
                "indsatser mod sammenhængsproblemer i klyngens befolkning eller lokale folkesundhedsudfordringer og "
                f"sygdomsbyrder.{which}"
            ),
        )
    return Outcome(
        Status.MET,
        say(
            "vurdering.klyngemaal/met",
            every=_every(len(clusters), "clusters"),
            goals=len(agreement.content.cluster_goals),
        ),
        facts,
    )


_ELEMENT_CITATIONS = [e.citation for e in FrameworkElement]


def _missing_elements(agreement: CollaborationAgreement) -> list[FrameworkElement]:
    return [e for e in FrameworkElement if agreement.coverage_of(e) is Coverage.MISSING]


_VOLUNTARY = "shared.assessment/no-collaborations"


@rule(
    id="vurdering.samarbejdsaftaler-ramme",
    title="Samarbejdsaftalerne tager stilling til rammens delelementer",
    kind=RuleKind.RECOMMENDATION,
    subject=SubjectKind.AGREEMENT,
    cites=["afsnit 4.1", *_ELEMENT_CITATIONS, "§ 20"],
)
def framework_elements(ctx: RuleContext) -> Outcome:
    """Hver samarbejdsaftale bør tage stilling til hvert af de otte delelementer i rammen for samarbejdsaftaler:
    enten adressere det eller angive, at det ikke er relevant for aftalen."""
    agreement: HealthAgreement = ctx.subject
    if legacy := _legacy(agreement):
        return legacy
    if gap := _unrecorded(agreement, ContentPart.COLLABORATION_AGREEMENTS, ContentPart.FRAMEWORK_ELEMENTS):
        return gap
    collaborations = agreement.content.collaboration_agreements
    gaps = [(c, missing) for c in collaborations if (missing := _missing_elements(c))]
    facts = (
        Fact("samarbejdsaftaler", len(collaborations)),
        Fact("samarbejdsaftaler med manglende delelementer", len(gaps)),
        Fact(
            "manglende delelementer",
            [f"{c.title}: {', '.join(e.citation for e in missing)}" for c, missing in gaps],
        ),
    )
    if not collaborations:
        return Outcome(Status.NOT_APPLICABLE, say(_VOLUNTARY), facts)
    if gaps:
        parts = [
            say(
                "vurdering.samarbejdsaftaler-ramme/lacks",
                title=say("shared.quote/title", title=c.title),
                elements=[say(f"shared.framework-elements/{e.value}", citation=e.citation) for e in missing],
            )
            for c, missing in gaps[:_LISTED]
        ]
        more = f"; og {len(gaps) - _LISTED} samarbejdsaftaler mere" if len(gaps) > _LISTED else ""
        more_said = (
            [say("vurdering.samarbejdsaftaler-ramme/more", more=len(gaps) - _LISTED)]
            if len(gaps) > _LISTED
            else []
        )
        named = "; ".join(
            f"»{c.title}« (delelement {', '.join(str(e.number) for e in missing)})"
            for c, missing in gaps[:_LISTED]
        )
        return Outcome(
            Status.NOT_MET,
            say(
                "vurdering.samarbejdsaftaler-ramme/not-met",
                count=len(gaps),
                collaborations=len(collaborations),
                parts=parts,
                more=more_said,
            ),
            facts,
            advice=(
                "Sundhedsstyrelsen anbefaler, at samarbejdsaftalerne tager stilling til hvert delelement i rammen "
                "for samarbejdsaftaler – ved at adressere det eller angive, at det ikke er relevant for aftalen. "
                f"Det gælder {named}{more}."
            ),
        )
    return Outcome(
        Status.MET,
        say("vurdering.samarbejdsaftaler-ramme/met", every=_every(len(collaborations), "collaborations")),
        facts,
    )


@rule(
    id="vurdering.samarbejdsaftaler-tilpasset",
    title="Samarbejdsaftalerne stemmer overens med den nye sundhedsaftale",
    kind=RuleKind.RECOMMENDATION,
    subject=SubjectKind.AGREEMENT,
    cites=["afsnit 4.1", "afsnit 3.2", "afsnit 5.3"],
)
def collaborations_match(ctx: RuleContext) -> Outcome:
    """Samarbejdsaftalerne bør stemme overens med den nye sundhedsaftale: de understøtter dens overordnede
    målsætninger og er tilpasset dens målsætninger, rammer og principper for samarbejde."""
    agreement: HealthAgreement = ctx.subject
    if legacy := _legacy(agreement):
        return legacy
    if gap := _unrecorded(agreement, ContentPart.COLLABORATION_AGREEMENTS):
        return gap
    collaborations = agreement.content.collaboration_agreements
    links_recorded = agreement.content.records(ContentPart.COLLABORATION_GOAL_LINKS)
    unlinked = [c for c in collaborations if not c.goal_ids] if links_recorded else []
    outdated = [c for c in collaborations if not c.updated_for_agreement]
    facts = (
        Fact("samarbejdsaftaler", len(collaborations)),
        Fact(
            "uden overordnet målsætning",
            [c.title for c in unlinked] if links_recorded else "ikke registreret",
        ),
        Fact("ikke tilpasset den nye aftale", [c.title for c in outdated]),
    )
    if not collaborations:
        return Outcome(Status.NOT_APPLICABLE, say(_VOLUNTARY), facts)
    gaps: list[Message] = []
    if unlinked:
        gaps.append(
            say(
                "vurdering.samarbejdsaftaler-tilpasset/unlinked",
                count=len(unlinked),
                collaborations=len(collaborations),
                titles=_quoted(c.title for c in unlinked),
            )
        )
    if outdated:
        gaps.append(
            say(
                "vurdering.samarbejdsaftaler-tilpasset/outdated",
                count=len(outdated),
                collaborations=len(collaborations),
                titles=_quoted(c.title for c in outdated),
            )
        )
    if gaps:
        affected = list(dict.fromkeys([*unlinked, *outdated]))
        listed = say("shared.listing/listing", items=_quoted(c.title for c in affected))
        return Outcome(
            Status.NOT_MET,
            say("vurdering.samarbejdsaftaler-tilpasset/not-met", gaps=gaps),
            facts,
            advice=(
                "Sundhedsstyrelsen anbefaler, at samarbejdsaftalerne, når de videreudvikles, bringes i "
                "overensstemmelse med den nye sundhedsaftale – dens målsætninger og rammer og principper for "
                "samarbejdet – så aftalen kan realiseres."
                + (f" Det gælder {explained_in_danish(ctx, listed)}." if len(collaborations) > 1 else "")
            ),
        )
    key = "met-linked" if links_recorded else "met"
    return Outcome(
        Status.MET,
        say(
            f"vurdering.samarbejdsaftaler-tilpasset/{key}",
            every=_every(len(collaborations), "collaborations"),
        ),
        facts,
    )


@rule(
    id="vurdering.dataunderstoettelse",
    title="Dataunderstøttede målgrupper og indikatorer",
    kind=RuleKind.RECOMMENDATION,
    subject=SubjectKind.AGREEMENT,
    cites=["afsnit 3.4", "afsnit 5.3"],
)
def data_support(ctx: RuleContext) -> Outcome:
    """Målgrupperne bør så vidt muligt vælges på baggrund af data, der viser behovet, og succeskriterierne bør
    have en indikator og en datakilde, så effekten kan følges."""
    agreement: HealthAgreement = ctx.subject
    if legacy := _legacy(agreement):
        return legacy
    content = agreement.content
    groups_recorded = content.records(ContentPart.TARGET_GROUPS)
    criteria_recorded = content.records(ContentPart.OVERARCHING_GOALS, ContentPart.SUB_GOALS)
    if not groups_recorded and not criteria_recorded:
        nothing = _unrecorded(
            agreement, ContentPart.TARGET_GROUPS, ContentPart.OVERARCHING_GOALS, ContentPart.SUB_GOALS
        )
        assert nothing is not None  # the target groups at least are not recorded
        return nothing
    groups = content.target_groups if groups_recorded else ()
    groups_without_data = [t for t in groups if not t.data_sources]
    criteria = (
        [(s, c) for g in content.overarching_goals for s in g.sub_goals for c in s.success_criteria]
        if criteria_recorded
        else []
    )
    without_indicator = [s.title for s, c in criteria if not c.indicator]
    without_source = [s.title for s, c in criteria if c.indicator and not c.data_source]
    facts = (
        Fact("målgrupper", len(groups) if groups_recorded else "ikke registreret"),
        Fact("målgrupper uden data", [t.name for t in groups_without_data]),
        Fact("succeskriterier", len(criteria) if criteria_recorded else "ikke registreret"),
        Fact("succeskriterier uden indikator", len(without_indicator)),
        Fact("indikatorer uden datakilde", len(without_source)),
    )
    if not groups and not criteria:
        return Outcome(Status.NOT_APPLICABLE, say("vurdering.dataunderstoettelse/nothing"), facts)
    gaps: list[Message] = []
    if groups_without_data:
        gaps.append(
            say(
                "vurdering.dataunderstoettelse/groups-without-data",
                count=len(groups_without_data),
                groups=len(groups),
                names=_quoted(t.name for t in groups_without_data),
            )
        )
    if without_indicator:
        gaps.append(
            say(
                "vurdering.dataunderstoettelse/without-indicator",
                count=len(without_indicator),
                criteria=len(criteria),
                titles=_quoted(dict.fromkeys(without_indicator)),
            )
        )
    if without_source:
        gaps.append(
            say(
                "vurdering.dataunderstoettelse/without-source",
                count=len(without_source),
                titles=_quoted(dict.fromkeys(without_source)),
            )
        )
    if gaps:
        written = "; ".join(explained_in_danish(ctx, g) for g in gaps)
        return Outcome(
            Status.NOT_MET,
            say("vurdering.dataunderstoettelse/not-met", gaps=gaps),
            facts,
            advice=(
                "Sundhedsstyrelsen anbefaler, at målgrupper og indsatser så vidt muligt understøttes af data, så "
                "behovet og effekten kan følges: " + written + "."
            ),
        )
    groups_said = {"groups": _every(len(groups), "target-groups")} if groups else {}
    criteria_said = {"criteria": _every(len(criteria), "criteria")} if criteria else {}
    key = "met-both" if groups and criteria else "met-groups" if groups else "met-criteria"
    return Outcome(
        Status.MET, say(f"vurdering.dataunderstoettelse/{key}", **groups_said, **criteria_said), facts
    )


@rule(
    id="vurdering.almen-praksis",
    title="Almen praksis' rolle i sundhedsaftalen",
    kind=RuleKind.RECOMMENDATION,
    subject=SubjectKind.AGREEMENT,
    cites=["afsnit 3.3", "afsnit 5.3"],
)
def general_practice(ctx: RuleContext) -> Outcome:
    """Aftalen bør sætte rammer og målsætninger for almen praksis' rolle og opgaver i det samlede sundhedsvæsen,
    herunder rådgivning, supervision og tilgængelighed for samarbejdspartnere."""
    agreement: HealthAgreement = ctx.subject
    if legacy := _legacy(agreement):
        return legacy
    if gap := _unrecorded(agreement, ContentPart.GENERAL_PRACTICE):
        return gap
    text = agreement.content.general_practice.strip()
    facts = (Fact("almen praksis beskrevet", bool(text)),)
    if not text:
        return Outcome(
            Status.NOT_MET,
            say("vurdering.almen-praksis/not-met"),
            facts,
            advice=(
                "Sundhedsstyrelsen anbefaler, at aftalen sætter rammer og mål for almen praksis' rolle og opgaver i "
                "det samlede sundhedsvæsen, herunder rådgivning, supervision og tilgængelighed for "
                "samarbejdspartnere."
            ),
        )
    return Outcome(Status.MET, say("vurdering.almen-praksis/met"), facts)


@rule(
    id="vurdering.bilag",
    title="Bilag til Sundhedsstyrelsens vurdering",
    kind=RuleKind.RECOMMENDATION,
    subject=SubjectKind.AGREEMENT,
    cites=["afsnit 5.1"],
)
def attachments(ctx: RuleContext) -> Outcome:
    """Bilag, der er relevante for Sundhedsstyrelsens vurdering, skal medsendes. Om aftalen henviser til bilag, der
    burde være sendt med, kræver en læsning af aftalen: det vurderes af den, der behandler sagen."""
    agreement: HealthAgreement = ctx.subject
    if legacy := _legacy(agreement):
        return legacy
    if gap := _unrecorded(agreement, ContentPart.ATTACHMENTS):
        return gap
    for_review = [a for a in agreement.content.attachments if a.for_review]
    unreferenced = [a for a in for_review if not a.reference.strip()]
    facts = (
        Fact("bilag til vurderingen", [a.title for a in for_review]),
        Fact("bilag uden filnavn eller link", [a.title for a in unreferenced]),
    )
    advice = "Bilag, som er relevante for Sundhedsstyrelsens vurdering af aftalen, bør sendes med aftalen."
    if not for_review:
        # Whether an agreement needs attachments depends on what it refers to; only a reader can tell.
        return Outcome(Status.NEEDS_JUDGEMENT, say("vurdering.bilag/none"), facts, advice=advice)
    if unreferenced:
        # The record lacks a file or link; the attachment may still have been received.
        return Outcome(
            Status.NEEDS_JUDGEMENT,
            say(
                "vurdering.bilag/unreferenced",
                count=len(unreferenced),
                attachments=len(for_review),
                titles=_quoted(a.title for a in unreferenced),
            ),
            facts,
            advice=advice,
        )
    return Outcome(
        Status.MET,
        say("vurdering.bilag/met", attachments=len(for_review), titles=_quoted(a.title for a in for_review)),
        facts,
    )
