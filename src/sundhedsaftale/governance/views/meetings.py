"""Pages for meetings: a body's meetings and calendar feed, one meeting, and the forms that change it.

Thin adapters: parse the request, call one selector or action, render. Who may edit is decided by
:func:`sundhedsaftale.governance.actions.meetings.may_edit_meetings` (built on ``accounts.permissions``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from pathlib import PurePath
from typing import Any
from zoneinfo import ZoneInfo

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from icalendar import Calendar, Event

from sundhedsaftale.accounts.permissions import can_view_region
from sundhedsaftale.core.case import MeetingKind, MeetingStatus
from sundhedsaftale.registry import clock
from sundhedsaftale.web.presenters import plain_finding_for_page
from sundhedsaftale.web.views import evaluation_date

from ..actions.meetings import (
    DOCUMENT_LABELS,
    AgendaItemInput,
    AttendanceEntry,
    ConflictError,
    MeetingInvalid,
    agenda_publish,
    agenda_set,
    attendance_record,
    document_add,
    max_document_mb,
    may_edit_meetings,
    meeting_cancel,
    meeting_create,
    meeting_update,
)
from ..actions.minutes import may_approve_minutes
from ..body_selectors import body_get
from ..forms.meetings import AGENDA_FIELDS, AgendaFormSet, CancelForm, DocumentForm, MeetingForm
from ..meeting_selectors import (
    CHAIRING_RULES,
    MEETING_RULES,
    Participant,
    agenda_seen_by,
    body_meetings,
    document_versions,
    findings_for_body,
    invitation_of,
    meeting_document_get,
    meeting_get,
    meeting_invitations,
    meeting_participants,
    minutes_seen_by,
    public_agenda,
)
from ..models import Body, Meeting
from ..stored_findings import region_findings_plain
from . import meeting_work

MEETING_TIMEZONE = ZoneInfo("Europe/Copenhagen")
STATUS_LABELS = {
    MeetingStatus.PLANNED.value: gettext_lazy("Planlagt"),
    MeetingStatus.HELD.value: gettext_lazy("Afholdt"),
    MeetingStatus.CANCELLED.value: gettext_lazy("Aflyst"),
}
KIND_LABELS = {
    MeetingKind.ORDINARY.value: gettext_lazy("Ordinært møde"),
    MeetingKind.CONSTITUTING.value: gettext_lazy("Konstituerende møde (§ 26, stk. 2)"),
    MeetingKind.DIALOGUE.value: gettext_lazy("Dialogmøde med patientinddragelsesudvalget (§ 30, stk. 2)"),
    MeetingKind.PATIENT_COMMITTEE_ANNUAL.value: gettext_lazy(
        "Årligt møde med patientinddragelsesudvalget (vejledningens afsnit 2.2.8)"
    ),
    MeetingKind.AGREEMENT_KICKOFF.value: gettext_lazy(
        "Møde med patientinddragelsesudvalget før udkastet til sundhedsaftalen (§ 29, stk. 1)"
    ),
}


# --- Helpers ----------------------------------------------------------------------------------------------


def _body_or_404(body_key: str) -> Body:
    body = body_get(body_key)
    if body is None:
        raise Http404(_("Ukendt organ '%(key)s'") % {"key": body_key})
    return body


def _meeting_or_404(pk: int) -> Meeting:
    meeting = meeting_get(pk)
    if meeting is None:
        raise Http404(_("Ukendt møde"))
    return meeting


def _require_view(request: HttpRequest, body: Body) -> None:
    if not can_view_region(request.user, body.region_id):
        raise PermissionDenied(_("Du har ikke adgang til regionens møder."))


def _require_edit(request: HttpRequest, body: Body) -> None:
    if not may_edit_meetings(request.user, body):
        raise PermissionDenied(
            _("Du kan kun redigere møder i organer, du er sekretariat for (%(body)s).") % {"body": body.name}
        )


def _row(meeting: Meeting) -> dict[str, Any]:
    return {
        "meeting": meeting,
        "status_label": STATUS_LABELS.get(meeting.status, meeting.status),
        "kind_label": KIND_LABELS.get(meeting.kind, meeting.kind),
    }


def _years(meetings: Iterable[Meeting]) -> list[dict[str, Any]]:
    """Meetings per calendar year, newest year first, with counts per status."""
    years: dict[int, list[Meeting]] = {}
    for m in meetings:
        years.setdefault(m.date.year, []).append(m)
    return [
        {
            "year": year,
            "rows": [_row(m) for m in items],
            "held": sum(1 for m in items if m.status == MeetingStatus.HELD.value),
            "planned": sum(1 for m in items if m.status == MeetingStatus.PLANNED.value),
            "cancelled": sum(1 for m in items if m.status == MeetingStatus.CANCELLED.value),
        }
        for year, items in sorted(years.items(), reverse=True)
    ]


def _posted_version(request: HttpRequest) -> int | None:
    """The meeting version a form was opened on (a hidden field); ``None`` when the post does not say."""
    raw = request.POST.get("version", "")
    return int(raw) if raw.isdigit() else None


MISSING_VERSION = gettext_lazy(
    "Formularen angiver ikke, hvilken version af mødet den bygger på, så intet er gemt; åbn siden igen."
)


def _form_error(form: forms.BaseForm, exc: MeetingInvalid) -> None:
    field = exc.field if exc.field in form.fields else None
    form.add_error(field, exc.message)


# --- Pages ------------------------------------------------------------------------------------------------


@login_required
def meeting_list(request: HttpRequest, body_key: str) -> HttpResponse:
    body = _body_or_404(body_key)
    _require_view(request, body)
    at = evaluation_date(request)
    findings = findings_for_body(region_findings_plain(body.region_id, at), body.key, MEETING_RULES)
    return render(
        request,
        "meetings/list.html",
        {
            "body": body,
            "at": at,
            "years": _years(body_meetings(body)),
            "findings": [plain_finding_for_page(f) for f in findings],
            "can_edit": may_edit_meetings(request.user, body),
            "ical_url": request.build_absolute_uri(reverse("governance:meeting_ical", args=[body.key])),
        },
    )


@login_required
def meeting_new(request: HttpRequest, body_key: str) -> HttpResponse:
    body = _body_or_404(body_key)
    _require_edit(request, body)
    form = MeetingForm(
        request.POST or None,
        initial={"status": MeetingStatus.PLANNED.value, "kind": MeetingKind.ORDINARY.value},
    )
    if request.method == "POST" and form.is_valid():
        try:
            meeting = meeting_create(
                actor=request.user, body=body, data=form.meeting_input(), today=clock.today()
            )
        except MeetingInvalid as exc:
            _form_error(form, exc)
        else:
            messages.success(request, _("Mødet er oprettet."))
            return redirect("governance:meeting_detail", pk=meeting.pk)
    return render(request, "meetings/form.html", {"form": form, "body": body, "meeting": None})


@login_required
def meeting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting_or_404(pk)
    body = meeting.body
    _require_view(request, body)
    today = clock.today()
    # The chairing rules look back 12 months: a held meeting is judged as on its own date unless asked.
    if request.GET.get("dato"):
        at = evaluation_date(request)
    else:
        at = meeting.date if meeting.date <= today else today
    findings = findings_for_body(region_findings_plain(body.region_id, at), body.key, CHAIRING_RULES)
    attendance = list(meeting.attendances.all())
    agenda = agenda_seen_by(meeting, request.user)
    can_edit = may_edit_meetings(request.user, body)
    groups = document_versions(meeting)
    documents = [g for g in groups if g["current"].agenda_item_id is None]  # type: ignore[attr-defined]
    for item in agenda or []:
        item.shown_attachments = [  # type: ignore[attr-defined]
            g
            for g in groups
            if g["current"].agenda_item_id == item.pk  # type: ignore[attr-defined]
        ]
    return render(
        request,
        "meetings/detail.html",
        {
            "body": body,
            "meeting": meeting,
            **_row(meeting),
            "agenda": agenda or [],
            "agenda_draft": agenda is not None and meeting.agenda_published_at is None,
            "present": [a for a in attendance if a.present],
            "absent": [a for a in attendance if not a.present],
            "documents": documents,
            "findings": [plain_finding_for_page(f) for f in findings],
            "at": at,
            "can_edit": can_edit,
            "can_cancel": meeting.status == MeetingStatus.PLANNED.value,
            "show_minutes": minutes_seen_by(meeting, request.user),
            "can_approve": meeting.minutes_approved_on is None and may_approve_minutes(request.user, meeting),
            "invitations": meeting_invitations(meeting) if can_edit else [],
            "own_invitation": invitation_of(meeting, request.user),
            "today": clock.today(),
        },
    )


@login_required
def meeting_edit(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting_or_404(pk)
    body = meeting.body
    _require_edit(request, body)
    initial = {
        "date": meeting.date,
        "status": meeting.status,
        "kind": meeting.kind,
        "title": meeting.title,
        "location": meeting.location,
        "starts_at": meeting.starts_at,
        "ends_at": meeting.ends_at,
        "video_url": meeting.video_url,
        "requested_by_member": meeting.requested_by_member,
        "patient_committee_invited": meeting.patient_committee_invited,
        "minutes": meeting.minutes,
        "version": meeting.version,
    }
    form = MeetingForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            meeting_update(
                actor=request.user,
                meeting_pk=meeting.pk,
                expected_version=form.cleaned_data["version"] or 0,
                data=form.meeting_input(),
                today=clock.today(),
            )
        except ConflictError as exc:
            form.add_error(None, str(exc))
        except MeetingInvalid as exc:
            _form_error(form, exc)
        else:
            messages.success(request, _("Mødet er gemt."))
            return redirect("governance:meeting_detail", pk=meeting.pk)
    return render(request, "meetings/form.html", {"form": form, "body": body, "meeting": meeting})


@login_required
def meeting_cancel_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Cancelling asks first: the page names who will be told, and only the confirming post cancels."""
    meeting = _meeting_or_404(pk)
    body = meeting.body
    _require_edit(request, body)
    form = CancelForm(request.POST or None, initial={"version": meeting.version})
    if request.method == "POST" and form.is_valid():
        try:
            meeting_cancel(
                actor=request.user,
                meeting_pk=meeting.pk,
                expected_version=form.cleaned_data["version"],
                reason=form.cleaned_data["reason"],
            )
        except (ConflictError, MeetingInvalid) as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(
                request, _("Mødet er aflyst. De inviterede får besked med de næste påmindelser.")
            )
            return redirect("governance:meeting_detail", pk=meeting.pk)
    elif request.method == "POST" and "version" in form.errors:
        form.add_error(None, str(MISSING_VERSION))
    invitations = meeting_invitations(meeting)
    return render(
        request,
        "meetings/cancel.html",
        {
            "body": body,
            "meeting": meeting,
            "form": form,
            "invitations": invitations,
            "with_account": [i for i in invitations if i.person.user_id is not None],
            "can_cancel": meeting.status == MeetingStatus.PLANNED.value,
        },
    )


