"""What an import changes: bodies, members, meetings and decisions added, changed and removed, by id."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from pydantic import BaseModel

from sundhedsaftale.core.case import RegionCase

__all__ = ["CaseChanges", "Changes", "compare_cases"]


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
