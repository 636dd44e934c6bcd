"""The hearings' reminder source (ADR 0034, 0036), registered through ``reminders.sources.register_source``:

- "høring sendt til dig": a sent round to each account named to answer for an addressee that has not answered;
- "høringsfristen nærmer sig / er overskredet": while answers are missing, in the last ``WARNING_DAYS`` before the
  deadline and up to ``PASSED_WINDOW_DAYS`` after it, to the region's secretariat and the accounts still to answer;
- "svar at behandle": an answer without a disposition, to the region's secretariat.

Each candidate's key names the round, the addressee or the deadline, so it is sent once.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator

from django.urls import reverse

from sundhedsaftale.accounts.models import User
from sundhedsaftale.accounts.permissions import can_edit_region
from sundhedsaftale.core.periods import danish_date
from sundhedsaftale.registry.clock import region_ended
from sundhedsaftale.reminders.models import ReminderKind
from sundhedsaftale.reminders.sources import PASSED_WINDOW_DAYS, Candidate

from .models import Addressee, HearingRound, RoundState
from .selectors import answer_of

# The deadline's warning window for a hearing (a platform setting, not law).
WARNING_DAYS = 7


def _secretariat_or(region_code: str, respondent_ids: frozenset[int]) -> Callable[[User], bool]:
    def may_receive(user: User) -> bool:
        return can_edit_region(user, region_code) or user.pk in respondent_ids

    return may_receive


def _respondent(region_code: str, user_id: int) -> Callable[[User], bool]:
    def may_receive(user: User) -> bool:
        return user.pk == user_id and user.region_code == region_code

    return may_receive


def _secretariat(region_code: str) -> Callable[[User], bool]:
    def may_receive(user: User) -> bool:
        return can_edit_region(user, region_code)

    return may_receive


def hearing_candidates(today: dt.date) -> Iterator[Candidate]:
    rounds = (
        HearingRound.objects.filter(state=RoundState.SENT)
        .select_related("region")
        .prefetch_related("addressees__answer__dispositions")
        .order_by("pk")
    )
    for round_ in rounds:
        if region_ended(round_.region_id, today):
            continue
        code = round_.region_id
        page = reverse("hearings:round", kwargs={"round_id": round_.pk})
        deadline = round_.response_deadline
        warn_from = deadline - dt.timedelta(days=WARNING_DAYS)
        addressees: list[Addressee] = list(round_.addressees.all())
        missing = [a for a in addressees if answer_of(a) is None]
        for a in missing:
            if a.respondent_id is None:
                continue
            yield Candidate(
                kind=ReminderKind.HEARING,
                key=f"hearing:{round_.pk}:{a.pk}:answer",
                region_code=code,
                title=round_.subject,
                subject=a.name,
                when=deadline,
                path=reverse("hearings:answer", kwargs={"round_id": round_.pk, "addressee_id": a.pk}),
                may_receive=_respondent(code, a.respondent_id),
                citation=round_.topic_kind.citation,
                detail=f"Høringsfrist {danish_date(deadline)}",
                warn_from=warn_from,
            )
        if missing:
            kind = None
            if warn_from <= today <= deadline:
                kind = ReminderKind.DEADLINE_APPROACHING
            elif deadline < today and (today - deadline).days <= PASSED_WINDOW_DAYS:
                kind = ReminderKind.DEADLINE_PASSED
            if kind is not None:
                yield Candidate(
                    kind=kind,
                    key=f"hearing:{round_.pk}:deadline:{deadline.isoformat()}:{kind.value}",
                    region_code=code,
                    title=f"Høringsfrist: {round_.subject}",
                    subject=", ".join(a.name for a in missing),
                    when=deadline,
                    path=page,
                    may_receive=_secretariat_or(
                        code, frozenset(a.respondent_id for a in missing if a.respondent_id)
                    ),
                    citation=round_.topic_kind.citation,
                    detail=f"{len(missing)} af {len(addressees)} høringsparter mangler at svare",
                    warn_from=warn_from,
                )
        for a in addressees:
            answer = answer_of(a)
            if answer is None or answer.dispositions.all():
                continue
            yield Candidate(
                kind=ReminderKind.HEARING,
                key=f"hearing:{round_.pk}:{a.pk}:dispose",
                region_code=code,
                title=f"Høringssvar at behandle: {round_.subject}",
                subject=a.name,
                when=answer.received_on,
                path=reverse("hearings:dispose", kwargs={"round_id": round_.pk, "addressee_id": a.pk}),
                may_receive=_secretariat(code),
                citation=round_.topic_kind.citation,
                detail=f"Modtaget {danish_date(answer.received_on)}",
            )