@login_required
@require_POST
def meeting_agenda_publish(request: HttpRequest, pk: int) -> HttpResponse:
    """Publish the draft agenda: its public items go into the public calendar feed (§ 2, stk. 3 items do not)."""
    meeting = _meeting_or_404(pk)
    _require_edit(request, meeting.body)
    version = _posted_version(request)
    if version is None:
        messages.error(request, str(MISSING_VERSION))
        return redirect("governance:meeting_detail", pk=meeting.pk)
    try:
        agenda_publish(
            actor=request.user, meeting_pk=meeting.pk, expected_version=version, now=timezone.now()
        )
    except (ConflictError, MeetingInvalid) as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Dagsordenen er offentliggjort."))
    return redirect("governance:meeting_detail", pk=meeting.pk)


def _attendance_rows(
    participants: list[Participant], present: dict[str, bool], notes: dict[str, str]
) -> list[dict[str, Any]]:
    rows = []
    for p in participants:
        if p.chair:
            capacity = _("Formand")
        elif p.vice_chair:
            capacity = _("Næstformand")
        elif not p.member:
            capacity = _("Bistående repræsentant eller fagkyndig")
        elif p.substitute:
            capacity = _("Stedfortræder")
        else:
            capacity = _("Medlem")
        rows.append(
            {
                "key": p.person.key,
                "name": p.person.name,
                "organisation": p.person.organisation,
                "capacity": capacity,
                "member": p.member,
                "present": present.get(p.person.key, False),
                "note": notes.get(p.person.key, ""),
            }
        )
    return rows


