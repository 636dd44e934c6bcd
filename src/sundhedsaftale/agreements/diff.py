"""A readable difference between two versions of an agreement: what was added, removed or changed, by section.

Content is flattened into labelled entries keyed by stable ids ("Målsætning M1 › Delmål M1.2 › Titel"), so a goal
that moved or was renamed shows as one change, not as a block of deleted and inserted lines.
"""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

from sundhedsaftale.core.case import AgreementContent
from sundhedsaftale.core.periods import danish_date


class Change(StrEnum):
    ADDED = "added"
    REMOVED = "removed"
    CHANGED = "changed"


@dataclass(frozen=True)
class DiffEntry:
    section: str
    label: str
    change: Change
    before: str
    after: str

    def word_diff(self) -> list[tuple[str, str]]:
        """(kind, text) pieces for a changed text: kind is ``same``, ``removed`` or ``added``."""
        old, new = self.before.split(" "), self.after.split(" ")
        pieces: list[tuple[str, str]] = []
        for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(a=old, b=new, autojunk=False).get_opcodes():
            if tag == "equal":
                pieces.append(("same", " ".join(old[i1:i2])))
                continue
            if i2 > i1:
                pieces.append(("removed", " ".join(old[i1:i2])))
            if j2 > j1:
                pieces.append(("added", " ".join(new[j1:j2])))
        return pieces


@dataclass(frozen=True)
class VersionFacts:
    label: str
    effective_date: dt.date | None
    content: AgreementContent


Entries = dict[tuple[str, str], str]


def flatten(facts: VersionFacts, national_goals: Mapping[int, str]) -> Entries:
    c = facts.content
    out: Entries = {}
    formal = "Formelle oplysninger"
    out[(formal, "Versionsnummer")] = facts.label
    out[(formal, "Ikrafttræden")] = danish_date(facts.effective_date) if facts.effective_date else ""
    vision = "Vision og værdier"
    out[(vision, "Vision")] = c.vision
    for index, value in enumerate(c.values, start=1):
        out[(vision, f"Værdi {index}")] = value
    goals = "Overordnede målsætninger"
    for goal in c.overarching_goals:
        base = f"Målsætning {goal.id}"
        out[(goals, f"{base} › Titel")] = goal.title
        out[(goals, f"{base} › Beskrivelse")] = goal.description
        out[(goals, f"{base} › Nationale mål")] = ", ".join(
            f"{n}. {national_goals.get(n, '')}".strip() for n in goal.national_goals
        )
        out[(goals, f"{base} › Målgrupper")] = ", ".join(goal.target_group_ids)
        for sub in goal.sub_goals:
            sub_base = f"{base} › Delmål {sub.id}"
            out[(goals, f"{sub_base} › Titel")] = sub.title
            out[(goals, f"{sub_base} › Beskrivelse")] = sub.description
            for index, criterion in enumerate(sub.success_criteria, start=1):
                parts = [criterion.text, criterion.indicator, criterion.target, criterion.data_source]
                out[(goals, f"{sub_base} › Succeskriterium {index}")] = " · ".join(p for p in parts if p)
    groups = "Målgrupper og grundlag"
    for group in c.target_groups:
        out[(groups, f"{group.id} › Navn")] = group.name
        out[(groups, f"{group.id} › Beskrivelse")] = group.description
        out[(groups, f"{group.id} › Viden")] = "; ".join(group.knowledge_basis)
        out[(groups, f"{group.id} › Data")] = "; ".join(group.data_sources)
    out[("Almen praksis", "Almen praksis' rolle")] = c.general_practice
    for cluster_goal in c.cluster_goals:
        key = ("Klyngemål", f"{cluster_goal.cluster_id} › {cluster_goal.id}")
        out[key] = " · ".join(
            p for p in (cluster_goal.title, cluster_goal.description, cluster_goal.indicator) if p
        )
    collab = "Samarbejdsaftaler"
    for agreement in c.collaboration_agreements:
        base = agreement.id
        out[(collab, f"{base} › Titel")] = agreement.title
        out[(collab, f"{base} › Beskrivelse")] = agreement.description
        out[(collab, f"{base} › Målsætninger")] = ", ".join(agreement.goal_ids)
        for element in agreement.elements:
            text = element.coverage.label + (f": {element.note}" if element.note else "")
            out[(collab, f"{base} › {element.element.number}. {element.element.label}")] = text
    for section, items in (
        ("Forløbsprogrammer", c.care_programmes),
        ("Nye samarbejdsmodeller", c.collaboration_models),
    ):
        for item in items:
            out[(section, f"{item.id} › Titel")] = item.title
            out[(section, f"{item.id} › Beskrivelse")] = item.description
    for attachment in c.attachments:
        out[("Bilag", attachment.id)] = " · ".join(p for p in (attachment.title, attachment.reference) if p)
    return {key: value for key, value in out.items() if value}


def version_diff(
    before: VersionFacts, after: VersionFacts, national_goals: Mapping[int, str]
) -> list[DiffEntry]:
    """Every entry that differs between ``before`` and ``after``, in the order of ``after`` (removals last)."""
    old, new = flatten(before, national_goals), flatten(after, national_goals)
    entries: list[DiffEntry] = []
    for key, value in new.items():
        if key not in old:
            entries.append(DiffEntry(key[0], key[1], Change.ADDED, "", value))
        elif old[key] != value:
            entries.append(DiffEntry(key[0], key[1], Change.CHANGED, old[key], value))
    entries.extend(
        DiffEntry(key[0], key[1], Change.REMOVED, value, "") for key, value in old.items() if key not in new
    )
    return entries
