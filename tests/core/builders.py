"""Small, readable builders for legal test cases: a region with one cluster and its bodies."""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

from sundhedsaftale.core.case import (
    AppointingBody,
    Body,
    BodyKind,
    ClusterInfo,
    Decision,
    DecisionMaker,
    HealthAgreement,
    Meeting,
    MemberRole,
    Membership,
    MunicipalityInfo,
    RegionCase,
    RegionInfo,
)

START = dt.date(2022, 1, 1)
_ids = itertools.count(1)

MUNICIPALITIES = (
    MunicipalityInfo(code="316", name="Holbæk"),
    MunicipalityInfo(code="326", name="Kalundborg"),
)
CLUSTER = ClusterInfo(
    id="c1", name="Klynge Holbæk", acute_hospital="Holbæk Sygehus", municipality_codes=("316", "326")
)


def member(
    role: MemberRole, appointed_by: AppointingBody, name: str | None = None, **extra: Any
) -> Membership:
    n = next(_ids)
    return Membership(
        id=f"m{n}",
        person_id=extra.pop("person_id", f"p{n}"),
        name=name or f"Person {n}",
        role=role,
        appointed_by=appointed_by,
        start=extra.pop("start", START),
        **extra,
    )


def political_members(**overrides: Any) -> list[Membership]:
    """A political level that meets § 3, stk. 1 and § 4."""
    return [
        member(
            MemberRole.REGIONAL_COUNCIL_CHAIR,
            AppointingBody.REGIONAL_COUNCIL,
            "Regionsrådsformand",
            chair=True,
            person_id="rr-chair",
        ),
        member(MemberRole.REGIONAL_COUNCIL_MEMBER, AppointingBody.REGIONAL_COUNCIL),
        member(
            MemberRole.MAYOR,
            AppointingBody.MUNICIPAL_COUNCIL,
            "Borgmester Holbæk",
            municipality_code="316",
            chair=True,
            person_id="mayor-316",
        ),
        member(
            MemberRole.MAYOR,
            AppointingBody.MUNICIPAL_COUNCIL,
            "Borgmester Kalundborg",
            municipality_code="326",
        ),
        member(MemberRole.GENERAL_PRACTITIONER, AppointingBody.PLO),
        member(MemberRole.GENERAL_PRACTITIONER, AppointingBody.PLO),
    ]


def professional_members() -> list[Membership]:
    """A professional-strategic level that meets § 10, stk. 1 and § 11."""
    return [
        member(MemberRole.REGIONAL_REPRESENTATIVE, AppointingBody.REGIONAL_COUNCIL, chair=True),
        member(MemberRole.REGIONAL_REPRESENTATIVE, AppointingBody.REGIONAL_COUNCIL, covers_psychiatry=True),
        member(MemberRole.REGIONAL_REPRESENTATIVE, AppointingBody.REGIONAL_COUNCIL),
        member(
            MemberRole.MUNICIPAL_REPRESENTATIVE,
            AppointingBody.MUNICIPAL_COUNCIL,
            municipality_code="316",
            chair=True,
        ),
        member(
            MemberRole.MUNICIPAL_REPRESENTATIVE, AppointingBody.MUNICIPAL_COUNCIL, municipality_code="326"
        ),
        member(MemberRole.GENERAL_PRACTITIONER, AppointingBody.PLO),
        member(MemberRole.GENERAL_PRACTITIONER, AppointingBody.PLO),
        member(MemberRole.PATIENT_REPRESENTATIVE, AppointingBody.PATIENT_INVOLVEMENT_COMMITTEE),
        member(MemberRole.PATIENT_REPRESENTATIVE, AppointingBody.PATIENT_INVOLVEMENT_COMMITTEE),
    ]


