"""Writing meetings: scheduling, agenda (§ 2, stk. 3), attendance and chairing (§§ 6, 17, 27), documents.

Each action checks permission, validates, writes in one transaction and records the audit row with before
and after. The meeting's ``version`` guards every change to the meeting, its agenda and its attendance: a
save that names an older version gets :class:`ConflictError`, never an overwrite. ``today`` is always an
argument (the view passes ``registry.clock.today()``), so the clock is never read here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import PurePath
from typing import Any, Final, NamedTuple

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.core.validators import URLValidator
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from sundhedsaftale.accounts.audit import record_change
from sundhedsaftale.accounts.conflict import RecordConflict
from sundhedsaftale.accounts.models import User
from sundhedsaftale.accounts.permissions import can_edit_cluster, can_edit_region
from sundhedsaftale.core.case import MeetingKind, MeetingStatus
from sundhedsaftale.search.indexer import index_meeting
from sundhedsaftale.web.uploads import FileKind, UploadRefused, allowed_labels, upload_check, upload_max_bytes

from ..body_selectors import body_cluster_id
from ..meeting_selectors import (
    ASSISTING_ROLES,
    body_has_members_in,
    body_member_years,
)
from ..models import AgendaItem, Attendance, Body, Meeting, MeetingDocument, Membership, Person

AnyUser = User | AnonymousUser

# What a meeting document may be, read from its content (web.uploads): PDF, DOCX, XLSX, ODT, PNG and JPEG.
DOCUMENT_KINDS: Final = (
    FileKind.PDF,
    FileKind.DOCX,
    FileKind.XLSX,
    FileKind.ODT,
    FileKind.PNG,
    FileKind.JPEG,
)
DOCUMENT_TYPES: Final = {suffix: kind.label for kind in DOCUMENT_KINDS for suffix in kind.suffixes}
DOCUMENT_LABELS: Final = allowed_labels(DOCUMENT_KINDS)


def max_document_mb() -> float:
    """The size limit of an uploaded document in MB (setting ``UPLOAD_MAX_BYTES``)."""
    return upload_max_bytes() / (1024 * 1024)


# Meeting kinds that are, by definition, meetings with the patient involvement committee's representatives
# (§ 29, stk. 1, § 30, stk. 2; vejledningens afsnit 2.2.8): recording one records the invitation.
WITH_PATIENT_COMMITTEE: Final = frozenset(
    {MeetingKind.DIALOGUE, MeetingKind.PATIENT_COMMITTEE_ANNUAL, MeetingKind.AGREEMENT_KICKOFF}
)


class ConflictError(RecordConflict):
    """Someone else saved the meeting after it was opened; nothing was overwritten."""

    def __init__(self, current: Meeting) -> None:
        super().__init__(
            current,
            _(
                "Mødet er ændret af en anden (version %(version)s) efter, at du åbnede det. "
                "Intet er overskrevet; åbn det igen og gentag din ændring."
            )
            % {"version": current.version},
        )


class MeetingInvalid(Exception):
    """The change does not fit: ``field`` names the field (as in the API), ``message`` says why in Danish."""

    def __init__(self, field: str, message: str) -> None:
        self.field = field
        self.message = message
        super().__init__(message)

    @property
    def detail(self) -> str:
        return f"{self.field}: {self.message}"


class MinutesFrozen(MeetingInvalid):
    """The minutes are approved: they, and the decisions on the agenda, are frozen."""

    def __init__(self) -> None:
        super().__init__(
            "minutes",
            _(
                "Referatet er godkendt og kan ikke ændres længere; det gælder også dagsordenens punkter og "
                "beslutninger."
            ),
        )


@dataclass(frozen=True)
class MeetingInput:
    date: dt.date
    status: MeetingStatus | str = MeetingStatus.PLANNED
    kind: MeetingKind | str = MeetingKind.ORDINARY
    title: str = ""
    location: str = ""
    requested_by_member: bool = False
    patient_committee_invited: bool = False
    minutes: str = ""
    starts_at: dt.time | None = None
    ends_at: dt.time | None = None
    video_url: str = ""


@dataclass(frozen=True)
class AgendaItemInput:
    title: str
    description: str = ""
    authorities_only: bool = False
    outcome: str = ""
    summary: str = ""
    recommendation: str = ""
    closed: bool = False
    # The item this row edits (its id); ``None`` for a new item. Kept items keep their attachments.
    item_id: int | None = None


class AttendanceEntry(NamedTuple):
    person_key: str
    present: bool = True
    note: str = ""


class _Keep:
    """Marker: leave the recorded chair as it is."""


KEEP: Final = _Keep()


# --- Permission -------------------------------------------------------------------------------------------


def may_edit_meetings(user: AnyUser, body: Body) -> bool:
    """The region's secretariat (and administrators); for a cluster's bodies also that cluster's secretariat."""
    cluster_id = body_cluster_id(body)
    if cluster_id:
        return can_edit_cluster(user, body.region_id, cluster_id)
    return can_edit_region(user, body.region_id)


