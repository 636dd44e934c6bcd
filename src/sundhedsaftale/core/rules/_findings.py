"""How the engine writes a finding: what a rule's findings on a date share (``_FindingMaker``), the notes on guidance
not yet in force that a rule cites, and the note on a recorded local decision applied instead of the law's default.

Kept apart from the engine (``_engine``), which decides what to evaluate and when; this module decides what a
finding says besides the rule's own outcome.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from ..calendar import MonthDay
from ..law import Citation, EndEffect, LawCorpus, LegalSource
from ..periods import danish_date, danish_day_of_year
from ._explanations import Message, say
from ._types import AppliedValue, Finding, Outcome, SubjectRef

if TYPE_CHECKING:
    from ._engine import Rule, Rulebook


class _FindingMaker:
    """Makes the findings of one rule on one date: what they share (the rule's title, kind and provisions, the notes
    on guidance not yet in force, the legal change that may end it) is worked out once, not per finding."""

    __slots__ = ("at", "explanations", "legal_change", "legal_change_state", "note_messages", "notes", "rule")

    def __init__(
        self,
        current: Rule,
        at: dt.date,
        not_yet_in_force: list[str],
        end: EndEffect | None,
        rulebook: Rulebook,
    ) -> None:
        self.rule = current
        self.at = at
        self.notes = [note for note in not_yet_in_force if note]
        # The same notes as messages, for a rule that writes its explanation in both languages (ADR 0051).
        self.note_messages = (
            tuple(not_yet_in_force_messages(current, rulebook.corpus, at)) if not_yet_in_force else ()
        )
        self.explanations = rulebook.explanations
        self.legal_change = end.label() if end is not None else ""
        self.legal_change_state = end.state.value if end is not None else ""

    def finding(self, subject: SubjectRef, outcome: Outcome, applied: list[AppliedValue]) -> Finding:
        said = outcome.explanation
        messages: tuple[Message, ...] = ()
        if isinstance(said, Message):  # written in both languages (ADR 0051): the notes as messages too
            messages = (said,)
            for a in applied:  # most findings apply no decision and have no notes: the one message
                if a.decision is not None:
                    messages = (said, *[_applied_message(d) for d in applied if d.decision is not None])
                    break
            if self.note_messages:
                messages = (*messages, *self.note_messages)
            if (
                len(messages) == 1
            ):  # most findings: the rule's message alone, its compiled template called here
                # (Looked up at each call, not kept: the maker is kept with the rulebook, which may be pickled.)
                write = self.explanations.writers("da").get(said.key)
                explanation = (
                    write(said.params) if write is not None else self.explanations.render(said, "da")
                ).strip()
            else:
                explanation = self.explanations.render_all(messages, "da")
        else:
            explanation = said.strip()
            notes: list[str] = []
            # A loop, not a comprehension: this runs for every finding, and most apply no decision.
            for a in applied:
                if a.decision is not None and (note := _applied_note(a)):
                    notes.append(note)
            if self.notes:
                notes += self.notes
            if notes:
                explanation = " ".join([explanation, *notes])
        current = self.rule
        # By position, in the order of Finding's fields: this runs for every finding.
        return Finding(
            current.id,
            current.title,
            current.kind,
            outcome.status,
            subject,
            explanation,
            outcome.facts,
            current.provisions,
            tuple(applied),
            self.at,
            current.approval_criterion,
            outcome.advice.strip() if outcome.advice else "",
            self.legal_change,
            self.legal_change_state,
            messages,
        )


def _guidance_not_yet_in_force(
    current: Rule, corpus: LawCorpus, at: dt.date
) -> Iterator[tuple[LegalSource, str, LegalSource | None, list[str]]]:
    """Each source the rule cites that is not yet in force on ``at``: the source, the labels of its cited units,
    the guidance it replaced that applied then (if any), and the statements that a cited section was the same
    before (empty when it is cited only to explain the order's duty)."""
    by_source: dict[str, list[Citation]] = {}
    for citation in current.citations:
        by_source.setdefault(citation.source_id, []).append(citation)
    for source_id, cited in by_source.items():
        source = corpus.source(source_id)
        if source.in_force(at) or source.validity is None or at > source.validity.start:
            continue
        labels = ", ".join(dict.fromkeys(corpus.label(c) for c in cited))
        earlier = next(
            (p for p in corpus.sources.values() if p.replaced_by == source_id and p.in_force(at)), None
        )
        same = list(dict.fromkeys(s for c in cited if (s := _unchanged_from_predecessor(corpus, c))))
        yield source, labels, earlier, same


def _not_yet_in_force_notes(current: Rule, corpus: LawCorpus, at: dt.date) -> list[str]:
    """For a cited guidance not yet in force on ``at``: which guidance applied then, and why the rule still
    applies (the section was the same before, or it is cited only to explain the order's duty)."""
    notes = []
    for source, labels, earlier, same in _guidance_not_yet_in_force(current, corpus, at):
        assert source.validity is not None  # a source not yet in force has a start
        then = f"; på datoen gjaldt {earlier.short}" if earlier else ""
        note = f"{source.short} ({labels}) gælder fra {danish_date(source.validity.start)}{then}."
        if same:
            note += " " + " ".join(same)
        else:
            note += " Den er nævnt som forklaring; pligten følger af bekendtgørelsen."
        notes.append(note)
    return notes


def not_yet_in_force_messages(current: Rule, corpus: LawCorpus, at: dt.date) -> list[Message]:
    """:func:`_not_yet_in_force_notes` as messages, for a rule that writes its explanation in both languages."""
    messages = []
    for source, labels, earlier, same in _guidance_not_yet_in_force(current, corpus, at):
        assert source.validity is not None  # a source not yet in force has a start
        why = say("shared.notes/same-as-before", statements=same) if same else say("shared.notes/cited-only")
        facts = {"source": source.short, "labels": labels, "start": source.validity.start, "why": why}
        if earlier:
            messages.append(say("shared.notes/not-yet-in-force-earlier", earlier=earlier.short, **facts))
        else:
            messages.append(say("shared.notes/not-yet-in-force", **facts))
    return messages


def _applied_message(applied: AppliedValue) -> Message:
    d = applied.decision
    assert d is not None
    return say(
        "shared.notes/local-decision",
        citation=applied.citation_label,
        parameter=applied.parameter,
        value=applied.value,
        default=applied.default,
        decided_by=d.decided_by,
        decided_on=d.decided_on,
        reference=d.reference,
    )


def _applied_note(applied: AppliedValue) -> str:
    if applied.decision is None:
        return ""
    d = applied.decision
    return (
        f"Lokal beslutning anvendt i stedet for standarden ({applied.citation_label}): "
        f"{applied.label}: {_show(applied.value)} i stedet for {_show(applied.default)} "
        f"(besluttet af {d.decided_by} {danish_date(d.decided_on)}, ref. {d.reference})."
    )


def _show(value: Any) -> str:
    if isinstance(value, bool):
        return "ja" if value else "nej"
    if isinstance(value, dt.date):
        return danish_date(value)
    if isinstance(value, MonthDay):
        return f"{danish_day_of_year(value.month, value.day)} i valgperiodens {value.year_of_period}. år"
    return str(value)


def _unchanged_from_predecessor(corpus: LawCorpus, citation: Citation) -> str:
    """The recorded statement (with source and marker) that the cited unit was the same in the predecessor."""
    for group in corpus.source(citation.source_id).unchanged:
        written = {corpus.cite(f"{citation.source_id} {u}").unit_id for u in group.units}
        if citation.unit_id in written:
            return f"{group.statement} (kilde: {group.source} {group.marker})"
    return ""
