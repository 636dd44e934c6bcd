"""Writing a case's governance part into the database (demo data, case-file import).

An import changes only what differs from the region's current case, record by record, matched by id: a body,
membership, meeting or decision the file leaves as it is keeps its row, its database id and its version, so
links to it (and a meeting's documents, which the file does not carry) stay. A changed record is updated in
place and gets the next version, and only if it still has the version the file was made from; a record missing
from the file is removed, unless it was added or changed after the file was made (:func:`stale_removals`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from django.db.models import F, Max, Model
from django.utils import timezone
from django.utils.translation import gettext as _

from sundhedsaftale.accounts.conflict import RecordConflict
from sundhedsaftale.core.case import BODY_FACT_FIELDS, RegionCase
from sundhedsaftale.core.case import Body as CaseBody
from sundhedsaftale.core.case import Meeting as CaseMeeting
from sundhedsaftale.core.case import Membership as CaseMembership
from sundhedsaftale.interchange import CaseChanges, Changes, Problem

from .models import AgendaItem, Attendance, Body, LocalDecision, Meeting, MeetingDocument, Membership, Person

__all__ = ["ImportConflict", "governance_apply", "governance_changed_at", "stale_removals"]


class ImportConflict(RecordConflict):
    """A record the import was about to change was saved by someone else meanwhile; nothing was imported."""

    def __init__(self, what: str) -> None:
        super().__init__(
            None,
            _("%(what)s blev ændret af en anden under importen. Intet er importeret; prøv igen.")
            % {"what": what},
        )


# --- When the region's data is from ------------------------------------------------------------------------


def _region_rows(region_code: str) -> dict[str, Any]:
    return {
        "bodies": Body.objects.filter(region_id=region_code),
        "memberships": Membership.objects.filter(body__region_id=region_code),
        "meetings": Meeting.objects.filter(body__region_id=region_code),
        "decisions": LocalDecision.objects.filter(region_id=region_code),
        "persons": Person.objects.filter(region_id=region_code),
    }


def governance_changed_at(region_code: str) -> dt.datetime | None:
    """The latest change to the region's bodies, members, meetings, decisions and people: what an export's data
    is "as of". It depends only on the data, so the same data always gives the same file."""
    times = [qs.aggregate(at=Max("updated_at"))["at"] for qs in _region_rows(region_code).values()]
    found = [t for t in times if t is not None]
    return max(found) if found else None


# --- What an old file would undo ---------------------------------------------------------------------------

_SHEETS = {"bodies": "Organer", "memberships": "Medlemmer", "meetings": "Møder", "decisions": "Beslutninger"}


def stale_removals(base: RegionCase, new: RegionCase, changes: CaseChanges) -> list[Problem]:
    """A problem for each record the import would remove or rename although it was added or changed in the
    platform after the file was made (``new.as_of``). A file that does not say when it was made removes nothing
    the platform holds."""
    code = base.region.code
    problems: list[Problem] = []
    removed = {part: changes.parts()[part].removed for part in _SHEETS}
    if any(removed.values()) and new.as_of is None:
        for part, ids in removed.items():
            problems += [
                Problem(
                    _SHEETS[part],
                    None,
                    "id",
                    _(
                        "'%(key)s' mangler i filen, men filen siger ikke, hvornår den er dannet ('Data pr.' på "
                        "arket Om), så det kan ikke ses, om den er ældre end posten; intet er fjernet. Eksportér "
                        "regionen, og slet rækken i den nye fil"
                    )
                    % {"key": key},
                )
                for key in ids
            ]
        return problems
    if new.as_of is None:
        return problems
    since = {"updated_at__gt": new.as_of}
    newer = {
        "bodies": set(
            Body.objects.filter(region_id=code, key__in=removed["bodies"], **since).values_list(
                "key", flat=True
            )
        ),
        "memberships": {  # few rows change after a file is made: read them all, match by body and id
            f"{b}/{m}"
            for b, m in Membership.objects.filter(body__region_id=code, **since).values_list(
                "body__key", "key"
            )
        },
        "meetings": set(
            Meeting.objects.filter(body__region_id=code, key__in=removed["meetings"], **since).values_list(
                "key", flat=True
            )
        ),
        "decisions": set(
            LocalDecision.objects.filter(region_id=code, key__in=removed["decisions"], **since).values_list(
                "key", flat=True
            )
        ),
    }
    when = timezone.localtime(new.as_of).strftime("%d-%m-%Y %H:%M:%S")
    for part, ids in removed.items():
        problems += [
            Problem(
                _SHEETS[part],
                None,
                "id",
                _(
                    "'%(key)s' er tilføjet eller ændret i platformen, efter filen blev dannet (data pr. %(when)s), "
                    "og mangler i filen; importen ville slette det. Eksportér regionen igen, og ret i den nye fil"
                )
                % {"key": key, "when": when},
            )
            for key in ids
            if key in newer[part]
        ]
    renamed = _names(new)
    for person in Person.objects.filter(key__in=renamed, **since):
        if person.name != renamed[person.key]:
            problems.append(
                Problem(
                    "Medlemmer",
                    None,
                    "navn",
                    _(
                        "personen '%(key)s' hedder nu '%(name)s' i platformen, ændret efter filen blev dannet "
                        "(data pr. %(when)s); filen ville ændre navnet tilbage til '%(old)s'. Eksportér regionen "
                        "igen"
                    )
                    % {"key": person.key, "name": person.name, "when": when, "old": renamed[person.key]},
                )
            )
    return problems


def _names(case: RegionCase) -> dict[str, str]:
    names = {m.person_id: m.name for body in case.bodies for m in body.memberships}
    for meeting in case.meetings:
        for a in meeting.attendance:
            names.setdefault(a.person_id, a.name)
    return names


# --- Writing -------------------------------------------------------------------------------------------------


def _update(model: type[Model], pk: int, expected: int, what: str, **fields: Any) -> None:
    """Update one row only if it still has version ``expected``; the next version, the time of the change."""
    done = model._default_manager.filter(pk=pk, version=expected).update(
        **fields, version=F("version") + 1, updated_at=timezone.now()
    )
    if done != 1:
        raise ImportConflict(what)


def _expected(new_version: int | None, current_version: int | None) -> int:
    # The file's version when it names one (it was checked against the database when the file was read, and
    # is checked again by the update itself); otherwise the version read at the start of this transaction.
    return new_version if new_version is not None else (current_version or 1)


def _membership_fields(m: CaseMembership, body: Body, people: dict[str, Person]) -> dict[str, Any]:
    return {
        "body": body,
        "person": people[m.person_id],
        "role": m.role.value,
        "appointed_by": m.appointed_by.value,
        "municipality_id": m.municipality_code,
        "cluster_id": m.cluster_id,
        "covers_psychiatry": m.covers_psychiatry,
        "represents": m.represents.value if m.represents else "",
        "chair": m.chair,
        "vice_chair": m.vice_chair,
        "substitute": m.substitute,
        "start": m.start,
        "end": m.end,
    }


def _meeting_fields(m: CaseMeeting, bodies: dict[str, Body], people: dict[str, Person]) -> dict[str, Any]:
    return {
        "body": bodies[m.body_id],
        "date": m.date,
        "status": m.status.value,
        "kind": m.kind.value,
        "title": m.title,
        "location": m.location,
        "requested_by_member": m.requested_by_member,
        "chaired_by": people.get(m.chaired_by) if m.chaired_by else None,
        "patient_committee_invited": m.patient_committee_invited,
        "minutes": m.minutes,
    }


def _agenda_and_attendance(
    meetings: list[tuple[Meeting, CaseMeeting]], people: dict[str, Person], *, fresh: bool
) -> None:
    """Write the agenda and attendance of each meeting as the case has them (``fresh``: none stored yet)."""
    # What the case file does not carry (ADR 0038) stays with the item of the same number and title: its case
    # summary, recommendation, closed flag, the minutes it approves, and its attachments.
    kept: dict[tuple[int, int, str], dict[str, Any]] = {}
    attached: dict[tuple[int, int, str], list[int]] = {}
    if not fresh:
        pks = [row.pk for row, _m in meetings]
        for old in AgendaItem.objects.filter(meeting_id__in=pks):
            key = (old.meeting_id, old.number, old.title)
            kept[key] = {
                "summary": old.summary,
                "recommendation": old.recommendation,
                "closed": old.closed,
                "approves_minutes_of_id": old.approves_minutes_of_id,
            }
            attached[key] = list(MeetingDocument.objects.filter(agenda_item=old).values_list("pk", flat=True))
        AgendaItem.objects.filter(meeting_id__in=pks).delete()
        Attendance.objects.filter(meeting_id__in=pks).delete()
    created = AgendaItem.objects.bulk_create(
        AgendaItem(
            meeting=row,
            number=item.number,
            title=item.title,
            description=item.description,
            authorities_only=item.authorities_only,
            outcome=item.outcome,
            **kept.get((row.pk, item.number, item.title), {}),
        )
        for row, m in meetings
        for item in m.agenda
    )
    for new_item in created:
        documents = attached.get((new_item.meeting_id, new_item.number, new_item.title))
        if documents and new_item.pk is not None:
            MeetingDocument.objects.filter(pk__in=documents).update(agenda_item=new_item)
    Attendance.objects.bulk_create(
        Attendance(meeting=row, person=people[a.person_id], present=a.present, note=a.note)
        for row, m in meetings
        for a in m.attendance
    )


def _people(code: str, new: RegionCase) -> dict[str, Person]:
    """The region's people the case names, created or renamed as the case has them."""
    names = _names(new)
    existing = {p.key: p for p in Person.objects.filter(key__in=names)}
    foreign = sorted(k for k, p in existing.items() if p.region_id not in (code, None))
    if foreign:  # the file reader refuses these with their rows; a loader that did not ask gets this
        raise ImportConflict(_("Personen '%(key)s' føres af en anden region") % {"key": foreign[0]})
    Person.objects.bulk_create(
        Person(key=k, name=n, region_id=code) for k, n in names.items() if k not in existing
    )
    for key, person in existing.items():
        if person.name != names[key] or person.region_id is None:
            Person.objects.filter(pk=person.pk).update(
                name=names[key], region_id=code, version=F("version") + 1, updated_at=timezone.now()
            )
    return {p.key: p for p in Person.objects.filter(key__in=names)}


