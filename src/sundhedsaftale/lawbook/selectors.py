"""Reading the law corpus and rulebook for pages and API (both come from the core, not the database)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sundhedsaftale.core.law import LegalSource, LegalUnit
from sundhedsaftale.core.rules import Rule
from sundhedsaftale.web.platform import platform


def source_list() -> list[LegalSource]:
    return sorted(
        platform().corpus.sources.values(), key=lambda s: (not s.has_text, s.kind.value, -s.issued.year)
    )


def unit_outline(source_id: str) -> list[dict[str, Any]]:
    corpus = platform().corpus
    return [
        {"unit": u, "depth": u.id.count("__") + u.id.count("."), "rules": rules_citing(u)}
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
