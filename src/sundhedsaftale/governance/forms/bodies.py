"""Forms for bodies, memberships and persons: values are parsed here; what is allowed is checked by the actions."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sundhedsaftale.core.case import AppointingBody, MemberRole, Representation
from sundhedsaftale.registry.models import HealthCluster, Municipality
from sundhedsaftale.registry.selectors import in_danish_order

from ..actions.bodies import (
    CHILD_KINDS,
    Invalid,
)
from ..actions.members import (
    MembershipInput,
)
from ..body_selectors import (
    APPOINTED_BY_LABELS,
    REPRESENTATION_LABELS,
    ROLE_LABELS,
    region_people,
)
from ..models import BODY_KIND_LABELS, Body

# --- Forms (values parsed here; what is allowed is checked by the actions) ----------------------------------

_DATE = forms.DateInput(attrs={"type": "date", "class": "form-input"}, format="%Y-%m-%d")
_TEXT = forms.TextInput(attrs={"class": "form-input"})
_SELECT = forms.Select(attrs={"class": "form-select"})
_CHECK = forms.CheckboxInput(attrs={"class": "form-checkbox"})


def _choice_field(form: forms.Form, name: str) -> forms.ChoiceField:
    field = form.fields[name]
    assert isinstance(field, forms.ChoiceField)
    return field


def _choices(labels: dict[Any, Any], blank: str | None = None) -> list[tuple[str, str]]:
    items = [(k.value, str(v)) for k, v in labels.items()]
    return [("", blank), *items] if blank is not None else items


class MembershipForm(forms.Form):
    person = forms.ChoiceField(label=gettext_lazy("Eksisterende person"), required=False, widget=_SELECT)
    new_name = forms.CharField(label=gettext_lazy("Eller ny person: navn"), required=False, widget=_TEXT)
    new_email = forms.CharField(label=gettext_lazy("Ny persons e-mail"), required=False, widget=_TEXT)
    new_organisation = forms.CharField(
        label=gettext_lazy("Ny persons organisation"), required=False, widget=_TEXT
    )
    role = forms.ChoiceField(label=gettext_lazy("Rolle"), widget=_SELECT)
    appointed_by = forms.ChoiceField(label=gettext_lazy("Udpeget af"), widget=_SELECT)
    municipality_code = forms.ChoiceField(
        label=gettext_lazy("Kommune"),
        required=False,
        widget=_SELECT,
        help_text=gettext_lazy(
            "Den kommune, medlemmet repræsenterer (borgmestre og kommunale repræsentanter)."
        ),
    )
    cluster_id = forms.ChoiceField(
        label=gettext_lazy("Sundhedsklynge"),
        required=False,
        widget=_SELECT,
        help_text=gettext_lazy(
            "Den klynge, en borgmester i sundhedssamarbejdsudvalget repræsenterer (§ 15, stk. 4, nr. 2)."
        ),
    )
    represents = forms.ChoiceField(
        label=gettext_lazy("Repræsenterer (§ 25, stk. 4)"), required=False, widget=_SELECT
    )
    covers_psychiatry = forms.BooleanField(
        label=gettext_lazy("Dækker det psykiatriske område"), required=False, widget=_CHECK
    )
    chair = forms.BooleanField(label=gettext_lazy("Formand"), required=False, widget=_CHECK)
    vice_chair = forms.BooleanField(label=gettext_lazy("Næstformand"), required=False, widget=_CHECK)
    substitute = forms.BooleanField(
        label=gettext_lazy("Stedfortræder (§ 25, stk. 3)"), required=False, widget=_CHECK
    )
    start = forms.DateField(label=gettext_lazy("Fra"), widget=_DATE)
    end = forms.DateField(
        label=gettext_lazy("Til og med"),
        required=False,
        widget=_DATE,
        help_text=gettext_lazy("Tom, hvis medlemskabet løber valgperioden ud eller indtil videre."),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, body: Body, new: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choice_field(self, "role").choices = _choices(ROLE_LABELS)
        _choice_field(self, "appointed_by").choices = _choices(APPOINTED_BY_LABELS)
        _choice_field(self, "represents").choices = _choices(REPRESENTATION_LABELS, blank="–")
        _choice_field(self, "municipality_code").choices = [("", "–")] + [
            (m.code, m.name) for m in in_danish_order(Municipality.objects.filter(region_id=body.region_id))
        ]
        _choice_field(self, "cluster_id").choices = [("", "–")] + [
            (c.id, c.name) for c in HealthCluster.objects.filter(region_id=body.region_id).order_by("name")
        ]
        if new:
            _choice_field(self, "person").choices = [("", _("– vælg –"))] + [
                (p.key, f"{p.name}{f' ({p.organisation})' if p.organisation else ''}")
                for p in region_people(body.region_id)
            ]
        else:
            for name in ("person", "new_name", "new_email", "new_organisation"):
                del self.fields[name]

    def membership_input(self) -> MembershipInput:
        d = self.cleaned_data
        return MembershipInput(
            role=MemberRole(d["role"]),
            appointed_by=AppointingBody(d["appointed_by"]),
            start=d["start"],
            end=d["end"],
            municipality_code=d["municipality_code"] or None,
            cluster_id=d["cluster_id"] or None,
            covers_psychiatry=d["covers_psychiatry"],
            represents=Representation(d["represents"]) if d["represents"] else None,
            chair=d["chair"],
            vice_chair=d["vice_chair"],
            substitute=d["substitute"],
        )


class EndForm(forms.Form):
    end = forms.DateField(
        label=gettext_lazy("Sidste dag i organet"),
        widget=_DATE,
        help_text=gettext_lazy("Medlemskabet bevares; det tæller ikke med efter denne dato."),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class PersonForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("Navn"), max_length=200, widget=_TEXT)
    email = forms.CharField(label=gettext_lazy("E-mail"), required=False, widget=_TEXT)
    organisation = forms.CharField(
        label=gettext_lazy("Organisation"), required=False, max_length=200, widget=_TEXT
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class BodyForm(forms.Form):
    kind = forms.ChoiceField(label=gettext_lazy("Type"), widget=_SELECT)
    name = forms.CharField(label=gettext_lazy("Navn"), max_length=200, widget=_TEXT)
    patient_committee_invited = forms.BooleanField(
        label=gettext_lazy("Repræsentanter fra patientinddragelsesudvalget er inviteret (§ 30, stk. 3)"),
        required=False,
        widget=_CHECK,
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, new: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if new:
            _choice_field(self, "kind").choices = [(k.value, str(BODY_KIND_LABELS[k])) for k in CHILD_KINDS]
        else:
            del self.fields["kind"]


def add_errors(form: forms.Form, exc: Invalid, rename: dict[str, str] | None = None) -> None:
    """Put each of the action's messages on the field it names (or above the form)."""
    for field, message in exc.errors:
        target = (rename or {}).get(field, field)
        form.add_error(target if target in form.fields else None, message)
