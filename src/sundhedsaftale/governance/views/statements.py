"""Statements of the patient involvement committee: the list (also on the committee's page) and the secretariat's
form (§ 27, stk. 3; § 28; ADR 0033). Thin adapters over ``actions.statements``."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path
from django.utils.translation import gettext as _

from ..actions.bodies import Invalid, can_edit_body
from ..actions.statements import committee_statement_add, is_patient_committee
from ..forms.statements import StatementForm
from ..models import Body
from ..statement_selectors import statements_of
from .bodies import _body_or_404, require_view


def _committee_or_404(key: str) -> Body:
    body = _body_or_404(key)
    if not is_patient_committee(body):
        raise Http404(_("Kun patientinddragelsesudvalget afgiver udtalelser (§ 27, stk. 3)."))
    return body


@login_required
def statement_list(request: HttpRequest, committee_key: str) -> HttpResponse:
    body = _committee_or_404(committee_key)
    require_view(request, body.region_id)
    return render(
        request,
        "governance/statements.html",
        {"body": body, "statements": statements_of(body), "can_edit": can_edit_body(request.user, body)},
    )


@login_required
def statement_create(request: HttpRequest, committee_key: str) -> HttpResponse:
    body = _committee_or_404(committee_key)
    if not can_edit_body(request.user, body):
        raise PermissionDenied(_("Kun udvalgets sekretariat kan registrere udtalelser."))
    form = StatementForm(request.POST or None, body=body)
    if request.method == "POST" and form.is_valid():
        try:
            committee_statement_add(actor=request.user, body_key=body.key, data=form.statement())
        except Invalid as exc:
            form.add_action_errors(exc)
        else:
            messages.success(request, _("Udtalelsen er registreret."))
            return redirect("governance:statements", committee_key=body.key)
    return render(request, "governance/statement_form.html", {"body": body, "form": form})


urlpatterns: list[URLPattern] = [
    path("organer/<str:committee_key>/udtalelser/", statement_list, name="statements"),
    path("organer/<str:committee_key>/udtalelser/ny/", statement_create, name="statement_create"),
]
