"""Loading the law corpus from its data files, checked so that nothing starts half-configured."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from .._yaml import LocatedYaml, load_located_yaml
from ..errors import CitationError, DataFileError
from ..periods import Period
from ._citation import parse_reference
from ._corpus import LawCorpus
from ._model import AlsoGoverns, LegalSource, LegalUnit, SourceKind, UnchangedFromPredecessor

__all__ = ["load_corpus", "validation_problem"]

_UNIT_ID = re.compile(r"^(title|preamble|signature|sec_\d+(?:\.\d+)*(?:__(?:subsec|point|elem)_\d+)*)$")
_LABEL_ONLY_UNITS = {"title", "preamble", "signature"}


class _AlsoGovernsRow(BaseModel):
    model_config = ConfigDict(extra="forbid", defer_build=True)
    what: str
    agreements_under: str
    citation: str


class _UnchangedRow(BaseModel):
    model_config = ConfigDict(extra="forbid", defer_build=True)
    units: list[str] = Field(min_length=1)
    statement: str
    source: str
    marker: str = Field(pattern=r"^\[(V|S)\]$")


class _SourceRow(BaseModel):
    model_config = ConfigDict(extra="forbid", defer_build=True)
    id: str = Field(pattern=r"^(bek|vej)-\d+-\d{4}$")
    kind: SourceKind
    number: int
    issued: dt.date
    title: str
    short: str
    binding: bool
    eli: str = ""
    in_force_from: dt.date | None = None
    in_force_until: dt.date | None = None
    in_force_citation: str = ""
    replaces: list[str] = []
    replaced_by: str | None = None
    also_governs: list[_AlsoGovernsRow] = []
    issued_under: str = ""
    has_text: bool
    text_source: str = ""
    unchanged_from_predecessor: list[_UnchangedRow] = []


class _UnitRow(BaseModel):
    model_config = ConfigDict(extra="forbid", defer_build=True)
    id: str
    label: str
    heading: str = ""
    text: str = ""


class _Footnote(BaseModel):
    model_config = ConfigDict(extra="forbid", defer_build=True)
    number: int
    unit: str
    text: str


class _UnitFile(BaseModel):
    model_config = ConfigDict(extra="forbid", defer_build=True)
    source: str
    units: list[_UnitRow]
    footnotes: list[_Footnote] = []


def validation_problem(
    doc: LocatedYaml, error: ValidationError, prefix: tuple[str | int, ...] = ()
) -> DataFileError:
    """The first pydantic error as a message naming line, field and what was expected."""
    first = error.errors()[0]
    location = [*prefix, *(p for p in first["loc"] if isinstance(p, (str, int)))]
    field = ".".join(str(p) if isinstance(p, str) else f"[{p}]" for p in location).replace(".[", "[")
    return doc.error(location, f"feltet '{field}': {first['msg']}")


def load_corpus(law_dir: Path) -> LawCorpus:
    """Load ``sources.yaml`` and each source's unit file from ``law_dir``."""
    doc = load_located_yaml(law_dir / "sources.yaml")
    if not isinstance(doc.data, dict) or not isinstance(doc.data.get("sources"), list):
        raise doc.error([], "filen skal have en liste 'sources'")
    sources: list[LegalSource] = []
    units: list[LegalUnit] = []
    seen: set[str] = set()
    for index, raw in enumerate(doc.data["sources"]):
        try:
            row = _SourceRow.model_validate(raw)
        except ValidationError as exc:
            raise validation_problem(doc, exc, ("sources", index)) from None
        if row.id in seen:
            raise doc.error(["sources", index, "id"], f"kilden '{row.id}' er angivet to gange")
        seen.add(row.id)
        sources.append(_source(row))
        if row.has_text:
            units.extend(_load_units(law_dir / f"{row.id}.yaml", row.id))
    _check_links(doc, sources)
    corpus = LawCorpus(sources, units)
    _check_cross_references(doc, corpus)
    return corpus


