"""The demo's meeting system, relative to the demo's today: Region Sjælland's sundhedssamarbejdsudvalg meets next
week (time, place, a published agenda with case summaries, recommendations and a PDF attachment, the invitation
sent, some answers), and its latest held meeting has approved, published minutes.

Everything is written through the meeting actions, as the region's secretariat would; the demo member ("medlem")
is linked to one of the committee's members and answers the invitation as that person. Run once by
``setup_demo``; running it again changes nothing.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import Q
from django.utils import timezone

from sundhedsaftale.accounts.actions import DEMO_REGION_ACCOUNTS
from sundhedsaftale.accounts.models import User
from sundhedsaftale.core.case import BodyKind, MeetingStatus
from sundhedsaftale.demo import working_region
from sundhedsaftale.documents import Document, Heading, Paragraph, render_pdf
from sundhedsaftale.web.platform import platform

from .actions.invitations import invitations_send, person_account_link, rsvp_answer
from .actions.meetings import (
    AgendaItemInput,
    MeetingInput,
    MeetingInvalid,
    agenda_publish,
    agenda_set,
    document_add,
    meeting_create,
)
from .actions.minutes import chair_of, minutes_approve, minutes_publish, minutes_save
from .meeting_selectors import meeting_participants
from .models import Body, Invitation, Meeting, Membership, RsvpAnswer

REGION = (
    "1085"  # Region Sjælland while it exists; after it, Region Midtjylland (``working_region``, ADR 0040)
)
TITLE = "Sundhedssamarbejdsudvalgets møde"
SECRETARIAT = "sjaelland"
MEMBER = "medlem"

_ITEMS = (
    AgendaItemInput(
        title="Status på sundhedsaftalens indsatser",
        summary=(
            "Sekretariatet har samlet status fra de fire klynger på sundhedsaftalens indsatser for borgere med "
            "kronisk sygdom. Tre af fem indsatser følger planen; to er forsinket af rekruttering."
        ),
        recommendation="Det indstilles, at udvalget tager status til efterretning og beder klyngerne om en plan for "
        "de forsinkede indsatser til næste møde.",
    ),
    AgendaItemInput(
        title="Fælles forløbsprogram for borgere med KOL",
        summary=(
            "Arbejdsgruppen har udarbejdet et udkast til fælles forløbsprogram. Udkastet er vedlagt som bilag og "
            "har været drøftet med patientinddragelsesudvalget."
        ),
        recommendation="Det indstilles, at udvalget godkender forløbsprogrammet.",
    ),
    AgendaItemInput(
        title="Drøftelse af økonomi mellem regionsrådet og kommunalbestyrelserne",
        description="Særskilt punkt for regionsrådets og kommunalbestyrelsernes repræsentanter.",
        authorities_only=True,
    ),
    AgendaItemInput(title="Eventuelt"),
)


_PLACES = {
    "1085": "Regionshuset, Alléen 15, 4180 Sorø, mødelokale 1",
    "1082": "Regionshuset Viborg, Skottenborg 26, 8800 Viborg, mødelokale 3",
}


def _next_week(today: dt.date) -> dt.date:
    """Tuesday of the week after ``today``'s week."""
    return today + dt.timedelta(days=7 - today.weekday() + 1)


def _attachment() -> SimpleUploadedFile:
    document = Document(
        title="Fælles forløbsprogram for borgere med KOL",
        subtitle="Udkast til drøftelse",
        blocks=(
            Heading("Formål"),
            Paragraph(
                "Et sammenhængende forløb for borgere med KOL på tværs af sygehus, kommune og almen praksis."
            ),
            Heading("Indhold"),
            Paragraph("Opsporing, rehabilitering, medicingennemgang og en fælles plan for opfølgning."),
        ),
    )
    return SimpleUploadedFile("forloebsprogram-kol.pdf", render_pdf(document), content_type="application/pdf")


