"""Pages for editing the structured content of a health agreement: an overview by section, the basics, and
add/edit/remove pages for each kind of item (goals with sub-goals and criteria, target groups, cluster goals,
collaboration agreements with the framework's 8 elements, care programmes, collaboration models, attachments).

Every save puts the changed item into the whole content of the newest version and saves it as a new version
through :func:`.actions.content_save`; nothing is changed in place. The version the page was opened at travels in
the form, so a save after someone else's is reported as a conflict with the user's input kept.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from pydantic import BaseModel, ValidationError

from sundhedsaftale.accounts.permissions import can_edit_region
from sundhedsaftale.core.case import (
    AgreementContent,
    ClusterInfo,
    ContentPart,
    Coverage,
    FrameworkElement,
    validation_messages,
)
from sundhedsaftale.web.cases import case_snapshot
from sundhedsaftale.web.platform import platform

from .actions import AgreementConflict, AgreementInvalid, content_save
from .content_forms import (
    CONTENT_PART_LABELS,
    AttachmentForm,
    BasicsForm,
    CareProgrammeForm,
    ClusterGoalForm,
    CollaborationAgreementForm,
    CollaborationModelForm,
    ContentForm,
    GoalForm,
    RemoveForm,
    ScopeForm,
    TargetGroupForm,
    next_free_id,
)
from .models import AgreementVersion
from .models import HealthAgreement as AgreementRow

# The version note is a CharField of this length on AgreementVersion.
_NOTE_LENGTH = 300


@dataclass(frozen=True)
class Section:
    """One list of items in the content, with the page address, the names and the law it follows."""

    slug: str
    field: str  # the attribute of AgreementContent
    heading: Promise
    citation: str
    singular: Promise
    prefix: str  # of the ids given to new items
    form: type[ContentForm]


SECTIONS: dict[str, Section] = {
    s.slug: s
    for s in (
        Section(
            "maalsaetninger",
            "overarching_goals",
            gettext_lazy("Overordnede målsætninger"),
            "§ 19, stk. 2; vejl. afsnit 3.2",
            gettext_lazy("Målsætning"),
            "M",
            GoalForm,
        ),
        Section(
            "maalgrupper",
            "target_groups",
            gettext_lazy("Målgrupper og grundlag"),
            "vejl. afsnit 3.4",
            gettext_lazy("Målgruppe"),
            "mg",
            TargetGroupForm,
        ),
        Section(
            "klyngemaal",
            "cluster_goals",
            gettext_lazy("Klyngemål"),
            "§ 2, stk. 2, nr. 4",
            gettext_lazy("Klyngemål"),
            "km",
            ClusterGoalForm,
        ),
        Section(
            "samarbejdsaftaler",
            "collaboration_agreements",
            gettext_lazy("Samarbejdsaftaler"),
            "§ 20; vejl. afsnit 4.1",
            gettext_lazy("Samarbejdsaftale"),
            "sa",
            CollaborationAgreementForm,
        ),
        Section(
            "forloebsprogrammer",
            "care_programmes",
            gettext_lazy("Forløbsprogrammer"),
            "vejl. afsnit 4.2",
            gettext_lazy("Forløbsprogram"),
            "fp",
            CareProgrammeForm,
        ),
        Section(
            "samarbejdsmodeller",
            "collaboration_models",
            gettext_lazy("Nye samarbejdsmodeller"),
            "vejl. afsnit 4.3",
            gettext_lazy("Samarbejdsmodel"),
            "sm",
            CollaborationModelForm,
        ),
        Section(
            "bilag",
            "attachments",
            gettext_lazy("Bilag"),
            "vejl. afsnit 5.1",
            gettext_lazy("Bilag"),
            "bilag-",
            AttachmentForm,
        ),
    )
}
_BY_FIELD = {s.field: s for s in SECTIONS.values()}
_PATH = re.compile(rf"({'|'.join(_BY_FIELD)})\[(\d+)\]")


@dataclass
class Editing:
    """The agreement being edited and its newest content."""

    row: AgreementRow
    newest: AgreementVersion | None
    content: AgreementContent
    clusters: tuple[ClusterInfo, ...]

    @property
    def label(self) -> str:
        return self.newest.label if self.newest else ""

    @property
    def effective_date(self) -> dt.date | None:
        return self.newest.effective_date if self.newest else None


def _editing(request: HttpRequest, key: str) -> Editing:
    row = get_object_or_404(AgreementRow.objects.select_related("region"), key=key)
    if not can_edit_region(request.user, row.region_id):
        raise PermissionDenied
    newest = row.versions.select_related("saved_by").order_by("-number").first()
    content = AgreementContent.model_validate(newest.content) if newest else AgreementContent()
    return Editing(row, newest, content, case_snapshot(row.region_id).clusters)


def _section(slug: str) -> Section:
    section = SECTIONS.get(slug)
    if section is None:
        raise Http404
    return section


def _items(content: AgreementContent, section: Section) -> tuple[Any, ...]:
    return tuple(getattr(content, section.field))


def _item_name(item: Any) -> str:
    return str(getattr(item, "title", None) or getattr(item, "name", None) or item.id)


def _what(section: Section, item: Any) -> str:
    """How the version note and the headings name an item, in words: "Målsætning 'Sammenhængende forløb'" or
    "Målgruppe 'Ældre medicinske patienter'"; the id only under "Tekniske oplysninger" (ADR 0039)."""
    return f"{section.singular} '{_item_name(item)}'"


def _explain(message: str, data: dict[str, Any]) -> str:
    """Name the item a validator message points at by index (``collaboration_agreements[0]``) by its title."""
    match = _PATH.search(message)
    if match is None:
        return message
    section = _BY_FIELD[match.group(1)]
    items = data.get(section.field) or []
    index = int(match.group(2))
    if index >= len(items):
        return message
    item = items[index]
    name = item.get("title") or item.get("name") or item.get("id")
    return f"{section.singular} '{name}' ({message})"


def _validation_messages(exc: ValidationError, data: dict[str, Any]) -> list[str]:
    return [_explain(line, data) for line in validation_messages(exc)]


class _Refused(Exception):
    def __init__(self, reasons: list[str]) -> None:
        super().__init__("; ".join(reasons))
        self.reasons = reasons


def _validated(data: dict[str, Any]) -> AgreementContent:
    try:
        return AgreementContent.model_validate(data)
    except ValidationError as exc:
        raise _Refused(_validation_messages(exc, data)) from None


def _save(
    request: HttpRequest,
    editing: Editing,
    form: ContentForm | RemoveForm,
    build: Callable[[], dict[str, Any]],
    *,
    default_note: str,
    label: str | None = None,
    effective_date: dt.date | None = None,
    keep_dates: bool = True,
) -> AgreementVersion | None:
    """Build the new content and save it as a new version; on failure the reasons go on the form."""
    expected = form.cleaned_data["version"]
    # Checked before building, so a stale page is told about the conflict rather than about content that
    # someone else changed in the meantime.
    if expected != editing.row.version:
        form.add_error(None, str(AgreementConflict(editing.row)))
        return None
    data: dict[str, Any] = {}
    try:
        data = build()
        content = _validated(data)
        note = (form.cleaned_data.get("note") or "").strip() or default_note
        return content_save(
            actor=request.user,
            agreement_key=editing.row.key,
            expected_version=expected,
            content=content,
            label=editing.label if keep_dates else (label or ""),
            effective_date=editing.effective_date if keep_dates else effective_date,
            note=note[:_NOTE_LENGTH],
        )
    except _Refused as exc:
        for reason in exc.reasons:
            form.add_error(None, reason)
    except AgreementConflict as exc:
        form.add_error(None, str(exc))
    except AgreementInvalid as exc:
        for reason in str(exc).split("; "):
            form.add_error(None, _explain(reason, data))
    return None


def _saved(request: HttpRequest, editing: Editing, version: AgreementVersion, anchor: str) -> HttpResponse:
    messages.success(
        request, _("Gemt som version %(number)s: %(note)s") % {"number": version.number, "note": version.note}
    )
    return redirect(reverse("agreements:content_edit", args=[editing.row.key]) + f"#{anchor}")


# ---------------------------------------------------------------------------------------------------------------
# The overview


def _overview(content: AgreementContent, clusters: tuple[ClusterInfo, ...]) -> list[dict[str, Any]]:
    """Each section's items as headings and short lines, for the overview page."""
    goals = platform().reference.national_goal_names()
    groups = {t.id: t.name for t in content.target_groups}
    cluster_names = {c.id: c.name for c in clusters}
    goal_titles = {g.id: g.title for g in content.overarching_goals}

    def named(ids: tuple[str, ...], names: dict[str, str]) -> str:
        return ", ".join(names.get(i, i) for i in ids)

    def rows(section: Section) -> list[dict[str, Any]]:
        result = []
        for item in _items(content, section):
            details: list[str] = []
            children: list[str] = []
            description = getattr(item, "description", "")
            if description:
                details.append(description)
            if section.field == "overarching_goals":
                if item.national_goals:
                    details.append(
                        _("Nationale mål: %(goals)s")
                        % {"goals": ", ".join(f"{n}. {goals.get(n, '')}" for n in item.national_goals)}
                    )
                if item.target_group_ids:
                    details.append(
                        _("Målgrupper: %(groups)s") % {"groups": named(item.target_group_ids, groups)}
                    )
                for sub in item.sub_goals:
                    count = len(sub.success_criteria)
                    criteria = ngettext("%(count)s succeskriterium", "%(count)s succeskriterier", count) % {
                        "count": count
                    }
                    children.append(f"{sub.title} ({criteria})")
            elif section.field == "target_groups":
                details.append(
                    _("Vidensgrundlag: %(k)s; datakilder: %(d)s")
                    % {"k": len(item.knowledge_basis), "d": len(item.data_sources)}
                )
            elif section.field == "cluster_goals":
                details.insert(
                    0, _("Klynge: %(name)s") % {"name": cluster_names.get(item.cluster_id, item.cluster_id)}
                )
                if item.indicator:
                    details.append(_("Indikator: %(i)s") % {"i": item.indicator})
            elif section.field == "collaboration_agreements":
                if item.goal_ids:
                    details.append(
                        _("Målsætninger: %(goals)s") % {"goals": named(item.goal_ids, goal_titles)}
                    )
                if item.target_group_ids:
                    details.append(
                        _("Målgrupper: %(groups)s") % {"groups": named(item.target_group_ids, groups)}
                    )
                counts = {c: sum(1 for e in FrameworkElement if item.coverage_of(e) is c) for c in Coverage}
                details.append(
                    _("Rammens delelementer: %(a)s adresseret, %(n)s ikke relevante, %(m)s mangler")
                    % {
                        "a": counts[Coverage.ADDRESSED],
                        "n": counts[Coverage.NOT_RELEVANT],
                        "m": counts[Coverage.MISSING],
                    }
                )
                if not item.updated_for_agreement:
                    details.append(_("Ikke tilpasset den nye sundhedsaftale"))
            elif section.field == "care_programmes":
                if item.target_group_ids:
                    details.append(
                        _("Målgrupper: %(groups)s") % {"groups": named(item.target_group_ids, groups)}
                    )
            elif section.field == "collaboration_models":
                if item.cluster_ids:
                    details.append(
                        _("Klynger: %(names)s") % {"names": named(item.cluster_ids, cluster_names)}
                    )
            elif section.field == "attachments":
                if item.reference:
                    details.append(_("Reference: %(r)s") % {"r": item.reference})
                details.append(
                    _("Sendes med til Sundhedsstyrelsens vurdering")
                    if item.for_review
                    else _("Sendes ikke med")
                )
            heading = _item_name(item)
            result.append({"id": item.id, "heading": heading, "details": details, "children": children})
        return result

    return [
        {
            "section": s,
            "items": rows(s),
            "recorded": s.field not in _PART_OF_SECTION or content.records(_PART_OF_SECTION[s.field]),
        }
        for s in SECTIONS.values()
    ]


