"""Pages for bodies, their members and the compliance overview for a body, a cluster and the whole country.

Thin adapters: parse the request, call a selector or an action, render. Who may edit is decided by
``accounts.permissions`` through :func:`~sundhedsaftale.governance.actions.bodies.can_edit_body`.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l

from sundhedsaftale.accounts.models import User
from sundhedsaftale.accounts.permissions import can_edit_region, can_view_region
from sundhedsaftale.core.case import BodyKind
from sundhedsaftale.hearings.selectors import may_read_round, rounds_to_body
from sundhedsaftale.registry import clock
from sundhedsaftale.registry.models import HealthCluster
from sundhedsaftale.web.harm import announce, change_guarded, confirmed
from sundhedsaftale.web.presenters import plain_findings_by_subject
from sundhedsaftale.web.views import evaluation_date

from ..actions.bodies import (
    CHILD_KINDS,
    PARENT_KINDS,
    BodyInput,
    ConflictError,
    Invalid,
    body_create,
    body_update,
    can_edit_body,
)
from ..actions.bodies import ConflictError as PersonConflict
from ..actions.invitations import person_account_link
from ..actions.meetings import MeetingInvalid
from ..actions.members import (
    PersonInput,
    can_edit_person,
    editable_people,
    membership_add,
    membership_end,
    membership_update,
    person_update,
)
from ..body_selectors import (
    APPOINTED_BY_LABELS,
    REPRESENTATION_LABELS,
    ROLE_LABELS,
    Composition,
    body_children,
    body_cluster_id,
    body_findings,
    body_get,
    composition_on,
    group_findings,
    membership_get,
    person_bodies,
    person_get,
    tally,
)
from ..forms.bodies import BodyForm, EndForm, MembershipForm, PersonForm, add_errors
from ..models import BODY_KIND_LABELS, Body, Membership
from ..statement_selectors import statements_of
from ..stored_findings import region_findings_plain

# --- Helpers ------------------------------------------------------------------------------------------------


def _body_or_404(key: str) -> Body:
    body = body_get(key)
    if body is None:
        raise Http404(_("Ukendt organ"))
    return body


def _membership_or_404(pk: int) -> Membership:
    membership = membership_get(pk)
    if membership is None:
        raise Http404(_("Ukendt medlemskab"))
    return membership


def require_view(request: HttpRequest, region_code: str) -> None:
    if not can_view_region(request.user, region_code):
        raise PermissionDenied


def _require_edit(request: HttpRequest, body: Body) -> None:
    if not can_edit_body(request.user, body):
        raise PermissionDenied(_("Du kan kun redigere organer, du er sekretariat for."))


def kind_label(kind: str) -> str:
    try:
        return str(BODY_KIND_LABELS[BodyKind(kind)])
    except ValueError:
        return kind


def _member_row(m: Membership, editable: set[int]) -> dict[str, Any]:
    def label(labels: dict[Any, Any], value: str) -> str:
        return next((str(v) for k, v in labels.items() if k.value == value), value)

    return {
        "m": m,
        "role": label(ROLE_LABELS, m.role),
        "appointed_by": label(APPOINTED_BY_LABELS, m.appointed_by),
        "represents": label(REPRESENTATION_LABELS, m.represents) if m.represents else "",
        "municipality": m.municipality.name if m.municipality_id and m.municipality else "",
        "cluster": m.cluster.name if m.cluster_id and m.cluster else "",
        "person_editable": m.person_id in editable,
    }


def _composition_rows(comp: Composition, editable: set[int]) -> dict[str, Any]:
    return {
        "groups": [
            {"role": g.role, "label": g.label, "rows": [_member_row(m, editable) for m in g.memberships]}
            for g in comp.groups
        ],
        "substitutes": [_member_row(m, editable) for m in comp.substitutes],
        "ended": [_member_row(m, editable) for m in comp.ended],
        "upcoming": [_member_row(m, editable) for m in comp.upcoming],
        "count": comp.count,
        "other_count": len(comp.ended) + len(comp.upcoming),
    }


def dated(url: str, at: dt.date) -> str:
    return f"{url}?dato={at.isoformat()}"


def _sorted_findings(findings: list[dict[str, Any]]) -> list[dict[str, Any]]:
    groups = plain_findings_by_subject(findings)
    return [f for g in groups for f in g["findings"]]


# --- Body page ----------------------------------------------------------------------------------------------


@login_required
def body_detail(request: HttpRequest, body_key: str) -> HttpResponse:
    body = _body_or_404(body_key)
    require_view(request, body.region_id)
    at = evaluation_date(request)
    # Read from the stored findings (ADR 0032), as the region's list.
    findings = region_findings_plain(body.region_id, at)
    own = body_findings(body, findings)
    related = group_findings(body, findings)
    cluster_id = body_cluster_id(body)
    children = list(body_children(body))
    composition = composition_on(body, at)
    can_edit = can_edit_body(request.user, body)
    people = {m.person_id for m in composition.all()}
    editable = editable_people(request.user, people) if can_edit else set()
    return render(
        request,
        "governance/body.html",
        {
            "body": body,
            "kind_label": kind_label(body.kind),
            "at": at,
            "cluster": HealthCluster.objects.filter(id=cluster_id).first() if cluster_id else None,
            "tally": tally(own),
            "findings": _sorted_findings(own),
            "related": [f for g in plain_findings_by_subject(related) for f in g["findings"]],
            "composition": _composition_rows(composition, editable),
            "children": [{"body": c, "kind_label": kind_label(c.kind)} for c in children],
            "may_have_children": BodyKind(body.kind) in PARENT_KINDS,
            "is_child": body.kind in {k.value for k in CHILD_KINDS},
            "meetings_url": reverse("governance:body", args=[body.key]) + "moeder/",
            "can_edit": can_edit,
            "is_patient_committee": body.kind == BodyKind.PATIENT_COMMITTEE.value,
            "statements": statements_of(body)[:5] if body.kind == BodyKind.PATIENT_COMMITTEE.value else [],
            "hearing_rounds": [r for r in rounds_to_body(body.key) if may_read_round(request.user, r)],
        },
    )


# --- Editing members, persons and bodies --------------------------------------------------------------------


def _form_page(
    request: HttpRequest,
    form: forms.Form,
    *,
    title: str,
    body: Body,
    intro: str = "",
    submit: str = "",
    breaches: list[dict[str, Any]] | None = None,
) -> HttpResponse:
    return render(
        request,
        "governance/form.html",
        {
            "form": form,
            "title": title,
            "intro": intro,
            "body": body,
            "submit": submit or _("Gem"),
            "cancel_url": reverse("governance:body", args=[body.key]),
            "breaches": breaches or [],
        },
    )


@login_required
def membership_create(request: HttpRequest, body_key: str) -> HttpResponse:
    body = _body_or_404(body_key)
    _require_edit(request, body)
    form = MembershipForm(request.POST or None, body=body, new=True, initial={"start": clock.today()})
    breaches: list[dict[str, Any]] = []
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        new_person = None
        if not d["person"] and d["new_name"].strip():
            new_person = PersonInput(d["new_name"], d["new_email"], d["new_organisation"])
        try:
            outcome = change_guarded(
                region_code=body.region_id,
                change=lambda: membership_add(
                    actor=request.user,
                    body_key=body.key,
                    data=form.membership_input(),
                    person_key=d["person"] or None,
                    new_person=new_person,
                ),
                confirmed=confirmed(request),
            )
        except Invalid as exc:
            add_errors(
                form,
                exc,
                {"name": "new_name", "email": "new_email", "organisation": "new_organisation"},
            )
        else:
            if outcome.saved:
                announce(request, outcome, _("Medlemmet er tilføjet."))
                return redirect("governance:body", body_key=body.key)
            breaches = outcome.breaches
    return _form_page(
        request,
        form,
        title=_("Tilføj medlem"),
        body=body,
        intro=_("Vælg en person, der allerede er registreret i regionen, eller skriv navnet på en ny."),
        breaches=breaches,
    )


@login_required
def membership_edit(request: HttpRequest, pk: int) -> HttpResponse:
    membership = _membership_or_404(pk)
    body = membership.body
    _require_edit(request, body)
    initial = {
        "role": membership.role,
        "appointed_by": membership.appointed_by,
        "municipality_code": membership.municipality_id or "",
        "cluster_id": membership.cluster_id or "",
        "represents": membership.represents,
        "covers_psychiatry": membership.covers_psychiatry,
        "chair": membership.chair,
        "vice_chair": membership.vice_chair,
        "substitute": membership.substitute,
        "start": membership.start,
        "end": membership.end,
        "version": membership.version,
    }
    form = MembershipForm(request.POST or None, body=body, new=False, initial=initial)
    breaches: list[dict[str, Any]] = []
    if request.method == "POST" and form.is_valid():
        try:
            outcome = change_guarded(
                region_code=body.region_id,
                change=lambda: membership_update(
                    actor=request.user,
                    pk=membership.pk,
                    expected_version=form.cleaned_data["version"] or 0,
                    data=form.membership_input(),
                ),
                confirmed=confirmed(request),
            )
        except ConflictError as exc:
            form.add_error(None, str(exc))
        except Invalid as exc:
            add_errors(form, exc)
        else:
            if outcome.saved:
                announce(request, outcome, _("Medlemskabet er gemt."))
                return redirect("governance:body", body_key=body.key)
            breaches = outcome.breaches
    return _form_page(
        request,
        form,
        title=_("Ret medlemskab: %(name)s") % {"name": membership.person.name},
        body=body,
        breaches=breaches,
    )


@login_required
def membership_finish(request: HttpRequest, pk: int) -> HttpResponse:
    membership = _membership_or_404(pk)
    body = membership.body
    _require_edit(request, body)
    form = EndForm(
        request.POST or None,
        initial={"end": membership.end or clock.today(), "version": membership.version},
    )
    breaches: list[dict[str, Any]] = []
    if request.method == "POST" and form.is_valid():
        try:
            outcome = change_guarded(
                region_code=body.region_id,
                change=lambda: membership_end(
                    actor=request.user,
                    pk=membership.pk,
                    end=form.cleaned_data["end"],
                    expected_version=form.cleaned_data["version"] or 0,
                ),
                confirmed=confirmed(request),
            )
        except ConflictError as exc:
            form.add_error(None, str(exc))
        except Invalid as exc:
            add_errors(form, exc)
        else:
            if outcome.saved:
                announce(request, outcome, _("Medlemskabet er afsluttet; det vises fortsat for datoer før."))
                return redirect("governance:body", body_key=body.key)
            breaches = outcome.breaches
    return _form_page(
        request,
        form,
        title=_("Afslut medlemskab: %(name)s") % {"name": membership.person.name},
        body=body,
        intro=_("Medlemskabet slettes ikke; organets sammensætning før slutdatoen er uændret."),
        submit=_("Afslut medlemskab"),
        breaches=breaches,
    )


@login_required
def person_edit(request: HttpRequest, pk: int) -> HttpResponse:
    person = person_get(pk)
    if person is None:
        raise Http404(_("Ukendt person"))
    if not can_edit_person(request.user, person):
        raise PermissionDenied(
            _("Du kan kun rette personer, der alene sidder i organer, du er sekretariat for.")
        )
    bodies = list(person_bodies(person))
    form = PersonForm(
        request.POST or None,
        initial={
            "name": person.name,
            "email": person.email,
            "organisation": person.organisation,
            "version": person.version,
        },
    )
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            person_update(
                actor=request.user,
                pk=person.pk,
                expected_version=d["version"] or 0,
                data=PersonInput(d["name"], d["email"], d["organisation"]),
            )
        except ConflictError as exc:
            form.add_error(None, str(exc))
        except Invalid as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("Personen er gemt."))
            return redirect(_next_body(request, bodies))
    return render(
        request,
        "governance/person_form.html",
        {
            "form": form,
            "person": person,
            "bodies": bodies,
            "cancel_url": _next_body(request, bodies),
            "may_link": can_edit_region(request.user, person.region_id or ""),
        },
    )


class PersonAccountForm(forms.Form):
    user = forms.ChoiceField(label=_l("Konto"), required=False)
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    def __init__(self, *args: Any, accounts: list[User], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["user"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [
            ("", _("Ingen konto")),
            *((u.username, f"{u.get_full_name() or u.username} ({u.username})") for u in accounts),
        ]
        field.help_text = _(
            'Personen ser sine indkaldelser og høringer på "Mit arbejde", når kontoen er knyttet.'
        )


@login_required
def person_account(request: HttpRequest, pk: int) -> HttpResponse:
    """Link the person to a login of the person's region, or unlink it: the region's secretariat (ADR 0022)."""
    person = person_get(pk)
    if person is None:
        raise Http404(_("Ukendt person"))
    if not can_edit_region(request.user, person.region_id or ""):
        raise PermissionDenied(_("Kun regionens sekretariat kan knytte en person til en konto."))
    accounts = list(
        User.objects.filter(region_code=person.region_id or "", is_active=True).order_by("username")
    )
    form = PersonAccountForm(
        request.POST or None,
        accounts=accounts,
        initial={"user": person.user.username if person.user else "", "version": person.version},
    )
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        chosen = next((u for u in accounts if u.username == d["user"]), None)
        try:
            person_account_link(
                actor=request.user, person_pk=person.pk, user=chosen, expected_version=d["version"]
            )
        except PersonConflict as exc:
            form.add_error(None, str(exc))
        except MeetingInvalid as exc:
            form.add_error("user", exc.message)
        else:
            if chosen:
                messages.success(
                    request,
                    _("%(name)s er knyttet til kontoen %(user)s.")
                    % {"name": person.name, "user": chosen.username},
                )
            else:
                messages.success(
                    request, _("%(name)s er ikke længere knyttet til en konto.") % {"name": person.name}
                )
            return redirect("governance:person_edit", pk=person.pk)
    return render(request, "governance/person_account.html", {"form": form, "person": person})


def _next_body(request: HttpRequest, bodies: list[Body]) -> str:
    wanted = request.GET.get("organ", "")
    target = next((b for b in bodies if b.key == wanted), bodies[0] if bodies else None)
    return reverse("governance:body", args=[target.key]) if target else reverse("governance:country")


@login_required
def group_create(request: HttpRequest, body_key: str) -> HttpResponse:
    parent = _body_or_404(body_key)
    _require_edit(request, parent)
    form = BodyForm(request.POST or None, new=True)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            created = body_create(
                actor=request.user,
                parent_key=parent.key,
                kind=BodyKind(d["kind"]),
                data=BodyInput(d["name"], d["patient_committee_invited"]),
            )
        except Invalid as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("%(name)s er oprettet.") % {"name": created.name})
            return redirect("governance:body", body_key=created.key)
    return _form_page(
        request,
        form,
        title=_("Nedsæt underudvalg eller arbejdsgruppe under %(name)s") % {"name": parent.name},
        body=parent,
        intro=_(
            "Klyngens niveauer og sundhedssamarbejdsudvalget kan nedsætte underudvalg og arbejdsgrupper "
            "(§ 10, stk. 4, og § 16, stk. 4). Når klyngen nedsætter arbejdsgrupper, inviteres repræsentanter "
            "fra patientinddragelsesudvalget (§ 30, stk. 3)."
        ),
    )


@login_required
def body_edit(request: HttpRequest, body_key: str) -> HttpResponse:
    body = _body_or_404(body_key)
    _require_edit(request, body)
    form = BodyForm(
        request.POST or None,
        new=False,
        initial={
            "name": body.name,
            "patient_committee_invited": body.patient_committee_invited,
            "version": body.version,
        },
    )
    breaches: list[dict[str, Any]] = []
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            outcome = change_guarded(
                region_code=body.region_id,
                change=lambda: body_update(
                    actor=request.user,
                    body_key=body.key,
                    expected_version=d["version"] or 0,
                    data=BodyInput(d["name"], d["patient_committee_invited"]),
                ),
                confirmed=confirmed(request),
            )
        except ConflictError as exc:
            form.add_error(None, str(exc))
        except Invalid as exc:
            add_errors(form, exc)
        else:
            if outcome.saved:
                announce(request, outcome, _("Organet er gemt."))
                return redirect("governance:body", body_key=body.key)
            breaches = outcome.breaches
    return _form_page(
        request, form, title=_("Ret %(name)s") % {"name": body.name}, body=body, breaches=breaches
    )


urlpatterns: list[URLPattern] = [
    path("organer/<str:body_key>/", body_detail, name="body"),
    path("organer/<str:body_key>/rediger/", body_edit, name="body_edit"),
    path("organer/<str:body_key>/medlemmer/ny/", membership_create, name="membership_create"),
    path("organer/<str:body_key>/arbejdsgrupper/ny/", group_create, name="group_create"),
    path("medlemskaber/<int:pk>/rediger/", membership_edit, name="membership_edit"),
    path("medlemskaber/<int:pk>/afslut/", membership_finish, name="membership_end"),
    path("personer/<int:pk>/rediger/", person_edit, name="person_edit"),
    path("personer/<int:pk>/konto/", person_account, name="person_account"),
]
