"""The forms of hearing rounds: the draft, sending, an answer, the dispositions, closing (ADR 0036).

Forms parse what the person typed; every rule is the action's, and its messages are put on the fields they name.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from sundhedsaftale.accounts.models import Role, User
from sundhedsaftale.agreements.models import HealthAgreement as AgreementRow
from sundhedsaftale.governance.actions.bodies import Invalid
from sundhedsaftale.governance.models import Body

from .actions import AddresseeIn, AnswerIn, DispositionIn, RoundIn
from .models import DispositionChoice, HearingRound, Topic

_TEXT = {"class": "form-input"}
_DATE = forms.DateInput(attrs={"type": "date", "class": "form-input form-input--medium"}, format="%Y-%m-%d")
_AREA = {"class": "form-input", "rows": 6}
DISSENT_ROWS = 4
EXTRA_DISPOSITION_ROWS = 2


class ActionErrors:
    """Put each of the action's messages on the field it names, or above the form."""

    def add_action_errors(self, exc: Invalid) -> None:
        form: Any = self
        for field, message in exc.errors:
            form.add_error(field if field in form.fields else None, message)


def _organisations(text: str) -> tuple[list[AddresseeIn], list[str]]:
    found: list[AddresseeIn] = []
    errors: list[str] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        name, _sep, email = line.partition(";")
        if not name.strip():
            errors.append(str(_("Linje %(n)s: organisationens navn mangler.") % {"n": number}))
            continue
        found.append(AddresseeIn(name=name.strip(), email=email.strip()))
    return found, errors


