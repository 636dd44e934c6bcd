"""Pages of hearing rounds (ADR 0036): a region's list, the draft, sending (confirmed), the round with its answers
and dispositions, the answer form, the disposition form, closing and the høringsnotat. Thin adapters over
``actions`` and ``selectors``."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path
from django.utils.translation import gettext as _

from sundhedsaftale.accounts.permissions import can_edit_region, can_list_hearings
from sundhedsaftale.registry import clock
from sundhedsaftale.registry.selectors import region_get

from .actions import (
    HearingConflict,
    Invalid,
    hearing_answer_record,
    hearing_dispositions_set,
    hearing_round_close,
    hearing_round_create,
    hearing_round_send,
    hearing_round_update,
)
from .forms import EXTRA_DISPOSITION_ROWS, AnswerForm, CloseForm, DispositionForm, RoundForm, SendForm
from .models import Addressee, HearingRound, RoundState, Topic
from .notat import notat_file
from .selectors import answer_of, may_answer, may_read_round, round_get, rounds_of_region

app_name = "hearings"


def _round_or_404(round_id: int) -> HearingRound:
    round_ = round_get(round_id)
    if round_ is None:
        raise Http404(_("Ukendt høring."))
    return round_


def _readable(request: HttpRequest, round_id: int) -> HearingRound:
    round_ = _round_or_404(round_id)
    if not may_read_round(request.user, round_):
        raise PermissionDenied(_("Høringen hører til en anden region."))
    return round_


def _secretariat(request: HttpRequest, round_id: int) -> HearingRound:
    round_ = _round_or_404(round_id)
    if not can_edit_region(request.user, round_.region_id):
        raise PermissionDenied(_("Kun regionens sekretariat kan forberede, sende og behandle høringer."))
    return round_


def _addressee(round_: HearingRound, addressee_id: int) -> Addressee:
    for a in round_.addressees.all():
        if a.pk == addressee_id:
            return a
    raise Http404(_("Høringsparten hører ikke til denne høring."))


@login_required
def round_list(request: HttpRequest, code: str) -> HttpResponse:
    region = region_get(code)
    if region is None:
        raise Http404
    if not can_list_hearings(request.user, code):
        raise PermissionDenied(_("Høringerne hører til en anden region."))
    return render(
        request,
        "hearings/list.html",
        {
            "region": region,
            "rounds": rounds_of_region(request.user, code),
            "can_edit": can_edit_region(request.user, code),
            "today": clock.today(),
        },
    )


@login_required
def round_new(request: HttpRequest, code: str) -> HttpResponse:
    region = region_get(code)
    if region is None:
        raise Http404
    if not can_edit_region(request.user, code):
        raise PermissionDenied(_("Kun regionens sekretariat kan forberede høringer."))
    initial = {}
    if request.GET.get("aftale"):
        initial = {"topic": Topic.AGREEMENT_DRAFT.value, "agreement": request.GET["aftale"]}
    form = RoundForm(request.POST or None, request.FILES or None, region_code=code, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            round_ = hearing_round_create(
                actor=request.user,
                region_code=code,
                data=form.round(),
                upload=form.cleaned_data.get("document"),
            )
        except Invalid as exc:
            form.add_action_errors(exc)
        else:
            messages.success(request, _("Høringen er gemt som kladde. Den er ikke sendt endnu."))
            return redirect("hearings:round", round_id=round_.pk)
    return render(request, "hearings/form.html", {"region": region, "form": form, "round": None})


@login_required
def round_edit(request: HttpRequest, round_id: int) -> HttpResponse:
    round_ = _secretariat(request, round_id)
    if not round_.is_draft:
        messages.error(
            request, _("Høringen er sendt; høringsparterne og materialet kan ikke længere ændres.")
        )
        return redirect("hearings:round", round_id=round_.pk)
    form = RoundForm(
        request.POST or None,
        request.FILES or None,
        region_code=round_.region_id,
        initial=RoundForm.initial_of(round_),
    )
    if request.method == "POST" and form.is_valid():
        try:
            hearing_round_update(
                actor=request.user,
                round_pk=round_.pk,
                expected_version=form.cleaned_data.get("version"),
                data=form.round(),
                upload=form.cleaned_data.get("document"),
            )
        except (Invalid, HearingConflict) as exc:
            if isinstance(exc, Invalid):
                form.add_action_errors(exc)
            else:
                form.add_error(None, str(exc))
        else:
            messages.success(request, _("Kladden er gemt."))
            return redirect("hearings:round", round_id=round_.pk)
    return render(request, "hearings/form.html", {"region": round_.region, "form": form, "round": round_})


@login_required
def round_send(request: HttpRequest, round_id: int) -> HttpResponse:
    round_ = _secretariat(request, round_id)
    form = SendForm(request.POST or None, initial={"version": round_.version})
    if request.method == "POST" and form.is_valid():
        try:
            hearing_round_send(
                actor=request.user,
                round_pk=round_.pk,
                expected_version=form.cleaned_data["version"],
                confirmed=form.cleaned_data["confirmed"],
            )
        except Invalid as exc:
            form.add_action_errors(exc)
        except HearingConflict as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Høringen er sendt."))
            return redirect("hearings:round", round_id=round_.pk)
    return render(request, "hearings/send.html", {"round": round_, "form": form})


@login_required
def round_detail(request: HttpRequest, round_id: int) -> HttpResponse:
    round_ = _readable(request, round_id)
    secretariat = can_edit_region(request.user, round_.region_id)
    rows = [
        {
            "addressee": a,
            "answer": answer_of(a),
            "may_answer": round_.state == RoundState.SENT
            and answer_of(a) is None
            and may_answer(request.user, round_, a),
        }
        for a in round_.addressees.all()
    ]
    return render(
        request,
        "hearings/round.html",
        {
            "round": round_,
            "rows": rows,
            "secretariat": secretariat,
            "close_form": CloseForm(initial={"version": round_.version}) if secretariat else None,
            "today": clock.today(),
        },
    )


@login_required
def answer_form(request: HttpRequest, round_id: int, addressee_id: int) -> HttpResponse:
    round_ = _round_or_404(round_id)
    addressee = _addressee(round_, addressee_id)
    if not may_answer(request.user, round_, addressee):
        raise PermissionDenied(_("Du er ikke angivet til at svare for %(name)s.") % {"name": addressee.name})
    secretariat = can_edit_region(request.user, round_.region_id)
    form = AnswerForm(
        request.POST or None, request.FILES or None, body=addressee.body, secretariat=secretariat
    )
    if request.method == "POST" and form.is_valid():
        try:
            hearing_answer_record(
                actor=request.user,
                round_pk=round_.pk,
                addressee_pk=addressee.pk,
                data=form.answer(),
                upload=form.cleaned_data.get("document"),
            )
        except Invalid as exc:
            form.add_action_errors(exc)
        else:
            messages.success(request, _("Høringssvaret er modtaget."))
            return redirect("hearings:round", round_id=round_.pk)
    return render(
        request,
        "hearings/answer.html",
        {"round": round_, "addressee": addressee, "answer": answer_of(addressee), "form": form},
    )


@login_required
def dispose(request: HttpRequest, round_id: int, addressee_id: int) -> HttpResponse:
    round_ = _secretariat(request, round_id)
    addressee = _addressee(round_, addressee_id)
    answer = answer_of(addressee)
    if answer is None:
        raise Http404(_("Høringsparten har ikke svaret endnu."))
    existing = list(answer.dispositions.all())
    initial: dict[str, object] = {"version": answer.version}
    for n, d in enumerate(existing, start=1):
        initial.update({f"point_{n}": d.point, f"kind_{n}": d.kind, f"reason_{n}": d.reason})
    form = DispositionForm(request.POST or None, rows=len(existing) + EXTRA_DISPOSITION_ROWS, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            hearing_dispositions_set(
                actor=request.user,
                round_pk=round_.pk,
                addressee_pk=addressee.pk,
                expected_version=form.cleaned_data["version"],
                items=form.items(),
            )
        except Invalid as exc:
            form.add_action_errors(exc)
        except HearingConflict as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Behandlingen af svaret er gemt."))
            return redirect("hearings:round", round_id=round_.pk)
    return render(
        request,
        "hearings/dispose.html",
        {"round": round_, "addressee": addressee, "answer": answer, "form": form},
    )


@login_required
def round_close(request: HttpRequest, round_id: int) -> HttpResponse:
    round_ = _secretariat(request, round_id)
    form = CloseForm(request.POST or None, initial={"version": round_.version})
    if request.method == "POST" and form.is_valid():
        try:
            hearing_round_close(
                actor=request.user,
                round_pk=round_.pk,
                expected_version=form.cleaned_data["version"],
                changes_made=form.cleaned_data.get("changes_made") or "",
            )
        except Invalid as exc:
            form.add_action_errors(exc)
        except HearingConflict as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Høringen er afsluttet."))
            return redirect("hearings:round", round_id=round_.pk)
    return render(request, "hearings/close.html", {"round": round_, "form": form})


@login_required
def notat(request: HttpRequest, round_id: int, fmt: str) -> HttpResponse:
    round_ = _readable(request, round_id)
    body, content_type = notat_file(round_, fmt)
    response = HttpResponse(body, content_type=content_type)
    disposition = "inline" if fmt in ("html", "pdf") else "attachment"
    stamp = (round_.closed_on or clock.today() or dt.date.min).isoformat()
    response["Content-Disposition"] = f'{disposition}; filename="hoeringsnotat-{round_.pk}-{stamp}.{fmt}"'
    return response


urlpatterns: list[URLPattern] = [
    path("regioner/<str:code>/hoeringer/", round_list, name="list"),
    path("regioner/<str:code>/hoeringer/ny/", round_new, name="new"),
    path("hoeringer/<int:round_id>/", round_detail, name="round"),
    path("hoeringer/<int:round_id>/rediger/", round_edit, name="edit"),
    path("hoeringer/<int:round_id>/send/", round_send, name="send"),
    path("hoeringer/<int:round_id>/afslut/", round_close, name="close"),
    path("hoeringer/<int:round_id>/svar/<int:addressee_id>/", answer_form, name="answer"),
    path("hoeringer/<int:round_id>/svar/<int:addressee_id>/behandling/", dispose, name="dispose"),
    path("hoeringer/<int:round_id>/hoeringsnotat.<str:fmt>", notat, name="notat"),
]
