"""The law's own defects: every cross-reference in the unit texts, resolved and classified.

A reference **resolves** when every unit it names exists in the act it names; it is **external** when it names an
act the platform holds no text of (sundhedsloven, lov om kommunernes styrelse); it is a defect when it

- **does not resolve** – no such unit in the act (§ 19, stk. 3 "jf. § 34": the order ends with § 31);
- is **malformed** – readable only by guessing the form ("jf. 19, stk. 1" lacks the § sign); or
- **points at the wrong unit** – it resolves, but the unit is not the one the text means. Found automatically when
  the reference is not returned while a neighbour of the cited unit refers back exactly to the referring unit
  (§ 30, stk. 4 cites § 10, stk. 4; § 10, stk. 1, nr. 4 cites § 30, stk. 4), and otherwise recorded by a reviewer
  in ``reviewed-references.yaml`` with the reason (§ 28, stk. 1, nr. 1 cites § 16, stk. 5 for the committee's
  subject areas, which are in § 15, stk. 2).

For a reference that does not resolve, the likely intended unit is the one whose text shares the longest run of
words with the referring text (§ 19, stk. 3 and § 29, stk. 1 share thirteen), unless a reviewer recorded it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import replace

from ..errors import CitationError
from ._corpus import LawCorpus
from ._model import Citation, LegalSource, LegalUnit, SourceKind
from ._xref_infer import infer_intended
from ._xref_model import CrossReference, CrossReferenceReport, ReferenceStatus, cap, join_labels, sentence
from ._xref_review import ReviewedReference, apply_review
from ._xref_scan import ActRole, WrittenAct, WrittenReference, scan_references

__all__ = ["check_cross_references"]


def check_cross_references(
    corpus: LawCorpus, reviewed: Sequence[ReviewedReference] = ()
) -> CrossReferenceReport:
    """Scan, resolve and classify the references of every source with text; apply the reviewed table."""
    found: list[CrossReference] = []
    for source in corpus.sources.values():
        if not source.has_text:
            continue
        guidance = source.kind is SourceKind.GUIDANCE
        for unit in corpus.units(source.id):
            for written in scan_references(unit.text, unit_id=unit.id, guidance=guidance):
                found.append(_resolve(corpus, source, unit, written))
    found = infer_intended(corpus, found)
    found = apply_review(corpus, found, reviewed)
    return CrossReferenceReport(tuple(found))


# -- resolving -------------------------------------------------------------------------------------------------
def _target_source(corpus: LawCorpus, source: LegalSource, act: WrittenAct) -> LegalSource | None:
    if act.role is ActRole.OWN:
        return source
    if act.role is ActRole.ORDER:
        return source if source.kind is SourceKind.ORDER else _implemented_order(corpus, source)
    if act.role is ActRole.NAMED:
        kind = {"bekendtgørelse": SourceKind.ORDER, "vejledning": SourceKind.GUIDANCE}.get(act.kind)
        return next(
            (
                s
                for s in corpus.sources.values()
                if s.kind is kind and s.number == act.number and s.issued.year == act.year
            ),
            None,
        )
    return None


def _implemented_order(corpus: LawCorpus, guidance: LegalSource) -> LegalSource | None:
    """The order a guidance means by "bekendtgørelsen": the one it was issued under (``issued_under`` names its
    number), else the only order in force on the day the guidance was issued."""
    orders = [s for s in corpus.sources.values() if s.kind is SourceKind.ORDER]
    named = re.search(r"\bbek(?:\.|endtgørelse)\s+nr\.\s*(\d+)", guidance.issued_under, re.IGNORECASE)
    if named:
        by_number = [s for s in orders if s.number == int(named.group(1))]
        if len(by_number) == 1:
            return by_number[0]
    in_force = [s for s in orders if s.in_force(guidance.issued)]
    return in_force[0] if len(in_force) == 1 else None


def _resolve(
    corpus: LawCorpus, source: LegalSource, unit: LegalUnit, ref: WrittenReference
) -> CrossReference:
    target = _target_source(corpus, source, ref.act)
    base = CrossReference(
        unit=unit.citation,
        unit_label=unit.label,
        written=ref.as_written,
        start=ref.start,
        end=ref.end,
        status=ReferenceStatus.EXTERNAL,
        act=target.short if target else (ref.act.name or "en anden retsakt"),
        target_source=target.id if target else None,
        targets=(),
        target_labels=(),
        missing=(),
        problem="",
        context=_context(unit.text, ref.start, ref.end),
    )
    if target is None or (ref.unit_ids and not target.has_text):
        what = f"{ref.act.name}" if target is None else f"{target.short}, som platformen kender uden tekst"
        return replace(base, problem=f"Henviser til {what}; det kontrolleres ikke her.")
    if not ref.unit_ids:
        return replace(base, status=ReferenceStatus.RESOLVES, problem=f"Henviser til {target.short}.")
    targets: list[Citation] = []
    labels: list[str] = []
    missing: list[str] = []
    for unit_id in ref.unit_ids:
        label = _label(unit_id, target.kind)
        if ref.sentence is not None:
            label = f"{label}, {ref.sentence}. pkt."
        found = _unit(corpus, target.id, unit_id)
        if found is None or (ref.sentence is not None and _sentence_count(found.text) < ref.sentence):
            missing.append(label)
        else:
            targets.append(found.citation)
            labels.append(label)
    resolved = replace(base, targets=tuple(targets), target_labels=tuple(labels), missing=tuple(missing))
    if missing:
        return replace(
            resolved,
            status=ReferenceStatus.DOES_NOT_RESOLVE,
            problem=f"{cap(unit.label)} henviser til {join_labels(missing)}, som ikke findes i {target.short}"
            f"{_what_exists(corpus, target, ref.unit_ids)}.",
        )
    if ref.missing_sign:
        return replace(
            resolved,
            status=ReferenceStatus.MALFORMED,
            intended=targets[0],
            intended_label=labels[0],
            problem=f"{cap(unit.label)} skriver »{ref.as_written}« uden §-tegn; henvisningen kan kun læses som "
            f"{join_labels(labels)}, som findes.",
        )
    return replace(
        resolved, status=ReferenceStatus.RESOLVES, problem=sentence(f"Henviser til {join_labels(labels)}")
    )


def _context(text: str, start: int, end: int, before: int = 60, after: int = 40) -> str:
    """The reference with the words around it, cut at word boundaries: "… i kapitel 4 beskrives, hvordan …"."""
    head = text[max(0, start - before) : start]
    tail = text[end : end + after]
    if start - before > 0:
        head = "… " + head.split(" ", 1)[-1]
    if end + after < len(text):
        tail = tail.rsplit(" ", 1)[0] + " …"
    return " ".join((head + text[start:end] + tail).split())


def _unit(corpus: LawCorpus, source_id: str, unit_id: str) -> LegalUnit | None:
    try:
        return corpus.resolve(Citation(source_id, unit_id))
    except CitationError:
        return None


def _sentence_count(text: str) -> int:
    return len([s for s in re.split(r"(?<=[.!?])\s+(?=[A-ZÆØÅ])", text) if s.strip()])


def _label(unit_id: str, kind: SourceKind) -> str:
    """How a unit id is cited, also for a unit that does not exist: sec_34 → "§ 34"."""
    parts = unit_id.split("__")
    number = parts[0].removeprefix("sec_")
    if kind is SourceKind.GUIDANCE:
        head = f"{'afsnit' if '.' in number else 'kapitel'} {number}"
        return head + "".join(f", delelement {p.removeprefix('elem_')}" for p in parts[1:])
    words = {"subsec": "stk.", "point": "nr."}
    return f"§ {number}" + "".join(f", {words[p.split('_')[0]]} {p.split('_')[1]}" for p in parts[1:])


def _what_exists(corpus: LawCorpus, source: LegalSource, unit_ids: Iterable[str]) -> str:
    """Name what is there instead: the parts of the nearest existing parent, or the act's first and last §."""
    for unit_id in unit_ids:
        parent_id = unit_id.rsplit("__", 1)[0] if "__" in unit_id else None
        parent = _unit(corpus, source.id, parent_id) if parent_id else None
        if parent is not None and _unit(corpus, source.id, unit_id) is None:
            kids = [c.label for c in corpus.children(parent)]
            return f"; {parent.label} har " + (", ".join(kids) if kids else "ingen underenheder")
    tops = [
        u for u in corpus.units(source.id) if u.id.startswith("sec_") and "__" not in u.id and "." not in u.id
    ]
    if tops:
        return f" (den går fra {tops[0].label} til {tops[-1].label})"
    return ""