def governance_apply(base: RegionCase, new: RegionCase, changes: CaseChanges) -> None:
    """Write what ``changes`` (``compare_cases(base, new)``) lists, and nothing else. ``base`` must be the
    region's case read in the same transaction. Raises :class:`ImportConflict` when a record changed meanwhile."""
    code = new.region.code
    people = _people(code, new)
    bodies = _apply_bodies(code, base, new, changes.bodies)
    members = _apply_memberships(code, base, new, changes.memberships, bodies, people)
    meetings = _apply_meetings(code, base, new, changes.meetings, bodies, people)
    decisions = _apply_decisions(code, base, new, changes.decisions)
    for model, rows, stored, removed in (
        (Meeting, meetings, {m.id: m for m in base.meetings}, changes.meetings.removed),
        (
            Membership,
            members,
            {f"{b.id}/{m.id}": m for b in base.bodies for m in b.memberships},
            changes.memberships.removed,
        ),
        (LocalDecision, decisions, {d.id: d for d in base.decisions}, changes.decisions.removed),
    ):
        _remove(model, rows, stored, removed)
    # Children before parents: a body under another is removed first.
    stored_bodies = {b.id: b for b in base.bodies}
    order = sorted(changes.bodies.removed, key=lambda key: -_depth(key, stored_bodies))
    _remove(Body, bodies, stored_bodies, order)


