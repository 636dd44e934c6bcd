"""The health agreement as a document for councils and the public: its formal data (vejl. afsnit 5.1) and its
structured content (vejl. kapitel 3–4), in the order the guidance describes them.

Every section is always present, so a reader sees the whole structure the guidance asks for; a section the
agreement does not fill says "Ikke beskrevet" rather than disappearing. A part the record does not describe
(``AgreementContent.unrecorded``, ADR 0012) says "Ikke registreret i denne sag" instead: the record does not say
what the agreement holds there, which is not the same as the agreement holding nothing.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from sundhedsaftale.core.case import (
    CollaborationAgreement,
    ContentPart,
    FrameworkElement,
    HealthAgreement,
    OverarchingGoal,
    RegionCase,
    TargetGroup,
)
from sundhedsaftale.core.collation import danish_sort_key
from sundhedsaftale.core.periods import danish_date

from ._model import Block, BulletList, Document, Heading, KeyValues, Paragraph, Table

__all__ = ["NOT_DESCRIBED", "NOT_RECORDED", "UploadedAnnex", "agreement_document", "election_period_label"]

NOT_DESCRIBED = "Ikke beskrevet"
NOT_RECORDED = "Ikke registreret i denne sag"
# An empty table cell; a dash reads as "nothing here" in both PDF and Word.
EMPTY_CELL = "–"


@dataclass(frozen=True)
class UploadedAnnex:
    """An annex file uploaded to the agreement's version, as the document lists it (the file is not embedded)."""

    title: str
    revision: int
    file_name: str
    kind: str  # "PDF", "DOCX", …
    size: int  # bytes

    @property
    def size_label(self) -> str:
        if self.size >= 1024 * 1024:
            return f"{self.size / (1024 * 1024):.1f} MB".replace(".", ",")
        return f"{max(1, round(self.size / 1024))} kB"


# The agreement's term when it sets none itself (vejl. afsnit 3.6).
DEFAULT_TERM_YEARS = 4

_LEGAL_BASIS = {
    "bek-1248-2022": "Bekendtgørelse nr. 1248 af 5. september 2022",
    "bek-679-2018": "Bekendtgørelse nr. 679/2018",
}


def election_period_label(agreement: HealthAgreement) -> str:
    """The four-year election period the agreement belongs to, e.g. ``2022–2025``."""
    return f"{agreement.election_period_start}–{agreement.election_period_start + 3}"


def agreement_document(
    case: RegionCase,
    agreement: HealthAgreement,
    *,
    national_goal_names: Mapping[int, str],
    uploaded_annexes: Sequence[UploadedAnnex] = (),
) -> Document:
    """The whole agreement, readable without the platform: formal data first, then the content, and last the
    annex files uploaded to this version (title, version of the annex, file)."""
    content = agreement.content
    groups = {t.id: t.name for t in content.target_groups}
    goals = {g.id: g.title for g in content.overarching_goals}

    def empty(part: ContentPart) -> Paragraph:
        return Paragraph(NOT_DESCRIBED if content.records(part) else NOT_RECORDED)

    blocks: list[Block] = [
        *_formal_data(case, agreement),
        Heading("Vision og værdier"),
        Heading("Vision", 2),
        Paragraph(content.vision or NOT_DESCRIBED),
        Heading("Værdier", 2),
        _bullets_or_not_described(content.values),
        Heading("Fælles, forpligtende målsætninger"),
    ]
    if not content.overarching_goals:
        blocks.append(empty(ContentPart.OVERARCHING_GOALS))
    for number, goal in enumerate(content.overarching_goals, start=1):
        blocks += _goal(number, goal, groups, national_goal_names)
    blocks.append(Heading("Målgrupper og grundlaget for dem"))
    if not content.target_groups:
        blocks.append(empty(ContentPart.TARGET_GROUPS))
    for group in content.target_groups:
        blocks += _target_group(group)
    blocks += [
        Heading("Almen praksis' rolle"),
        Paragraph(content.general_practice)
        if content.general_practice
        else empty(ContentPart.GENERAL_PRACTICE),
    ]
    blocks += _cluster_goals(case, agreement)
    blocks.append(Heading("Samarbejdsaftaler"))
    if not content.collaboration_agreements:
        blocks.append(empty(ContentPart.COLLABORATION_AGREEMENTS))
    for collaboration in content.collaboration_agreements:
        blocks += _collaboration_agreement(collaboration, goals, groups)
    blocks.append(Heading("Forløbsprogrammer"))
    blocks.append(
        _bullets_or_not_described(
            _titled(p.title, p.description, _named("Målgrupper", p.target_group_ids, groups))
            for p in content.care_programmes
        )
    )
    clusters = {c.id: c.name for c in case.clusters}
    blocks.append(Heading("Nye modeller for samarbejde"))
    blocks.append(
        _bullets_or_not_described(
            _titled(m.title, m.description, _named("Sundhedsklynger", m.cluster_ids, clusters))
            for m in content.collaboration_models
        )
    )
    blocks.append(Heading("Bilag"))
    if content.attachments:
        blocks.append(
            Table(
                header=("Bilag", "Reference", "Relevant for Sundhedsstyrelsens vurdering"),
                rows=tuple(
                    (a.title, a.reference or EMPTY_CELL, "Ja" if a.for_review else "Nej")
                    for a in content.attachments
                ),
            )
        )
    else:
        blocks.append(empty(ContentPart.ATTACHMENTS))
    if uploaded_annexes:
        blocks.append(Heading("Vedhæftede bilag", 2))
        blocks.append(
            Table(
                header=("Bilag", "Bilagsversion", "Fil"),
                rows=tuple(
                    (a.title, str(a.revision), f"{a.file_name} ({a.kind}, {a.size_label})")
                    for a in uploaded_annexes
                ),
            )
        )
    return Document(
        title=f"{agreement.title} for {case.region.name}",
        subtitle=(
            f"Aftale mellem regionsrådet i {case.region.name} og kommunalbestyrelserne i regionens "
            f"kommuner om det sammenhængende sundhedsvæsen i valgperioden {election_period_label(agreement)}"
        ),
        sender=f"Sundhedssamarbejdsudvalget i {case.region.name}",
        date=agreement.effective_date,
        blocks=tuple(blocks),
    )


