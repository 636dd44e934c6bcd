"""The steps of an agreement's life and when the law allows each one.

A step is checked against the agreement as its records stand (the state after its latest record, or on the
day of registration if that is later), and its date must fit the records it depends on: a hearing answer
after the hearing, a decision after the receipt, a resubmission after the objection. A refused step raises
:class:`IllegalStep` naming the reason and the provision.

``REVISE`` records nothing. The revision is opened by the record that makes it necessary (the authority's
objection, § 21, stk. 4, or a yearly review that finds a revision is needed, § 22, stk. 1) and carried out by
the records that follow (renewed hearing, approvals, resubmission). ``REVISE`` is the check that a revision
may begin now, so a page or API can offer it; it returns the agreement unchanged.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

from pydantic import BaseModel

from ..case import (
    AUTHORITY_PARTY,
    AgreementSubmission,
    AuthorityDecision,
    AuthorityDecisionKind,
    BodyKind,
    ClusterInput,
    CouncilApproval,
    HealthAgreement,
    Hearing,
    InformationRequest,
    MeetingKind,
    MeetingStatus,
    Publication,
    RegionCase,
    StatusReport,
    StatusReportKind,
    YearlyReview,
)
from ..errors import SundhedsaftaleError
from ..periods import danish_date
from ._dates import order_start
from ._stages import (
    LEGACY_BASIS,
    Cycle,
    Opening,
    Stage,
    all_parties,
    approved_parties,
    current_cycle,
    entered_on,
    stage_of,
)

if TYPE_CHECKING:
    from .. import Platform

__all__ = ["IllegalStep", "Record", "Step", "allowed_steps", "apply_step", "check_step", "kickoff_meeting"]

Record = (
    Hearing
    | ClusterInput
    | CouncilApproval
    | AgreementSubmission
    | InformationRequest
    | AuthorityDecision
    | Publication
    | YearlyReview
    | StatusReport
    | None
)


class Step(StrEnum):
    START_HEARING = "start_hearing"
    RECORD_HEARING_ANSWER = "record_hearing_answer"
    RECORD_CLUSTER_INPUT = "record_cluster_input"
    RECORD_COUNCIL_APPROVAL = "record_council_approval"
    SUBMIT = "submit"
    REGISTER_RECEIPT = "register_receipt"
    REQUEST_INFORMATION = "request_information"
    ANSWER_INFORMATION = "answer_information"
    APPROVE = "approve"
    OBJECT = "object"
    REVISE = "revise"
    PUBLISH = "publish"
    RECORD_YEARLY_REVIEW = "record_yearly_review"
    SEND_STATUS_REPORT = "send_status_report"

    @property
    def label(self) -> str:
        return _STEP_LABELS[self]

    @property
    def citation(self) -> str:
        """The provision the step carries out."""
        return _STEP_CITATIONS[self]


_STEP_LABELS = {
    Step.START_HEARING: "Send udkastet i høring hos patientinddragelsesudvalget",
    Step.RECORD_HEARING_ANSWER: "Registrér høringssvar fra patientinddragelsesudvalget",
    Step.RECORD_CLUSTER_INPUT: "Registrér input fra en sundhedsklynges politiske niveau",
    Step.RECORD_COUNCIL_APPROVAL: "Registrér godkendelse i regionsrådet eller en kommunalbestyrelse",
    Step.SUBMIT: "Indsend aftalen til Sundhedsstyrelsen",
    Step.REGISTER_RECEIPT: "Registrér Sundhedsstyrelsens modtagelse af aftalen",
    Step.REQUEST_INFORMATION: "Registrér Sundhedsstyrelsens anmodning om supplerende oplysninger",
    Step.ANSWER_INFORMATION: "Registrér svar på Sundhedsstyrelsens anmodning",
    Step.APPROVE: "Registrér Sundhedsstyrelsens godkendelse",
    Step.OBJECT: "Registrér Sundhedsstyrelsens indsigelse",
    Step.REVISE: "Påbegynd revision af aftalen",
    Step.PUBLISH: "Registrér offentliggørelse af aftalen",
    Step.RECORD_YEARLY_REVIEW: "Registrér årlig gennemgang af aftalen",
    Step.SEND_STATUS_REPORT: "Registrér indsendt midtvejsstatus eller slutstatus",
}

_STEP_CITATIONS = {
    Step.START_HEARING: "§ 29, stk. 2",
    Step.RECORD_HEARING_ANSWER: "§ 29, stk. 2",
    Step.RECORD_CLUSTER_INPUT: "§ 19, stk. 1",
    Step.RECORD_COUNCIL_APPROVAL: "afsnit 5.1",
    Step.SUBMIT: "§ 21, stk. 1",
    Step.REGISTER_RECEIPT: "§ 21, stk. 2",
    Step.REQUEST_INFORMATION: "afsnit 5.2",
    Step.ANSWER_INFORMATION: "afsnit 5.2",
    Step.APPROVE: "§ 21, stk. 2",
    Step.OBJECT: "§ 21, stk. 4",
    Step.REVISE: "§ 22, stk. 1",
    Step.PUBLISH: "afsnit 5.5",
    Step.RECORD_YEARLY_REVIEW: "§ 22, stk. 1",
    Step.SEND_STATUS_REPORT: "§ 22, stk. 1",
}

_RECORD_TYPES: dict[Step, type[BaseModel] | None] = {
    Step.START_HEARING: Hearing,
    Step.RECORD_HEARING_ANSWER: Hearing,
    Step.RECORD_CLUSTER_INPUT: ClusterInput,
    Step.RECORD_COUNCIL_APPROVAL: CouncilApproval,
    Step.SUBMIT: AgreementSubmission,
    Step.REGISTER_RECEIPT: AgreementSubmission,
    Step.REQUEST_INFORMATION: InformationRequest,
    Step.ANSWER_INFORMATION: InformationRequest,
    Step.APPROVE: AuthorityDecision,
    Step.OBJECT: AuthorityDecision,
    Step.REVISE: None,
    Step.PUBLISH: Publication,
    Step.RECORD_YEARLY_REVIEW: YearlyReview,
    Step.SEND_STATUS_REPORT: StatusReport,
}

# Steps that make the agreement; for an agreement made under the 2018 order only a revision's are ours to check.
_MAKING = frozenset(
    {
        Step.START_HEARING,
        Step.RECORD_HEARING_ANSWER,
        Step.RECORD_CLUSTER_INPUT,
        Step.RECORD_COUNCIL_APPROVAL,
        Step.SUBMIT,
        Step.REGISTER_RECEIPT,
        Step.REQUEST_INFORMATION,
        Step.ANSWER_INFORMATION,
        Step.APPROVE,
        Step.OBJECT,
    }
)


class IllegalStep(SundhedsaftaleError):
    """A step the law does not allow now, with the reason and the provision (a written citation)."""

    def __init__(self, reason: str, citation: str, step: Step | None = None) -> None:
        self.reason = reason
        self.citation = citation
        self.step = step
        super().__init__(f"{reason[:1].upper()}{reason[1:]} (jf. {citation}).")


@dataclass(frozen=True)
class _Context:
    platform: Platform
    case: RegionCase
    agreement: HealthAgreement
    step: Step
    day: dt.date  # the record's own date
    on: dt.date
    now: dt.date  # the state the step is checked against
    stage: Stage
    cycle: Cycle

    def refuse(self, reason: str, citation: str | None = None) -> IllegalStep:
        return IllegalStep(reason, citation or self.step.citation, self.step)


def _record_date(step: Step, record: Record, on: dt.date) -> dt.date:
    """The day the step happened: the date the record is about."""
    match record:
        case Hearing():
            return (
                record.answered_on or record.sent_on if step is Step.RECORD_HEARING_ANSWER else record.sent_on
            )
        case ClusterInput():
            return record.given_on
        case CouncilApproval():
            return record.approved_on
        case AgreementSubmission():
            if step is Step.REGISTER_RECEIPT:
                return record.received_on or record.submitted_on
            return record.submitted_on
        case InformationRequest():
            return (
                record.answered_on or record.asked_on if step is Step.ANSWER_INFORMATION else record.asked_on
            )
        case AuthorityDecision():
            return record.decided_on
        case Publication():
            return record.published_on
        case YearlyReview():
            return record.held_on
        case StatusReport():
            return record.sent_on
    return on


def _latest_record(agreement: HealthAgreement) -> dt.date | None:
    days = [
        *(h.sent_on for h in agreement.hearings),
        *(h.answered_on for h in agreement.hearings if h.answered_on),
        *(c.given_on for c in agreement.cluster_inputs),
        *(a.approved_on for a in agreement.council_approvals),
        *(s.submitted_on for s in agreement.submissions),
        *(s.received_on for s in agreement.submissions if s.received_on),
        *(r.asked_on for r in agreement.information_requests),
        *(r.answered_on for r in agreement.information_requests if r.answered_on),
        *(d.decided_on for d in agreement.decisions),
        *(p.published_on for p in agreement.publications),
        *(r.held_on for r in agreement.yearly_reviews),
        *(s.sent_on for s in agreement.status_reports),
    ]
    return max(days, default=None)


def kickoff_meeting(case: RegionCase, agreement: HealthAgreement, by: dt.date) -> dt.date | None:
    """The first meeting before the draft between the committee and the patient involvement committee
    (§ 29, stk. 1) held in the agreement's election period on or before ``by``; it may be recorded on
    either body."""
    bodies = {b.id for b in case.bodies if b.kind in (BodyKind.COMMITTEE, BodyKind.PATIENT_COMMITTEE)}
    period_start = dt.date(agreement.election_period_start, 1, 1)
    held = [
        m.date
        for m in case.meetings
        if m.body_id in bodies
        and m.kind is MeetingKind.AGREEMENT_KICKOFF
        and m.status is MeetingStatus.HELD
        and period_start <= m.date <= by
    ]
    return min(held, default=None)


def check_step(
    platform: Platform,
    case: RegionCase,
    agreement: HealthAgreement,
    step: Step,
    record: Record,
    on: dt.date,
) -> None:
    """Raise :class:`IllegalStep` if ``step`` with ``record`` may not be registered on ``on``."""
    expected = _RECORD_TYPES[step]
    if (expected is None and record is not None) or (
        expected is not None and not isinstance(record, expected)
    ):
        wanted = expected.__name__ if expected else "ingen registrering"
        raise TypeError(f"{step.value} kræver {wanted}, ikke {type(record).__name__}")
    day = _record_date(step, record, on)
    now = max(on, _latest_record(agreement) or on)
    ctx = _Context(
        platform,
        case,
        agreement,
        step,
        day,
        on,
        now,
        stage_of(agreement, case, now),
        current_cycle(agreement, now),
    )
    for other in _other_dates(record):
        if other > on:
            raise ctx.refuse(
                f"datoen {danish_date(other)} ligger efter registreringsdagen {danish_date(on)}; "
                "et skridt registreres, når det er sket"
            )
    if day > on:
        raise ctx.refuse(
            f"skridtet er dateret {danish_date(day)}, efter registreringsdagen {danish_date(on)}; "
            "et skridt registreres, når det er sket"
        )
    start = order_start(platform.rulebook)
    if day < start:
        raise ctx.refuse(
            f"skridtet er dateret {danish_date(day)}, før bekendtgørelsen trådte i kraft {danish_date(start)}; "
            "det fulgte de dagældende regler",
            "§ 31, stk. 1",
        )
    if step in _MAKING and agreement.legal_basis == LEGACY_BASIS and ctx.cycle.number == 0:
        raise ctx.refuse(
            "aftalen er indgået efter bek. nr. 679 af 30. maj 2018, og dens tilblivelse fulgte de regler; "
            "bekendtgørelsen gælder for aftalen fremover, dvs. opfølgning og revision",
            "§ 31, stk. 3",
        )
    _CHECKS[step](ctx, record)


def _other_dates(record: Record) -> list[dt.date]:
    """Dates in the record besides its own that also must have happened (a receipt, an answer)."""
    match record:
        case AgreementSubmission():
            return [record.received_on] if record.received_on else []
        case Hearing():
            return [record.answered_on] if record.answered_on else []
        case InformationRequest():
            return [record.answered_on] if record.answered_on else []
    return []


def _opening_phrase(cycle: Cycle) -> tuple[str, str]:
    assert cycle.opened_on is not None
    if cycle.opened_by is Opening.OBJECTION:
        return f"Sundhedsstyrelsens indsigelse {danish_date(cycle.opened_on)}", "§ 21, stk. 4"
    return (
        f"den årlige gennemgang {danish_date(cycle.opened_on)}, der fandt behov for revision",
        "§ 22, stk. 1",
    )


def _after_opening(ctx: _Context, what: str) -> None:
    """A record of a revision must be dated after the event that opened it."""
    if ctx.cycle.opened_on is not None and ctx.day <= ctx.cycle.opened_on:
        event, citation = _opening_phrase(ctx.cycle)
        raise ctx.refuse(
            f"{what} er dateret {danish_date(ctx.day)}, men revisionen begyndte med {event}; "
            "datoerne modsiger hinanden",
            citation,
        )


def _cycle_hearings(ctx: _Context) -> list[Hearing]:
    return sorted(
        (h for h in ctx.agreement.hearings if ctx.cycle.holds(h.sent_on) and h.sent_on <= ctx.now),
        key=lambda h: h.sent_on,
    )


def _pending(ctx: _Context) -> AgreementSubmission | None:
    """The submission of the current cycle."""
    submissions = [s for s in ctx.agreement.submissions if ctx.cycle.holds(s.submitted_on)]
    return max(submissions, key=lambda s: s.submitted_on, default=None)


def _check_start_hearing(ctx: _Context, record: Record) -> None:
    assert isinstance(record, Hearing)
    if ctx.stage in (Stage.COUNCIL_APPROVAL, Stage.READY_TO_SUBMIT):
        raise ctx.refuse(
            "regionsrådet og kommunalbestyrelserne er allerede i gang med at godkende aftalen; høringen af "
            "patientinddragelsesudvalget skal ligge, mens udkastet udarbejdes"
        )
    if ctx.stage in (Stage.SUBMITTED, Stage.UNDER_REVIEW):
        raise ctx.refuse("aftalen er indsendt og afventer Sundhedsstyrelsens afgørelse", "§ 21, stk. 2")
    if ctx.stage is Stage.APPROVED:
        raise ctx.refuse(
            "aftalen er godkendt; en fornyet høring hører til en revision, som forudsætter, at den årlige "
            "gennemgang har fundet behov for at revidere aftalen"
        )
    _after_opening(ctx, "høringen")
    if ctx.cycle.number == 0 and kickoff_meeting(ctx.case, ctx.agreement, ctx.day) is None:
        raise ctx.refuse(
            "sundhedssamarbejdsudvalget har ikke holdt mødet med patientinddragelsesudvalget før udkastet "
            f"(intet afholdt møde af typen '{MeetingKind.AGREEMENT_KICKOFF.value}' i valgperioden senest "
            f"{danish_date(ctx.day)})",
            "§ 29, stk. 1",
        )


def _open_hearing(ctx: _Context, record: Hearing) -> Hearing:
    same = [h for h in ctx.agreement.hearings if h.sent_on == record.sent_on]
    if not same:
        raise ctx.refuse(f"der er ingen høring sendt {danish_date(record.sent_on)}, som svaret kan høre til")
    open_ = [h for h in same if h.answered_on is None]
    if not open_:
        answered = same[0].answered_on
        assert answered is not None
        raise ctx.refuse(
            f"høringen sendt {danish_date(record.sent_on)} er allerede besvaret {danish_date(answered)}"
        )
    return open_[0]


def _check_hearing_answer(ctx: _Context, record: Record) -> None:
    assert isinstance(record, Hearing)
    if record.answered_on is None:
        raise ctx.refuse("høringssvaret skal have en dato")
    _open_hearing(ctx, record)


def _check_cluster_input(ctx: _Context, record: Record) -> None:
    assert isinstance(record, ClusterInput)
    if ctx.case.cluster(record.cluster_id) is None:
        raise ctx.refuse(f"sundhedsklyngen '{record.cluster_id}' hører ikke til {ctx.case.region.name}")


def _check_party(ctx: _Context, code: str, *, authority: bool = False) -> None:
    parties = set(all_parties(ctx.case))
    if ctx.agreement.parties:
        parties &= set(ctx.agreement.parties)
    if code in parties or (authority and code == AUTHORITY_PARTY):
        return
    raise ctx.refuse(
        f"'{code}' er ikke part i aftalen; parterne er regionsrådet og kommunalbestyrelserne i "
        f"{ctx.case.region.name}",
        "§ 19, stk. 1" if not authority else None,
    )


def _check_council_approval(ctx: _Context, record: Record) -> None:
    assert isinstance(record, CouncilApproval)
    _check_party(ctx, record.party_code)
    if ctx.stage in (Stage.SUBMITTED, Stage.UNDER_REVIEW):
        raise ctx.refuse("aftalen er allerede indsendt; godkendelserne skal ligge før indsendelsen")
    if ctx.stage is Stage.APPROVED:
        raise ctx.refuse(
            "aftalen er godkendt; en ny godkendelse hører til en revision, som forudsætter en årlig "
            "gennemgang med behov for revision",
            "§ 22, stk. 1",
        )
    _after_opening(ctx, "godkendelsen")
    hearings = _cycle_hearings(ctx)
    if ctx.cycle.needs_hearing:
        if not hearings:
            raise ctx.refuse(
                "patientinddragelsesudvalget er ikke hørt om udkastet; høringen skal ligge før "
                "regionsrådets og kommunalbestyrelsernes godkendelse",
                "§ 29, stk. 2",
            )
        if ctx.day < hearings[0].sent_on:
            raise ctx.refuse(
                f"godkendelsen er dateret {danish_date(ctx.day)}, før udkastet blev sendt i høring "
                f"{danish_date(hearings[0].sent_on)}",
                "§ 29, stk. 2",
            )
    already = approved_parties(ctx.agreement, ctx.cycle, ctx.now).get(record.party_code)
    if already is not None:
        raise ctx.refuse(
            f"{ctx.case.party_name(record.party_code)} har allerede godkendt aftalen {danish_date(already)}"
        )


def _check_submit(ctx: _Context, record: Record) -> None:
    assert isinstance(record, AgreementSubmission)
    if ctx.stage in (Stage.SUBMITTED, Stage.UNDER_REVIEW):
        pending = _pending(ctx)
        assert pending is not None
        raise ctx.refuse(
            f"aftalen er allerede indsendt {danish_date(pending.submitted_on)} og afventer Sundhedsstyrelsens "
            "afgørelse",
            "§ 21, stk. 2",
        )
    if ctx.stage is Stage.APPROVED:
        raise ctx.refuse("aftalen er godkendt; den indsendes først igen efter en revision", "§ 22, stk. 1")
    _after_opening(ctx, "indsendelsen")
    approved = approved_parties(ctx.agreement, ctx.cycle, ctx.day)
    missing = [code for code in all_parties(ctx.case) if code not in approved]
    if missing:
        names = ", ".join(ctx.case.party_name(code) for code in missing)
        scope = " efter indsigelsen" if ctx.cycle.opened_by is Opening.OBJECTION else ""
        scope = " af den reviderede aftale" if ctx.cycle.opened_by is Opening.REVIEW else scope
        raise ctx.refuse(
            f"aftalen skal være godkendt af regionsrådet og alle kommunalbestyrelser{scope} før indsendelsen; "
            f"pr. {danish_date(ctx.day)} mangler godkendelse fra {names}",
            "afsnit 5.1",
        )


def _check_receipt(ctx: _Context, record: Record) -> None:
    assert isinstance(record, AgreementSubmission)
    if record.received_on is None:
        raise ctx.refuse("modtagelsen skal have en dato")
    if not ctx.agreement.submissions:
        raise ctx.refuse("aftalen er ikke indsendt, så Sundhedsstyrelsen kan ikke have modtaget den")
    same = [s for s in ctx.agreement.submissions if s.submitted_on == record.submitted_on]
    if not same:
        raise ctx.refuse(f"der er ingen indsendelse dateret {danish_date(record.submitted_on)}")
    received = same[0].received_on
    if received is not None:
        raise ctx.refuse(
            f"indsendelsen fra {danish_date(record.submitted_on)} er allerede modtaget {danish_date(received)}"
        )


def _check_request(ctx: _Context, record: Record) -> None:
    assert isinstance(record, InformationRequest)
    if ctx.stage is not Stage.UNDER_REVIEW:
        raise ctx.refuse(
            f"Sundhedsstyrelsen har ikke aftalen til vurdering (status: {ctx.stage.label.lower()})"
        )
    pending = _pending(ctx)
    assert pending is not None
    assert pending.received_on is not None
    if ctx.day < pending.received_on:
        raise ctx.refuse(
            f"anmodningen er dateret {danish_date(ctx.day)}, før Sundhedsstyrelsen modtog aftalen "
            f"{danish_date(pending.received_on)}"
        )
    if record.answered_on is not None and record.answered_on < record.asked_on:
        raise ctx.refuse("svaret er dateret før spørgsmålet")


def _match_request(agreement: HealthAgreement, record: InformationRequest) -> InformationRequest | None:
    """The open request an answer belongs to: asked the same day, the same question if there are several."""
    open_ = [
        r for r in agreement.information_requests if r.asked_on == record.asked_on and r.answered_on is None
    ]
    exact = [r for r in open_ if r.question == record.question]
    found = exact or open_
    return found[0] if found else None


def _open_request(ctx: _Context, record: InformationRequest) -> InformationRequest:
    found = _match_request(ctx.agreement, record)
    if found is None:
        raise ctx.refuse(
            f"der er ingen åben anmodning fra Sundhedsstyrelsen dateret {danish_date(record.asked_on)}"
        )
    return found


def _check_answer(ctx: _Context, record: Record) -> None:
    assert isinstance(record, InformationRequest)
    if record.answered_on is None:
        raise ctx.refuse("svaret skal have en dato")
    _open_request(ctx, record)
    if record.answered_on < record.asked_on:
        raise ctx.refuse(
            f"svaret er dateret {danish_date(record.answered_on)}, før Sundhedsstyrelsen spurgte "
            f"{danish_date(record.asked_on)}"
        )


def _check_decision(ctx: _Context, record: Record) -> None:
    assert isinstance(record, AuthorityDecision)
    kind = AuthorityDecisionKind.APPROVED if ctx.step is Step.APPROVE else AuthorityDecisionKind.OBJECTION
    if record.kind is not kind:
        raise TypeError(f"{ctx.step.value} kræver en afgørelse af typen {kind.value}")
    if ctx.stage is Stage.SUBMITTED:
        raise ctx.refuse(
            "Sundhedsstyrelsens modtagelse af aftalen er ikke registreret; afgørelsen træffes efter modtagelsen",
            "§ 21, stk. 2",
        )
    if ctx.stage is Stage.APPROVED:
        decided = max(d.decided_on for d in ctx.agreement.decisions if ctx.cycle.holds(d.decided_on))
        raise ctx.refuse(
            f"Sundhedsstyrelsen har allerede truffet afgørelse om indsendelsen ({danish_date(decided)})",
            "§ 21, stk. 2",
        )
    if ctx.stage is Stage.OBJECTION:
        assert ctx.cycle.opened_on is not None
        raise ctx.refuse(
            f"Sundhedsstyrelsen har allerede gjort indsigelse {danish_date(ctx.cycle.opened_on)}; en ny afgørelse "
            "forudsætter, at aftalen er ændret og indsendt på ny",
            "§ 21, stk. 4",
        )
    if ctx.stage is not Stage.UNDER_REVIEW:
        raise ctx.refuse("aftalen er ikke indsendt til Sundhedsstyrelsen", "§ 21, stk. 1")
    pending = _pending(ctx)
    assert pending is not None
    assert pending.received_on is not None
    if ctx.day < pending.received_on:
        raise ctx.refuse(
            f"afgørelsen er dateret {danish_date(ctx.day)}, før Sundhedsstyrelsen modtog aftalen "
            f"{danish_date(pending.received_on)}",
            "§ 21, stk. 2",
        )
    if kind is AuthorityDecisionKind.OBJECTION:
        if not [d for d in record.deficiencies if d.strip()]:
            raise ctx.refuse("en indsigelse skal angive, hvori manglerne består", "§ 21, stk. 4")
        if record.remedy_deadline is None:
            raise ctx.refuse("en indsigelse skal sætte en frist for udbedring", "§ 21, stk. 4")


def _check_revise(ctx: _Context, record: Record) -> None:
    if ctx.stage not in (Stage.OBJECTION, Stage.REVISION):
        raise ctx.refuse(
            "en revision forudsætter en indsigelse fra Sundhedsstyrelsen (§ 21, stk. 4) eller en årlig "
            f"gennemgang, der har fundet behov for at revidere aftalen (status: {ctx.stage.label.lower()})"
        )


def _entered(ctx: _Context, what: str, citation: str | None = None) -> None:
    entered = entered_on(ctx.agreement, ctx.case)
    if entered is None or entered > ctx.day:
        raise ctx.refuse(
            f"aftalen er ikke indgået pr. {danish_date(ctx.day)}: den skal være godkendt af regionsrådet og alle "
            f"kommunalbestyrelser og indsendt til Sundhedsstyrelsen, før {what}",
            citation,
        )


def _check_publish(ctx: _Context, record: Record) -> None:
    assert isinstance(record, Publication)
    _check_party(ctx, record.party_code, authority=True)
    _entered(ctx, "den offentliggøres")
    if record.party_code == AUTHORITY_PARTY and not any(
        d.kind is AuthorityDecisionKind.APPROVED and d.decided_on <= ctx.day for d in ctx.agreement.decisions
    ):
        raise ctx.refuse("Sundhedsstyrelsen offentliggør de godkendte aftaler, og aftalen er ikke godkendt")


def _check_review(ctx: _Context, record: Record) -> None:
    assert isinstance(record, YearlyReview)
    _entered(ctx, "den gennemgås")
    effective = ctx.agreement.effective_date
    if effective is not None and ctx.day < effective:
        raise ctx.refuse(f"aftalen træder først i kraft {danish_date(effective)}")
    if record.revision_needed and ctx.stage is not Stage.APPROVED:
        raise ctx.refuse(
            f"aftalen er ikke godkendt i sin nuværende form (status: {ctx.stage.label.lower()}); en ny revision "
            "kan først begynde, når den igangværende behandling er afsluttet"
        )


def _check_status_report(ctx: _Context, record: Record) -> None:
    assert isinstance(record, StatusReport)
    _entered(ctx, "der gøres status")
    sent = [s for s in ctx.agreement.status_reports if s.kind is record.kind]
    if sent:
        raise ctx.refuse(f"{record.kind.label} er allerede sendt {danish_date(sent[0].sent_on)}")
    # Kapitel 6 says the final status covers the goals "herunder midtvejsstatus": what it contains, not an order
    # of filing. A final status is not refused because no midterm status was recorded; that gap is the midterm
    # rule's own finding (§ 22, stk. 1).


_CHECKS: dict[Step, Callable[[_Context, Record], None]] = {
    Step.START_HEARING: _check_start_hearing,
    Step.RECORD_HEARING_ANSWER: _check_hearing_answer,
    Step.RECORD_CLUSTER_INPUT: _check_cluster_input,
    Step.RECORD_COUNCIL_APPROVAL: _check_council_approval,
    Step.SUBMIT: _check_submit,
    Step.REGISTER_RECEIPT: _check_receipt,
    Step.REQUEST_INFORMATION: _check_request,
    Step.ANSWER_INFORMATION: _check_answer,
    Step.APPROVE: _check_decision,
    Step.OBJECT: _check_decision,
    Step.REVISE: _check_revise,
    Step.PUBLISH: _check_publish,
    Step.RECORD_YEARLY_REVIEW: _check_review,
    Step.SEND_STATUS_REPORT: _check_status_report,
}


def _replace(items: tuple[BaseModel, ...], old: BaseModel, new: BaseModel) -> tuple[BaseModel, ...]:
    index = items.index(old)
    return (*items[:index], new, *items[index + 1 :])


def apply_step(
    platform: Platform,
    case: RegionCase,
    agreement: HealthAgreement,
    step: Step,
    record: Record,
    on: dt.date,
) -> HealthAgreement:
    """Check the step (:func:`check_step`) and return the agreement with its record added, or, for an answer or
    a receipt, with the open record it completes updated. ``REVISE`` returns the agreement unchanged."""
    check_step(platform, case, agreement, step, record, on)
    a = agreement
    match step:
        case Step.RECORD_HEARING_ANSWER:
            assert isinstance(record, Hearing)
            old = next(h for h in a.hearings if h.sent_on == record.sent_on and h.answered_on is None)
            return a.model_copy(update={"hearings": _replace(a.hearings, old, record)})
        case Step.REGISTER_RECEIPT:
            assert isinstance(record, AgreementSubmission)
            sub = next(s for s in a.submissions if s.submitted_on == record.submitted_on)
            return a.model_copy(update={"submissions": _replace(a.submissions, sub, record)})
        case Step.ANSWER_INFORMATION:
            assert isinstance(record, InformationRequest)
            question = _match_request(a, record)
            assert question is not None
            return a.model_copy(
                update={"information_requests": _replace(a.information_requests, question, record)}
            )
        case Step.REVISE:
            return a.model_copy()
    field = _APPENDS[step]
    return a.model_copy(update={field: (*getattr(a, field), record)})


_APPENDS = {
    Step.START_HEARING: "hearings",
    Step.RECORD_CLUSTER_INPUT: "cluster_inputs",
    Step.RECORD_COUNCIL_APPROVAL: "council_approvals",
    Step.SUBMIT: "submissions",
    Step.REQUEST_INFORMATION: "information_requests",
    Step.APPROVE: "decisions",
    Step.OBJECT: "decisions",
    Step.PUBLISH: "publications",
    Step.RECORD_YEARLY_REVIEW: "yearly_reviews",
    Step.SEND_STATUS_REPORT: "status_reports",
}


def open_record(
    agreement: HealthAgreement, step: Step, at: dt.date | None = None
) -> Hearing | AgreementSubmission | InformationRequest | None:
    """What an answering step completes: for RECORD_HEARING_ANSWER the open hearing, for REGISTER_RECEIPT the
    submission not yet received, for ANSWER_INFORMATION the open question – the latest one dated on or before
    ``at`` (any date without it); None when there is none or the step answers nothing."""

    def by(day: dt.date) -> bool:
        return at is None or day <= at

    if step is Step.RECORD_HEARING_ANSWER:
        return next(
            (h for h in reversed(agreement.hearings) if h.answered_on is None and by(h.sent_on)), None
        )
    if step is Step.REGISTER_RECEIPT:
        return next(
            (s for s in reversed(agreement.submissions) if s.received_on is None and by(s.submitted_on)), None
        )
    if step is Step.ANSWER_INFORMATION:
        return next(
            (r for r in reversed(agreement.information_requests) if r.answered_on is None and by(r.asked_on)),
            None,
        )
    return None


_ANSWERS = {
    Step.RECORD_HEARING_ANSWER: "answered_on",
    Step.REGISTER_RECEIPT: "received_on",
    Step.ANSWER_INFORMATION: "answered_on",
}


def _probes(case: RegionCase, agreement: HealthAgreement, at: dt.date) -> dict[Step, Record]:
    """For each step, the record it would take on ``at``; a step with nothing to act on is left out."""
    probes: dict[Step, Record] = {
        Step.START_HEARING: Hearing(sent_on=at),
        Step.SUBMIT: AgreementSubmission(submitted_on=at),
        Step.REQUEST_INFORMATION: InformationRequest(asked_on=at, question="?"),
        Step.APPROVE: AuthorityDecision(kind=AuthorityDecisionKind.APPROVED, decided_on=at),
        Step.OBJECT: AuthorityDecision(
            kind=AuthorityDecisionKind.OBJECTION,
            decided_on=at,
            deficiencies=("?",),
            remedy_deadline=at + dt.timedelta(days=1),
        ),
        Step.REVISE: None,
        Step.RECORD_YEARLY_REVIEW: YearlyReview(held_on=at),
    }
    for step, answered in _ANSWERS.items():
        if (open_ := open_record(agreement, step, at)) is not None:
            probes[step] = open_.model_copy(update={answered: at})
    if case.clusters:
        probes[Step.RECORD_CLUSTER_INPUT] = ClusterInput(cluster_id=case.clusters[0].id, given_on=at)
    cycle = current_cycle(agreement, at)
    approved = approved_parties(agreement, cycle, at)
    waiting = [code for code in all_parties(case) if code not in approved]
    if waiting:
        probes[Step.RECORD_COUNCIL_APPROVAL] = CouncilApproval(
            party_code=waiting[0], approved_on=at, reference="?"
        )
    published = {p.party_code for p in agreement.publications}
    unpublished = [c for c in [*all_parties(case), AUTHORITY_PARTY] if c not in published]
    probes[Step.PUBLISH] = Publication(party_code=(unpublished or [case.region.code])[0], published_on=at)
    sent = {s.kind for s in agreement.status_reports}
    kind = next((k for k in (StatusReportKind.MIDTERM, StatusReportKind.FINAL) if k not in sent), None)
    if kind is not None:
        probes[Step.SEND_STATUS_REPORT] = StatusReport(kind=kind, sent_on=at)
    return probes


def allowed_steps(
    platform: Platform, case: RegionCase, agreement: HealthAgreement, at: dt.date
) -> list[Step]:
    """The steps that may be registered on ``at``, in the order of :class:`Step`."""
    probes = _probes(case, agreement, at)
    allowed: list[Step] = []
    for step in Step:
        if step not in probes:
            continue
        try:
            check_step(platform, case, agreement, step, probes[step], at)
        except IllegalStep:
            continue
        allowed.append(step)
    return allowed
