"""Hearing rounds in the core (ADR 0036): the lifecycle's record of a round on the agreement (§ 29, stk. 2), the
body's answer (§ 27, stk. 3), the health plan's assessment (§ 22, stk. 2), late answers, dispositions."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml

import sundhedsaftale
from sundhedsaftale.core.hearings import (
    CONSENSUS_WORDS,
    Disposition,
    HearingTopic,
    answer_problems,
    is_late,
    lifecycle_answer,
    lifecycle_hearing,
)

SENT = dt.date(2026, 6, 1)
DEADLINE = dt.date(2026, 7, 1)


def _problems(**overrides):
    data = {
        "text": "Udvalget støtter udkastet.",
        "no_remarks": False,
        "from_body": True,
        "consensus_sought": True,
        "consensus_reached": True,
        "dissents": (),
    }
    data.update(overrides)
    return [p.field for p in answer_problems(**data)]


def test_section_29_2_a_round_on_the_draft_is_the_lifecycle_hearing() -> None:
    hearing = lifecycle_hearing(
        topic=HearingTopic.AGREEMENT_DRAFT, sent_on=SENT, response_deadline=DEADLINE, version_label="Udkast"
    )
    assert (hearing.sent_on, hearing.response_deadline, hearing.version_label, hearing.renewed) == (
        SENT,
        DEADLINE,
        "Udkast",
        False,
    )
    assert lifecycle_answer(hearing, dt.date(2026, 6, 20)).answered_on == dt.date(2026, 6, 20)


def test_section_29_2_a_round_on_a_revision_is_the_renewed_hearing() -> None:
    hearing = lifecycle_hearing(
        topic=HearingTopic.REVISION, sent_on=SENT, response_deadline=DEADLINE, version_label=""
    )
    assert hearing.renewed
    assert HearingTopic.REVISION.citation == "§ 29, stk. 2, jf. § 22, stk. 1"


@pytest.mark.parametrize(
    ("topic", "on_agreement", "citation"),
    [
        (HearingTopic.AGREEMENT_DRAFT, True, "§ 29, stk. 2"),
        (HearingTopic.REVISION, True, "§ 29, stk. 2, jf. § 22, stk. 1"),
        (HearingTopic.HEALTH_PLAN, False, "§ 22, stk. 2"),
        (HearingTopic.OTHER, False, ""),
    ],
)
def test_section_22_2_and_29_2_each_topic_cites_its_provision(topic, on_agreement, citation) -> None:
    assert topic.on_agreement is on_agreement
    assert topic.citation == citation


def test_section_27_3_the_quoted_words_are_the_provisions_own() -> None:
    law = Path(sundhedsaftale.__file__).parent / "data" / "law" / "bek-1248-2022.yaml"
    units = {u["id"]: u for u in yaml.safe_load(law.read_text(encoding="utf-8"))["units"]}
    assert CONSENSUS_WORDS in units["sec_27__subsec_3"]["text"]


def test_section_27_3_without_agreement_each_members_view_is_kept() -> None:
    assert _problems(consensus_reached=False, dissents=(("Erik Holst", "Mit eget synspunkt."),)) == []


def test_section_27_3_agreement_reached_leaves_no_dissent() -> None:
    assert _problems(consensus_reached=True, dissents=(("Erik Holst", "Et synspunkt."),)) == ["dissents"]


def test_section_27_3_agreement_must_be_sought_before_members_give_their_own_views() -> None:
    assert _problems(consensus_sought=False, consensus_reached=False) == ["consensus_sought"]


def test_section_27_3_a_body_must_say_whether_it_agreed() -> None:
    assert _problems(consensus_reached=None) == ["consensus_reached"]


def test_section_27_3_a_dissent_needs_the_members_view_in_own_words() -> None:
    assert _problems(consensus_reached=False, dissents=(("Erik Holst", " "),)) == ["dissents"]


def test_no_remarks_is_an_answer_without_text() -> None:
    assert _problems(text="", no_remarks=True) == []
    assert _problems(text="", no_remarks=False) == ["text"]


def test_an_organisation_answers_without_consensus_or_dissents() -> None:
    assert _problems(from_body=False, consensus_reached=None) == []
    assert _problems(from_body=False, dissents=(("A", "B"),)) == ["dissents"]


def test_an_answer_after_the_deadline_is_late_not_refused() -> None:
    assert not is_late(DEADLINE, DEADLINE)
    assert is_late(DEADLINE + dt.timedelta(days=1), DEADLINE)


def test_dispositions_name_the_hearing_practice_terms() -> None:
    assert [d.label for d in Disposition] == [
        "Imødekommet",
        "Delvist imødekommet",
        "Ikke imødekommet",
        "Taget til efterretning",
    ]
    assert [d for d in Disposition if d.changes_document] == [Disposition.TAKEN_IN, Disposition.PARTLY]