@login_required
def meeting_attendance(request: HttpRequest, pk: int) -> HttpResponse:
    """A checkbox per member present and a radio for who led the meeting; unticked members are absent."""
    meeting = _meeting_or_404(pk)
    body = meeting.body
    _require_edit(request, body)
    participants = meeting_participants(meeting)
    recorded = {a.person.key: a for a in meeting.attendances.all()}
    present = {key: a.present for key, a in recorded.items()}
    notes = {key: a.note for key, a in recorded.items()}
    chaired_by = meeting.chaired_by.key if meeting.chaired_by else ""
    version = meeting.version
    errors: list[str] = []
    if request.method == "POST":
        ticked = set(request.POST.getlist("present"))
        present = {p.person.key: p.person.key in ticked for p in participants}
        notes = {p.person.key: request.POST.get(f"note-{p.person.key}", "") for p in participants}
        chaired_by = request.POST.get("chaired_by", "")
        posted = _posted_version(request)
        entries = [
            AttendanceEntry(p.person.key, present[p.person.key], notes[p.person.key])
            for p in participants
            # members are recorded present or absent (absence matters for §§ 17, 27); others when they came
            if p.member or present[p.person.key] or notes[p.person.key].strip()
        ]
        entries += [  # keys posted that are not on the list: the action refuses them by name
            AttendanceEntry(key, True, "") for key in sorted(ticked - {p.person.key for p in participants})
        ]
        try:
            if posted is None:
                raise MeetingInvalid("version", str(MISSING_VERSION))
            attendance_record(
                actor=request.user,
                meeting_pk=meeting.pk,
                entries=entries,
                expected_version=posted,
                chaired_by=chaired_by or None,
            )
        except (ConflictError, MeetingInvalid) as exc:
            errors.append(str(exc))
        else:
            messages.success(request, _("Deltagere og mødeleder er gemt."))
            return redirect("governance:meeting_detail", pk=meeting.pk)
        version = posted if posted is not None else meeting.version
    return render(
        request,
        "meetings/attendance.html",
        {
            "body": body,
            "meeting": meeting,
            "rows": _attendance_rows(participants, present, notes),
            "chaired_by": chaired_by,
            "version": version,
            "errors": errors,
        },
    )


