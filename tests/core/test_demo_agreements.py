"""The demo's health agreements: what users of the demo rely on (content, the legal life, determinism)."""

from __future__ import annotations

import datetime as dt
from collections import Counter

import pytest

from sundhedsaftale.core import Platform, load_platform
from sundhedsaftale.core.case import (
    AUTHORITY_PARTY,
    AgreementContent,
    AuthorityDecisionKind,
    Coverage,
    FrameworkElement,
    HealthAgreement,
    MeetingKind,
    MeetingStatus,
    RegionCase,
    StatusReportKind,
)
from sundhedsaftale.demo import DEMO_REGION_CODE, DEMO_TODAY, OBJECTION_REGION_CODE, build_national_demo

CURRENT = "sundhedsaftale-2024-2027"


@pytest.fixture(scope="module")
def platform() -> Platform:
    return load_platform()


@pytest.fixture(scope="module")
def cases(platform: Platform) -> dict[str, RegionCase]:
    return {case.region.code: case for case in build_national_demo(platform.reference)}


def current(case: RegionCase) -> HealthAgreement:
    agreement = case.agreement(f"{case.region.code}-{CURRENT}")
    assert agreement is not None
    return agreement


def submitted_on(agreement: HealthAgreement, index: int = -1) -> dt.date:
    return agreement.submissions[index].submitted_on


# --- Region Sjælland ---------------------------------------------------------------------------------------


def test_sjaelland_agreement_has_full_structured_content(cases: dict[str, RegionCase]) -> None:
    case = cases[DEMO_REGION_CODE]
    content = current(case).content
    assert content.vision
    assert 4 <= len(content.values) <= 5
    assert len(content.overarching_goals) == 5
    assert content.sub_goal_count == 20
    assert len(content.target_groups) == 6
    assert len(content.collaboration_agreements) == 6
    assert len(content.care_programmes) == 2
    assert len(content.collaboration_models) == 2
    assert 3 <= len(content.attachments) <= 4
    assert content.general_practice.count("\n\n") >= 2  # a few paragraphs
    for goal in content.overarching_goals:
        assert goal.national_goals, goal.id
        assert goal.target_group_ids, goal.id
        for sub in goal.sub_goals:
            assert 1 <= len(sub.success_criteria) <= 2, sub.id
            for criterion in sub.success_criteria:
                assert all((criterion.indicator, criterion.target, criterion.data_source)), sub.id
    for group in content.target_groups:
        assert group.knowledge_basis, group.id
        assert group.data_sources, group.id


def test_sjaelland_keeps_two_pieces_of_advice(cases: dict[str, RegionCase]) -> None:
    """One cluster has no goal of its own, and exactly one element of one collaboration agreement is open."""
    case = cases[DEMO_REGION_CODE]
    content = current(case).content
    without_goal = {c.id for c in case.clusters} - {g.cluster_id for g in content.cluster_goals}
    assert len(without_goal) == 1
    missing = [
        (c.id, e.element)
        for c in content.collaboration_agreements
        for e in c.elements
        if e.coverage is Coverage.MISSING
    ]
    assert missing == [("sja-sa-boern-unge", FrameworkElement.CHANGED_TASKS_AND_ECONOMY)]
    for collaboration in content.collaboration_agreements:
        assert [e.element for e in collaboration.elements] == list(FrameworkElement)
        assert collaboration.goal_ids
        for element in collaboration.elements:
            assert element.coverage is Coverage.MISSING or element.note, (collaboration.id, element.element)
    assert any(
        e.coverage is Coverage.NOT_RELEVANT for c in content.collaboration_agreements for e in c.elements
    )


