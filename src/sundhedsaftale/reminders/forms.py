"""The preferences page's form."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Language

_CHECKBOX = {"class": "form-checkbox"}


class PreferenceForm(forms.Form):
    deadlines_approaching = forms.BooleanField(
        label=_("Frister, der nærmer sig (fra varslingsdatoen i fristkalenderen)"),
        required=False,
        widget=forms.CheckboxInput(attrs=_CHECKBOX),
    )
    deadlines_passed = forms.BooleanField(
        label=_("Frister, der er overskredet"), required=False, widget=forms.CheckboxInput(attrs=_CHECKBOX)
    )
    meetings = forms.BooleanField(
        label=_("Møder, der planlægges eller aflyses"),
        required=False,
        widget=forms.CheckboxInput(attrs=_CHECKBOX),
    )
    hearings = forms.BooleanField(
        label=_("Høringer"), required=False, widget=forms.CheckboxInput(attrs=_CHECKBOX)
    )
    status_reports = forms.BooleanField(
        label=_("Statusrapporter: sendt til Sundhedsstyrelsen, og kvitteringen for modtagelsen"),
        required=False,
        widget=forms.CheckboxInput(attrs=_CHECKBOX),
    )
    catalogue = forms.BooleanField(
        label=_("Ændringer i tiltag, jeg følger i vidensdelingskataloget"),
        required=False,
        widget=forms.CheckboxInput(attrs=_CHECKBOX),
    )
    language = forms.ChoiceField(
        label=_("Sprog i e-mails"),
        choices=Language.choices,
        widget=forms.RadioSelect(attrs={"class": "form-radio"}),
        error_messages={"invalid_choice": _("Vælg dansk eller engelsk.")},
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