def _apply_bodies(code: str, base: RegionCase, new: RegionCase, changes: Changes) -> dict[str, Body]:
    rows = {b.key: b for b in Body.objects.filter(region_id=code)}
    stored = {b.id: b for b in base.bodies}
    for body in new.bodies:
        fields = {
            "kind": body.kind.value,
            "name": body.name,
            "cluster_id": body.cluster_id,
            "patient_committee_invited": body.patient_committee_invited,
            "facts": body_facts(body),
        }
        if body.id in changes.added:
            rows[body.id] = Body.objects.create(key=body.id, region_id=code, **fields)
        elif body.id in changes.changed:
            expected = _expected(body.version, stored[body.id].version)
            _update(Body, rows[body.id].pk, expected, body.name, **fields)
    for body in new.bodies:
        if body.id in changes.added or body.id in changes.changed:
            parent = rows[body.parent_body_id] if body.parent_body_id else None
            Body.objects.filter(pk=rows[body.id].pk).update(parent=parent)
    return rows


def _apply_memberships(
    code: str,
    base: RegionCase,
    new: RegionCase,
    changes: Changes,
    bodies: dict[str, Body],
    people: dict[str, Person],
) -> dict[str, Membership]:
    stored = {f"{b.id}/{m.id}": m for b in base.bodies for m in b.memberships}
    rows = {
        f"{m.body.key}/{m.key}": m
        for m in Membership.objects.filter(body__region_id=code).select_related("body")
    }
    added: list[Membership] = []
    for body in new.bodies:
        for m in body.memberships:
            key = f"{body.id}/{m.id}"
            fields = _membership_fields(m, bodies[body.id], people)
            if key in changes.added:
                added.append(Membership(key=m.id, **fields))
            elif key in changes.changed:
                _update(Membership, rows[key].pk, _expected(m.version, stored[key].version), m.name, **fields)
    Membership.objects.bulk_create(added)
    return rows


