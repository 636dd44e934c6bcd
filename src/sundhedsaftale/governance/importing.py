"""Writing a case's governance part into the database (demo data, case-file import)."""

from __future__ import annotations

from sundhedsaftale.core.case import RegionCase

from .models import Body, LocalDecision, Meeting, Membership, Person


def governance_replace(case: RegionCase) -> None:
    """Replace the region's bodies, memberships, meetings and decisions with the case's. Call inside a transaction."""
    code = case.region.code
    Meeting.objects.filter(body__region_id=code).delete()
    Membership.objects.filter(body__region_id=code).delete()
    Body.objects.filter(region_id=code, parent__isnull=False).delete()
    Body.objects.filter(region_id=code).delete()
    LocalDecision.objects.filter(region_id=code).delete()

    people: dict[str, Person] = {}
    for body in case.bodies:
        for m in body.memberships:
            if m.person_id not in people:
                person, _ = Person.objects.update_or_create(key=m.person_id, defaults={"name": m.name})
                people[m.person_id] = person
    rows: dict[str, Body] = {}
    for body in case.bodies:
        rows[body.id] = Body.objects.create(
            key=body.id, region_id=code, kind=body.kind.value, name=body.name, cluster_id=body.cluster_id
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
    Meeting.objects.bulk_create(
        Meeting(
            key=m.id,
            body=rows[m.body_id],
            date=m.date,
            status=m.status.value,
            title=m.title,
            requested_by_member=m.requested_by_member,
        )
        for m in case.meetings
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
