"""Where reminders come from. Each source reads the records on a date and yields candidates; whether a candidate
reaches a user is decided by ``actions.reminders_send`` (region, permission, preference, sent-log).

Nothing here writes or remembers: a reminder is computed from the records every run, and its key says what it
is about (the obligation and its deadline, the meeting and its date), so a moved deadline or meeting is a new
reminder and an unchanged one is never sent twice (ADR 0034).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from django.urls import reverse

from sundhedsaftale.accounts.models import Role, User
from sundhedsaftale.accounts.permissions import can_run_body
from sundhedsaftale.core.case import MeetingStatus, RegionCase
from sundhedsaftale.core.errors import CaseError
from sundhedsaftale.core.obligations import Obligation, ObligationStatus, obligations
from sundhedsaftale.governance.models import Invitation, Meeting
from sundhedsaftale.lawbook.selectors import verified_changes
from sundhedsaftale.registry.clock import region_ended
from sundhedsaftale.registry.selectors import case_region_codes
from sundhedsaftale.web.cases import case_snapshot
from sundhedsaftale.web.platform import platform

from .models import ReminderKind

__all__ = [
    "MEETING_HORIZON_DAYS",
    "PASSED_WINDOW_DAYS",
    "Candidate",
    "Source",
    "candidates",
    "register_source",
    "registered_candidates",
]

# A deadline passed more than this many days ago is not announced any more (the obligations page lists it).
PASSED_WINDOW_DAYS = 30
# A planned meeting is announced when it comes this close (or at once, when it is recorded nearer).
MEETING_HORIZON_DAYS = 60


@dataclass(frozen=True)
class Candidate:
    """One reminder that is due, before it is matched with its readers."""

    kind: ReminderKind
    key: str  # unique across the platform for what the reminder is about
    region_code: str
    title: str
    subject: str
    when: dt.date
    path: str  # the page where the reader acts, without the base URL
    may_receive: Callable[[User], bool] = field(compare=False)
    citation: str = ""
    detail: str = ""
    warn_from: dt.date | None = None  # where the deadline's warning window begins (the calendar's alarm)
    # Users told whatever kinds they chose: the invitees of a cancelled meeting (the notice of the cancellation).
    told_anyway: frozenset[int] = field(default=frozenset(), compare=False)
    # For Sundhedsstyrelsen's reviewers, who belong to no region (a status report sent to them, kapitel 6).
    for_reviewers: bool = False


Source = Callable[[dt.date], Iterable[Candidate]]


def _deadline_reader(
    obligation_id: str, by_cluster: Callable[[str], frozenset[str]]
) -> Callable[[User], bool]:
    def may_receive(user: User) -> bool:
        # A cluster secretariat answers for its cluster's duties, not the whole region's.
        if user.role == Role.CLUSTER_SECRETARIAT:
            return obligation_id in by_cluster(user.cluster_id)
        return True

    return may_receive


def deadline_candidates(today: dt.date, region_code: str | None = None) -> Iterator[Candidate]:
    """Deadlines inside their warning window and deadlines passed in the last ``PASSED_WINDOW_DAYS``, from the
    obligations calendar with the verified legal changes applied: a duty that is done, ended by a legal change
    (``ended``) or not recorded is never announced, and no region that has ended gets reminders after its end.
    ``region_code``: that region's only (the page "Mit arbejde" reads one region)."""
    verified = verified_changes()
    codes = case_region_codes()
    for code in codes if region_code is None else [c for c in codes if c == region_code]:
        if region_ended(code, today):
            continue
        case = case_snapshot(code)
        items = obligations(platform(), case, today, verified=verified)
        by_cluster = _ClusterDuties(case, today, verified)
        path = reverse("agreements:region_obligations", kwargs={"code": code})
        for o in items:
            kind = _deadline_kind(o, today)
            if kind is None:
                continue
            assert o.due is not None
            yield Candidate(
                kind=kind,
                key=f"{kind.value}:{o.id}:{o.due.isoformat()}",
                region_code=code,
                title=o.title,
                subject=o.subject_name,
                when=o.due,
                path=path,
                may_receive=_deadline_reader(o.id, by_cluster),
                citation=o.citation,
                detail=o.responsible,
                warn_from=o.warn_from,
            )


