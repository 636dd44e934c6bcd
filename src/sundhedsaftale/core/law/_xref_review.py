"""The recorded table of reviewed cross-references: what reading the provisions established.

The automatic check finds references that do not resolve or are written wrong. Whether a reference that does
resolve names the provision the text means takes reading both texts; a reviewer's conclusion is kept as a row in
``data/law/reviewed-references.yaml`` with the referring unit, the reference as written, the verdict, the likely
intended unit, the reason and who established it. Rows are checked against the texts at start-up, so a row that no
longer matches the law (the text was corrected, the reference moved) stops the platform with file and line.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from enum import StrEnum
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from .._yaml import load_located_yaml
from ..errors import CitationError, DataFileError
from ._corpus import LawCorpus
from ._loader import validation_problem
from ._model import Citation
from ._xref_model import CrossReference, ReferenceStatus, cap, join_labels, sentence

__all__ = ["ReviewVerdict", "ReviewedReference", "apply_review", "load_reviewed_references"]


class ReviewVerdict(StrEnum):
    WRONG_UNIT = "wrong_unit"  # resolves, but to another provision than the text means
    DOES_NOT_RESOLVE = "does_not_resolve"  # confirms the automatic finding and names the intended unit
    MALFORMED = "malformed"  # confirms the automatic finding
    CORRECT = "correct"  # the reference is right although the automatic wrong-unit test doubted it


@dataclass(frozen=True)
class ReviewedReference:
    unit: Citation
    written: str
    verdict: ReviewVerdict
    intended: Citation | None
    reason: str
    established_by: str
    established_on: dt.date
    path: Path
    line: int | None


class _Row(BaseModel):
    model_config = ConfigDict(extra="forbid", defer_build=True)
    unit: str = Field(pattern=r"^(bek|vej)-\d+-\d{4}/\S+$")
    written: str = Field(min_length=1)
    verdict: ReviewVerdict
    intended: str | None = None
    reason: str = Field(min_length=10)
    established_by: str = Field(min_length=3)
    established_on: dt.date


class _File(BaseModel):
    model_config = ConfigDict(extra="forbid", defer_build=True)
    reviewed: list[_Row]


def load_reviewed_references(path: Path, corpus: LawCorpus) -> tuple[ReviewedReference, ...]:
    """Rows of the reviewed-references table; an unknown unit or intended provision names file and line."""
    if not path.exists():
        return ()
    doc = load_located_yaml(path)
    try:
        parsed = _File.model_validate(doc.data)
    except ValidationError as exc:
        raise validation_problem(doc, exc) from None
    rows: list[ReviewedReference] = []
    for index, row in enumerate(parsed.reviewed):
        where: list[str | int] = ["reviewed", index]
        try:
            unit = corpus.resolve(row.unit).citation
        except CitationError as exc:
            raise doc.error([*where, "unit"], str(exc)) from None
        intended: Citation | None = None
        if row.intended is not None:
            try:
                intended = corpus.resolve(row.intended).citation
            except CitationError as exc:
                raise doc.error([*where, "intended"], str(exc)) from None
        if row.verdict in (ReviewVerdict.WRONG_UNIT, ReviewVerdict.DOES_NOT_RESOLVE) and intended is None:
            raise doc.error(where, f"en række med verdict '{row.verdict}' skal angive 'intended'")
        rows.append(
            ReviewedReference(
                unit=unit,
                written=" ".join(row.written.split()),
                verdict=row.verdict,
                intended=intended,
                reason=" ".join(row.reason.split()),
                established_by=" ".join(row.established_by.split()),
                established_on=row.established_on,
                path=path,
                line=doc.line_of(where),
            )
        )
    return tuple(rows)


def apply_review(
    corpus: LawCorpus, refs: list[CrossReference], reviewed: Sequence[ReviewedReference]
) -> list[CrossReference]:
    out = list(refs)
    for row in reviewed:
        text = corpus.resolve(row.unit).text
        # Line breaks in the unit text do not matter: the words of the written reference, in order.
        pattern = r"\s+".join(re.escape(word) for word in row.written.split())
        spans = [(m.start(), m.end()) for m in re.finditer(pattern, text)]
        hits = [
            i
            for i, r in enumerate(out)
            if r.unit == row.unit and any(s <= r.start and r.end <= e for s, e in spans)
        ]
        if not hits:
            raise DataFileError(
                row.path,
                f"{corpus.label(row.unit)} indeholder ingen henvisning »{row.written}«; ret eller fjern rækken",
                line=row.line,
            )
        for i in hits:
            out[i] = _reviewed(corpus, out[i], row)
    return out


def _reviewed(corpus: LawCorpus, ref: CrossReference, row: ReviewedReference) -> CrossReference:
    found = ref.status
    allowed = {
        ReviewVerdict.WRONG_UNIT: {ReferenceStatus.RESOLVES, ReferenceStatus.WRONG_UNIT},
        ReviewVerdict.DOES_NOT_RESOLVE: {ReferenceStatus.DOES_NOT_RESOLVE},
        ReviewVerdict.MALFORMED: {ReferenceStatus.MALFORMED},
        ReviewVerdict.CORRECT: {ReferenceStatus.RESOLVES, ReferenceStatus.WRONG_UNIT},
    }[row.verdict]
    if found not in allowed:
        raise DataFileError(
            row.path,
            f"rækken siger '{row.verdict}' om »{row.written}« i {corpus.label(row.unit)}, men kontrollen finder "
            f"'{found}' ({ref.problem})",
            line=row.line,
        )
    by = row.established_by + ("; den automatiske kontrol finder det samme" if found.is_defect else "")
    if row.verdict is ReviewVerdict.CORRECT:
        return replace(
            ref,
            status=ReferenceStatus.RESOLVES,
            problem=sentence(f"Henviser til {join_labels(ref.target_labels)}"),
            reason=row.reason,
            intended=None,
            intended_label="",
            established_by=row.established_by,
            reviewed=True,
        )
    intended = row.intended or ref.intended
    problem = ref.problem
    if row.verdict is ReviewVerdict.WRONG_UNIT:
        problem = (
            f"{cap(ref.unit_label)} henviser til {join_labels(ref.target_labels)}, som findes, men ikke er den "
            "bestemmelse, teksten mener."
        )
    return replace(
        ref,
        status=ReferenceStatus(row.verdict.value),
        problem=problem,
        reason=row.reason,
        intended=intended,
        intended_label=corpus.resolve(intended).label if intended else "",
        established_by=by,
        reviewed=True,
    )
