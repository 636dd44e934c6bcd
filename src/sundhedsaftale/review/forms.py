"""Forms of the reviewer's workspace. Each carries the version it was opened at (optimistic locking)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Verdict

_DATE = forms.DateInput(attrs={"type": "date", "class": "form-input form-input--medium"}, format="%Y-%m-%d")
_TEXT = {"class": "form-input"}


def _textarea(rows: int = 4) -> forms.Textarea:
    return forms.Textarea(attrs={"class": "form-input", "rows": rows})


def lines(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def paragraphs(text: str) -> list[str]:
    """Blank lines separate the paragraphs of a remark."""
    return [" ".join(p.split()) for p in (text or "").replace("\r\n", "\n").split("\n\n") if p.strip()]


class _Versioned(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)


class ReceiptForm(_Versioned):
    received_on = forms.DateField(label=_("Modtaget i Sundhedsstyrelsen"), widget=_DATE)
    reference = forms.CharField(
        label=_("Journalnummer"), required=False, max_length=100, widget=forms.TextInput(attrs=_TEXT)
    )


class FindingReviewForm(_Versioned):
    verdict = forms.ChoiceField(
        label=_("Vurdering"),
        choices=Verdict.choices,
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    text = forms.CharField(
        label=_("Redigeret tekst"),
        required=False,
        widget=_textarea(3),
        help_text=_("Kun ved redigering: teksten, som brevet bruger i stedet for regelens."),
    )
    reason = forms.CharField(
        label=_("Begrundelse"),
        required=False,
        widget=_textarea(2),
        help_text=_("Skal udfyldes, når fundet redigeres eller tilsidesættes."),
    )
    on = forms.DateField(widget=forms.HiddenInput)


class InformationRequestForm(_Versioned):
    asked_on = forms.DateField(label=_("Spurgt"), widget=_DATE)
    question = forms.CharField(label=_("Spørgsmål til sundhedssamarbejdsudvalget"), widget=_textarea())


class InformationAnswerForm(_Versioned):
    answered_on = forms.DateField(label=_("Svar modtaget"), widget=_DATE)
    answer = forms.CharField(label=_("Svar"), widget=_textarea())


class DecisionForm(_Versioned):
    """The decision, asked in two steps: this form, then a confirmation that names the consequence.

    ``kind`` has no initial value on purpose: the reviewer must choose, and pressing the button without a
    choice is an error naming the field, never an approval. ``confirmed`` is set only by the confirmation
    page; without it nothing is written.
    """

    APPROVE = "approve"
    OBJECT = "object"

    kind = forms.ChoiceField(
        label=_("Afgørelse"),
        choices=[(APPROVE, _("Godkend aftalen")), (OBJECT, _("Gør indsigelse"))],
        # Laid out in DKFDS markup (the input, then its own label) by review/_decision_choice.html.
        widget=forms.RadioSelect(attrs={"class": "form-radio"}),
        error_messages={
            "required": _("Vælg en afgørelse: godkend aftalen, eller gør indsigelse mod den."),
            "invalid_choice": _("Vælg en afgørelse: godkend aftalen, eller gør indsigelse mod den."),
        },
    )
    decided_on = forms.DateField(label=_("Afgjort"), widget=_DATE)
    reference = forms.CharField(
        label=_("Journalnummer"), required=False, max_length=100, widget=forms.TextInput(attrs=_TEXT)
    )
    general_assessment = forms.CharField(
        label=_("Samlet vurdering"),
        required=False,
        widget=_textarea(),
        help_text=_("Tom: brevets standardtekst bruges."),
    )
    remarks = forms.CharField(
        label=_("Øvrige bemærkninger"),
        required=False,
        widget=_textarea(),
        help_text=_("Tom linje mellem afsnit."),
    )
    deficiencies = forms.CharField(
        label=_("Mangler (én pr. linje)"),
        required=False,
        widget=_textarea(6),
        help_text=_("Kun ved indsigelse: hvori manglerne består (§ 21, stk. 4; vejledningens afsnit 5.4)."),
    )
    remedy_deadline = forms.DateField(
        label=_("Frist for udbedring og genindsendelse"),
        required=False,
        widget=_DATE,
        help_text=_("Kun ved indsigelse (§ 21, stk. 4)."),
    )
    confirmed = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        if data.get("kind") == self.OBJECT:
            if not lines(str(data.get("deficiencies") or "")):
                self.add_error(
                    "deficiencies", _("En indsigelse skal angive, hvori manglerne består (§ 21, stk. 4).")
                )
            if not data.get("remedy_deadline"):
                self.add_error(
                    "remedy_deadline", _("En indsigelse skal angive en frist for udbedring (§ 21, stk. 4).")
                )
        return data


class PublishForm(_Versioned):
    published_on = forms.DateField(label=_("Offentliggjort"), widget=_DATE)
    url = forms.URLField(
        label=_("Link"), required=False, assume_scheme="https", widget=forms.URLInput(attrs=_TEXT)
    )
