"""Loading ``changes.yaml``: every recorded legal change, checked against the corpus so that nothing starts
half-configured (an unknown source, a provision that does not exist, a [?] fact relied on)."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from .._yaml import load_located_yaml
from ..errors import CitationError
from ._changes import Act, BodyTopic, ChangeEnd, LegalChange, LegalChanges, Marker
from ._corpus import LawCorpus
from ._loader import validation_problem

__all__ = ["load_changes"]

_CHANGE_ID = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
_URL = re.compile(r"^https://\S+$")


class _ActRow(BaseModel):
    model_config = ConfigDict(extra="forbid", defer_build=True)
    kind: str = Field(min_length=1)
    short: str = Field(min_length=1)
    bill: str = ""
    title: str = Field(min_length=1)
    title_marker: Marker
    number: int | None = Field(default=None, gt=0)
    number_marker: Marker = Marker.OPEN
    date: dt.date | None = None
    date_marker: Marker = Marker.OPEN
    status: str = ""
    status_marker: Marker = Marker.OPEN


class _EndRow(BaseModel):
    model_config = ConfigDict(extra="forbid", defer_build=True)
    source: str | None = None
    provisions: list[str] = []
    provisions_marker: Marker = Marker.VERIFIED
    bodies: list[BodyTopic] = []
    qualifier: str = ""
    what_marker: Marker
    basis: str = Field(min_length=1)
    effective: dt.date
    date_marker: Marker
    date_basis: str = Field(min_length=1)

    @model_validator(mode="after")
    def _names_something(self) -> _EndRow:
        if self.source is None and not self.provisions and not self.bodies:
            raise ValueError("angiv hvad der ophører: 'source', 'provisions' eller 'bodies'")
        if self.what_marker is Marker.OPEN:
            raise ValueError("et ophør markeret [?] kan ikke registreres; det er ikke fastslået")
        return self


class _ChangeRow(BaseModel):
    model_config = ConfigDict(extra="forbid", defer_build=True)
    id: str = Field(pattern=_CHANGE_ID)
    act: _ActRow
    url: str = Field(pattern=_URL.pattern)
    summary: str = ""
    ends: list[_EndRow]
    continues: list[BodyTopic] = []
    continues_basis: str = ""


def load_changes(path: Path, corpus: LawCorpus) -> LegalChanges:
    """The changes in ``path``; a missing file is no changes. Errors name the file, line, entry and field."""
    if not path.exists():
        return LegalChanges()
    doc = load_located_yaml(path)
    if not isinstance(doc.data, dict) or not isinstance(doc.data.get("changes"), list):
        raise doc.error([], "filen skal have en liste 'changes'")
    changes: list[LegalChange] = []
    seen: set[str] = set()
    for index, raw in enumerate(doc.data["changes"]):
        try:
            row = _ChangeRow.model_validate(raw)
        except ValidationError as exc:
            raise validation_problem(doc, exc, ("changes", index)) from None
        where: list[str | int] = ["changes", index]
        if row.id in seen:
            raise doc.error([*where, "id"], f"ændringen '{row.id}' er angivet to gange")
        seen.add(row.id)
        ends: list[ChangeEnd] = []
        for end_index, end in enumerate(row.ends):
            at: list[str | int] = [*where, "ends", end_index]
            if end.source is not None and end.source not in corpus.sources:
                raise doc.error([*at, "source"], f"ændringen '{row.id}': ukendt kilde '{end.source}'")
            citations = []
            for p_index, written in enumerate(end.provisions):
                try:
                    citations.append(corpus.cite(written))
                except CitationError as exc:
                    raise doc.error([*at, "provisions", p_index], f"ændringen '{row.id}': {exc}") from None
            ends.append(
                ChangeEnd(
                    effective=end.effective,
                    what_marker=end.what_marker,
                    date_marker=end.date_marker,
                    basis=" ".join(end.basis.split()),
                    date_basis=" ".join(end.date_basis.split()),
                    source_id=end.source,
                    provisions=tuple(citations),
                    provisions_marker=end.provisions_marker,
                    bodies=tuple(end.bodies),
                    qualifier=end.qualifier,
                )
            )
        ended = {b for e in ends for b in e.bodies}
        both = sorted(b.value for b in ended & set(row.continues))
        if both:
            raise doc.error(
                [*where, "continues"], f"ændringen '{row.id}' både afslutter og viderefører {', '.join(both)}"
            )
        act = row.act
        changes.append(
            LegalChange(
                id=row.id,
                act=Act(
                    kind=act.kind,
                    short=act.short,
                    title=" ".join(act.title.split()),
                    title_marker=act.title_marker,
                    bill=act.bill,
                    number=act.number,
                    number_marker=act.number_marker,
                    date=act.date,
                    date_marker=act.date_marker,
                    status=act.status,
                    status_marker=act.status_marker,
                ),
                url=row.url,
                ends=tuple(ends),
                summary=" ".join(row.summary.split()),
                continues=tuple(row.continues),
                continues_basis=" ".join(row.continues_basis.split()),
            )
        )
    return LegalChanges(changes)