def _require_edit(actor: AnyUser, body: Body) -> None:
    if not may_edit_meetings(actor, body):
        raise PermissionDenied(
            _("Du har ikke adgang til at redigere møder i %(body)s (region %(region)s).")
            % {"body": body.name, "region": body.region_id}
        )


# --- Shapes for the audit log -----------------------------------------------------------------------------


def meeting_as_dict(meeting: Meeting) -> dict[str, Any]:
    return {
        "key": meeting.key,
        "body": meeting.body.key,
        "date": meeting.date.isoformat(),
        "status": meeting.status,
        "kind": meeting.kind,
        "title": meeting.title,
        "location": meeting.location,
        "starts_at": meeting.starts_at.isoformat("minutes") if meeting.starts_at else None,
        "ends_at": meeting.ends_at.isoformat("minutes") if meeting.ends_at else None,
        "video_url": meeting.video_url,
        "invitations_sent_at": meeting.invitations_sent_at,
        "cancel_reason": meeting.cancel_reason,
        "minutes_approved_on": meeting.minutes_approved_on,
        "minutes_approved_how": meeting.minutes_approved_how,
        "minutes_approved_by": meeting.minutes_approved_by,
        "minutes_published_at": meeting.minutes_published_at,
        "requested_by_member": meeting.requested_by_member,
        "patient_committee_invited": meeting.patient_committee_invited,
        "chaired_by": meeting.chaired_by.key if meeting.chaired_by else None,
        "minutes": meeting.minutes,
        "agenda_published_at": meeting.agenda_published_at,
        "version": meeting.version,
    }


def _agenda_list(meeting: Meeting) -> list[dict[str, Any]]:
    return [
        {
            "number": a.number,
            "title": a.title,
            "description": a.description,
            "authorities_only": a.authorities_only,
            "closed": a.closed,
            "summary": a.summary,
            "recommendation": a.recommendation,
            "outcome": a.outcome,
        }
        for a in AgendaItem.objects.filter(meeting=meeting).order_by("number")
    ]


def _attendance_list(meeting: Meeting) -> list[dict[str, Any]]:
    return [
        {"person": a.person.key, "name": a.person.name, "present": a.present, "note": a.note}
        for a in Attendance.objects.filter(meeting=meeting).select_related("person").order_by("person__key")
    ]


def _audit(
    actor: AnyUser | None,
    action: str,
    meeting: Meeting,
    before: dict[str, Any] | None,
    after: dict[str, Any] | None,
) -> None:
    record_change(
        actor=actor,
        action=action,
        object_type="meeting",
        object_id=meeting.pk,
        region_code=meeting.body.region_id,
        before=before,
        after=after,
    )
    # What the meeting publishes (agenda, minutes) is searchable from the same transaction (ADR 0047).
    index_meeting(meeting)


