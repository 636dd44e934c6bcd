"""Writing a case's governance part into the database (demo data, case-file import)."""

from __future__ import annotations

from typing import Any

from sundhedsaftale.core.case import BODY_FACT_FIELDS, RegionCase
from sundhedsaftale.core.case import Body as CaseBody

from .models import AgendaItem, Attendance, Body, LocalDecision, Meeting, Membership, Person


def governance_replace(case: RegionCase) -> None:
    """Replace the region's bodies, memberships, meetings and decisions with the case's. Call inside a transaction."""
    code = case.region.code
    Meeting.objects.filter(body__region_id=code).delete()
    Membership.objects.filter(body__region_id=code).delete()
    Body.objects.filter(region_id=code, parent__isnull=False).delete()
    Body.objects.filter(region_id=code).delete()
    LocalDecision.objects.filter(region_id=code).delete()

    names = {m.person_id: m.name for body in case.bodies for m in body.memberships}
    for meeting in case.meetings:
        for a in meeting.attendance:
            names.setdefault(a.person_id, a.name)
    existing = {p.key: p for p in Person.objects.filter(key__in=names)}
    Person.objects.bulk_create(Person(key=k, name=n) for k, n in names.items() if k not in existing)
    for key, person in existing.items():
        if person.name != names[key]:
            person.name = names[key]
            person.save(update_fields=["name"])
    people = {p.key: p for p in Person.objects.filter(key__in=names)}
    rows: dict[str, Body] = {}
    for body in case.bodies:
        rows[body.id] = Body.objects.create(
            key=body.id,
            region_id=code,
            kind=body.kind.value,
            name=body.name,
            cluster_id=body.cluster_id,
            patient_committee_invited=body.patient_committee_invited,
            facts=body_facts(body),
        )
    for body in case.bodies:
        if body.parent_body_id:
            rows[body.id].parent = rows[body.parent_body_id]
            rows[body.id].save(update_fields=["parent"])
    Membership.objects.bulk_create(
        Membership(
            key=m.id,
            body=rows[body.id],
            person=people[m.person_id],
            role=m.role.value,
            appointed_by=m.appointed_by.value,
            municipality_id=m.municipality_code,
            cluster_id=m.cluster_id,
            covers_psychiatry=m.covers_psychiatry,
            represents=m.represents.value if m.represents else "",
            chair=m.chair,
            vice_chair=m.vice_chair,
            substitute=m.substitute,
            start=m.start,
            end=m.end,
        )
        for body in case.bodies
        for m in body.memberships
    )
    meeting_rows = Meeting.objects.bulk_create(
        Meeting(
            key=m.id,
            body=rows[m.body_id],
            date=m.date,
            status=m.status.value,
            kind=m.kind.value,
            title=m.title,
            location=m.location,
            requested_by_member=m.requested_by_member,
            chaired_by=people.get(m.chaired_by) if m.chaired_by else None,
            patient_committee_invited=m.patient_committee_invited,
            minutes=m.minutes,
        )
        for m in case.meetings
    )
    if not all(row.pk for row in meeting_rows):  # backends that do not return ids from bulk inserts
        by_key = {(r.body_id, r.key): r for r in Meeting.objects.filter(body__region_id=code)}
        meeting_rows = [by_key[(rows[m.body_id].pk, m.id)] for m in case.meetings]
    AgendaItem.objects.bulk_create(
        AgendaItem(
            meeting=row,
            number=item.number,
            title=item.title,
            description=item.description,
            authorities_only=item.authorities_only,
            outcome=item.outcome,
        )
        for row, m in zip(meeting_rows, case.meetings, strict=True)
        for item in m.agenda
    )
    Attendance.objects.bulk_create(
        Attendance(meeting=row, person=people[a.person_id], present=a.present, note=a.note)
        for row, m in zip(meeting_rows, case.meetings, strict=True)
        for a in m.attendance
    )
    LocalDecision.objects.bulk_create(
        LocalDecision(
            key=d.id,
            region_id=code,
            parameter=d.parameter,
            subject_id=d.subject_id,
            value=d.value.isoformat() if hasattr(d.value, "isoformat") else d.value,
            decided_by=d.decided_by,
            decision_maker=d.decision_maker.value,
            decided_on=d.decided_on,
            reference=d.reference,
            valid_until=d.valid_until,
            note=d.note,
        )
        for d in case.decisions
    )


def body_facts(body: CaseBody) -> dict[str, Any]:
    """The body's own facts as stored in :attr:`Body.facts` (the case file's JSON for those fields)."""
    return body.model_dump(mode="json", include=set(BODY_FACT_FIELDS))
