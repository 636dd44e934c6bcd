"""The form of the administrators' verification of a legal change."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class ChangeVerifyForm(forms.Form):
    change_id = forms.CharField(widget=forms.HiddenInput, max_length=64)
    verified_against = forms.CharField(
        label=_("Verificeret mod"),
        max_length=500,
        help_text=_(
            "Den kilde, du har kontrolleret ændringens dato og bestemmelser mod, fx lovens adresse på "
            "Retsinformation."
        ),
    )
    note = forms.CharField(label=_("Bemærkning"), required=False, max_length=2000, widget=forms.Textarea)
