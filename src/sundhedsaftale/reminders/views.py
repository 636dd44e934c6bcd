"""The logged-in user's own reminder preferences: ``/konto/paamindelser/``."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from sundhedsaftale.accounts.models import User
from sundhedsaftale.registry.selectors import region_get

from .actions import PreferenceInput, ReminderConflict, preference_update
from .forms import PreferenceForm
from .models import ReminderPreference
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
        "language": p.language,
        "version": p.version,
    }


app_name = "reminders"
urlpatterns = [path("konto/paamindelser/", preferences, name="preferences")]
