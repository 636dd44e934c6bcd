"""A fully compliant region for the legal scenarios in tests/scenarios, and the changes a scenario can make.

The vocabulary of ``given`` is documented in tests/scenarios/README.md. Everything here builds core case models;
nothing reads a database.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Mapping, Sequence
from typing import Any

from sundhedsaftale.core import Platform
from sundhedsaftale.core.case import (
    AppointingBody,
    Body,
    BodyKind,
    CasePart,
    ClusterInfo,
    Decision,
    DecisionMaker,
    Meeting,
    MeetingKind,
    MeetingStatus,
    MemberRole,
    Membership,
    MunicipalityInfo,
    RegionCase,
    RegionInfo,
    Relevance,
    Representation,
    RulesOfProcedure,
    SeatOffer,
)

TERMS = ((dt.date(2022, 1, 1), dt.date(2025, 12, 31)), (dt.date(2026, 1, 1), None))
YEARS = range(2023, 2028)
CLUSTER_ID = "klynge"
BODY_IDS = {
    "political_level": "politisk",
    "professional_level": "fagligt",
    "committee": "udvalg",
    "patient_committee": "piu",
}
_MEETINGS_PER_YEAR = {"political_level": 2, "professional_level": 4, "committee": 4, "patient_committee": 1}


class _Seats:
    """Memberships for both terms, with stable person ids per seat."""

    def __init__(self, body_id: str) -> None:
        self.body_id = body_id
        self.rows: list[Membership] = []
        self._n = itertools.count(1)

    def add(self, role: MemberRole, by: AppointingBody, person: str, **extra: Any) -> None:
        for start, end in TERMS:
            n = next(self._n)
            self.rows.append(
                Membership(
                    id=f"{self.body_id}-m{n}",
                    person_id=f"{person}-{start.year}",
                    name=f"{person.replace('-', ' ').title()} ({start.year})",
                    role=role,
                    appointed_by=by,
                    start=start,
                    end=end,
                    **extra,
                )
            )


def _meetings(body_id: str, per_year: int, today: dt.date) -> list[Meeting]:
    result = []
    for year in YEARS:
        for k in range(per_year):
            day = dt.date(year, 2 + k * (10 // max(per_year, 1)), 10)
            result.append(
                Meeting(
                    id=f"{body_id}-{day.isoformat()}",
                    body_id=body_id,
                    date=day,
                    status=MeetingStatus.HELD if day < today else MeetingStatus.PLANNED,
                )
            )
    return result


def compliant_region(
    platform: Platform, code: str, municipalities: Sequence[str], today: dt.date
) -> RegionCase:
    """A region with one cluster of ``municipalities`` whose bodies meet every requirement on ``today``."""
    reference = platform.reference
    names = {c: reference.municipalities[c].name for c in municipalities}
    first = municipalities[0]
    rules = RulesOfProcedure(adopted_on=dt.date(2022, 2, 1), reference="Konstituerende møde, pkt. 2")

    political = _Seats(BODY_IDS["political_level"])
    political.add(
        MemberRole.REGIONAL_COUNCIL_CHAIR, AppointingBody.REGIONAL_COUNCIL, "rr-formand", chair=True
    )
    political.add(MemberRole.REGIONAL_COUNCIL_MEMBER, AppointingBody.REGIONAL_COUNCIL, "rr-medlem")
    for c in municipalities:
        political.add(
            MemberRole.MAYOR,
            AppointingBody.MUNICIPAL_COUNCIL,
            f"borgmester-{c}",
            municipality_code=c,
            chair=c == first,
        )
    political.add(MemberRole.GENERAL_PRACTITIONER, AppointingBody.PLO, "politisk-laege-1")
    political.add(MemberRole.GENERAL_PRACTITIONER, AppointingBody.PLO, "politisk-laege-2")

    professional = _Seats(BODY_IDS["professional_level"])
    professional.add(
        MemberRole.REGIONAL_REPRESENTATIVE, AppointingBody.REGIONAL_COUNCIL, "regional-1", chair=True
    )
    professional.add(MemberRole.REGIONAL_REPRESENTATIVE, AppointingBody.REGIONAL_COUNCIL, "regional-2")
    professional.add(
        MemberRole.REGIONAL_REPRESENTATIVE,
        AppointingBody.REGIONAL_COUNCIL,
        "regional-psyk",
        covers_psychiatry=True,
    )
    for c in municipalities:
        professional.add(
            MemberRole.MUNICIPAL_REPRESENTATIVE,
            AppointingBody.MUNICIPAL_COUNCIL,
            f"kommune-{c}",
            municipality_code=c,
            chair=c == first,
        )
    professional.add(MemberRole.GENERAL_PRACTITIONER, AppointingBody.PLO, "faglig-laege-1")
    professional.add(MemberRole.GENERAL_PRACTITIONER, AppointingBody.PLO, "faglig-laege-2")
    for n in (1, 2):
        professional.add(
            MemberRole.PATIENT_REPRESENTATIVE,
            AppointingBody.PATIENT_INVOLVEMENT_COMMITTEE,
            f"faglig-patient-{n}",
        )

    committee = _Seats(BODY_IDS["committee"])
    committee.add(
        MemberRole.REGIONAL_COUNCIL_CHAIR, AppointingBody.REGIONAL_COUNCIL, "rr-formand", chair=True
    )
    committee.add(MemberRole.REGIONAL_COUNCIL_MEMBER, AppointingBody.REGIONAL_COUNCIL, "rr-medlem")
    committee.add(MemberRole.REGIONAL_COUNCIL_MEMBER, AppointingBody.REGIONAL_COUNCIL, "rr-medlem-2")
    committee.add(
        MemberRole.MAYOR,
        AppointingBody.MUNICIPALITIES_JOINTLY,
        f"borgmester-{first}",
        municipality_code=first,
        cluster_id=CLUSTER_ID,
        vice_chair=True,
    )
    committee.add(MemberRole.GENERAL_PRACTITIONER, AppointingBody.PLO, "udvalg-laege-1")
    committee.add(MemberRole.GENERAL_PRACTITIONER, AppointingBody.PLO, "udvalg-laege-2")

    piu = _Seats(BODY_IDS["patient_committee"])
    for n, rep in enumerate(
        (Representation.SOMATIC, Representation.PSYCHIATRIC, Representation.BOTH), start=1
    ):
        piu.add(
            MemberRole.PATIENT_REPRESENTATIVE,
            AppointingBody.DANSKE_PATIENTER,
            f"dp-{n}",
            represents=rep,
            chair=n == 1,
        )
    for n, rep in enumerate(
        (Representation.SOMATIC, Representation.PSYCHIATRIC, Representation.SOMATIC), start=1
    ):
        piu.add(
            MemberRole.PATIENT_REPRESENTATIVE,
            AppointingBody.DANSKE_HANDICAPORGANISATIONER,
            f"dh-{n}",
            represents=rep,
            vice_chair=n == 1,
        )
    piu.add(MemberRole.PATIENT_REPRESENTATIVE, AppointingBody.REGIONSAELDRERAADET, "raeldreraad")
    piu.add(MemberRole.PATIENT_REPRESENTATIVE, AppointingBody.AELDRE_SAGEN, "aeldresagen")

    region_and_first = (code, first)
    bodies = [
        Body(
            id=BODY_IDS["political_level"],
            kind=BodyKind.POLITICAL_LEVEL,
            name="Klyngens politiske niveau",
            cluster_id=CLUSTER_ID,
            secretariat=region_and_first,
            rules_of_procedure=rules,
            memberships=tuple(political.rows),
        ),
        Body(
            id=BODY_IDS["professional_level"],
            kind=BodyKind.PROFESSIONAL_LEVEL,
            name="Klyngens faglige strategiske niveau",
            cluster_id=CLUSTER_ID,
            secretariat=region_and_first,
            seat_offers=tuple(
                SeatOffer(
                    to=AppointingBody.PATIENT_INVOLVEMENT_COMMITTEE,
                    seats=2,
                    offered_on=start,
                    reference="Brev",
                )
                for start, _ in TERMS
            ),
            memberships=tuple(professional.rows),
        ),
        Body(
            id=BODY_IDS["committee"],
            kind=BodyKind.COMMITTEE,
            name="Sundhedssamarbejdsudvalget",
            secretariat=region_and_first,
            rules_of_procedure=rules,
            memberships=tuple(committee.rows),
        ),
        Body(
            id=BODY_IDS["patient_committee"],
            kind=BodyKind.PATIENT_COMMITTEE,
            name="Patientinddragelsesudvalget",
            secretariat=(code,),
            rules_of_procedure=rules,
            memberships=tuple(piu.rows),
        ),
    ]
    meetings: list[Meeting] = []
    for alias, body_id in BODY_IDS.items():
        meetings += _meetings(body_id, _MEETINGS_PER_YEAR[alias], today)
    for year in YEARS:
        day = dt.date(year, 9, 20)
        status = MeetingStatus.HELD if day < today else MeetingStatus.PLANNED
        meetings.append(
            Meeting(
                id=f"udvalg-piu-{year}",
                body_id=BODY_IDS["committee"],
                date=day,
                status=status,
                kind=MeetingKind.PATIENT_COMMITTEE_ANNUAL,
                patient_committee_invited=True,
            )
        )
        meetings.append(
            Meeting(
                id=f"politisk-dialog-{year}",
                body_id=BODY_IDS["political_level"],
                date=dt.date(year, 10, 5),
                status=MeetingStatus.HELD if dt.date(year, 10, 5) < today else MeetingStatus.PLANNED,
                kind=MeetingKind.DIALOGUE,
                patient_committee_invited=True,
            )
        )
    for start, _ in TERMS:
        day = start + dt.timedelta(days=20)
        meetings.append(
            Meeting(
                id=f"piu-konstituerende-{start.year}",
                body_id=BODY_IDS["patient_committee"],
                date=day,
                status=MeetingStatus.HELD if day < today else MeetingStatus.PLANNED,
                kind=MeetingKind.CONSTITUTING,
            )
        )
    return RegionCase(
        region=RegionInfo(code=code, name=reference.regions[code].name),
        municipalities=tuple(MunicipalityInfo(code=c, name=names[c]) for c in municipalities),
        clusters=(
            ClusterInfo(
                id=CLUSTER_ID,
                name="Sundhedsklyngen",
                acute_hospital=_acute_hospital(platform, code, municipalities),
                municipality_codes=tuple(municipalities),
            ),
        ),
        bodies=tuple(bodies),
        meetings=tuple(meetings),
    )


def _acute_hospital(platform: Platform, code: str, municipalities: Sequence[str]) -> str:
    """The label of the reference cluster holding the first municipality, so § 1 recognises the hospital."""
    clusters = platform.reference.clusters_of_municipality(municipalities[0])
    return clusters[0].acute_hospital if clusters else ""


# --- The changes a scenario makes ----------------------------------------------------------------------------


def apply_given(case: RegionCase, given: Mapping[str, Any], today: dt.date) -> RegionCase:
    bodies = {b.id: b for b in case.bodies}
    meetings = list(case.meetings)
    for alias, body_id in BODY_IDS.items():
        change = given.get(alias)
        if not change:
            continue
        if change.get("absent"):
            bodies.pop(body_id)
            meetings = [m for m in meetings if m.body_id != body_id]
            continue
        bodies[body_id] = _change_body(bodies[body_id], change, today)
        meetings = _change_meetings(meetings, body_id, bodies[body_id], change, today)
    for n, group in enumerate(given.get("working_groups", ()), start=1):
        relevance = group.get("relevance")
        bodies[f"gruppe-{n}"] = Body(
            id=f"gruppe-{n}",
            kind=BodyKind.WORKING_GROUP,
            name=group.get("name", f"Arbejdsgruppe {n}"),
            parent_body_id=BODY_IDS[group["under"]],
            patient_committee_invited=bool(group.get("invited", False)),
            patient_committee_relevance=Relevance(relevance) if relevance else None,
            patient_committee_relevance_reason=group.get("reason", ""),
        )
    decisions = [_decision(n, d) for n, d in enumerate(given.get("decisions", ()), start=1)]
    return case.model_copy(
        update={
            "bodies": tuple(bodies.values()),
            "meetings": tuple(meetings),
            "decisions": (*case.decisions, *decisions),
            "unrecorded": tuple(CasePart(p) for p in given.get("unrecorded", ())),
        }
    )


def _change_body(body: Body, change: Mapping[str, Any], today: dt.date) -> Body:
    rows = list(body.memberships)
    for role in change.get("remove", ()):
        rows = _remove_one_per_term(rows, "role", role)
    for organisation in change.get("remove_appointed", ()):
        rows = _remove_one_per_term(rows, "appointed_by", organisation)
    if replace := change.get("replace_mayor"):
        rows = [
            m.model_copy(update={"role": MemberRole(replace["role"]), "chair": False})
            if m.role is MemberRole.MAYOR and m.municipality_code == replace["municipality"]
            else m
            for m in rows
        ]
    for edit in change.get("edit", ()):
        where = edit["where"]
        rows = [
            m.model_copy(update=edit["set"])
            if all(
                str(getattr(m, k).value if hasattr(getattr(m, k), "value") else getattr(m, k)) == str(v)
                for k, v in where.items()
            )
            else m
            for m in rows
        ]
    for n, extra in enumerate(change.get("add", ()), start=1):
        data = dict(extra)
        data.setdefault("appointed_by", "regional_council")
        for start, end in TERMS:
            rows.append(
                Membership.model_validate(
                    {
                        "id": f"{body.id}-ekstra-{n}-{start.year}",
                        "person_id": f"{body.id}-ekstra-{n}-{start.year}",
                        "name": f"Ekstra {n} ({start.year})",
                        "start": start,
                        "end": end,
                        **{("municipality_code" if k == "municipality" else k): v for k, v in data.items()},
                    }
                )
            )
    updated = body.model_copy(update={"memberships": tuple(rows)})
    if "set" in change:
        updated = Body.model_validate({**updated.model_dump(), **change["set"]})
    return updated


def _remove_one_per_term(rows: list[Membership], field: str, value: str) -> list[Membership]:
    """Without the first member in each term whose ``field`` has ``value`` (the seat is empty in both terms)."""
    out: list[Membership] = []
    emptied: set[bool] = set()
    for m in rows:
        current = m.start >= TERMS[1][0]
        if current not in emptied and getattr(m, field).value == value:
            emptied.add(current)
            continue
        out.append(m)
    return out


def _change_meetings(
    meetings: list[Meeting], body_id: str, body: Body, change: Mapping[str, Any], today: dt.date
) -> list[Meeting]:
    for year, count in (change.get("meetings_in") or {}).items():
        ordinary = [
            m
            for m in meetings
            if m.body_id == body_id and m.date.year == int(year) and m.kind is MeetingKind.ORDINARY
        ]
        keep = {m.id for m in ordinary[: int(count)]}
        meetings = [m for m in meetings if m not in ordinary or m.id in keep]
    for n, extra in enumerate(change.get("meetings", ()), start=1):
        day = extra["date"]
        status = extra.get("status") or ("held" if day < today else "planned")
        if extra.get("replace_kind"):
            meetings = [m for m in meetings if not (m.body_id == body_id and m.kind.value == extra["kind"])]
        meetings.append(
            Meeting(
                id=f"{body_id}-ekstra-{n}",
                body_id=body_id,
                date=day,
                status=MeetingStatus(status),
                kind=MeetingKind(extra.get("kind", "ordinary")),
                patient_committee_invited=bool(extra.get("invited", False)),
            )
        )
    if chaired := change.get("chaired_by"):
        day, role = chaired["date"], chaired["role"]
        leader = next(m for m in body.members_on(day) if m.role.value == role)
        absent = chaired.get("chair_absent", False)
        chairs = [m for m in body.members_on(day) if m.chair]
        meetings = [m for m in meetings if not (m.body_id == body_id and m.date == day)]
        meetings.append(
            Meeting(
                id=f"{body_id}-ledet-{day.isoformat()}",
                body_id=body_id,
                date=day,
                status=MeetingStatus.HELD,
                chaired_by=leader.person_id,
                attendance=tuple(
                    {"person_id": c.person_id, "name": c.name, "present": not absent}
                    for c in chairs  # type: ignore[misc]
                ),
            )
        )
    return meetings


def _decision(n: int, data: Mapping[str, Any]) -> Decision:
    subject = str(data.get("subject", "*"))
    return Decision(
        id=f"beslutning-{n}",
        parameter=data["parameter"],
        subject_id=BODY_IDS.get(subject, subject),
        value=data["value"],
        decided_by=data.get("decided_by", "Regionsrådet og kommunalbestyrelserne"),
        decision_maker=DecisionMaker(data.get("maker", "parties")),
        decided_on=data.get("on", dt.date(2022, 3, 1)),
        reference=data.get("reference", "Mødereferat, pkt. 4"),
    )