def _formal_data(case: RegionCase, agreement: HealthAgreement) -> list[Block]:
    """The data the guidance requires in every agreement (afsnit 5.1), plus its legal basis and term."""
    term = agreement.term_years or DEFAULT_TERM_YEARS
    term_text = f"{term} år fra ikrafttrædelsen, og indtil en ny sundhedsaftale træder i kraft"
    content = agreement.content

    def missing(part: ContentPart) -> str:
        return NOT_DESCRIBED if content.records(part) else NOT_RECORDED

    pairs = (
        ("Aftale", agreement.title),
        ("Valgperiode", election_period_label(agreement)),
        ("Versionsnummer", agreement.version_number or missing(ContentPart.VERSION_NUMBER)),
        (
            "Ikrafttrædelse",
            danish_date(agreement.effective_date)
            if agreement.effective_date
            else missing(ContentPart.EFFECTIVE_DATE),
        ),
        ("Varighed", term_text),
        ("Retsgrundlag", _LEGAL_BASIS.get(agreement.legal_basis, agreement.legal_basis)),
    )
    return [
        Heading("Aftalens formelle data"),
        KeyValues(pairs),
        Heading("Aftalens parter", 2),
        _bullets_or_not_described(
            case.party_name(code) for code in _parties_in_order(case, agreement.parties)
        )
        if agreement.parties or content.records(ContentPart.PARTIES)
        else Paragraph(NOT_RECORDED),
    ]


def _parties_in_order(case: RegionCase, parties: Iterable[str]) -> list[str]:
    """The regional council first, then the municipal councils in Danish alphabetical order, as in the letters."""
    region = [code for code in parties if code == case.region.code]
    councils = sorted(
        (code for code in parties if code != case.region.code),
        key=lambda code: danish_sort_key(case.municipality_name(code)),
    )
    return [*region, *councils]


