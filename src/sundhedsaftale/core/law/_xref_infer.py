"""The likely intended unit, inferred from the texts: a reference that does not come back, or shared wording."""

from __future__ import annotations

import re
from dataclasses import replace
from difflib import SequenceMatcher

from ._corpus import LawCorpus
from ._model import Citation, LegalUnit
from ._xref_model import CrossReference, ReferenceStatus, cap, within

__all__ = ["infer_intended"]

# Fewer shared words than this is ordinary legal vocabulary, not the same provision.
_MIN_SHARED_WORDS = 6


def _top(unit_id: str) -> str:
    return unit_id.split("__", 1)[0].split(".", 1)[0]


def infer_intended(corpus: LawCorpus, refs: list[CrossReference]) -> list[CrossReference]:
    """Mark likely wrong units and suggest the intended unit of references that do not resolve.

    A reference A → B is likely wrong when nothing in B refers back to A, but a unit beside B in the same § refers
    exactly to A: the two provisions belong together, and the reference names B's neighbour by mistake.
    """
    cites: dict[tuple[str, str], set[str]] = {}
    for r in refs:
        for t in r.targets:
            if t.source_id == r.unit.source_id:
                cites.setdefault((r.unit.source_id, r.unit.unit_id), set()).add(t.unit_id)
    out: list[CrossReference] = []
    for r in refs:
        if r.status is not ReferenceStatus.RESOLVES or len(r.targets) != 1:
            out.append(r)
            continue
        a, b = r.unit.unit_id, r.targets[0].unit_id
        src = r.unit.source_id
        if r.targets[0].source_id != src or _top(a) == _top(b):
            out.append(r)
            continue
        returned = any(
            within(a, t) or within(t, a)
            for (s, u), ts in cites.items()
            if s == src and within(u, b)
            for t in ts
        )
        neighbours = sorted(
            u
            for (s, u), ts in cites.items()
            if s == src and _top(u) == _top(b) and not within(u, b) and not within(b, u) and a in ts
        )
        if returned or not neighbours:
            out.append(r)
            continue
        neighbour = corpus.resolve(Citation(src, neighbours[0]))
        out.append(
            replace(
                r,
                status=ReferenceStatus.WRONG_UNIT,
                intended=neighbour.citation,
                intended_label=neighbour.label,
                problem=f"{cap(r.unit_label)} henviser til {r.target_labels[0]}, som findes, men sandsynligvis "
                "ikke er den bestemmelse, teksten mener.",
                reason=f"{r.target_labels[0]} henviser ikke tilbage, mens {neighbour.label} i samme paragraf "
                f"henviser netop til {r.unit_label}.",
            )
        )
    return [_suggest_intended(corpus, r) for r in out]


def _suggest_intended(corpus: LawCorpus, ref: CrossReference) -> CrossReference:
    """For a reference that does not resolve: the unit that shares the longest run of words with the text."""
    if ref.status is not ReferenceStatus.DOES_NOT_RESOLVE or ref.target_source is None:
        return ref
    own = corpus.resolve(ref.unit)
    words = _words(own.text)
    best: tuple[int, LegalUnit | None, str] = (0, None, "")
    for candidate in corpus.units(ref.target_source):
        if candidate.citation == ref.unit or not candidate.text:
            continue
        if within(candidate.id, own.id) or within(own.id, candidate.id):
            continue
        other = _words(candidate.text)
        match = SequenceMatcher(None, words, other, autojunk=False).find_longest_match(
            0, len(words), 0, len(other)
        )
        if match.size > best[0]:
            best = (match.size, candidate, " ".join(words[match.a : match.a + match.size]))
    size, unit, phrase = best
    if unit is None or size < _MIN_SHARED_WORDS:
        return ref
    return replace(
        ref,
        intended=unit.citation,
        intended_label=unit.label,
        reason=f"Den har samme ordlyd: »{phrase}«.",
    )


def _words(text: str) -> list[str]:
    return re.findall(r"[\wæøå]+", text.lower())
