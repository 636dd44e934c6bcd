"""Which regime applies on a date: the sources in force, what has ended (or is expected to), what continues."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from dataclasses import dataclass
from typing import Any

from ._changes import BodyTopic, EndEffect, EndState, LegalChanges
from ._corpus import LawCorpus
from ._model import LegalSource

__all__ = ["Regime", "SourceOnDay", "regime_as_dict", "regime_on"]


@dataclass(frozen=True)
class SourceOnDay:
    """A source in force on the day, with the ends (applied or expected) that reach part or all of it."""

    source: LegalSource
    ends: tuple[EndEffect, ...]

    @property
    def partly_ended(self) -> bool:
        return any(e.state is EndState.ENDED for e in self.ends)


@dataclass(frozen=True)
class Regime:
    """The legal regime on ``day``.

    ``sources``: the sources in force (a source ended as a whole by a verified change is not among them);
    ``ended``: ends that apply; ``expected``: ends that have taken effect by their recorded date but are not
    verified, so nothing is ended by them; ``upcoming``: ends dated after ``day``; ``continuing``: the kinds of
    body of the order that no end reaches on the day (with the recorded reason, where a change names it).
    """

    day: dt.date
    sources: tuple[SourceOnDay, ...]
    ended: tuple[EndEffect, ...]
    expected: tuple[EndEffect, ...]
    upcoming: tuple[EndEffect, ...]
    continuing: tuple[tuple[BodyTopic, str], ...]
    ended_sources: tuple[LegalSource, ...]

    @property
    def changed(self) -> bool:
        return bool(self.ended or self.expected)


def regime_on(
    corpus: LawCorpus, changes: LegalChanges, day: dt.date, *, verified: Collection[str] = ()
) -> Regime:
    """The regime on ``day``; ``verified`` are the ids of the changes an administrator has recorded as verified."""
    effects = changes.effects(verified=verified)
    taken = [e for e in effects if e.effective <= day]
    ended = tuple(e for e in taken if e.state is EndState.ENDED)
    expected = tuple(e for e in taken if e.state is EndState.EXPECTED)
    upcoming = tuple(e for e in effects if e.effective > day)
    whole = {e.end.source_id for e in ended if e.end.source_id is not None}
    sources = []
    ended_sources = []
    for source in corpus.sources_in_force(day):
        if source.id in whole:
            ended_sources.append(source)
            continue
        reaching = tuple(
            e
            for e in taken
            if e.end.source_id == source.id or any(p.source_id == source.id for p in e.end.provisions)
        )
        sources.append(SourceOnDay(source, reaching))
    touched = {b for e in taken for b in e.end.bodies}
    reasons = {b: c.continues_basis for c in changes for b in c.continues}
    continuing = tuple((b, reasons.get(b, "")) for b in BodyTopic if b not in touched)
    return Regime(day, tuple(sources), ended, expected, upcoming, continuing, tuple(ended_sources))


def regime_as_dict(regime: Regime) -> dict[str, Any]:
    """The regime as a JSON-ready dict: one shape for the API and the pages."""
    sources = {s.source.id: s.source for s in regime.sources} | {s.id: s for s in regime.ended_sources}

    def effect(e: EndEffect) -> dict[str, Any]:
        return {
            **e.as_dict(),
            "what": e.end.describe(sources),
            "basis": e.end.basis,
            "what_marker": e.end.what_marker.value,
            "date_marker": e.end.date_marker.value,
        }

    return {
        "at": regime.day.isoformat(),
        "changed": regime.changed,
        "sources": [
            {
                "id": s.source.id,
                "short": s.source.short,
                "kind": s.source.kind.value,
                "binding": s.source.binding,
                "validity": s.source.describe_validity(),
                "ends": [effect(e) for e in s.ends],
            }
            for s in regime.sources
        ],
        "ended_sources": [{"id": s.id, "short": s.short} for s in regime.ended_sources],
        "ended": [effect(e) for e in regime.ended],
        "expected": [effect(e) for e in regime.expected],
        "upcoming": [effect(e) for e in regime.upcoming],
        "continuing": [
            {"topic": topic.value, "label": topic.label, "basis": basis} for topic, basis in regime.continuing
        ],
    }