# --- Validation -------------------------------------------------------------------------------------------


def _status(value: MeetingStatus | str) -> MeetingStatus:
    try:
        return MeetingStatus(value)
    except ValueError:
        raise MeetingInvalid(
            "status",
            _("Ukendt status '%(value)s'; brug en af: %(allowed)s.")
            % {"value": value, "allowed": ", ".join(s.value for s in MeetingStatus)},
        ) from None


def _kind(value: MeetingKind | str) -> MeetingKind:
    try:
        return MeetingKind(value)
    except ValueError:
        raise MeetingInvalid(
            "kind",
            _("Ukendt mødetype '%(value)s'; brug en af: %(allowed)s.")
            % {"value": value, "allowed": ", ".join(k.value for k in MeetingKind)},
        ) from None


def _text(field: str, value: str, limit: int, label: str) -> str:
    text = value.strip()
    if len(text) > limit:
        raise MeetingInvalid(
            field, _("%(label)s må højst være %(limit)s tegn lang.") % {"label": label, "limit": limit}
        )
    return text


def _validated(body: Body, data: MeetingInput, today: dt.date) -> dict[str, Any]:
    """The meeting's fields from ``data``, or :class:`MeetingInvalid` naming the first wrong field."""
    status = _status(data.status)
    kind = _kind(data.kind)
    if not body_has_members_in(body, data.date.year):
        years = body_member_years(body)
        if years is None:
            known = _("organet har endnu ingen registrerede medlemmer")
        elif years[1] is None:
            known = _("organet har medlemmer fra %(first)s") % {"first": years[0]}
        else:
            known = _("organet har medlemmer %(first)s–%(last)s") % {"first": years[0], "last": years[1]}
        raise MeetingInvalid(
            "date",
            _("Mødedatoen skal ligge i et år, hvor organet findes; %(known)s, ikke i %(year)s.")
            % {"known": known, "year": data.date.year},
        )
    if status is MeetingStatus.HELD and data.date > today:
        raise MeetingInvalid(
            "status",
            _("Et møde kan først registreres som afholdt på eller efter mødedatoen (%(date)s).")
            % {"date": data.date.isoformat()},
        )
    if data.ends_at is not None and data.starts_at is None:
        raise MeetingInvalid(
            "starts_at", _("Angiv også, hvornår mødet starter, når det har et sluttidspunkt.")
        )
    if data.starts_at is not None and data.ends_at is not None and data.ends_at <= data.starts_at:
        raise MeetingInvalid(
            "ends_at",
            _("Mødet skal slutte efter, at det starter (starter kl. %(start)s, slutter kl. %(end)s).")
            % {"start": data.starts_at.strftime("%H:%M"), "end": data.ends_at.strftime("%H:%M")},
        )
    video_url = data.video_url.strip()
    if video_url:
        try:
            URLValidator(schemes=["https", "http"])(video_url)
        except ValidationError:
            raise MeetingInvalid(
                "video_url",
                _("Videolinket skal være en fuld webadresse, der begynder med https://, ikke '%(value)s'.")
                % {"value": video_url[:100]},
            ) from None
        _text("video_url", video_url, 500, _("Videolinket"))
    return {
        "date": data.date,
        "starts_at": data.starts_at,
        "ends_at": data.ends_at,
        "video_url": video_url,
        "status": status.value,
        "kind": kind.value,
        "title": _text("title", data.title, 200, _("Titlen")),
        "location": _text("location", data.location, 200, _("Stedet")),
        "requested_by_member": data.requested_by_member,
        "patient_committee_invited": data.patient_committee_invited or kind in WITH_PATIENT_COMMITTEE,
        "minutes": data.minutes.strip(),
    }


def _new_key(body: Body, day: dt.date) -> str:
    base = f"{body.key[:85]}-{day.isoformat()}"
    taken = set(Meeting.objects.filter(body=body, key__startswith=base).values_list("key", flat=True))
    if base not in taken:
        return base
    n = 2
    while f"{base}-{n}" in taken:
        n += 1
    return f"{base}-{n}"


