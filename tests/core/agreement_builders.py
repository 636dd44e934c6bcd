"""Builders for an agreement's content: one that meets every assessment rule, and pieces to take away from it."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sundhedsaftale.core.case import (
    AgreementContent,
    AgreementSubmission,
    Attachment,
    ClusterGoal,
    CollaborationAgreement,
    Coverage,
    ElementCoverage,
    FrameworkElement,
    HealthAgreement,
    OverarchingGoal,
    RegionCase,
    SubGoal,
    SuccessCriterion,
    TargetGroup,
)

from .builders import region_case

AT = dt.date(2024, 2, 1)
AGREEMENT_ID = "a1"


def criterion(text: str = "Færre genindlæggelser", **extra: Any) -> SuccessCriterion:
    values: dict[str, Any] = {
        "indicator": "Andel akutte genindlæggelser inden for 30 dage",
        "target": "under 8 % i 2027",
        "data_source": "Landspatientregisteret",
    }
    values.update(extra)
    return SuccessCriterion(text=text, **values)


def sub_goal(goal_id: str, n: int, criteria: int = 1) -> SubGoal:
    return SubGoal(
        id=f"{goal_id}-d{n}",
        title=f"Delmål {n} for {goal_id}",
        success_criteria=tuple(criterion(f"Kriterium {k}") for k in range(1, criteria + 1)),
    )


def goal(
    goal_id: str,
    title: str,
    *,
    national: tuple[int, ...] = (1,),
    groups: tuple[str, ...] = ("tg-aeldre",),
    sub_goals: int = 2,
) -> OverarchingGoal:
    return OverarchingGoal(
        id=goal_id,
        title=title,
        national_goals=national,
        target_group_ids=groups,
        sub_goals=tuple(sub_goal(goal_id, n) for n in range(1, sub_goals + 1)),
    )


def target_group(group_id: str, name: str, *, knowledge: bool = True, data: bool = True) -> TargetGroup:
    return TargetGroup(
        id=group_id,
        name=name,
        knowledge_basis=("Sundhedsstyrelsens anbefalinger",) if knowledge else (),
        data_sources=("Risikostratificering af regionens borgere",) if data else (),
    )


def collaboration(
    agreement_id: str,
    title: str,
    *,
    missing: tuple[FrameworkElement, ...] = (),
    goals: tuple[str, ...] = ("g1",),
    updated: bool = True,
) -> CollaborationAgreement:
    elements = tuple(
        ElementCoverage(
            element=e,
            coverage=Coverage.MISSING
            if e in missing
            else (Coverage.NOT_RELEVANT if e is FrameworkElement.CAPACITY else Coverage.ADDRESSED),
            note="" if e in missing else "Beskrevet i aftalen",
        )
        for e in FrameworkElement
    )
    return CollaborationAgreement(
        id=agreement_id,
        title=title,
        goal_ids=goals,
        target_group_ids=("tg-aeldre",),
        elements=elements,
        updated_for_agreement=updated,
    )


def complete_content(**overrides: Any) -> AgreementContent:
    """Content that meets every assessment rule for the one-cluster region of ``builders.region_case``."""
    values: dict[str, Any] = {
        "vision": "Sammen om borgerens sundhed",
        "general_practice": "Almen praksis er borgerens faste indgang og rådgiver kommunerne om fælles patienter.",
        "target_groups": (
            target_group("tg-aeldre", "Ældre medicinske patienter"),
            target_group("tg-psyk", "Borgere med psykisk lidelse"),
        ),
        "overarching_goals": (
            goal("g1", "Tryghed og mestring i eget hjem", national=(1, 2), groups=("tg-aeldre",)),
            goal("g2", "Bedre mental sundhed", national=(6, 7), groups=("tg-psyk",)),
        ),
        "cluster_goals": (ClusterGoal(id="k1", cluster_id="c1", title="Færre akutte indlæggelser i Holbæk"),),
        "collaboration_agreements": (collaboration("s1", "Samarbejdsaftale om udskrivelse"),),
        "attachments": (Attachment(id="b1", title="Datagrundlag", reference="bilag1.pdf"),),
    }
    values.update(overrides)
    return AgreementContent(**values)


def agreement(
    content: AgreementContent | None = None,
    *,
    agreement_id: str = AGREEMENT_ID,
    title: str = "Sundhedsaftale 2024–2027",
    submitted: dt.date | None = dt.date(2023, 6, 28),
    **extra: Any,
) -> HealthAgreement:
    values: dict[str, Any] = {
        "election_period_start": 2022,
        "version_number": "1.0",
        "effective_date": dt.date(2024, 1, 1),
        "parties": ("1085", "316", "326"),
        "submissions": (AgreementSubmission(submitted_on=submitted, received_on=submitted),)
        if submitted
        else (),
    }
    values.update(extra)
    return HealthAgreement(
        id=agreement_id, title=title, content=content if content is not None else complete_content(), **values
    )


def agreement_case(*agreements: HealthAgreement) -> RegionCase:
    return region_case(agreements=list(agreements) or [agreement()])
