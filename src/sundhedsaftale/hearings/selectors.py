"""Reading hearing rounds (ADR 0036): who sees which round, a round with its answers, the open work of a person."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Prefetch, QuerySet

from sundhedsaftale.accounts.models import User
from sundhedsaftale.accounts.permissions import AnyUser, can_answer_hearing, can_edit_region, can_read_hearing

from .models import Addressee, Answer, Disposition, HearingRound, RoundState


def _with_answers(rounds: QuerySet[HearingRound]) -> QuerySet[HearingRound]:
    return rounds.select_related("region", "agreement").prefetch_related(
        Prefetch(
            "addressees",
            queryset=Addressee.objects.select_related("body", "respondent", "answer").prefetch_related(
                Prefetch("answer__dispositions", queryset=Disposition.objects.order_by("pk"))
            ),
        )
    )


def _about_submitted(round_: HearingRound) -> bool:
    return round_.agreement is not None and round_.agreement.submissions.exists()


def may_read_round(user: AnyUser, round_: HearingRound) -> bool:
    return can_read_hearing(
        user,
        round_.region_id,
        sent=not round_.is_draft,
        respondent_ids={a.respondent_id for a in round_.addressees.all() if a.respondent_id},
        about_submitted_agreement=_about_submitted(round_),
    )


def may_answer(user: AnyUser, round_: HearingRound, addressee: Addressee) -> bool:
    return can_answer_hearing(user, round_.region_id, respondent_id=addressee.respondent_id)


def round_get(pk: int) -> HearingRound | None:
    return _with_answers(HearingRound.objects.filter(pk=pk)).first()


def rounds_of_region(user: AnyUser, region_code: str) -> list[HearingRound]:
    """The region's rounds that ``user`` may read, the newest deadline first."""
    rounds = _with_answers(HearingRound.objects.filter(region_id=region_code))
    if can_edit_region(user, region_code):
        return list(rounds)
    return [r for r in rounds if may_read_round(user, r)]


def rounds_on_agreement(agreement_key: str) -> QuerySet[HearingRound]:
    return HearingRound.objects.filter(agreement__key=agreement_key).order_by("-pk")


def rounds_to_body(body_key: str) -> QuerySet[HearingRound]:
    return (
        HearingRound.objects.filter(addressees__body__key=body_key).exclude(state=RoundState.DRAFT).distinct()
    )


def open_answers_for(user: User) -> list[tuple[HearingRound, Addressee]]:
    """The sent rounds where ``user`` is named to answer and has not answered yet."""
    rows = Addressee.objects.filter(
        respondent=user, round__state=RoundState.SENT, answer__isnull=True
    ).select_related("round", "round__region")
    return [(a.round, a) for a in rows]


def answers_to_dispose(region_code: str) -> list[tuple[HearingRound, Answer]]:
    """The region's answers of sent rounds that have no disposition yet."""
    rows = (
        Answer.objects.filter(
            addressee__round__region_id=region_code, addressee__round__state=RoundState.SENT
        )
        .filter(dispositions__isnull=True)
        .select_related("addressee", "addressee__round")
    )
    return [(a.addressee.round, a) for a in rows]


def answer_of(addressee: Addressee) -> Answer | None:
    """The addressee's answer, or None before it answered."""
    try:
        return addressee.answer
    except Answer.DoesNotExist:
        return None


def answer_as_dict(answer: Answer) -> dict[str, Any]:
    return {
        "received_on": answer.received_on,
        "text": answer.text,
        "no_remarks": answer.no_remarks,
        "consensus_sought": answer.consensus_sought,
        "consensus_reached": answer.consensus_reached,
        "dissents": [dict(d) for d in answer.dissents],
        "late": answer.late,
        "dispositions": [
            {"point": d.point, "kind": d.kind, "kind_label": str(d.get_kind_display()), "reason": d.reason}
            for d in answer.dispositions.all()
        ],
        "version": answer.version,
    }


def round_as_dict(round_: HearingRound) -> dict[str, Any]:
    """One round as the API gives it."""
    addressees = []
    for a in round_.addressees.all():
        answer = answer_of(a)
        addressees.append(
            {
                "id": a.pk,
                "name": a.name,
                "body": a.body.key if a.body else None,
                "email": a.email,
                "answer": answer_as_dict(answer) if answer is not None else None,
            }
        )
    return {
        "id": round_.pk,
        "region": round_.region_id,
        "topic": round_.topic,
        "topic_label": str(round_.get_topic_display()),
        "citation": round_.topic_kind.citation,
        "agreement": round_.agreement.key if round_.agreement else None,
        "version_number": round_.version_number,
        "version_label": round_.version_label,
        "subject": round_.subject,
        "covering_text": round_.covering_text,
        "response_deadline": round_.response_deadline,
        "state": round_.state,
        "sent_on": round_.sent_on,
        "closed_on": round_.closed_on,
        "changes_made": round_.changes_made,
        "addressees": addressees,
        "version": round_.version,
    }


def deadline_passed(round_: HearingRound, today: dt.date) -> bool:
    return round_.state == RoundState.SENT and round_.response_deadline < today
