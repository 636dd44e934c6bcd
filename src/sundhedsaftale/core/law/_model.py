"""Legal sources and their addressable units."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum

from ..periods import Period, danish_date

__all__ = ["Citation", "LegalSource", "LegalUnit", "SourceKind"]


class SourceKind(StrEnum):
    ORDER = "bekendtgoerelse"
    GUIDANCE = "vejledning"


@dataclass(frozen=True)
class LegalUnit:
    """One addressable unit: a §, a stk., a nr., a section of the guidance or one of its elements.

    ``id`` follows one scheme for every source (``sec_10__subsec_1__point_4``, ``sec_3.2``,
    ``sec_4.1__elem_3``); ``label`` is how Danish lawyers cite it (``§ 10, stk. 1, nr. 4``).
    """

    source_id: str
    id: str
    label: str
    text: str = ""
    heading: str = ""
    parent_id: str | None = None
    order: int = 0

    @property
    def citation(self) -> Citation:
        return Citation(self.source_id, self.id)


@dataclass(frozen=True)
class LegalSource:
    """An order or a guidance, with its validity; predecessors are kept without text."""

    id: str
    kind: SourceKind
    number: int
    issued: dt.date
    title: str
    short: str
    binding: bool
    validity: Period | None
    has_text: bool
    eli: str = ""
    replaces: tuple[str, ...] = ()
    replaced_by: str | None = None
    in_force_citation: str = ""
    also_governs: tuple[AlsoGoverns, ...] = ()
    issued_under: str = ""
    text_source: str = ""
    unchanged: tuple[UnchangedFromPredecessor, ...] = ()

    def in_force(self, day: dt.date) -> bool:
        return self.validity is not None and self.validity.contains(day)

    def describe_validity(self) -> str:
        if self.validity is None:
            return "ikrafttræden ikke registreret"
        if self.validity.end is None:
            return f"gældende fra {danish_date(self.validity.start)}"
        if self.validity.start == dt.date.min:
            return f"gældende til og med {danish_date(self.validity.end)}"
        return f"gældende {self.validity.describe()}"


@dataclass(frozen=True)
class UnchangedFromPredecessor:
    """Units of a source whose substance the predecessor already had, by a recorded statement with its source and
    a verification marker ([V] law text, [S] secondary source): rules resting on them read the same before."""

    units: tuple[str, ...]
    statement: str
    source: str
    marker: str


@dataclass(frozen=True)
class AlsoGoverns:
    """A transitional rule: this source also applies to things made under an earlier one (§ 31, stk. 3)."""

    what: str
    agreements_under: str
    citation: str


@dataclass(frozen=True, order=True)
class Citation:
    """A reference to one legal unit: source id plus unit id. Render it with :meth:`LawCorpus.cite_label`."""

    source_id: str
    unit_id: str
    extra: tuple[str, ...] = field(default=(), compare=False)

    def key(self) -> str:
        """Stable string form, used in URLs and JSON: ``bek-1248-2022/sec_10__subsec_1__point_4``."""
        return f"{self.source_id}/{self.unit_id}"
