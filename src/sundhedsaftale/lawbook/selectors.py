"""Reading the law corpus and rulebook for pages and API (both come from the core, not the database)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sundhedsaftale.core.law import CrossReference, EndEffect, LegalSource, LegalUnit, Regime, regime_on
from sundhedsaftale.core.rules import Rule
from sundhedsaftale.web.platform import platform

from .models import LawChangeVerification


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


def verified_changes() -> frozenset[str]:
    """The ids of the legal changes an administrator has recorded as verified: what every call into the core
    that applies legal changes (rules, findings, obligations, the regime) is given."""
    return frozenset(
        LawChangeVerification.objects.filter(withdrawn_at__isnull=True).values_list("change_id", flat=True)
    )


def change_verifications() -> dict[str, LawChangeVerification]:
    """Each standing verification by change id (who, when, against which source); a withdrawn one is not."""
    return {
        v.change_id: v
        for v in LawChangeVerification.objects.filter(withdrawn_at__isnull=True).select_related("verified_by")
    }


def withdrawn_verifications() -> dict[str, list[LawChangeVerification]]:
    """The withdrawn verifications of each change, newest first: who verified it and who withdrew it, and why."""
    result: dict[str, list[LawChangeVerification]] = {}
    for v in (
        LawChangeVerification.objects.filter(withdrawn_at__isnull=False)
        .select_related("verified_by", "withdrawn_by")
        .order_by("-withdrawn_at")
    ):
        result.setdefault(v.change_id, []).append(v)
    return result


def rules_in_force(at: dt.date) -> list[Rule]:
    """The rules in force on ``at``, without those a verified legal change has ended."""
    return platform().rulebook.in_force(at, verified=verified_changes())


def rules_on(at: dt.date) -> list[tuple[Rule, EndEffect | None]]:
    """Every rule whose sources are in force on ``at``, with the legal change (ended or expected) reaching it."""
    return platform().rulebook.rules_on(at, verified=verified_changes())


def changes_reaching(unit: LegalUnit) -> list[EndEffect]:
    """The recorded legal changes that end this provision (or its source, or a provision it is part of), with
    their state: ended when verified, else expected."""
    return [
        e
        for e in platform().changes.effects(verified=verified_changes())
        if e.end.covers(citations=[unit.citation])
    ]


def regime(at: dt.date) -> Regime:
    """Which regime applies on ``at``: sources in force, what ended or is expected to, what continues."""
    return regime_on(platform().corpus, platform().changes, at, verified=verified_changes())


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
