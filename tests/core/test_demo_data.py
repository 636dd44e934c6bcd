"""The national demo data set, evaluated with the real rulebook.

The demo must be compliant everywhere except the deliberate shortfalls written out below, both on the demo's
"today" (after the 2025 elections) and before them. No Django: only the core and the demo builder.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable

import pytest

from sundhedsaftale.core import Platform, load_platform
from sundhedsaftale.core.case import (
    AppointingBody,
    AuthorityDecisionKind,
    BodyKind,
    DecisionMaker,
    MeetingStatus,
    MemberRole,
    RegionCase,
)
from sundhedsaftale.core.rules import Finding, RuleKind, Status
from sundhedsaftale.demo import DEMO_REGION_CODE, DEMO_TODAY, OBJECTION_REGION_CODE, build_national_demo

TODAY = dt.date(2026, 11, 23)
BEFORE_ELECTION = dt.date(2025, 6, 1)
REGION_CODES = ("1081", "1082", "1083", "1084", "1085")

# The deliberate shortfalls in Region Sjælland on TODAY, as (rule id, subject id).
DEMO_SHORTFALLS = {
    # 1. Only one PLO general practitioner in the professional level.
    ("klynge.faglig.almen-praksis", "sjaelland-koege-professional"),
    # 2. No regional representative covers psychiatry.
    ("klynge.faglig.region", "sjaelland-slagelse-professional"),
    # 3. Odsherred takes part by a committee chair without a decision of its council (§ 3, stk. 2).
    ("klynge.politisk.borgmestre", "sjaelland-holbaek-political"),
    # 5. The committee held only three meetings in 2025.
    ("udvalg.moeder", "1085-committee"),
    # 6. Ældre Sagen's seat is vacant.
    ("pi-udvalg.sammensaetning", "1085-patient-committee"),
}
# Advice the demo region's agreements are meant to show (recommendations, not requirements), as (rule id, subject id):
DEMO_ADVICE = {
    # Sundhedsaftale 2024–2027: one cluster has no goal of its own, and one collaboration agreement leaves a
    # framework element open (as in Sundhedsstyrelsen's real letter to Region Sjælland).
    ("vurdering.klyngemaal", "1085-sundhedsaftale-2024-2027"),
    ("vurdering.samarbejdsaftaler-ramme", "1085-sundhedsaftale-2024-2027"),
    # Sundhedsaftale 2028–2031 is a draft: no sub-goals and no cluster goals yet.
    ("vurdering.delmaal-succeskriterier", "1085-sundhedsaftale-2028-2031"),
    ("vurdering.klyngemaal", "1085-sundhedsaftale-2028-2031"),
}
# 7. In Region Nordjylland the committee's mayor for Klynge Vest is not the cluster's municipal chair.
NORDJYLLAND_SHORTFALL = ("udvalg.borgmester-er-klyngeformand", "1081-committee")

# Names of actual regional council chairs and mayors the generated names must not repeat.
REAL_OFFICE_HOLDERS = {
    "Heino Knudsen",
    "Mads Duedahl",
    "Ulla Astman",
    "Anders Kühnau",
    "Stephanie Lose",
    "Bo Libergren",
    "Lars Gaardhøj",
    "Sophie Hæstorp Andersen",
    "Jacob Bundsgaard",
    "Peter Rahbæk Juel",
    "Thomas Kastrup-Larsen",
    "Christian Holm Donatzky",
    "Marie Stærke",
    "John Dyrby Paulsen",
    "Carsten Rasmussen",
    "Tomas Breddam",
    "Holger Schou Rasmussen",
    "John Brædder",
    "Mikael Smed",
    "Martin Damm",
    "Gert Jørgensen",
    "Henrik Hvidesten",
}


@pytest.fixture(scope="module")
def platform() -> Platform:
    return load_platform()


@pytest.fixture(scope="module")
def cases(platform: Platform) -> dict[str, RegionCase]:
    return {case.region.code: case for case in build_national_demo(platform.reference)}


@pytest.fixture(scope="module")
def evaluate(platform: Platform, cases: dict[str, RegionCase]) -> Callable[[str, dt.date], list[Finding]]:
    memo: dict[tuple[str, dt.date], list[Finding]] = {}

    def run(code: str, at: dt.date) -> list[Finding]:
        if (code, at) not in memo:
            memo[code, at] = platform.rulebook.evaluate(cases[code], at)
        return memo[code, at]

    return run


def not_met(findings: list[Finding]) -> set[tuple[str, str]]:
    return {(f.rule_id, f.subject.id) for f in findings if f.status is Status.NOT_MET}


def finding(findings: list[Finding], rule_id: str, subject_id: str, status: Status | None = None) -> Finding:
    """The one finding of a rule on a subject (meeting rules give one per year: pick by status)."""
    (found,) = [
        f
        for f in findings
        if f.rule_id == rule_id and f.subject.id == subject_id and (status is None or f.status is status)
    ]
    return found


# --- Shape ----------------------------------------------------------------------------------------------------


def test_one_case_per_region_ordered_by_code(platform: Platform) -> None:
    built = build_national_demo(platform.reference)
    assert [c.region.code for c in built] == list(REGION_CODES)
    assert DEMO_REGION_CODE == "1085"
    assert DEMO_TODAY == TODAY


def test_every_region_has_its_bodies(cases: dict[str, RegionCase], platform: Platform) -> None:
    for code, case in cases.items():
        kinds = Counter(b.kind for b in case.bodies)
        assert kinds[BodyKind.COMMITTEE] == 1
        assert kinds[BodyKind.PATIENT_COMMITTEE] == 1
        assert case.body(f"{code}-committee") is not None
        assert case.body(f"{code}-patient-committee") is not None
        cluster_ids = {c.id for c in platform.reference.clusters_of_region(code)}
        assert {c.id for c in case.clusters} == cluster_ids
        assert {c.code for c in case.municipalities} == {
            m.code for m in platform.reference.municipalities_of_region(code)
        }
        for kind, suffix in (
            (BodyKind.POLITICAL_LEVEL, "political"),
            (BodyKind.PROFESSIONAL_LEVEL, "professional"),
        ):
            levels = case.bodies_of_kind(kind)
            assert sorted(b.cluster_id or "" for b in levels) == sorted(cluster_ids)
            assert {b.id for b in levels} == {f"{cid}-{suffix}" for cid in cluster_ids}


def test_building_twice_gives_equal_results(platform: Platform) -> None:
    first = build_national_demo(platform.reference)
    second = build_national_demo(platform.reference)
    assert first == second
    assert [c.model_dump_json() for c in first] == [c.model_dump_json() for c in second]


def test_ids_are_unique(cases: dict[str, RegionCase]) -> None:
    national: Counter[str] = Counter()
    for case in cases.values():
        ids = [
            *(b.id for b in case.bodies),
            *(m.id for b in case.bodies for m in b.memberships),
            *(m.id for m in case.meetings),
            *(a.id for a in case.agreements),
            *(d.id for d in case.decisions),
        ]
        assert len(ids) == len(set(ids)), [i for i, n in Counter(ids).items() if n > 1]
        assert max(len(i) for i in ids) <= 100  # the database keys are 100 characters
        national.update({*(b.id for b in case.bodies), *(a.id for a in case.agreements)})
        national.update({m.person_id for b in case.bodies for m in b.memberships})
    # Body, agreement and person ids are keys across regions too.
    assert [i for i, n in national.items() if n > 1] == []


def test_a_person_has_one_id_and_one_name(cases: dict[str, RegionCase]) -> None:
    name_of: dict[str, str] = {}
    for case in cases.values():
        for body in case.bodies:
            for m in body.memberships:
                assert name_of.setdefault(m.person_id, m.name) == m.name
    assert len(set(name_of.values())) == len(name_of), "two people share a name"
    assert not any("demo" in name.lower() for name in name_of.values())
    assert not REAL_OFFICE_HOLDERS & set(name_of.values())


def test_two_election_periods(cases: dict[str, RegionCase]) -> None:
    for case in cases.values():
        for body in case.bodies:
            terms = {(m.start, m.end) for m in body.memberships}
            assert (dt.date(2022, 1, 1), dt.date(2025, 12, 31)) in terms, body.id
            assert (dt.date(2026, 1, 1), None) in terms, body.id
        previous = {m.person_id for b in case.bodies for m in b.members_on(BEFORE_ELECTION, substitutes=True)}
        current = {m.person_id for b in case.bodies for m in b.members_on(TODAY, substitutes=True)}
        reelected = current & previous
        assert reelected, f"{case.region.code}: some people were re-elected"
        assert len(current - previous) > 2 * len(reelected), f"{case.region.code}: mostly new people"


def test_shared_people_sit_on_several_bodies(cases: dict[str, RegionCase]) -> None:
    for case in cases.values():
        for at in (BEFORE_ELECTION, TODAY):
            committee = case.body(f"{case.region.code}-committee")
            assert committee is not None
            (chair,) = [m for m in committee.members_on(at) if m.role is MemberRole.REGIONAL_COUNCIL_CHAIR]
            assert chair.chair
            for level in case.bodies_of_kind(BodyKind.POLITICAL_LEVEL):
                present = level.members_on(at)
                assert chair.person_id in {m.person_id for m in present if m.chair}
                municipal_chairs = [m for m in present if m.chair and m.role is MemberRole.MAYOR]
                assert len(municipal_chairs) == 1
                (mayor,) = [m for m in committee.members_on(at) if m.cluster_id == level.cluster_id]
                mismatch = at == TODAY and (case.region.code, level.cluster_id) == (
                    "1081",
                    "nordjylland-vest",
                )
                assert (mayor.person_id == municipal_chairs[0].person_id) is not mismatch, level.id
                assert mayor.person_id in {m.person_id for m in present if m.role is MemberRole.MAYOR}


# --- Compliance ---------------------------------------------------------------------------------------------


def test_demo_region_shows_exactly_the_deliberate_shortfalls(
    evaluate: Callable[[str, dt.date], list[Finding]],
) -> None:
    findings = evaluate(DEMO_REGION_CODE, TODAY)
    assert not_met(findings) == DEMO_SHORTFALLS | DEMO_ADVICE
    assert {(f.rule_id, f.subject.id) for f in findings if f.breaks_requirement} == DEMO_SHORTFALLS
    assert all(
        f.kind is RuleKind.RECOMMENDATION for f in findings if (f.rule_id, f.subject.id) in DEMO_ADVICE
    )
    assert (
        "Odsherred"
        in finding(findings, "klynge.politisk.borgmestre", "sjaelland-holbaek-political").explanation
    )
    assert "2025" in finding(findings, "udvalg.moeder", "1085-committee", Status.NOT_MET).explanation
    assert (
        "Ældre Sagen" in finding(findings, "pi-udvalg.sammensaetning", "1085-patient-committee").explanation
    )
    assert (
        "psykiatriske"
        in finding(findings, "klynge.faglig.region", "sjaelland-slagelse-professional").explanation
    )


def test_other_regions_are_compliant_but_for_one_recommendation(
    evaluate: Callable[[str, dt.date], list[Finding]],
) -> None:
    nordjylland = evaluate("1081", TODAY)
    assert not_met(nordjylland) == {NORDJYLLAND_SHORTFALL}
    recommendation = finding(nordjylland, *NORDJYLLAND_SHORTFALL)
    assert recommendation.kind is RuleKind.RECOMMENDATION
    assert "Klynge Vest" in recommendation.explanation
    for code in ("1081", "1082", "1083", "1084"):
        assert [f for f in evaluate(code, TODAY) if f.breaks_requirement] == [], code
    for code in ("1082", "1083", "1084"):
        assert not_met(evaluate(code, TODAY)) == set(), code


def test_everything_is_compliant_before_the_election(
    evaluate: Callable[[str, dt.date], list[Finding]],
) -> None:
    for code in REGION_CODES:
        # The advice on the demo region's agreements is in their content, whatever the date.
        expected = DEMO_ADVICE if code == DEMO_REGION_CODE else set()
        assert not_met(evaluate(code, BEFORE_ELECTION)) == expected, code


def test_every_meeting_rule_is_met_on_today_outside_the_short_year(
    evaluate: Callable[[str, dt.date], list[Finding]],
) -> None:
    for code in REGION_CODES:
        statuses = {f.status for f in evaluate(code, TODAY) if f.rule_id.endswith("moeder")}
        assert Status.NOT_YET_DUE not in statuses, code


def test_local_agreement_on_general_practitioners_is_applied(
    evaluate: Callable[[str, dt.date], list[Finding]],
) -> None:
    subject = "sjaelland-koege-political"
    found = finding(evaluate(DEMO_REGION_CODE, TODAY), "klynge.politisk.almen-praksis", subject)
    assert found.status is Status.MET
    (applied,) = [a for a in found.applied if a.decision is not None]
    assert applied.parameter == "political_level.general_practitioners"
    assert (applied.value, applied.default) == (1, 2)
    decision = applied.decision
    assert decision is not None
    assert decision.subject_id == subject
    assert decision.decision_maker is DecisionMaker.PARTIES
    assert decision.decided_by == "Regionsrådet og kommunalbestyrelserne i Region Sjælland"
    assert decision.decided_on == dt.date(2026, 3, 10)
    assert decision.reference == "Sundhedssamarbejdsudvalget, møde 10. marts 2026, pkt. 4"
    assert decision.reference in found.explanation
    # Before the agreement the level had the law's two practitioners and no decision applied.
    before = finding(
        evaluate(DEMO_REGION_CODE, dt.date(2026, 3, 9)), "klynge.politisk.almen-praksis", subject
    )
    assert before.status is Status.MET
    assert not any(a.decision for a in before.applied)


def test_section_3_2_decision_makes_the_magistrate_member_count(
    platform: Platform, cases: dict[str, RegionCase], evaluate: Callable[[str, dt.date], list[Finding]]
) -> None:
    """Aarhus has magistratsstyre: its council decided that a rådmand takes the seat (§ 3, stk. 2)."""
    case = cases["1082"]
    level = case.body("midtjylland-aarhus-political")
    assert level is not None
    (aarhus,) = [m for m in level.members_on(TODAY) if m.municipality_code == "751"]
    assert aarhus.role is MemberRole.MAGISTRATE_MEMBER

    found = finding(evaluate("1082", TODAY), "klynge.politisk.borgmestre", level.id)
    assert found.status is Status.MET
    (applied,) = [a for a in found.applied if a.decision is not None]
    decision = applied.decision
    assert decision is not None
    assert decision.parameter == "political_level.municipal_participant_other_than_mayor"
    assert (decision.subject_id, decision.value) == ("751", True)
    assert decision.decision_maker is DecisionMaker.MUNICIPAL_COUNCIL
    assert decision.decided_by == "Aarhus Kommunalbestyrelse"
    assert decision.reference in found.explanation
    assert "magistratsstyre" in found.explanation

    # Without the decision the seat is a question for judgement, not a breach: the council may decide either way.
    without = case.model_copy(update={"decisions": tuple(d for d in case.decisions if d.id != decision.id)})
    counterfactual = finding(
        platform.rulebook.evaluate(without, TODAY), "klynge.politisk.borgmestre", level.id
    )
    assert counterfactual.status is Status.NEEDS_JUDGEMENT
    assert "Aarhus" in counterfactual.explanation


def test_odsherred_has_no_decision(cases: dict[str, RegionCase]) -> None:
    case = cases[DEMO_REGION_CODE]
    level = case.body("sjaelland-holbaek-political")
    assert level is not None
    (odsherred,) = [m for m in level.members_on(TODAY) if m.municipality_code == "306"]
    assert odsherred.role is MemberRole.COMMITTEE_CHAIR
    assert not [d for d in case.decisions if d.subject_id == "306"]


def test_patient_committee_composition(cases: dict[str, RegionCase]) -> None:
    for code, case in cases.items():
        (committee,) = case.bodies_of_kind(BodyKind.PATIENT_COMMITTEE)
        for at in (BEFORE_ELECTION, TODAY):
            seats = Counter(m.appointed_by for m in committee.members_on(at))
            vacant = code == DEMO_REGION_CODE and at == TODAY
            assert seats == Counter(
                {
                    AppointingBody.DANSKE_PATIENTER: 3,
                    AppointingBody.DANSKE_HANDICAPORGANISATIONER: 3,
                    AppointingBody.REGIONSAELDRERAADET: 1,
                    **({} if vacant else {AppointingBody.AELDRE_SAGEN: 1}),
                }
            )
            substitutes = [m for m in committee.members_on(at, substitutes=True) if m.substitute]
            assert 1 <= len(substitutes) <= 2


# --- Meetings and agreements ------------------------------------------------------------------------------


def test_meetings(cases: dict[str, RegionCase]) -> None:
    per_year = {
        BodyKind.POLITICAL_LEVEL: (2, 3),
        BodyKind.PROFESSIONAL_LEVEL: (4, 5),
        BodyKind.COMMITTEE: (4, 5),
        BodyKind.PATIENT_COMMITTEE: (
            2,
            3,
        ),  # 3 in a term's first year: the constituting meeting (§ 26, stk. 2)
    }
    for case in cases.values():
        for meeting in case.meetings:
            assert dt.date(2023, 1, 1) <= meeting.date <= dt.date(2027, 6, 30)
            assert meeting.date.weekday() < 5
            assert meeting.title
            if meeting.date < TODAY:
                assert meeting.status in (MeetingStatus.HELD, MeetingStatus.CANCELLED)
            else:
                assert meeting.status is MeetingStatus.PLANNED
        for body in case.bodies:
            low, high = per_year[body.kind]
            meetings = case.meetings_of(body.id)
            for year in (2023, 2024, 2025, 2026):
                held = [
                    m for m in meetings if m.date.year == year and m.status is not MeetingStatus.CANCELLED
                ]
                if body.id == "1085-committee" and year == 2025:
                    assert len(held) == 3
                else:
                    assert low <= len(held) <= high, (body.id, year)
            if body.kind is BodyKind.COMMITTEE:
                annual = Counter(
                    m.date.year for m in meetings if m.title == "Årligt møde med patientinddragelsesudvalget"
                )
                assert annual == dict.fromkeys(range(2023, 2028), 1)


def test_today_decides_held_and_planned(platform: Platform) -> None:
    earlier = build_national_demo(platform.reference, today=BEFORE_ELECTION)
    for case in earlier:
        for meeting in case.meetings:
            expected = MeetingStatus.PLANNED if meeting.date >= BEFORE_ELECTION else MeetingStatus.HELD
            if meeting.status is not MeetingStatus.CANCELLED:
                assert meeting.status is expected


def test_agreements(cases: dict[str, RegionCase], evaluate: Callable[[str, dt.date], list[Finding]]) -> None:
    for code, case in cases.items():
        current = [a for a in case.agreements if a.election_period_start == 2022]
        (agreement,) = current
        assert agreement.id == f"{code}-sundhedsaftale-2024-2027"
        assert agreement.title == "Sundhedsaftale 2024–2027"
        assert agreement.legal_basis == "bek-1248-2022"
        # Region Syddanmark's agreement was revised after Sundhedsstyrelsen's objection (version 1.1).
        assert agreement.version_number == ("1.1" if code == OBJECTION_REGION_CODE else "1.0")
        assert agreement.effective_date == dt.date(2024, 1, 1)
        assert set(agreement.parties) == {code, *(m.code for m in case.municipalities)}
        submission = agreement.submissions[0]
        assert (submission.submitted_on.year, submission.submitted_on.month) == (2023, 12)
        assert submission.received_on is not None
        assert (submission.received_on.year, submission.received_on.month) == (2023, 12)
        assert len(agreement.submissions) == (2 if code == OBJECTION_REGION_CODE else 1)
        approval = agreement.decisions[-1]
        received = agreement.submissions[-1].received_on
        assert received is not None
        assert approval.kind is AuthorityDecisionKind.APPROVED
        assert dt.timedelta(0) <= approval.decided_on - received <= dt.timedelta(weeks=8)

        (deadline,) = [d for d in case.decisions if d.parameter == "agreement.submission_deadline"]
        assert deadline.decision_maker is DecisionMaker.AUTHORITY
        assert deadline.decided_by == "Sundhedsstyrelsen"
        assert (deadline.subject_id, deadline.decided_on) == (agreement.id, dt.date(2023, 3, 1))
        assert deadline.reference == "Demo: udsættelse af indsendelsesfrist (§ 21, stk. 5)"
        assert "demo" in deadline.note.lower()

        findings = evaluate(code, TODAY)
        submitted = finding(findings, "aftale.indsendelsesfrist", agreement.id)
        assert submitted.status is Status.MET
        assert any(a.decision == deadline for a in submitted.applied)
        assert finding(findings, "aftale.godkendelsesfrist", agreement.id).status is Status.MET

        legacy = [a for a in case.agreements if a.legal_basis == "bek-679-2018"]
        assert len(legacy) == (1 if code == DEMO_REGION_CODE else 0)
    (legacy_agreement,) = [a for a in cases[DEMO_REGION_CODE].agreements if a.election_period_start == 2018]
    assert legacy_agreement.title == "Sundhedsaftale 2019–2023"
    assert legacy_agreement.submissions[0].submitted_on == dt.date(2019, 6, 28)
    legacy_finding = finding(
        evaluate(DEMO_REGION_CODE, TODAY), "aftale.indsendelsesfrist", legacy_agreement.id
    )
    assert legacy_finding.status is Status.NOT_APPLICABLE
    assert "§ 31, stk. 3" in legacy_finding.explanation
