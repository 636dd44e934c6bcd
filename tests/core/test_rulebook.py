"""The rulebook engine: rules cite existing law, know when they are in force, and honour local decisions."""

from __future__ import annotations

import datetime as dt

from sundhedsaftale.core.case import BodyKind, DecisionMaker
from sundhedsaftale.core.rules import RuleKind, Status

from .builders import body, decision, political_members, region_case


def test_every_rule_cites_an_existing_unit_and_explains_itself(platform) -> None:
    assert len(platform.rulebook.rules) >= 20
    for rule in platform.rulebook.rules:
        assert rule.citations, rule.id
        for citation in rule.citations:
            assert platform.corpus.resolve(citation).citation == citation
        assert rule.summary, f"{rule.id} mangler en forklaring"
        assert rule.kind in (RuleKind.REQUIREMENT, RuleKind.RECOMMENDATION)


def test_composition_rules_of_paragraphs_3_10_15_25_and_deadline_of_21_are_in(platform) -> None:
    cited = {p.label for r in platform.rulebook.rules for p in r.provisions}
    for label in (
        "§ 3, stk. 1, nr. 1",
        "§ 10, stk. 1, nr. 1",
        "§ 15, stk. 4, nr. 1",
        "§ 25, stk. 2",
        "§ 21, stk. 1",
    ):
        assert label in cited


def test_rules_in_force_differ_where_the_guidance_changed(platform) -> None:
    before = {r.id for r in platform.rulebook.in_force(dt.date(2023, 1, 1))}
    after = {r.id for r in platform.rulebook.in_force(dt.date(2024, 2, 1))}
    added = after - before
    # Sundhedsstyrelsen's advice (vurdering.*) rests on the 2024 guidance as a whole.
    assessment = {r for r in added if r.startswith("vurdering.")}
    assert added - assessment == {
        "aftale.offentliggoerelse",  # afsnit 5.5
        "udvalg.aarligt-moede-piu",  # afsnit 2.2.8
        "udvalg.arbejdsgrupper.patienter",  # afsnit 2.2.8
        "udvalg.borgmester-er-klyngeformand",  # afsnit 2.2.7
    }
    assert before < after
    for rule_id in added:
        assert platform.rulebook.get(rule_id).validity.start == dt.date(2024, 1, 12)


def test_the_orders_duties_apply_from_september_2022_though_a_later_guidance_is_cited_beside_them(
    platform,
) -> None:
    """§ 22, stk. 1 (final status) and § 21, stk. 1 (approval before submission) bind from 8 September 2022;
    the guidance cited beside them explains the duty and does not postpone it to 12 January 2024."""
    in_force = {r.id for r in platform.rulebook.in_force(dt.date(2023, 1, 1))}
    assert {"aftale.slutstatus", "aftale.godkendt-foer-indsendelse", "aftale.midtvejsstatus"} <= in_force


def test_the_approval_requirements_unchanged_since_the_2018_guidance_apply_before_2024(platform) -> None:
    """Sundhedsstyrelsen: the formal requirements for approval did not change with vejledning nr. 9008/2024, so
    afsnit 5.1–5.2 apply to an agreement reviewed under vejledning nr. 9504/2018 (recorded with its source)."""
    in_force = {r.id for r in platform.rulebook.in_force(dt.date(2023, 12, 21))}
    assert {
        "aftale.formelle-oplysninger",
        "vurdering.nationale-maal",
        "vurdering.grundlag-maalgrupper",
    } <= in_force
    assert "vurdering.klyngemaal" not in in_force


def test_no_rule_of_the_2022_order_before_it_came_into_force(platform) -> None:
    assert platform.rulebook.in_force(dt.date(2022, 9, 7)) == []
    assert platform.rulebook.in_force(dt.date(2022, 9, 8))


def _gp_finding(platform, case, at=dt.date(2024, 6, 1)):
    (finding,) = [
        f for f in platform.rulebook.evaluate(case, at) if f.rule_id == "klynge.politisk.almen-praksis"
    ]
    return finding


