"""Small helpers shared by the rule modules: counting members and writing Danish explanations."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable

from ..calendar import year_progress
from ..case import Body, CasePart, MemberRole, Membership, RegionCase
from ._engine import RuleContext
from ._explanations import Message, say, say_once
from ._index import CaseIndex
from ._types import Fact, Outcome, Status

MemberFilter = Callable[[Membership], bool]


def not_recorded(*parts: CasePart) -> Outcome:
    """The finding when the case file leaves out what the rule reads: no conclusion."""
    return Outcome(
        Status.NOT_RECORDED,
        say("shared.parts/not-recorded", parts=[say(f"shared.parts/{p.value}") for p in parts]),
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


def named(memberships: Iterable[Membership]) -> list[str]:
    """The members' names, for an explanation's ``{…:list}`` (which writes "ingen" / "none" for no one)."""
    return [m.name for m in memberships]


def party(case: RegionCase, code: str) -> Message:
    """The council behind a party code in an explanation (``RegionCase.party_name``, in either language)."""
    if code == case.region.code:
        return say("shared.parties/region", name=case.region.name)
    return say("shared.parties/municipality", name=case.municipality_title(code))


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
    subject: Body,
    at: dt.date,
    minimum: int,
    rule_start: dt.date,
    body: str,
) -> list[Outcome]:
    """Meetings held per calendar year against a minimum: the last finished year, and the current one.

    A year in progress is never a failure: it shows how many meetings are still needed and how many are planned.
    A year is only judged if the rule was in force from its first day (no partial first years). ``body`` names the
    body in the explanation: a key of ``shared.bodies`` in explanations.yaml.
    """
    if not index.case.records(CasePart.MEETINGS):
        return [not_recorded(CasePart.MEETINGS)]
    outcomes: list[Outcome] = []
    label = say_once(f"shared.bodies/{body}")
    counts = index.meeting_counts_on(at)
    for year in (at.year - 1, at.year):
        progress = year_progress(year, at)
        first, last = progress.start, progress.end
        if first < rule_start:
            continue
        for m in subject.memberships:  # a loop, not any() over a generator: this runs for every body and year
            if m.start <= last and (m.end is None or m.end >= first):
                break
        else:
            continue  # the body had no members that year
        n_held, n_planned = counts.get((subject.id, year), _NONE_COUNTED)
        facts = (
            Fact("år", year),
            Fact("afholdte møder", n_held),
            Fact("planlagte møder", n_planned),
            Fact("mindst", minimum),
        )
        said = {"body": label, "held": n_held, "year": year, "minimum": minimum}
        if n_held >= minimum:  # the message made from the one dictionary of facts
            outcomes.append(Outcome(Status.MET, Message("shared.meetings/met", said), facts))
        elif progress.finished:
            outcomes.append(Outcome(Status.NOT_MET, Message("shared.meetings/not-met", said), facts))
        else:
            missing = minimum - n_held
            plan = (
                say("shared.meetings/planned", planned=n_planned)
                if n_planned
                else say("shared.meetings/none-planned")
            )
            verdict = say(
                "shared.meetings/enough-planned" if n_planned >= missing else "shared.meetings/plan-more"
            )
            outcomes.append(
                Outcome(
                    Status.NOT_YET_DUE,
                    say("shared.meetings/not-yet-due", missing=missing, plan=plan, verdict=verdict, **said),
                    facts,
                )
            )
    return outcomes
