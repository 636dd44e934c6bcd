"""Meetings as a meeting system runs them: time and place, the invitation and each invitee's own answer, agenda
items with case summary and recommendation (closed items kept from those who may not see them), the agenda pack
as one PDF, minutes per item approved by the chair or at the next meeting and then published, cancellation with
a confirmation and a notice, and documents with versions and a virus-scan hook."""

from __future__ import annotations

import datetime as dt
import html
import io
from typing import IO

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.utils import timezone
from docx import Document as DocxDocument
from icalendar import Calendar
from pypdf import PdfReader

from sundhedsaftale.accounts.models import AuditEntry
from sundhedsaftale.documents import Document, Paragraph, render_pdf
from sundhedsaftale.governance.actions.invitations import invitations_send, person_account_link, rsvp_answer
from sundhedsaftale.governance.actions.meetings import (
    AgendaItemInput,
    ConflictError,
    MeetingInput,
    MeetingInvalid,
    MinutesFrozen,
    agenda_publish,
    agenda_set,
    document_add,
    meeting_create,
)
from sundhedsaftale.governance.actions.minutes import (
    minutes_approve,
    minutes_item_add,
    minutes_publish,
    minutes_save,
)
from sundhedsaftale.governance.models import Attendance, Invitation, Meeting, MeetingDocument, Person
from sundhedsaftale.governance.models import Body as BodyRow
from sundhedsaftale.reminders.actions import reminders_send
from sundhedsaftale.web.cases import case_import, case_snapshot

from .test_meetings import CHAIR, COMMITTEE, GP, VICE, bodies, media  # noqa: F401  (the fixtures)

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 12, 1)
NEXT_WEEK = dt.date(2026, 12, 8)
HELD = dt.date(2026, 11, 10)


def _text(response) -> str:
    return html.unescape(response.content.decode())


def _pdf(title: str = "Bilag") -> SimpleUploadedFile:
    data = render_pdf(Document(title=title, blocks=(Paragraph(f"Indholdet af {title}."),)))
    return SimpleUploadedFile(f"{title.lower()}.pdf", data)


@pytest.fixture
def planned(users, bodies) -> Meeting:  # noqa: F811
    """Next week's committee meeting with time, place and an agenda of three items (one closed)."""
    meeting = meeting_create(
        actor=users["sjaelland"],
        body=BodyRow.objects.get(key=COMMITTEE),
        data=MeetingInput(
            date=NEXT_WEEK,
            title="Udvalgsmøde",
            location="Regionshuset, Sorø",
            starts_at=dt.time(13, 0),
            ends_at=dt.time(15, 30),
            video_url="https://video.example.dk/ssu",
        ),
        today=TODAY,
    )
    return agenda_set(
        actor=users["sjaelland"],
        meeting_pk=meeting.pk,
        expected_version=meeting.version,
        items=[
            AgendaItemInput(
                title="Forløbsprogram for KOL",
                summary="Arbejdsgruppen har lavet et udkast.",
                recommendation="Det indstilles, at udvalget godkender programmet.",
            ),
            AgendaItemInput(title="Personsag om en medarbejder", summary="Fortroligt.", closed=True),
            AgendaItemInput(title="Eventuelt"),
        ],
    )


@pytest.fixture
def gp_account(users, bodies) -> Person:  # noqa: F811
    """The demo member's account is the committee's general practitioner."""
    person = Person.objects.get(key=GP)
    person_account_link(
        actor=users["sjaelland"], person_pk=person.pk, user=users["medlem"], expected_version=person.version
    )
    return person


def _held(users) -> Meeting:
    meeting = meeting_create(
        actor=users["sjaelland"],
        body=BodyRow.objects.get(key=COMMITTEE),
        data=MeetingInput(date=HELD, status="held", title="Novembermødet"),
        today=TODAY,
    )
    meeting = agenda_set(
        actor=users["sjaelland"],
        meeting_pk=meeting.pk,
        expected_version=meeting.version,
        items=[AgendaItemInput(title="Status", recommendation="Til efterretning.")],
    )
    Meeting.objects.filter(pk=meeting.pk).update(chaired_by=Person.objects.get(key=CHAIR))
    meeting.refresh_from_db()
    return meeting


# --- 1. Time and place ------------------------------------------------------------------------------------


def test_a_meeting_must_end_after_it_starts_and_names_the_field(login, bodies) -> None:  # noqa: F811
    client = login("sjaelland")
    response = client.post(
        f"/organer/{COMMITTEE}/moeder/ny/",
        {
            "date": "2026-12-08",
            "status": "planned",
            "kind": "ordinary",
            "starts_at": "15:00",
            "ends_at": "14:00",
        },
    )
    assert response.status_code == 200
    assert "Mødet skal slutte efter, at det starter" in _text(response)
    assert not Meeting.objects.filter(date=NEXT_WEEK).exists()