def _raw_agenda_rows(formset: Any) -> list[dict[str, Any]]:
    return [{name: form[name].value() for name in AGENDA_FIELDS} for form in formset.forms]


def _agenda_formset(rows: list[dict[str, Any]]) -> Any:
    """An unsaved editor of ``rows``: put in the order their numbers give (unnumbered last), renumbered."""

    def position(pair: tuple[int, dict[str, Any]]) -> tuple[int, int]:
        number = str(pair[1].get("number") or "")
        return (int(number) if number.isdigit() else 10**6, pair[0])

    ordered = [row for _index, row in sorted(enumerate(rows), key=position)]
    numbered = [{**row, "number": index} for index, row in enumerate(ordered, start=1)]
    return AgendaFormSet(initial=numbered, prefix="items")


@login_required
def meeting_agenda(request: HttpRequest, pk: int) -> HttpResponse:
    """Edit the ordered agenda. "Tilføj punkt" and "Fjern" re-render the form without saving (with htmx only
    the editor is swapped; without JavaScript the whole page reloads); "Gem dagsorden" saves it all."""
    meeting = _meeting_or_404(pk)
    body = meeting.body
    _require_edit(request, body)
    errors: list[str] = []
    version = meeting.version
    focus_add = False
    if request.method != "POST":
        rows: list[dict[str, Any]] = [
            {
                "item_id": a.pk,
                "title": a.title,
                "description": a.description,
                "summary": a.summary,
                "recommendation": a.recommendation,
                "authorities_only": a.authorities_only,
                "closed": a.closed,
                "outcome": a.outcome,
            }
            for a in meeting.agenda_items.all()
        ]
        formset = _agenda_formset(rows or [{}])
    else:
        posted = _posted_version(request)
        version = posted if posted is not None else meeting.version
        formset = AgendaFormSet(request.POST, prefix="items")
        if "add" in request.POST:
            formset = _agenda_formset([*_raw_agenda_rows(formset), {}])
            # keyboard focus goes to the new row (htmx focuses [autofocus] in what it swaps in)
            formset.forms[-1].fields["title"].widget.attrs["autofocus"] = True
        elif "remove" in request.POST:
            rows = _raw_agenda_rows(formset)
            index = request.POST["remove"]
            if index.isdigit() and int(index) < len(rows):
                del rows[int(index)]
            formset = _agenda_formset(rows or [{}])
            focus_add = True
        elif formset.is_valid():
            kept = [
                (form.cleaned_data.get("number") or 10**6, index, form)
                for index, form in enumerate(formset.forms)
                if not form.is_blank()
            ]
            items = [
                AgendaItemInput(
                    title=form.cleaned_data["title"],
                    description=form.cleaned_data["description"],
                    authorities_only=form.cleaned_data["authorities_only"],
                    outcome=form.cleaned_data["outcome"],
                    summary=form.cleaned_data["summary"],
                    recommendation=form.cleaned_data["recommendation"],
                    closed=form.cleaned_data["closed"],
                    item_id=form.cleaned_data["item_id"],
                )
                for _number, _index, form in sorted(kept, key=lambda t: (t[0], t[1]))
            ]
            try:
                if posted is None:
                    raise MeetingInvalid("version", str(MISSING_VERSION))
                agenda_set(actor=request.user, meeting_pk=meeting.pk, items=items, expected_version=posted)
            except (ConflictError, MeetingInvalid) as exc:
                errors.append(str(exc))
            else:
                messages.success(request, _("Dagsordenen er gemt."))
                return redirect("governance:meeting_detail", pk=meeting.pk)
    return render(
        request,
        "meetings/agenda.html",
        {
            "body": body,
            "meeting": meeting,
            "formset": formset,
            "version": version,
            "errors": errors,
            "focus_add": focus_add,
        },
    )


