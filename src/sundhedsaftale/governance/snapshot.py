"""The one place governance rows become the case's bodies, meetings and decisions."""

from __future__ import annotations

from collections import defaultdict

from sundhedsaftale.core.case import AgendaItem, Attendance, Decision, Meeting, Membership
from sundhedsaftale.core.case import Body as CaseBody

from .models import Body, LocalDecision
from .models import Meeting as MeetingRow
from .models import Membership as MembershipRow


def governance_snapshot(
    region_code: str,
) -> tuple[tuple[CaseBody, ...], tuple[Meeting, ...], tuple[Decision, ...]]:
    bodies = list(Body.objects.filter(region_id=region_code).select_related("parent").order_by("key"))
    memberships: dict[int, list[Membership]] = defaultdict(list)
    rows = (
        MembershipRow.objects.filter(body__region_id=region_code)
        .select_related("person")
        .order_by("body_id", "key")
    )
    for m in rows:
        memberships[m.body_id].append(
            Membership(
                id=m.key,
                person_id=m.person.key,
                name=m.person.name,
                role=m.role,  # type: ignore[arg-type]
                appointed_by=m.appointed_by,  # type: ignore[arg-type]
                municipality_code=m.municipality_id,
                cluster_id=m.cluster_id,
                covers_psychiatry=m.covers_psychiatry,
                represents=m.represents or None,  # type: ignore[arg-type]
                chair=m.chair,
                vice_chair=m.vice_chair,
                substitute=m.substitute,
                start=m.start,
                end=m.end,
            )
        )
    case_bodies = tuple(
        CaseBody(
            id=b.key,
            kind=b.kind,  # type: ignore[arg-type]
            name=b.name,
            cluster_id=b.cluster_id,
            parent_body_id=b.parent.key if b.parent else None,
            patient_committee_invited=b.patient_committee_invited,
            memberships=tuple(memberships[b.pk]),
        )
        for b in bodies
    )
    meeting_rows = (
        MeetingRow.objects.filter(body__region_id=region_code)
        .select_related("body", "chaired_by")
        .prefetch_related("agenda_items", "attendances__person")
        .order_by("date", "key")
    )
    meetings = tuple(
        Meeting(
            id=m.key,
            body_id=m.body.key,
            date=m.date,
            status=m.status,  # type: ignore[arg-type]
            kind=m.kind,  # type: ignore[arg-type]
            title=m.title,
            location=m.location,
            requested_by_member=m.requested_by_member,
            chaired_by=m.chaired_by.key if m.chaired_by else None,
            patient_committee_invited=m.patient_committee_invited,
            agenda=tuple(
                AgendaItem(
                    number=a.number,
                    title=a.title,
                    description=a.description,
                    authorities_only=a.authorities_only,
                    outcome=a.outcome,
                )
                for a in m.agenda_items.all()
            ),
            attendance=tuple(
                Attendance(person_id=a.person.key, name=a.person.name, present=a.present, note=a.note)
                for a in m.attendances.all()
            ),
            minutes=m.minutes,
        )
        for m in meeting_rows
    )
    decisions = tuple(
        Decision(
            id=d.key,
            parameter=d.parameter,
            subject_id=d.subject_id,
            value=d.value,
            decided_by=d.decided_by,
            decision_maker=d.decision_maker,  # type: ignore[arg-type]
            decided_on=d.decided_on,
            reference=d.reference,
            valid_until=d.valid_until,
            note=d.note,
        )
        for d in LocalDecision.objects.filter(region_id=region_code).order_by("decided_on", "key")
    )
    return case_bodies, meetings, decisions