class _ClusterDuties:
    """The ids of a cluster's own obligations (the calendar narrowed to the cluster), computed once per cluster."""

    def __init__(self, case: RegionCase, today: dt.date, verified: frozenset[str]) -> None:
        self._case, self._today, self._verified = case, today, verified
        self._ids: dict[str, frozenset[str]] = {}

    def __call__(self, cluster_id: str) -> frozenset[str]:
        if cluster_id not in self._ids:
            try:
                narrowed = obligations(
                    platform(), self._case, self._today, verified=self._verified, cluster_id=cluster_id
                )
            except CaseError:  # a cluster the case does not know: none of its duties
                narrowed = []
            self._ids[cluster_id] = frozenset(o.id for o in narrowed)
        return self._ids[cluster_id]


def _deadline_kind(o: Obligation, today: dt.date) -> ReminderKind | None:
    if o.due is None:
        return None
    if o.status is ObligationStatus.DUE and o.warning(today):
        return ReminderKind.DEADLINE_APPROACHING
    if o.status is ObligationStatus.OVERDUE and (today - o.due).days <= PASSED_WINDOW_DAYS:
        return ReminderKind.DEADLINE_PASSED
    return None


def _meeting_reader(
    region_code: str, cluster_id: str | None, invitees: frozenset[int] = frozenset()
) -> Callable[[User], bool]:
    def may_receive(user: User) -> bool:
        # The body's secretariat; members of the region who chose meetings; the meeting's invitees with an
        # account. Agendas are not in the message, so nothing a member may not read (a draft agenda, ADR 0023)
        # is sent.
        return user.role == Role.MEMBER or user.pk in invitees or can_run_body(user, region_code, cluster_id)

    return may_receive


def meeting_candidates(today: dt.date, region_code: str | None = None) -> Iterator[Candidate]:
    """Planned meetings from today to ``MEETING_HORIZON_DAYS`` ahead, and cancelled meetings that were to be held
    in that time. A meeting moved to another date is announced again; one cancelled, once. ``region_code``: that
    region's bodies' meetings only."""
    horizon = today + dt.timedelta(days=MEETING_HORIZON_DAYS)
    rows = Meeting.objects.filter(
        date__gte=today,
        date__lte=horizon,
        status__in=[MeetingStatus.PLANNED.value, MeetingStatus.CANCELLED.value],
    )
    if region_code is not None:
        rows = rows.filter(body__region_id=region_code)
    rows = rows.select_related("body").order_by("date", "pk")
    for meeting in rows:
        code = meeting.body.region_id
        if region_ended(code, today):
            continue
        planned = meeting.status == MeetingStatus.PLANNED.value
        kind = ReminderKind.MEETING_PLANNED if planned else ReminderKind.MEETING_CANCELLED
        key = (
            f"{kind.value}:{meeting.pk}:{meeting.date.isoformat()}"
            if planned
            else f"{kind.value}:{meeting.pk}"
        )
        invitees = frozenset(
            Invitation.objects.filter(meeting=meeting, person__user__isnull=False).values_list(
                "person__user_id", flat=True
            )
        )
        yield Candidate(
            kind=kind,
            key=key,
            region_code=code,
            title=meeting.title or meeting.body.name,
            subject=meeting.body.name,
            when=meeting.date,
            path=reverse("governance:meeting_detail", kwargs={"pk": meeting.pk}),
            may_receive=_meeting_reader(code, meeting.body.cluster_id, invitees),
            detail=meeting.location if planned or not meeting.cancel_reason else meeting.cancel_reason,
            told_anyway=frozenset() if planned else invitees,
        )


# Hearings (issue 14, item 3) register their source here when they exist: a hearing sent and an answer due are
# candidates of kind HEARING, with the hearing's page as ``path``.
_BUILT_IN: tuple[Source, ...] = (deadline_candidates, meeting_candidates)
_SOURCES: list[Source] = list(_BUILT_IN)


def register_source(source: Source) -> None:
    """Add a source of reminders (e.g. hearings); each run asks every registered source."""
    if source not in _SOURCES:
        _SOURCES.append(source)


def candidates(today: dt.date) -> list[Candidate]:
    return [c for source in list(_SOURCES) for c in source(today)]


def registered_candidates(today: dt.date, region_code: str) -> list[Candidate]:
    """The candidates of the registered sources (hearings, …) for one region: "Mit arbejde" reads them beside the
    built-in deadlines and meetings."""
    return [
        c
        for source in list(_SOURCES)
        if source not in _BUILT_IN
        for c in source(today)
        if c.region_code == region_code
    ]
