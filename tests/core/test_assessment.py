"""Sundhedsstyrelsen's assessment of an agreement: the approval criteria of afsnit 5.2 block, the advice does not,
and a reviewer's verdicts change what blocks."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json

import pytest

from sundhedsaftale.core.assessment import (
    ASSESSMENT_RULE_IDS,
    Assessment,
    AssessmentError,
    FindingReview,
    Topic,
    Verdict,
    apply_reviews,
    assess,
    assessment_as_dict,
    summary_text,
)
from sundhedsaftale.core.case import (
    AgreementContent,
    Attachment,
    ClusterInfo,
    FrameworkElement,
    MunicipalityInfo,
    RegionCase,
    TargetGroup,
)
from sundhedsaftale.core.errors import CaseError, SundhedsaftaleError
from sundhedsaftale.core.rules import RuleKind, Status

from .agreement_builders import (
    AGREEMENT_ID,
    AT,
    agreement,
    agreement_case,
    collaboration,
    complete_content,
    goal,
    target_group,
)


def run(platform, content: AgreementContent | None = None, **extra) -> Assessment:  # type: ignore[no-untyped-def]
    return assess(platform, agreement_case(agreement(content, **extra)), AGREEMENT_ID, AT)


def status(result: Assessment, rule_id: str) -> Status:
    item = result.item(rule_id)
    assert item is not None, rule_id
    return item.finding.status


def text(result: Assessment, rule_id: str) -> str:
    item = result.item(rule_id)
    assert item is not None, rule_id
    return item.text


# --- The rule set -------------------------------------------------------------------------------------------------


def test_every_assessment_rule_is_in_the_rulebook_and_every_vurdering_rule_is_in_the_assessment(
    platform,
) -> None:
    ids = {r.id for r in platform.rulebook.rules}
    assert set(ASSESSMENT_RULE_IDS) <= ids
    assert {i for i in ids if i.startswith("vurdering.")} <= set(ASSESSMENT_RULE_IDS)
    assert "aftale.formelle-oplysninger" in ASSESSMENT_RULE_IDS
    requirements = {r for r in ASSESSMENT_RULE_IDS if platform.rulebook.get(r).kind is RuleKind.REQUIREMENT}
    assert requirements == {
        "aftale.formelle-oplysninger",
        "vurdering.nationale-maal",
        "vurdering.grundlag-maalgrupper",
    }


def test_only_the_two_conditions_of_afsnit_5_2_are_approval_criteria(platform) -> None:
    """Vejledningens afsnit 5.2: "Sundhedsstyrelsens godkendelse af sundhedsaftalen forudsætter" two things."""
    criteria = {r.id for r in platform.rulebook.rules if r.approval_criterion}
    assert criteria == {"vurdering.nationale-maal", "vurdering.grundlag-maalgrupper"}


def test_the_approval_criteria_cite_afsnit_5_2_and_the_framework_rule_cites_every_element(platform) -> None:
    for rule_id in ("vurdering.nationale-maal", "vurdering.grundlag-maalgrupper"):
        labels = [p.label for p in platform.rulebook.get(rule_id).provisions]
        assert "afsnit 5.2" in labels
        assert "§ 21, stk. 3" in labels
    framework = [p.label for p in platform.rulebook.get("vurdering.samarbejdsaftaler-ramme").provisions]
    assert [f"afsnit 4.1, delelement {n}" for n in range(1, 9)] == [
        label for label in framework if "delelement" in label
    ]


def test_topics_have_danish_labels() -> None:
    assert Topic.NATIONAL_GOALS.label == "Sammenhæng til de nationale mål"
    assert Topic.BASIS.label == "Afsæt i grundlaget for målgrupper og indsatser"
    assert Topic.FORMAL.label == "Formelle oplysninger"
    assert {t.label for t in Topic}
    assert all(t.label for t in Topic)
    assert Verdict.OVERRULED.label == "Tilsidesat"


# --- A complete agreement -------------------------------------------------------------------------------------------


def test_a_complete_agreement_is_approvable_with_every_finding_met(platform) -> None:
    result = run(platform)
    assert result.approvable
    assert result.blocking == ()
    assert result.advice == ()
    assert result.awaiting_judgement == ()
    assert {i.finding.rule_id for i in result.met} == set(ASSESSMENT_RULE_IDS)
    assert result.agreement_title == "Sundhedsaftale 2024–2027"
    assert result.version_number == "1.0"
    assert [i.topic for i in result.items][:3] == [Topic.FORMAL, Topic.FORMAL, Topic.NATIONAL_GOALS]
    national = text(result, "vurdering.nationale-maal")
    assert "Aftalen dækker 4 af de 8 nationale mål" in national
    assert "2. Styrket indsats for kronikere og ældre patienter" in national
    assert "ikke dækket: 3. Forbedret overlevelse og patientsikkerhed" in national


def test_only_the_one_agreement_is_assessed(platform) -> None:
    case = agreement_case(agreement(), agreement(AgreementContent(), agreement_id="a2"))
    result = assess(platform, case, AGREEMENT_ID, AT)
    assert {i.finding.subject.id for i in result.items} == {AGREEMENT_ID}
    assert len(result.items) == len(ASSESSMENT_RULE_IDS)
    assert not assess(platform, case, "a2", AT).approvable


def test_unknown_agreement_is_a_case_error_naming_it(platform) -> None:
    with pytest.raises(CaseError, match=r"'nope' findes ikke i sagen.*'a1'"):
        assess(platform, agreement_case(), "nope", AT)


def test_before_guidance_9008_only_the_unchanged_approval_requirements_apply(platform) -> None:
    """Received 21 December 2023 under vejledning nr. 9504/2018 and reviewed before 12 January 2024: the formal
    requirements for approval (afsnit 5.1–5.2) were the same, so they apply, each finding saying which guidance
    applied then; the advice of the new guidance does not, and the report says so."""
    result = assess(platform, agreement_case(agreement(version_number="")), AGREEMENT_ID, dt.date(2024, 1, 5))
    assert {i.finding.rule_id for i in result.items} == {
        "aftale.formelle-oplysninger",
        "vurdering.nationale-maal",
        "vurdering.grundlag-maalgrupper",
    }
    assert "vurdering.klyngemaal" in result.not_in_force
    assert result.approvable
    national = result.item("vurdering.nationale-maal")
    assert national is not None
    assert "på datoen gjaldt vejledning nr. 9504 af 4. juni 2018" in national.finding.explanation
    assert "formelle krav til Sundhedsstyrelsens godkendelse" in national.finding.explanation
    assert "gjaldt endnu ikke på datoen" in summary_text(result)


def test_a_date_before_the_order_is_refused(platform) -> None:
    with pytest.raises(CaseError, match=r"gælder fra 8\. september 2022"):
        assess(platform, agreement_case(), AGREEMENT_ID, dt.date(2022, 6, 1))


def test_an_agreement_under_the_2018_order_is_not_assessed_under_the_2024_guidance(platform) -> None:
    result = run(platform, AgreementContent(), legal_basis="bek-679-2018", election_period_start=2018)
    assert result.approvable
    assert all(i.finding.status is Status.NOT_APPLICABLE for i in result.items)


# --- The approval criteria --------------------------------------------------------------------------------------------


def test_no_overarching_goals_blocks_approval_citing_5_2(platform) -> None:
    result = run(platform, complete_content(overarching_goals=(), collaboration_agreements=()))
    assert not result.approvable
    (blocking,) = [i for i in result.blocking if i.finding.rule_id == "vurdering.nationale-maal"]
    assert blocking.topic is Topic.NATIONAL_GOALS
    assert "afsnit 5.2" in blocking.citations
    assert "ingen overordnede målsætninger" in blocking.text


def test_goals_without_national_goals_block_approval_naming_them(platform) -> None:
    goals = (
        goal("g1", "Tryghed i eget hjem", national=()),
        goal("g2", "Bedre mental sundhed", national=(), groups=("tg-psyk",)),
    )
    result = run(platform, complete_content(overarching_goals=goals))
    assert status(result, "vurdering.nationale-maal") is Status.NOT_MET
    item = result.item("vurdering.nationale-maal")
    assert item is not None
    assert item.blocks_approval
    assert "afsnit 5.2" in item.citations
    assert "Ingen af aftalens 2 overordnede målsætninger" in item.text
    assert "»Tryghed i eget hjem«" in item.text
    assert "»Bedre mental sundhed«" in item.text


def test_some_goals_without_national_goals_need_the_reviewers_judgement_before_a_decision(platform) -> None:
    goals = (
        goal("g1", "Tryghed i eget hjem", national=(2,)),
        goal("g2", "Bedre mental sundhed", national=(), groups=("tg-psyk",)),
    )
    result = run(platform, complete_content(overarching_goals=goals))
    assert status(result, "vurdering.nationale-maal") is Status.NEEDS_JUDGEMENT
    assert not result.approvable
    assert result.blocking == ()
    assert [i.finding.rule_id for i in result.undecided_criteria] == ["vurdering.nationale-maal"]
    explanation = text(result, "vurdering.nationale-maal")
    assert "1 af 2 overordnede målsætninger er knyttet" in explanation
    assert "»Bedre mental sundhed«" in explanation
    met = apply_reviews(
        result, [FindingReview("vurdering.nationale-maal", Verdict.OVERRULED, reason="Samlet vist")]
    )
    assert met.approvable
    unmet = apply_reviews(result, [FindingReview("vurdering.nationale-maal", Verdict.ACCEPTED)])
    assert [i.finding.rule_id for i in unmet.blocking] == ["vurdering.nationale-maal"]


def test_no_target_groups_blocks_approval(platform) -> None:
    goals = (goal("g1", "Tryghed i eget hjem", groups=()),)
    content = complete_content(target_groups=(), overarching_goals=goals, collaboration_agreements=())
    result = run(platform, content)
    item = result.item("vurdering.grundlag-maalgrupper")
    assert item is not None
    assert item.blocks_approval
    assert item.topic is Topic.BASIS
    assert "afsnit 5.2" in item.citations
    assert "afsnit 3.4" in item.citations
    assert "ingen målgrupper" in item.text


def test_target_groups_without_any_stated_basis_block_approval(platform) -> None:
    groups = (
        target_group("tg-aeldre", "Ældre medicinske patienter", knowledge=False, data=False),
        target_group("tg-psyk", "Borgere med psykisk lidelse", knowledge=False, data=False),
    )
    result = run(platform, complete_content(target_groups=groups))
    assert status(result, "vurdering.grundlag-maalgrupper") is Status.NOT_MET
    assert "viden, forskning eller de data" in text(result, "vurdering.grundlag-maalgrupper")


def test_a_target_group_without_basis_or_use_needs_judgement(platform) -> None:
    groups = (
        target_group("tg-aeldre", "Ældre medicinske patienter"),
        target_group("tg-psyk", "Borgere med psykisk lidelse", knowledge=False, data=False),
        target_group("tg-boern", "Børn og unge"),
    )
    result = run(platform, complete_content(target_groups=groups))
    assert status(result, "vurdering.grundlag-maalgrupper") is Status.NEEDS_JUDGEMENT
    explanation = text(result, "vurdering.grundlag-maalgrupper")
    assert "»Borgere med psykisk lidelse«" in explanation
    assert "»Børn og unge«" in explanation


def test_afsnit_5_1_missing_version_number_is_advice_not_an_objection(platform) -> None:
    """Afsnit 5.1: the data "skal fremgå", but approval "forudsætter" only the two criteria of afsnit 5.2; the
    authority approved Region Sjælland's 2024–2027 agreement without a version number and advised adding one."""
    result = run(platform, version_number="")
    item = result.item("aftale.formelle-oplysninger")
    assert item is not None
    assert item.finding.status is Status.NOT_MET
    assert not item.blocks_approval
    assert item.is_advice
    assert result.approvable
    assert item.topic is Topic.FORMAL
    assert "versionsnummer" in item.text
    assert item.letter_text == "Sundhedsaftalen bør angive versionsnummer."


