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

from collections.abc import Iterable, Sequence

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
from ._helpers import count_phrase
from ._types import Fact, Outcome, RuleKind, Status, SubjectKind

_LEGACY = "bek-679-2018"

# Long lists in an explanation are cut here; the facts keep every name.
_LISTED = 8


def _goal_name(ctx: RuleContext, number: int) -> str:
    name = ctx.rulebook.national_goals.get(number)
    return f"{number}. {name}" if name else str(number)


def _quoted(titles: Iterable[str]) -> list[str]:
    return [f"»{t}«" for t in titles]


def _sentence(text: str) -> str:
    """``text`` with one closing full stop, also when it ends with an abbreviation ('Nykøbing F.')."""
    return text if text.endswith(".") else text + "."


def _listing(items: Sequence[str]) -> str:
    """Danish enumeration, cut after a few items: '»A«, »B« og »C«' or '»A«, …, og 5 flere'."""
    if not items:
        return "ingen"
    shown = list(items[:_LISTED])
    rest = len(items) - len(shown)
    if rest:
        return ", ".join(shown) + f" og {rest} {'anden' if rest == 1 else 'flere'}"
    if len(shown) == 1:
        return shown[0]
    return ", ".join(shown[:-1]) + " og " + shown[-1]


def _every(n: int, singular: str, plural: str, *, article: str = "Den") -> str:
    """'Alle 3 samarbejdsaftaler', or 'Den ene samarbejdsaftale' when there is one ('Alle 1' reads wrong)."""
    return f"{article} ene {singular}" if n == 1 else f"Alle {n} {plural}"


def _legacy(agreement: HealthAgreement) -> Outcome | None:
    """An agreement made under bek. nr. 679/2018 was assessed under that order and the 2018 guidance."""
    if agreement.legal_basis != _LEGACY:
        return None
    return Outcome(
        Status.NOT_APPLICABLE,
        "Aftalen er indgået efter bek. nr. 679 af 30. maj 2018 og blev vurderet efter de regler og den "
        "tidligere vejledning; vejledning nr. 9008/2024 anvendes ikke på den.",
        (Fact("retsgrundlag", agreement.legal_basis),),
    )


def _goal_titles(goals: Iterable[OverarchingGoal]) -> list[str]:
    return _quoted(g.title for g in goals)


