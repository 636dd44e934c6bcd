"""The region's hearing rounds and the patient involvement committee's statements, as the case file carries them.

A hearing round (ADR 0036) is heard on a document with a deadline; each addressee's answer is kept with the body's
consensus fields and each member's own view: "Der skal tilstræbes enighed i udvalget om udvalgets prioriteringer.
Hvis det ikke er muligt at opnå enighed i udvalget, kan udvalgets medlemmer hver især afgive synspunkter" (§ 27,
stk. 3), and with the secretariat's disposition of each point and its reason (the høringsnotat). A statement
(udtalelse) of the patient involvement committee rests on § 28 and keeps the same consensus fields.

The topics and dispositions are the core's own (:mod:`sundhedsaftale.core.hearings`); every field added after
schema version 1 was first written is optional, so older case files read unchanged (ADR 0045).
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field, model_validator

from ..hearings import Disposition, HearingTopic, answer_problems, is_late

__all__ = [
    "CommitteeStatement",
    "HearingAddressee",
    "HearingAnswer",
    "HearingRound",
    "HearingRoundState",
    "MemberView",
    "PointDisposition",
    "StatementBasis",
]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class MemberView(_Model):
    """One member's own view when the body could not agree (§ 27, stk. 3, 3. pkt.), in the member's words."""

    member: str = Field(min_length=1, max_length=200)
    view: str = Field(min_length=1, max_length=20000)
    membership: str = Field(
        default="", max_length=100, description="Medlemskabets id i organet", exclude_if=lambda v: not v
    )


class PointDisposition(_Model):
    """The secretariat's disposition of an answer, or of one point of it, and why (the høringsnotat)."""

    point: str = Field(default="", max_length=500, description="Punktet i svaret (tomt: svaret som helhed)")
    kind: Disposition
    reason: str = Field(min_length=1, max_length=20000)


class HearingAnswer(_Model):
    received_on: dt.date
    text: str = Field(default="", max_length=100000)
    no_remarks: bool = Field(default=False, description="»Ingen bemærkninger«")
    consensus_sought: bool = Field(default=True, description="Enighed tilstræbt (§ 27, stk. 3)")
    consensus_reached: bool | None = Field(default=None, description="Enighed opnået (kun et organs svar)")
    dissents: tuple[MemberView, ...] = Field(default=(), description="Medlemmernes egne synspunkter")
    late: bool = Field(default=False, description="Modtaget efter høringsfristen (beholdes, markeret)")
    document: str = Field(
        default="", max_length=300, description="Svarets dokument (filnavn)", exclude_if=lambda v: not v
    )
    dispositions: tuple[PointDisposition, ...] = ()


class HearingAddressee(_Model):
    """A body (its members answer as one, § 27, stk. 3) or a named organisation."""

    name: str = Field(min_length=1, max_length=200)
    body_id: str | None = Field(default=None, description="Organets id, når et organ høres")
    answer: HearingAnswer | None = None

    @model_validator(mode="after")
    def _answer_sound(self) -> HearingAddressee:
        if self.answer is None:
            return self
        a = self.answer
        problems = answer_problems(
            text=a.text,
            no_remarks=a.no_remarks,
            from_body=self.body_id is not None,
            consensus_sought=a.consensus_sought,
            consensus_reached=a.consensus_reached,
            dissents=tuple((d.member, d.view) for d in a.dissents),
        )
        if problems:
            raise ValueError(f"answer.{problems[0].field}: {problems[0].message}")
        return self


class HearingRoundState(StrEnum):
    DRAFT = "draft"
    SENT = "sent"
    CLOSED = "closed"

    @property
    def label(self) -> str:
        return {"draft": "Kladde", "sent": "Sendt i høring", "closed": "Afsluttet"}[self.value]