# The part of the record (ContentPart) each section's list is.
_PART_OF_SECTION = {
    "overarching_goals": ContentPart.OVERARCHING_GOALS,
    "target_groups": ContentPart.TARGET_GROUPS,
    "cluster_goals": ContentPart.CLUSTER_GOALS,
    "collaboration_agreements": ContentPart.COLLABORATION_AGREEMENTS,
    "attachments": ContentPart.ATTACHMENTS,
}


@login_required
def content_edit(request: HttpRequest, key: str) -> HttpResponse:
    """The newest version's content by section, with a link to edit each section and item."""
    editing = _editing(request, key)
    return render(
        request,
        "agreements/content_edit.html",
        {
            "row": editing.row,
            "newest": editing.newest,
            "content": editing.content,
            "sections": _overview(editing.content, editing.clusters),
            "unrecorded": [CONTENT_PART_LABELS[p] for p in editing.content.unrecorded],
        },
    )


@login_required
def content_scope(request: HttpRequest, key: str) -> HttpResponse:
    """Which parts the record describes ("registreret") and which it does not ("ikke registreret i denne sag")."""
    editing = _editing(request, key)
    form = ScopeForm(
        request.POST if request.method == "POST" else None,
        content=editing.content,
        version=editing.row.version,
        clusters=editing.clusters,
    )
    if request.method == "POST" and form.is_valid():
        chosen = form.unrecorded()
        labels = ", ".join(str(CONTENT_PART_LABELS[ContentPart(p)]) for p in chosen)
        note = (
            _("Registreret omfang: ikke registreret i denne sag: %(parts)s") % {"parts": labels}
            if chosen
            else _("Registreret omfang: alle dele registreret")
        )
        version = _save(
            request,
            editing,
            form,
            lambda: {**editing.content.model_dump(), "unrecorded": chosen},
            default_note=note,
        )
        if version is not None:
            return _saved(request, editing, version, "omfang")
    return render(
        request,
        "agreements/content_item.html",
        {
            "row": editing.row,
            "form": form,
            "heading": _("Registreret omfang"),
            "citation": "",
        },
    )


