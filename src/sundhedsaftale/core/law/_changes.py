"""Legal changes as data: an act that ends or replaces sources, provisions or kinds of body from a date.

A change ends something only when the platform may rely on it: every fact the end rests on (what ends, from
when) is marked [V] (read in the law's text), or an administrator has recorded that the change is verified
(the ``verified`` change ids, passed in by the caller; the core stores nothing). Until then the end is
*expected*: rules, obligations and deadlines stay as they are and carry a warning naming the act and the source.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum

from ..periods import danish_date
from ._model import Citation, LegalSource

__all__ = [
    "Act",
    "BodyTopic",
    "ChangeEnd",
    "EndEffect",
    "EndState",
    "LegalChange",
    "LegalChanges",
    "Marker",
]


class Marker(StrEnum):
    """How a fact is known: [V] from the law's text, [S] a secondary source (or inference), [?] open."""

    VERIFIED = "[V]"
    SECONDARY = "[S]"
    OPEN = "[?]"


class BodyTopic(StrEnum):
    """The kinds of body and instrument the 2022 order sets up; a change may end one of them as a whole."""

    HEALTH_CLUSTERS = "sundhedsklynger"
    HEALTH_COOPERATION_COMMITTEES = "sundhedssamarbejdsudvalg"
    HEALTH_AGREEMENTS = "sundhedsaftaler"
    PATIENT_INVOLVEMENT_COMMITTEES = "patientinddragelsesudvalg"

    @property
    def label(self) -> str:
        return {
            "sundhedsklynger": "Sundhedsklyngerne",
            "sundhedssamarbejdsudvalg": "Sundhedssamarbejdsudvalgene",
            "sundhedsaftaler": "Sundhedsaftalerne",
            "patientinddragelsesudvalg": "Patientinddragelsesudvalgene",
        }[self.value]


class EndState(StrEnum):
    ENDED = "ended"  # verified: the end applies
    EXPECTED = "expected"  # not verified: shown as a warning, nothing is ended

    @property
    def label(self) -> str:
        return {"ended": "Bortfaldet", "expected": "Forventet bortfaldet"}[self.value]


@dataclass(frozen=True)
class Act:
    """The act that makes the change, as far as it is known; each uncertain fact carries its marker."""

    kind: str
    short: str
    title: str
    title_marker: Marker
    bill: str = ""
    number: int | None = None
    number_marker: Marker = Marker.OPEN
    date: dt.date | None = None
    date_marker: Marker = Marker.OPEN
    status: str = ""
    status_marker: Marker = Marker.OPEN

    def label(self) -> str:
        """``L 214 (2024–25), LOV nr. 719 af 20. juni 2025 [S]``: the number shown with its marker."""
        parts = [self.bill] if self.bill else []
        if self.number is not None and self.date is not None:
            marker = "" if self.number_marker is Marker.VERIFIED else f" {self.number_marker.value}"
            parts.append(f"LOV nr. {self.number} af {danish_date(self.date)}{marker}")
        return ", ".join(parts) or self.short


@dataclass(frozen=True)
class ChangeEnd:
    """One thing a change ends: a whole source, named provisions (with their parts) or kinds of body, from a date.

    ``what_marker`` says how it is known that this ends, ``date_marker`` how the date is known,
    ``provisions_marker`` how the list of provisions is known (they may be inferred from the kinds of body)."""

    effective: dt.date
    what_marker: Marker
    date_marker: Marker
    basis: str
    date_basis: str
    source_id: str | None = None
    provisions: tuple[Citation, ...] = ()
    provisions_marker: Marker = Marker.VERIFIED
    bodies: tuple[BodyTopic, ...] = ()
    qualifier: str = ""

    @property
    def known_from_text(self) -> bool:
        """Every fact of the end read in the law's text: it applies without a recorded verification."""
        markers = [self.what_marker, self.date_marker]
        if self.provisions:
            markers.append(self.provisions_marker)
        return all(m is Marker.VERIFIED for m in markers)

    def describe(self, sources: Mapping[str, LegalSource]) -> str:
        """What ends, in Danish: ``sundhedsklynger``, ``bek. nr. 1248 af 5. september 2022``."""
        parts = [f"{b.value} {self.qualifier}".strip() for b in self.bodies]
        if self.source_id is not None:
            source = sources.get(self.source_id)
            parts.append(source.short if source else self.source_id)
        return ", ".join(parts)

    def covers(
        self,
        *,
        topic: BodyTopic | None = None,
        citations: Iterable[Citation] = (),
        source_ids: Iterable[str] = (),
    ) -> bool:
        """Whether this end reaches a thing about ``topic`` resting on ``citations`` (or on ``source_ids``)."""
        if topic is not None and topic in self.bodies:
            return True
        cited = list(citations)
        if self.source_id is not None and (
            any(c.source_id == self.source_id for c in cited) or self.source_id in set(source_ids)
        ):
            return True
        return any(_within(c, p) for c in cited for p in self.provisions)


