"""A region with all its municipalities and a health agreement with full content, for the document tests.

The content is invented test text; only the region, its municipalities and the national goals are real names.
"""

from __future__ import annotations

import datetime as dt

from sundhedsaftale.core.case import (
    AgreementContent,
    AgreementSubmission,
    Attachment,
    CareProgramme,
    ClusterGoal,
    ClusterInfo,
    CollaborationAgreement,
    CollaborationModel,
    Coverage,
    ElementCoverage,
    FrameworkElement,
    HealthAgreement,
    MunicipalityInfo,
    OverarchingGoal,
    RegionCase,
    RegionInfo,
    SubGoal,
    SuccessCriterion,
    TargetGroup,
)

# Region Sjælland's 17 municipalities (code, name), as in data/reference/municipalities.csv.
SJAELLAND = (
    ("253", "Greve"),
    ("259", "Køge"),
    ("265", "Roskilde"),
    ("269", "Solrød"),
    ("306", "Odsherred"),
    ("316", "Holbæk"),
    ("320", "Faxe"),
    ("326", "Kalundborg"),
    ("329", "Ringsted"),
    ("330", "Slagelse"),
    ("336", "Stevns"),
    ("340", "Sorø"),
    ("350", "Lejre"),
    ("360", "Lolland"),
    ("370", "Næstved"),
    ("376", "Guldborgsund"),
    ("390", "Vordingborg"),
)
MUNICIPALITY_TITLES = tuple(f"{name} Kommune" for _, name in SJAELLAND)

RECEIVED = dt.date(2023, 12, 21)
DECIDED = dt.date(2024, 2, 8)

NATIONAL_GOAL_NAMES = {
    1: "Bedre sammenhængende patientforløb",
    2: "Styrket indsats for kronikere og ældre patienter",
    7: "Flere sunde leveår",
}


def _clusters() -> tuple[ClusterInfo, ...]:
    codes = [code for code, _ in SJAELLAND]
    return (
        ClusterInfo(id="c-nord", name="Sundhedsklynge Nord", municipality_codes=tuple(codes[:9])),
        ClusterInfo(id="c-syd", name="Sundhedsklynge Syd", municipality_codes=tuple(codes[9:])),
    )


def full_content() -> AgreementContent:
    elements = tuple(
        ElementCoverage(element=e, coverage=Coverage.ADDRESSED, note=f"Beskrevet i afsnit {e.number}")
        for e in FrameworkElement
        if e is not FrameworkElement.CHANGED_TASKS_AND_ECONOMY
    )
    return AgreementContent(
        vision="Borgeren oplever ét sammenhængende sundhedsvæsen.",
        values=("Borgeren i centrum", "Lighed i sundhed"),
        general_practice="Almen praksis er borgerens faste indgang til sundhedsvæsenet.",
        target_groups=(
            TargetGroup(
                id="tg-kronisk",
                name="Borgere med kronisk sygdom",
                description="Især borgere med flere kroniske sygdomme.",
                knowledge_basis=("Nationale kliniske retningslinjer for KOL",),
                data_sources=("Risikostratificering fra regionens dataportal",),
            ),
            TargetGroup(
                id="tg-aeldre",
                name="Ældre medicinske patienter",
                knowledge_basis=("Anbefalinger for den ældre medicinske patient",),
                data_sources=("Genindlæggelser fra Landspatientregistret",),
            ),
        ),
        overarching_goals=(
            OverarchingGoal(
                id="g1",
                title="Tryghed i eget hjem",
                description="Flere borgere skal kunne behandles tæt på hjemmet.",
                national_goals=(1, 2),
                target_group_ids=("tg-kronisk",),
                sub_goals=(
                    SubGoal(
                        id="s1",
                        title="Færre forebyggelige indlæggelser",
                        success_criteria=(
                            SuccessCriterion(
                                text="Færre indlæggelser blandt ældre",
                                indicator="Forebyggelige indlæggelser pr. 1.000 ældre",
                                target="Under 60 i 2027",
                                data_source="Landspatientregistret",
                            ),
                        ),
                    ),
                ),
            ),
            OverarchingGoal(id="g2", title="Lighed i sundhed", national_goals=(7,)),
        ),
        cluster_goals=(
            ClusterGoal(
                id="cg1", cluster_id="c-syd", title="Flere røgfrie borgere", indicator="Andel rygere"
            ),
            ClusterGoal(id="cg2", cluster_id="c-nord", title="Hurtigere opfølgning efter udskrivelse"),
        ),
        collaboration_agreements=(
            CollaborationAgreement(
                id="sa1",
                title="Samarbejdsaftale om udskrivelse",
                goal_ids=("g1",),
                target_group_ids=("tg-aeldre",),
                elements=elements,
            ),
        ),
        care_programmes=(
            CareProgramme(id="fp1", title="Forløbsprogram for KOL", target_group_ids=("tg-kronisk",)),
        ),
        collaboration_models=(CollaborationModel(id="nm1", title="Fælles akutteam", cluster_ids=("c-syd",)),),
        attachments=(Attachment(id="b1", title="Bilag 1: Datagrundlag", reference="bilag1.pdf"),),
    )


def agreement(*, content: AgreementContent | None = None, version: str = "1.0") -> HealthAgreement:
    return HealthAgreement(
        id="sa-2024",
        title="Sundhedsaftale 2024–2027",
        election_period_start=2022,
        version_number=version,
        effective_date=dt.date(2024, 1, 1),
        parties=("1085", *(code for code, _ in SJAELLAND)),
        content=full_content() if content is None else content,
        submissions=(AgreementSubmission(submitted_on=dt.date(2023, 12, 20), received_on=RECEIVED),),
    )


def sjaelland_case(*agreements: HealthAgreement) -> RegionCase:
    return RegionCase(
        region=RegionInfo(code="1085", name="Region Sjælland"),
        municipalities=tuple(MunicipalityInfo(code=code, name=name) for code, name in SJAELLAND),
        clusters=_clusters(),
        agreements=agreements or (agreement(),),
    )
