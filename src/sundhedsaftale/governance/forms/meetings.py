"""Forms for meetings, agenda items and documents: values are parsed here; the actions check what is allowed."""

from __future__ import annotations

from typing import Any

from django import forms
from django.forms import formset_factory
from django.utils.translation import gettext_lazy

from sundhedsaftale.core.case import MeetingKind, MeetingStatus

from ..actions.meetings import (
    DOCUMENT_TYPES,
    MeetingInput,
)

STATUS_LABELS = {
    MeetingStatus.PLANNED.value: gettext_lazy("Planlagt"),
    MeetingStatus.HELD.value: gettext_lazy("Afholdt"),
    MeetingStatus.CANCELLED.value: gettext_lazy("Aflyst"),
}
KIND_LABELS = {
    MeetingKind.ORDINARY.value: gettext_lazy("Ordinært møde"),
    MeetingKind.CONSTITUTING.value: gettext_lazy("Konstituerende møde (§ 26, stk. 2)"),
    MeetingKind.DIALOGUE.value: gettext_lazy("Dialogmøde med patientinddragelsesudvalget (§ 30, stk. 2)"),
    MeetingKind.PATIENT_COMMITTEE_ANNUAL.value: gettext_lazy(
        "Årligt møde med patientinddragelsesudvalget (vejledningens afsnit 2.2.8)"
    ),
    MeetingKind.AGREEMENT_KICKOFF.value: gettext_lazy(
        "Møde med patientinddragelsesudvalget før udkastet til sundhedsaftalen (§ 29, stk. 1)"
    ),
}


# --- Forms ------------------------------------------------------------------------------------------------


