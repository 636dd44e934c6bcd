"""Legal cases for the composition rules (§§ 3, 4, 10, 11, 15, 25): the facts, the date, the finding."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest

from sundhedsaftale.core.case import (
    AppointingBody,
    BodyKind,
    DecisionMaker,
    MemberRole,
    Membership,
    Representation,
)
from sundhedsaftale.core.errors import CaseError
from sundhedsaftale.core.rules import Status

from .builders import (
    body,
    committee_members,
    decision,
    member,
    patient_committee_members,
    political_members,
    professional_members,
    region_case,
)

AT = dt.date(2024, 6, 1)
Change = Callable[[list[Membership]], list[Membership]]


def drop(role: MemberRole, n: int = 1) -> Change:
    def change(members: list[Membership]) -> list[Membership]:
        out, dropped = [], 0
        for m in members:
            if m.role is role and dropped < n:
                dropped += 1
                continue
            out.append(m)
        return out

    return change


def edit(predicate: Callable[[Membership], bool], **fields: object) -> Change:
    return lambda members: [m.model_copy(update=fields) if predicate(m) else m for m in members]


def add(*extra: Membership) -> Change:
    return lambda members: [*members, *extra]


def unchanged(members: list[Membership]) -> list[Membership]:
    return members


def status_of(
    platform, kind: BodyKind, members: list[Membership], rule_id: str, decisions=()
) -> tuple[Status, str]:
    case = region_case(bodies=[body(kind, members)], decisions=list(decisions))
    (finding,) = [f for f in platform.rulebook.evaluate(case, AT) if f.rule_id == rule_id]
    return finding.status, finding.explanation


CASES = [
    # (body kind, builder, change, rule, expected status, words in the explanation)
    (
        BodyKind.POLITICAL_LEVEL,
        political_members,
        unchanged,
        "klynge.politisk.regionsraad",
        Status.MET,
        "heriblandt regionsrådsformanden",
    ),
    (
        BodyKind.POLITICAL_LEVEL,
        political_members,
        drop(MemberRole.REGIONAL_COUNCIL_MEMBER),
        "klynge.politisk.regionsraad",
        Status.NOT_MET,
        "1 mangler",
    ),
    (
        BodyKind.POLITICAL_LEVEL,
        political_members,
        edit(lambda m: m.role is MemberRole.REGIONAL_COUNCIL_CHAIR, role=MemberRole.REGIONAL_COUNCIL_MEMBER),
        "klynge.politisk.regionsraad",
        Status.NOT_MET,
        "regionsrådsformanden er ikke blandt dem",
    ),
    (
        BodyKind.POLITICAL_LEVEL,
        political_members,
        unchanged,
        "klynge.politisk.borgmestre",
        Status.MET,
        "Alle 2 deltagende kommuner",
    ),
    (
        BodyKind.POLITICAL_LEVEL,
        political_members,
        edit(lambda m: m.municipality_code == "326", municipality_code=None),
        "klynge.politisk.borgmestre",
        Status.NOT_MET,
        "ingen borgmester fra Kalundborg",
    ),
    (
        BodyKind.POLITICAL_LEVEL,
        political_members,
        edit(lambda m: m.municipality_code == "326", role=MemberRole.COMMITTEE_CHAIR),
        "klynge.politisk.borgmestre",
        Status.NOT_MET,
        "Kalundborg har udvalgsstyre",
    ),
    (
        BodyKind.POLITICAL_LEVEL,
        political_members,
        unchanged,
        "klynge.politisk.almen-praksis",
        Status.MET,
        "2 praktiserende læger",
    ),
    (
        BodyKind.POLITICAL_LEVEL,
        political_members,
        edit(
            lambda m: m.role is MemberRole.GENERAL_PRACTITIONER, appointed_by=AppointingBody.REGIONAL_COUNCIL
        ),
        "klynge.politisk.almen-praksis",
        Status.NOT_MET,
        "0 praktiserende læger udpeget af PLO",
    ),
    (
        BodyKind.POLITICAL_LEVEL,
        political_members,
        unchanged,
        "klynge.politisk.formandskab",
        Status.MET,
        "delt mellem Regionsrådsformand og Borgmester Holbæk",
    ),
    (
        BodyKind.POLITICAL_LEVEL,
        political_members,
        edit(lambda m: m.role is MemberRole.MAYOR, chair=True),
        "klynge.politisk.formandskab",
        Status.NOT_MET,
        "én kommunal formand",
    ),
    (
        BodyKind.PROFESSIONAL_LEVEL,
        professional_members,
        unchanged,
        "klynge.faglig.region",
        Status.MET,
        "3 repræsentanter for regionen",
    ),
    (
        BodyKind.PROFESSIONAL_LEVEL,
        professional_members,
        edit(lambda m: m.covers_psychiatry, covers_psychiatry=False),
        "klynge.faglig.region",
        Status.NOT_MET,
        "ingen af dem repræsenterer det psykiatriske område",
    ),
    (
        BodyKind.PROFESSIONAL_LEVEL,
        professional_members,
        drop(MemberRole.REGIONAL_REPRESENTATIVE),
        "klynge.faglig.region",
        Status.NOT_MET,
        "1 mangler",
    ),
    (
        BodyKind.PROFESSIONAL_LEVEL,
        professional_members,
        unchanged,
        "klynge.faglig.kommuner",
        Status.MET,
        "fra hver deltagende kommune",
    ),
    (
        BodyKind.PROFESSIONAL_LEVEL,
        professional_members,
        add(
            member(
                MemberRole.MUNICIPAL_REPRESENTATIVE, AppointingBody.MUNICIPAL_COUNCIL, municipality_code="316"
            )
        ),
        "klynge.faglig.kommuner",
        Status.NOT_MET,
        "Holbæk (2)",
    ),
    (
        BodyKind.PROFESSIONAL_LEVEL,
        professional_members,
        drop(MemberRole.GENERAL_PRACTITIONER),
        "klynge.faglig.almen-praksis",
        Status.NOT_MET,
        "1 mangler",
    ),
    (
        BodyKind.PROFESSIONAL_LEVEL,
        professional_members,
        unchanged,
        "klynge.faglig.patienter",
        Status.MET,
        "2 repræsentanter udpeget af patientinddragelsesudvalget",
    ),
    (
        BodyKind.PROFESSIONAL_LEVEL,
        professional_members,
        drop(MemberRole.PATIENT_REPRESENTATIVE, 2),
        "klynge.faglig.patienter",
        Status.NOT_MET,
        "der er ikke registreret et tilbud om de 2 faste pladser",
    ),
    (
        BodyKind.PROFESSIONAL_LEVEL,
        professional_members,
        edit(lambda m: m.role is MemberRole.MUNICIPAL_REPRESENTATIVE, chair=False),
        "klynge.faglig.formandskab",
        Status.NOT_MET,
        "1 regional, 0 kommunal",
    ),
    (
        BodyKind.COMMITTEE,
        committee_members,
        unchanged,
        "udvalg.regionsraad",
        Status.MET,
        "3 repræsentanter for regionsrådet",
    ),
    (
        BodyKind.COMMITTEE,
        committee_members,
        drop(MemberRole.REGIONAL_COUNCIL_CHAIR),
        "udvalg.regionsraad",
        Status.NOT_MET,
        "regionsrådsformanden er ikke blandt dem",
    ),
    (
        BodyKind.COMMITTEE,
        committee_members,
        unchanged,
        "udvalg.borgmestre",
        Status.MET,
        "1 borgmester eller fagborgmester fra hver sundhedsklynge",
    ),
    (
        BodyKind.COMMITTEE,
        committee_members,
        drop(MemberRole.MAYOR),
        "udvalg.borgmestre",
        Status.NOT_MET,
        "Klynge Holbæk (0)",
    ),
    (
        BodyKind.COMMITTEE,
        committee_members,
        unchanged,
        "udvalg.almen-praksis",
        Status.MET,
        "2 praktiserende læger",
    ),
    (
        BodyKind.COMMITTEE,
        committee_members,
        unchanged,
        "udvalg.formandskab",
        Status.MET,
        "næstformand Borgmester Holbæk",
    ),
    (
        BodyKind.COMMITTEE,
        committee_members,
        edit(lambda m: m.chair, chair=False),
        "udvalg.formandskab",
        Status.NOT_MET,
        "formanden skal være én af regionsrådets",
    ),
    (
        BodyKind.PATIENT_COMMITTEE,
        patient_committee_members,
        unchanged,
        "pi-udvalg.sammensaetning",
        Status.MET,
        "3 medlemmer udpeget af Danske Patienter",
    ),
    (
        BodyKind.PATIENT_COMMITTEE,
        patient_committee_members,
        edit(lambda m: m.appointed_by is AppointingBody.AELDRE_SAGEN, end=dt.date(2024, 1, 1)),
        "pi-udvalg.sammensaetning",
        Status.NOT_MET,
        "1 medlem udpeget af Ældre Sagen",
    ),
    (
        BodyKind.PATIENT_COMMITTEE,
        patient_committee_members,
        add(member(MemberRole.PATIENT_REPRESENTATIVE, AppointingBody.AELDRE_SAGEN, substitute=True)),
        "pi-udvalg.sammensaetning",
        Status.MET,
        "3 medlemmer udpeget af Danske Patienter",
    ),
    (
        BodyKind.PATIENT_COMMITTEE,
        patient_committee_members,
        unchanged,
        "pi-udvalg.somatik-psykiatri",
        Status.MET,
        "Både somatiske og psykiske",
    ),
    (
        BodyKind.PATIENT_COMMITTEE,
        patient_committee_members,
        edit(lambda m: m.represents is not None, represents=Representation.SOMATIC),
        "pi-udvalg.somatik-psykiatri",
        Status.NOT_MET,
        "repræsenterer psykiske lidelser",
    ),
    (
        BodyKind.PATIENT_COMMITTEE,
        patient_committee_members,
        edit(lambda m: True, represents=None),
        "pi-udvalg.somatik-psykiatri",
        Status.NEEDS_JUDGEMENT,
        "vurdér",
    ),
    (
        BodyKind.PATIENT_COMMITTEE,
        patient_committee_members,
        edit(lambda m: m.vice_chair, vice_chair=False),
        "pi-udvalg.formandskab",
        Status.NOT_MET,
        "næstformand ingen",
    ),
]


@pytest.mark.parametrize(("kind", "build", "change", "rule_id", "expected", "words"), CASES)
def test_composition(platform, kind, build, change, rule_id, expected, words) -> None:
    status, explanation = status_of(platform, kind, change(build()), rule_id)
    assert status is expected, explanation
    assert words in explanation


def test_members_outside_their_term_do_not_count(platform) -> None:
    ended = edit(lambda m: m.role is MemberRole.GENERAL_PRACTITIONER, end=dt.date(2024, 5, 31))(
        political_members()
    )
    status, explanation = status_of(
        platform, BodyKind.POLITICAL_LEVEL, ended, "klynge.politisk.almen-praksis"
    )
    assert status is Status.NOT_MET
    assert "2 mangler" in explanation


def test_sec_3_subsec_2_decision_is_refused_under_udvalgsstyre(platform) -> None:
    """§ 3, stk. 2 concerns only mellemformsstyre and magistratsstyre: Kalundborg has udvalgsstyre, so its council
    cannot seat a committee chair in the mayor's place; the decision is refused naming the form and its source."""
    chosen = decision(
        "political_level.municipal_participant_other_than_mayor",
        True,
        subject_id="326",
        maker=DecisionMaker.MUNICIPAL_COUNCIL,
        reference="Kalundborg Byråd 5. januar 2023, pkt. 7",
    )
    with pytest.raises(CaseError, match=r"kan ikke fraviges i 326.*udvalgsstyre.*kilde: trap\.lex\.dk"):
        platform.rulebook.check_decision(chosen)