def test_sjaelland_agreement_life(cases: dict[str, RegionCase]) -> None:
    case = cases[DEMO_REGION_CODE]
    agreement = current(case)
    submitted = submitted_on(agreement)
    # The kickoff with the patient involvement committee before drafting (§ 29, stk. 1).
    (kickoff,) = [m for m in case.meetings if m.kind is MeetingKind.AGREEMENT_KICKOFF and m.date.year == 2023]
    assert kickoff.body_id == "1085-committee"
    assert kickoff.patient_committee_invited
    assert kickoff.status is MeetingStatus.HELD
    (hearing,) = agreement.hearings
    assert kickoff.date < hearing.sent_on
    assert hearing.answered_on is not None
    assert hearing.answered_on < submitted
    assert hearing.sent_on.year == 2023
    assert {i.cluster_id for i in agreement.cluster_inputs} == {c.id for c in case.clusters}
    assert all(kickoff.date < i.given_on < hearing.sent_on for i in agreement.cluster_inputs)
    # The regional council and all 17 municipal councils approve before submission.
    assert len(agreement.parties) == 18
    for party in agreement.parties:
        approval = agreement.approval_of(party, on_or_before=submitted)
        assert approval is not None, party
        assert hearing.answered_on < approval.approved_on
        assert approval.reference.startswith(("Regionsrådet", "Byrådet", "Kommunalbestyrelsen"))
    # Publication by every party and by Sundhedsstyrelsen in early 2024.
    published = {p.party_code: p.published_on for p in agreement.publications}
    assert set(published) == {*agreement.parties, AUTHORITY_PARTY}
    assert all(dt.date(2024, 1, 1) <= day <= dt.date(2024, 3, 31) for day in published.values())
    # Yearly reviews, the midterm status within 2 years, no final status yet (due 30 June 2027).
    assert {r.held_on.year for r in agreement.yearly_reviews} >= {2024, 2025}
    (review_2025,) = [r for r in agreement.yearly_reviews if r.held_on.year == 2025]
    assert not review_2025.revision_needed
    (midterm,) = agreement.status_reports
    assert midterm.kind is StatusReportKind.MIDTERM
    assert midterm.sent_on <= submitted.replace(year=submitted.year + 2)
    assert not [s for s in agreement.status_reports if s.kind is StatusReportKind.FINAL]


def test_sjaelland_drafts_the_next_agreement(cases: dict[str, RegionCase]) -> None:
    case = cases[DEMO_REGION_CODE]
    draft = case.agreement("1085-sundhedsaftale-2028-2031")
    assert draft is not None
    assert (draft.election_period_start, draft.version_number) == (2026, "0.3")
    assert draft.content.vision
    assert len(draft.content.overarching_goals) == 3
    assert not draft.hearings
    assert not draft.submissions
    (kickoff,) = [m for m in case.meetings if m.kind is MeetingKind.AGREEMENT_KICKOFF and m.date.year == 2026]
    assert kickoff.date < DEMO_TODAY
    assert kickoff.patient_committee_invited


# --- The region that met an objection --------------------------------------------------------------------


def test_objection_then_approved_resubmission(cases: dict[str, RegionCase]) -> None:
    case = cases[OBJECTION_REGION_CODE]
    agreement = current(case)
    first, second = agreement.submissions
    objection, approval = agreement.decisions
    assert first.received_on is not None
    assert second.received_on is not None
    assert objection.kind is AuthorityDecisionKind.OBJECTION
    assert first.received_on < objection.decided_on <= first.received_on + dt.timedelta(weeks=8)
    assert len(objection.deficiencies) >= 2
    assert all("afsnit" in d for d in objection.deficiencies)
    assert objection.remedy_deadline is not None
    assert objection.decided_on < second.submitted_on <= objection.remedy_deadline
    assert approval.kind is AuthorityDecisionKind.APPROVED
    assert second.received_on < approval.decided_on <= second.received_on + dt.timedelta(weeks=8)
    assert (agreement.version_number, second.version_number, approval.version_number) == ("1.1",) * 3
    # The revision was heard again and approved again by every council after the objection.
    renewed = [h for h in agreement.hearings if h.renewed]
    assert len(renewed) == 1
    assert objection.decided_on < renewed[0].sent_on
    for party in agreement.parties:
        again = agreement.approval_of(party, on_or_before=second.submitted_on)
        assert again is not None, party
        assert objection.decided_on < again.approved_on, party
        assert again.version_label == "1.1"
    # Both versions are published by every party and Sundhedsstyrelsen: 1.0 once entered into, 1.1 once approved.
    for version in ("1.0", "1.1"):
        published = [p for p in agreement.publications if p.version_number == version]
        assert {p.party_code for p in published} == {*agreement.parties, AUTHORITY_PARTY}
        assert len(published) == len(agreement.parties) + 1
    assert all(
        p.published_on > approval.decided_on for p in agreement.publications if p.version_number == "1.1"
    )


