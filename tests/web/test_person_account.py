"""Linking a person to the account the person signs in with (``Person.user``): the region's secretariat keeps the
person (ADR 0022) and links or unlinks an account of the same region, audited and version-checked; the linked
member then finds the person's invitations on "Mit arbejde"."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from sundhedsaftale.accounts.models import AuditEntry
from sundhedsaftale.governance.actions.invitations import invitations_send
from sundhedsaftale.governance.actions.meetings import MeetingInput, meeting_create
from sundhedsaftale.governance.models import Body as BodyRow
from sundhedsaftale.governance.models import Person
from sundhedsaftale.reminders.my_work import my_work

from .test_meetings import COMMITTEE, GP, bodies  # noqa: F401  (the fixture)

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 12, 1)


def _page(person: Person) -> str:
    return f"/personer/{person.pk}/konto/"


def test_the_secretariat_links_and_unlinks_an_account_of_the_region_audited(
    login,
    users,
    bodies,  # noqa: F811
    settings,
) -> None:
    settings.TODAY = TODAY.isoformat()
    person = Person.objects.get(key=GP)
    client = login("sjaelland")
    assert "Knyt til en konto" in client.get(f"/personer/{person.pk}/rediger/").content.decode()
    form = client.get(_page(person)).content.decode()
    assert 'value="medlem"' in form
    assert 'value="hovedstaden"' not in form  # another region's account is not offered

    response = client.post(_page(person), {"user": "medlem", "version": person.version})
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.user == users["medlem"]
    entry = AuditEntry.objects.get(action="person_account_link", object_id=str(person.pk))
    assert entry.before == {"user": None}
    assert entry.after == {"user": "medlem"}

    # A form opened on the old version changes nothing and says why.
    stale = client.post(_page(person), {"user": "", "version": person.version - 1})
    assert stale.status_code == 200
    assert "er ændret af en anden" in stale.content.decode()
    person.refresh_from_db()
    assert person.user == users["medlem"]

    client.post(_page(person), {"user": "", "version": person.version})
    person.refresh_from_db()
    assert person.user is None
    assert AuditEntry.objects.filter(action="person_account_link", object_id=str(person.pk)).count() == 2


def test_an_account_of_another_region_is_refused_and_nothing_changes(login, users, bodies) -> None:  # noqa: F811
    person = Person.objects.get(key=GP)
    response = login("sjaelland").post(_page(person), {"user": "hovedstaden", "version": person.version})
    assert response.status_code == 200
    person.refresh_from_db()
    assert person.user is None
    assert not AuditEntry.objects.filter(action="person_account_link").exists()


def test_only_the_region_secretariat_and_administrators_link_accounts(login, bodies) -> None:  # noqa: F811
    person = Person.objects.get(key=GP)
    for who in ("medlem", "klynge", "hovedstaden", "sst"):
        client = login(who)
        assert client.get(_page(person)).status_code == 403, who
        assert client.post(_page(person), {"user": who, "version": person.version}).status_code == 403, who
    assert login("admin").get(_page(person)).status_code == 200
    person.refresh_from_db()
    assert person.user is None


def test_the_linked_member_sees_the_persons_invitation_on_my_work(login, users, bodies, settings) -> None:  # noqa: F811
    settings.TODAY = TODAY.isoformat()
    person = Person.objects.get(key=GP)
    meeting = meeting_create(
        actor=users["sjaelland"],
        body=BodyRow.objects.get(key=COMMITTEE),
        data=MeetingInput(date=TODAY + dt.timedelta(days=7), title="Udvalgsmøde", location="Sorø"),
        today=TODAY,
    )
    invitations_send(
        actor=users["sjaelland"], meeting_pk=meeting.pk, expected_version=meeting.version, now=timezone.now()
    )
    assert not [i for i in my_work(users["medlem"], TODAY).items if i.kind == "invitation"]
    login("sjaelland").post(_page(person), {"user": "medlem", "version": person.version})
    (item,) = [i for i in my_work(users["medlem"], TODAY).items if i.kind == "invitation"]
    assert item.path == f"/moeder/{meeting.pk}/"
    assert item.when == meeting.date
    page = login("medlem").get("/mit-arbejde/").content.decode()
    assert 'data-work-kind="invitation"' in page
    assert login("medlem").get(item.path).status_code == 200
