"""Writing memberships and persons: who sits on a body, appointed by whom, in which role, from when to when.

Terms follow the election period (§§ 8, 14, 16, stk. 3, 26); substitutes are kept as memberships with
``substitute`` (§ 25, stk. 3); representatives assisting on a meeting (§ 10, stk. 2) and experts brought in
(§ 10, stk. 3) are memberships with their own roles and hold no seat. A membership is never deleted: ending it
sets ``end``, so the body's composition on an earlier date stays what it was.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from sundhedsaftale.accounts.audit import record_change
from sundhedsaftale.accounts.models import Audience
from sundhedsaftale.accounts.permissions import can_edit_person as may_edit_person
from sundhedsaftale.core.case import AppointingBody, BodyKind, MemberRole, Representation
from sundhedsaftale.registry.models import HealthCluster, Municipality

from ..body_selectors import CLUSTER_LEVELS, NON_SEAT_ROLES, ROLE_LABELS, body_cluster_id
from ..models import Body, Membership, Person
from .bodies import Actor, ConflictError, Invalid, require_body_edit

__all__ = [
    "ConflictError",
    "Invalid",
    "MembershipInput",
    "PersonInput",
    "membership_add",
    "membership_as_dict",
    "membership_end",
    "membership_update",
    "person_as_dict",
    "person_update",
]

# Roles that represent one municipality and must name it.
MUNICIPAL_ROLES = (
    MemberRole.MAYOR,
    MemberRole.DEPUTY_MAYOR,
    MemberRole.COMMITTEE_CHAIR,
    MemberRole.MAGISTRATE_MEMBER,
    MemberRole.MUNICIPAL_REPRESENTATIVE,
)
# In the committee a mayor represents a cluster (§ 15, stk. 4, nr. 2).
COMMITTEE_MAYORS = (MemberRole.MAYOR, MemberRole.DEPUTY_MAYOR)


@dataclass(frozen=True)
class PersonInput:
    name: str
    email: str = ""
    organisation: str = ""


@dataclass(frozen=True)
class MembershipInput:
    role: MemberRole
    appointed_by: AppointingBody
    start: dt.date
    end: dt.date | None = None
    municipality_code: str | None = None
    cluster_id: str | None = None
    covers_psychiatry: bool = False
    represents: Representation | None = None
    chair: bool = False
    vice_chair: bool = False
    substitute: bool = False


def membership_as_dict(m: Membership) -> dict[str, Any]:
    return {
        "key": m.key,
        "body": m.body.key,
        "person": m.person.key,
        "person_name": m.person.name,
        "role": m.role,
        "appointed_by": m.appointed_by,
        "municipality": m.municipality_id,
        "cluster": m.cluster_id,
        "covers_psychiatry": m.covers_psychiatry,
        "represents": m.represents or None,
        "chair": m.chair,
        "vice_chair": m.vice_chair,
        "substitute": m.substitute,
        "start": m.start,
        "end": m.end,
        "version": m.version,
    }


def person_as_dict(p: Person) -> dict[str, Any]:
    return {
        "key": p.key,
        "name": p.name,
        "email": p.email,
        "organisation": p.organisation,
        "version": p.version,
    }


# --- Validation ---------------------------------------------------------------------------------------------


def _role(role: MemberRole) -> str:
    return str(ROLE_LABELS[role]).lower()


def _day(value: dt.date) -> str:
    return date_format(value, "j. F Y")


def _check_person(data: PersonInput) -> list[tuple[str, str]]:
    errors: list[tuple[str, str]] = []
    name = data.name.strip()
    if not name:
        errors.append(("name", _("Navn: skriv personens navn.")))
    elif len(name) > 200:
        errors.append(("name", _("Navn: højst 200 tegn (der er %(n)s).") % {"n": len(name)}))
    email = data.email.strip()
    if email:
        try:
            validate_email(email)
        except ValidationError:
            errors.append(
                ("email", _("E-mail: '%(email)s' er ikke en gyldig e-mailadresse.") % {"email": email})
            )
    if len(data.organisation.strip()) > 200:
        errors.append(("organisation", _("Organisation: højst 200 tegn.")))
    return errors


def _check_membership(
    body: Body, data: MembershipInput, person: Person | None, exclude_pk: int | None = None
) -> list[tuple[str, str]]:
    """Every problem with ``data`` as a membership of ``body``, each naming its field; empty when it fits."""
    errors: list[tuple[str, str]] = []
    role = MemberRole(data.role)
    region = body.region_id
    body_cluster = body_cluster_id(body)
    is_level = body.kind in CLUSTER_LEVELS

    if data.end is not None and data.end < data.start:
        errors.append(
            (
                "end",
                _("Til: slutdatoen %(end)s ligger før startdatoen %(start)s (feltet Fra).")
                % {"end": _day(data.end), "start": _day(data.start)},
            )
        )

    municipality: Municipality | None = None
    if data.municipality_code:
        municipality = Municipality.objects.filter(code=data.municipality_code).first()
        if municipality is None or municipality.region_id != region:
            errors.append(
                (
                    "municipality_code",
                    _("Kommune: '%(code)s' er ikke en kommune i regionen (%(region)s).")
                    % {"code": data.municipality_code, "region": region},
                )
            )
            municipality = None
    elif role in MUNICIPAL_ROLES:
        errors.append(
            (
                "municipality_code",
                _("Kommune mangler: en %(role)s skal repræsentere en kommune; vælg kommunen.")
                % {"role": _role(role)},
            )
        )

    cluster: HealthCluster | None = None
    if data.cluster_id:
        cluster = HealthCluster.objects.filter(id=data.cluster_id).first()
        if cluster is None or cluster.region_id != region:
            errors.append(
                (
                    "cluster_id",
                    _("Sundhedsklynge: '%(id)s' er ikke en sundhedsklynge i regionen (%(region)s).")
                    % {"id": data.cluster_id, "region": region},
                )
            )
            cluster = None
        elif body_cluster and cluster.id != body_cluster:
            errors.append(
                (
                    "cluster_id",
                    _(
                        "Sundhedsklynge: et medlem af %(body)s kan kun repræsentere organets egen sundhedsklynge."
                    )
                    % {"body": body.name},
                )
            )
            cluster = None
    elif body.kind == BodyKind.COMMITTEE.value and role in COMMITTEE_MAYORS and not data.substitute:
        errors.append(
            (
                "cluster_id",
                _(
                    "Sundhedsklynge mangler: en %(role)s i sundhedssamarbejdsudvalget repræsenterer en "
                    "sundhedsklynge (§ 15, stk. 4, nr. 2); vælg klyngen."
                )
                % {"role": _role(role)},
            )
        )

    if municipality is not None:
        in_cluster_of = cluster or (
            HealthCluster.objects.filter(id=body_cluster).first() if is_level and body_cluster else None
        )
        if in_cluster_of is not None and not in_cluster_of.municipalities.filter(pk=municipality.pk).exists():
            errors.append(
                (
                    "municipality_code",
                    _("Kommune: %(municipality)s er ikke med i %(cluster)s.")
                    % {"municipality": municipality, "cluster": in_cluster_of.name},
                )
            )

    if data.chair and data.vice_chair:
        errors.append(
            (
                "vice_chair",
                _("Næstformand: samme medlemskab kan ikke både være formand og næstformand; vælg én af dem."),
            )
        )
    if (data.chair or data.vice_chair) and data.substitute:
        errors.append(
            (
                "substitute",
                _("Stedfortræder: en stedfortræder kan ikke samtidig være formand eller næstformand."),
            )
        )
    if (data.chair or data.vice_chair) and role.value in NON_SEAT_ROLES:
        errors.append(
            (
                "chair",
                _(
                    "Formand: en %(role)s har ikke en plads i organet og kan ikke være formand eller næstformand."
                )
                % {"role": _role(role)},
            )
        )

    dates_fit = data.end is None or data.end >= data.start
    if person is not None and role.value not in NON_SEAT_ROLES and dates_fit:
        # Two seats of one person on one body may not overlap, unless both are substitutes' seats.
        overlapping = (
            Membership.objects.filter(body=body, person=person)
            .exclude(role__in=NON_SEAT_ROLES)
            .filter(start__lte=data.end or dt.date.max)
            .exclude(end__lt=data.start)
        )
        if exclude_pk is not None:
            overlapping = overlapping.exclude(pk=exclude_pk)
        if data.substitute:
            overlapping = overlapping.filter(substitute=False)
        clash = overlapping.order_by("start").first()
        if clash is not None:
            until = _(" til %(end)s") % {"end": _day(clash.end)} if clash.end else _(" uden slutdato")
            errors.append(
                (
                    "person",
                    _(
                        "Person: %(name)s har allerede en plads i %(body)s fra %(start)s%(until)s, som overlapper "
                        "perioden; afslut den først, eller ret den."
                    )
                    % {"name": person.name, "body": body.name, "start": _day(clash.start), "until": until},
                )
            )
    return errors


def _apply(m: Membership, data: MembershipInput) -> None:
    m.role = MemberRole(data.role).value
    m.appointed_by = AppointingBody(data.appointed_by).value
    m.municipality_id = data.municipality_code or None
    m.cluster_id = data.cluster_id or None
    m.covers_psychiatry = data.covers_psychiatry
    m.represents = Representation(data.represents).value if data.represents else ""
    m.chair = data.chair
    m.vice_chair = data.vice_chair
    m.substitute = data.substitute
    m.start = data.start
    m.end = data.end


# --- Actions ------------------------------------------------------------------------------------------------


def membership_add(
    *,
    actor: Actor,
    body_key: str,
    data: MembershipInput,
    person_key: str | None = None,
    new_person: PersonInput | None = None,
) -> Membership:
    """Give a person (an existing one by key, or a new one) a membership of the body."""
    with transaction.atomic():
        body = Body.objects.select_related("parent").get(key=body_key)
        require_body_edit(actor, body)
        errors: list[tuple[str, str]] = []
        person: Person | None = None
        if person_key:
            # Only the body's own region's people: a person is kept by one region's secretariat, and seating
            # another region's person would take it out of that secretariat's hands.
            person = Person.objects.filter(key=person_key, region_id=body.region_id).first()
            if person is None:
                errors.append(
                    (
                        "person",
                        _("Person: der findes ingen person med id '%(key)s' i regionen (%(region)s).")
                        % {"key": person_key, "region": body.region_id},
                    )
                )
        elif new_person is not None:
            errors += _check_person(new_person)
        else:
            errors.append(("person", _("Person: vælg en eksisterende person, eller skriv navnet på en ny.")))
        errors += _check_membership(body, data, person)
        if errors:
            raise Invalid(errors)
        if person is None:
            assert new_person is not None
            person = Person.objects.create(
                key=f"p-{uuid.uuid4().hex[:12]}",
                region_id=body.region_id,
                name=new_person.name.strip(),
                email=new_person.email.strip(),
                organisation=new_person.organisation.strip(),
            )
            record_change(
                actor=actor,
                action="person_create",
                object_type="person",
                object_id=person.key[:64],
                region_code=body.region_id,
                after=person_as_dict(person),
                audience=Audience.SECRETARIAT,  # carries the person's contact data
            )
        membership = Membership(key=f"m-{uuid.uuid4().hex[:12]}", body=body, person=person)
        _apply(membership, data)
        membership.save()
        record_change(
            actor=actor,
            action="membership_add",
            object_type="membership",
            object_id=membership.pk,
            region_code=body.region_id,
            after=membership_as_dict(membership),
        )
    return membership


def _locked(pk: int) -> Membership:
    membership = Membership.objects.select_for_update().get(pk=pk)
    # Load the relations after locking (a nullable join cannot be locked on PostgreSQL).
    return Membership.objects.select_related("body", "body__parent", "person").get(pk=membership.pk)


def membership_update(*, actor: Actor, pk: int, expected_version: int, data: MembershipInput) -> Membership:
    """Save an edit only if nobody saved since ``expected_version``; otherwise :class:`ConflictError`."""
    with transaction.atomic():
        membership = _locked(pk)
        require_body_edit(actor, membership.body)
        if membership.version != expected_version:
            raise ConflictError(membership, _("Medlemskabet"))
        errors = _check_membership(membership.body, data, membership.person, exclude_pk=membership.pk)
        if errors:
            raise Invalid(errors)
        before = membership_as_dict(membership)
        _apply(membership, data)
        membership.version = expected_version + 1
        membership.save()
        record_change(
            actor=actor,
            action="membership_update",
            object_type="membership",
            object_id=membership.pk,
            region_code=membership.body.region_id,
            before=before,
            after=membership_as_dict(membership),
        )
    return membership


def membership_end(*, actor: Actor, pk: int, end: dt.date, expected_version: int) -> Membership:
    """End a membership on ``end`` (its last day). The row stays: the composition before ``end`` is kept."""
    with transaction.atomic():
        membership = _locked(pk)
        require_body_edit(actor, membership.body)
        if membership.version != expected_version:
            raise ConflictError(membership, _("Medlemskabet"))
        if end < membership.start:
            raise Invalid(
                [
                    (
                        "end",
                        _("Til: slutdatoen %(end)s ligger før medlemskabets startdato %(start)s.")
                        % {"end": _day(end), "start": _day(membership.start)},
                    )
                ]
            )
        before = membership_as_dict(membership)
        membership.end = end
        membership.version = expected_version + 1
        membership.save(update_fields=["end", "version", "updated_at"])
        record_change(
            actor=actor,
            action="membership_end",
            object_type="membership",
            object_id=membership.pk,
            region_code=membership.body.region_id,
            before=before,
            after=membership_as_dict(membership),
        )
    return membership


def can_edit_person(actor: Actor, person: Person) -> bool:
    """Whether ``actor`` may edit ``person``: decided by :func:`accounts.permissions.can_edit_person`."""
    return person.pk in editable_people(actor, [person.pk])


def editable_people(actor: Actor, person_ids: Iterable[int]) -> set[int]:
    """Those of ``person_ids`` that ``actor`` may edit (see :func:`can_edit_person`), in two queries."""
    ids = set(person_ids)
    clusters_of: dict[int, set[str | None]] = defaultdict(set)
    for membership in Membership.objects.filter(person_id__in=ids).select_related("body", "body__parent"):
        clusters_of[membership.person_id].add(body_cluster_id(membership.body))
    regions = dict(Person.objects.filter(pk__in=ids).values_list("pk", "region_id"))
    return {p for p in ids if p in regions and may_edit_person(actor, regions[p], clusters_of[p])}


def person_update(*, actor: Actor, pk: int, expected_version: int, data: PersonInput) -> Person:
    """Correct a person's name, e-mail or organisation; every membership of the person shows the change."""
    with transaction.atomic():
        person = Person.objects.select_for_update().get(pk=pk)
        if not can_edit_person(actor, person):
            raise PermissionDenied(
                _(
                    "Du har ikke adgang til at redigere %(name)s: personen sidder i organer, du ikke kan redigere."
                )
                % {"name": person.name}
            )
        if person.version != expected_version:
            raise ConflictError(person, _("Personen"))
        errors = _check_person(data)
        if errors:
            raise Invalid(errors)
        before = person_as_dict(person)
        person.name = data.name.strip()
        person.email = data.email.strip()
        person.organisation = data.organisation.strip()
        person.version = expected_version + 1
        person.save(update_fields=["name", "email", "organisation", "version", "updated_at"])
        record_change(
            actor=actor,
            action="person_update",
            object_type="person",
            object_id=person.key[:64],
            region_code=person.region_id or "",
            before=before,
            after=person_as_dict(person),
            audience=Audience.SECRETARIAT,  # carries the person's contact data
        )
    return person