def _goal(
    number: int, goal: OverarchingGoal, groups: Mapping[str, str], national_goal_names: Mapping[int, str]
) -> list[Block]:
    blocks: list[Block] = [Heading(f"Målsætning {number}: {goal.title}", 2)]
    if goal.description:
        blocks.append(Paragraph(goal.description))
    blocks.append(Paragraph("Sammenhæng med de nationale mål for sundhedsvæsenet:"))
    blocks.append(
        _bullets_or_not_described(
            f"Nationalt mål {n}: {national_goal_names.get(n, NOT_DESCRIBED)}" for n in goal.national_goals
        )
    )
    if goal.target_group_ids:
        blocks.append(Paragraph(_named("Målgrupper", goal.target_group_ids, groups) + "."))
    if not goal.sub_goals:
        blocks.append(Paragraph(f"Delmål og succeskriterier: {NOT_DESCRIBED}."))
    for sub_goal in goal.sub_goals:
        blocks.append(Heading(f"Delmål: {sub_goal.title}", 3))
        if sub_goal.description:
            blocks.append(Paragraph(sub_goal.description))
        if sub_goal.success_criteria:
            blocks.append(
                Table(
                    header=("Succeskriterium", "Indikator", "Målværdi", "Datakilde"),
                    rows=tuple(
                        (
                            c.text,
                            c.indicator or EMPTY_CELL,
                            c.target or EMPTY_CELL,
                            c.data_source or EMPTY_CELL,
                        )
                        for c in sub_goal.success_criteria
                    ),
                    caption=f"Succeskriterier for delmålet '{sub_goal.title}'",
                )
            )
        else:
            blocks.append(Paragraph(f"Succeskriterier: {NOT_DESCRIBED}."))
    return blocks


def _target_group(group: TargetGroup) -> list[Block]:
    blocks: list[Block] = [Heading(group.name, 2)]
    if group.description:
        blocks.append(Paragraph(group.description))
    blocks += [
        Paragraph("Viden og forskning, valget bygger på:"),
        _bullets_or_not_described(group.knowledge_basis),
        Paragraph("Data, der viser behovet:"),
        _bullets_or_not_described(group.data_sources),
    ]
    return blocks


def _cluster_goals(case: RegionCase, agreement: HealthAgreement) -> list[Block]:
    """Goals of the health clusters, grouped by cluster in the case's order of clusters."""
    blocks: list[Block] = [Heading("Sundhedsklyngernes egne mål")]
    goals = agreement.content.cluster_goals
    if not goals:
        recorded = agreement.content.records(ContentPart.CLUSTER_GOALS)
        return [*blocks, Paragraph(NOT_DESCRIBED if recorded else NOT_RECORDED)]
    order = {c.id: index for index, c in enumerate(case.clusters)}
    for cluster_id in sorted({g.cluster_id for g in goals}, key=lambda c: order.get(c, len(order))):
        cluster = case.cluster(cluster_id)
        blocks.append(Heading(cluster.name if cluster else cluster_id, 2))
        blocks.append(
            Table(
                header=("Mål", "Beskrivelse", "Indikator"),
                rows=tuple(
                    (g.title, g.description or EMPTY_CELL, g.indicator or EMPTY_CELL)
                    for g in goals
                    if g.cluster_id == cluster_id
                ),
            )
        )
    return blocks


def _collaboration_agreement(
    collaboration: CollaborationAgreement, goals: Mapping[str, str], groups: Mapping[str, str]
) -> list[Block]:
    blocks: list[Block] = [Heading(collaboration.title, 2)]
    if collaboration.description:
        blocks.append(Paragraph(collaboration.description))
    if collaboration.goal_ids:
        blocks.append(Paragraph(_named("Understøtter målsætningerne", collaboration.goal_ids, goals) + "."))
    if collaboration.target_group_ids:
        blocks.append(Paragraph(_named("Målgrupper", collaboration.target_group_ids, groups) + "."))
    if not collaboration.updated_for_agreement:
        blocks.append(
            Paragraph(
                "Samarbejdsaftalen er endnu ikke tilpasset denne sundhedsaftales målsætninger og rammer."
            )
        )
    notes = {e.element: e.note for e in collaboration.elements}
    blocks.append(
        Table(
            header=("Element i rammen (vejl. afsnit 4.1)", "Behandling", "Bemærkning"),
            rows=tuple(
                (
                    f"{element.number}. {element.label}",
                    collaboration.coverage_of(element).label,
                    notes.get(element) or EMPTY_CELL,
                )
                for element in FrameworkElement
            ),
            caption=f"Rammens otte elementer i '{collaboration.title}'",
        )
    )
    return blocks


def _bullets_or_not_described(items: Iterable[str]) -> BulletList | Paragraph:
    listed = tuple(items)
    return BulletList(listed) if listed else Paragraph(NOT_DESCRIBED)


def _named(label: str, ids: Iterable[str], names: Mapping[str, str]) -> str:
    return f"{label}: " + ", ".join(names.get(i, i) for i in ids)


def _titled(title: str, description: str, *extra: str) -> str:
    """One list item: the title, its description and any extra facts, as one sentence-like line."""
    parts = [title]
    if description:
        parts.append(description)
    parts += [e for e in extra if not e.endswith(": ")]
    return " – ".join(parts)