# --- Advice --------------------------------------------------------------------------------------------------------


def test_missing_framework_elements_are_advice_naming_the_collaboration_agreement_and_elements(
    platform,
) -> None:
    collaborations = (
        collaboration("s1", "Samarbejdsaftale om udskrivelse"),
        collaboration(
            "s2",
            "Samarbejdsaftale om hjemmebehandling",
            missing=(
                FrameworkElement.PATIENT_COURSE_RESPONSIBILITY,
                FrameworkElement.CHANGED_TASKS_AND_ECONOMY,
            ),
        ),
    )
    result = run(platform, complete_content(collaboration_agreements=collaborations))
    assert result.approvable
    item = result.item("vurdering.samarbejdsaftaler-ramme")
    assert item is not None
    assert item.is_advice
    assert not item.blocks_approval
    assert item.topic is Topic.COLLABORATION_AGREEMENTS
    assert "1 af 2 samarbejdsaftaler" in item.text
    assert "»Samarbejdsaftale om hjemmebehandling« mangler afsnit 4.1, delelement 4" in item.text
    assert "afsnit 4.1, delelement 8 (vilkår for ændret opgaveløsning" in item.text
    assert "udskrivelse" not in item.text
    assert {"afsnit 4.1, delelement 4", "afsnit 4.1, delelement 8"} <= set(item.citations)


