"""The case index (ADR 0031) answers exactly as the case itself, so that rules looking facts up in it reach the
same findings as rules scanning the case."""

from __future__ import annotations

import datetime as dt

import pytest

from sundhedsaftale.core import load_platform
from sundhedsaftale.core.case import BodyKind, MeetingStatus, RegionCase
from sundhedsaftale.core.rules import Rulebook
from sundhedsaftale.core.rules._index import CaseIndex
from sundhedsaftale.demo import DEMO_TODAY, build_national_demo

DAYS = (dt.date(2024, 6, 1), dt.date(2025, 12, 31), DEMO_TODAY)


@pytest.fixture(scope="module")
def cases() -> list[RegionCase]:
    return build_national_demo(load_platform().reference, today=DEMO_TODAY)


def test_meetings_of_a_body_are_the_cases_in_recorded_order(cases: list[RegionCase]) -> None:
    for case in cases:
        index = CaseIndex(case)
        for body in case.bodies:
            assert index.meetings_of(body.id) == tuple(case.meetings_of(body.id))
            for year in range(2023, 2028):
                assert index.meetings_in_year(body.id, year) == tuple(
                    m for m in case.meetings_of(body.id) if m.date.year == year
                )
        assert index.meetings_of("no-such-body") == ()


def test_members_on_a_day_are_the_bodys_with_and_without_substitutes(cases: list[RegionCase]) -> None:
    for case in cases:
        index = CaseIndex(case)
        for body in case.bodies:
            for day in DAYS:
                for substitutes in (False, True):
                    for non_seats in (False, True):
                        expected = body.members_on(day, substitutes=substitutes, non_seats=non_seats)
                        got = index.members_on(body, day, substitutes=substitutes, non_seats=non_seats)
                        assert list(got) == expected
                        # asked again, the same answer (from the index, not recomputed)
                        assert (
                            index.members_on(body, day, substitutes=substitutes, non_seats=non_seats) is got
                        )


def test_bodies_clusters_and_municipalities_are_looked_up_as_the_case_does(cases: list[RegionCase]) -> None:
    for case in cases:
        index = CaseIndex(case)
        for kind in BodyKind:
            assert index.bodies_of_kind(kind) == case.bodies_of_kind(kind)
        for body in case.bodies:
            assert index.body(body.id) == case.body(body.id)
            assert index.children(body.id) == [b for b in case.bodies if b.parent_body_id == body.id]
        for cluster in case.clusters:
            assert index.cluster(cluster.id) == case.cluster(cluster.id)
            levels = {b.id for b in case.bodies if b.cluster_id == cluster.id}
            assert [b.id for b in index.bodies_of_cluster(cluster.id)] == sorted(
                levels, key=[b.id for b in case.bodies].index
            )
            assert index.children_of_any(levels) == [b for b in case.bodies if b.parent_body_id in levels]
        for municipality in case.municipalities:
            assert index.municipality_name(municipality.code) == case.municipality_name(municipality.code)
        assert index.municipality_name("999") == case.municipality_name("999") == "999"
        assert index.cluster("no-such-cluster") is None


def test_evaluating_one_rule_alone_gives_the_findings_of_the_whole_evaluation(
    cases: list[RegionCase],
) -> None:
    """Each rule sees the shared index exactly as a fresh one: no answer of one rule leaks into another's."""
    rulebook = load_platform().rulebook
    case = cases[0]
    together = rulebook.evaluate(case, DEMO_TODAY)
    for rule_id in sorted({f.rule_id for f in together})[::7]:
        alone = rulebook.evaluate(case, DEMO_TODAY, rule_ids={rule_id})
        assert alone == [f for f in together if f.rule_id == rule_id]


def test_meeting_counts_are_the_meetings_held_by_and_planned_from_the_day(cases: list[RegionCase]) -> None:
    for case in cases:
        index = CaseIndex(case)
        for day in DAYS:
            for body in case.bodies:
                for year in (day.year - 1, day.year):
                    in_year = [m for m in case.meetings_of(body.id) if m.date.year == year]
                    held = sum(1 for m in in_year if m.status is MeetingStatus.HELD and m.date <= day)
                    planned = sum(1 for m in in_year if m.status is MeetingStatus.PLANNED and m.date >= day)
                    assert index.meeting_counts(body.id, year, day) == (held, planned)


def test_a_rulebook_finds_the_same_after_evaluating_other_regions_and_dates(cases: list[RegionCase]) -> None:
    """What the rulebook keeps between evaluations (a provision's words, a rule's notes and legal change on a date)
    never carries one region's, date's or verified change's answer into another's."""
    used = load_platform().rulebook

    def fresh() -> Rulebook:
        return Rulebook(
            used.rules,
            used.corpus,
            used.parameters,
            used.election_periods,
            used.national_goals,
            used.government_forms,
            used.acute_hospitals,
            used.changes,
            explanations=used.explanations,
        )

    verified_sets = ((), tuple(c.id for c in used.changes.changes))
    for day in (dt.date(2024, 6, 1), DEMO_TODAY, dt.date(2027, 3, 1)):
        for verified in verified_sets:
            for case in cases:
                assert used.evaluate(case, day, verified=verified) == fresh().evaluate(
                    case, day, verified=verified
                )
