"""Minutes (referat): drafted per agenda item and in general, approved, then published.

The secretariat drafts the decision of each item and the general minutes. The minutes are approved either by the
chair (the chair signed in, or the secretariat recording the chair's approval and its date) or at the next
meeting: an item "Godkendelse af referat" on the next meeting's agenda, whose decision, once recorded, approves
the earlier minutes. Approved minutes are frozen. Publishing them is a separate, explicit step; published minutes
are read by everyone who may see the meeting.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from sundhedsaftale.core.case import MeetingStatus

from ..models import AgendaItem, Meeting, Membership, MinutesApproval
from .meetings import (
    AnyUser,
    MeetingInvalid,
    MinutesFrozen,
    _audit,
    _check_version,
    _locked,
    _require_edit,
    _text,
    may_edit_meetings,
    meeting_as_dict,
)


def _minutes_dict(meeting: Meeting) -> dict[str, Any]:
    return {
        "minutes": meeting.minutes,
        "decisions": {
            str(a.number): a.outcome for a in AgendaItem.objects.filter(meeting=meeting).order_by("number")
        },
        "minutes_approved_on": meeting.minutes_approved_on,
        "minutes_approved_how": meeting.minutes_approved_how,
        "minutes_approved_by": meeting.minutes_approved_by,
        "minutes_published_at": meeting.minutes_published_at,
        "version": meeting.version,
    }


def chair_of(meeting: Meeting) -> Any:
    """The person who approves as chair: who led the meeting, else the body's chair on the meeting's date."""
    if meeting.chaired_by is not None:
        return meeting.chaired_by
    day = meeting.date
    for m in Membership.objects.filter(body_id=meeting.body_id, chair=True, start__lte=day).select_related(
        "person"
    ):
        if m.end is None or day <= m.end:
            return m.person
    return None


def may_approve_minutes(user: AnyUser, meeting: Meeting) -> bool:
    """The body's secretariat (recording the chair's approval), or the chair signed in."""
    if may_edit_meetings(user, meeting.body):
        return True
    chair = chair_of(meeting)
    return bool(user.is_authenticated) and chair is not None and chair.user_id == user.pk


def _approve_earlier(actor: AnyUser, meeting: Meeting, items: list[AgendaItem]) -> None:
    """A recorded decision on "Godkendelse af referat" approves the earlier meeting's minutes (at this meeting)."""
    for item in items:
        earlier_pk = item.approves_minutes_of_id
        if earlier_pk is None or not item.outcome.strip():
            continue
        earlier = _locked(earlier_pk)
        if earlier.minutes_approved_on is not None:
            continue
        before = meeting_as_dict(earlier)
        earlier.minutes_approved_on = meeting.date
        earlier.minutes_approved_how = MinutesApproval.NEXT_MEETING.value
        earlier.minutes_approved_by = meeting.title or meeting.body.name
        earlier.version += 1
        earlier.save()
        _audit(actor, "minutes_approve", earlier, before, meeting_as_dict(earlier))


def minutes_save(
    *,
    actor: AnyUser,
    meeting_pk: int,
    expected_version: int,
    general: str,
    decisions: Mapping[int, str],
) -> Meeting:
    """Save the draft minutes: the general minutes and the decision of each item (by item id). Refused once
    the minutes are approved. A decision on an item "Godkendelse af referat" approves the earlier minutes."""
    with transaction.atomic():
        meeting = _locked(meeting_pk)
        _require_edit(actor, meeting.body)
        items = {a.pk: a for a in AgendaItem.objects.filter(meeting=meeting)}
        for pk in decisions:
            if pk not in items:
                raise MeetingInvalid(
                    "decisions", _("Et af punkterne findes ikke på mødet; åbn referatet igen.")
                )
        _check_version(meeting, expected_version)
        if meeting.minutes_approved_on is not None:
            raise MinutesFrozen()
        if meeting.status == MeetingStatus.CANCELLED.value:
            raise MeetingInvalid("minutes", _("Mødet er aflyst; der skrives ikke referat af et aflyst møde."))
        before = _minutes_dict(meeting)
        meeting.minutes = general.strip()
        for pk, text in decisions.items():
            item = items[pk]
            item.outcome = _text(
                f"decisions[{item.number}]",
                text,
                20000,
                _("Beslutningen på punkt %(n)s") % {"n": item.number},
            )
            item.save(update_fields=["outcome"])
        meeting.version += 1
        meeting.save(update_fields=["minutes", "version", "updated_at"])
        _audit(actor, "minutes_save", meeting, before, _minutes_dict(meeting))
        _approve_earlier(actor, meeting, sorted(items.values(), key=lambda a: a.number))
    return meeting