def committee_members() -> list[Membership]:
    """A committee that meets § 15, stk. 4–5 (one cluster)."""
    return [
        member(
            MemberRole.REGIONAL_COUNCIL_CHAIR,
            AppointingBody.REGIONAL_COUNCIL,
            "Regionsrådsformand",
            chair=True,
            person_id="rr-chair",
        ),
        member(MemberRole.REGIONAL_COUNCIL_MEMBER, AppointingBody.REGIONAL_COUNCIL),
        member(MemberRole.REGIONAL_COUNCIL_MEMBER, AppointingBody.REGIONAL_COUNCIL),
        member(
            MemberRole.MAYOR,
            AppointingBody.MUNICIPAL_COUNCIL,
            "Borgmester Holbæk",
            cluster_id="c1",
            vice_chair=True,
            person_id="mayor-316",
        ),
        member(MemberRole.GENERAL_PRACTITIONER, AppointingBody.PLO),
        member(MemberRole.GENERAL_PRACTITIONER, AppointingBody.PLO),
    ]


def patient_committee_members() -> list[Membership]:
    """A patient involvement committee that meets § 25, stk. 2, 4 and 5."""
    from sundhedsaftale.core.case import Representation

    return [
        member(
            MemberRole.PATIENT_REPRESENTATIVE,
            AppointingBody.DANSKE_PATIENTER,
            represents=Representation.SOMATIC,
            chair=True,
        ),
        member(
            MemberRole.PATIENT_REPRESENTATIVE,
            AppointingBody.DANSKE_PATIENTER,
            represents=Representation.PSYCHIATRIC,
        ),
        member(
            MemberRole.PATIENT_REPRESENTATIVE,
            AppointingBody.DANSKE_PATIENTER,
            represents=Representation.SOMATIC,
        ),
        member(
            MemberRole.PATIENT_REPRESENTATIVE,
            AppointingBody.DANSKE_HANDICAPORGANISATIONER,
            represents=Representation.BOTH,
            vice_chair=True,
        ),
        member(
            MemberRole.PATIENT_REPRESENTATIVE,
            AppointingBody.DANSKE_HANDICAPORGANISATIONER,
            represents=Representation.SOMATIC,
        ),
        member(
            MemberRole.PATIENT_REPRESENTATIVE,
            AppointingBody.DANSKE_HANDICAPORGANISATIONER,
            represents=Representation.PSYCHIATRIC,
        ),
        member(MemberRole.PATIENT_REPRESENTATIVE, AppointingBody.REGIONSAELDRERAADET),
        member(MemberRole.PATIENT_REPRESENTATIVE, AppointingBody.AELDRE_SAGEN),
    ]


def body(kind: BodyKind, memberships: list[Membership], body_id: str | None = None) -> Body:
    cluster = "c1" if kind in (BodyKind.POLITICAL_LEVEL, BodyKind.PROFESSIONAL_LEVEL) else None
    return Body(
        id=body_id or kind.value,
        kind=kind,
        name=f"Test {kind.value}",
        cluster_id=cluster,
        memberships=tuple(memberships),
    )


def region_case(
    *,
    bodies: list[Body] | None = None,
    meetings: list[Meeting] | None = None,
    agreements: list[HealthAgreement] | None = None,
    decisions: list[Decision] | None = None,
) -> RegionCase:
    return RegionCase(
        region=RegionInfo(code="1085", name="Region Sjælland"),
        municipalities=MUNICIPALITIES,
        clusters=(CLUSTER,),
        bodies=tuple(bodies or ()),
        meetings=tuple(meetings or ()),
        agreements=tuple(agreements or ()),
        decisions=tuple(decisions or ()),
    )


def decision(
    parameter: str,
    value: Any,
    *,
    subject_id: str = "*",
    maker: DecisionMaker = DecisionMaker.PARTIES,
    on: dt.date = dt.date(2023, 3, 1),
    reference: str = "SSU-møde 1. marts 2023, pkt. 4",
) -> Decision:
    return Decision(
        id=f"d{next(_ids)}",
        parameter=parameter,
        subject_id=subject_id,
        value=value,
        decided_by="Regionsrådet og kommunalbestyrelserne",
        decision_maker=maker,
        decided_on=on,
        reference=reference,
    )
