"""Forms for the structured content of a health agreement: the basics and one form per kind of item.

Each item form parses page input into the core's model of the item (``to_item``); the view puts the item into
the whole content and saves a new version. Every form carries the agreement's ``version`` as it was when the page
was opened, so a save made after someone else's is a conflict, never an overwrite.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Any

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS
from django.core.validators import RegexValidator
from django.forms import BaseFormSet, formset_factory
from django.utils.translation import gettext_lazy as _
from pydantic import BaseModel

from sundhedsaftale.core.case import (
    AgreementContent,
    Attachment,
    CareProgramme,
    ClusterGoal,
    ClusterInfo,
    CollaborationAgreement,
    CollaborationModel,
    ContentPart,
    Coverage,
    ElementCoverage,
    FrameworkElement,
    OverarchingGoal,
    SubGoal,
    SuccessCriterion,
    TargetGroup,
)
from sundhedsaftale.web.platform import platform

_TEXT = {"class": "form-input"}
_AREA = {"class": "form-input", "rows": 4}
_DATE = forms.DateInput(attrs={"type": "date", "class": "form-input form-input--medium"}, format="%Y-%m-%d")

# Ids appear in page addresses (…/indhold/maalsaetninger/M2/), so they are kept to letters, digits and - . _
ID_PATTERN = r"^[A-Za-z0-9æøåÆØÅ][A-Za-z0-9æøåÆØÅ._-]*$"
_RESERVED_IDS = {"ny"}  # the address of the add page
_id_validator = RegexValidator(
    ID_PATTERN, _("Id'et må kun indeholde bogstaver, tal, bindestreg, punktum og understregning.")
)

EXTRA_SUB_GOALS = 2
EXTRA_CRITERIA = 2


def lines(text: str | None) -> tuple[str, ...]:
    """One entry per non-empty line."""
    return tuple(line.strip() for line in (text or "").splitlines() if line.strip())


def next_free_id(prefix: str, taken: Iterable[str], *, count: int | None = None) -> str:
    """``prefix`` followed by the first number after the highest one in use (``M6`` after ``M1``–``M5``)."""
    used = set(taken)
    numbers = [int(m.group(1)) for t in used if (m := re.fullmatch(rf"{re.escape(prefix)}(\d+)", t))]
    number = max(numbers, default=count if count is not None else 0) + 1
    while f"{prefix}{number}" in used:
        number += 1
    return f"{prefix}{number}"


def national_goal_choices() -> list[tuple[str, str]]:
    goals = sorted(platform().reference.national_goals.values(), key=lambda g: g.number)
    return [(str(g.number), f"{g.number}. {g.name_da}") for g in goals]


def _checkboxes(
    label: Any, choices: Sequence[tuple[str, str]], help_text: Any = ""
) -> forms.MultipleChoiceField:
    return forms.MultipleChoiceField(
        label=label,
        choices=choices,
        required=False,
        help_text=help_text,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "form-checkbox"}),
    )


def indicator_choices() -> list[tuple[str, Any]]:
    """The defined register indicators a success criterion can be measured by (data/indicators; ADR 0049), with
    their verification marker. Population by age is left out: it has no single value per unit."""
    from sundhedsaftale.indicators import load_definitions

    return [
        ("", _("Ingen")),
        *((d.id, f"{d.name} {d.marker}") for d in load_definitions().indicators if not d.age_bands),
    ]


def _row_is_blank(form: forms.Form) -> bool:
    return not any(
        str(value).strip() for value in (form.cleaned_data or {}).values() if value not in (None, False)
    )


class ContentForm(forms.Form):
    """What every content form has: the version the page was opened at and an optional note for the new version."""

    version = forms.IntegerField(label=_("Version"), widget=forms.HiddenInput)
    note = forms.CharField(
        label=_("Bemærkning til versionen"),
        required=False,
        max_length=300,
        widget=forms.TextInput(attrs=_TEXT),
        help_text=_("Tom: ændringen beskrives automatisk, fx 'Målsætning M2 ændret'."),
    )

    def __init__(
        self,
        data: Any = None,
        *,
        content: AgreementContent,
        version: int,
        item: Any = None,
        clusters: Sequence[ClusterInfo] = (),
    ) -> None:
        self.content = content
        self.item = item
        self.clusters = tuple(clusters)
        initial = {
            "version": version,
            **(self.initial_for(item) if item is not None else self.blank_initial()),
        }
        super().__init__(data, initial=initial)
        self.setup()
        # the version note comes last, after the fields the subclass added
        self.fields["note"] = self.fields.pop("note")

    # -- hooks ---------------------------------------------------------------------------------------------------

    def setup(self) -> None:
        """Add the fields whose choices depend on the content or the region."""

    def initial_for(self, item: Any) -> dict[str, Any]:
        return {}

    def blank_initial(self) -> dict[str, Any]:
        return {}

    def to_item(self, item_id: str) -> BaseModel:
        raise NotImplementedError

    def item_id(self, fallback: str) -> str:
        """The id the saved item gets: its own when edited, ``fallback`` (the next free one) when new."""
        return str(getattr(self.item, "id", "") or fallback)

    # -- rendering -----------------------------------------------------------------------------------------------

    def main_fields(self) -> list[forms.BoundField]:
        return [
            f
            for f in self.visible_fields()
            if f.name not in ("note", "id") and not f.name.startswith(("coverage_", "note_"))
        ]

    def technical_fields(self) -> list[forms.BoundField]:
        """The item's id: shown only under "Tekniske oplysninger" (ADR 0039)."""
        return [f for f in self.visible_fields() if f.name == "id"]

    def error_lines(self) -> list[str]:
        """Every error with the name of its field, for the summary at the top of the page."""
        result = [str(e) for e in self.non_field_errors()]
        for name, errors in self.errors.items():
            if name == NON_FIELD_ERRORS:
                continue
            field = self.fields.get(name)
            label = field.label if field is not None and field.label else name
            result += [f"{label}: {e}" for e in errors]
        return result


