"""Optimistic locking for imports: a row of a file may change a record only if it names the version it edits.

A case read from the platform carries each record's ``version``, and an export writes it in the sheet's
``version`` column. On import each row is compared with the record it would overwrite:

- same content: nothing to write, whatever the version says;
- a record the row names by version, but the platform's is newer: someone saved it after the file was made,
  and writing the row would undo that; refused;
- a row without a version that would change an existing record: it does not say what it edits; refused;
- a row with a version whose record is no longer in the platform: removed after the file was made; refused.

Only records from the platform are guarded (``base`` read from the database carries versions); a case file
worked on outside the platform has none, and then nothing is checked. What was added or changed since the file
was made, and is missing from it, is found by the platform from its records' change times
(``governance.importing``), as a file does not list what it leaves out.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from pydantic import BaseModel

from sundhedsaftale.core.case import RegionCase

from ._errors import Problem

__all__ = ["VERSION_HEADER", "Placed", "base_records", "record_content", "stale_rows"]

VERSION_HEADER = "version"


@dataclass(frozen=True)
class Placed:
    """A record built from a row: where it came from, and its key (as in :func:`base_records`)."""

    sheet: str
    row: int
    key: tuple[str, str]  # ("body", id), ("membership", "body/id"), ("meeting", id) or ("decision", id)
    label: str  # how the message names it: "mødet 'x'"
    record: BaseModel
    version: int | None


def base_records(base: RegionCase) -> dict[tuple[str, str], BaseModel]:
    """The records of ``base`` by kind and key: bodies, meetings and decisions by id, members by body and id."""
    records: dict[tuple[str, str], BaseModel] = {}
    for body in base.bodies:
        records[("body", body.id)] = body
        for m in body.memberships:
            records[("membership", f"{body.id}/{m.id}")] = m
    for meeting in base.meetings:
        records[("meeting", meeting.id)] = meeting
    for decision in base.decisions:
        records[("decision", decision.id)] = decision
    return records


def record_content(record: BaseModel) -> object:
    """What a record says, without its version, and for a body without its members (they have own rows)."""
    return record.model_dump(mode="json", exclude={"version", "memberships"})


def stale_rows(placed: Iterable[Placed], base: RegionCase) -> list[Problem]:
    """A problem for each row that would overwrite a record it does not name the current version of."""
    stored = base_records(base)
    # A member's id is kept when the row is moved to another body (the row then adds a seat there).
    member_ids = {m.id for b in base.bodies for m in b.memberships}
    problems: list[Problem] = []
    for item in placed:
        current = stored.get(item.key)
        if current is None:
            moved = item.key[0] == "membership" and item.key[1].partition("/")[2] in member_ids
            if item.version is not None and not moved:
                problems.append(
                    Problem(
                        item.sheet,
                        item.row,
                        "id",
                        f"{item.label} (version {item.version}) findes ikke længere i platformen; det er fjernet "
                        "eller flyttet, efter filen blev dannet. Eksportér regionen igen, eller tøm cellen "
                        "'version' for at oprette det som nyt",
                    )
                )
            continue
        current_version = getattr(current, "version", None)
        if current_version is None or record_content(current) == record_content(item.record):
            continue
        if item.version is None:
            problems.append(
                Problem(
                    item.sheet,
                    item.row,
                    VERSION_HEADER,
                    f"rækken ændrer {item.label}, men cellen er tom, så det er ikke til at se, hvilken version "
                    f"den bygger på (platformen har version {current_version}); eksportér regionen, og ret i "
                    "den nye fil",
                )
            )
        elif item.version != current_version:
            problems.append(
                Problem(
                    item.sheet,
                    item.row,
                    VERSION_HEADER,
                    f"{item.label} er ændret i platformen (nu version {current_version}), efter filen blev dannet "
                    f"(version {item.version}); rækken ville overskrive ændringen. Eksportér regionen igen, og "
                    "ret i den nye fil",
                )
            )
    return problems