class RoundForm(ActionErrors, forms.Form):
    topic = forms.ChoiceField(
        label=_("Hvad sendes i høring?"),
        choices=Topic.choices,
        widget=forms.RadioSelect(attrs={"class": "form-radio"}),
    )
    agreement = forms.ChoiceField(
        label=_("Sundhedsaftale"),
        required=False,
        help_text=_("For et udkast eller en revision: materialet er aftalens nyeste version (PDF)."),
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    subject = forms.CharField(label=_("Overskrift"), max_length=200, widget=forms.TextInput(attrs=_TEXT))
    covering_text = forms.CharField(
        label=_("Følgebrev"), required=False, max_length=20000, widget=forms.Textarea(attrs=_AREA)
    )
    response_deadline = forms.DateField(label=_("Høringsfrist"), widget=_DATE)
    bodies = forms.MultipleChoiceField(
        label=_("Organer, der høres"),
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "form-checkbox"}),
    )
    respondent = forms.ChoiceField(
        label=_("Bruger, der svarer for de valgte organer"),
        required=False,
        help_text=_("Et medlem med adgang til platformen, som afgiver organets svar online."),
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    organisations = forms.CharField(
        label=_("Organisationer, der høres"),
        required=False,
        max_length=10000,
        help_text=_("Én pr. linje: navn; e-mail"),
        widget=forms.Textarea(attrs={"class": "form-input", "rows": 4}),
    )
    document = forms.FileField(
        label=_("Høringsmateriale (PDF, DOCX, XLSX eller ODT)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"class": "form-file-input"}),
    )
    version = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, region_code: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        agreement_field = self.fields["agreement"]
        assert isinstance(agreement_field, forms.ChoiceField)
        agreement_field.choices = [
            ("", _("– ingen –")),
            *((a.key, a.title) for a in AgreementRow.objects.filter(region_id=region_code).order_by("key")),
        ]
        bodies_field = self.fields["bodies"]
        assert isinstance(bodies_field, forms.MultipleChoiceField)
        bodies_field.choices = [
            (b.key, b.name) for b in Body.objects.filter(region_id=region_code).order_by("name", "key")
        ]
        respondent_field = self.fields["respondent"]
        assert isinstance(respondent_field, forms.ChoiceField)
        respondent_field.choices = [
            ("", _("– ingen; sekretariatet registrerer svaret –")),
            *(
                (u.username, u.get_full_name() or u.username)
                for u in User.objects.filter(
                    region_code=region_code, role=Role.MEMBER, is_active=True
                ).order_by("username")
            ),
        ]

    def main_fields(self) -> list[forms.BoundField]:
        return [self[n] for n in ("subject", "agreement", "response_deadline", "covering_text")]

    def clean_organisations(self) -> str:
        text: str = self.cleaned_data.get("organisations") or ""
        _found, errors = _organisations(text)
        if errors:
            raise forms.ValidationError(errors)
        return text

    def round(self) -> RoundIn:
        data = self.cleaned_data
        respondent = data.get("respondent") or ""
        organisations, _errors = _organisations(data.get("organisations") or "")
        return RoundIn(
            topic=data["topic"],
            subject=data["subject"],
            response_deadline=data["response_deadline"],
            covering_text=data.get("covering_text") or "",
            agreement=data.get("agreement") or "",
            addressees=(
                *(AddresseeIn(body=key, respondent=respondent) for key in data.get("bodies") or []),
                *organisations,
            ),
        )

    @staticmethod
    def initial_of(round_: HearingRound) -> dict[str, Any]:
        addressees = list(round_.addressees.all())
        respondents = [a.respondent.username for a in addressees if a.body_id and a.respondent]
        return {
            "topic": round_.topic,
            "agreement": round_.agreement.key if round_.agreement else "",
            "subject": round_.subject,
            "covering_text": round_.covering_text,
            "response_deadline": round_.response_deadline,
            "bodies": [a.body.key for a in addressees if a.body],
            "respondent": respondents[0] if respondents else "",
            "organisations": "\n".join(f"{a.name}; {a.email}" for a in addressees if a.body_id is None),
            "version": round_.version,
        }


class SendForm(ActionErrors, forms.Form):
    confirmed = forms.BooleanField(
        label=_("Ja, send høringen nu. Høringsparterne og materialet kan derefter ikke ændres."),
        required=False,
        widget=forms.CheckboxInput(attrs={"class": "form-checkbox"}),
    )
    version = forms.IntegerField(widget=forms.HiddenInput)


class AnswerForm(ActionErrors, forms.Form):
    no_remarks = forms.BooleanField(
        label=_("Ingen bemærkninger"),
        required=False,
        widget=forms.CheckboxInput(attrs={"class": "form-checkbox"}),
    )
    text = forms.CharField(
        label=_("Høringssvar"), required=False, max_length=20000, widget=forms.Textarea(attrs=_AREA)
    )
    received_on = forms.DateField(
        label=_("Modtaget"),
        required=False,
        help_text=_("Datoen svaret blev modtaget; tom: i dag."),
        widget=_DATE,
    )
    document = forms.FileField(
        label=_("Svarets dokument (PDF, DOCX, XLSX eller ODT)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"class": "form-file-input"}),
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
            ("yes", _("Ja, svaret er organets samlede")),
            ("no", _("Nej, medlemmerne afgiver hver især synspunkter (§ 27, stk. 3, 3. pkt.)")),
        ],
        coerce=lambda value: value == "yes",
        required=False,
        empty_value=None,
        widget=forms.RadioSelect(attrs={"class": "form-radio"}),
    )

    def __init__(self, *args: Any, body: Body | None, secretariat: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.body = body
        if not secretariat:
            del self.fields["received_on"]
            del self.fields["document"]
        if body is None:
            del self.fields["consensus_sought"]
            del self.fields["consensus_reached"]
            return
        members = [
            ("", "–"),
            *sorted({(m.person.name, m.person.name) for m in body.memberships.select_related("person")}),
        ]
        for n in range(1, DISSENT_ROWS + 1):
            self.fields[f"dissent_member_{n}"] = forms.ChoiceField(
                label=_("Medlem"),
                choices=members,
                required=False,
                widget=forms.Select(attrs={"class": "form-select"}),
            )
            self.fields[f"dissent_view_{n}"] = forms.CharField(
                label=_("Medlemmets synspunkt med egne ord"),
                required=False,
                max_length=4000,
                widget=forms.Textarea(attrs={"class": "form-input", "rows": 2}),
            )

    def dissent_rows(self) -> list[tuple[forms.BoundField, forms.BoundField]]:
        if self.body is None:
            return []
        return [(self[f"dissent_member_{n}"], self[f"dissent_view_{n}"]) for n in range(1, DISSENT_ROWS + 1)]

    def main_fields(self) -> list[forms.BoundField]:
        names = ("no_remarks", "text", "received_on", "document", "consensus_sought", "consensus_reached")
        return [self[n] for n in names if n in self.fields]

    def answer(self) -> AnswerIn:
        data = self.cleaned_data
        dissents = tuple(
            (data.get(f"dissent_member_{n}") or "", data.get(f"dissent_view_{n}") or "")
            for n in range(1, DISSENT_ROWS + 1)
            if data.get(f"dissent_member_{n}") or (data.get(f"dissent_view_{n}") or "").strip()
        )
        return AnswerIn(
            text=data.get("text") or "",
            no_remarks=bool(data.get("no_remarks")),
            received_on=data.get("received_on"),
            consensus_sought=bool(data.get("consensus_sought")),
            consensus_reached=data.get("consensus_reached"),
            dissents=dissents,
        )


class DispositionForm(ActionErrors, forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, rows: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.row_count = rows
        for n in range(1, rows + 1):
            self.fields[f"point_{n}"] = forms.CharField(
                label=_("Punkt i svaret (tomt: svaret som helhed)"),
                required=False,
                max_length=500,
                widget=forms.TextInput(attrs=_TEXT),
            )
            self.fields[f"kind_{n}"] = forms.ChoiceField(
                label=_("Behandling"),
                required=False,
                choices=[("", "–"), *DispositionChoice.choices],
                widget=forms.Select(attrs={"class": "form-select"}),
            )
            self.fields[f"reason_{n}"] = forms.CharField(
                label=_("Begrundelse"),
                required=False,
                max_length=20000,
                widget=forms.Textarea(attrs={"class": "form-input", "rows": 3}),
            )

    def rows(self) -> list[tuple[forms.BoundField, forms.BoundField, forms.BoundField]]:
        return [
            (self[f"point_{n}"], self[f"kind_{n}"], self[f"reason_{n}"]) for n in range(1, self.row_count + 1)
        ]

    def items(self) -> tuple[DispositionIn, ...]:
        data = self.cleaned_data
        return tuple(
            DispositionIn(
                kind=data.get(f"kind_{n}") or "",
                reason=data.get(f"reason_{n}") or "",
                point=data.get(f"point_{n}") or "",
            )
            for n in range(1, self.row_count + 1)
            if data.get(f"kind_{n}")
            or (data.get(f"reason_{n}") or "").strip()
            or (data.get(f"point_{n}") or "").strip()
        )


class CloseForm(ActionErrors, forms.Form):
    changes_made = forms.CharField(
        label=_("Ændringer som følge af høringen"),
        required=False,
        max_length=20000,
        help_text=_("Kommer med i høringsnotatet."),
        widget=forms.Textarea(attrs=_AREA),
    )
    version = forms.IntegerField(widget=forms.HiddenInput)
