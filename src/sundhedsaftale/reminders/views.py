"""The logged-in user's own reminder preferences (``/konto/paamindelser/``) and what needs the user now
(``/mit-arbejde/`` and its calendar ``/mit-arbejde/kalender.ics``, ADR 0035)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from sundhedsaftale.accounts.models import User
from sundhedsaftale.registry import clock
from sundhedsaftale.registry.selectors import region_get

from .actions import PreferenceInput, ReminderConflict, preference_update
from .forms import PreferenceForm
from .models import ReminderPreference
from .my_work import my_work, my_work_calendar
from .selectors import preference_for


@login_required
@require_http_methods(["GET", "POST"])
def preferences(request: HttpRequest) -> HttpResponse:
    user = request.user
    assert isinstance(user, User)  # login_required
    current = preference_for(user)
    if request.method == "POST":
        form = PreferenceForm(request.POST)
        if form.is_valid():
            d = form.cleaned_data
            try:
                preference_update(
                    actor=user,
                    data=PreferenceInput(
                        deadlines_approaching=d["deadlines_approaching"],
                        deadlines_passed=d["deadlines_passed"],
                        meetings=d["meetings"],
                        hearings=d["hearings"],
                        status_reports=d["status_reports"],
                        catalogue=d["catalogue"],
                        language=d["language"],
                    ),
                    expected_version=d["version"],
                )
            except ReminderConflict as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, _("Dine valg af påmindelser er gemt."))
                return redirect("reminders:preferences")
    else:
        form = PreferenceForm(initial=_initial(current))
    return render(
        request,
        "reminders/preferences.html",
        {
            "form": form,
            "saved": current.pk is not None,
            "region": region_get(user.region_code) if user.region_code else None,
        },
    )


def _initial(p: ReminderPreference) -> dict[str, object]:
    return {
        "deadlines_approaching": p.deadlines_approaching,
        "deadlines_passed": p.deadlines_passed,
        "meetings": p.meetings,
        "hearings": p.hearings,
        "status_reports": p.status_reports,
        "catalogue": p.catalogue,
        "language": p.language,
        "version": p.version,
    }


@login_required
@require_http_methods(["GET"])
def my_work_page(request: HttpRequest) -> HttpResponse:
    user = request.user
    assert isinstance(user, User)  # login_required
    today = clock.today()
    return render(
        request,
        "reminders/my_work.html",
        {
            "today": today,
            "work": my_work(user, today),
            "region": region_get(user.region_code) if user.region_code else None,
        },
    )


@login_required
@require_http_methods(["GET"])
def my_work_ics(request: HttpRequest) -> HttpResponse:
    """The same items as a calendar file. Only for the signed-in session (no token in the address, ADR 0035):
    the file names the person's own work, so it is downloaded, not subscribed to from outside."""
    user = request.user
    assert isinstance(user, User)  # login_required
    work = my_work(user, clock.today())
    body = my_work_calendar(
        work.items,
        name=_("Mit arbejde – %(name)s") % {"name": str(user)},
        base_url=request.build_absolute_uri("/"),
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="mit-arbejde.ics"'
    response["Cache-Control"] = "private, no-store"
    return response


app_name = "reminders"
urlpatterns = [
    path("konto/paamindelser/", preferences, name="preferences"),
    path("mit-arbejde/", my_work_page, name="my_work"),
    path("mit-arbejde/kalender.ics", my_work_ics, name="my_work_ics"),
]