def test_a_video_link_must_be_a_web_address(users, bodies) -> None:  # noqa: F811
    with pytest.raises(MeetingInvalid) as refused:
        meeting_create(
            actor=users["sjaelland"],
            body=BodyRow.objects.get(key=COMMITTEE),
            data=MeetingInput(date=NEXT_WEEK, video_url="javascript:alert(1)"),
            today=TODAY,
        )
    assert refused.value.field == "video_url"
    assert not Meeting.objects.filter(date=NEXT_WEEK).exists()


def test_the_calendar_feed_gives_the_meeting_its_time_of_day(client, planned) -> None:
    feed = Calendar.from_ical(client.get(f"/organer/{COMMITTEE}/moeder.ics").content)
    event = next(e for e in feed.walk("VEVENT") if str(e["uid"]).startswith(planned.key))
    start, end = event.decoded("dtstart"), event.decoded("dtend")
    assert (start.hour, start.minute, end.hour, end.minute) == (13, 0, 15, 30)
    assert "https://video.example.dk/ssu" in str(event["location"])


# --- 2. Invitations and answers ---------------------------------------------------------------------------


def test_the_invitation_is_sent_only_when_confirmed_to_the_members_on_the_date(login, planned) -> None:
    client = login("sjaelland")
    url = f"/moeder/{planned.pk}/indkaldelse/"
    unconfirmed = client.post(url, {"version": planned.version})
    assert "Bekræft, at indkaldelsen skal sendes" in _text(unconfirmed)
    assert not Invitation.objects.exists()
    client.post(url, {"version": planned.version, "confirm": "yes"})
    invited = set(Invitation.objects.filter(meeting=planned).values_list("person__key", flat=True))
    assert {CHAIR, VICE, GP} <= invited
    assert "udvalg-fagkyndig" not in invited  # an expert assists (§ 10, stk. 3); no seat, no invitation
    assert AuditEntry.objects.filter(action="invitations_send", object_id=str(planned.pk)).count() == 1


def test_a_member_may_not_send_the_invitation(login, planned) -> None:
    response = login("medlem").post(
        f"/moeder/{planned.pk}/indkaldelse/", {"version": planned.version, "confirm": "yes"}
    )
    assert response.status_code == 403
    assert not Invitation.objects.exists()


def test_sending_on_a_stale_version_is_a_conflict(users, planned) -> None:
    with pytest.raises(ConflictError):
        invitations_send(
            actor=users["sjaelland"],
            meeting_pk=planned.pk,
            expected_version=planned.version - 1,
            now=timezone.now(),
        )
    assert not Invitation.objects.exists()


def test_an_invitee_answers_for_themselves_with_a_named_substitute(login, users, planned, gp_account) -> None:
    invitations_send(
        actor=users["sjaelland"], meeting_pk=planned.pk, expected_version=planned.version, now=timezone.now()
    )
    own = Invitation.objects.get(meeting=planned, person=gp_account)
    client = login("medlem")
    url = f"/moeder/{planned.pk}/svar/"
    nameless = client.post(url, {"answer": "substitute", "version": own.version})
    assert "Skriv navnet på den stedfortræder" in _text(nameless)
    client.post(
        url, {"answer": "substitute", "substitute_name": "Lene Holm", "note": "Ferie", "version": own.version}
    )
    own.refresh_from_db()
    assert (own.answer, own.substitute_name, own.note) == ("substitute", "Lene Holm", "Ferie")
    assert not Attendance.objects.filter(
        meeting=planned
    ).exists()  # the answer plans; it records no attendance
    assert AuditEntry.objects.filter(action="rsvp_answer", object_id=str(own.pk)).exists()


def test_no_one_answers_for_another_invitee(login, users, planned, gp_account) -> None:
    invitations_send(
        actor=users["sjaelland"], meeting_pk=planned.pk, expected_version=planned.version, now=timezone.now()
    )
    chair = Invitation.objects.get(meeting=planned, person__key=CHAIR)
    with pytest.raises(PermissionDenied) as refused:
        rsvp_answer(
            actor=users["medlem"],
            invitation_pk=chair.pk,
            answer="absent",
            expected_version=1,
            now=timezone.now(),
        )
    assert "egen indkaldelse" in str(refused.value)
    not_invited = login("klynge").post(f"/moeder/{planned.pk}/svar/", {"answer": "attending", "version": 1})
    assert not_invited.status_code == 400
    assert login("klynge").post(f"/moeder/{planned.pk}/svar/", {}).status_code == 400
    chair.refresh_from_db()
    assert chair.answer == "pending"


