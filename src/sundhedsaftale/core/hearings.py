"""Hearing rounds as the law sees them: what a round is about, which answers are sound, and what the agreement's
lifecycle records of it (ADR 0036).

A round is heard on a document. On the draft agreement the patient involvement committee must be heard, and heard
again on a revision: "Den videre inddragelse af patientinddragelsesudvalget skal som minimum omfatte høring af
patientinddragelsesudvalget i forbindelse med udarbejdelse af sundhedsaftalen, jf. 19, stk. 1 og fornyet høring,
hvis det vurderes, at sundhedsaftalen skal revideres jf. § 22, stk. 1" (§ 29, stk. 2). The region's health plan is
assessed by the health cooperation committee: "Sundhedssamarbejdsudvalget vurderer udkast til regionens
sundhedsplan" (§ 22, stk. 2). A body answers as one: "Der skal tilstræbes enighed i udvalget om udvalgets
prioriteringer. Hvis det ikke er muligt at opnå enighed i udvalget, kan udvalgets medlemmer hver især afgive
synspunkter" (§ 27, stk. 3).

Framework-free: plain values in, plain values out; the Django app ``sundhedsaftale.hearings`` writes the records.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    # The case carries hearing rounds with these topics and dispositions, so the case is imported where used.
    from .case import Hearing

__all__ = [
    "CONSENSUS_WORDS",
    "Disposition",
    "HearingTopic",
    "answer_problems",
    "is_late",
    "lifecycle_answer",
    "lifecycle_hearing",
]

CONSENSUS_WORDS = (
    "Der skal tilstræbes enighed i udvalget om udvalgets prioriteringer. Hvis det ikke er muligt at opnå enighed "
    "i udvalget, kan udvalgets medlemmer hver især afgive synspunkter."
)


class HearingTopic(StrEnum):
    """What a round is heard on, with the provision that calls for it."""

    AGREEMENT_DRAFT = "agreement_draft"  # udkast til sundhedsaftale, § 29, stk. 2, jf. § 19, stk. 1
    REVISION = "revision"  # fornyet høring ved revision, § 29, stk. 2, jf. § 22, stk. 1
    HEALTH_PLAN = "health_plan"  # regionens sundhedsplan, § 22, stk. 2
    OTHER = "other"  # ethvert andet emne; ingen særlig hjemmel

    @property
    def label(self) -> str:
        return {
            "agreement_draft": "Udkast til sundhedsaftale",
            "revision": "Revision af sundhedsaftalen",
            "health_plan": "Regionens sundhedsplan",
            "other": "Andet emne",
        }[self.value]

    @property
    def citation(self) -> str:
        return {
            "agreement_draft": "§ 29, stk. 2",
            "revision": "§ 29, stk. 2, jf. § 22, stk. 1",
            "health_plan": "§ 22, stk. 2",
            "other": "",
        }[self.value]

    @property
    def on_agreement(self) -> bool:
        """A round on the agreement is the lifecycle's hearing (§ 29, stk. 2)."""
        return self in (HearingTopic.AGREEMENT_DRAFT, HearingTopic.REVISION)


class Disposition(StrEnum):
    """How the secretariat met an answer or a point of it (Danish hearing practice: the høringsnotat)."""

    TAKEN_IN = "taken_in"  # imødekommet
    PARTLY = "partly"  # delvist imødekommet
    NOT_TAKEN_IN = "not_taken_in"  # ikke imødekommet
    NOTED = "noted"  # taget til efterretning

    @property
    def label(self) -> str:
        return {
            "taken_in": "Imødekommet",
            "partly": "Delvist imødekommet",
            "not_taken_in": "Ikke imødekommet",
            "noted": "Taget til efterretning",
        }[self.value]

    @property
    def changes_document(self) -> bool:
        return self in (Disposition.TAKEN_IN, Disposition.PARTLY)


@dataclass(frozen=True)
class AnswerProblem:
    field: str
    message: str


def is_late(received_on: dt.date, deadline: dt.date) -> bool:
    """An answer after the deadline is kept, marked late; it is not refused."""
    return received_on > deadline


def answer_problems(
    *,
    text: str,
    no_remarks: bool,
    from_body: bool,
    consensus_sought: bool,
    consensus_reached: bool | None,
    dissents: tuple[tuple[str, str], ...],
) -> list[AnswerProblem]:
    """What is wrong with an answer, each naming its field. A body's answer must say whether agreement was
    sought and reached (§ 27, stk. 3); members' own views belong only to an answer without agreement, each in the
    member's own words. "Ingen bemærkninger" is an answer and needs no text."""
    problems: list[AnswerProblem] = []
    if not no_remarks and not text.strip():
        problems.append(
            AnswerProblem("text", "Høringssvar: skriv svaret, eller markér »Ingen bemærkninger«.")
        )
    if not from_body:
        if dissents:
            problems.append(
                AnswerProblem(
                    "dissents", "Synspunkter: kun et organs svar kan have medlemmernes egne synspunkter."
                )
            )
        return problems
    if consensus_reached is None:
        problems.append(
            AnswerProblem(
                "consensus_reached",
                "Enighed: angiv, om udvalget nåede til enighed (§ 27, stk. 3: »Der skal tilstræbes enighed i "
                "udvalget«).",
            )
        )
    if consensus_reached and dissents:
        problems.append(
            AnswerProblem(
                "dissents",
                "Synspunkter: udvalget nåede til enighed, så der er ingen afvigende synspunkter; medlemmerne "
                "afgiver hver især synspunkter, når enighed ikke kan opnås (§ 27, stk. 3).",
            )
        )
    if consensus_reached is False and not consensus_sought:
        problems.append(
            AnswerProblem(
                "consensus_sought",
                "Enighed: udvalget skal have tilstræbt enighed, før medlemmerne hver især afgiver synspunkter "
                "(§ 27, stk. 3).",
            )
        )
    for number, (member, view) in enumerate(dissents, start=1):
        if not member.strip():
            problems.append(AnswerProblem("dissents", f"Synspunkt {number}: medlemmets navn mangler."))
        if not view.strip():
            problems.append(
                AnswerProblem("dissents", f"Synspunkt {number}: {member or 'medlemmets'} synspunkt mangler.")
            )
    return problems


def lifecycle_hearing(
    *, topic: HearingTopic, sent_on: dt.date, response_deadline: dt.date, version_label: str
) -> Hearing:
    """The lifecycle's record of a round sent on the agreement (§ 29, stk. 2): the core's ``Hearing``."""
    from .case import Hearing

    return Hearing(
        sent_on=sent_on,
        response_deadline=response_deadline,
        version_label=version_label,
        renewed=topic is HearingTopic.REVISION,
    )


def lifecycle_answer(sent: Hearing, answered_on: dt.date) -> Hearing:
    """The same record answered: the patient involvement committee's answer closes the lifecycle's hearing."""
    return sent.model_copy(update={"answered_on": answered_on})