def _locked(meeting_pk: int) -> Meeting:
    return (
        Meeting.objects.select_for_update(of=("self",))
        .select_related("body", "chaired_by")
        .get(pk=meeting_pk)
    )


def _check_version(meeting: Meeting, expected_version: int) -> None:
    # Every change names the version it was made from: two additions to the same agenda or attendance list,
    # each saving the whole list, would otherwise silently drop one of them.
    if meeting.version != expected_version:
        raise ConflictError(meeting)


# --- Actions ----------------------------------------------------------------------------------------------


def meeting_create(*, actor: AnyUser, body: Body, data: MeetingInput, today: dt.date) -> Meeting:
    """Schedule (or record) a meeting of ``body``. Its key, and so its calendar UID, never changes."""
    _require_edit(actor, body)
    fields = _validated(body, data, today)
    with transaction.atomic():
        meeting = Meeting.objects.create(key=_new_key(body, data.date), body=body, **fields)
        _audit(actor, "meeting_create", meeting, None, meeting_as_dict(meeting))
    return meeting


def meeting_update(
    *, actor: AnyUser, meeting_pk: int, expected_version: int, data: MeetingInput, today: dt.date
) -> Meeting:
    """Save an edit only if nobody saved since ``expected_version``; otherwise :class:`ConflictError`."""
    with transaction.atomic():
        meeting = _locked(meeting_pk)
        _require_edit(actor, meeting.body)
        fields = _validated(meeting.body, data, today)
        _check_version(meeting, expected_version)
        if meeting.minutes_approved_on is not None and fields["minutes"] != meeting.minutes:
            raise MinutesFrozen()
        before = meeting_as_dict(meeting)
        for name, value in fields.items():
            setattr(meeting, name, value)
        meeting.version = expected_version + 1
        meeting.save()
        _audit(actor, "meeting_update", meeting, before, meeting_as_dict(meeting))
    return meeting


def meeting_cancel(*, actor: AnyUser, meeting_pk: int, expected_version: int, reason: str = "") -> Meeting:
    """Cancel a planned meeting (it stays in the list and the calendar, as cancelled), with an optional reason.
    The notice to the invitees goes out with the reminders (``reminders.sources.meeting_candidates``): once,
    to each invitee with an account, to the body's secretariat and to the region's members who chose meetings;
    an invitee without an account who has an e-mail address is written to at once (``reminders.meeting_mail``,
    ADR 0046)."""
    with transaction.atomic():
        meeting = _locked(meeting_pk)
        _require_edit(actor, meeting.body)
        _check_version(meeting, expected_version)
        if meeting.status == MeetingStatus.HELD.value:
            raise MeetingInvalid("status", _("Mødet er registreret som afholdt og kan ikke aflyses."))
        if meeting.status == MeetingStatus.CANCELLED.value:
            raise MeetingInvalid("status", _("Mødet er allerede aflyst."))
        clean_reason = _text("reason", reason, 1000, _("Begrundelsen"))
        before = meeting_as_dict(meeting)
        meeting.status = MeetingStatus.CANCELLED.value
        meeting.cancel_reason = clean_reason
        meeting.version += 1
        meeting.save(update_fields=["status", "cancel_reason", "version", "updated_at"])
        _audit(actor, "meeting_cancel", meeting, before, meeting_as_dict(meeting))
        pk = meeting.pk
        transaction.on_commit(lambda: _cancellation_mail(pk))
    return meeting


def _cancellation_mail(meeting_pk: int) -> None:
    from sundhedsaftale.reminders.meeting_mail import meeting_mails_send  # the reminders app reads governance

    meeting_mails_send(meeting_pk, None, cancelled=True)