# --- 3. Agenda items and closed items ---------------------------------------------------------------------


def test_a_closed_item_never_reaches_a_member(login, users, planned) -> None:
    agenda_publish(
        actor=users["sjaelland"], meeting_pk=planned.pk, expected_version=planned.version, now=timezone.now()
    )
    member_page = _text(login("medlem").get(f"/moeder/{planned.pk}/"))
    assert "Forløbsprogram for KOL" in member_page
    assert "Det indstilles, at udvalget godkender programmet." in member_page
    assert "Personsag om en medarbejder" not in member_page
    assert "Personsag om en medarbejder" in _text(login("sjaelland").get(f"/moeder/{planned.pk}/"))
    api = login("medlem").get(f"/api/v1/meetings/{planned.pk}").json()
    assert "Personsag om en medarbejder" not in str(api)


def test_reordering_keeps_each_items_attachments(users, planned, media) -> None:  # noqa: F811
    first = planned.agenda_items.get(number=1)
    document_add(
        actor=users["sjaelland"],
        meeting_pk=planned.pk,
        title="Udkast",
        upload=_pdf(),
        agenda_item_id=first.pk,
    )
    planned.refresh_from_db()
    items = list(planned.agenda_items.order_by("number"))
    reordered = [
        AgendaItemInput(
            title=i.title, summary=i.summary, recommendation=i.recommendation, closed=i.closed, item_id=i.pk
        )
        for i in reversed(items)
    ]
    agenda_set(
        actor=users["sjaelland"], meeting_pk=planned.pk, expected_version=planned.version, items=reordered
    )
    moved = planned.agenda_items.get(pk=first.pk)
    assert moved.number == 3
    assert list(moved.attachments.values_list("title", flat=True)) == ["Udkast"]


# --- 4. The agenda pack -----------------------------------------------------------------------------------


