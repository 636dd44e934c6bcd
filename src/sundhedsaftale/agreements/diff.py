"""A readable difference between two versions of an agreement: what was added, removed or changed, by section.

Content is flattened into entries keyed by stable ids, so a goal that moved or was renamed shows as one change, not
as a block of deleted and inserted lines, and labelled in words ("Målsætning 1 › Delmål 1.2 › Titel"; ADR 0039).
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


Entries = dict[tuple[str, str], tuple[str, str]]  # (section, stable key) → (label in words, text)


def flatten(facts: VersionFacts, national_goals: Mapping[int, str]) -> Entries:
    """Every entry of the version, keyed by stable ids and labelled in words: a goal by its number and title, a
    target group, agreement or programme by its name, never by its id (ADR 0039)."""
    c = facts.content
    out: Entries = {}

    def put(section: str, key: str, label: str, value: str) -> None:
        out[(section, key)] = (label, value)

    formal = "Formelle oplysninger"
    put(formal, "version", "Versionsnummer", facts.label)
    put(
        formal, "effective", "Ikrafttræden", danish_date(facts.effective_date) if facts.effective_date else ""
    )
    vision = "Vision og værdier"
    put(vision, "vision", "Vision", c.vision)
    for index, value in enumerate(c.values, start=1):
        put(vision, f"value-{index}", f"Værdi {index}", value)
    group_names = {g.id: g.name for g in c.target_groups}
    goal_names = {g.id: f"{n}. {g.title}" for n, g in enumerate(c.overarching_goals, start=1)}
    goals = "Overordnede målsætninger"
    for number, goal in enumerate(c.overarching_goals, start=1):
        key, base = goal.id, f"Målsætning {number}"
        put(goals, f"{key}/title", f"{base} › Titel", goal.title)
        put(goals, f"{key}/description", f"{base} › Beskrivelse", goal.description)
        put(
            goals,
            f"{key}/national",
            f"{base} › Nationale mål",
            ", ".join(f"{n}. {national_goals.get(n, '')}".strip() for n in goal.national_goals),
        )
        put(
            goals,
            f"{key}/groups",
            f"{base} › Målgrupper",
            ", ".join(group_names.get(g, g) for g in goal.target_group_ids),
        )
        for sub_number, sub in enumerate(goal.sub_goals, start=1):
            sub_key, sub_base = f"{key}/{sub.id}", f"{base} › Delmål {number}.{sub_number}"
            put(goals, f"{sub_key}/title", f"{sub_base} › Titel", sub.title)
            put(goals, f"{sub_key}/description", f"{sub_base} › Beskrivelse", sub.description)
            for index, criterion in enumerate(sub.success_criteria, start=1):
                parts = [criterion.text, criterion.indicator, criterion.target, criterion.data_source]
                put(
                    goals,
                    f"{sub_key}/criterion-{index}",
                    f"{sub_base} › Succeskriterium {index}",
                    " · ".join(p for p in parts if p),
                )
    groups = "Målgrupper og grundlag"
    for group in c.target_groups:
        put(groups, f"{group.id}/name", f"{group.name} › Navn", group.name)
        put(groups, f"{group.id}/description", f"{group.name} › Beskrivelse", group.description)
        put(groups, f"{group.id}/knowledge", f"{group.name} › Viden", "; ".join(group.knowledge_basis))
        put(groups, f"{group.id}/data", f"{group.name} › Data", "; ".join(group.data_sources))
    put("Almen praksis", "general_practice", "Almen praksis' rolle", c.general_practice)
    for cluster_goal in c.cluster_goals:
        put(
            "Klyngemål",
            f"{cluster_goal.cluster_id}/{cluster_goal.id}",
            cluster_goal.title or "Klyngemål",
            " · ".join(
                p for p in (cluster_goal.title, cluster_goal.description, cluster_goal.indicator) if p
            ),
        )
    collab = "Samarbejdsaftaler"
    for agreement in c.collaboration_agreements:
        key, base = agreement.id, agreement.title or "Samarbejdsaftale"
        put(collab, f"{key}/title", f"{base} › Titel", agreement.title)
        put(collab, f"{key}/description", f"{base} › Beskrivelse", agreement.description)
        put(
            collab,
            f"{key}/goals",
            f"{base} › Målsætninger",
            ", ".join(goal_names.get(g, g) for g in agreement.goal_ids),
        )
        for element in agreement.elements:
            text = element.coverage.label + (f": {element.note}" if element.note else "")
            label = f"{element.element.number}. {element.element.label}"
            put(collab, f"{key}/{element.element.number}", f"{base} › {label}", text)
    for section, items in (
        ("Forløbsprogrammer", c.care_programmes),
        ("Nye samarbejdsmodeller", c.collaboration_models),
    ):
        for item in items:
            base = item.title or section
            put(section, f"{item.id}/title", f"{base} › Titel", item.title)
            put(section, f"{item.id}/description", f"{base} › Beskrivelse", item.description)
    for attachment in c.attachments:
        put(
            "Bilag",
            attachment.id,
            attachment.title or "Bilag",
            " · ".join(p for p in (attachment.title, attachment.reference) if p),
        )
    return {key: entry for key, entry in out.items() if entry[1]}


def version_diff(
    before: VersionFacts, after: VersionFacts, national_goals: Mapping[int, str]
) -> list[DiffEntry]:
    """Every entry that differs between ``before`` and ``after``, in the order of ``after`` (removals last)."""
    old, new = flatten(before, national_goals), flatten(after, national_goals)
    entries: list[DiffEntry] = []
    for key, (label, value) in new.items():
        if key not in old:
            entries.append(DiffEntry(key[0], label, Change.ADDED, "", value))
        elif old[key][1] != value:
            entries.append(DiffEntry(key[0], label, Change.CHANGED, old[key][1], value))
    entries.extend(
        DiffEntry(key[0], label, Change.REMOVED, value, "")
        for key, (label, value) in old.items()
        if key not in new
    )
    return entries
