"""E-mail to a meeting's invitees (ADR 0046): the invitation when the secretariat sends it, and the notice when the
meeting is cancelled, each with the meeting as a calendar event (iCalendar, RFC 5546) attached.

Who gets one: each invitee with an e-mail address. An invitee linked to an account (``Person.user``) is written to
at the account's address in the language the account chose, and only if the account has not turned meeting
e-mails off on "Påmindelser" (a saved ``ReminderPreference.meetings``; a member's default of no meeting reminders
does not silence an invitation addressed to the member); an invitee without an account at the person's own
address, in Danish. A cancellation reaches an account holder through the reminders (``reminders_send``, once,
ADR 0038); this module writes only to the invitees without an account, so no one is told twice.

Nothing is sent unless ``EMAIL_ENABLED``; a failing mail server never undoes the invitation or the cancellation
(the mails go out after the change is committed, and a failure is logged).
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import escape
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from sundhedsaftale.core.periods import danish_date
from sundhedsaftale.governance.models import Invitation, Meeting

from .messages import absolute_url
from .models import ReminderKind
from .selectors import preference_for, receives

__all__ = ["meeting_calendar", "meeting_mails", "meeting_mails_send"]

log = logging.getLogger(__name__)
_ZONE = ZoneInfo("Europe/Copenhagen")  # meetings are held at Danish time (as the body's calendar feed)


def meeting_calendar(meeting: Meeting, *, cancelled: bool) -> bytes:
    """The meeting as one event, with the UID of the body's calendar feed (so a calendar updates the event it
    already holds): METHOD REQUEST for an invitation, CANCEL for a cancellation."""
    calendar = Calendar()
    calendar.add("prodid", "-//Sundhedsaftale//Indkaldelse//DA")
    calendar.add("version", "2.0")
    calendar.add("method", "CANCEL" if cancelled else "REQUEST")
    event = Event()
    event.add("uid", f"{meeting.key}@sundhedsaftale")
    event.add("dtstamp", timezone.now())
    if meeting.starts_at is not None:
        start = dt.datetime.combine(meeting.date, meeting.starts_at, tzinfo=_ZONE)
        end_time = meeting.ends_at or (start + dt.timedelta(hours=2)).time()
        event.add("dtstart", start)
        event.add("dtend", dt.datetime.combine(meeting.date, end_time, tzinfo=_ZONE))
    else:
        event.add("dtstart", meeting.date)
        event.add("dtend", meeting.date + dt.timedelta(days=1))
    event.add("summary", meeting.title or meeting.body.name)
    place = ", ".join(p for p in (meeting.location, meeting.video_url) if p)
    if place:
        event.add("location", place)
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    event.add("sequence", meeting.version)
    event.add("url", absolute_url(reverse("governance:meeting_detail", args=[meeting.pk])))
    calendar.add_component(event)
    data: bytes = calendar.to_ical()
    return data


def _when(meeting: Meeting) -> str:
    day = danish_date(meeting.date)
    if meeting.starts_at is None:
        return day
    start = meeting.starts_at.strftime("%H.%M")
    return f"{day} kl. {start}" + (f"–{meeting.ends_at.strftime('%H.%M')}" if meeting.ends_at else "")


def _recipient(invitation: Invitation, *, cancelled: bool) -> tuple[str, str] | None:
    """(address, language) for the invitee, or None when the invitee is not to be written to here."""
    person = invitation.person
    user = person.user
    if user is None:
        return (person.email, "da") if person.email else None
    if cancelled or not user.is_active:
        return None  # the reminders tell an account holder of a cancellation, once
    preference = preference_for(user)
    # An invitation is addressed to the person: sent unless the account has chosen not to get meeting e-mails
    # (a saved choice); the role's default, which leaves a member's meeting reminders off, does not silence it.
    if preference.pk is not None and not receives(preference, ReminderKind.MEETING_PLANNED):
        return None
    address = user.email or person.email
    return (address, preference.language) if address else None


def meeting_mails(
    meeting: Meeting, invitations: Iterable[Invitation], *, cancelled: bool
) -> list[EmailMultiAlternatives]:
    """One message per invitee who is to be written to (see the module's docstring)."""
    meeting_url = absolute_url(reverse("governance:meeting_detail", args=[meeting.pk]))
    answer_url = absolute_url(reverse("governance:meeting_rsvp", args=[meeting.pk]))
    attachment = meeting_calendar(meeting, cancelled=cancelled)
    messages = []
    for invitation in invitations:
        recipient = _recipient(invitation, cancelled=cancelled)
        if recipient is None:
            continue
        address, language = recipient
        with translation.override(language):
            title = meeting.title or meeting.body.name
            if cancelled:
                subject = _("Aflyst: %(title)s %(when)s") % {
                    "title": title,
                    "when": danish_date(meeting.date),
                }
                lines = [
                    _("Mødet i %(body)s %(when)s er aflyst.")
                    % {"body": meeting.body.name, "when": _when(meeting)},
                ]
                if meeting.cancel_reason:
                    lines.append(_("Begrundelse: %(reason)s") % {"reason": meeting.cancel_reason})
                lines.append(_("Se mødet: %(url)s") % {"url": meeting_url})
            else:
                subject = _("Indkaldelse: %(title)s %(when)s") % {
                    "title": title,
                    "when": danish_date(meeting.date),
                }
                lines = [
                    _("Du indkaldes som %(capacity)s til møde i %(body)s.")
                    % {"capacity": invitation.capacity or meeting.body.name, "body": meeting.body.name},
                    _("Tid: %(when)s") % {"when": _when(meeting)},
                ]
                if meeting.location:
                    lines.append(_("Sted: %(place)s") % {"place": meeting.location})
                if meeting.video_url:
                    lines.append(_("Videolink: %(url)s") % {"url": meeting.video_url})
                lines.append(_("Dagsorden og bilag: %(url)s") % {"url": meeting_url})
                lines.append(
                    _("Svar på indkaldelsen (deltager, afbud eller stedfortræder): %(url)s")
                    % {"url": answer_url}
                )
            greeting = _("Kære %(name)s") % {"name": invitation.person.name}
            text = "\n\n".join([greeting, *lines])
            html = "".join(f"<p>{escape(line)}</p>" for line in [greeting, *lines])
        message = EmailMultiAlternatives(subject, text, to=[address])
        message.attach_alternative(html, "text/html")
        message.attach(
            "moede.ics",
            attachment,
            f"text/calendar; charset=utf-8; method={'CANCEL' if cancelled else 'REQUEST'}",
        )
        messages.append(message)
    return messages


def meeting_mails_send(meeting_pk: int, person_pks: Iterable[int] | None = None, *, cancelled: bool) -> int:
    """Send the invitation (to the invitees ``person_pks``, default all) or the cancellation; how many went."""
    if not getattr(settings, "EMAIL_ENABLED", False):
        return 0
    meeting = Meeting.objects.select_related("body").get(pk=meeting_pk)
    invitations = Invitation.objects.filter(meeting=meeting).select_related("person", "person__user")
    if person_pks is not None:
        invitations = invitations.filter(person_id__in=list(person_pks))
    messages = meeting_mails(meeting, invitations.order_by("person__name"), cancelled=cancelled)
    if not messages:
        return 0
    try:
        return int(get_connection().send_messages(messages) or 0)
    except OSError:
        log.exception("Indkaldelser til møde %s blev ikke sendt", meeting.pk)
        return 0
