"""The search form: the words, region, type and period; Danish errors naming the field."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.utils.translation import gettext_lazy as _

from sundhedsaftale.core.periods import PLATFORM_FIRST_DAY, PLATFORM_LAST_DAY

from .models import Kind
from .selectors import MAX_PAGE, SearchFilters

MAX_QUERY = 200


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Søg efter"), max_length=MAX_QUERY, required=False, strip=True)
    region = forms.ChoiceField(label=_("Region"), required=False)
    type = forms.ChoiceField(label=_("Type"), required=False)
    fra = forms.DateField(label=_("Fra dato"), required=False)
    til = forms.DateField(label=_("Til dato"), required=False)
    side = forms.IntegerField(label=_("Side"), required=False, min_value=1, max_value=MAX_PAGE)

    def __init__(self, *args: object, regions: list[tuple[str, str]], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        region, kind = self.fields["region"], self.fields["type"]
        assert isinstance(region, forms.ChoiceField)
        assert isinstance(kind, forms.ChoiceField)
        region.choices = [("", _("Alle regioner")), *regions]
        kind.choices = [("", _("Alle typer")), *Kind.choices]

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        start, end = data.get("fra"), data.get("til")
        for name in ("fra", "til"):
            day = data.get(name)
            if isinstance(day, dt.date) and not PLATFORM_FIRST_DAY <= day <= PLATFORM_LAST_DAY:
                self.add_error(name, _("Datoen skal ligge mellem år 2000 og 2100."))
        if isinstance(start, dt.date) and isinstance(end, dt.date) and start > end:
            self.add_error("til", _("Til-datoen ligger før fra-datoen."))
        return data

    def filters(self) -> SearchFilters:
        data = self.cleaned_data
        return SearchFilters(
            region=data.get("region") or None,
            kind=data.get("type") or None,
            date_from=data.get("fra"),
            date_to=data.get("til"),
        )