def test_cluster_mayor_in_committee_should_be_the_clusters_municipal_chair(platform) -> None:
    case = region_case(
        bodies=[
            body(BodyKind.POLITICAL_LEVEL, political_members()),
            body(BodyKind.COMMITTEE, committee_members()),
        ]
    )
    (finding,) = [
        f for f in platform.rulebook.evaluate(case, AT) if f.rule_id == "udvalg.borgmester-er-klyngeformand"
    ]
    assert finding.status is Status.MET
    other_chair = edit(lambda m: m.municipality_code == "316", chair=False)(political_members())
    other_chair = edit(lambda m: m.municipality_code == "326", chair=True)(other_chair)
    case = region_case(
        bodies=[body(BodyKind.POLITICAL_LEVEL, other_chair), body(BodyKind.COMMITTEE, committee_members())]
    )
    (finding,) = [
        f for f in platform.rulebook.evaluate(case, AT) if f.rule_id == "udvalg.borgmester-er-klyngeformand"
    ]
    assert finding.status is Status.NOT_MET
    assert "kommunal formand: Borgmester Kalundborg" in finding.explanation


def test_experts_and_assisting_representatives_hold_no_seat(platform) -> None:
    extra = add(
        member(MemberRole.EXPERT, AppointingBody.DANSKE_PATIENTER, "Fagkyndig"),
        member(MemberRole.ASSISTING_REPRESENTATIVE, AppointingBody.AELDRE_SAGEN, "Bisidder"),
    )
    status, explanation = status_of(
        platform, BodyKind.PATIENT_COMMITTEE, extra(patient_committee_members()), "pi-udvalg.sammensaetning"
    )
    assert status is Status.MET, explanation
