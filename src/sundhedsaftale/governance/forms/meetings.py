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
    location = forms.CharField(label=gettext_lazy("Sted"), max_length=200, required=False)
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
        )


class AgendaItemForm(_DkfdsForm):
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
    authorities_only = forms.BooleanField(
        label=gettext_lazy("Særskilt punkt for myndighederne (§ 2, stk. 3)"), required=False
    )
    outcome = forms.CharField(
        label=gettext_lazy("Beslutning"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def is_blank(self) -> bool:
        return not any(str(self[name].value() or "").strip() for name in ("title", "description", "outcome"))


AgendaFormSet = formset_factory(AgendaItemForm, extra=0)
AGENDA_FIELDS = ("number", "title", "description", "authorities_only", "outcome")


class DocumentForm(_DkfdsForm):
    title = forms.CharField(
        label=gettext_lazy("Titel"),
        max_length=300,
        required=False,
        help_text=gettext_lazy("Fx 'Dagsorden', 'Bilag 3' eller 'Referat'; tom: filens navn."),
    )
    file = forms.FileField(
        label=gettext_lazy("Fil"),
        widget=forms.ClearableFileInput(attrs={"accept": ",".join(DOCUMENT_TYPES)}),
    )
