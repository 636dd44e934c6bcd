"""The forms of the administrators' verification of a legal change and of its withdrawal."""

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


class ChangeWithdrawForm(forms.Form):
    reason = forms.CharField(
        label=_("Begrundelse"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Hvorfor verifikationen var forkert, fx at kilden ikke bekræfter datoen. Står i revisionssporet."
        ),
    )
