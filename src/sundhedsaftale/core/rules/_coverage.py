"""Which provisions of the order the rulebook checks, and why the others are not checked.

Every provision of bek. nr. 1248/2022 without children (a section without subsections, a subsection without
points, a point) is either cited by a rule — itself or through the provision above it — or listed in
``data/law/coverage.yaml`` with the kind of provision it is and the reason. docs/rules.md shows this table, and a
test keeps it complete: a new rule or a new reason is the only way to change it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pydantic import BaseModel, ConfigDict, ValidationError

from .._yaml import load_located_yaml
from ..errors import CitationError
from ..law import LawCorpus
from ._engine import Rulebook

__all__ = ["ProvisionCoverage", "provision_coverage"]

ORDER = "bek-1248-2022"
_KINDS = {
    "opgave": "opgave",
    "mulighed": "mulighed",
    "udmøntet": "udmøntet i andre stykker",
    "vurdering": "kræver vurdering",
    "ikke-registreret": "ikke registreret endnu",
    "kilde": "om retsgrundlaget",
}


class _Entry(BaseModel):
    model_config = ConfigDict(extra="forbid", defer_build=True)
    kind: str
    reason: str


@dataclass(frozen=True)
class ProvisionCoverage:
    unit_id: str
    label: str
    rule_ids: tuple[str, ...]  # rules citing the provision or the provision above it
    kind: str  # for an unchecked provision: what kind of provision it is ("" when a rule checks it)
    reason: str


def _leaves(corpus: LawCorpus) -> list[tuple[str, str, str | None]]:
    units = [u for u in corpus.units(ORDER) if u.id not in ("title", "preamble", "signature")]
    parents = {u.parent_id for u in units if u.parent_id}
    return [(u.id, u.label, u.parent_id) for u in units if u.id not in parents]


def provision_coverage(book: Rulebook, coverage_path: Path) -> list[ProvisionCoverage]:
    """The coverage of every provision of the order without children; raises DataFileError for an entry that
    names no provision, a provision a rule already checks, or a kind the file does not define."""
    corpus = book.corpus
    doc = load_located_yaml(coverage_path)
    raw = doc.data.get("provisions") if isinstance(doc.data, dict) else None
    if not isinstance(raw, dict):
        raise doc.error([], "filen skal have en tabel 'provisions'")
    entries: dict[str, tuple[str, _Entry]] = {}
    for written, row in raw.items():
        try:
            entry = _Entry.model_validate(row)
            unit_id = corpus.cite(f"{ORDER} {written}").unit_id
        except ValidationError as exc:
            raise doc.error(["provisions", written], f"'{written}': {exc.errors()[0]['msg']}") from None
        except CitationError as exc:
            raise doc.error(["provisions", written], str(exc)) from None
        if entry.kind not in _KINDS:
            raise doc.error(
                ["provisions", written, "kind"], f"ukendt art '{entry.kind}'; brug {', '.join(_KINDS)}"
            )
        entries[unit_id] = (written, entry)
    cited: dict[str, list[str]] = {}
    for rule in book.rules:
        for citation in rule.citations:
            if citation.source_id == ORDER:
                cited.setdefault(citation.unit_id, []).append(rule.id)
    parent_of = {u.id: u.parent_id for u in corpus.units(ORDER)}
    result = []
    for unit_id, label, _ in _leaves(corpus):
        rules: list[str] = []
        at: str | None = unit_id
        while at is not None:
            rules += cited.get(at, [])
            at = parent_of.get(at)
        listed = entries.get(unit_id)
        if rules and listed is not None:
            raise doc.error(
                ["provisions", listed[0]],
                f"'{listed[0]}' kontrolleres af {', '.join(sorted(set(rules)))}; fjern den fra listen",
            )
        kind = _KINDS[listed[1].kind] if listed else ""
        reason = listed[1].reason if listed else ""
        result.append(ProvisionCoverage(unit_id, label, tuple(sorted(set(rules))), kind, reason))
    leaf_ids = {r.unit_id for r in result}
    for unit_id, (written, _) in entries.items():
        if unit_id not in leaf_ids:
            raise doc.error(["provisions", written], f"'{written}' har underpunkter; angiv dem i stedet")
    return result