def _within(citation: Citation, provision: Citation) -> bool:
    return citation.source_id == provision.source_id and (
        citation.unit_id == provision.unit_id or citation.unit_id.startswith(provision.unit_id + "__")
    )


@dataclass(frozen=True)
class LegalChange:
    """A recorded legal change: the act, what it ends and from when, the source, and a verification marker."""

    id: str
    act: Act
    url: str
    ends: tuple[ChangeEnd, ...]
    summary: str = ""
    continues: tuple[BodyTopic, ...] = ()
    continues_basis: str = ""

    @property
    def marker(self) -> Marker:
        """The weakest marker of what the change ends ([V] only when every end is known from the text)."""
        if not self.ends or all(e.known_from_text for e in self.ends):
            return Marker.VERIFIED
        markers = {m for e in self.ends for m in (e.what_marker, e.date_marker, e.provisions_marker)}
        return Marker.OPEN if Marker.OPEN in markers else Marker.SECONDARY

    @property
    def needs_verification(self) -> bool:
        return any(not e.known_from_text for e in self.ends)


@dataclass(frozen=True)
class EndEffect:
    """One end of one change as it stands on a day: applied (``ENDED``) or only expected (``EXPECTED``)."""

    change: LegalChange
    end: ChangeEnd
    state: EndState

    @property
    def effective(self) -> dt.date:
        return self.end.effective

    def label(self) -> str:
        """The words every page, the CLI and the API show next to what ends."""
        act = self.change.act.label()
        if self.state is EndState.ENDED:
            return f"bortfaldet pr. {danish_date(self.effective)} ({act})"
        return (
            f"forventet bortfald pr. {danish_date(self.effective)} (kilde: {act}; dato: {self.end.date_basis} "
            f"{self.end.date_marker.value}); kan være afløst"
        )

    def as_dict(self) -> dict[str, object]:
        return {
            "change": self.change.id,
            "act": self.change.act.label(),
            "state": self.state.value,
            "state_label": self.state.label,
            "effective": self.effective.isoformat(),
            "label": self.label(),
            "source": self.change.url,
        }


class LegalChanges:
    """Every recorded change; immutable after loading."""

    def __init__(self, changes: Iterable[LegalChange] = ()) -> None:
        self.changes: tuple[LegalChange, ...] = tuple(changes)
        self._by_id = {c.id: c for c in self.changes}

    def __iter__(self):  # type: ignore[no-untyped-def]
        return iter(self.changes)

    def __len__(self) -> int:
        return len(self.changes)

    def get(self, change_id: str) -> LegalChange | None:
        return self._by_id.get(change_id)

    def effects(self, *, verified: Collection[str] = (), on: dt.date | None = None) -> list[EndEffect]:
        """Every end with its state; ``on`` keeps the ends that have taken effect by that day."""
        found = []
        for change in self.changes:
            for end in change.ends:
                if on is not None and end.effective > on:
                    continue
                applied = end.known_from_text or change.id in verified
                found.append(EndEffect(change, end, EndState.ENDED if applied else EndState.EXPECTED))
        return found

    def end_for(
        self,
        day: dt.date,
        *,
        verified: Collection[str] = (),
        topic: BodyTopic | None = None,
        citations: Iterable[Citation] = (),
        source_ids: Iterable[str] = (),
    ) -> EndEffect | None:
        """The end that reaches a thing on ``day`` (an applied end before an expected one), or None."""
        cited = tuple(citations)
        sources = tuple(source_ids)
        reaching = [
            e
            for e in self.effects(verified=verified, on=day)
            if e.end.covers(topic=topic, citations=cited, source_ids=sources)
        ]
        reaching.sort(key=lambda e: (e.state is not EndState.ENDED, e.effective))
        return reaching[0] if reaching else None
