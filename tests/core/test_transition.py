"""The transition plan from the 2022 bodies to the 2027 structure (ADR 0029): pure, from the demo's cases."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import pytest

from sundhedsaftale.core.case import Body
from sundhedsaftale.core.errors import CaseError
from sundhedsaftale.core.obligations import obligations
from sundhedsaftale.core.transition import Mapping, Section, TransitionPlan, plan_transition
from sundhedsaftale.demo import build_national_demo

ON = dt.date(2027, 1, 1)
EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


@pytest.fixture(scope="module")
def cases(platform):
    return {c.region.code: c for c in build_national_demo(platform.reference)}


def _plan(platform, case, on: dt.date = ON) -> TransitionPlan:
    return plan_transition(
        case=case, reference=platform.reference, open_obligations=obligations(platform, case, on), on=on
    )


def _cluster_targets(plan: TransitionPlan) -> dict[str, tuple[list[str], Mapping]]:
    result: dict[str, tuple[list[str], Mapping]] = {}
    for item in plan.section(Section.BODIES):
        result[item.source_id] = ([t.id for t in item.targets], item.mapping)
    return result


def test_sjaelland_clusters_go_to_the_oestdanmark_councils_of_their_municipalities(platform, cases) -> None:
    case = cases["1085"]
    plan = _plan(platform, case)
    assert plan.successor.id == "OEST"
    by_cluster = {
        b.cluster_id: _cluster_targets(plan)[b.id]
        for b in case.bodies
        if b.cluster_id and b.kind.value == "political_level"
    }
    assert by_cluster == {
        "sjaelland-holbaek": (["oestdanmark-midt-vestsjaelland"], Mapping.ONE_TO_ONE),
        "sjaelland-slagelse": (["oestdanmark-midt-vestsjaelland"], Mapping.ONE_TO_ONE),
        "sjaelland-koege": (["oestdanmark-oestsjaelland-oerne"], Mapping.ONE_TO_ONE),
        "sjaelland-nykoebing": (["oestdanmark-oestsjaelland-oerne"], Mapping.ONE_TO_ONE),
    }


def test_a_cluster_split_between_two_councils_needs_a_decision(platform, cases) -> None:
    case = cases["1084"]
    plan = _plan(platform, case)
    syd = next(
        b for b in case.bodies if b.cluster_id == "hovedstaden-syd" and b.kind.value == "political_level"
    )
    targets, mapping = _cluster_targets(plan)[syd.id]
    assert mapping is Mapping.DECISION
    assert targets == ["oestdanmark-amager-vestegnen", "oestdanmark-hovedstaden"]


def test_a_disputed_municipality_needs_a_decision_for_its_cluster_and_its_people(platform, cases) -> None:
    case = cases["1083"]
    plan = _plan(platform, case)
    assert plan.successor.id == "1083"  # Region Syddanmark continues
    fyn = next(
        b for b in case.bodies if b.cluster_id == "syddanmark-fyn" and b.kind.value == "political_level"
    )
    assert _cluster_targets(plan)[fyn.id][1] is Mapping.DECISION
    middelfart = [i for i in plan.section(Section.PEOPLE) if "Middelfart" in i.organisation]
    assert middelfart
    assert all(i.mapping is Mapping.DECISION for i in middelfart)
    assert "Middelfart Kommune" in middelfart[0].reason


def test_a_mayor_follows_the_municipality_and_a_regional_member_passes_to_oestdanmark_126(
    platform, cases
) -> None:
    plan = _plan(platform, cases["1085"])
    people = plan.section(Section.PEOPLE)
    mayors = [i for i in people if i.organisation == "Holbæk Kommune" and i.source_kind == "political_level"]
    assert mayors
    assert all(
        i.mapping is Mapping.ONE_TO_ONE and i.target and i.target.id == "oestdanmark-midt-vestsjaelland"
        for i in mayors
    )
    regional = [i for i in people if i.organisation == "Region Sjælland"]
    assert regional
    assert {i.organisation_after for i in regional} == {"Region Østdanmark"}


def test_the_committee_and_open_duties_need_a_decision_collaboration_agreements_follow_the_region(
    platform, cases
) -> None:
    case = cases["1085"]
    plan = _plan(platform, case)
    committee = next(b for b in case.bodies if b.kind.value == "committee")
    assert _cluster_targets(plan)[committee.id] == (["OEST"], Mapping.DECISION)
    work = plan.section(Section.WORK)
    duties = [i for i in work if i.source_kind == "obligation"]
    assert duties
    assert all(i.mapping is Mapping.DECISION and "[?]" in i.reason for i in duties)
    collaboration = [i for i in work if i.source_kind == "collaboration_agreement"]
    assert collaboration
    assert all(i.target and i.target.id == "OEST" for i in collaboration)
    assert {i.source_id for i in work if i.source_kind == "agreement"} >= {"1085-sundhedsaftale-2024-2027"}


def test_no_plan_before_the_councils_exist(platform, cases) -> None:
    with pytest.raises(CaseError, match=r"ingen sundhedsråd den 1\. juni 2026"):
        _plan(platform, cases["1085"], dt.date(2026, 6, 1))


def test_the_digest_names_the_records_a_changed_membership_changes_it(platform, cases) -> None:
    case = cases["1085"]
    first, again = _plan(platform, case), _plan(platform, case)
    assert first.digest == again.digest
    body = case.bodies[0]
    changed_body: Body = body.model_copy(update={"memberships": body.memberships[1:]})
    changed = case.model_copy(update={"bodies": (changed_body, *case.bodies[1:])})
    assert _plan(platform, changed).digest != first.digest


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "sundhedsaftale.cli.main", *args], capture_output=True, text=True, timeout=60
    )


def test_the_cli_prints_the_plan_of_a_case_file_and_writes_nothing() -> None:
    result = _run("transition", str(EXAMPLES / "region-sjaelland.json"), "--format", "json")
    assert result.returncode == 0, result.stderr
    plan = json.loads(result.stdout)
    assert (plan["on"], plan["successor"]["id"]) == ("2027-01-01", "OEST")
    holbaek = next(i for i in plan["items"] if i["source_name"] == "Sundhedsklyngen Holbæk – politisk niveau")
    assert [t["id"] for t in holbaek["targets"]] == ["oestdanmark-midt-vestsjaelland"]


def test_the_cli_refuses_a_date_before_the_councils_exist() -> None:
    result = _run("transition", str(EXAMPLES / "region-sjaelland.json"), "--at", "2026-05-01")
    assert result.returncode == 2
    assert "ingen sundhedsråd den 1. maj 2026" in result.stderr
    assert "Traceback" not in result.stderr
