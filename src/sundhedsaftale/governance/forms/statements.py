"""The form for a statement of the patient involvement committee (§ 27, stk. 3; § 28)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from ..actions.bodies import Invalid
from ..actions.statements import DissentIn, StatementIn
from ..models import Body, StatementBasis

_TEXT = {"class": "form-input"}
_DATE = forms.DateInput(attrs={"type": "date", "class": "form-input form-input--medium"}, format="%Y-%m-%d")
DISSENT_ROWS = 4


class StatementForm(forms.Form):
    basis = forms.ChoiceField(
        label=_("Grundlag (§ 28)"),
        choices=StatementBasis.choices,
        widget=forms.RadioSelect(attrs={"class": "form-radio"}),
    )
    topic = forms.CharField(label=_("Emne"), max_length=200, widget=forms.TextInput(attrs=_TEXT))
    text = forms.CharField(
        label=_("Udtalelse"),
        max_length=20000,
        widget=forms.Textarea(attrs={"class": "form-input", "rows": 8}),
    )
    given_on = forms.DateField(label=_("Dato for udtalelsen"), widget=_DATE)
    meeting = forms.ChoiceField(
        label=_("Vedtaget på mødet"), required=False, widget=forms.Select(attrs={"class": "form-select"})
    )
    consensus_sought = forms.BooleanField(
        label=_("Udvalget har tilstræbt enighed (§ 27, stk. 3, 2. pkt.)"),
        required=False,
        initial=True,
        widget=forms.CheckboxInput(attrs={"class": "form-checkbox"}),
    )
    consensus_reached = forms.TypedChoiceField(
        label=_("Blev der opnået enighed?"),
        choices=[
            ("yes", _("Ja, udtalelsen er udvalgets samlede")),
            ("no", _("Nej, medlemmerne afgiver hver især synspunkter (§ 27, stk. 3, 3. pkt.)")),
        ],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect(attrs={"class": "form-radio"}),
    )
    individual_case = forms.BooleanField(
        label=_("Henvendelsen drejer sig om en enkelt patients sag"),
        help_text=_("Udvalget behandler ikke enkeltsager (§ 28, stk. 2)."),
        required=False,
        widget=forms.CheckboxInput(attrs={"class": "form-checkbox"}),
    )

    def __init__(self, *args: Any, body: Body, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        meetings = body.meetings.order_by("-date")
        meeting_field = self.fields["meeting"]
        assert isinstance(meeting_field, forms.ChoiceField)
        meeting_field.choices = [
            ("", _("– intet møde valgt –")),
            *((m.key, f"{m.date:%d.%m.%Y} {m.title}".strip()) for m in meetings),
        ]
        members = [("", "–")] + [
            (m.key, m.person.name)
            for m in body.memberships.select_related("person").order_by("person__name", "key")
        ]
        for n in range(1, DISSENT_ROWS + 1):
            self.fields[f"dissent_member_{n}"] = forms.ChoiceField(
                label=_("Medlem"),
                choices=members,
                required=False,
                widget=forms.Select(attrs={"class": "form-select"}),
            )
            self.fields[f"dissent_view_{n}"] = forms.CharField(
                label=_("Medlemmets synspunkt"),
                required=False,
                max_length=4000,
                widget=forms.Textarea(attrs={"class": "form-input", "rows": 2}),
            )

    def dissent_rows(self) -> list[tuple[forms.BoundField, forms.BoundField]]:
        return [(self[f"dissent_member_{n}"], self[f"dissent_view_{n}"]) for n in range(1, DISSENT_ROWS + 1)]

    def main_fields(self) -> list[forms.BoundField]:
        return [
            self[name]
            for name in (
                "basis",
                "topic",
                "text",
                "given_on",
                "meeting",
                "consensus_sought",
                "consensus_reached",
                "individual_case",
            )
        ]

    def statement(self) -> StatementIn:
        data = self.cleaned_data
        dissents = tuple(
            DissentIn(data.get(f"dissent_member_{n}") or "", data.get(f"dissent_view_{n}") or "")
            for n in range(1, DISSENT_ROWS + 1)
            if data.get(f"dissent_member_{n}") or (data.get(f"dissent_view_{n}") or "").strip()
        )
        return StatementIn(
            basis=data["basis"],
            topic=data["topic"],
            text=data["text"],
            given_on=data["given_on"],
            consensus_reached=data["consensus_reached"],
            consensus_sought=data["consensus_sought"],
            meeting=data.get("meeting") or "",
            dissents=dissents,
            individual_case=data["individual_case"],
        )

    def add_action_errors(self, exc: Invalid) -> None:
        for field, message in exc.errors:
            self.add_error(field if field in self.fields and field != "dissents" else None, message)
