"""The decision on ``/sst/``, in two steps: choose, then confirm a page that names the consequence.

A decision issues a letter that can never be changed, so nothing is written on the first post: a valid form
that the assessment allows is answered with a confirmation page (no JavaScript needed, so a strict CSP holds),
which posts the same values back with ``confirmed``. Only then does the action run. "Ret" on the confirmation
page returns to the case page with the form as it was filled in.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sundhedsaftale.agreements.models import HealthAgreement as AgreementRow
from sundhedsaftale.documents import addressee_lines
from sundhedsaftale.web.cases import case_snapshot
from sundhedsaftale.web.views import evaluation_date

from . import actions
from .forms import DecisionForm, lines, paragraphs
from .selectors import latest_submission
from .views import _act, _case_url, _render_case, _writable_row, reviewer_required

__all__ = ["decision"]


@reviewer_required
@require_POST
def decision(request: HttpRequest, key: str) -> HttpResponse:
    row = _writable_row(request, key)
    at = evaluation_date(request)
    form = DecisionForm(request.POST)
    if "edit" in request.POST:
        # Back from the confirmation: the form as it was filled in, nothing written.
        return _render_case(request, row, at, status=200, decision=form)
    if not form.is_valid():
        return _render_case(request, row, at, decision=form)
    data = form.cleaned_data
    if data["kind"] == DecisionForm.APPROVE:
        refusal = actions.approval_refusal(row, data["decided_on"])
        if refusal:
            form.add_error("kind", refusal)
            return _render_case(request, row, at, decision=form)
    if not data["confirmed"]:
        return _confirmation(request, row, form)
    done = _act(
        request,
        form,
        lambda data: _decide(request, key, data),
        _("Afgørelsen er registreret, og brevet er udstedt."),
        _case_url(key, anchor="breve"),
    )
    return done or _render_case(request, row, at, decision=form)


def _decide(request: HttpRequest, key: str, data: dict[str, Any]) -> object:
    common = {
        "actor": request.user,
        "agreement_key": key,
        "expected_version": data["version"],
        "decided_on": data["decided_on"],
        "reference": data["reference"],
        "general_assessment": data["general_assessment"],
        "remarks": paragraphs(data["remarks"]),
    }
    if data["kind"] == DecisionForm.APPROVE:
        return actions.decision_approve(**common)
    return actions.decision_object(
        **common, deficiencies=lines(data["deficiencies"]), remedy_deadline=data["remedy_deadline"]
    )


def _confirmation(request: HttpRequest, row: AgreementRow, form: DecisionForm) -> HttpResponse:
    """The page that states what the decision does, with the form's values carried as hidden fields."""
    case = case_snapshot(row.region_id)
    agreement = case.agreement(row.key)
    submission = latest_submission(row)
    version = (submission.version_number if submission is not None else "") or (
        agreement.version_number if agreement is not None else ""
    )
    data = form.cleaned_data
    approve = data["kind"] == DecisionForm.APPROVE
    context = {
        "row": row,
        "agreement": agreement,
        "region": case.region,
        "version": version.strip(),
        "approve": approve,
        "data": data,
        "deficiencies": [] if approve else lines(data["deficiencies"]),
        "municipality_count": len(case.municipalities),
        "addressees": addressee_lines(case),
        "carried": [(name, form[name].value()) for name in form.fields if name != "confirmed"],
    }
    return render(request, "review/decision_confirm.html", context)
