"""Pages for a meeting's work as a meeting system runs it: the invitation and the answers to it, the minutes and
their approval and publication, the agenda pack and the minutes as documents.

Thin adapters: parse the request, call one selector or action, render. What a reader may see of a meeting is
decided by ``meeting_selectors`` (``agenda_seen_by``, ``minutes_seen_by``).
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sundhedsaftale.accounts.permissions import can_view_region
from sundhedsaftale.documents import render_docx, render_pdf
from sundhedsaftale.documents.meetings import (
    MeetingItem,
    MeetingPaper,
    agenda_document,
    merge_pdfs,
    minutes_document,
)
from sundhedsaftale.registry import clock

from ..actions.invitations import invitations_send, invitees_planned, rsvp_answer
from ..actions.meetings import ConflictError, MeetingInvalid, may_edit_meetings
from ..actions.minutes import (
    chair_of,
    may_approve_minutes,
    minutes_approve,
    minutes_item_add,
    minutes_publish,
    minutes_save,
)
from ..forms.meetings import ApprovalForm, RsvpForm
from ..meeting_selectors import (
    agenda_seen_by,
    invitation_of,
    meeting_get,
    meeting_invitations,
    minutes_seen_by,
)
from ..models import AgendaItem, Meeting, MeetingDocument, MinutesApproval, RsvpAnswer

_CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


def _meeting_or_404(pk: int) -> Meeting:
    meeting = meeting_get(pk)
    if meeting is None:
        raise Http404(_("Ukendt møde"))
    return meeting


def _require_view(request: HttpRequest, meeting: Meeting) -> None:
    if not can_view_region(request.user, meeting.body.region_id):
        raise PermissionDenied(_("Du har ikke adgang til regionens møder."))


def _require_edit(request: HttpRequest, meeting: Meeting) -> None:
    if not may_edit_meetings(request.user, meeting.body):
        raise PermissionDenied(
            _("Du kan kun redigere møder i organer, du er sekretariat for (%(body)s).")
            % {"body": meeting.body.name}
        )


def _version(request: HttpRequest) -> int | None:
    raw = request.POST.get("version", "")
    return int(raw) if raw.isdigit() else None


def _missing_version() -> str:
    return _(
        "Formularen angiver ikke, hvilken version af mødet den bygger på, så intet er gemt; åbn siden igen."
    )


# --- Invitations and answers ------------------------------------------------------------------------------


@login_required
def meeting_invitations_view(request: HttpRequest, pk: int) -> HttpResponse:
    """The secretariat's list of invitees and answers; sending asks for an explicit confirmation."""
    meeting = _meeting_or_404(pk)
    _require_edit(request, meeting)
    errors: list[str] = []
    if request.method == "POST":
        version = _version(request)
        if request.POST.get("confirm") != "yes":
            errors.append(_("Bekræft, at indkaldelsen skal sendes; der er ikke sendt noget."))
        elif version is None:
            errors.append(_missing_version())
        else:
            try:
                invitations_send(
                    actor=request.user, meeting_pk=meeting.pk, expected_version=version, now=timezone.now()
                )
            except (ConflictError, MeetingInvalid) as exc:
                errors.append(str(exc))
            else:
                messages.success(request, _("Indkaldelsen er sendt."))
                return redirect("governance:meeting_invitations", pk=meeting.pk)
    invitations = meeting_invitations(meeting)
    counts = {answer.value: 0 for answer in RsvpAnswer}
    for invitation in invitations:
        counts[invitation.answer] += 1
    return render(
        request,
        "meetings/invitations.html",
        {
            "body": meeting.body,
            "meeting": meeting,
            "invitations": invitations,
            "counts": counts,
            "answer_labels": dict(RsvpAnswer.choices),
            "to_invite": invitees_planned(meeting) - len(invitations) if meeting.status == "planned" else 0,
            "errors": errors,
        },
    )