def meetings_demo_load(today: dt.date) -> str:
    """Load the demo's meetings; returns what was done (one line for the command's output)."""
    region = working_region(platform(), today)
    secretariat_name, member_name = DEMO_REGION_ACCOUNTS.get(region, (SECRETARIAT, MEMBER))
    body = Body.objects.filter(region_id=region, kind=BodyKind.COMMITTEE.value).order_by("key").first()
    secretariat = User.objects.filter(username=secretariat_name).first()
    member = User.objects.filter(username=member_name).first()
    if body is None or secretariat is None:
        return "Mødedemo: sundhedssamarbejdsudvalget eller sekretariatets konto findes ikke; intet indlæst."
    day = _next_week(today)
    if Meeting.objects.filter(body=body, date=day, title=TITLE).exists():
        return "Mødedemo: findes allerede."
    try:
        _approved_minutes(body, secretariat, today)
        meeting = meeting_create(
            actor=secretariat,
            body=body,
            data=MeetingInput(
                date=day,
                title=TITLE,
                location=_PLACES.get(region, "Regionshuset, mødelokale 1"),
                starts_at=dt.time(13, 0),
                ends_at=dt.time(15, 30),
                video_url="https://video.example.dk/sundhedssamarbejdsudvalget",
            ),
            today=today,
        )
        meeting = agenda_set(
            actor=secretariat, meeting_pk=meeting.pk, items=_ITEMS, expected_version=meeting.version
        )
        item = meeting.agenda_items.get(number=2)
        document_add(
            actor=secretariat,
            meeting_pk=meeting.pk,
            title="Bilag 2.1: Udkast til forløbsprogram",
            upload=_attachment(),
            agenda_item_id=item.pk,
        )
        meeting.refresh_from_db()
        now = timezone.now()
        meeting = agenda_publish(
            actor=secretariat, meeting_pk=meeting.pk, expected_version=meeting.version, now=now
        )
        # The demo member answers as a plain member: one who chairs no body and led no meeting, so the account
        # approves no one's minutes (the authorization matrix checks a member against every body's meetings).
        leaders = set(
            Meeting.objects.filter(chaired_by__isnull=False).values_list("chaired_by_id", flat=True)
        )
        chairs = set(
            Membership.objects.filter(Q(chair=True) | Q(vice_chair=True)).values_list("person_id", flat=True)
        )
        members = [
            p
            for p in meeting_participants(meeting)
            if p.member and p.person.pk not in leaders and p.person.pk not in chairs
        ]
        if member is not None and members and not hasattr(member, "person"):
            person_account_link(actor=None, person_pk=members[0].person.pk, user=member, system=True)
        meeting = invitations_send(
            actor=secretariat, meeting_pk=meeting.pk, expected_version=meeting.version, now=now, mail=False
        )
        answers = [(RsvpAnswer.ATTENDING, ""), (RsvpAnswer.SUBSTITUTE, "Lene Holm"), (RsvpAnswer.ABSENT, "")]
        invited = list(Invitation.objects.filter(meeting=meeting).order_by("person__name"))
        for invitation, (answer, substitute) in zip(invited[1:], answers, strict=False):
            rsvp_answer(
                actor=None,
                invitation_pk=invitation.pk,
                answer=answer.value,
                substitute_name=substitute,
                expected_version=invitation.version,
                now=now,
                system=True,
            )
    except (PermissionDenied, MeetingInvalid) as exc:
        return f"Mødedemo: ikke indlæst ({exc})."
    return f"Mødedemo: {body.name} mødes {day.isoformat()} kl. 13.00 med dagsordenspakke og indkaldelse."


def _approved_minutes(body: Body, secretariat: User, today: dt.date) -> None:
    """The committee's latest held meeting gets minutes per item, approved by the chair and published."""
    held = (
        Meeting.objects.filter(body=body, status=MeetingStatus.HELD.value, date__lt=today)
        .order_by("-date")
        .first()
    )
    if held is None or held.minutes_approved_on is not None or chair_of(held) is None:
        return
    decisions = {item.pk: item.outcome or "Taget til efterretning." for item in held.agenda_items.all()}
    held = minutes_save(
        actor=secretariat,
        meeting_pk=held.pk,
        expected_version=held.version,
        general=held.minutes or "Mødet forløb efter dagsordenen.",
        decisions=decisions,
    )
    approved_on = min(held.date + dt.timedelta(days=7), today)
    held = minutes_approve(
        actor=secretariat,
        meeting_pk=held.pk,
        expected_version=held.version,
        approved_on=approved_on,
        today=today,
    )
    minutes_publish(actor=secretariat, meeting_pk=held.pk, expected_version=held.version, now=timezone.now())