def agenda_set(
    *,
    actor: AnyUser,
    meeting_pk: int,
    items: Sequence[AgendaItemInput],
    expected_version: int,
) -> Meeting:
    """Replace the meeting's agenda with ``items``, numbered 1, 2, … in the order given. A row naming an item of
    this meeting (``item_id``) edits that item in place, so its attachments stay with it; items left out are
    removed (their attachments stay with the meeting). Frozen once the minutes are approved."""
    with transaction.atomic():
        meeting = _locked(meeting_pk)
        _require_edit(actor, meeting.body)
        existing = {a.pk: a for a in AgendaItem.objects.filter(meeting=meeting)}
        for index, item in enumerate(items):
            if not item.title.strip():
                raise MeetingInvalid(
                    f"agenda[{index}].title",
                    _("Punkt %(number)s på dagsordenen mangler en titel.") % {"number": index + 1},
                )
            _text(
                f"agenda[{index}].title",
                item.title,
                300,
                _("Titlen på punkt %(number)s") % {"number": index + 1},
            )
            if item.item_id is not None and item.item_id not in existing:
                raise MeetingInvalid(
                    f"agenda[{index}].item_id",
                    _("Punkt %(number)s findes ikke på dette møde; åbn dagsordenen igen.")
                    % {"number": index + 1},
                )
        _check_version(meeting, expected_version)
        if meeting.minutes_approved_on is not None:
            raise MinutesFrozen()
        before = {"agenda": _agenda_list(meeting), "version": meeting.version}
        kept = {item.item_id for item in items if item.item_id is not None}
        AgendaItem.objects.filter(meeting=meeting).exclude(pk__in=kept).delete()
        # Out of the way first: the numbers are unique per meeting while they are moved around.
        for offset, pk in enumerate(sorted(kept), start=1):
            AgendaItem.objects.filter(pk=pk).update(number=100000 + offset)
        for number, item in enumerate(items, start=1):
            values = {
                "number": number,
                "title": item.title.strip(),
                "description": item.description.strip(),
                "authorities_only": item.authorities_only,
                "closed": item.closed,
                "summary": item.summary.strip(),
                "recommendation": item.recommendation.strip(),
                "outcome": item.outcome.strip(),
            }
            if item.item_id is not None:
                AgendaItem.objects.filter(pk=item.item_id).update(**values)
            else:
                AgendaItem.objects.create(meeting=meeting, **values)
        meeting.version += 1
        meeting.save(update_fields=["version", "updated_at"])
        _audit(
            actor,
            "agenda_set",
            meeting,
            before,
            {"agenda": _agenda_list(meeting), "version": meeting.version},
        )
    return meeting


def agenda_publish(
    *, actor: AnyUser | None, meeting_pk: int, expected_version: int, now: dt.datetime, system: bool = False
) -> Meeting:
    """Publish the meeting's agenda: from now on its public items are in the body's public calendar feed and
    visible to everyone who may see the meeting; items for the authorities only (§ 2, stk. 3) stay out of the
    public feed. Later edits of the agenda are published as they are saved. ``system``: the platform's own
    loaders (demo data)."""
    with transaction.atomic():
        meeting = _locked(meeting_pk)
        if not system:
            _require_edit(actor or AnonymousUser(), meeting.body)
        _check_version(meeting, expected_version)
        if meeting.agenda_published_at is not None:
            raise MeetingInvalid("agenda", _("Dagsordenen er allerede offentliggjort."))
        if not AgendaItem.objects.filter(meeting=meeting).exists():
            raise MeetingInvalid(
                "agenda", _("Dagsordenen har ingen punkter endnu; der er intet at offentliggøre.")
            )
        before = meeting_as_dict(meeting)
        meeting.agenda_published_at = now
        meeting.version += 1
        meeting.save(update_fields=["agenda_published_at", "version", "updated_at"])
        _audit(actor, "agenda_publish", meeting, before, meeting_as_dict(meeting))
    return meeting


