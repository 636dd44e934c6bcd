"""What the cross-reference check reports: each reference, its status, and the law's defects among them."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from ._model import Citation, LegalUnit

__all__ = [
    "AUTOMATIC",
    "CrossReference",
    "CrossReferenceReport",
    "ReferenceStatus",
    "cap",
    "join_labels",
    "sentence",
    "within",
]

AUTOMATIC = "Platformens automatiske kontrol af henvisningerne"


class ReferenceStatus(StrEnum):
    RESOLVES = "resolves"
    EXTERNAL = "external"
    DOES_NOT_RESOLVE = "does_not_resolve"
    MALFORMED = "malformed"
    WRONG_UNIT = "wrong_unit"

    @property
    def label(self) -> str:
        return _STATUS_LABELS[self]

    @property
    def is_defect(self) -> bool:
        return self in (
            ReferenceStatus.DOES_NOT_RESOLVE,
            ReferenceStatus.MALFORMED,
            ReferenceStatus.WRONG_UNIT,
        )


_STATUS_LABELS = {
    ReferenceStatus.RESOLVES: "Findes",
    ReferenceStatus.EXTERNAL: "Anden retsakt (ikke kontrolleret)",
    ReferenceStatus.DOES_NOT_RESOLVE: "Findes ikke",
    ReferenceStatus.MALFORMED: "Skrevet forkert",
    ReferenceStatus.WRONG_UNIT: "Peger på en forkert bestemmelse",
}


@dataclass(frozen=True)
class CrossReference:
    """One reference in a unit's text and what became of it; a defect is a finding on the source.

    ``targets`` are the units it resolves to, ``missing`` the labels of those that do not exist, ``intended`` the
    likely intended unit where known. ``problem`` says what the check found, ``reason`` why the intended unit is
    likely (a reviewer's reason or the automatic evidence); :attr:`explanation` says all of it in plain Danish.
    ``context`` is the reference with the words around it, to tell apart two references written alike.
    """

    unit: Citation
    unit_label: str
    written: str
    start: int
    end: int
    status: ReferenceStatus
    act: str
    target_source: str | None
    targets: tuple[Citation, ...]
    target_labels: tuple[str, ...]
    missing: tuple[str, ...]
    problem: str
    context: str = ""
    reason: str = ""
    intended: Citation | None = None
    intended_label: str = ""
    established_by: str = AUTOMATIC
    reviewed: bool = False

    @property
    def is_defect(self) -> bool:
        return self.status.is_defect

    @property
    def target_links(self) -> list[tuple[Citation, str]]:
        """Each unit it resolves to with its label, for links."""
        return list(zip(self.targets, self.target_labels, strict=True))

    def as_dict(self) -> dict[str, object]:
        """The one shape of a reference for the command line, the API and the pages' JSON."""
        return {
            "unit": self.unit.key(),
            "unit_label": self.unit_label,
            "written": self.written,
            "context": self.context,
            "status": self.status.value,
            "status_label": self.status.label,
            "is_defect": self.is_defect,
            "act": self.act,
            "targets": [t.key() for t in self.targets],
            "target_labels": list(self.target_labels),
            "missing": list(self.missing),
            "intended": self.intended.key() if self.intended else None,
            "intended_label": self.intended_label,
            "explanation": self.explanation,
            "established_by": self.established_by,
            "reviewed": self.reviewed,
        }

    @property
    def explanation(self) -> str:
        parts = [self.problem]
        if self.intended_label and self.status is not ReferenceStatus.MALFORMED:
            parts.append(f"Sandsynligvis menes {self.intended_label}.")
        if self.reason:
            parts.append(self.reason)
        return " ".join(parts)


@dataclass(frozen=True)
class CrossReferenceReport:
    """Every reference in every source with text, in document order."""

    references: tuple[CrossReference, ...]

    def in_source(self, source_id: str) -> list[CrossReference]:
        return [r for r in self.references if r.unit.source_id == source_id]

    def defects(self, source_id: str | None = None) -> list[CrossReference]:
        return [r for r in self.references if r.is_defect and source_id in (None, r.unit.source_id)]

    def defects_within(self, unit: LegalUnit) -> list[CrossReference]:
        """Defects in the unit's own text and in its parts (a § page shows its stk. too)."""
        return [r for r in self.defects(unit.source_id) if within(r.unit.unit_id, unit.id)]

    def figures(self, source_id: str) -> dict[str, int]:
        """How many references a source has; how many name a source the platform holds and resolve there."""
        refs = self.in_source(source_id)
        counts = {status.value: sum(1 for r in refs if r.status is status) for status in ReferenceStatus}
        checked = [r for r in refs if r.status is not ReferenceStatus.EXTERNAL]
        return {
            "total": len(refs),
            "checked": len(checked),
            "resolving": sum(1 for r in checked if not r.missing),
            "defects": sum(1 for r in refs if r.is_defect),
            **counts,
        }


def join_labels(labels: tuple[str, ...] | list[str]) -> str:
    """ "§ 2 og § 9"; "§ 1, § 2 og § 3"."""
    return labels[0] if len(labels) == 1 else ", ".join(labels[:-1]) + " og " + labels[-1]


def cap(label: str) -> str:
    """A label at the start of a sentence: "afsnit 1.1" → "Afsnit 1.1"."""
    return label[:1].upper() + label[1:]


def sentence(text: str) -> str:
    return text if text.endswith(".") else text + "."


def within(unit_id: str, ancestor_id: str) -> bool:
    """Whether a unit is the other or one of its parts: sec_10__subsec_1 in sec_10, sec_5.5 in sec_5."""
    return (
        unit_id == ancestor_id
        or unit_id.startswith(ancestor_id + "__")
        or unit_id.startswith(ancestor_id + ".")
    )