def test_the_agenda_pack_is_one_pdf_with_the_items_and_their_pdf_attachments(
    login,
    users,
    planned,
    media,  # noqa: F811
) -> None:
    first = planned.agenda_items.get(number=1)
    document_add(
        actor=users["sjaelland"],
        meeting_pk=planned.pk,
        title="Bilag 1.1",
        upload=_pdf("Bilagstekst"),
        agenda_item_id=first.pk,
    )
    png = SimpleUploadedFile("kort.png", b"\x89PNG\r\n\x1a\n" + b"0" * 32)
    document_add(
        actor=users["sjaelland"], meeting_pk=planned.pk, title="Kort", upload=png, agenda_item_id=first.pk
    )
    planned.refresh_from_db()
    agenda_publish(
        actor=users["sjaelland"], meeting_pk=planned.pk, expected_version=planned.version, now=timezone.now()
    )
    response = login("medlem").get(f"/moeder/{planned.pk}/dagsordenpakke.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert "Forløbsprogram for KOL" in text
    assert "Sagsfremstilling" in text
    assert "Arbejdsgruppen har lavet et udkast." in text
    assert "Det indstilles, at udvalget godkender programmet." in text
    assert "Kort (PNG)" in text  # a non-PDF attachment is named
    assert "Indholdet af Bilagstekst." in text  # the PDF attachment's own page follows the agenda
    assert "Personsag om en medarbejder" not in text  # closed: not in a member's pack


# --- 5. Minutes -------------------------------------------------------------------------------------------


def test_minutes_approved_by_the_chair_are_frozen_and_published_only_when_asked(login, users, bodies) -> None:  # noqa: F811
    held = _held(users)
    item = held.agenda_items.get()
    held = minutes_save(
        actor=users["sjaelland"],
        meeting_pk=held.pk,
        expected_version=held.version,
        general="Godt møde.",
        decisions={item.pk: "Udvalget tog status til efterretning."},
    )
    assert "Udvalget tog status til efterretning." not in _text(login("medlem").get(f"/moeder/{held.pk}/"))
    with pytest.raises(MeetingInvalid) as late:
        minutes_approve(
            actor=users["sjaelland"],
            meeting_pk=held.pk,
            expected_version=held.version,
            approved_on=TODAY + dt.timedelta(days=1),
            today=TODAY,
        )
    assert late.value.field == "approved_on"
    held = minutes_approve(
        actor=users["sjaelland"],
        meeting_pk=held.pk,
        expected_version=held.version,
        approved_on=dt.date(2026, 11, 17),
        today=TODAY,
    )
    assert (held.minutes_approved_on, held.minutes_approved_how, held.minutes_approved_by) == (
        dt.date(2026, 11, 17),
        "chair",
        "Udvalg Formand",
    )
    with pytest.raises(MinutesFrozen):
        minutes_save(
            actor=users["sjaelland"],
            meeting_pk=held.pk,
            expected_version=held.version,
            general="Ændret",
            decisions={},
        )
    with pytest.raises(MinutesFrozen):
        agenda_set(actor=users["sjaelland"], meeting_pk=held.pk, expected_version=held.version, items=[])
    held = minutes_publish(
        actor=users["sjaelland"], meeting_pk=held.pk, expected_version=held.version, now=timezone.now()
    )
    page = _text(login("medlem").get(f"/moeder/{held.pk}/"))
    assert "Udvalget tog status til efterretning." in page
    assert "Godt møde." in page
    assert (
        AuditEntry.objects.filter(
            action__in=["minutes_approve", "minutes_publish"], object_id=str(held.pk)
        ).count()
        == 2
    )


def test_a_member_who_is_not_the_chair_may_not_approve(login, users, bodies) -> None:  # noqa: F811
    held = _held(users)
    response = login("medlem").post(
        f"/moeder/{held.pk}/referat/godkend/", {"approved_on": "2026-11-17", "version": held.version}
    )
    assert response.status_code == 403
    held.refresh_from_db()
    assert held.minutes_approved_on is None


def test_recording_godkendelse_af_referat_at_the_next_meeting_approves_the_earlier_minutes(
    users, planned
) -> None:
    held = _held(users)
    held = minutes_save(
        actor=users["sjaelland"],
        meeting_pk=held.pk,
        expected_version=held.version,
        general="Referat.",
        decisions={},
    )
    meeting = minutes_item_add(
        actor=users["sjaelland"], meeting_pk=planned.pk, expected_version=planned.version
    )
    first = meeting.agenda_items.get(number=1)
    assert first.title == "Godkendelse af referat fra mødet den 10.11.2026"
    assert meeting.agenda_items.get(title="Forløbsprogram for KOL").number == 2
    minutes_save(
        actor=users["sjaelland"],
        meeting_pk=meeting.pk,
        expected_version=meeting.version,
        general="",
        decisions={first.pk: "Referatet blev godkendt."},
    )
    held.refresh_from_db()
    assert (held.minutes_approved_on, held.minutes_approved_how) == (NEXT_WEEK, "next_meeting")


def test_the_minutes_as_pdf_and_docx_say_what_was_decided(login, users, bodies) -> None:  # noqa: F811
    held = _held(users)
    item = held.agenda_items.get()
    minutes_save(
        actor=users["sjaelland"],
        meeting_pk=held.pk,
        expected_version=held.version,
        general="",
        decisions={item.pk: "Taget til efterretning."},
    )
    client = login("sjaelland")
    pdf = PdfReader(io.BytesIO(client.get(f"/moeder/{held.pk}/referat.pdf").content))
    pdf_text = "\n".join(p.extract_text() for p in pdf.pages)
    assert "Beslutning" in pdf_text
    assert "Taget til efterretning." in pdf_text
    docx = DocxDocument(io.BytesIO(client.get(f"/moeder/{held.pk}/referat.docx").content))
    assert "Taget til efterretning." in "\n".join(p.text for p in docx.paragraphs)
    hidden = PdfReader(io.BytesIO(login("medlem").get(f"/moeder/{held.pk}/referat.pdf").content))
    assert "Taget til efterretning." not in "\n".join(p.extract_text() for p in hidden.pages)


# --- 6. Cancellation --------------------------------------------------------------------------------------


def test_cancelling_confirms_first_and_tells_each_invitee_once(
    login, users, planned, gp_account, settings
) -> None:
    settings.EMAIL_ENABLED = True
    users["medlem"].email = "medlem@example.dk"
    users["medlem"].save()
    invitations_send(
        actor=users["sjaelland"], meeting_pk=planned.pk, expected_version=planned.version, now=timezone.now()
    )
    planned.refresh_from_db()
    client = login("sjaelland")
    confirmation = client.get(f"/moeder/{planned.pk}/aflys/")
    assert "Udvalg Laege" in _text(confirmation)  # the page names who will be told
    planned.refresh_from_db()
    assert planned.status == "planned"
    client.post(f"/moeder/{planned.pk}/aflys/", {"version": planned.version, "reason": "For få tilmeldte"})
    planned.refresh_from_db()
    assert (planned.status, planned.cancel_reason) == ("cancelled", "For få tilmeldte")
    reminders_send(today=TODAY)
    reminders_send(today=TODAY)
    to_member = [m for m in mail.outbox if m.to == ["medlem@example.dk"]]
    assert len(to_member) == 1
    assert "For få tilmeldte" in to_member[0].body


# --- 7. Documents with versions ---------------------------------------------------------------------------


def test_the_same_title_makes_a_new_version_and_keeps_the_old(login, users, planned, media) -> None:  # noqa: F811
    one = document_add(actor=users["sjaelland"], meeting_pk=planned.pk, title="Bilag", upload=_pdf("Første"))
    two = document_add(actor=users["sjaelland"], meeting_pk=planned.pk, title="Bilag", upload=_pdf("Anden"))
    assert (one.number, two.number) == (1, 2)
    client = login("sjaelland")
    assert client.get(f"/moeder/{planned.pk}/dokumenter/{one.pk}/").status_code == 200
    assert "Version 1" in _text(client.get(f"/moeder/{planned.pk}/dokumenter/"))


def found_virus(name: str, stream: IO[bytes]) -> str | None:
    return "EICAR-testvirus"


@override_settings(UPLOAD_SCANNER="tests.web.test_meeting_system.found_virus")
def test_a_file_the_scan_hook_rejects_is_refused_and_nothing_saved(login, planned, media) -> None:  # noqa: F811
    response = login("sjaelland").post(
        f"/moeder/{planned.pk}/dokumenter/", {"title": "Bilag", "file": _pdf()}
    )
    assert "afvist af virusscanningen" in _text(response)
    assert not MeetingDocument.objects.exists()


# --- 9. API -----------------------------------------------------------------------------------------------


def test_the_api_gives_times_and_keeps_draft_minutes_from_a_member(login, users, bodies) -> None:  # noqa: F811
    held = _held(users)
    item = held.agenda_items.get()
    client = login("sjaelland")
    saved = client.put(
        f"/api/v1/meetings/{held.pk}/minutes",
        {"version": held.version, "minutes": "Kort referat.", "decisions": {"1": "Godkendt."}},
        content_type="application/json",
    )
    assert saved.status_code == 200, saved.content
    assert saved.json()["agenda"][0]["outcome"] == "Godkendt."
    member = login("medlem").get(f"/api/v1/meetings/{held.pk}").json()
    assert member["minutes"] == ""
    assert all(a["outcome"] == "" for a in member["agenda"])
    unknown = client.put(
        f"/api/v1/meetings/{held.pk}/minutes",
        {"version": saved.json()["version"], "decisions": {"7": "x"}},
        content_type="application/json",
    )
    assert unknown.status_code == 422
    assert "punkt nr. 7" in unknown.json()["detail"]
    item.refresh_from_db()
    assert item.outcome == "Godkendt."


def test_the_api_answer_is_the_invitees_own(login, users, planned, gp_account) -> None:
    invitations_send(
        actor=users["sjaelland"], meeting_pk=planned.pk, expected_version=planned.version, now=timezone.now()
    )
    own = Invitation.objects.get(meeting=planned, person=gp_account)
    answered = login("medlem").put(
        f"/api/v1/meetings/{planned.pk}/rsvp",
        {"version": own.version, "answer": "attending"},
        content_type="application/json",
    )
    assert answered.status_code == 200, answered.content
    assert answered.json()["answer"] == "attending"
    not_invited = login("klynge").put(
        f"/api/v1/meetings/{planned.pk}/rsvp",
        {"version": 1, "answer": "absent"},
        content_type="application/json",
    )
    assert not_invited.status_code == 422


def test_an_import_that_changes_the_agenda_keeps_what_the_case_file_does_not_carry(
    users,
    planned,
    media,  # noqa: F811
) -> None:
    first = planned.agenda_items.get(number=1)
    document_add(
        actor=users["sjaelland"],
        meeting_pk=planned.pk,
        title="Udkast",
        upload=_pdf(),
        agenda_item_id=first.pk,
    )
    case = case_snapshot("1085")
    meetings = tuple(
        m.model_copy(
            update={
                "agenda": tuple(
                    a.model_copy(update={"title": "Nyt eventuelt"}) if a.number == 3 else a for a in m.agenda
                )
            }
        )
        if m.id == planned.key
        else m
        for m in case.meetings
    )
    case_import(case=case.model_copy(update={"meetings": meetings}), actor=None, system=True)
    items = {a.number: a for a in Meeting.objects.get(pk=planned.pk).agenda_items.all()}
    assert items[3].title == "Nyt eventuelt"
    assert items[1].summary == "Arbejdsgruppen har lavet et udkast."
    assert items[2].closed
    assert list(items[1].attachments.values_list("title", flat=True)) == ["Udkast"]
