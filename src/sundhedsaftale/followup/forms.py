"""Forms for the follow-up pages: the yearly review, the report's dates, and the report's content as posted."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from sundhedsaftale.core.followup import GoalState, StatusContent

_DATE = forms.DateInput(attrs={"type": "date", "class": "form-input form-input--medium"}, format="%Y-%m-%d")


class ReviewForm(forms.Form):
    expected_version = forms.IntegerField(widget=forms.HiddenInput)
    year = forms.IntegerField(
        label=_("År, gennemgangen dækker"),
        min_value=2000,
        max_value=2100,
        widget=forms.NumberInput(attrs={"class": "form-input form-input--xsmall"}),
    )
    # Any meeting's id is taken, so that the action can say why a meeting of another body or region is refused.
    meeting = forms.IntegerField(
        label=_("Mødet i sundhedssamarbejdsudvalget, hvor gennemgangen blev besluttet"),
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    revise = forms.TypedChoiceField(
        label=_("Udvalgets konklusion"),
        choices=[("0", _("Aftalen skal ikke revideres")), ("1", _("Aftalen skal revideres"))],
        coerce=lambda v: v == "1",
        widget=forms.RadioSelect(attrs={"class": "form-radio"}),
    )
    reasons = forms.CharField(
        label=_("Begrundelse"),
        max_length=5000,
        widget=forms.Textarea(attrs={"class": "form-input", "rows": 4}),
    )

    def __init__(self, *args: Any, meetings: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["meeting"].widget.choices = [("", _("Vælg mødet")), *meetings]


class DateForm(forms.Form):
    expected_version = forms.IntegerField(widget=forms.HiddenInput)
    on = forms.DateField(label=_("Dato"), widget=_DATE)
    reference = forms.CharField(
        label=_("Journalnummer"),
        max_length=100,
        required=False,
        widget=forms.TextInput(attrs={"class": "form-input"}),
    )


STATES = [("", _("Ikke angivet")), *((s.value, s.label) for s in GoalState)]


def content_from_post(current: StatusContent, post: Any) -> tuple[dict[str, Any], list[str]]:
    """The report's content as the edit page posted it: per item its status, what was done, next steps; per
    criterion its baseline, target and an optional new indicator value. Earlier values are kept as they were.

    Returns the content as data (validated by the action) and the errors of a half-filled new value, each naming
    the goal and field."""
    errors: list[str] = []
    items = []
    for n, item in enumerate(current.items):
        criteria = []
        for m, criterion in enumerate(item.criteria):
            prefix = f"i{n}-c{m}-"
            values = [v.model_dump(mode="json") for v in criterion.values]
            new = {k: post.get(prefix + k, "").strip() for k in ("value", "unit", "source", "measured_on")}
            if any(new[k] for k in ("value", "source", "measured_on")):
                missing = [
                    str(label)
                    for key, label in (
                        ("value", _("værdi")),
                        ("source", _("kilde")),
                        ("measured_on", _("målt pr.")),
                    )
                    if not new[key]
                ]
                if missing:
                    errors.append(
                        str(_("%(goal)s, succeskriterium %(n)s: ny måling mangler %(fields)s."))
                        % {"goal": item.title, "n": m + 1, "fields": ", ".join(missing)}
                    )
                else:
                    try:
                        dt.date.fromisoformat(new["measured_on"])
                    except ValueError:
                        errors.append(
                            str(
                                _("%(goal)s, succeskriterium %(n)s: 'målt pr.' er ikke en dato (ÅÅÅÅ-MM-DD).")
                            )
                            % {"goal": item.title, "n": m + 1}
                        )
                    else:
                        values.append(new)
            criteria.append(
                {
                    **criterion.model_dump(mode="json"),
                    "baseline": post.get(prefix + "baseline", criterion.baseline).strip(),
                    "target": post.get(prefix + "target", criterion.target).strip(),
                    "values": values,
                }
            )
        items.append(
            {
                **item.model_dump(mode="json"),
                "status": post.get(f"i{n}-status") or None,
                "done": post.get(f"i{n}-done", "").strip(),
                "next_steps": post.get(f"i{n}-next_steps", "").strip(),
                "criteria": criteria,
            }
        )
    return {"summary": post.get("summary", "").strip(), "items": items}, errors