def _apply_meetings(
    code: str,
    base: RegionCase,
    new: RegionCase,
    changes: Changes,
    bodies: dict[str, Body],
    people: dict[str, Person],
) -> dict[str, Meeting]:
    stored = {m.id: m for m in base.meetings}
    rows = {m.key: m for m in Meeting.objects.filter(body__region_id=code)}
    added = [m for m in new.meetings if m.id in changes.added]
    Meeting.objects.bulk_create(Meeting(key=m.id, **_meeting_fields(m, bodies, people)) for m in added)
    created = {r.key: r for r in Meeting.objects.filter(body__region_id=code, key__in=[m.id for m in added])}
    _agenda_and_attendance([(created[m.id], m) for m in added], people, fresh=True)
    rewrite: list[tuple[Meeting, CaseMeeting]] = []
    for m in new.meetings:
        if m.id in changes.changed:
            row, was = rows[m.id], stored[m.id]
            _update(
                Meeting, row.pk, _expected(m.version, was.version), m.id, **_meeting_fields(m, bodies, people)
            )
            if (was.agenda, was.attendance) != (m.agenda, m.attendance):
                rewrite.append((row, m))
    _agenda_and_attendance(rewrite, people, fresh=False)
    return rows


def _apply_decisions(
    code: str, base: RegionCase, new: RegionCase, changes: Changes
) -> dict[str, LocalDecision]:
    stored = {d.id: d for d in base.decisions}
    rows = {d.key: d for d in LocalDecision.objects.filter(region_id=code)}
    added: list[LocalDecision] = []
    for d in new.decisions:
        fields: dict[str, Any] = {
            "parameter": d.parameter,
            "subject_id": d.subject_id,
            "value": d.value.isoformat() if hasattr(d.value, "isoformat") else d.value,
            "decided_by": d.decided_by,
            "decision_maker": d.decision_maker.value,
            "decided_on": d.decided_on,
            "reference": d.reference,
            "valid_until": d.valid_until,
            "note": d.note,
        }
        if d.id in changes.added:
            added.append(LocalDecision(key=d.id, region_id=code, **fields))
        elif d.id in changes.changed:
            _update(LocalDecision, rows[d.id].pk, _expected(d.version, stored[d.id].version), d.id, **fields)
    LocalDecision.objects.bulk_create(added)
    return rows