def test_default_applies_when_nothing_else_is_agreed(platform) -> None:
    members = [m for m in political_members() if m.role.value != "general_practitioner"][:4]
    case = region_case(bodies=[body(BodyKind.POLITICAL_LEVEL, [*members, political_members()[4]])])
    finding = _gp_finding(platform, case)
    assert finding.status is Status.NOT_MET
    assert (
        "Hvor ikke andet aftales, består det politiske niveau af 2 praktiserende læger" in finding.explanation
    )
    (applied,) = finding.applied
    assert applied.value == 2
    assert applied.decision is None
    assert applied.citation_label == "§ 3, stk. 1, nr. 3"


def test_recorded_local_decision_overrides_the_default_and_says_so(platform) -> None:
    members = [m for m in political_members() if m.role.value != "general_practitioner"]
    one_gp = [*members, political_members()[4]]
    agreed = decision(
        "political_level.general_practitioners",
        1,
        subject_id="political_level",
        reference="SSU 10. marts 2026, pkt. 4",
        on=dt.date(2024, 3, 10),
    )
    case = region_case(bodies=[body(BodyKind.POLITICAL_LEVEL, one_gp)], decisions=[agreed])

    before_decision = _gp_finding(platform, case, at=dt.date(2024, 3, 9))
    after_decision = _gp_finding(platform, case, at=dt.date(2024, 3, 10))

    assert before_decision.status is Status.NOT_MET
    assert after_decision.status is Status.MET
    (applied,) = after_decision.applied
    assert applied.decision == agreed
    assert applied.value == 1
    assert applied.default == 2
    assert applied.citation_label == "§ 3, stk. 1"  # the provision that allows "hvor ikke andet aftales"
    assert "Lokal beslutning anvendt" in after_decision.explanation
    assert "SSU 10. marts 2026, pkt. 4" in after_decision.explanation


def test_decision_for_another_body_does_not_apply(platform) -> None:
    members = [m for m in political_members() if m.role.value != "general_practitioner"]
    agreed = decision("political_level.general_practitioners", 1, subject_id="some-other-body")
    case = region_case(
        bodies=[body(BodyKind.POLITICAL_LEVEL, [*members, political_members()[4]])], decisions=[agreed]
    )
    assert _gp_finding(platform, case).status is Status.NOT_MET


def test_decision_on_a_binding_figure_is_refused(platform) -> None:
    import pytest

    from sundhedsaftale.core.errors import CaseError

    refused = decision("committee.min_meetings_per_year", 2)
    with pytest.raises(CaseError, match=r"kan ikke fraviges; § 16, stk\. 2 er ufravigelig"):
        platform.rulebook.evaluate(region_case(decisions=[refused]), dt.date(2024, 1, 1))


def test_only_the_authority_may_move_the_submission_deadline(platform) -> None:
    import pytest

    from sundhedsaftale.core.errors import CaseError

    by_parties = decision("agreement.submission_deadline", "2024-01-01", maker=DecisionMaker.PARTIES)
    with pytest.raises(CaseError, match=r"kun fraviges af Sundhedsstyrelsen \(§ 21, stk. 5\)"):
        platform.rulebook.evaluate(region_case(decisions=[by_parties]), dt.date(2024, 1, 1))


def test_findings_name_the_provision_version_they_applied(platform) -> None:
    case = region_case(bodies=[body(BodyKind.POLITICAL_LEVEL, political_members())])
    finding = _gp_finding(platform, case)
    (provision,) = finding.provisions
    assert provision.key == "bek-1248-2022/sec_3__subsec_1__point_3"
    assert provision.valid_from == dt.date(2022, 9, 8)
    assert provision.source_short == "bek. nr. 1248 af 5. september 2022"


def test_every_finding_has_a_danish_explanation_naming_its_facts(platform) -> None:
    case = region_case(
        bodies=[body(BodyKind.POLITICAL_LEVEL, political_members()), body(BodyKind.COMMITTEE, [])]
    )
    findings = platform.rulebook.evaluate(case, dt.date(2024, 6, 1))
    assert findings
    for finding in findings:
        assert finding.explanation.strip().endswith("."), finding.rule_id
        assert finding.facts or finding.status is Status.NOT_APPLICABLE, finding.rule_id
