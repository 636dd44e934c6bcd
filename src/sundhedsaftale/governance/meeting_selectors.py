"""Reading meetings: a body's meetings, one meeting with everything on it, who may attend, and the findings
of the rules about meetings (computed from the region's case, never here)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet

from sundhedsaftale.accounts.permissions import AnyUser, can_view_agenda_drafts
from sundhedsaftale.core.case import MemberRole, RegionCase

from .body_selectors import body_cluster_id
from .models import AgendaItem, Body, Invitation, Meeting, MeetingDocument, Membership, Person

# Rules that count a body's meetings against a yearly minimum, or the meetings with the patient involvement
# committee (§§ 6, 13, 16, 27, § 30, stk. 2; vejledningens afsnit 2.2.8).
MEETING_RULES = frozenset(
    {
        "klynge.politisk.moeder",
        "klynge.faglig.moeder",
        "udvalg.moeder",
        "pi-udvalg.moeder",
        "udvalg.aarligt-moede-piu",
        "klynge.politisk.dialogmoeder",
    }
)
# Rules about who led the meetings (§§ 6, 17, 27).
CHAIRING_RULES = frozenset({"klynge.politisk.moedeledelse", "udvalg.moedeledelse", "pi-udvalg.moedeledelse"})
# Roles that take part in a meeting without a seat: they may attend, never chair (§ 10, stk. 2 og 3).
ASSISTING_ROLES = frozenset({MemberRole.ASSISTING_REPRESENTATIVE.value, MemberRole.EXPERT.value})


def body_meetings(body: Body) -> QuerySet[Meeting]:
    return (
        Meeting.objects.filter(body=body)
        .select_related("chaired_by")
        .prefetch_related("agenda_items")
        .order_by("date", "key")
    )


def meeting_get(pk: int) -> Meeting | None:
    return (
        Meeting.objects.filter(pk=pk)
        .select_related("body", "body__region", "body__cluster", "body__parent", "chaired_by")
        .prefetch_related("agenda_items", "attendances__person", "documents")
        .first()
    )


def runs_meeting(meeting: Meeting, user: AnyUser) -> bool:
    """Whether ``user`` is the body's secretariat (reads drafts, closed items and draft minutes)."""
    return can_view_agenda_drafts(user, meeting.body.region_id, body_cluster_id(meeting.body))


def agenda_seen_by(meeting: Meeting, user: AnyUser) -> list[AgendaItem] | None:
    """The agenda as ``user`` sees it: once it (or the minutes) is published, every item but the closed ones; to the body's
    secretariat every item, also while it is a draft; ``None`` for a draft the user may not see. Uses the
    prefetched items when there are any."""
    runs = runs_meeting(meeting, user)
    # Published minutes carry the items they decide, so publishing them shows the items too.
    if meeting.agenda_published_at is None and meeting.minutes_published_at is None and not runs:
        return None
    return [item for item in meeting.agenda_items.all() if runs or not item.closed]


def minutes_seen_by(meeting: Meeting, user: AnyUser) -> bool:
    """Whether ``user`` reads the minutes (the general minutes and each item's decision): the body's secretariat
    always, everyone else who may see the meeting once they are published."""
    return meeting.minutes_published_at is not None or runs_meeting(meeting, user)


def public_agenda(meeting: Meeting) -> list[AgendaItem]:
    """What the public (not logged in) may see of an agenda: a published agenda's items, without those for the
    authorities only (§ 2, stk. 3) and without closed items."""
    if meeting.agenda_published_at is None:
        return []
    return [item for item in meeting.agenda_items.all() if not item.authorities_only and not item.closed]


def public_minutes(meeting_pk: int) -> str | None:
    """The minutes as the public reads them once published (ADR 0038, ADR 0042): the general minutes and the
    decision of each item the public may see – never a closed item's, nor one for the authorities only
    (§ 2, stk. 3). ``None`` while they are not published."""
    meeting = Meeting.objects.filter(pk=meeting_pk, minutes_published_at__isnull=False).first()
    if meeting is None:
        return None
    parts = [meeting.minutes.strip()] if meeting.minutes.strip() else []
    for item in meeting.agenda_items.filter(closed=False, authorities_only=False).order_by("number"):
        if item.outcome.strip():
            parts.append(f"{item.number}. {item.title}: {item.outcome.strip()}")
    return "\n\n".join(parts) or None


def meeting_invitations(meeting: Meeting) -> list[Invitation]:
    return list(Invitation.objects.filter(meeting=meeting).select_related("person").order_by("person__name"))


def invitation_of(meeting: Meeting, user: AnyUser) -> Invitation | None:
    """The signed-in user's own invitation to ``meeting`` (through the person linked to the account)."""
    if not user.is_authenticated:
        return None
    return (
        Invitation.objects.filter(meeting=meeting, person__user_id=user.pk).select_related("person").first()
    )


def document_versions(meeting: Meeting) -> list[dict[str, object]]:
    """The meeting's documents by title, newest version first, each with its older versions."""
    by_title: dict[str, list[MeetingDocument]] = {}
    for d in (
        MeetingDocument.objects.filter(meeting=meeting)
        .select_related("agenda_item")
        .order_by("title", "-number")
    ):
        by_title.setdefault(d.title, []).append(d)
    return [
        {"title": title, "current": versions[0], "older": versions[1:]}
        for title, versions in sorted(by_title.items(), key=lambda pair: pair[1][0].uploaded_at)
    ]


