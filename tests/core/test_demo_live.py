"""The demo's live layer (ADR 0040): work that waits on the day the demo is set up, every record lawful.

Each record the layer leaves in the live agreement is replayed through the lifecycle's ``apply_step`` from an empty
record, in date order, as a secretariat and Sundhedsstyrelsen would have registered them: one refused step fails
the test with the lifecycle's reason and provision."""

from __future__ import annotations

import datetime as dt

import pytest

from sundhedsaftale.core import Platform
from sundhedsaftale.core.case import HealthAgreement, RegionCase
from sundhedsaftale.core.lifecycle import Stage, Step, agreement_dates, apply_step, stage_of
from sundhedsaftale.core.lifecycle._steps import Record
from sundhedsaftale.demo import (
    DEMO_REGION_CODE,
    LIVE_LAST_DAY,
    LIVE_REGION_CODE,
    build_national_demo,
    live_layer,
)

DAYS = [
    dt.date(2025, 3, 3),
    dt.date(2026, 6, 15),
    dt.date(2026, 12, 1),
    dt.date(2026, 12, 30),
    dt.date(2027, 1, 15),
    dt.date(2027, 9, 1),
]

_EMPTY = {
    "hearings": (),
    "cluster_inputs": (),
    "council_approvals": (),
    "submissions": (),
    "information_requests": (),
    "decisions": (),
    "publications": (),
    "yearly_reviews": (),
    "status_reports": (),
}
_ORDER = list(Step)


def _steps(a: HealthAgreement) -> list[tuple[dt.date, int, Step, Record]]:
    """Every record of ``a`` as the step that registered it, on its day; answers and receipts as steps of their own."""
    out: list[tuple[dt.date, Step, Record]] = []
    for h in a.hearings:
        out.append((h.sent_on, Step.START_HEARING, h.model_copy(update={"answered_on": None})))
        if h.answered_on:
            out.append((h.answered_on, Step.RECORD_HEARING_ANSWER, h))
    out += [(c.given_on, Step.RECORD_CLUSTER_INPUT, c) for c in a.cluster_inputs]
    out += [(c.approved_on, Step.RECORD_COUNCIL_APPROVAL, c) for c in a.council_approvals]
    for s in a.submissions:
        out.append((s.submitted_on, Step.SUBMIT, s.model_copy(update={"received_on": None})))
        if s.received_on:
            out.append((s.received_on, Step.REGISTER_RECEIPT, s))
    for r in a.information_requests:
        out.append(
            (r.asked_on, Step.REQUEST_INFORMATION, r.model_copy(update={"answered_on": None, "answer": ""}))
        )
        if r.answered_on:
            out.append((r.answered_on, Step.ANSWER_INFORMATION, r))
    out += [
        (d.decided_on, Step.APPROVE if d.kind.value == "approved" else Step.OBJECT, d) for d in a.decisions
    ]
    out += [(p.published_on, Step.PUBLISH, p) for p in a.publications]
    out += [(r.held_on, Step.RECORD_YEARLY_REVIEW, r) for r in a.yearly_reviews]
    out += [(s.sent_on, Step.SEND_STATUS_REPORT, s) for s in a.status_reports]
    return sorted(((day, _ORDER.index(step), step, record) for day, step, record in out), key=lambda x: x[:2])


def _replay(platform: Platform, case: RegionCase, agreement: HealthAgreement) -> HealthAgreement:
    rebuilt = agreement.model_copy(update=_EMPTY)
    for day, _, step, record in _steps(agreement):
        rebuilt = apply_step(platform, case, rebuilt, step, record, day)
    return rebuilt


def _live(platform: Platform, today: dt.date) -> tuple[list[RegionCase], object]:
    cases = build_national_demo(platform.reference, today=today)
    return cases, live_layer(platform, cases, today=today)