def test_collaboration_agreements_not_matching_the_new_agreement_are_advice(platform) -> None:
    collaborations = (
        collaboration("s1", "Samarbejdsaftale om udskrivelse", goals=()),
        collaboration("s2", "Samarbejdsaftale om genoptræning", updated=False),
    )
    result = run(platform, complete_content(collaboration_agreements=collaborations))
    explanation = text(result, "vurdering.samarbejdsaftaler-tilpasset")
    assert status(result, "vurdering.samarbejdsaftaler-tilpasset") is Status.NOT_MET
    assert (
        "1 af 2 er ikke knyttet til en overordnet målsætning (»Samarbejdsaftale om udskrivelse«)"
        in explanation
    )
    assert "1 af 2 er ikke tilpasset den nye aftale (»Samarbejdsaftale om genoptræning«)" in explanation


def test_missing_cluster_goals_name_the_clusters(platform) -> None:
    case = agreement_case(agreement(complete_content(cluster_goals=())))
    case = RegionCase.model_validate(
        {
            **case.model_dump(),
            "municipalities": [*case.municipalities, MunicipalityInfo(code="330", name="Slagelse")],
            "clusters": [
                *case.clusters,
                ClusterInfo(id="c2", name="Klynge Slagelse", municipality_codes=("330",)),
            ],
        }
    )
    result = assess(platform, case, AGREEMENT_ID, AT)
    item = result.item("vurdering.klyngemaal")
    assert item is not None
    assert item.is_advice
    assert item.topic is Topic.CLUSTER_GOALS
    assert (
        "2 af 2 sundhedsklynger har ingen selvstændige mål i aftalen: Klynge Holbæk og Klynge Slagelse"
        in item.text
    )
    assert item.letter_text.startswith("Sundhedsstyrelsen anbefaler, at hver sundhedsklynge opstiller")
    assert "§ 2, stk. 2, nr. 4" in item.citations
    assert "afsnit 2.1" in item.citations


