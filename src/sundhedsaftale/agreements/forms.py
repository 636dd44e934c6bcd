"""Forms for agreements: a new agreement, the version comparison, and one form per lifecycle step."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from sundhedsaftale.core.case import AUTHORITY_PARTY, RegionCase, StatusReportKind
from sundhedsaftale.core.collation import danish_sort_key
from sundhedsaftale.core.lifecycle import Step

from .steps import STEP_SPECS

_DATE = forms.DateInput(attrs={"type": "date", "class": "form-input form-input--medium"}, format="%Y-%m-%d")
_TEXT = {"class": "form-input"}

# Labels of the record fields, as the secretariats and the authority call them.
_LABELS: dict[str, Any] = {
    "sent_on": _("Sendt i høring"),
    "response_deadline": _("Høringsfrist"),
    "answered_on": _("Svar modtaget"),
    "version_label": _("Versionsnummer"),
    "renewed": _("Fornyet høring efter revision (§ 29, stk. 2)"),
    "given_on": _("Input givet"),
    "cluster_id": _("Sundhedsklynge"),
    "summary": _("Resumé af input"),
    "approved_on": _("Godkendt"),
    "party_code": _("Part"),
    "reference": _("Reference (mødereferat, sagsnummer eller link)"),
    "submitted_on": _("Indsendt"),
    "version_number": _("Versionsnummer"),
    "received_on": _("Modtaget i Sundhedsstyrelsen"),
    "asked_on": _("Spurgt"),
    "question": _("Spørgsmål til sundhedssamarbejdsudvalget"),
    "answer": _("Svar"),
    "decided_on": _("Afgjort"),
    "deficiencies": _("Mangler (én pr. linje)"),
    "remedy_deadline": _("Frist for udbedring og genindsendelse"),
    "published_on": _("Offentliggjort"),
    "url": _("Link"),
    "held_on": _("Gennemgået"),
    "revision_needed": _("Aftalen skal revideres"),
    "note": _("Bemærkning"),
    "kind": _("Status"),
}


def _field(name: str, case: RegionCase, step: Step) -> forms.Field:
    label = _LABELS.get(name, name)
    spec = STEP_SPECS[step]
    model_field = spec.model.model_fields.get(name) if spec.model is not None else None
    # What the record requires, the date the step takes effect, and what § 21, stk. 4 demands of an objection.
    required = (
        name == spec.fields[0]
        or (model_field is not None and model_field.is_required())
        or (step is Step.OBJECT and name in ("deficiencies", "remedy_deadline"))
    )
    if name.endswith("_on") or name.endswith("_deadline"):
        return forms.DateField(label=label, required=required, widget=_DATE)
    if name in ("renewed", "revision_needed"):
        return forms.BooleanField(
            label=label, required=False, widget=forms.CheckboxInput(attrs={"class": "form-checkbox"})
        )
    if name == "party_code":
        parties = [(case.region.code, case.party_name(case.region.code))]
        ordered = sorted(case.municipalities, key=lambda m: danish_sort_key(m.name))
        parties += [(m.code, case.party_name(m.code)) for m in ordered]
        if step is Step.PUBLISH:
            parties.append((AUTHORITY_PARTY, "Sundhedsstyrelsen"))
        return forms.ChoiceField(
            label=label, choices=parties, widget=forms.Select(attrs={"class": "form-select"})
        )
    if name == "cluster_id":
        return forms.ChoiceField(
            label=label,
            choices=[(c.id, c.name) for c in case.clusters],
            widget=forms.Select(attrs={"class": "form-select"}),
        )
    if name == "kind":
        return forms.ChoiceField(
            label=label,
            choices=[(k.value, k.label) for k in StatusReportKind],
            widget=forms.Select(attrs={"class": "form-select"}),
        )
    if name in ("summary", "question", "answer", "note", "deficiencies"):
        return forms.CharField(
            label=label, required=required, widget=forms.Textarea(attrs={"class": "form-input", "rows": 4})
        )
    return forms.CharField(
        label=label, required=required, max_length=300, widget=forms.TextInput(attrs=_TEXT)
    )


class StepForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, step: Step, case: RegionCase, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.step = step
        for name in STEP_SPECS[step].fields:
            self.fields[name] = _field(name, case, step)
        if STEP_SPECS[step].model is None:
            self.fields["on"] = forms.DateField(label=_("Dato"), widget=_DATE)

    def record_values(self) -> dict[str, Any]:
        values = {k: v for k, v in self.cleaned_data.items() if k != "version"}
        if "deficiencies" in values:
            values["deficiencies"] = tuple(
                line.strip() for line in (values["deficiencies"] or "").splitlines() if line.strip()
            )
        return values


class AgreementCreateForm(forms.Form):
    title = forms.CharField(
        label=_("Titel"),
        max_length=200,
        widget=forms.TextInput(attrs=_TEXT),
        help_text=_("Fx 'Sundhedsaftale 2028–2031'"),
    )
    election_period_start = forms.IntegerField(
        label=_("Valgperiodens første år"),
        min_value=2022,
        max_value=2100,
        widget=forms.NumberInput(attrs={"class": "form-input form-input--small"}),
        help_text=_("Aftalen indsendes senest 1. juli i valgperiodens andet år (§ 21, stk. 1)."),
    )
    term_years = forms.IntegerField(
        label=_("Varighed i år, hvis aftalen fastsætter en anden end standarden"),
        required=False,
        min_value=1,
        max_value=10,
        widget=forms.NumberInput(attrs={"class": "form-input form-input--small"}),
    )


class ApprovalsForm(forms.Form):
    """The councils' approvals as one table: a row (date, meeting reference, document) per party still missing.

    Field names carry the party code (``approved_on__253``); every message names the party, so an error in a
    table of eighteen rows says where it is.
    """

    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, missing: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.missing = missing
        for code, name in missing:
            self.fields[f"approved_on__{code}"] = forms.DateField(
                label=_("Godkendt"),
                required=False,
                widget=_DATE,
                error_messages={
                    "invalid": _("%(party)s: Datoen for godkendelsen er ikke en gyldig dato.")
                    % {"party": name}
                },
            )
            self.fields[f"reference__{code}"] = forms.CharField(
                label=_("Mødereference"), required=False, widget=forms.TextInput(attrs=_TEXT)
            )
            self.fields[f"document__{code}"] = forms.CharField(
                label=_("Dokument (link eller filnavn)"), required=False, widget=forms.TextInput(attrs=_TEXT)
            )

    def rows(self) -> list[dict[str, Any]]:
        """The table's rows for the template: the party with its three bound fields."""
        return [
            {
                "code": code,
                "name": name,
                "approved_on": self[f"approved_on__{code}"],
                "reference": self[f"reference__{code}"],
                "document": self[f"document__{code}"],
            }
            for code, name in self.missing
        ]

    def entries(self) -> list[tuple[str, Any, str, str]]:
        data = self.cleaned_data
        return [
            (
                code,
                data.get(f"approved_on__{code}"),
                data.get(f"reference__{code}") or "",
                data.get(f"document__{code}") or "",
            )
            for code, _name in self.missing
        ]


class AnnexForm(forms.Form):
    """An annex to upload: its title (a new version when the title is used already) and the file."""

    title = forms.CharField(
        label=_("Titel"),
        max_length=300,
        required=False,
        help_text=_(
            "Fx 'Bilag 1: Datagrundlag'. Samme titel som et eksisterende bilag giver en ny version af det."
        ),
        widget=forms.TextInput(attrs={"class": "form-input"}),
    )
    file = forms.FileField(
        label=_("Fil"), widget=forms.ClearableFileInput(attrs={"class": "form-file-input"})
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, accept: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if accept:
            self.fields["file"].widget.attrs["accept"] = accept
