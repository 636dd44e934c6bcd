"""What an import changes: bodies, members, meetings and decisions added, changed and removed, by id, and per
record the fields that differ (before → after) for the preview."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from pydantic import BaseModel

from sundhedsaftale.core.case import RegionCase

__all__ = [
    "CaseChanges",
    "Changes",
    "FieldDifference",
    "RecordDifference",
    "compare_cases",
    "record_differences",
]


@dataclass(frozen=True)
class Changes:
    """Ids added, changed and removed, in the order of the new case (removed: of the old)."""

    added: tuple[str, ...] = ()
    changed: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()
    unchanged: int = 0

    @property
    def any(self) -> bool:
        return bool(self.added or self.changed or self.removed)

    def counts(self) -> dict[str, int]:
        return {
            "added": len(self.added),
            "changed": len(self.changed),
            "removed": len(self.removed),
            "unchanged": self.unchanged,
        }


@dataclass(frozen=True)
class CaseChanges:
    bodies: Changes
    memberships: Changes
    meetings: Changes
    decisions: Changes

    @property
    def any(self) -> bool:
        return any(c.any for c in self.parts().values())

    def parts(self) -> dict[str, Changes]:
        return {
            "bodies": self.bodies,
            "memberships": self.memberships,
            "meetings": self.meetings,
            "decisions": self.decisions,
        }

    def as_dict(self) -> dict[str, dict[str, int]]:
        return {name: changes.counts() for name, changes in self.parts().items()}


def _changes(old: Mapping[str, object], new: Mapping[str, object]) -> Changes:
    return Changes(
        added=tuple(k for k in new if k not in old),
        changed=tuple(k for k in new if k in old and old[k] != new[k]),
        removed=tuple(k for k in old if k not in new),
        unchanged=sum(1 for k in new if k in old and old[k] == new[k]),
    )


def _dump(model: BaseModel, *exclude: str) -> object:
    # A record's version says which copy a row was made from, not what it says: it is no change by itself.
    return model.model_dump(mode="json", exclude={"version", *exclude})


def compare_cases(old: RegionCase, new: RegionCase) -> CaseChanges:
    """Compare by id; a body counts as changed by its own fields, its members are counted separately."""
    return CaseChanges(
        bodies=_changes(
            {b.id: _dump(b, "memberships") for b in old.bodies},
            {b.id: _dump(b, "memberships") for b in new.bodies},
        ),
        memberships=_changes(
            {f"{b.id}/{m.id}": _dump(m) for b in old.bodies for m in b.memberships},
            {f"{b.id}/{m.id}": _dump(m) for b in new.bodies for m in b.memberships},
        ),
        meetings=_changes({m.id: _dump(m) for m in old.meetings}, {m.id: _dump(m) for m in new.meetings}),
        decisions=_changes({d.id: _dump(d) for d in old.decisions}, {d.id: _dump(d) for d in new.decisions}),
    )


@dataclass(frozen=True)
class FieldDifference:
    """One field of a record: its value now and in the file (None where the record has no such value)."""

    field: str
    before: object
    after: object


@dataclass(frozen=True)
class RecordDifference:
    """One record the import adds, changes or removes, named as a person reads it, with its changed fields."""

    part: str  # bodies, memberships, meetings, decisions
    change: str  # added, changed, removed
    id: str
    name: str
    fields: tuple[FieldDifference, ...]


_NOT_COMPARED = {"id", "memberships", "agenda", "attendance"}


def _fields(
    old: Mapping[str, object] | None, new: Mapping[str, object] | None
) -> tuple[FieldDifference, ...]:
    before, after = dict(old or {}), dict(new or {})
    names = [*after, *(k for k in before if k not in after)]
    return tuple(
        FieldDifference(name, before.get(name), after.get(name))
        for name in names
        if name not in _NOT_COMPARED
        and before.get(name) != after.get(name)
        and not (old is None and after.get(name) in (None, "", (), [], False))
        and not (new is None and before.get(name) in (None, "", (), [], False))
    )


def record_differences(old: RegionCase, new: RegionCase) -> tuple[RecordDifference, ...]:
    """Every record added, changed or removed, with the fields that differ (before → after), in the order of
    ``compare_cases``: bodies, memberships, meetings, decisions."""
    body_names = {b.id: b.name for b in (*old.bodies, *new.bodies)}

    def bodies(case: RegionCase) -> dict[str, tuple[str, Mapping[str, object]]]:
        return {b.id: (b.name, _plain(b, "memberships")) for b in case.bodies}

    def memberships(case: RegionCase) -> dict[str, tuple[str, Mapping[str, object]]]:
        return {
            f"{b.id}/{m.id}": (f"{m.name} – {b.name}", _plain(m)) for b in case.bodies for m in b.memberships
        }

    def meetings(case: RegionCase) -> dict[str, tuple[str, Mapping[str, object]]]:
        return {
            m.id: (f"{m.title or body_names.get(m.body_id, '')} ({m.date.isoformat()})".strip(), _plain(m))
            for m in case.meetings
        }

    def decisions(case: RegionCase) -> dict[str, tuple[str, Mapping[str, object]]]:
        return {d.id: (d.parameter, _plain(d)) for d in case.decisions}

    result: list[RecordDifference] = []
    for part, read in (
        ("bodies", bodies),
        ("memberships", memberships),
        ("meetings", meetings),
        ("decisions", decisions),
    ):
        before, after = read(old), read(new)
        for key, (name, data) in after.items():
            if key not in before:
                result.append(RecordDifference(part, "added", key, name, _fields(None, data)))
            elif before[key][1] != data:
                result.append(RecordDifference(part, "changed", key, name, _fields(before[key][1], data)))
        for key, (name, data) in before.items():
            if key not in after:
                result.append(RecordDifference(part, "removed", key, name, _fields(data, None)))
    return tuple(result)


def _plain(model: BaseModel, *exclude: str) -> Mapping[str, object]:
    dumped = _dump(model, *exclude)
    assert isinstance(dumped, dict)
    return dumped