@pytest.mark.parametrize("today", DAYS, ids=str)
def test_sec_21_2_a_revision_received_three_weeks_ago_is_under_review_with_its_8_weeks(
    platform, today
) -> None:
    _, layer = _live(platform, today)
    assert layer.received_on is not None, layer.notes
    assert dt.timedelta(days=19) <= today - layer.received_on <= dt.timedelta(days=25)
    case = next(c for c in layer.cases if c.region.code == LIVE_REGION_CODE)
    agreement = case.agreement(layer.review_agreement_id)
    assert agreement is not None
    assert stage_of(agreement, case, today) is Stage.UNDER_REVIEW
    # § 21, stk. 2: "inden for 8 uger efter modtagelsen"
    assert agreement_dates(
        platform, case, agreement, today
    ).review_deadline == layer.received_on + dt.timedelta(weeks=8)


@pytest.mark.parametrize("today", DAYS, ids=str)
def test_every_record_of_the_live_agreements_is_accepted_by_the_lifecycle_and_lies_before_today(
    platform, today
) -> None:
    _, layer = _live(platform, today)
    for case in layer.cases:
        if case.region.code not in (LIVE_REGION_CODE, DEMO_REGION_CODE):
            continue
        for agreement in case.agreements:
            if agreement.legal_basis != "bek-1248-2022":
                continue
            steps = _steps(agreement)
            assert all(day < today for day, *_ in steps), agreement.id
            _replay(platform, case, agreement)
        assert all(m.date >= today for m in case.meetings if m.status.value == "planned")


def test_the_live_layer_leaves_the_fixed_history_of_other_records_alone(platform) -> None:
    today = dt.date(2026, 12, 1)
    cases, layer = _live(platform, today)
    before = {c.region.code: c for c in cases}
    after = {c.region.code: c for c in layer.cases}
    for code in ("1081", "1083"):
        assert after[code] == before[code]
    assert after["1085"].agreement("1085-sundhedsaftale-2024-2027") == before["1085"].agreement(
        "1085-sundhedsaftale-2024-2027"
    )


def test_sjaelland_draft_is_in_hearing_with_the_answer_due_this_month(platform) -> None:
    today = dt.date(2026, 12, 1)
    _, layer = _live(platform, today)
    case = next(c for c in layer.cases if c.region.code == DEMO_REGION_CODE)
    draft = case.agreement("1085-sundhedsaftale-2028-2031")
    assert draft is not None
    (hearing,) = draft.hearings
    assert hearing.sent_on < today
    assert hearing.response_deadline == dt.date(2026, 12, 31)


@pytest.mark.parametrize("today", [dt.date(2027, 1, 15), dt.date(2027, 9, 1)], ids=str)
def test_after_2026_the_ended_regions_get_nothing_and_the_expected_end_of_the_2022_order_is_said(
    platform, today
) -> None:
    cases, layer = _live(platform, today)
    before = {c.region.code: c for c in cases}
    after = {c.region.code: c for c in layer.cases}
    for code in ("1084", "1085"):  # ended 31 December 2026 (reference data): read-only, nothing added
        assert after[code] == before[code]
        assert any(
            note.startswith(f"{before[code].region.name} ophørte 31. december 2026") for note in layer.notes
        )
    # The 2022 order's end is expected, not verified: the layer says so instead of stating it as fact.
    assert "forventes bortfaldet fra 1. januar 2027" in layer.notes[0]
    assert "ikke bekræftet" in layer.notes[0]
    # A continuing region's bodies meet ahead of today.
    planned = [m for m in after[LIVE_REGION_CODE].meetings if m.status.value == "planned" and m.date > today]
    assert {m.body_id for m in planned} >= {"midtjylland-aarhus-political", "1082-patient-committee"}


def test_after_the_agreements_own_period_no_revision_is_invented_and_the_layer_says_why(platform) -> None:
    today = LIVE_LAST_DAY + dt.timedelta(days=400)  # 2028: the Sundhedsaftale 2024–2027 has run out
    _, layer = _live(platform, today)
    assert layer.received_on is None
    assert any("udløb 31. december 2027" in note for note in layer.notes), layer.notes
