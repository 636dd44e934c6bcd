"""The transition page: GET shows the plan, POST with explicit confirmation applies it (ADR 0029)."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _

from sundhedsaftale.accounts.permissions import can_migrate_region, can_view_transition
from sundhedsaftale.core.errors import CaseError
from sundhedsaftale.core.periods import as_date
from sundhedsaftale.core.transition import TRANSITION_DAY, Section
from sundhedsaftale.registry.selectors import case_region_codes, region_get

from .actions import TransitionConflict, TransitionNotConfirmed, transition_apply
from .selectors import carried_over, transition_plan, transition_run


def _day(raw: str) -> dt.date | None:
    try:
        return as_date(raw.strip()) if raw.strip() else TRANSITION_DAY
    except ValueError:
        return None


@login_required
def transition_page(request: HttpRequest, code: str) -> HttpResponse:
    region = region_get(code)
    if region is None or code not in case_region_codes():
        raise Http404(_("Regionen har ingen sundhedsklynger at føre over"))
    if not can_view_transition(request.user, code):
        raise PermissionDenied(_("Kun regionens sekretariat kan se overgangen."))
    source = request.POST if request.method == "POST" else request.GET
    on = _day(source.get("dato", "") or source.get("at", ""))
    errors: list[str] = []
    if on is None:
        errors.append(_("Datoen skal skrives ÅÅÅÅ-MM-DD."))
        on = TRANSITION_DAY
    if request.method == "POST":
        if not can_migrate_region(request.user, code):
            raise PermissionDenied(_("Kun regionens sekretariat kan gennemføre overgangen."))
        if not errors:
            try:
                transition_apply(
                    actor=request.user,
                    region_code=code,
                    on=on,
                    expected_digest=request.POST.get("digest", ""),
                    confirmed=request.POST.get("confirm") == "yes",
                )
            except TransitionNotConfirmed:
                errors.append(_("Sæt kryds for at bekræfte overgangen. Intet er skrevet."))
            except (TransitionConflict, CaseError) as exc:
                errors.append(str(exc))
            else:
                messages.success(
                    request, _("Overgangen er gennemført. De gamle organer og deres historik er uændrede.")
                )
                return redirect("transition:page", code=code)
    run = transition_run(code)
    plan = None
    if run is None:
        try:
            plan = transition_plan(code, on)
        except CaseError as exc:
            errors.append(str(exc))
    return render(
        request,
        "transition/plan.html",
        {
            "region": region,
            "on": on,
            "plan": plan,
            "sections": [(s, plan.section(s)) for s in Section] if plan else [],
            "run": run,
            "items": carried_over(run) if run else [],
            "errors": errors,
            "can_apply": can_migrate_region(request.user, code),
        },
        status=409 if errors and request.method == "POST" else 200,
    )


app_name = "transition"
urlpatterns = [path("regioner/<str:code>/overgang/", transition_page, name="page")]
