"""Small helpers shared by the rule modules: counting members and writing Danish explanations."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable

from ..calendar import year_progress
from ..case import Body, CasePart, Meeting, MeetingStatus, MemberRole, Membership, RegionCase
from ._engine import RuleContext
from ._index import CaseIndex
from ._types import Fact, Outcome, Status

MemberFilter = Callable[[Membership], bool]


def not_recorded(*parts: CasePart) -> Outcome:
    """The finding when the case file leaves out what the rule reads: no conclusion."""
    named = " og ".join(p.label for p in parts)
    return Outcome(
        Status.NOT_RECORDED,
        f"Sagen beskriver ikke {named}; der kan ikke siges noget om det ud fra sagen.",
        (Fact("ikke registreret", [p.label for p in parts]),),
    )


def members(ctx: RuleContext, predicate: MemberFilter | None = None) -> list[Membership]:
    """Ordinary (not substitute) members of the rule's subject on the evaluation date matching ``predicate``."""
    return [m for m in ctx.index.members_on(ctx.subject, ctx.at) if predicate is None or predicate(m)]


def has_role(*roles: MemberRole) -> MemberFilter:
    return lambda m: m.role in roles


def names(memberships: Iterable[Membership]) -> str:
    listed = [m.name for m in memberships]
    return ", ".join(listed) if listed else "ingen"


def count_phrase(n: int, singular: str, plural: str) -> str:
    return f"{n} {singular if n == 1 else plural}"


def exact_count(
    *, found: list[Membership], required: int, singular: str, plural: str, requirement: str
) -> Outcome:
    """Met when exactly ``required`` members of a kind sit on the body (the law's "består af")."""
    facts = (Fact(f"antal {plural}", len(found)), Fact("krævet antal", required), Fact(plural, names(found)))
    if len(found) == required:
        return Outcome(
            Status.MET,
            f"{requirement}: {count_phrase(len(found), singular, plural)} ({names(found)}).",
            facts,
        )
    direction = "mangler" if len(found) < required else "er for mange"
    return Outcome(
        Status.NOT_MET,
        f"{requirement}: der er {count_phrase(len(found), singular, plural)}, men der skal være {required} "
        f"({abs(required - len(found))} {direction}). Registreret: {names(found)}.",
        facts,
    )


def municipality_list(case: RegionCase, codes: Iterable[str]) -> str:
    listed = sorted(case.municipality_name(c) for c in codes)
    return ", ".join(listed) if listed else "ingen"


_NONE_COUNTED = (0, 0)


def meeting_frequency(
    *,
    index: CaseIndex,
    body: Body,
    at: dt.date,
    minimum: int,
    rule_start: dt.date,
    body_label: str,
    only: Callable[[Meeting], bool] | None = None,
    noun: tuple[str, str] = ("møde", "møder"),
) -> list[Outcome]:
    """Meetings held per calendar year against a minimum: the last finished year, and the current one.

    A year in progress is never a failure: it shows how many meetings are still needed and how many are planned.
    A year is only judged if the rule was in force from its first day (no partial first years).
    """
    if not index.case.records(CasePart.MEETINGS):
        return [not_recorded(CasePart.MEETINGS)]
    outcomes: list[Outcome] = []
    one, many = noun
    counts = index.meeting_counts_on(at) if only is None else {}
    for year in (at.year - 1, at.year):
        if dt.date(year, 1, 1) < rule_start:
            continue
        progress = year_progress(year, at)
        first, last = progress.start, progress.end
        for m in body.memberships:  # a loop, not any() over a generator: this runs for every body and year
            if m.start <= last and (m.end is None or m.end >= first):
                break
        else:
            continue  # the body had no members that year
        if only is None:
            n_held, n_planned = counts.get((body.id, year), _NONE_COUNTED)
        else:
            meetings = [m for m in index.meetings_in_year(body.id, year) if only(m)]
            n_held = sum(1 for m in meetings if m.status is MeetingStatus.HELD and m.date <= at)
            n_planned = sum(1 for m in meetings if m.status is MeetingStatus.PLANNED and m.date >= at)
        facts = (
            Fact("år", year),
            Fact("afholdte møder", n_held),
            Fact("planlagte møder", n_planned),
            Fact("mindst", minimum),
        )
        held_text = count_phrase(n_held, one, many)
        if n_held >= minimum:
            outcomes.append(
                Outcome(
                    Status.MET, f"{body_label} holdt {held_text} i {year}; mindst {minimum} kræves.", facts
                )
            )
        elif progress.finished:
            outcomes.append(
                Outcome(
                    Status.NOT_MET,
                    f"{body_label} holdt kun {held_text} i {year}; mindst {minimum} kræves.",
                    facts,
                )
            )
        else:
            missing = minimum - n_held
            plan = (
                f"{count_phrase(n_planned, one, many)} er planlagt"
                if n_planned
                else "der er ingen planlagte møder"
            )
            verdict = "" if n_planned >= missing else " Planlæg flere møder."
            outcomes.append(
                Outcome(
                    Status.NOT_YET_DUE,
                    f"{year} er ikke slut: {body_label} har holdt {held_text} og mangler "
                    f"{count_phrase(missing, one, many)} for at nå mindst {minimum}; {plan}.{verdict}",
                    facts,
                )
            )
    return outcomes