def _seats_on(meeting: Meeting) -> tuple[set[str], set[str]]:
    """Person keys of the body's members on the meeting's date, and of its assisting representatives and
    experts (§ 10, stk. 2 og 3), who may attend without a seat."""
    members: set[str] = set()
    assisting: set[str] = set()
    for m in Membership.objects.filter(body_id=meeting.body_id).select_related("person"):
        active = m.start <= meeting.date and (m.end is None or meeting.date <= m.end)
        if m.role in ASSISTING_ROLES:
            assisting.add(m.person.key)
        elif active:
            members.add(m.person.key)
    return members, assisting - members


def _check_chair(meeting: Meeting, person_key: str, present: set[str], members: set[str]) -> Person:
    person = Person.objects.filter(key=person_key).first()
    if person is None:
        raise MeetingInvalid("chaired_by", _("Ukendt person '%(key)s'.") % {"key": person_key})
    if person_key not in members:
        raise MeetingInvalid(
            "chaired_by",
            _("%(name)s var ikke medlem af %(body)s den %(date)s og kan ikke have ledet mødet.")
            % {"name": person.name, "body": meeting.body.name, "date": meeting.date.isoformat()},
        )
    if person_key not in present:
        raise MeetingInvalid(
            "chaired_by",
            _("Mødelederen skal være registreret som til stede; %(name)s er det ikke.")
            % {"name": person.name},
        )
    return person


def attendance_record(
    *,
    actor: AnyUser,
    meeting_pk: int,
    entries: Sequence[tuple[str, bool, str]],
    expected_version: int,
    chaired_by: str | _Keep | None = KEEP,
) -> Meeting:
    """Replace who attended: ``entries`` are (person key, present, note). Only the body's members on the
    meeting's date and its assisting representatives and experts may be recorded; anyone else refuses the
    whole record. ``chaired_by`` (a person key, or ``None`` for nobody) sets who led the meeting in the same
    save; left out, the recorded leader stays and must still be present."""
    with transaction.atomic():
        meeting = _locked(meeting_pk)
        _require_edit(actor, meeting.body)
        members, assisting = _seats_on(meeting)
        seen: set[str] = set()
        rows: list[tuple[str, bool, str]] = []
        for index, entry in enumerate(entries):
            key, present, note = AttendanceEntry(*entry)
            if key in seen:
                raise MeetingInvalid(
                    f"attendance[{index}].person_key",
                    _("%(key)s står mere end én gang på deltagerlisten.") % {"key": key},
                )
            seen.add(key)
            if key not in members and key not in assisting:
                person = Person.objects.filter(key=key).first()
                raise MeetingInvalid(
                    f"attendance[{index}].person_key",
                    _(
                        "%(name)s er ikke medlem af %(body)s den %(date)s og heller ikke bistående repræsentant eller "
                        "fagkyndig for organet; der er intet gemt."
                    )
                    % {
                        "name": person.name if person else _("Ukendt person '%(key)s'") % {"key": key},
                        "body": meeting.body.name,
                        "date": meeting.date.isoformat(),
                    },
                )
            rows.append((key, bool(present), _text(f"attendance[{index}].note", note, 200, _("Noten"))))
        present_keys = {key for key, present, _note in rows if present}
        chair: Person | None
        if isinstance(chaired_by, _Keep):
            chair = meeting.chaired_by
            if chair is not None and chair.key not in present_keys:
                raise MeetingInvalid(
                    "chaired_by",
                    _(
                        "%(name)s er registreret som mødeleder, men står ikke som til stede; "
                        "vælg en anden mødeleder eller markér personen som til stede."
                    )
                    % {"name": chair.name},
                )
        elif chaired_by:
            chair = _check_chair(meeting, chaired_by, present_keys, members)
        else:
            chair = None
        _check_version(meeting, expected_version)
        before = {
            "attendance": _attendance_list(meeting),
            "chaired_by": meeting.chaired_by.key if meeting.chaired_by else None,
            "version": meeting.version,
        }
        people = {p.key: p for p in Person.objects.filter(key__in=[r[0] for r in rows])}
        Attendance.objects.filter(meeting=meeting).delete()
        Attendance.objects.bulk_create(
            Attendance(meeting=meeting, person=people[key], present=present, note=note)
            for key, present, note in rows
        )
        meeting.chaired_by = chair
        meeting.version += 1
        meeting.save(update_fields=["chaired_by", "version", "updated_at"])
        _audit(
            actor,
            "attendance_record",
            meeting,
            before,
            {
                "attendance": _attendance_list(meeting),
                "chaired_by": chair.key if chair else None,
                "version": meeting.version,
            },
        )
    return meeting