def test_goals_without_sub_goals_and_sub_goals_without_criteria_are_advice(platform) -> None:
    bare = goal("g2", "Bedre mental sundhed", national=(7,), groups=("tg-psyk",), sub_goals=0)
    first = goal("g1", "Tryghed i eget hjem", national=(1,))
    first = first.model_copy(
        update={"sub_goals": (first.sub_goals[0].model_copy(update={"success_criteria": ()}),)}
    )
    result = run(platform, complete_content(overarching_goals=(first, bare)))
    explanation = text(result, "vurdering.delmaal-succeskriterier")
    assert "1 af 2 overordnede målsætninger har ingen delmål: »Bedre mental sundhed«" in explanation
    assert "1 delmål har ingen succeskriterier: »Delmål 1 for g1«" in explanation
    assert result.approvable


def test_target_groups_without_data_and_criteria_without_indicators_are_advice(platform) -> None:
    groups = (
        target_group("tg-aeldre", "Ældre medicinske patienter", data=False),
        target_group("tg-psyk", "Borgere med psykisk lidelse"),
    )
    result = run(platform, complete_content(target_groups=groups))
    item = result.item("vurdering.dataunderstoettelse")
    assert item is not None
    assert item.is_advice
    assert item.topic is Topic.DATA
    assert "»Ældre medicinske patienter«" in item.text
    assert status(result, "vurdering.grundlag-maalgrupper") is Status.MET  # knowledge alone is a basis