# ---------------------------------------------------------------------------------------------------------------
# Editing


@login_required
def content_basics(request: HttpRequest, key: str) -> HttpResponse:
    """Version number, effective date, vision, values and general practice's role (vejl. 3.3)."""
    editing = _editing(request, key)
    form = BasicsForm(
        request.POST if request.method == "POST" else None,
        content=editing.content,
        version=editing.row.version,
        item=(editing.label, editing.effective_date),
        clusters=editing.clusters,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data

        def build() -> dict[str, Any]:
            return {
                **editing.content.model_dump(),
                "vision": data["vision"].strip(),
                "values": [v for v in (line.strip() for line in data["values"].splitlines()) if v],
                "general_practice": data["general_practice"].strip(),
            }

        version = _save(
            request,
            editing,
            form,
            build,
            default_note=_("Grundoplysninger ændret"),
            label=data["label"].strip(),
            effective_date=data["effective_date"],
            keep_dates=False,
        )
        if version is not None:
            return _saved(request, editing, version, "grundoplysninger")
    return render(
        request,
        "agreements/content_item.html",
        {
            "row": editing.row,
            "form": form,
            "heading": _("Grundoplysninger"),
            "citation": "vejl. afsnit 3.3, 3.6 og 5.1",
        },
    )


def _find(editing: Editing, section: Section, item_id: str) -> Any:
    item = next((i for i in _items(editing.content, section) if i.id == item_id), None)
    if item is None:
        raise Http404
    return item


def _with_item(
    content: AgreementContent, section: Section, item: BaseModel, replacing: str | None
) -> dict[str, Any]:
    data = content.model_dump()
    new = item.model_dump()
    items = [i.model_dump() for i in _items(content, section)]
    data[section.field] = (
        [*items, new] if replacing is None else [new if i["id"] == replacing else i for i in items]
    )
    new_id = new["id"]
    if section.field == "overarching_goals" and replacing is not None and replacing != new_id:
        # A goal that gets a new id keeps the collaboration agreements that support it.
        for agreement in data["collaboration_agreements"]:
            agreement["goal_ids"] = [new_id if g == replacing else g for g in agreement["goal_ids"]]
    return data


@login_required
def content_item(request: HttpRequest, key: str, section: str, item_id: str | None = None) -> HttpResponse:
    """Add an item to a section, or edit one (``item_id``)."""
    chosen = _section(section)
    editing = _editing(request, key)
    item = _find(editing, chosen, item_id) if item_id is not None else None
    form = chosen.form(
        request.POST if request.method == "POST" else None,
        content=editing.content,
        version=editing.row.version,
        item=item,
        clusters=editing.clusters,
    )
    if request.method == "POST" and form.is_valid():
        taken = [i.id for i in _items(editing.content, chosen)]
        new_id = form.item_id(next_free_id(chosen.prefix, taken, count=len(taken)))
        try:
            new_item = form.to_item(new_id)
        except ValidationError as exc:
            for message in _validation_messages(exc, {}):
                form.add_error(None, message)
        else:
            # The note names the item as it is after the save (a goal given a new id by its new id).
            default = _("%(what)s tilføjet") if item is None else _("%(what)s ændret")
            version = _save(
                request,
                editing,
                form,
                lambda: _with_item(editing.content, chosen, new_item, item_id),
                default_note=default % {"what": _what(chosen, new_item)},
            )
            if version is not None:
                return _saved(request, editing, version, chosen.slug)
    if item is None:
        heading = _("Tilføj %(what)s") % {"what": str(chosen.singular).lower()}
    else:
        heading = _("Ret %(what)s") % {"what": _what(chosen, item)}
    return render(
        request,
        "agreements/content_item.html",
        {
            "row": editing.row,
            "form": form,
            "heading": heading,
            "citation": chosen.citation,
            "section": chosen,
            "item": item,
        },
    )


def _target_group_users(content: AgreementContent, group_id: str) -> list[str]:
    """Care programmes naming a target group (the content's validator does not check these references)."""
    section = SECTIONS["forloebsprogrammer"]
    return [_what(section, p) for p in content.care_programmes if group_id in p.target_group_ids]


@login_required
def content_item_remove(request: HttpRequest, key: str, section: str, item_id: str) -> HttpResponse:
    """Confirm, then save a new version without the item. Refused while other items refer to it."""
    chosen = _section(section)
    editing = _editing(request, key)
    item = _find(editing, chosen, item_id)
    what = _what(chosen, item)
    form = RemoveForm(request.POST or None, initial={"version": editing.row.version})
    if request.method == "POST" and form.is_valid():

        def build() -> dict[str, Any]:
            data = editing.content.model_dump()
            data[chosen.field] = [i for i in data[chosen.field] if i["id"] != item_id]
            reasons = []
            if chosen.field == "target_groups":
                users = _target_group_users(editing.content, item_id)
                reasons += [_("%(user)s henviser til den.") % {"user": u} for u in users]
            try:
                AgreementContent.model_validate(data)
            except ValidationError as exc:
                reasons += _validation_messages(exc, data)
            if reasons:
                lead = _("%(what)s kan ikke fjernes, fordi andre dele af aftalen henviser til den:") % {
                    "what": what
                }
                raise _Refused([lead, *reasons])
            return data

        version = _save(request, editing, form, build, default_note=_("%(what)s fjernet") % {"what": what})
        if version is not None:
            return _saved(request, editing, version, chosen.slug)
    return render(
        request,
        "agreements/content_remove.html",
        {"row": editing.row, "form": form, "section": chosen, "item": item, "what": what},
    )