def meeting_chair_set(
    *, actor: AnyUser, meeting_pk: int, person_key: str | None, expected_version: int
) -> Meeting:
    """Record who led the meeting (§§ 6, 17, 27): a member of the body recorded as present, or nobody.
    Whether that was the chair, or the vice chair standing in, is judged by the rules, not here."""
    with transaction.atomic():
        meeting = _locked(meeting_pk)
        _require_edit(actor, meeting.body)
        chair: Person | None = None
        if person_key:
            members, _assisting = _seats_on(meeting)
            present = set(
                Attendance.objects.filter(meeting=meeting, present=True).values_list("person__key", flat=True)
            )
            chair = _check_chair(meeting, person_key, present, members)
        _check_version(meeting, expected_version)
        before = meeting_as_dict(meeting)
        meeting.chaired_by = chair
        meeting.version += 1
        meeting.save(update_fields=["chaired_by", "version", "updated_at"])
        _audit(actor, "meeting_chair_set", meeting, before, meeting_as_dict(meeting))
    return meeting


def document_add(
    *,
    actor: AnyUser,
    meeting_pk: int,
    title: str,
    upload: UploadedFile,
    agenda_item_id: int | None = None,
) -> MeetingDocument:
    """Attach a document (agenda, appendix, minutes) to the meeting or one of its agenda items: PDF, DOCX, XLSX,
    ODT, PNG or JPEG by its content, within the size limit, passed by the virus-scan hook when one is set
    (``UPLOAD_SCANNER``; ``web.uploads``). A refused file saves nothing. A title the meeting already has makes a new version
    of that document; the older versions are kept."""
    meeting = Meeting.objects.select_related("body").get(pk=meeting_pk)
    _require_edit(actor, meeting.body)
    item: AgendaItem | None = None
    if agenda_item_id is not None:
        item = AgendaItem.objects.filter(meeting=meeting, pk=agenda_item_id).first()
        if item is None:
            raise MeetingInvalid("agenda_item", _("Dagsordenspunktet findes ikke på dette møde."))
    try:
        checked = upload_check(upload, allowed=DOCUMENT_KINDS, field="file")
    except UploadRefused as exc:
        raise MeetingInvalid(exc.field, exc.message) from None
    clean_title = _text("title", title, 300, _("Titlen")) or PurePath(checked.name).stem
    with transaction.atomic():
        newest = MeetingDocument.objects.filter(meeting=meeting, title=clean_title).aggregate(n=Max("number"))
        document = MeetingDocument(
            meeting=meeting,
            agenda_item=item,
            title=clean_title,
            file_type=checked.kind.value,
            size=checked.size,
            number=(newest["n"] or 0) + 1,
        )
        document.file.save(checked.name, upload, save=False)
        document.save()
        record_change(
            actor=actor,
            action="document_add",
            object_type="meeting_document",
            object_id=document.pk,
            region_code=meeting.body.region_id,
            after={
                "meeting": meeting.key,
                "meeting_id": meeting.pk,
                "agenda_item": item.number if item else None,
                "title": document.title,
                "version": document.number,
                "file": document.file.name,
                "type": checked.kind.value,
                "size": checked.size,
            },
        )
    return document