@login_required
def meeting_rsvp(request: HttpRequest, pk: int) -> HttpResponse:
    """The signed-in invitee's own answer; a user without an invitation is told so and can answer nothing."""
    meeting = _meeting_or_404(pk)
    _require_view(request, meeting)
    invitation = invitation_of(meeting, request.user)
    initial: dict[str, Any] = {}
    if invitation is not None:
        initial = {
            "answer": invitation.answer if invitation.answer != RsvpAnswer.PENDING else None,
            "substitute_name": invitation.substitute_name,
            "note": invitation.note,
            "version": invitation.version,
        }
    form = RsvpForm(request.POST if request.method == "POST" else None, initial=initial)
    status = 200
    if request.method == "POST":
        if invitation is None:
            form.is_valid()  # the errors of the form are shown beside the reason nothing is saved
            form.add_error(None, _("Du er ikke indkaldt til dette møde; der er intet at svare på."))
            status = 400
        elif form.is_valid():
            try:
                rsvp_answer(
                    actor=request.user,
                    invitation_pk=invitation.pk,
                    answer=form.cleaned_data["answer"],
                    substitute_name=form.cleaned_data["substitute_name"],
                    note=form.cleaned_data["note"],
                    expected_version=form.cleaned_data["version"],
                    now=timezone.now(),
                )
            except MeetingInvalid as exc:
                form.add_error(exc.field if exc.field in form.fields else None, exc.message)
            else:
                messages.success(request, _("Dit svar er gemt."))
                return redirect("governance:meeting_detail", pk=meeting.pk)
    return render(
        request,
        "meetings/rsvp.html",
        {"body": meeting.body, "meeting": meeting, "invitation": invitation, "form": form},
        status=status,
    )


# --- Minutes ----------------------------------------------------------------------------------------------


@login_required
def meeting_minutes(request: HttpRequest, pk: int) -> HttpResponse:
    """Draft the minutes: the general minutes and each item's decision; frozen once approved."""
    meeting = _meeting_or_404(pk)
    _require_edit(request, meeting)
    items = list(AgendaItem.objects.filter(meeting=meeting).order_by("number"))
    errors: list[str] = []
    general = meeting.minutes
    decisions = {item.pk: item.outcome for item in items}
    version = meeting.version
    if request.method == "POST":
        general = request.POST.get("minutes", "")
        decisions = {item.pk: request.POST.get(f"decision-{item.pk}", "") for item in items}
        posted = _version(request)
        version = posted if posted is not None else meeting.version
        try:
            if posted is None:
                raise MeetingInvalid("version", _missing_version())
            minutes_save(
                actor=request.user,
                meeting_pk=meeting.pk,
                expected_version=posted,
                general=general,
                decisions=decisions,
            )
        except (ConflictError, MeetingInvalid) as exc:
            errors.append(str(exc))
        else:
            messages.success(request, _("Referatet er gemt som udkast."))
            return redirect("governance:meeting_detail", pk=meeting.pk)
    return render(
        request,
        "meetings/minutes.html",
        {
            "body": meeting.body,
            "meeting": meeting,
            "rows": [{"item": item, "decision": decisions.get(item.pk, "")} for item in items],
            "general": general,
            "version": version,
            "errors": errors,
            "frozen": meeting.minutes_approved_on is not None,
            "approval_form": ApprovalForm(initial={"approved_on": clock.today(), "version": meeting.version}),
            "chair": chair_of(meeting),
        },
    )


@login_required
@require_POST
def meeting_minutes_approve(request: HttpRequest, pk: int) -> HttpResponse:
    """The chair's approval (the chair signed in, or the secretariat recording it with its date)."""
    meeting = _meeting_or_404(pk)
    if not may_approve_minutes(request.user, meeting):
        raise PermissionDenied(
            _("Kun organets sekretariat og mødets formand kan godkende referatet af %(body)s.")
            % {"body": meeting.body.name}
        )
    form = ApprovalForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Angiv en gyldig godkendelsesdato; referatet er ikke godkendt."))
        return redirect("governance:meeting_detail", pk=meeting.pk)
    try:
        minutes_approve(
            actor=request.user,
            meeting_pk=meeting.pk,
            expected_version=form.cleaned_data["version"],
            approved_on=form.cleaned_data["approved_on"],
            today=clock.today(),
        )
    except (ConflictError, MeetingInvalid) as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Referatet er godkendt og kan ikke længere ændres."))
    return redirect("governance:meeting_detail", pk=meeting.pk)