def test_general_practice_is_advice_but_a_question_about_attachments_waits_for_the_reviewer(platform) -> None:
    result = run(platform, complete_content(general_practice="", attachments=()))
    assert status(result, "vurdering.almen-praksis") is Status.NOT_MET
    assert status(result, "vurdering.bilag") is Status.NEEDS_JUDGEMENT
    # "Det må vurderes" is for the reviewer, not advice to the parties.
    assert {i.finding.rule_id for i in result.advice} == {"vurdering.almen-praksis"}
    assert [i.finding.rule_id for i in result.awaiting_judgement] == ["vurdering.bilag"]
    assert result.approvable
    upheld = apply_reviews(result, [FindingReview("vurdering.bilag", Verdict.ACCEPTED)])
    assert {i.finding.rule_id for i in upheld.advice} == {"vurdering.almen-praksis", "vurdering.bilag"}
    unreferenced = run(platform, complete_content(attachments=(Attachment(id="b1", title="Dataportal"),)))
    assert status(unreferenced, "vurdering.bilag") is Status.NEEDS_JUDGEMENT
    assert unreferenced.advice == ()
    assert "»Dataportal«" in text(unreferenced, "vurdering.bilag")


def test_long_lists_are_cut_in_the_text_but_kept_in_the_facts(platform) -> None:
    groups = tuple(TargetGroup(id=f"t{n}", name=f"Gruppe {n}", knowledge_basis=("x",)) for n in range(12))
    goals = tuple(goal(f"g{n}", f"Mål {n}", national=(), groups=(f"t{n}",)) for n in range(12))
    result = run(
        platform, complete_content(target_groups=groups, overarching_goals=goals, collaboration_agreements=())
    )
    item = result.item("vurdering.nationale-maal")
    assert item is not None
    assert "og 4 flere" in item.text
    (unlinked,) = [f.value for f in item.finding.facts if f.name == "uden nationale mål"]
    assert len(unlinked) == 12


# --- Reviews ---------------------------------------------------------------------------------------------------------


def _blocked(platform) -> Assessment:  # type: ignore[no-untyped-def]
    """One requirement blocks (no overarching goals); general practice is advice."""
    content = complete_content(
        overarching_goals=(),
        target_groups=(target_group("tg-aeldre", "Ældre medicinske patienter"),),
        collaboration_agreements=(collaboration("s1", "Samarbejdsaftale om udskrivelse", goals=()),),
        general_practice="",
    )
    result = run(platform, content)
    assert [i.finding.rule_id for i in result.blocking] == ["vurdering.nationale-maal"]
    return result


def test_overruling_a_requirement_stops_it_blocking(platform) -> None:
    result = _blocked(platform)
    assert not result.approvable
    reviewed = apply_reviews(
        result,
        [
            FindingReview(
                "vurdering.nationale-maal",
                Verdict.OVERRULED,
                reason="Målsætningerne står i aftalens bilag 2",
                reviewer="Fuldmægtig",
                reviewed_on=dt.date(2024, 2, 5),
            )
        ],
    )
    assert reviewed.approvable
    assert [i.finding.rule_id for i in reviewed.overruled] == ["vurdering.nationale-maal"]
    assert result.blocking  # the original is unchanged
    assert "Tilsidesat af Fuldmægtig 5. februar 2024: Målsætningerne står i aftalens bilag 2" in summary_text(
        reviewed
    )


def test_editing_changes_the_text_not_the_verdict(platform) -> None:
    result = _blocked(platform)
    reviewed = apply_reviews(
        result,
        [
            FindingReview(
                "vurdering.nationale-maal",
                Verdict.EDITED,
                text="Aftalen mangler fælles, forpligtende målsætninger.",
                reason="Kortere",
            ),
            FindingReview("vurdering.almen-praksis", Verdict.ACCEPTED),
        ],
    )
    item = reviewed.item("vurdering.nationale-maal")
    assert item is not None
    assert item.blocks_approval
    assert item.text == "Aftalen mangler fælles, forpligtende målsætninger."
    assert not reviewed.approvable
    accepted = reviewed.item("vurdering.almen-praksis")
    assert accepted is not None
    assert accepted.is_advice
    assert accepted.review is not None


def test_overruling_advice_removes_it_from_the_advice(platform) -> None:
    result = _blocked(platform)
    reviewed = apply_reviews(
        result,
        [FindingReview("vurdering.almen-praksis", Verdict.OVERRULED, reason="Beskrevet i praksisplanen")],
    )
    assert "vurdering.almen-praksis" not in {i.finding.rule_id for i in reviewed.advice}
    assert "vurdering.almen-praksis" in {i.finding.rule_id for i in result.advice}


