"""Forms for the pages. Values are parsed here; the rules of what is allowed are checked by the action."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from sundhedsaftale.core.case import DecisionMaker

from .platform import platform


def _parameter_choices() -> list[tuple[str, str]]:
    book = platform().rulebook
    return [
        (p.key, f"{p.label} ({book.corpus.resolve(p.set_aside_citation or p.citation).label})")
        for p in book.parameters
        if p.set_aside_by is not None
    ]


class DecisionForm(forms.Form):
    parameter = forms.ChoiceField(label=_("Hvilken standard fraviges"), choices=_parameter_choices)
    subject_id = forms.CharField(
        label=_("Gælder for"),
        initial="*",
        max_length=100,
        help_text=_("Organets, kommunens eller aftalens id; * for alle i regionen."),
    )
    value = forms.CharField(
        label=_("Ny værdi"), max_length=100, help_text=_("Et tal, ja/nej eller en dato (ÅÅÅÅ-MM-DD).")
    )
    decided_by = forms.CharField(label=_("Besluttet af"), max_length=200)
    decision_maker = forms.ChoiceField(
        label=_("Beslutningstager"),
        choices=[
            (DecisionMaker.PARTIES.value, _("Parterne (regionsrådet og kommunalbestyrelserne)")),
            (DecisionMaker.MUNICIPAL_COUNCIL.value, _("En kommunalbestyrelse")),
            (DecisionMaker.AUTHORITY.value, _("Sundhedsstyrelsen")),
        ],
    )
    decided_on = forms.DateField(
        label=_("Beslutningsdato"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    reference = forms.CharField(
        label=_("Reference"), max_length=300, help_text=_("Mødereferat, journalnummer eller link.")
    )
    valid_until = forms.DateField(
        label=_("Gælder til og med"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("Fx valgperiodens sidste dag; tom hvis den gælder indtil videre."),
    )
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def clean_value(self) -> Any:
        return parse_value(self.cleaned_data["value"])


def parse_value(raw: str) -> Any:
    """Read what a person typed: ja/nej, a whole number, an ISO date, or JSON."""
    text = raw.strip()
    lowered = text.lower()
    if lowered in ("ja", "yes", "true", "sand"):
        return True
    if lowered in ("nej", "no", "false", "falsk"):
        return False
    try:
        return int(text)
    except ValueError:
        pass
    try:
        return dt.date.fromisoformat(text).isoformat()
    except ValueError:
        pass
    try:
        return json.loads(text)
    except json.JSONDecodeError:
        raise forms.ValidationError(_("Skriv et tal, ja/nej eller en dato på formen ÅÅÅÅ-MM-DD.")) from None