def minutes_approve(
    *, actor: AnyUser, meeting_pk: int, expected_version: int, approved_on: dt.date, today: dt.date
) -> Meeting:
    """The chair approves the minutes (signed in, or recorded by the secretariat with the date it was given)."""
    with transaction.atomic():
        meeting = _locked(meeting_pk)
        if not may_approve_minutes(actor, meeting):
            raise PermissionDenied(
                _("Kun organets sekretariat og mødets formand kan godkende referatet af %(body)s.")
                % {"body": meeting.body.name}
            )
        _check_version(meeting, expected_version)
        if meeting.minutes_approved_on is not None:
            raise MeetingInvalid("minutes", _("Referatet er allerede godkendt."))
        if meeting.date > today:
            raise MeetingInvalid("minutes", _("Mødet er ikke holdt endnu; der er intet referat at godkende."))
        if meeting.status == MeetingStatus.CANCELLED.value:
            raise MeetingInvalid("minutes", _("Mødet er aflyst; der er intet referat at godkende."))
        if (
            not meeting.minutes.strip()
            and not AgendaItem.objects.filter(meeting=meeting).exclude(outcome="").exists()
        ):
            raise MeetingInvalid(
                "minutes", _("Referatet er tomt; skriv referat og beslutninger, før det godkendes.")
            )
        if approved_on < meeting.date or approved_on > today:
            raise MeetingInvalid(
                "approved_on",
                _("Godkendelsesdatoen skal ligge mellem mødedatoen (%(date)s) og i dag (%(today)s).")
                % {"date": meeting.date.isoformat(), "today": today.isoformat()},
            )
        chair = chair_of(meeting)
        if chair is None:
            raise MeetingInvalid(
                "minutes",
                _(
                    "Mødet har ingen registreret mødeleder, og organet ingen formand på mødedatoen; registrér "
                    "mødelederen, eller godkend referatet på næste møde."
                ),
            )
        before = meeting_as_dict(meeting)
        meeting.minutes_approved_on = approved_on
        meeting.minutes_approved_how = MinutesApproval.CHAIR.value
        meeting.minutes_approved_by = chair.name
        meeting.version += 1
        meeting.save()
        _audit(actor, "minutes_approve", meeting, before, meeting_as_dict(meeting))
    return meeting


def minutes_publish(*, actor: AnyUser, meeting_pk: int, expected_version: int, now: dt.datetime) -> Meeting:
    """Publish approved minutes: from now on everyone who may see the meeting reads them."""
    with transaction.atomic():
        meeting = _locked(meeting_pk)
        _require_edit(actor, meeting.body)
        _check_version(meeting, expected_version)
        if meeting.minutes_approved_on is None:
            raise MeetingInvalid("minutes", _("Referatet skal være godkendt, før det kan offentliggøres."))
        if meeting.minutes_published_at is not None:
            raise MeetingInvalid("minutes", _("Referatet er allerede offentliggjort."))
        before = meeting_as_dict(meeting)
        meeting.minutes_published_at = now
        meeting.version += 1
        meeting.save(update_fields=["minutes_published_at", "version", "updated_at"])
        _audit(actor, "minutes_publish", meeting, before, meeting_as_dict(meeting))
    return meeting


def minutes_item_add(*, actor: AnyUser, meeting_pk: int, expected_version: int) -> Meeting:
    """Put "Godkendelse af referat" first on this meeting's agenda, for the body's latest earlier meeting whose
    minutes are not approved."""
    with transaction.atomic():
        meeting = _locked(meeting_pk)
        _require_edit(actor, meeting.body)
        _check_version(meeting, expected_version)
        if meeting.minutes_approved_on is not None:
            raise MinutesFrozen()
        earlier = (
            Meeting.objects.filter(body=meeting.body, date__lt=meeting.date, minutes_approved_on__isnull=True)
            .exclude(status=MeetingStatus.CANCELLED.value)
            .order_by("-date", "-pk")
            .first()
        )
        if earlier is None:
            raise MeetingInvalid(
                "agenda", _("Organet har intet tidligere møde med et referat, der venter på godkendelse.")
            )
        if AgendaItem.objects.filter(meeting=meeting, approves_minutes_of=earlier).exists():
            raise MeetingInvalid("agenda", _("Godkendelsen af referatet står allerede på dagsordenen."))
        before = {"version": meeting.version}
        items = list(AgendaItem.objects.filter(meeting=meeting).order_by("-number"))
        for item in items:  # highest first, so the numbers stay unique while they move
            AgendaItem.objects.filter(pk=item.pk).update(number=item.number + 1)
        AgendaItem.objects.create(
            meeting=meeting,
            number=1,
            title=_("Godkendelse af referat fra mødet den %(date)s")
            % {"date": earlier.date.strftime("%d.%m.%Y")},
            recommendation=_("Det indstilles, at referatet godkendes."),
            approves_minutes_of=earlier,
        )
        meeting.version += 1
        meeting.save(update_fields=["version", "updated_at"])
        _audit(
            actor,
            "minutes_item_add",
            meeting,
            before,
            {"approves_minutes_of": earlier.key, "version": meeting.version},
        )
    return meeting