def _target_group_choices(content: AgreementContent) -> list[tuple[str, str]]:
    return [(t.id, t.name) for t in content.target_groups]


class BasicsForm(ContentForm):
    label = forms.CharField(
        label=_("Versionsnummer"),
        required=False,
        max_length=32,
        widget=forms.TextInput(attrs={"class": "form-input form-input--small"}),
        help_text=_("Det versionsnummer, aftalen selv angiver (afsnit 5.1), fx '1.0'."),
    )
    effective_date = forms.DateField(
        label=_("Ikrafttrædelsesdato"), required=False, widget=_DATE, help_text=_("Afsnit 3.6 og 5.1.")
    )
    vision = forms.CharField(label=_("Vision"), required=False, widget=forms.Textarea(attrs=_AREA))
    values = forms.CharField(
        label=_("Værdier"),
        required=False,
        widget=forms.Textarea(attrs=_AREA),
        help_text=_("Én værdi pr. linje."),
    )
    general_practice = forms.CharField(
        label=_("Almen praksis' rolle"),
        required=False,
        widget=forms.Textarea(attrs={**_AREA, "rows": 6}),
        help_text=_(
            "Hvordan almen praksis indgår i aftalens målsætninger og indsatser (vejledningens afsnit 3.3)."
        ),
    )

    def initial_for(self, item: Any) -> dict[str, Any]:
        label, effective_date = item
        return {
            "label": label,
            "effective_date": effective_date,
            "vision": self.content.vision,
            "values": "\n".join(self.content.values),
            "general_practice": self.content.general_practice,
        }


# ---------------------------------------------------------------------------------------------------------------
# Overarching goals with their sub-goals and success criteria


