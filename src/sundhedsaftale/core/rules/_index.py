"""The case indexed once per evaluation, so that every rule looks its facts up instead of rescanning the case.

A region's case is a set of tuples: bodies, their memberships, meetings. Rules ask the same questions of it many
times over — the meetings of a body, a body's members on a date, the bodies of a cluster — and answering each by
scanning the whole case makes an evaluation grow with bodies × meetings. :class:`CaseIndex` answers them from
dictionaries built on first use (each from one pass over the case) and remembers members on a date per body.

The index is built by :meth:`Rulebook.evaluate` for one case and shared by every rule of that evaluation; it holds
no clock and no state beyond the case it was built from (a case is immutable), so an answer is always the one the
case itself gives. See docs/adr/0031-case-index-per-evaluation.md.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Collection, Hashable
from typing import Any

from ..case import (
    NON_SEAT_ROLES,
    Body,
    BodyKind,
    ClusterInfo,
    Decision,
    Meeting,
    MeetingStatus,
    Membership,
    RegionCase,
)
from ._types import SubjectKind, SubjectRef

__all__ = ["CaseIndex"]


class CaseIndex:
    """Lookups over one :class:`RegionCase`, each built lazily in one pass and kept for the evaluation."""

    def __init__(self, case: RegionCase) -> None:
        self.case = case
        self._meetings: dict[str, tuple[Meeting, ...]] | None = None
        self._meetings_by_year: dict[tuple[str, int], tuple[Meeting, ...]] | None = None
        self._bodies_by_kind: dict[BodyKind, list[Body]] | None = None
        self._bodies_by_id: dict[str, Body] | None = None
        self._bodies_by_cluster: dict[str, list[Body]] | None = None
        self._children: dict[str, list[Body]] | None = None
        self._order: dict[int, int] | None = None
        self._clusters: dict[str, ClusterInfo] | None = None
        self._municipality_names: dict[str, str] | None = None
        self._decisions: dict[str, tuple[Decision, ...]] | None = None
        # Members on a date, keyed by the body object's identity (the case keeps every body alive) so that two
        # bodies recorded with the same id never share an answer.
        self._members: dict[tuple[int, dt.date, bool, bool], tuple[Membership, ...]] = {}
        # Answers a rule context derives from the case and the rulebook (a parameter as it applies to a subject on a
        # date, the election period of a date); each key names everything its answer depends on.
        self.memo: dict[Hashable, Any] = {}

    # --- Meetings ------------------------------------------------------------------------------------------------

    def meetings_of(self, body_id: str) -> tuple[Meeting, ...]:
        """The body's meetings in the order the case records them (as :meth:`RegionCase.meetings_of`)."""
        if self._meetings is None:
            grouped: dict[str, list[Meeting]] = defaultdict(list)
            for meeting in self.case.meetings:
                grouped[meeting.body_id].append(meeting)
            self._meetings = {body_id: tuple(listed) for body_id, listed in grouped.items()}
        return self._meetings.get(body_id, ())

    def meetings_in_year(self, body_id: str, year: int) -> tuple[Meeting, ...]:
        """The body's meetings dated in the calendar year ``year``, in recorded order."""
        if self._meetings_by_year is None:
            grouped: dict[tuple[str, int], list[Meeting]] = defaultdict(list)
            for meeting in self.case.meetings:
                grouped[meeting.body_id, meeting.date.year].append(meeting)
            self._meetings_by_year = {key: tuple(listed) for key, listed in grouped.items()}
        return self._meetings_by_year.get((body_id, year), ())

    def meeting_counts(self, body_id: str, year: int, at: dt.date) -> tuple[int, int]:
        """How many of the body's meetings in ``year`` were held by ``at``, and how many are planned from ``at``
        on: counted for every body and year in one pass over the meetings."""
        return self.meeting_counts_on(at).get((body_id, year), (0, 0))

    def meeting_counts_on(self, at: dt.date) -> dict[tuple[str, int], tuple[int, int]]:
        """:meth:`meeting_counts` for every body and year that has a meeting held by ``at`` or planned from it,
        keyed by body id and year: one pass over the meetings, once per evaluation date."""
        memo_key = ("meeting_counts", at)
        counts: dict[tuple[str, int], tuple[int, int]] | None = self.memo.get(memo_key)
        if counts is None:
            tally: dict[tuple[str, int], list[int]] = defaultdict(lambda: [0, 0])
            held, planned = MeetingStatus.HELD, MeetingStatus.PLANNED
            for meeting in self.case.meetings:
                status, day = meeting.status, meeting.date
                if status is held and day <= at:
                    tally[meeting.body_id, day.year][0] += 1
                elif status is planned and day >= at:
                    tally[meeting.body_id, day.year][1] += 1
            counts = {key: (n_held, n_planned) for key, (n_held, n_planned) in tally.items()}
            self.memo[memo_key] = counts
        return counts

    # --- Members -------------------------------------------------------------------------------------------------

    def members_on(
        self, body: Body, day: dt.date, *, substitutes: bool = False, non_seats: bool = False
    ) -> tuple[Membership, ...]:
        """:meth:`Body.members_on`, computed once per body, date and kind of member."""
        key = (id(body), day, substitutes, non_seats)
        found = self._members.get(key)
        if found is None:
            # Everyone holding a membership on the day, found in one pass over the body's memberships (Body.members_on's
            # test, written out) and shared by the narrower questions: this runs for every body and date a rule asks
            # about.
            everyone_key = (id(body), day, True, True)
            everyone = self._members.get(everyone_key)
            if everyone is None:
                everyone = tuple(
                    [m for m in body.memberships if m.start <= day and (m.end is None or day <= m.end)]
                )
                self._members[everyone_key] = everyone
            found = tuple(
                [
                    m
                    for m in everyone
                    if (substitutes or not m.substitute) and (non_seats or m.role not in NON_SEAT_ROLES)
                ]
            )
            self._members[key] = found
        return found

    # --- Bodies, clusters and municipalities ---------------------------------------------------------------------

    def bodies_of_kind(self, kind: BodyKind) -> list[Body]:
        if self._bodies_by_kind is None:
            self._bodies_by_kind = defaultdict(list)
            for body in self.case.bodies:
                self._bodies_by_kind[body.kind].append(body)
        return list(self._bodies_by_kind.get(kind, ()))

    def body_subjects(self, kind: BodyKind, subject_kind: SubjectKind) -> list[tuple[SubjectRef, Body]]:
        """The bodies of ``kind`` as rule subjects, each with its reference (made once and shared by every rule
        about that kind of body)."""
        memo_key = ("subjects", kind, subject_kind)
        found: list[tuple[SubjectRef, Body]] | None = self.memo.get(memo_key)
        if found is None:
            region = self.case.region.code
            found = [(SubjectRef(subject_kind, b.id, b.name, region), b) for b in self.bodies_of_kind(kind)]
            self.memo[memo_key] = found
        return found

    def body(self, body_id: str) -> Body | None:
        """The first body recorded with ``body_id`` (as :meth:`RegionCase.body`)."""
        if self._bodies_by_id is None:
            self._bodies_by_id = {}
            for body in self.case.bodies:
                self._bodies_by_id.setdefault(body.id, body)
        return self._bodies_by_id.get(body_id)

    def bodies_of_cluster(self, cluster_id: str) -> list[Body]:
        """The bodies recorded with ``cluster_id`` (the cluster's two levels), in recorded order."""
        if self._bodies_by_cluster is None:
            self._bodies_by_cluster = defaultdict(list)
            for body in self.case.bodies:
                if body.cluster_id is not None:
                    self._bodies_by_cluster[body.cluster_id].append(body)
        return list(self._bodies_by_cluster.get(cluster_id, ()))

    def children(self, parent_body_id: str) -> list[Body]:
        """The bodies set up under ``parent_body_id`` (subcommittees and working groups), in recorded order."""
        if self._children is None:
            self._children = defaultdict(list)
            for body in self.case.bodies:
                if body.parent_body_id is not None:
                    self._children[body.parent_body_id].append(body)
        return list(self._children.get(parent_body_id, ()))

    def children_of_any(self, parent_body_ids: Collection[str]) -> list[Body]:
        """The bodies set up under any of ``parent_body_ids``, in recorded order."""
        found = [b for parent in dict.fromkeys(parent_body_ids) for b in self.children(parent)]
        if len(parent_body_ids) > 1:
            order = self._positions()
            found.sort(key=lambda b: order[id(b)])
        return found

    def _positions(self) -> dict[int, int]:
        if self._order is None:
            self._order = {id(body): n for n, body in enumerate(self.case.bodies)}
        return self._order

    def cluster(self, cluster_id: str) -> ClusterInfo | None:
        """The first cluster recorded with ``cluster_id`` (as :meth:`RegionCase.cluster`)."""
        if self._clusters is None:
            self._clusters = {}
            for cluster in self.case.clusters:
                self._clusters.setdefault(cluster.id, cluster)
        return self._clusters.get(cluster_id)

    def municipality_name(self, code: str) -> str:
        """The municipality's name, or the code when the case does not name it (as :meth:`RegionCase`)."""
        if self._municipality_names is None:
            self._municipality_names = {}
            for municipality in self.case.municipalities:
                self._municipality_names.setdefault(municipality.code, municipality.name)
        return self._municipality_names.get(code, code)

    # --- Decisions -----------------------------------------------------------------------------------------------

    def decisions_on(self, parameter: str) -> tuple[Decision, ...]:
        """The recorded decisions on ``parameter``, in recorded order."""
        if self._decisions is None:
            grouped: dict[str, list[Decision]] = defaultdict(list)
            for decision in self.case.decisions:
                grouped[decision.parameter].append(decision)
            self._decisions = {key: tuple(listed) for key, listed in grouped.items()}
        return self._decisions.get(parameter, ())
