"""The law corpus: every source and unit, looked up by citation."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass

from ..errors import CitationError
from ._citation import parse_reference
from ._model import Citation, LegalSource, LegalUnit

__all__ = ["LawCorpus", "ProvisionVersion"]


@dataclass(frozen=True)
class ProvisionVersion:
    """Which text of which provision applied: the unit, its source and the source's validity."""

    citation: Citation
    label: str
    source_short: str
    valid_from: dt.date | None
    text: str


class LawCorpus:
    """All legal sources with their units; immutable after loading."""

    def __init__(self, sources: Iterable[LegalSource], units: Iterable[LegalUnit]) -> None:
        self._sources: dict[str, LegalSource] = {s.id: s for s in sources}
        self._units: dict[tuple[str, str], LegalUnit] = {}
        self._children: dict[tuple[str, str], list[LegalUnit]] = {}
        for unit in sorted(units, key=lambda u: (u.source_id, u.order)):
            self._units[(unit.source_id, unit.id)] = unit
            if unit.parent_id is not None:
                self._children.setdefault((unit.source_id, unit.parent_id), []).append(unit)

    # -- sources -------------------------------------------------------------------------------
    @property
    def sources(self) -> Mapping[str, LegalSource]:
        return self._sources

    def source(self, source_id: str) -> LegalSource:
        try:
            return self._sources[source_id]
        except KeyError:
            known = ", ".join(sorted(self._sources))
            raise CitationError(f"ukendt retskilde '{source_id}'; kendte kilder: {known}") from None

    def sources_in_force(self, day: dt.date) -> list[LegalSource]:
        return [s for s in self._sources.values() if s.in_force(day)]

    # -- units ---------------------------------------------------------------------------------
    def units(self, source_id: str) -> Iterator[LegalUnit]:
        return (u for (sid, _), u in self._units.items() if sid == source_id)

    def resolve(self, reference: str | Citation) -> LegalUnit:
        """The unit a citation names; :class:`CitationError` if it does not exist."""
        if isinstance(reference, Citation):
            source_id, unit_id = reference.source_id, reference.unit_id
        else:
            source_id, unit_id = parse_reference(reference)
        source = self.source(source_id)
        if not source.has_text:
            raise CitationError(
                f"{source.short} er registreret uden tekst; der kan ikke henvises til enkelte enheder"
            )
        try:
            return self._units[(source_id, unit_id)]
        except KeyError:
            raise CitationError(
                f"'{reference}' findes ikke i {source.short}{self._hint(source_id, unit_id)}"
            ) from None

    def cite(self, reference: str) -> Citation:
        """Parse and check a citation in one step (used when rules are declared)."""
        return self.resolve(reference).citation

    def children(self, unit: LegalUnit) -> list[LegalUnit]:
        return list(self._children.get((unit.source_id, unit.id), ()))

    def full_text(self, unit: LegalUnit) -> str:
        """The unit's own text followed by its children's, labelled as they are in the source."""
        parts = [unit.text] if unit.text else []
        for child in self.children(unit):
            child_text = self.full_text(child)
            marker = _short_marker(child)
            parts.append(f"{marker} {child_text}" if marker else child_text)
        return "\n".join(p for p in parts if p)

    def label(self, citation: Citation) -> str:
        """Citation as shown to users: ``§ 10, stk. 1, nr. 4 (bek. nr. 1248 af 5. september 2022)``."""
        unit = self.resolve(citation)
        return f"{unit.label} ({self.source(citation.source_id).short})"

    def version(self, citation: Citation) -> ProvisionVersion:
        unit = self.resolve(citation)
        source = self.source(citation.source_id)
        return ProvisionVersion(
            citation=citation,
            label=unit.label,
            source_short=source.short,
            valid_from=source.validity.start if source.validity else None,
            text=self.full_text(unit),
        )

    def _hint(self, source_id: str, unit_id: str) -> str:
        parent = unit_id.rsplit("__", 1)[0] if "__" in unit_id else None
        if parent and (source_id, parent) in self._units:
            kids = [u.label for u in self._children.get((source_id, parent), [])]
            return f"; {self._units[(source_id, parent)].label} har " + (
                ", ".join(kids) if kids else "ingen underenheder"
            )
        return ""


def _short_marker(unit: LegalUnit) -> str:
    tail = unit.id.rsplit("__", 1)[-1]
    kind, _, number = tail.rpartition("_")
    if kind == "subsec":
        return f"Stk. {number}." if number != "1" else ""
    if kind == "point":
        return f"{number})"
    if kind == "elem":
        return unit.heading + ":" if unit.heading else ""
    return unit.heading