class SubGoalForm(forms.Form):
    """One sub-goal row; a row left empty is not saved, so emptying a row removes the sub-goal."""

    id = forms.CharField(
        label=_("Id"),
        required=False,
        max_length=60,
        validators=[_id_validator],
        widget=forms.TextInput(attrs={"class": "form-input form-input--small"}),
        help_text=_("Tomt: udfyldes automatisk."),
    )
    title = forms.CharField(
        label=_("Delmål"), required=False, max_length=300, widget=forms.TextInput(attrs=_TEXT)
    )
    description = forms.CharField(
        label=_("Beskrivelse"), required=False, widget=forms.Textarea(attrs={**_AREA, "rows": 2})
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not _row_is_blank(self) and not (data.get("title") or "").strip():
            self.add_error("title", _("Skriv delmålet, eller tøm rækken for at fjerne det."))
        return data


class CriterionForm(forms.Form):
    text = forms.CharField(
        label=_("Succeskriterium"), required=False, max_length=500, widget=forms.TextInput(attrs=_TEXT)
    )
    indicator = forms.CharField(
        label=_("Indikator"), required=False, max_length=300, widget=forms.TextInput(attrs=_TEXT)
    )
    target = forms.CharField(
        label=_("Målværdi"), required=False, max_length=200, widget=forms.TextInput(attrs=_TEXT)
    )
    data_source = forms.CharField(
        label=_("Datakilde"), required=False, max_length=300, widget=forms.TextInput(attrs=_TEXT)
    )
    indicator_id = forms.ChoiceField(
        label=_("Beregnet indikator"),
        required=False,
        widget=forms.Select(attrs={"class": "form-select"}),
        help_text=_("Statusrapportens 'Hent værdier' henter indikatorens beregnede værdier for regionen."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["indicator_id"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = indicator_choices()

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not _row_is_blank(self) and not (data.get("text") or "").strip():
            self.add_error("text", _("Skriv succeskriteriet, eller tøm rækken for at fjerne det."))
        return data


SubGoalFormSet = formset_factory(SubGoalForm, extra=0)
CriterionFormSet = formset_factory(CriterionForm, extra=0)


class SubGoalBlock:
    """A sub-goal row and the criteria rows under it."""

    def __init__(self, index: int, form: forms.Form, criteria: BaseFormSet) -> None:
        self.index = index
        self.number = index + 1
        self.form = form
        self.criteria = criteria


class GoalForm(ContentForm):
    """An overarching goal (§ 19, stk. 2; afsnit 3.2) with its sub-goals and their success criteria."""

    id = forms.CharField(
        label=_("Id"),
        max_length=60,
        validators=[_id_validator],
        widget=forms.TextInput(attrs={"class": "form-input form-input--small"}),
        help_text=_("Bruges, når samarbejdsaftaler henviser til målsætningen."),
    )
    title = forms.CharField(label=_("Titel"), max_length=300, widget=forms.TextInput(attrs=_TEXT))
    description = forms.CharField(label=_("Beskrivelse"), required=False, widget=forms.Textarea(attrs=_AREA))

    _kept: list[tuple[SubGoalBlock, dict[str, Any], list[dict[str, Any]]]]

    def setup(self) -> None:
        self._kept = []
        self.fields["national_goals"] = _checkboxes(
            _("Nationale mål"),
            national_goal_choices(),
            _("De nationale mål for sundhedsvæsenet, målsætningen hænger sammen med."),
        )
        self.fields["target_group_ids"] = _checkboxes(
            _("Målgrupper"),
            _target_group_choices(self.content),
            _("Målgrupperne oprettes under 'Målgrupper og grundlag'."),
        )
        goal = self.item if isinstance(self.item, OverarchingGoal) else None
        if self.is_bound:
            self.sub_goals = SubGoalFormSet(self.data, prefix="sg")
            count = len(self.sub_goals.forms)
            criteria = [CriterionFormSet(self.data, prefix=f"sg{i}-sk") for i in range(count)]
        else:
            existing = list(goal.sub_goals) if goal else []
            rows = [{"id": s.id, "title": s.title, "description": s.description} for s in existing]
            self.sub_goals = SubGoalFormSet(initial=rows + [{}] * EXTRA_SUB_GOALS, prefix="sg")
            criteria = []
            for i in range(len(self.sub_goals.forms)):
                known = existing[i].success_criteria if i < len(existing) else ()
                crit_rows = [c.model_dump() for c in known]
                criteria.append(
                    CriterionFormSet(initial=crit_rows + [{}] * EXTRA_CRITERIA, prefix=f"sg{i}-sk")
                )
        self.sub_goal_blocks = [
            SubGoalBlock(i, form, criteria[i]) for i, form in enumerate(self.sub_goals.forms)
        ]

    def blank_initial(self) -> dict[str, Any]:
        return {
            "id": next_free_id(
                "M", (g.id for g in self.content.overarching_goals), count=len(self.content.overarching_goals)
            )
        }

    def initial_for(self, item: Any) -> dict[str, Any]:
        return {
            "id": item.id,
            "title": item.title,
            "description": item.description,
            "national_goals": [str(n) for n in item.national_goals],
            "target_group_ids": list(item.target_group_ids),
        }

    def item_id(self, fallback: str) -> str:
        return str(self.cleaned_data["id"])

    def clean_id(self) -> str:
        value = str(self.cleaned_data["id"]).strip()
        own = getattr(self.item, "id", None)
        if value.lower() in _RESERVED_IDS:
            raise forms.ValidationError(_("'%(id)s' kan ikke bruges som id."), params={"id": value})
        if value != own and any(g.id == value for g in self.content.overarching_goals):
            raise forms.ValidationError(_("Målsætningen '%(id)s' findes allerede."), params={"id": value})
        return value

    def is_valid(self) -> bool:
        valid = super().is_valid()
        valid = self.sub_goals.is_valid() and valid
        for block in self.sub_goal_blocks:
            valid = block.criteria.is_valid() and valid
        if valid:
            self._kept = self._kept_sub_goals()
            valid = self._check_sub_goals()
        return valid

    def _kept_sub_goals(self) -> list[tuple[SubGoalBlock, dict[str, Any], list[dict[str, Any]]]]:
        kept = []
        for block in self.sub_goal_blocks:
            criteria = [
                c.cleaned_data for c in block.criteria.forms if c.cleaned_data and not _row_is_blank(c)
            ]
            if block.form.cleaned_data and not _row_is_blank(block.form):
                kept.append((block, block.form.cleaned_data, criteria))
            elif criteria:
                block.form.add_error("title", _("Succeskriterier skal høre til et delmål: skriv delmålet."))
        return kept

    def _check_sub_goals(self) -> bool:
        others = {s.id for g in self.content.overarching_goals if g is not self.item for s in g.sub_goals}
        seen: set[str] = set()
        for block, data, _criteria in self._kept:
            sub_id = (data.get("id") or "").strip()
            if sub_id and (sub_id in others or sub_id in seen):
                block.form.add_error("id", _("Delmålet '%(id)s' findes allerede.") % {"id": sub_id})
            seen.add(sub_id)
        return not any(b.form.errors for b in self.sub_goal_blocks)

    def to_item(self, item_id: str) -> OverarchingGoal:
        data = self.cleaned_data
        taken = {s.id for g in self.content.overarching_goals if g is not self.item for s in g.sub_goals}
        taken |= {(d.get("id") or "").strip() for _b, d, _c in self._kept}
        sub_goals = []
        for _block, row, criteria in self._kept:
            sub_id = (row.get("id") or "").strip()
            if not sub_id:
                sub_id = next_free_id(f"{item_id}-d", taken)
                taken.add(sub_id)
            sub_goals.append(
                SubGoal(
                    id=sub_id,
                    title=row["title"].strip(),
                    description=(row.get("description") or "").strip(),
                    success_criteria=tuple(
                        SuccessCriterion(
                            text=c["text"].strip(),
                            indicator=(c.get("indicator") or "").strip(),
                            target=(c.get("target") or "").strip(),
                            data_source=(c.get("data_source") or "").strip(),
                            indicator_id=c.get("indicator_id") or "",
                        )
                        for c in criteria
                    ),
                )
            )
        return OverarchingGoal(
            id=item_id,
            title=data["title"].strip(),
            description=data["description"].strip(),
            national_goals=tuple(sorted(int(n) for n in data["national_goals"])),
            target_group_ids=tuple(data["target_group_ids"]),
            sub_goals=tuple(sub_goals),
        )

    def error_lines(self) -> list[str]:
        result = super().error_lines()
        result += [str(e) for e in self.sub_goals.non_form_errors()]
        for block in self.sub_goal_blocks:
            for name, errors in block.form.errors.items():
                label = block.form.fields[name].label if name in block.form.fields else name
                result += [_line(_("Delmål %(n)s") % {"n": block.number}, label, e) for e in errors]
            result += [str(e) for e in block.criteria.non_form_errors()]
            for c_index, form in enumerate(block.criteria.forms, start=1):
                for name, errors in form.errors.items():
                    label = form.fields[name].label if name in form.fields else name
                    where = _("Delmål %(n)s, succeskriterium %(c)s") % {"n": block.number, "c": c_index}
                    result += [_line(where, label, e) for e in errors]
        return result


def _line(where: Any, label: Any, error: Any) -> str:
    return f"{where} – {label}: {error}"


# ---------------------------------------------------------------------------------------------------------------
# The other items


class TargetGroupForm(ContentForm):
    name = forms.CharField(label=_("Navn"), max_length=300, widget=forms.TextInput(attrs=_TEXT))
    description = forms.CharField(label=_("Beskrivelse"), required=False, widget=forms.Textarea(attrs=_AREA))
    knowledge_basis = forms.CharField(
        label=_("Vidensgrundlag"),
        required=False,
        widget=forms.Textarea(attrs=_AREA),
        help_text=_("Viden og forskning, valget af målgruppen bygger på. Én pr. linje."),
    )
    data_sources = forms.CharField(
        label=_("Datakilder"),
        required=False,
        widget=forms.Textarea(attrs=_AREA),
        help_text=_("Data, der viser behovet, fx risikostratificering. Én pr. linje."),
    )

    def initial_for(self, item: Any) -> dict[str, Any]:
        return {
            "name": item.name,
            "description": item.description,
            "knowledge_basis": "\n".join(item.knowledge_basis),
            "data_sources": "\n".join(item.data_sources),
        }

    def to_item(self, item_id: str) -> TargetGroup:
        data = self.cleaned_data
        return TargetGroup(
            id=item_id,
            name=data["name"].strip(),
            description=data["description"].strip(),
            knowledge_basis=lines(data["knowledge_basis"]),
            data_sources=lines(data["data_sources"]),
        )


class ClusterGoalForm(ContentForm):
    title = forms.CharField(label=_("Titel"), max_length=300, widget=forms.TextInput(attrs=_TEXT))
    description = forms.CharField(label=_("Beskrivelse"), required=False, widget=forms.Textarea(attrs=_AREA))
    indicator = forms.CharField(
        label=_("Indikator"), required=False, max_length=300, widget=forms.TextInput(attrs=_TEXT)
    )

    def setup(self) -> None:
        self.fields["cluster_id"] = forms.ChoiceField(
            label=_("Sundhedsklynge"),
            choices=[("", _("Vælg klynge")), *((c.id, c.name) for c in self.clusters)],
            widget=forms.Select(attrs={"class": "form-select"}),
        )
        self.order_fields(["cluster_id", "title", "description", "indicator"])

    def initial_for(self, item: Any) -> dict[str, Any]:
        return {
            "cluster_id": item.cluster_id,
            "title": item.title,
            "description": item.description,
            "indicator": item.indicator,
        }

    def to_item(self, item_id: str) -> ClusterGoal:
        data = self.cleaned_data
        return ClusterGoal(
            id=item_id,
            cluster_id=data["cluster_id"],
            title=data["title"].strip(),
            description=data["description"].strip(),
            indicator=data["indicator"].strip(),
        )


class CollaborationAgreementForm(ContentForm):
    """A collaboration agreement (§ 20; afsnit 4.1) with how it treats each of the framework's 8 elements."""

    title = forms.CharField(label=_("Titel"), max_length=300, widget=forms.TextInput(attrs=_TEXT))
    description = forms.CharField(label=_("Beskrivelse"), required=False, widget=forms.Textarea(attrs=_AREA))
    updated_for_agreement = forms.BooleanField(
        label=_("Tilpasset den nye sundhedsaftale (målsætninger, rammer og principper)"),
        required=False,
        widget=forms.CheckboxInput(attrs={"class": "form-checkbox"}),
    )

    def setup(self) -> None:
        goals = [(g.id, g.title or g.id) for g in self.content.overarching_goals]
        self.fields["goal_ids"] = _checkboxes(_("Overordnede målsætninger, aftalen understøtter"), goals)
        self.fields["target_group_ids"] = _checkboxes(_("Målgrupper"), _target_group_choices(self.content))
        self.order_fields(["title", "description", "goal_ids", "target_group_ids", "updated_for_agreement"])
        for element in FrameworkElement:
            self.fields[f"coverage_{element.value}"] = forms.ChoiceField(
                label=f"{element.number}. {element.label}",
                choices=[(c.value, c.label) for c in Coverage],
                widget=forms.RadioSelect(attrs={"class": "form-radio"}),
            )
            self.fields[f"note_{element.value}"] = forms.CharField(
                label=_("Note til delelement %(n)s") % {"n": element.number},
                required=False,
                max_length=1000,
                widget=forms.Textarea(attrs={"class": "form-input", "rows": 2}),
            )

    def blank_initial(self) -> dict[str, Any]:
        return {
            "updated_for_agreement": True,
            **{f"coverage_{e.value}": Coverage.MISSING.value for e in FrameworkElement},
        }

    def initial_for(self, item: Any) -> dict[str, Any]:
        notes = {e.element: e.note for e in item.elements}
        return {
            "title": item.title,
            "description": item.description,
            "goal_ids": list(item.goal_ids),
            "target_group_ids": list(item.target_group_ids),
            "updated_for_agreement": item.updated_for_agreement,
            **{f"coverage_{e.value}": item.coverage_of(e).value for e in FrameworkElement},
            **{f"note_{e.value}": notes.get(e, "") for e in FrameworkElement},
        }

    def element_rows(self) -> list[dict[str, Any]]:
        return [
            {"element": e, "coverage": self[f"coverage_{e.value}"], "note": self[f"note_{e.value}"]}
            for e in FrameworkElement
        ]

    def to_item(self, item_id: str) -> CollaborationAgreement:
        data = self.cleaned_data
        return CollaborationAgreement(
            id=item_id,
            title=data["title"].strip(),
            description=data["description"].strip(),
            goal_ids=tuple(data["goal_ids"]),
            target_group_ids=tuple(data["target_group_ids"]),
            updated_for_agreement=data["updated_for_agreement"],
            elements=tuple(
                ElementCoverage(
                    element=e,
                    coverage=Coverage(data[f"coverage_{e.value}"]),
                    note=data[f"note_{e.value}"].strip(),
                )
                for e in FrameworkElement
            ),
        )


class CareProgrammeForm(ContentForm):
    title = forms.CharField(label=_("Titel"), max_length=300, widget=forms.TextInput(attrs=_TEXT))
    description = forms.CharField(label=_("Beskrivelse"), required=False, widget=forms.Textarea(attrs=_AREA))

    def setup(self) -> None:
        self.fields["target_group_ids"] = _checkboxes(_("Målgrupper"), _target_group_choices(self.content))

    def initial_for(self, item: Any) -> dict[str, Any]:
        return {
            "title": item.title,
            "description": item.description,
            "target_group_ids": list(item.target_group_ids),
        }

    def to_item(self, item_id: str) -> CareProgramme:
        data = self.cleaned_data
        return CareProgramme(
            id=item_id,
            title=data["title"].strip(),
            description=data["description"].strip(),
            target_group_ids=tuple(data["target_group_ids"]),
        )


class CollaborationModelForm(ContentForm):
    title = forms.CharField(label=_("Titel"), max_length=300, widget=forms.TextInput(attrs=_TEXT))
    description = forms.CharField(label=_("Beskrivelse"), required=False, widget=forms.Textarea(attrs=_AREA))

    def setup(self) -> None:
        self.fields["cluster_ids"] = _checkboxes(
            _("Sundhedsklynger"),
            [(c.id, c.name) for c in self.clusters],
            _("Fx klynger, hvis initiativ udbredes."),
        )

    def initial_for(self, item: Any) -> dict[str, Any]:
        return {"title": item.title, "description": item.description, "cluster_ids": list(item.cluster_ids)}

    def to_item(self, item_id: str) -> CollaborationModel:
        data = self.cleaned_data
        return CollaborationModel(
            id=item_id,
            title=data["title"].strip(),
            description=data["description"].strip(),
            cluster_ids=tuple(data["cluster_ids"]),
        )


class AttachmentForm(ContentForm):
    title = forms.CharField(label=_("Titel"), max_length=300, widget=forms.TextInput(attrs=_TEXT))
    reference = forms.CharField(
        label=_("Reference"),
        required=False,
        max_length=500,
        widget=forms.TextInput(attrs=_TEXT),
        help_text=_("Filnavn eller link."),
    )
    for_review = forms.BooleanField(
        label=_("Relevant for Sundhedsstyrelsens vurdering (sendes med aftalen, afsnit 5.1)"),
        required=False,
        widget=forms.CheckboxInput(attrs={"class": "form-checkbox"}),
    )

    def blank_initial(self) -> dict[str, Any]:
        return {"for_review": True}

    def initial_for(self, item: Any) -> dict[str, Any]:
        return {"title": item.title, "reference": item.reference, "for_review": item.for_review}

    def to_item(self, item_id: str) -> Attachment:
        data = self.cleaned_data
        return Attachment(
            id=item_id,
            title=data["title"].strip(),
            reference=data["reference"].strip(),
            for_review=data["for_review"],
        )


# The parts of an agreement a record may leave undescribed (ADR 0012), as the author sees them.
CONTENT_PART_LABELS = {
    ContentPart.PARTIES: _("Aftalens parter (vejl. afsnit 5.1)"),
    ContentPart.VERSION_NUMBER: _("Versionsnummer (vejl. afsnit 5.1)"),
    ContentPart.EFFECTIVE_DATE: _("Ikrafttrædelsesdato (vejl. afsnit 5.1)"),
    ContentPart.OVERARCHING_GOALS: _("Overordnede målsætninger og deres nationale mål (vejl. afsnit 3.2)"),
    ContentPart.SUB_GOALS: _("Delmål og succeskriterier (vejl. afsnit 3.2)"),
    ContentPart.TARGET_GROUPS: _("Målgrupper og deres grundlag (vejl. afsnit 3.4)"),
    ContentPart.CLUSTER_GOALS: _("Klyngernes mål (§ 2, stk. 2, nr. 4; vejl. afsnit 2.1)"),
    ContentPart.GENERAL_PRACTICE: _("Almen praksis' rolle (vejl. afsnit 3.3)"),
    ContentPart.COLLABORATION_AGREEMENTS: _("Samarbejdsaftaler (§ 20; vejl. kapitel 4)"),
    ContentPart.FRAMEWORK_ELEMENTS: _(
        "Samarbejdsaftalernes stillingtagen til rammens delelementer (vejl. afsnit 4.1)"
    ),
    ContentPart.COLLABORATION_GOAL_LINKS: _("Samarbejdsaftalernes kobling til målsætningerne"),
    ContentPart.ATTACHMENTS: _("Bilag (vejl. afsnit 5.1)"),
}


class ScopeForm(ContentForm):
    """Which parts of the agreement this record describes. A part not marked is recorded: an empty list there
    means "none" and is judged; a marked part is "ikke registreret i denne sag" and no rule concludes on it."""

    def setup(self) -> None:
        self.fields["unrecorded"] = forms.MultipleChoiceField(
            label=_("Ikke registreret i denne sag"),
            help_text=_(
                "Markér de dele, registreringen ikke beskriver (fx en aftale registreret ud fra et brev). En del, "
                "der ikke er markeret, er registreret: er den tom, betyder det 'ingen', og reglerne bedømmer det."
            ),
            choices=[(p.value, label) for p, label in CONTENT_PART_LABELS.items()],
            widget=forms.CheckboxSelectMultiple(attrs={"class": "form-checkbox"}),
            required=False,
            initial=[p.value for p in self.content.unrecorded],
        )

    def unrecorded(self) -> list[str]:
        chosen = set(self.cleaned_data["unrecorded"])
        return [p.value for p in ContentPart if p.value in chosen]


class RemoveForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
