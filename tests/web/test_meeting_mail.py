"""Invitations and cancellations by e-mail (ADR 0046): each invitee with an address gets the meeting's time,
place, video link, agenda link and a link to answer, with the meeting as an iCalendar event; an account that
turned meeting e-mails off gets none, and a cancellation reaches an account holder once, through the reminders."""

# ruff: noqa: F811  (pytest fixtures imported from the meeting tests are parameters here)
from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.utils import timezone
from icalendar import Calendar

from sundhedsaftale.governance.actions.invitations import invitations_send
from sundhedsaftale.governance.actions.meetings import meeting_cancel
from sundhedsaftale.governance.models import Meeting, Person
from sundhedsaftale.reminders.selectors import preference_for

from .test_meeting_system import gp_account, planned  # noqa: F401  (the fixtures)
from .test_meetings import CHAIR, bodies, media  # noqa: F401  (the fixtures)

pytestmark = pytest.mark.django_db

MEMBER_ADDRESS = "medlem@example.dk"
CHAIR_ADDRESS = "formand@example.dk"


@pytest.fixture
def addresses(users, gp_account, settings) -> None:
    """The committee's GP signs in as "medlem"; its chair has no account, only an address."""
    settings.EMAIL_ENABLED = True
    users["medlem"].email = MEMBER_ADDRESS
    users["medlem"].save()
    Person.objects.filter(key=CHAIR).update(email=CHAIR_ADDRESS)


def _send(users, meeting: Meeting, capture) -> None:
    with capture(execute=True):
        invitations_send(
            actor=users["sjaelland"],
            meeting_pk=meeting.pk,
            expected_version=meeting.version,
            now=timezone.now(),
        )


def _event(message) -> tuple[str, object]:
    (name, content, mimetype) = message.attachments[0]
    assert name == "moede.ics"
    assert mimetype.startswith("text/calendar")
    calendar = Calendar.from_ical(content)
    (event,) = calendar.walk("VEVENT")
    return str(calendar["METHOD"]), event


def test_sending_the_invitation_mails_each_invitee_with_an_address_the_meeting_and_a_calendar_event(
    users,
    planned,
    addresses,
    django_capture_on_commit_callbacks,
) -> None:
    _send(users, planned, django_capture_on_commit_callbacks)
    by_address = {m.to[0]: m for m in mail.outbox}
    assert set(by_address) == {MEMBER_ADDRESS, CHAIR_ADDRESS}
    message = by_address[MEMBER_ADDRESS]
    assert message.subject == "Indkaldelse: Udvalgsmøde 8. december 2026"
    assert "8. december 2026 kl. 13.00–15.30" in message.body
    assert "Sted: Regionshuset, Sorø" in message.body
    assert "Videolink: https://video.example.dk/ssu" in message.body
    assert f"/moeder/{planned.pk}/svar/" in message.body
    assert f"/moeder/{planned.pk}/" in message.body
    method, event = _event(message)
    assert method == "REQUEST"
    assert event["UID"] == f"{planned.key}@sundhedsaftale"
    start = event.decoded("DTSTART")
    assert (start.date(), start.hour, str(start.tzinfo)) == (dt.date(2026, 12, 8), 13, "Europe/Copenhagen")
    assert "Regionshuset, Sorø" in str(event["LOCATION"])


def test_an_account_that_turned_meeting_mails_off_gets_no_invitation(
    users,
    planned,
    addresses,
    django_capture_on_commit_callbacks,
) -> None:
    preference = preference_for(users["medlem"])
    preference.meetings = False
    preference.save()
    _send(users, planned, django_capture_on_commit_callbacks)
    assert [m.to for m in mail.outbox] == [[CHAIR_ADDRESS]]


def test_cancelling_mails_the_invitees_without_an_account_with_a_cancelled_event(
    users,
    planned,
    addresses,
    django_capture_on_commit_callbacks,
) -> None:
    _send(users, planned, django_capture_on_commit_callbacks)
    mail.outbox.clear()
    planned.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        meeting_cancel(
            actor=users["sjaelland"],
            meeting_pk=planned.pk,
            expected_version=planned.version,
            reason="Ingen sager",
        )
    # The account holder is told by the reminders, once (test_meeting_system); here only the chair.
    (message,) = mail.outbox
    assert message.to == [CHAIR_ADDRESS]
    assert "Begrundelse: Ingen sager" in message.body
    method, event = _event(message)
    assert (method, str(event["STATUS"])) == ("CANCEL", "CANCELLED")


def test_nothing_is_mailed_when_mail_is_not_configured(
    users,
    planned,
    addresses,
    settings,
    django_capture_on_commit_callbacks,
) -> None:
    settings.EMAIL_ENABLED = False
    _send(users, planned, django_capture_on_commit_callbacks)
    assert mail.outbox == []
    assert planned.invitations.count() > 0
