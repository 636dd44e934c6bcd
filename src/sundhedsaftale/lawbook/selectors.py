"""Reading the law corpus and rulebook for pages and API (both come from the core, not the database)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sundhedsaftale.core.law import CrossReference, LegalSource, LegalUnit
from sundhedsaftale.core.rules import Rule
from sundhedsaftale.web.platform import platform


def source_list() -> list[LegalSource]:
    return sorted(
        platform().corpus.sources.values(), key=lambda s: (not s.has_text, s.kind.value, -s.issued.year)
    )


def unit_outline(source_id: str) -> list[dict[str, Any]]:
    corpus = platform().corpus
    defective = {d.unit.unit_id for d in platform().cross_references.defects(source_id)}
    return [
        {
            "unit": u,
            "depth": u.id.count("__") + u.id.count("."),
            "rules": rules_citing(u),
            "defective_reference": u.id in defective,
        }
        for u in corpus.units(source_id)
    ]


def rules_citing(unit: LegalUnit) -> list[Rule]:
    """Rules that cite this unit or one of its parts."""
    key = unit.citation.key()
    return [
        r
        for r in platform().rulebook.rules
        if any(c.key() == key or c.key().startswith(key + "__") for c in r.citations)
    ]


def rules_in_force(at: dt.date) -> list[Rule]:
    return platform().rulebook.in_force(at)


def reference_defects(source_id: str) -> list[CrossReference]:
    """The source's own defective cross-references, in document order."""
    return platform().cross_references.defects(source_id)


def source_references(source_id: str) -> list[CrossReference]:
    return platform().cross_references.in_source(source_id)


def reference_figures(source_id: str) -> dict[str, int]:
    return platform().cross_references.figures(source_id)


def defects_within(unit: LegalUnit) -> list[CrossReference]:
    """Defective references in the unit's text and its parts' (a § page shows its stk. too)."""
    return platform().cross_references.defects_within(unit)


def defects_naming(unit: LegalUnit) -> list[CrossReference]:
    """Defective references elsewhere that lead to this unit or likely mean it."""
    return [
        d
        for d in platform().cross_references.defects()
        if unit.citation in d.targets or d.intended == unit.citation
        if d.unit != unit.citation
    ]