class _DkfdsForm(forms.Form):
    """Gives each widget its DKFDS class."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            widget = field.widget
            if isinstance(widget, forms.HiddenInput):
                continue
            if isinstance(widget, forms.CheckboxInput):
                css = "form-checkbox"
            elif isinstance(widget, forms.Select):
                css = "form-select"
            elif isinstance(widget, forms.FileInput):
                css = "form-file-input"
            else:
                css = "form-input"
            widget.attrs["class"] = f"{widget.attrs.get('class', '')} {css}".strip()


class MeetingForm(_DkfdsForm):
    date = forms.DateField(
        label=gettext_lazy("Dato"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    status = forms.ChoiceField(label=gettext_lazy("Status"), choices=list(STATUS_LABELS.items()))
    kind = forms.ChoiceField(label=gettext_lazy("Mødetype"), choices=list(KIND_LABELS.items()))
    title = forms.CharField(
        label=gettext_lazy("Titel"),
        max_length=200,
        required=False,
        help_text=gettext_lazy("Tom: organets navn bruges i kalenderen."),
    )
    starts_at = forms.TimeField(
        label=gettext_lazy("Starter kl."),
        required=False,
        widget=forms.TimeInput(attrs={"type": "time", "class": "input-width-xs"}, format="%H:%M"),
    )
    ends_at = forms.TimeField(
        label=gettext_lazy("Slutter kl."),
        required=False,
        widget=forms.TimeInput(attrs={"type": "time", "class": "input-width-xs"}, format="%H:%M"),
    )
    location = forms.CharField(label=gettext_lazy("Sted"), max_length=200, required=False)
    video_url = forms.CharField(
        label=gettext_lazy("Videolink"),
        max_length=500,
        required=False,
        help_text=gettext_lazy("Hvis mødet (også) holdes som videomøde: den fulde adresse, fx https://…"),
        widget=forms.URLInput(),
    )
    requested_by_member = forms.BooleanField(
        label=gettext_lazy("Indkaldt efter begæring fra et medlem (§ 27, stk. 2)"), required=False
    )
    patient_committee_invited = forms.BooleanField(
        label=gettext_lazy("Repræsentanter for patientinddragelsesudvalget er inviteret"),
        required=False,
        help_text=gettext_lazy(
            "Dialogmøder (§ 30, stk. 2) og det årlige møde (vejledningens afsnit 2.2.8) registreres altid "
            "med invitation."
        ),
    )
    minutes = forms.CharField(
        label=gettext_lazy("Referat"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 8, "class": "input-width-xl"}),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def meeting_input(self) -> MeetingInput:
        data = self.cleaned_data
        return MeetingInput(
            date=data["date"],
            status=data["status"],
            kind=data["kind"],
            title=data["title"],
            location=data["location"],
            requested_by_member=data["requested_by_member"],
            patient_committee_invited=data["patient_committee_invited"],
            minutes=data["minutes"],
            starts_at=data["starts_at"],
            ends_at=data["ends_at"],
            video_url=data["video_url"],
        )


class AgendaItemForm(_DkfdsForm):
    item_id = forms.IntegerField(required=False, widget=forms.HiddenInput)
    number = forms.IntegerField(
        label=gettext_lazy("Nr."),
        required=False,
        min_value=1,
        widget=forms.NumberInput(attrs={"class": "input-width-xxs"}),
    )
    title = forms.CharField(label=gettext_lazy("Titel"), max_length=300, required=False)
    description = forms.CharField(
        label=gettext_lazy("Beskrivelse"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    summary = forms.CharField(
        label=gettext_lazy("Sagsfremstilling"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    recommendation = forms.CharField(
        label=gettext_lazy("Indstilling"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    authorities_only = forms.BooleanField(
        label=gettext_lazy("Særskilt punkt for myndighederne (§ 2, stk. 3)"), required=False
    )
    closed = forms.BooleanField(
        label=gettext_lazy("Lukket punkt (kun organets sekretariat ser det)"), required=False
    )
    outcome = forms.CharField(
        label=gettext_lazy("Beslutning"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def is_blank(self) -> bool:
        return not any(
            str(self[name].value() or "").strip()
            for name in ("title", "description", "summary", "recommendation", "outcome")
        )


AgendaFormSet = formset_factory(AgendaItemForm, extra=0)
AGENDA_FIELDS = (
    "item_id",
    "number",
    "title",
    "description",
    "summary",
    "recommendation",
    "authorities_only",
    "closed",
    "outcome",
)


class CancelForm(_DkfdsForm):
    reason = forms.CharField(
        label=gettext_lazy("Begrundelse (valgfri)"),
        max_length=1000,
        required=False,
        help_text=gettext_lazy("Står i beskeden til de inviterede."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    version = forms.IntegerField(widget=forms.HiddenInput)


class RsvpForm(_DkfdsForm):
    answer = forms.ChoiceField(
        label=gettext_lazy("Dit svar"),
        choices=[
            ("attending", gettext_lazy("Jeg deltager")),
            ("absent", gettext_lazy("Jeg melder afbud")),
            ("substitute", gettext_lazy("Jeg melder afbud, og min stedfortræder kommer")),
        ],
        widget=forms.RadioSelect(attrs={"class": "form-radio"}),
    )
    substitute_name = forms.CharField(
        label=gettext_lazy("Stedfortræderens navn"),
        max_length=200,
        required=False,
        help_text=gettext_lazy("Kun når din stedfortræder kommer i dit sted."),
    )
    note = forms.CharField(label=gettext_lazy("Bemærkning (valgfri)"), max_length=300, required=False)
    version = forms.IntegerField(widget=forms.HiddenInput)


class ApprovalForm(_DkfdsForm):
    approved_on = forms.DateField(
        label=gettext_lazy("Godkendt den"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    version = forms.IntegerField(widget=forms.HiddenInput)


class DocumentForm(_DkfdsForm):
    title = forms.CharField(
        label=gettext_lazy("Titel"),
        max_length=300,
        required=False,
        help_text=gettext_lazy("Fx 'Dagsorden', 'Bilag 3' eller 'Referat'; tom: filens navn."),
    )
    agenda_item = forms.TypedChoiceField(
        label=gettext_lazy("Bilag til dagsordenspunkt"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", gettext_lazy("Mødet som helhed"))],
    )
    file = forms.FileField(
        label=gettext_lazy("Fil"),
        help_text=gettext_lazy(
            "Samme titel som et dokument, mødet har, gemmer en ny version; de ældre bevares."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ",".join(DOCUMENT_TYPES)}),
    )

    def __init__(self, *args: Any, items: Any = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["agenda_item"]
        field.choices = [  # type: ignore[attr-defined]
            ("", gettext_lazy("Mødet som helhed")),
            *((item.pk, f"{item.number}. {item.title}") for item in items),
        ]