# --- Every region ------------------------------------------------------------------------------------------


def test_every_region_has_complete_content_and_life(cases: dict[str, RegionCase]) -> None:
    for code, case in cases.items():
        agreement = current(case)
        content = agreement.content
        # The content validates as a case file would.
        assert AgreementContent.model_validate(content.model_dump(mode="json")) == content
        assert 3 <= len(content.overarching_goals) <= 5, code
        assert content.sub_goal_count >= 8, code
        assert 2 <= len(content.collaboration_agreements) <= 6, code
        assert content.general_practice, code
        assert content.target_groups, code
        if code != DEMO_REGION_CODE:
            assert {g.cluster_id for g in content.cluster_goals} == {c.id for c in case.clusters}, code
            assert not any(
                e.coverage is Coverage.MISSING for c in content.collaboration_agreements for e in c.elements
            ), code
        kickoffs = [
            m
            for m in case.meetings
            if m.kind is MeetingKind.AGREEMENT_KICKOFF and m.body_id == f"{code}-committee"
        ]
        assert kickoffs, code
        assert min(m.date for m in kickoffs) < agreement.hearings[0].sent_on, code
        first = submitted_on(agreement, 0)
        assert all(agreement.approval_of(p, on_or_before=first) for p in agreement.parties), code
        assert {r.held_on.year for r in agreement.yearly_reviews} >= {2024, 2025}, code
        assert [s.kind for s in agreement.status_reports] == [StatusReportKind.MIDTERM], code
        first_version = [p.party_code for p in agreement.publications if p.version_number == "1.0"]
        assert Counter(first_version) == Counter({*agreement.parties, AUTHORITY_PARTY}), code


def test_every_agreement_breaks_no_requirement(platform: Platform, cases: dict[str, RegionCase]) -> None:
    for case in cases.values():
        agreements = {a.id for a in case.agreements}
        broken = [
            (f.rule_id, f.subject.id)
            for f in platform.rulebook.evaluate(case, DEMO_TODAY)
            if f.breaks_requirement and f.subject.id in agreements
        ]
        assert broken == [], case.region.code


def test_records_after_today_have_not_happened(platform: Platform) -> None:
    early = {c.region.code: c for c in build_national_demo(platform.reference, today=dt.date(2024, 2, 1))}
    case = early[OBJECTION_REGION_CODE]
    agreement = current(case)
    assert [d.kind for d in agreement.decisions] == [AuthorityDecisionKind.OBJECTION]
    assert len(agreement.submissions) == 1
    assert {p.version_number for p in agreement.publications} == {"1.0"}  # 1.1 is not yet approved
    assert not agreement.yearly_reviews
    assert not agreement.status_reports
    assert early[DEMO_REGION_CODE].agreement("1085-sundhedsaftale-2028-2031") is None


def test_building_twice_gives_equal_agreements(platform: Platform) -> None:
    first = build_national_demo(platform.reference)
    second = build_national_demo(platform.reference)
    assert [c.agreements for c in first] == [c.agreements for c in second]
    assert [c.model_dump_json() for c in first] == [c.model_dump_json() for c in second]