def _unrecorded(agreement: HealthAgreement, *parts: ContentPart, criterion: bool = False) -> Outcome | None:
    """No conclusion about a part of the agreement the record does not describe.

    For an approval criterion the decision cannot wait for the record, so the reviewer must judge it from the
    agreement itself; for advice, nothing is said.
    """
    missing = [p for p in parts if not agreement.content.records(p)]
    if not missing:
        return None
    named = _listing([p.label for p in missing])
    facts = (Fact("ikke registreret", [p.label for p in missing]),)
    if criterion:
        return Outcome(
            Status.NEEDS_JUDGEMENT,
            f"Sagen beskriver ikke {named}. Godkendelseskriteriet må vurderes ud fra aftalen selv.",
            facts,
        )
    return Outcome(
        Status.NOT_RECORDED,
        f"Sagen beskriver ikke {named}; der kan ikke siges noget om det ud fra sagen.",
        facts,
    )


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
    coverage = (
        f"Aftalen dækker {len(covered)} af de {len(ctx.rulebook.national_goals)} nationale mål "
        f"({_listing([_goal_name(ctx, n) for n in covered])})"
        + (f"; ikke dækket: {_listing([_goal_name(ctx, n) for n in uncovered])}." if uncovered else ".")
    )
    if not goals:
        return Outcome(
            Status.NOT_MET,
            "Aftalen har ingen overordnede målsætninger. Godkendelse forudsætter fælles, forpligtende "
            "målsætninger, der viser sammenhæng med de nationale mål for sundhedsvæsenet.",
            facts,
        )
    if not linked:
        return Outcome(
            Status.NOT_MET,
            f"Ingen af aftalens {len(goals)} overordnede målsætninger er knyttet til et nationalt mål for "
            f"sundhedsvæsenet ({_listing(_goal_titles(goals))}); sammenhængen med de nationale mål er ikke vist.",
            facts,
        )
    if unlinked:
        # Some goals show the coherence and some do not: the agreement as a whole may still show it (a general
        # goal for the region can stand on the others), so a person at the authority must judge.
        return Outcome(
            Status.NEEDS_JUDGEMENT,
            f"{len(linked)} af {len(goals)} overordnede målsætninger er knyttet til nationale mål; "
            f"{len(unlinked)} er ikke: {_listing(_goal_titles(unlinked))}. Det må vurderes, om aftalen samlet "
            f"viser sammenhæng med de nationale mål. {coverage}",
            facts,
        )
    return Outcome(
        Status.MET,
        f"{_every(len(goals), 'overordnede målsætning', 'overordnede målsætninger')} er knyttet til mindst ét "
        f"nationalt mål. {coverage}",
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
        return Outcome(
            Status.NOT_MET,
            "Aftalen beskriver ingen målgrupper. Godkendelse forudsætter, at aftalen er udarbejdet med afsæt i "
            "det fælles grundlag for fastlæggelse af målgrupper og indsatser.",
            facts,
        )
    missing: list[str] = []
    if not with_basis:
        missing.append(
            f"ingen af de {len(groups)} målgrupper angiver den viden, forskning eller de data, valget bygger på"
        )
    if not used:
        missing.append("ingen målsætning, samarbejdsaftale eller forløbsprogram er knyttet til en målgruppe")
    if missing:
        return Outcome(Status.NOT_MET, "Grundlaget er ikke dokumenteret: " + "; ".join(missing) + ".", facts)
    gaps: list[str] = []
    if without_basis:
        gaps.append(
            f"{count_phrase(len(without_basis), 'målgruppe', 'målgrupper')} angiver ikke, hvad valget bygger på "
            f"({_listing(_quoted(t.name for t in without_basis))})"
        )
    if unused:
        gaps.append(
            f"{count_phrase(len(unused), 'målgruppe', 'målgrupper')} er ikke knyttet til en målsætning eller indsats "
            f"({_listing(_quoted(t.name for t in unused))})"
        )
    base = (
        f"Aftalen beskriver {count_phrase(len(groups), 'målgruppe', 'målgrupper')}; {len(with_basis)} angiver viden eller data som grundlag, "
        f"og {len(goals_with_groups)} af {len(content.overarching_goals)} overordnede målsætninger er knyttet "
        "til målgrupper."
    )
    if gaps:
        # The criterion is about the agreement as a whole; gaps for some groups call for a judgement, not a refusal.
        return Outcome(
            Status.NEEDS_JUDGEMENT,
            f"{base} Men {'; '.join(gaps)}. Det må vurderes, om grundlaget samlet er dokumenteret.",
            facts,
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
        return Outcome(
            Status.NOT_APPLICABLE,
            "Aftalen har ingen overordnede målsætninger at konkretisere (se kravet om målsætninger).",
            facts,
        )
    gaps: list[str] = []
    if without_sub_goals:
        gaps.append(
            f"{len(without_sub_goals)} af {len(goals)} overordnede målsætninger har ingen delmål: "
            f"{_listing(_goal_titles(without_sub_goals))}"
        )
    if without_criteria:
        gaps.append(
            f"{len(without_criteria)} delmål har ingen succeskriterier: "
            f"{_listing(_quoted(s.title for s in without_criteria))}"
        )
    if gaps:
        if len(without_sub_goals) == len(goals):
            advice = (
                "Sundhedsstyrelsen anbefaler, at aftalen konkretiseres med delmål og succeskriterier for de "
                "overordnede målsætninger – også ud over samarbejdsaftalerne – så det bliver tydeligt, hvordan "
                "målene skal indfries, og det forpligtende samarbejde bliver gennemsigtigt."
            )
        else:
            advice = (
                "Sundhedsstyrelsen anbefaler, at alle aftalens overordnede målsætninger konkretiseres med delmål og "
                "succeskriterier, så det bliver tydeligt, hvordan målene skal indfries: "
                + "; ".join(gaps)
                + "."
            )
        return Outcome(
            Status.NOT_MET,
            "Målsætningerne er ikke konkretiseret overalt: " + "; ".join(gaps) + ".",
            facts,
            advice=advice,
        )
    return Outcome(
        Status.MET,
        f"{_every(len(goals), 'overordnede målsætning', 'overordnede målsætninger')} har delmål "
        f"({agreement.content.sub_goal_count} i alt), "
        f"og alle delmål har succeskriterier ({criteria} i alt).",
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
        return Outcome(Status.NOT_APPLICABLE, "Sagen har ingen sundhedsklynger.", facts)
    if missing:
        which = "" if len(missing) == len(clusters) else f" Det gælder {_listing([c.name for c in missing])}."
        return Outcome(
            Status.NOT_MET,
            _sentence(
                f"{len(missing)} af {len(clusters)} sundhedsklynger har ingen selvstændige mål i aftalen: "
                f"{_listing([c.name for c in missing])}"
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
        f"{_every(len(clusters), 'sundhedsklynge', 'sundhedsklynger')} har selvstændige mål i aftalen "
        f"({len(agreement.content.cluster_goals)} klyngemål i alt).",
        facts,
    )


_ELEMENT_CITATIONS = [e.citation for e in FrameworkElement]


def _missing_elements(agreement: CollaborationAgreement) -> list[FrameworkElement]:
    return [e for e in FrameworkElement if agreement.coverage_of(e) is Coverage.MISSING]


_VOLUNTARY = "Aftalen indeholder ingen samarbejdsaftaler; de er frivillige (§ 20)."


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
        return Outcome(Status.NOT_APPLICABLE, _VOLUNTARY, facts)
    if gaps:
        parts = [
            f"»{c.title}« mangler "
            + ", ".join(f"{e.citation} ({e.label[0].lower()}{e.label[1:]})" for e in missing)
            for c, missing in gaps[:_LISTED]
        ]
        more = f"; og {len(gaps) - _LISTED} samarbejdsaftaler mere" if len(gaps) > _LISTED else ""
        named = "; ".join(
            f"»{c.title}« (delelement {', '.join(str(e.number) for e in missing)})"
            for c, missing in gaps[:_LISTED]
        )
        return Outcome(
            Status.NOT_MET,
            f"{len(gaps)} af {len(collaborations)} samarbejdsaftaler tager ikke stilling til alle delelementer "
            f"i rammen for samarbejdsaftaler: {'; '.join(parts)}{more}. Hvert delelement bør adresseres eller "
            "angives som ikke relevant.",
            facts,
            advice=(
                "Sundhedsstyrelsen anbefaler, at samarbejdsaftalerne tager stilling til hvert delelement i rammen "
                "for samarbejdsaftaler – ved at adressere det eller angive, at det ikke er relevant for aftalen. "
                f"Det gælder {named}{more}."
            ),
        )
    return Outcome(
        Status.MET,
        f"{_every(len(collaborations), 'samarbejdsaftale', 'samarbejdsaftaler')} tager stilling til rammens otte "
        "delelementer.",
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
        return Outcome(Status.NOT_APPLICABLE, _VOLUNTARY, facts)
    gaps: list[str] = []
    if unlinked:
        gaps.append(
            f"{len(unlinked)} af {len(collaborations)} er ikke knyttet til en overordnet målsætning "
            f"({_listing(_quoted(c.title for c in unlinked))})"
        )
    if outdated:
        gaps.append(
            f"{len(outdated)} af {len(collaborations)} er ikke tilpasset den nye aftale "
            f"({_listing(_quoted(c.title for c in outdated))})"
        )
    if gaps:
        affected = list(dict.fromkeys([*unlinked, *outdated]))
        return Outcome(
            Status.NOT_MET,
            f"Samarbejdsaftalerne stemmer ikke overens med den nye aftale: {'; '.join(gaps)}.",
            facts,
            advice=(
                "Sundhedsstyrelsen anbefaler, at samarbejdsaftalerne, når de videreudvikles, bringes i "
                "overensstemmelse med den nye sundhedsaftale – dens målsætninger og rammer og principper for "
                "samarbejdet – så aftalen kan realiseres."
                + (
                    f" Det gælder {_listing(_quoted(c.title for c in affected))}."
                    if len(collaborations) > 1
                    else ""
                )
            ),
        )
    linked = " understøtter overordnede målsætninger og" if links_recorded else ""
    return Outcome(
        Status.MET,
        f"{_every(len(collaborations), 'samarbejdsaftale', 'samarbejdsaftaler')}{linked} er tilpasset den nye aftale.",
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
        return Outcome(
            Status.NOT_APPLICABLE,
            "Aftalen har hverken målgrupper eller succeskriterier at understøtte med data.",
            facts,
        )
    gaps: list[str] = []
    if groups_without_data:
        gaps.append(
            f"{len(groups_without_data)} af {len(groups)} målgrupper angiver ingen data, der viser "
            f"behovet ({_listing(_quoted(t.name for t in groups_without_data))})"
        )
    if without_indicator:
        gaps.append(
            f"{len(without_indicator)} af {len(criteria)} succeskriterier har ingen indikator "
            f"(under delmålene {_listing(_quoted(dict.fromkeys(without_indicator)))})"
        )
    if without_source:
        gaps.append(
            f"{count_phrase(len(without_source), 'indikator', 'indikatorer')} har ingen datakilde "
            f"(under delmålene {_listing(_quoted(dict.fromkeys(without_source)))})"
        )
    if gaps:
        return Outcome(
            Status.NOT_MET,
            "Ikke alle målgrupper og succeskriterier er understøttet af data: " + "; ".join(gaps) + ".",
            facts,
            advice=(
                "Sundhedsstyrelsen anbefaler, at målgrupper og indsatser så vidt muligt understøttes af data, så "
                "behovet og effekten kan følges: " + "; ".join(gaps) + "."
            ),
        )
    parts = []
    if groups:
        parts.append(f"{_every(len(groups), 'målgruppe', 'målgrupper')} angiver data")
    if criteria:
        every = _every(len(criteria), "succeskriterium", "succeskriterier", article="Det")
        parts.append(f"{every} har en indikator med datakilde")
    text = " og ".join([parts[0], *(p[0].lower() + p[1:] for p in parts[1:])])
    return Outcome(Status.MET, text[0].upper() + text[1:] + ".", facts)


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
            "Aftalen beskriver ikke almen praksis' rolle.",
            facts,
            advice=(
                "Sundhedsstyrelsen anbefaler, at aftalen sætter rammer og mål for almen praksis' rolle og opgaver i "
                "det samlede sundhedsvæsen, herunder rådgivning, supervision og tilgængelighed for "
                "samarbejdspartnere."
            ),
        )
    return Outcome(Status.MET, "Aftalen beskriver almen praksis' rolle i det samlede sundhedsvæsen.", facts)


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
        return Outcome(
            Status.NEEDS_JUDGEMENT,
            "Der er ikke sendt bilag med til Sundhedsstyrelsens vurdering. Om aftalen henviser til bilag (fx "
            "samarbejdsaftaler eller datagrundlag), der skulle have været sendt med, afgøres ved at læse aftalen.",
            facts,
            advice=advice,
        )
    if unreferenced:
        # The record lacks a file or link; the attachment may still have been received.
        return Outcome(
            Status.NEEDS_JUDGEMENT,
            f"{len(unreferenced)} af {len(for_review)} bilag til vurderingen er registreret uden filnavn eller link: "
            f"{_listing(_quoted(a.title for a in unreferenced))}. Kontrollér, at de er modtaget.",
            facts,
            advice=advice,
        )
    return Outcome(
        Status.MET,
        f"Aftalen angiver {len(for_review)} bilag til vurderingen: {_listing(_quoted(a.title for a in for_review))}.",
        facts,
    )