@pytest.mark.parametrize(
    ("review", "words"),
    [
        (FindingReview("vurdering.nationale-maal", Verdict.EDITED, reason="x"), "uden den redigerede tekst"),
        (FindingReview("vurdering.nationale-maal", Verdict.EDITED, text="Ny tekst"), "uden en begrundelse"),
        (FindingReview("vurdering.nationale-maal", Verdict.OVERRULED), "tilsidesat uden en begrundelse"),
        (FindingReview("vurdering.nationale-maal", Verdict.OVERRULED, reason="  "), "uden en begrundelse"),
        (
            FindingReview("vurdering.findes-ikke", Verdict.ACCEPTED),
            "intet fund for reglen 'vurdering.findes-ikke'",
        ),
    ],
)
def test_bad_reviews_are_refused_naming_the_rule(platform, review: FindingReview, words: str) -> None:
    with pytest.raises(AssessmentError, match=words) as exc:
        apply_reviews(_blocked(platform), [review])
    assert review.rule_id in str(exc.value)
    assert isinstance(exc.value, SundhedsaftaleError)


def test_two_reviews_of_one_finding_are_refused(platform) -> None:
    twice = [
        FindingReview("vurdering.bilag", Verdict.ACCEPTED),
        FindingReview("vurdering.bilag", Verdict.OVERRULED, reason="x"),
    ]
    with pytest.raises(AssessmentError, match=r"'vurdering\.bilag' er vurderet to gange"):
        apply_reviews(_blocked(platform), twice)


def test_a_later_review_replaces_an_earlier_one(platform) -> None:
    first = apply_reviews(
        _blocked(platform), [FindingReview("vurdering.nationale-maal", Verdict.OVERRULED, reason="x")]
    )
    again = apply_reviews(first, [FindingReview("vurdering.nationale-maal", Verdict.ACCEPTED)])
    assert first.approvable
    assert not again.approvable


# --- Presentation --------------------------------------------------------------------------------------------------


def test_as_dict_is_json_ready_and_carries_the_finding(platform) -> None:
    reviewed = apply_reviews(
        _blocked(platform),
        [FindingReview("vurdering.almen-praksis", Verdict.OVERRULED, reason="Se bilag", reviewed_on=AT)],
    )
    data = json.loads(json.dumps(assessment_as_dict(reviewed)))
    assert data["agreement_id"] == AGREEMENT_ID
    assert data["at"] == "2024-02-01"
    assert data["approvable"] is False
    assert data["summary"]["blocking"] == 1
    assert data["summary"]["overruled"] == 1
    assert data["summary"]["total"] == len(ASSESSMENT_RULE_IDS) == len(data["items"])
    item = next(i for i in data["items"] if i["rule_id"] == "vurdering.nationale-maal")
    assert item["topic"] == "national_goals"
    assert item["topic_label"] == "Sammenhæng til de nationale mål"
    assert item["blocks_approval"] is True
    assert "afsnit 5.2" in item["citations"]
    assert item["finding"]["status"] == "not_met"
    assert item["finding"]["subject_id"] == AGREEMENT_ID
    reviewed_item = next(i for i in data["items"] if i["rule_id"] == "vurdering.almen-praksis")
    assert reviewed_item["review"] == {
        "rule_id": "vurdering.almen-praksis",
        "verdict": "overruled",
        "verdict_label": "Tilsidesat",
        "text": "",
        "reason": "Se bilag",
        "reviewer": "",
        "reviewed_on": "2024-02-01",
    }


def test_summary_text_lists_blocking_first_then_advice_then_met(platform) -> None:
    report = summary_text(_blocked(platform))
    assert report.startswith(
        "Sundhedsstyrelsens vurdering af »Sundhedsaftale 2024–2027« (a1, version 1.0), 1. februar 2024"
    )
    assert (
        "Aftalen kan ikke godkendes: 1 godkendelseskriterium (vejledningens afsnit 5.2) er ikke opfyldt."
        in report
    )
    blocking, advice, met = (
        report.index(h) for h in ("Hindrer godkendelse (1):", "Rådgivning (", "Opfyldt (")
    )
    assert blocking < advice < met
    assert "[Sammenhæng til de nationale mål] Krav:" in report
    assert "Aftalen kan godkendes" in summary_text(run(platform))


def test_items_are_frozen(platform) -> None:
    result = run(platform)
    with pytest.raises(dataclasses.FrozenInstanceError):
        result.items[0].blocks_approval = True  # type: ignore[misc]
