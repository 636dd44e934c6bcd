"""A body's own facts: the page that shows each with its state and provision, and the secretariat's form.

Thin adapters over ``actions.facts``; who may edit is :func:`~sundhedsaftale.governance.actions.bodies.can_edit_body`
(the body's secretariat, ``accounts.permissions.can_run_body``).
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sundhedsaftale.core.case import BodyFacts
from sundhedsaftale.web.presenters import plain_finding_for_page
from sundhedsaftale.web.views import evaluation_date

from ..actions.bodies import ConflictError, Invalid, can_edit_body
from ..actions.facts import body_facts_get, body_facts_update, facts_of, secretariat_parties
from ..body_selectors import APPOINTED_BY_LABELS, body_findings, group_findings
from ..forms.facts import RELEVANCE_LABELS, RESPONSE_LABELS, BodyFactsForm
from ..models import Body
from ..stored_findings import region_findings_plain
from .bodies import _body_or_404, kind_label, require_view

# The rules that read each fact about the body itself (core/rules/organisation.py and composition.py).
_RULES_OF_FACT = {
    "secretariat": lambda rule_id: rule_id.endswith(".sekretariat"),
    "rules_of_procedure": lambda rule_id: rule_id.endswith(".forretningsorden"),
    "seat_offers": lambda rule_id: rule_id == "klynge.faglig.patienter",
}

_FACT_TITLES = {
    "secretariat": gettext_lazy("Sekretariat"),
    "rules_of_procedure": gettext_lazy("Forretningsorden"),
    "seat_offers": gettext_lazy("Tilbudte pladser"),
    "patient_committee_relevance": gettext_lazy("Relevant for patientinddragelsesudvalget"),
}


def _value(fact: str, facts: BodyFacts, parties: dict[str, str]) -> tuple[bool, list[str]]:
    """Whether ``fact`` is recorded, and its recorded value as lines of text."""
    if fact == "secretariat":
        if facts.secretariat is None:
            return False, []
        return True, [parties.get(c, c) for c in facts.secretariat] or [_("Ingen")]
    if fact == "rules_of_procedure":
        rules = facts.rules_of_procedure
        if rules is None:
            return False, []
        return True, [
            _("Vedtaget %(date)s (%(reference)s)")
            % {"date": date_format(rules.adopted_on), "reference": rules.reference}
        ]
    if fact == "seat_offers":
        if not facts.seat_offers:
            return False, []
        lines = []
        for o in facts.seat_offers:
            line = _("%(seats)s plads(er) tilbudt %(to)s den %(date)s") % {
                "seats": o.seats,
                "to": APPOINTED_BY_LABELS[o.to],
                "date": date_format(o.offered_on),
            }
            line += f" – {RESPONSE_LABELS[o.response]}" if o.response else f" – {_('svar ikke registreret')}"
            if o.reference:
                line += f" ({o.reference})"
            lines.append(line)
        return True, lines
    if facts.patient_committee_relevance is None:
        return False, []
    line = str(RELEVANCE_LABELS[facts.patient_committee_relevance])
    if facts.patient_committee_relevance_reason:
        line += f": {facts.patient_committee_relevance_reason}"
    return True, [line]


def _fact_findings(body: Body, fact: str, findings: list[dict[str, Any]]) -> list[dict[str, Any]]:
    if fact == "patient_committee_relevance":
        parent = [
            f
            for f in findings
            if body.parent_id
            and body.parent
            and f["subject_id"] == body.parent.key
            and ".arbejdsgrupper" in f["rule_id"]
        ]
        return group_findings(body, findings) + parent
    test = _RULES_OF_FACT[fact]
    return [f for f in body_findings(body, findings) if test(f["rule_id"])]


def _rows(body: Body, findings: list[dict[str, Any]]) -> list[dict[str, Any]]:
    facts = body_facts_get(body)
    parties = dict(secretariat_parties(body))
    rows = []
    for provision in facts_of(body):
        recorded, lines = _value(provision.fact, facts, parties)
        rows.append(
            {
                "fact": provision.fact,
                "title": _FACT_TITLES[provision.fact],
                "cite": provision.cite,
                "words": provision.words,
                "recorded": recorded,
                "lines": lines,
                "findings": [
                    plain_finding_for_page(f) for f in _fact_findings(body, provision.fact, findings)
                ],
            }
        )
    return rows


@login_required
def body_facts(request: HttpRequest, body_key: str) -> HttpResponse:
    body = _body_or_404(body_key)
    require_view(request, body.region_id)
    at = evaluation_date(request)
    return render(
        request,
        "governance/body_facts.html",
        {
            "body": body,
            "kind_label": kind_label(body.kind),
            "at": at,
            # Read from the stored findings (ADR 0032), as the body's page.
            "rows": _rows(body, region_findings_plain(body.region_id, at)),
            "can_edit": can_edit_body(request.user, body),
        },
    )


@login_required
def body_facts_edit(request: HttpRequest, body_key: str) -> HttpResponse:
    body = _body_or_404(body_key)
    if not can_edit_body(request.user, body):
        raise PermissionDenied(_("Du kan kun redigere organer, du er sekretariat for."))
    form = BodyFactsForm(request.POST or None, body=body)
    if request.method == "POST" and form.is_valid():
        try:
            body_facts_update(
                actor=request.user,
                body_key=body.key,
                expected_version=form.cleaned_data["version"] or 0,
                data=form.facts_data(),
            )
        except ConflictError as exc:
            form.add_error(None, str(exc))
        except Invalid as exc:
            form.add_action_errors(exc)
        else:
            messages.success(request, _("Organets forhold er gemt."))
            return redirect("governance:body_facts", body_key=body.key)
    return render(
        request,
        "governance/body_facts_form.html",
        {
            "body": body,
            "form": form,
            "offers": form.offers,
            "provisions": {p.fact: p for p in facts_of(body)},
            "current": _rows(body, []),
        },
    )


urlpatterns: list[URLPattern] = [
    path("organer/<str:body_key>/forhold/", body_facts, name="body_facts"),
    path("organer/<str:body_key>/forhold/rediger/", body_facts_edit, name="body_facts_edit"),
]