def case_seen_by(case: RegionCase, user: AnyUser) -> RegionCase:
    """The region's case without what ``user`` may not see (for exports and the API): the agendas not yet
    published, closed items and minutes not yet published, of the bodies the user does not run. Everything else
    in the case is the region's public administration."""
    code = case.region.code
    drafts = set(
        Meeting.objects.filter(body__region_id=code, agenda_published_at__isnull=True).values_list(
            "body__key", "key"
        )
    )
    unpublished = set(
        Meeting.objects.filter(body__region_id=code, minutes_published_at__isnull=True).values_list(
            "body__key", "key"
        )
    )
    closed: dict[tuple[str, str], set[int]] = {}
    for body_key, key, number in AgendaItem.objects.filter(
        meeting__body__region_id=code, closed=True
    ).values_list("meeting__body__key", "meeting__key", "number"):
        closed.setdefault((body_key, key), set()).add(number)
    parents = {b.id: b.parent_body_id for b in case.bodies}
    clusters = {b.id: b.cluster_id for b in case.bodies}

    def cluster_of(body_id: str) -> str | None:
        return clusters.get(body_id) or clusters.get(parents.get(body_id) or "")

    def runs(body_id: str) -> bool:
        return can_view_agenda_drafts(user, code, cluster_of(body_id))

    hidden = {(body_id, key) for body_id, key in drafts if not runs(body_id)}
    no_minutes = {(body_id, key) for body_id, key in unpublished if not runs(body_id)}
    no_closed = {pair: numbers for pair, numbers in closed.items() if not runs(pair[0])}
    if not hidden and not no_minutes and not no_closed:
        return case

    def seen(m: Any) -> Any:
        pair = (m.body_id, m.id)
        if pair in hidden:
            agenda: tuple[Any, ...] = ()
        else:
            agenda = tuple(a for a in m.agenda if a.number not in no_closed.get(pair, set()))
        update: dict[str, Any] = {"agenda": agenda}
        if pair in no_minutes:
            update["minutes"] = ""
            update["agenda"] = tuple(a.model_copy(update={"outcome": ""}) for a in agenda)
        return m.model_copy(update=update)

    meetings = tuple(seen(m) for m in case.meetings)
    return case.model_copy(update={"meetings": meetings})


def meeting_document_get(meeting: Meeting, pk: int) -> MeetingDocument | None:
    return MeetingDocument.objects.filter(meeting=meeting, pk=pk).first()


def body_has_members_in(body: Body, year: int) -> bool:
    """Whether the body existed in ``year``: someone held a seat on it at some time that year."""
    first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
    return (
        Membership.objects.filter(body=body, start__lte=last)
        .filter(Q(end__isnull=True) | Q(end__gte=first))
        .exists()
    )


def body_member_years(body: Body) -> tuple[int, int | None] | None:
    """First and last year the body had members (``None`` as last: still has), or ``None`` without members."""
    rows = list(Membership.objects.filter(body=body).values_list("start", "end"))
    if not rows:
        return None
    first = min(start for start, _ in rows).year
    ends = [end for _, end in rows]
    last = None if any(end is None for end in ends) else max(end for end in ends if end is not None).year
    return first, last


@dataclass(frozen=True)
class Participant:
    """A person who may be recorded at a meeting, and in what capacity."""

    person: Person
    roles: tuple[str, ...]
    member: bool  # holds a seat (may chair); False for assisting representatives and experts
    chair: bool
    vice_chair: bool
    substitute: bool


def meeting_participants(meeting: Meeting) -> list[Participant]:
    """Members of the body on the meeting's date (substitutes included), and the body's assisting
    representatives and experts (§ 10, stk. 2 og 3), one entry per person, chairs first."""
    day = meeting.date
    rows = Membership.objects.filter(body_id=meeting.body_id).select_related("person")
    by_person: dict[int, list[Membership]] = {}
    for m in rows:
        active = m.start <= day and (m.end is None or day <= m.end)
        if active or m.role in ASSISTING_ROLES:
            by_person.setdefault(m.person_id, []).append(m)
    result = []
    for memberships in by_person.values():
        seats = [
            m
            for m in memberships
            if m.role not in ASSISTING_ROLES and m.start <= day and (m.end is None or day <= m.end)
        ]
        result.append(
            Participant(
                person=memberships[0].person,
                roles=tuple(dict.fromkeys(m.role for m in memberships)),
                member=bool(seats),
                chair=any(m.chair for m in seats),
                vice_chair=any(m.vice_chair for m in seats),
                substitute=bool(seats) and all(m.substitute for m in seats),
            )
        )
    result.sort(key=lambda p: (not p.chair, not p.vice_chair, not p.member, p.substitute, p.person.name))
    return result


def findings_for_body(
    findings: Iterable[dict[str, Any]], body_key: str, rule_ids: Iterable[str]
) -> list[dict[str, Any]]:
    """The findings of ``rule_ids`` about one body, in the rulebook's order, among a region's stored findings
    (``finding_as_dict``'s shape, ``stored_findings.region_findings_plain``)."""
    wanted = set(rule_ids)
    return [f for f in findings if f["subject_id"] == body_key and f["rule_id"] in wanted]