@login_required
def meeting_documents(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting_or_404(pk)
    body = meeting.body
    _require_edit(request, body)
    items = list(meeting.agenda_items.all())
    form = DocumentForm(request.POST or None, request.FILES or None, items=items)
    if request.method == "POST" and form.is_valid():
        try:
            document_add(
                actor=request.user,
                meeting_pk=meeting.pk,
                title=form.cleaned_data["title"],
                upload=form.cleaned_data["file"],
                agenda_item_id=form.cleaned_data["agenda_item"],
            )
        except MeetingInvalid as exc:
            _form_error(form, exc)
        else:
            messages.success(request, _("Dokumentet er vedhæftet."))
            return redirect("governance:meeting_documents", pk=meeting.pk)
    return render(
        request,
        "meetings/documents.html",
        {
            "body": body,
            "meeting": meeting,
            "form": form,
            "documents": document_versions(meeting),
            "limit_mb": f"{max_document_mb():g}",
            "types": DOCUMENT_LABELS,
        },
    )


@login_required
def meeting_document(request: HttpRequest, pk: int, doc_pk: int) -> FileResponse:
    """A meeting document, for logged-in users only (it may hold what is not yet public)."""
    meeting = _meeting_or_404(pk)
    _require_view(request, meeting.body)
    document = meeting_document_get(meeting, doc_pk)
    if document is not None and document.agenda_item_id is not None:
        # an item's attachment goes only to those who see the item (not a closed one, not a draft agenda)
        seen = {item.pk for item in agenda_seen_by(meeting, request.user) or []}
        if document.agenda_item_id not in seen:
            document = None
    name = document.file.name if document is not None else None
    if document is None or not name or not document.file.storage.exists(name):
        raise Http404(_("Ukendt dokument"))
    return FileResponse(document.file.open("rb"), as_attachment=True, filename=PurePath(name).name)


def meeting_ical(request: HttpRequest, body_key: str) -> HttpResponse:
    """The body's meetings as an iCalendar feed (RFC 5545), public: one event per meeting at its time of day
    (Danish time; all day when no time is recorded), with the public items of its agenda once it is published."""
    body = _body_or_404(body_key)
    calendar = Calendar()
    calendar.add("prodid", "-//Sundhedsaftale//Moeder//DA")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", body.name)
    stamp = timezone.now()
    for meeting in body_meetings(body):
        event = Event()
        event.add("uid", f"{meeting.key}@sundhedsaftale")
        event.add("dtstamp", stamp)
        if meeting.starts_at is not None:
            start = dt.datetime.combine(meeting.date, meeting.starts_at, tzinfo=MEETING_TIMEZONE)
            end_time = meeting.ends_at or (start + dt.timedelta(hours=2)).time()
            event.add("dtstart", start)
            event.add("dtend", dt.datetime.combine(meeting.date, end_time, tzinfo=MEETING_TIMEZONE))
        else:  # recorded without a time of day: an all-day event
            event.add("dtstart", meeting.date)
            event.add("dtend", meeting.date + dt.timedelta(days=1))
        event.add("summary", meeting.title or body.name)
        place = ", ".join(p for p in (meeting.location, meeting.video_url) if p)
        if place:
            event.add("location", place)
        cancelled = meeting.status == MeetingStatus.CANCELLED.value
        event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
        event.add("sequence", meeting.version)
        # Public: a published agenda's items only, never a draft, never an item for the authorities only.
        agenda = public_agenda(meeting)
        if agenda:
            lines = [_("Dagsorden:")] + [f"{item.number}. {item.title}" for item in agenda]
            event.add("description", "\n".join(lines))
        event.add("url", request.build_absolute_uri(reverse("governance:meeting_detail", args=[meeting.pk])))
        calendar.add_component(event)
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{body.key}.ics"'
    return response


urlpatterns: list[URLPattern] = [
    path("organer/<str:body_key>/moeder/", meeting_list, name="meeting_list"),
    path("organer/<str:body_key>/moeder/ny/", meeting_new, name="meeting_create"),
    path("organer/<str:body_key>/moeder.ics", meeting_ical, name="meeting_ical"),
    path("moeder/<int:pk>/", meeting_detail, name="meeting_detail"),
    path("moeder/<int:pk>/rediger/", meeting_edit, name="meeting_edit"),
    path("moeder/<int:pk>/aflys/", meeting_cancel_view, name="meeting_cancel"),
    path("moeder/<int:pk>/deltagere/", meeting_attendance, name="meeting_attendance"),
    path("moeder/<int:pk>/dagsorden/", meeting_agenda, name="meeting_agenda"),
    path("moeder/<int:pk>/dagsorden/offentliggoer/", meeting_agenda_publish, name="meeting_agenda_publish"),
    path("moeder/<int:pk>/dokumenter/", meeting_documents, name="meeting_documents"),
    path("moeder/<int:pk>/dokumenter/<int:doc_pk>/", meeting_document, name="meeting_document"),
    *meeting_work.urlpatterns,
]