def _source(row: _SourceRow) -> LegalSource:
    if row.in_force_from is not None:
        validity: Period | None = Period(row.in_force_from, row.in_force_until)
    elif row.in_force_until is not None:
        # Predecessors: we know when they ceased to apply, not always when they began.
        validity = Period(dt.date.min, row.in_force_until)
    else:
        validity = None
    return LegalSource(
        id=row.id,
        kind=row.kind,
        number=row.number,
        issued=row.issued,
        title=" ".join(row.title.split()),
        short=row.short,
        binding=row.binding,
        validity=validity,
        has_text=row.has_text,
        eli=row.eli,
        replaces=tuple(row.replaces),
        replaced_by=row.replaced_by,
        in_force_citation=row.in_force_citation,
        also_governs=tuple(AlsoGoverns(a.what, a.agreements_under, a.citation) for a in row.also_governs),
        issued_under=row.issued_under,
        text_source=" ".join(row.text_source.split()),
        unchanged=tuple(
            UnchangedFromPredecessor(
                tuple(u.units), " ".join(u.statement.split()), " ".join(u.source.split()), u.marker
            )
            for u in row.unchanged_from_predecessor
        ),
    )


def _load_units(path: Path, source_id: str) -> list[LegalUnit]:
    doc = load_located_yaml(path)
    try:
        parsed = _UnitFile.model_validate(doc.data)
    except ValidationError as exc:
        raise validation_problem(doc, exc) from None
    if parsed.source != source_id:
        raise doc.error(["source"], f"filen hører til kilden '{parsed.source}', ikke '{source_id}'")
    units: list[LegalUnit] = []
    ids: set[str] = set()
    for index, row in enumerate(parsed.units):
        where: list[str | int] = ["units", index]
        if not _UNIT_ID.match(row.id):
            raise doc.error(
                [*where, "id"], f"'{row.id}' er ikke et gyldigt enheds-id (fx sec_10__subsec_1__point_4)"
            )
        if row.id in ids:
            raise doc.error([*where, "id"], f"enheden '{row.id}' findes to gange")
        if row.id not in _LABEL_ONLY_UNITS:
            try:
                _, label_id = parse_reference(row.label)
            except CitationError as exc:
                raise doc.error([*where, "label"], str(exc)) from None
            if label_id != row.id:
                raise doc.error([*where, "label"], f"betegnelsen '{row.label}' passer ikke til id '{row.id}'")
        parent = _parent_id(row.id, ids)
        if (row.id.count("__") or "." in row.id) and parent is None:
            raise doc.error([*where, "id"], f"'{row.id}' står før den enhed, den hører under")
        ids.add(row.id)
        units.append(LegalUnit(source_id, row.id, row.label, row.text.strip(), row.heading, parent, index))
    for index, note in enumerate(parsed.footnotes):
        if note.unit not in ids:
            raise doc.error(
                ["footnotes", index, "unit"], f"fodnoten henviser til en ukendt enhed '{note.unit}'"
            )
    return units


def _parent_id(unit_id: str, known: set[str]) -> str | None:
    if "__" in unit_id:
        return unit_id.rsplit("__", 1)[0]
    if unit_id.startswith("sec_") and "." in unit_id:
        # Guidance sections nest by number: 2.1.7 under 2.1 under 2.
        candidate = unit_id.rsplit(".", 1)[0]
        return candidate if candidate in known else None
    return None


def _check_links(doc: LocatedYaml, sources: list[LegalSource]) -> None:
    ids = {s.id for s in sources}
    for index, source in enumerate(sources):
        for field, targets in (("replaces", source.replaces), ("replaced_by", (source.replaced_by,))):
            for target in targets:
                if target is not None and target not in ids:
                    raise doc.error(["sources", index, field], f"henviser til en ukendt kilde '{target}'")
        for note in source.also_governs:
            if note.agreements_under not in ids:
                raise doc.error(["sources", index, "also_governs"], f"ukendt kilde '{note.agreements_under}'")


def _check_cross_references(doc: LocatedYaml, corpus: LawCorpus) -> None:
    # The citations inside sources.yaml itself must name units that exist.
    for index, source in enumerate(corpus.sources.values()):
        refs: list[tuple[str, Any]] = [(source.in_force_citation, "in_force_citation")]
        refs += [(a.citation, "also_governs") for a in source.also_governs]
        refs += [(u, "unchanged_from_predecessor") for group in source.unchanged for u in group.units]
        for text, field in refs:
            if not text:
                continue
            try:
                corpus.resolve(f"{source.id} {text}")
            except CitationError as exc:
                raise doc.error(["sources", index, field], str(exc)) from None
