"""Writes: a user's choice of reminders (audited, against its version) and a run that sends the due reminders.

A run sends each reader one message with the reminders not yet sent to them. The sent-log row of every
reminder in a message is inserted in the same transaction as the message is handed to the mail server, under a
unique key per user and reminder: a rerun finds the rows and sends nothing; a second run at the same time waits
for the first's rows and then skips them; a message the server refuses leaves no row, so the next run tries again
(ADR 0034).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from sundhedsaftale.accounts.audit import record_change
from sundhedsaftale.accounts.conflict import RecordConflict
from sundhedsaftale.accounts.models import Audience, Role, User
from sundhedsaftale.accounts.permissions import can_view_region

from .mail import MAIL_NOT_CONFIGURED, MailNotConfigured
from .messages import reminder_message
from .models import Language, ReminderPreference, SentReminder
from .selectors import preference_for, receives
from .sources import Candidate, candidates

log = logging.getLogger(__name__)

__all__ = ["PreferenceInput", "ReminderConflict", "SendReport", "preference_update", "reminders_send"]


class ReminderConflict(RecordConflict):
    def __init__(self, current: ReminderPreference | None) -> None:
        super().__init__(
            current,
            _(
                "Dine valg er ændret et andet sted, efter at du åbnede siden. Intet er overskrevet; "
                "se dine valg igen og gem på ny."
            ),
        )


@dataclass(frozen=True)
class PreferenceInput:
    deadlines_approaching: bool
    deadlines_passed: bool
    meetings: bool
    hearings: bool
    language: str
    status_reports: bool = True
    catalogue: bool = True


def _as_dict(p: ReminderPreference) -> dict[str, Any]:
    return {
        "deadlines_approaching": p.deadlines_approaching,
        "deadlines_passed": p.deadlines_passed,
        "meetings": p.meetings,
        "hearings": p.hearings,
        "status_reports": p.status_reports,
        "catalogue": p.catalogue,
        "language": p.language,
    }


def preference_update(*, actor: User, data: PreferenceInput, expected_version: int) -> ReminderPreference:
    """Save the user's own choice. ``expected_version`` is the version the page showed (0: the role's defaults,
    never saved); another save in between raises :class:`ReminderConflict`."""
    if data.language not in Language.values:
        raise ValueError(f"sprog skal være et af {', '.join(Language.values)}, ikke {data.language!r}")
    try:
        with transaction.atomic():
            row = ReminderPreference.objects.select_for_update().filter(user=actor).first()
            before = _as_dict(row if row is not None else preference_for(actor))
            if (row.version if row is not None else 0) != expected_version:
                raise ReminderConflict(row)
            if row is None:
                row = ReminderPreference(user=actor, version=1, **_as_dict_input(data))
            else:
                for name, value in _as_dict_input(data).items():
                    setattr(row, name, value)
                row.version += 1
            row.save()
            record_change(
                actor=actor,
                action="reminder_preferences_update",
                object_type="reminder_preference",
                object_id=actor.pk,
                region_code=actor.region_code,
                before=before,
                after=_as_dict(row),
                # A person's own settings: their region's secretariat (which keeps its people) and administrators.
                audience=Audience.SECRETARIAT,
            )
    except IntegrityError as exc:  # two first saves at once: the other one created the row
        raise ReminderConflict(ReminderPreference.objects.filter(user=actor).first()) from exc
    return row


def _as_dict_input(data: PreferenceInput) -> dict[str, Any]:
    return {
        "deadlines_approaching": data.deadlines_approaching,
        "deadlines_passed": data.deadlines_passed,
        "meetings": data.meetings,
        "hearings": data.hearings,
        "status_reports": data.status_reports,
        "catalogue": data.catalogue,
        "language": data.language,
    }


@dataclass
class SendReport:
    messages: int = 0
    reminders: int = 0
    failed: list[str] = field(default_factory=list)


def _log_key(key: str) -> str:
    # The sent-log key column holds 255 characters; a longer key keeps its start and a digest of the whole.
    if len(key) <= 255:
        return key
    return f"{key[:190]}#{hashlib.sha256(key.encode()).hexdigest()}"


def reminders_send(*, today: dt.date) -> SendReport:
    """Send every reader the reminders due on ``today`` that were not sent to them before.

    A reader is an active user with an e-mail address and a region: only that region's reminders, only those
    the user may see (``accounts.permissions`` and each source's own reader rule) and has chosen.
    """
    if not getattr(settings, "EMAIL_ENABLED", False):
        raise MailNotConfigured(MAIL_NOT_CONFIGURED)
    by_region: dict[str, list[Candidate]] = defaultdict(list)
    for c in candidates(today):
        by_region[c.region_code].append(c)
    report = SendReport()
    national = [c for cs in by_region.values() for c in cs if c.for_reviewers]
    readers = (
        User.objects.filter(
            Q(region_code__in=list(by_region)) | Q(role=Role.REVIEWER)
            if national
            else Q(region_code__in=list(by_region))
        )
        .filter(is_active=True)
        .exclude(email="")
        .order_by("pk")
    )
    for user in readers:
        # A reviewer reads every region's reports sent to Sundhedsstyrelsen, and nothing else from here.
        reviewer = user.role == Role.REVIEWER
        if reviewer:
            offered = national
        elif can_view_region(user, user.region_code):
            offered = [c for c in by_region[user.region_code] if not c.for_reviewers]
        else:
            continue
        preference = preference_for(user)
        chosen: dict[str, Candidate] = {}
        for c in offered:
            if (receives(preference, c.kind) or user.pk in c.told_anyway) and c.may_receive(user):
                chosen.setdefault(_log_key(c.key), c)
        if not chosen:
            continue
        already = _already_sent(user, list(chosen))
        fresh = sorted((k, c) for k, c in chosen.items() if k not in already)
        if fresh:
            _send_one(user, fresh, preference.language, report)
    return report


def _already_sent(user: User, keys: list[str]) -> set[str]:
    """What the log already holds; a run at the same time may add more before this run claims (``_send_one``)."""
    return set(SentReminder.objects.filter(user=user, key__in=keys).values_list("key", flat=True))


def _send_one(user: User, fresh: list[tuple[str, Candidate]], language: str, report: SendReport) -> None:
    try:
        with transaction.atomic():
            claimed: list[Candidate] = []
            for key, c in fresh:  # in key order, so two runs claim in the same order and never deadlock
                try:
                    with transaction.atomic():
                        SentReminder.objects.create(user=user, key=key, kind=c.kind)
                except IntegrityError:
                    continue  # another run sent it meanwhile
                claimed.append(c)
            if claimed:
                reminder_message(user=user, items=claimed, language=language).send()
    except Exception as exc:  # the mail server refused: no row kept, the next run tries again
        log.warning("påmindelser til bruger %s blev ikke sendt: %s", user.pk, exc)
        report.failed.append(user.get_username())
        return
    if claimed:
        report.messages += 1
        report.reminders += len(claimed)
