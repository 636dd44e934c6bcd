"""The form for a body's own facts: parses the values into the JSON the core schema reads; the action validates.

A fact is recorded or "ikke registreret" by an explicit choice, never by leaving a field empty, so that an empty
value cannot be mistaken for "none" (ADR 0012). Seat offers are a formset: one row per offer, a row marked for
removal is left out, and an untouched blank row adds nothing.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy

from sundhedsaftale.core.case import AppointingBody, OfferResponse, Relevance

from ..actions.bodies import Invalid
from ..actions.facts import body_facts_get, facts_of, secretariat_parties
from ..body_selectors import APPOINTED_BY_LABELS
from ..models import Body

_DATE = forms.DateInput(attrs={"type": "date", "class": "form-input"}, format="%Y-%m-%d")
_TEXT = forms.TextInput(attrs={"class": "form-input"})
_NUMBER = forms.NumberInput(attrs={"class": "form-input input-width-xs"})
_SELECT = forms.Select(attrs={"class": "form-select"})
_AREA = forms.Textarea(attrs={"class": "form-input", "rows": 3})
# DKFDS draws a radio button or checkbox only for an input with its class, followed by its label.
_RADIOS = {"class": "form-radio"}
_CHECKBOX = {"class": "form-checkbox"}

RECORDED, UNRECORDED = "recorded", "unrecorded"
_STATE = [(UNRECORDED, gettext_lazy("Ikke registreret")), (RECORDED, gettext_lazy("Registreret"))]

RESPONSE_LABELS = {
    OfferResponse.ACCEPTED: gettext_lazy("Taget imod"),
    OfferResponse.DECLINED: gettext_lazy("Afslået"),
}
RELEVANCE_LABELS = {
    Relevance.RELEVANT: gettext_lazy("Relevant"),
    Relevance.NOT_RELEVANT: gettext_lazy("Ikke relevant"),
}


class SeatOfferForm(forms.Form):
    to = forms.ChoiceField(
        label=gettext_lazy("Tilbudt til"),
        widget=_SELECT,
        choices=[(k.value, str(v)) for k, v in APPOINTED_BY_LABELS.items()],
        initial=AppointingBody.PATIENT_INVOLVEMENT_COMMITTEE.value,
    )
    seats = forms.IntegerField(label=gettext_lazy("Antal pladser"), widget=_NUMBER, initial=2, required=False)
    offered_on = forms.DateField(label=gettext_lazy("Tilbudt den"), widget=_DATE, required=False)
    reference = forms.CharField(
        label=gettext_lazy("Reference (brev, referat eller link)"),
        widget=_TEXT,
        required=False,
        max_length=300,
    )
    response = forms.ChoiceField(
        label=gettext_lazy("Svar"),
        widget=_SELECT,
        required=False,
        choices=[("", gettext_lazy("Ikke registreret"))] + [(k.value, v) for k, v in RESPONSE_LABELS.items()],
    )

    def offer(self) -> dict[str, Any]:
        d = self.cleaned_data
        offer: dict[str, Any] = {"to": d["to"], "reference": d.get("reference") or ""}
        # An empty number or date is left out, so that the core schema says which one is missing.
        if d.get("seats") is not None:
            offer["seats"] = d["seats"]
        if d.get("offered_on") is not None:
            offer["offered_on"] = d["offered_on"].isoformat()
        if d.get("response"):
            offer["response"] = d["response"]
        return offer


class _SeatOfferFormSet(forms.BaseFormSet):
    def add_fields(self, form: forms.Form, index: int | None) -> None:
        super().add_fields(form, index)
        if "DELETE" in form.fields:
            form.fields["DELETE"].widget.attrs.update(_CHECKBOX)


SeatOfferFormSet = forms.formset_factory(SeatOfferForm, formset=_SeatOfferFormSet, extra=1, can_delete=True)


class BodyFactsForm(forms.Form):
    """The facts the rules read for the body's kind (``actions.facts.FACTS_BY_KIND``); the others are absent."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    secretariat_state = forms.ChoiceField(
        label=gettext_lazy("Sekretariat"),
        choices=_STATE,
        widget=forms.RadioSelect(attrs=_RADIOS),
        initial=UNRECORDED,
    )
    secretariat = forms.MultipleChoiceField(
        label=gettext_lazy("Parter, der sekretariatsbetjener organet"),
        widget=forms.CheckboxSelectMultiple(attrs=_CHECKBOX),
        required=False,
    )
    rules_state = forms.ChoiceField(
        label=gettext_lazy("Forretningsorden"),
        choices=_STATE,
        widget=forms.RadioSelect(attrs=_RADIOS),
        initial=UNRECORDED,
    )
    rules_adopted_on = forms.DateField(
        label=gettext_lazy("Forretningsorden vedtaget den"), widget=_DATE, required=False
    )
    rules_reference = forms.CharField(
        label=gettext_lazy("Forretningsorden: reference (mødereferat, dokument eller link)"),
        widget=_TEXT,
        required=False,
        max_length=300,
    )
    patient_committee_relevance = forms.ChoiceField(
        label=gettext_lazy("Relevant for patientinddragelsesudvalget (§ 30, stk. 3)"),
        widget=forms.RadioSelect(attrs=_RADIOS),
        required=False,
        choices=[("", gettext_lazy("Ikke registreret (ikke vurderet)"))]
        + [(k.value, v) for k, v in RELEVANCE_LABELS.items()],
    )
    patient_committee_relevance_reason = forms.CharField(
        label=gettext_lazy("Begrundelse (skal udfyldes, når gruppen ikke er relevant)"),
        widget=_AREA,
        required=False,
        max_length=500,
    )

    _FIELDS_OF = {
        "secretariat": ("secretariat_state", "secretariat"),
        "rules_of_procedure": ("rules_state", "rules_adopted_on", "rules_reference"),
        "patient_committee_relevance": ("patient_committee_relevance", "patient_committee_relevance_reason"),
        "seat_offers": (),
    }

    def __init__(self, data: Any = None, *, body: Body) -> None:
        self.body = body
        self.facts = {p.fact for p in facts_of(body)}
        stored = body_facts_get(body)
        rules = stored.rules_of_procedure
        initial = {
            "version": body.version,
            "secretariat_state": RECORDED if stored.secretariat is not None else UNRECORDED,
            "secretariat": list(stored.secretariat or ()),
            "rules_state": RECORDED if rules else UNRECORDED,
            "rules_adopted_on": rules.adopted_on if rules else None,
            "rules_reference": rules.reference if rules else "",
            "patient_committee_relevance": stored.patient_committee_relevance or "",
            "patient_committee_relevance_reason": stored.patient_committee_relevance_reason,
        }
        super().__init__(data, initial=initial)
        keep = {"version"} | {name for fact in self.facts for name in self._FIELDS_OF[fact]}
        for name in list(self.fields):
            if name not in keep:
                del self.fields[name]
        if "secretariat" in self.fields:
            field = self.fields["secretariat"]
            assert isinstance(field, forms.MultipleChoiceField)
            field.choices = secretariat_parties(body)
        self.offers = (
            SeatOfferFormSet(
                data,
                prefix="offers",
                initial=[
                    {
                        "to": o.to.value,
                        "seats": o.seats,
                        "offered_on": o.offered_on,
                        "reference": o.reference,
                        "response": o.response.value if o.response else "",
                    }
                    for o in stored.seat_offers
                ],
            )
            if "seat_offers" in self.facts
            else None
        )
        self._offer_forms: list[SeatOfferForm] = []

    def is_valid(self) -> bool:
        valid = super().is_valid()
        return (self.offers.is_valid() if self.offers is not None else True) and valid

    def facts_data(self) -> dict[str, Any]:
        """The recorded facts as JSON values for the action; ``None`` for a fact cleared to "ikke registreret"."""
        d = self.cleaned_data
        data: dict[str, Any] = {}
        if "secretariat" in self.facts:
            data["secretariat"] = list(d["secretariat"]) if d["secretariat_state"] == RECORDED else None
        if "rules_of_procedure" in self.facts:
            if d["rules_state"] == RECORDED:
                rules: dict[str, Any] = {"reference": d["rules_reference"].strip()}
                if d["rules_adopted_on"] is not None:
                    rules["adopted_on"] = d["rules_adopted_on"].isoformat()
                data["rules_of_procedure"] = rules
            else:
                data["rules_of_procedure"] = None
        if "patient_committee_relevance" in self.facts:
            data["patient_committee_relevance"] = d["patient_committee_relevance"] or None
            data["patient_committee_relevance_reason"] = d["patient_committee_relevance_reason"].strip()
        if self.offers is not None:
            kept = self.offers.initial_form_count()
            self._offer_forms = [
                f
                for i, f in enumerate(self.offers.forms)
                if (i < kept or f.has_changed()) and f.cleaned_data and not f.cleaned_data.get("DELETE")
            ]
            data["seat_offers"] = [f.offer() for f in self._offer_forms]
        return data

    def add_action_errors(self, exc: Invalid) -> None:
        """Put each of the action's messages on the field (or offer row) its path names."""
        for path, message in exc.errors:
            if path.startswith("seat_offers[") and self._offer_forms:
                index, _sep, rest = path.removeprefix("seat_offers[").partition("]")
                form = self._offer_forms[int(index)] if int(index) < len(self._offer_forms) else None
                field = rest.lstrip(".")
                if form is not None:
                    form.add_error(field if field in form.fields else None, message)
                    continue
            target = {
                "rules_of_procedure.adopted_on": "rules_adopted_on",
                "rules_of_procedure.reference": "rules_reference",
                "rules_of_procedure": "rules_adopted_on",
            }.get(path, path.split("[")[0])
            self.add_error(target if target in self.fields else None, message)