class HearingRound(_Model):
    """A hearing round on a document: the draft agreement or a revision (§ 29, stk. 2), the region's health plan
    (§ 22, stk. 2) or another topic; identified in the case by its subject and the day it was sent."""

    topic: HearingTopic
    subject: str = Field(min_length=1, max_length=200)
    agreement_id: str | None = Field(default=None, description="Sundhedsaftalens id, når aftalen høres")
    version_label: str = Field(default="", max_length=100)
    covering_text: str = Field(default="", max_length=20000, description="Følgebrev")
    state: HearingRoundState = HearingRoundState.SENT
    sent_on: dt.date | None = None
    response_deadline: dt.date = Field(description="Høringsfrist")
    closed_on: dt.date | None = None
    changes_made: str = Field(default="", max_length=20000, description="Ændringer som følge af høringen")
    addressees: tuple[HearingAddressee, ...] = ()

    @model_validator(mode="after")
    def _consistent(self) -> HearingRound:
        if self.topic.on_agreement and self.agreement_id is None:
            raise ValueError(
                f"agreement_id: en høring om {self.topic.citation} er en høring om en sundhedsaftale"
            )
        if self.state is not HearingRoundState.DRAFT and self.sent_on is None:
            raise ValueError("sent_on: en sendt høring har en afsendelsesdato")
        if self.state is HearingRoundState.CLOSED and self.closed_on is None:
            raise ValueError("closed_on: en afsluttet høring har en afslutningsdato")
        names = [a.name for a in self.addressees]
        if len(set(names)) != len(names):
            raise ValueError("addressees: en part står mere end én gang blandt de hørte")
        for index, addressee in enumerate(self.addressees):
            answer = addressee.answer
            if answer is None:
                continue
            if self.sent_on is None:
                raise ValueError(f"addressees[{index}].answer: en høring, der ikke er sendt, har ingen svar")
            if answer.received_on < self.sent_on:
                raise ValueError(
                    f"addressees[{index}].answer.received_on: svaret ligger før høringen blev sendt"
                )
            if answer.late != is_late(answer.received_on, self.response_deadline):
                raise ValueError(
                    f"addressees[{index}].answer.late: svaret modtaget {answer.received_on.isoformat()} er "
                    f"{'' if is_late(answer.received_on, self.response_deadline) else 'ikke '}modtaget efter "
                    f"fristen {self.response_deadline.isoformat()}"
                )
        return self


class StatementBasis(StrEnum):
    """What a statement is about, in the terms of § 28."""

    OWN_INITIATIVE = "own_initiative"  # § 28, stk. 2
    COMMITTEE_TOPIC = "committee_topic"  # § 28, stk. 1, nr. 1
    PRACTICE_PLAN = "practice_plan"  # § 28, stk. 1, nr. 2

    @property
    def citation(self) -> str:
        return {
            "own_initiative": "§ 28, stk. 2",
            "committee_topic": "§ 28, stk. 1, nr. 1",
            "practice_plan": "§ 28, stk. 1, nr. 2",
        }[self.value]


class CommitteeStatement(_Model):
    """A statement (udtalelse) of the patient involvement committee (§ 27, stk. 3; § 28)."""

    body_id: str
    basis: StatementBasis
    topic: str = Field(min_length=1, max_length=200)
    text: str = Field(min_length=1, max_length=20000)
    given_on: dt.date
    meeting_id: str | None = Field(default=None, description="Mødet, hvor udtalelsen blev vedtaget")
    consensus_sought: bool = True
    consensus_reached: bool
    dissents: tuple[MemberView, ...] = ()

    @model_validator(mode="after")
    def _consensus(self) -> CommitteeStatement:
        if self.consensus_reached and self.dissents:
            raise ValueError(
                "dissents: udvalget nåede til enighed, så der er ingen afvigende synspunkter (§ 27, stk. 3)"
            )
        if not self.consensus_reached and not self.consensus_sought:
            raise ValueError(
                "consensus_sought: udvalget skal have tilstræbt enighed, før medlemmerne hver især afgiver "
                "synspunkter (§ 27, stk. 3)"
            )
        return self