@login_required
@require_POST
def meeting_minutes_publish(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting_or_404(pk)
    _require_edit(request, meeting)
    version = _version(request)
    if request.POST.get("confirm") != "yes":
        messages.error(request, _("Bekræft, at referatet skal offentliggøres; intet er ændret."))
        return redirect("governance:meeting_detail", pk=meeting.pk)
    try:
        if version is None:
            raise MeetingInvalid("version", _missing_version())
        minutes_publish(
            actor=request.user, meeting_pk=meeting.pk, expected_version=version, now=timezone.now()
        )
    except (ConflictError, MeetingInvalid) as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Referatet er offentliggjort."))
    return redirect("governance:meeting_detail", pk=meeting.pk)


@login_required
@require_POST
def meeting_minutes_item(request: HttpRequest, pk: int) -> HttpResponse:
    """Put "Godkendelse af referat" for the previous meeting first on this meeting's agenda."""
    meeting = _meeting_or_404(pk)
    _require_edit(request, meeting)
    version = _version(request)
    try:
        if version is None:
            raise MeetingInvalid("version", _missing_version())
        minutes_item_add(actor=request.user, meeting_pk=meeting.pk, expected_version=version)
    except (ConflictError, MeetingInvalid) as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Godkendelse af referat er sat på dagsordenen som punkt 1."))
    return redirect("governance:meeting_detail", pk=meeting.pk)


# --- Documents --------------------------------------------------------------------------------------------


def _time_text(meeting: Meeting) -> str:
    if meeting.starts_at is None:
        return ""
    start = meeting.starts_at.strftime("%H.%M")
    return f"{start}–{meeting.ends_at.strftime('%H.%M')}" if meeting.ends_at else start


def _newest_attachments(meeting: Meeting, items: list[AgendaItem]) -> dict[int | None, list[MeetingDocument]]:
    """The newest version of each document, by the item it belongs to (``None``: the meeting as a whole)."""
    shown = {item.pk for item in items}
    newest: dict[str, MeetingDocument] = {}
    for d in MeetingDocument.objects.filter(meeting=meeting).order_by("title", "number"):
        newest[d.title] = d
    by_item: dict[int | None, list[MeetingDocument]] = {}
    for d in sorted(newest.values(), key=lambda d: d.uploaded_at):
        if d.agenda_item_id is None or d.agenda_item_id in shown:
            by_item.setdefault(d.agenda_item_id, []).append(d)
    return by_item


def _approval_text(meeting: Meeting) -> str:
    if meeting.minutes_approved_on is None:
        return ""
    day = meeting.minutes_approved_on.strftime("%d.%m.%Y")
    if meeting.minutes_approved_how == MinutesApproval.NEXT_MEETING:
        return _("Godkendt på mødet den %(date)s.") % {"date": day}
    return _("Godkendt af formanden, %(name)s, den %(date)s.") % {
        "name": meeting.minutes_approved_by,
        "date": day,
    }


def _paper(
    meeting: Meeting,
    items: list[AgendaItem],
    attachments: dict[int | None, list[MeetingDocument]],
    *,
    with_minutes: bool,
) -> MeetingPaper:
    attendance = list(meeting.attendances.all())
    return MeetingPaper(
        body=meeting.body.name,
        date=meeting.date,
        title=meeting.title,
        time=_time_text(meeting),
        place=meeting.location,
        video_url=meeting.video_url,
        region=meeting.body.region.name,
        items=tuple(
            MeetingItem(
                number=item.number,
                title=item.title,
                description=item.description,
                summary=item.summary,
                recommendation=item.recommendation,
                decision=item.outcome if with_minutes else "",
                authorities_only=item.authorities_only,
                closed=item.closed,
                attachments=tuple(
                    f"{d.title} ({d.file_type.upper() or '?'})" for d in attachments.get(item.pk, [])
                ),
            )
            for item in items
        ),
        meeting_attachments=tuple(
            f"{d.title} ({d.file_type.upper() or '?'})" for d in attachments.get(None, [])
        ),
        general_minutes=meeting.minutes if with_minutes else "",
        present=tuple(a.person.name for a in attendance if a.present) if with_minutes else (),
        absent=tuple(a.person.name for a in attendance if not a.present) if with_minutes else (),
        chaired_by=meeting.chaired_by.name if with_minutes and meeting.chaired_by else "",
        approval=_approval_text(meeting),
    )


def _download(data: bytes, fmt: str, name: str) -> HttpResponse:
    response = HttpResponse(data, content_type=_CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response


@login_required
def meeting_agenda_pack(request: HttpRequest, pk: int) -> HttpResponse:
    """The agenda pack as one PDF: the agenda with each item's case summary and recommendation, then the PDF
    attachments of the items the reader may see (other attachments are named in the agenda)."""
    meeting = _meeting_or_404(pk)
    _require_view(request, meeting)
    items = agenda_seen_by(meeting, request.user) or []
    attachments = _newest_attachments(meeting, items)
    agenda = render_pdf(agenda_document(_paper(meeting, items, attachments, with_minutes=False)))
    pdfs: list[bytes] = []
    for group in [attachments.get(item.pk, []) for item in items] + [attachments.get(None, [])]:
        for d in group:
            if d.file_type == "pdf" and d.file.name and d.file.storage.exists(d.file.name):
                with d.file.open("rb") as handle:
                    pdfs.append(handle.read())
    return _download(merge_pdfs(agenda, pdfs), "pdf", f"dagsorden-{meeting.key}")


@login_required
def meeting_minutes_document(request: HttpRequest, pk: int, fmt: str = "pdf") -> HttpResponse:
    """The minutes as PDF/A or DOCX, with what the reader may see: the whole minutes once published (or to the
    body's secretariat), otherwise only that they are not yet published."""
    if fmt not in _CONTENT_TYPES:
        raise Http404(_("Ukendt format"))
    meeting = _meeting_or_404(pk)
    _require_view(request, meeting)
    items = agenda_seen_by(meeting, request.user) or []
    shown = minutes_seen_by(meeting, request.user)
    paper = _paper(meeting, items if shown else [], {}, with_minutes=shown)
    if not shown:
        paper = MeetingPaper(
            body=paper.body,
            date=paper.date,
            title=paper.title,
            time=paper.time,
            place=paper.place,
            region=paper.region,
            approval=_("Referatet er ikke offentliggjort endnu."),
        )
    document = minutes_document(paper)
    data = render_pdf(document) if fmt == "pdf" else render_docx(document)
    return _download(data, fmt, f"referat-{meeting.key}")


urlpatterns: list[URLPattern] = [
    path("moeder/<int:pk>/indkaldelse/", meeting_invitations_view, name="meeting_invitations"),
    path("moeder/<int:pk>/svar/", meeting_rsvp, name="meeting_rsvp"),
    path("moeder/<int:pk>/referat/", meeting_minutes, name="meeting_minutes"),
    path("moeder/<int:pk>/referat/godkend/", meeting_minutes_approve, name="meeting_minutes_approve"),
    path("moeder/<int:pk>/referat/offentliggoer/", meeting_minutes_publish, name="meeting_minutes_publish"),
    path(
        "moeder/<int:pk>/dagsorden/godkendelse-af-referat/", meeting_minutes_item, name="meeting_minutes_item"
    ),
    path("moeder/<int:pk>/dagsordenpakke.pdf", meeting_agenda_pack, name="meeting_agenda_pack"),
    path("moeder/<int:pk>/referat.pdf", meeting_minutes_document, {"fmt": "pdf"}, name="meeting_minutes_pdf"),
    path(
        "moeder/<int:pk>/referat.docx", meeting_minutes_document, {"fmt": "docx"}, name="meeting_minutes_docx"
    ),
]