def _depth(key: str, bodies: dict[str, Any]) -> int:
    depth, current = 0, bodies[key]
    while current.parent_body_id and current.parent_body_id in bodies and depth < len(bodies):
        depth, current = depth + 1, bodies[current.parent_body_id]
    return depth


def _remove(
    model: type[Model], rows: Mapping[str, Model], stored: Mapping[str, Any], keys: Iterable[str]
) -> None:
    """Delete each row only if it still has the version read at the start of the transaction."""
    for key in keys:
        expected = getattr(stored[key], "version", None) or 1
        deleted, _counts = model._default_manager.filter(pk=rows[key].pk, version=expected).delete()
        if not deleted:
            raise ImportConflict(key)


def body_facts(body: CaseBody) -> dict[str, Any]:
    """The body's own facts as stored in :attr:`Body.facts` (the case file's JSON for those fields)."""
    return body.model_dump(mode="json", include=set(BODY_FACT_FIELDS))


# --- The patient involvement committee's statements (§ 27, stk. 3; § 28; ADR 0045) -------------------------


def statements_apply(new: RegionCase) -> int:
    """Add the case's statements the region does not hold yet; returns how many. A statement is matched by its
    body, day and topic; one already recorded is the committee's record and is never changed by a file (a file
    that differs is refused naming the field). Like the statement form, a statement about an individual patient's
    case is refused (§ 28, stk. 2: »Udvalget behandler ikke enkeltsager.«)."""
    from sundhedsaftale.core.errors import CaseError

    from .actions.statements import INDIVIDUAL_CASE_REFUSAL, is_patient_committee, names_a_person
    from .models import CommitteeStatement

    written = 0
    code = new.region.code
    for index, statement in enumerate(new.statements):
        where = f"statements[{index}]"
        body = Body.objects.filter(region_id=code, key=statement.body_id).first()
        if body is None:
            raise CaseError(f"{where}.body_id: organet '{statement.body_id}' findes ikke i regionen")
        if not is_patient_committee(body):
            raise CaseError(
                f"{where}.body_id: '{body.name}' er ikke et patientinddragelsesudvalg; udtalelser efter § 28 "
                "afgives af patientinddragelsesudvalget"
            )
        if names_a_person(f"{statement.topic}\n{statement.text}"):
            raise CaseError(f"{where}.text: {INDIVIDUAL_CASE_REFUSAL}")
        meeting = None
        if statement.meeting_id is not None:
            meeting = (
                Meeting.objects.filter(body__region_id=code, key=statement.meeting_id).order_by("pk").first()
            )
            if meeting is None:
                raise CaseError(f"{where}.meeting_id: mødet '{statement.meeting_id}' findes ikke i regionen")
        fields = {
            "basis": statement.basis.value,
            "text": statement.text,
            "meeting": meeting,
            "consensus_sought": statement.consensus_sought,
            "consensus_reached": statement.consensus_reached,
            "dissents": [d.model_dump(mode="json") for d in statement.dissents],
        }
        stored = CommitteeStatement.objects.filter(
            body=body, given_on=statement.given_on, topic=statement.topic
        ).first()
        if stored is None:
            CommitteeStatement.objects.create(
                body=body, given_on=statement.given_on, topic=statement.topic, **fields
            )
            written += 1
            continue
        for field, value in fields.items():
            if getattr(stored, field) != value:
                raise CaseError(
                    f"{where}.{field.replace('meeting', 'meeting_id')}: udtalelsen »{statement.topic}« af "
                    f"{statement.given_on.isoformat()} er registreret med en anden værdi; en afgivet udtalelse "
                    "overskrives ikke ved import"
                )
    return written
