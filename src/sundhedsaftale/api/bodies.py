"""Bodies, their members and findings for a body, a cluster and the whole country: login required.

Edits go through the governance actions: 403 without the right to edit the body, 404 for an unknown body or
membership, 409 when the record changed since the ``version`` you read, 422 when the input does not fit (the
message names the field). Every error body is ``{"detail": "..."}`` in Danish.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Any, TypeVar

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest
from ninja import Field, Router, Schema, Status
from ninja.security import django_auth

from sundhedsaftale.accounts.permissions import AnyUser, can_view_contacts, can_view_region
from sundhedsaftale.core.case import AppointingBody, BodyKind, MemberRole, Representation
from sundhedsaftale.governance.actions.bodies import (
    BodyInput,
    Invalid,
    body_create,
    body_update,
    can_edit_body,
)
from sundhedsaftale.governance.actions.facts import (
    body_facts_get,
    body_facts_update,
    facts_as_dict,
    facts_of,
)
from sundhedsaftale.governance.actions.members import (
    MembershipInput,
    PersonInput,
    membership_add,
    membership_end,
    membership_update,
    person_update,
)
from sundhedsaftale.governance.body_selectors import (
    APPOINTED_BY_LABELS,
    ROLE_LABELS,
    BodyRow,
    Tally,
    active_on,
    body_children,
    body_cluster_id,
    body_findings,
    body_get,
    body_memberships,
    cluster_bodies,
    cluster_findings,
    cluster_get,
    country_overview,
    membership_get,
    person_get,
)
from sundhedsaftale.governance.finding_filters import filtered, finding_filter, plain_summary
from sundhedsaftale.governance.models import BODY_KIND_LABELS, Body, Membership, Person
from sundhedsaftale.governance.stored_findings import region_findings_plain
from sundhedsaftale.registry import clock

from .language import findings_in_language
from .schemas import (
    ApiDate,
    ErrorOut,
    FilterText,
    FindingAreaFilter,
    FindingKindFilter,
    FindingOut,
    FindingStatusFilter,
    InputSchema,
    Language,
    PageSize,
    PageStart,
    RecordId,
    VersionNumber,
)

router = Router(auth=django_auth)

E = TypeVar("E", bound=StrEnum)


# --- Schemas ------------------------------------------------------------------------------------------------


class PersonIn(InputSchema):
    name: str
    email: str = ""
    organisation: str = ""


class PersonUpdateIn(PersonIn):
    version: VersionNumber


class PersonOut(Schema):
    id: int
    key: str
    name: str
    email: str | None = Field(
        description=(
            "Kontaktoplysning: kun til regionens eget sekretariat, administratorer og for en klynges organer "
            "klyngens sekretariat; ellers null"
        )
    )
    organisation: str
    version: int


class MembershipFields(InputSchema):
    role: str
    appointed_by: str
    start: ApiDate
    end: ApiDate | None = None
    municipality_code: str | None = None
    cluster_id: str | None = None
    covers_psychiatry: bool = False
    represents: str | None = None
    chair: bool = False
    vice_chair: bool = False
    substitute: bool = False


class MembershipIn(MembershipFields):
    """An existing person by ``person_key``, or a new one in ``person``."""

    person_key: str | None = None
    person: PersonIn | None = None


class MembershipUpdateIn(MembershipFields):
    version: VersionNumber


class MembershipEndIn(InputSchema):
    end: ApiDate
    version: VersionNumber


class MembershipOut(Schema):
    id: int
    key: str
    body_key: str
    person: PersonOut
    role: str
    role_label: str
    appointed_by: str
    appointed_by_label: str
    municipality_code: str | None
    cluster_id: str | None
    covers_psychiatry: bool
    represents: str | None
    chair: bool
    vice_chair: bool
    substitute: bool
    start: dt.date
    end: dt.date | None
    version: int


class RulesOfProcedureIO(Schema):
    adopted_on: dt.date
    reference: str


class SeatOfferIO(Schema):
    to: str = Field(description="Hvem pladserne er tilbudt, fx patient_involvement_committee")
    seats: int
    offered_on: dt.date
    reference: str = ""
    response: str | None = Field(default=None, description="accepted, declined eller null (ikke registreret)")


class FactProvisionOut(Schema):
    fact: str
    cite: str
    words: str = Field(description="Bestemmelsens ord")


class BodyFactsOut(Schema):
    """The body's own facts; null (or an empty list of offers) is "ikke registreret"."""

    body_key: str
    version: int
    secretariat: list[str] | None
    rules_of_procedure: RulesOfProcedureIO | None
    seat_offers: list[SeatOfferIO]
    patient_committee_relevance: str | None
    patient_committee_relevance_reason: str
    provisions: list[FactProvisionOut] = Field(
        description="De forhold, reglerne læser for denne type organ, og bestemmelsen, hvert forhold tjener"
    )


class BodyFactsIn(InputSchema):
    """The facts you send replace those recorded; null clears a fact to "ikke registreret"; facts you leave out
    are kept. Only the facts of ``provisions`` can be recorded for the body's kind."""

    version: VersionNumber
    secretariat: list[str] | None = None
    rules_of_procedure: dict[str, Any] | None = None
    seat_offers: list[dict[str, Any]] | None = None
    patient_committee_relevance: str | None = None
    patient_committee_relevance_reason: str | None = None


class BodyRef(Schema):
    key: str
    name: str
    kind: str
    patient_committee_invited: bool


class BodyOut(Schema):
    key: str
    region_code: str
    kind: str
    kind_label: str
    name: str
    cluster_id: str | None
    parent_key: str | None
    patient_committee_invited: bool
    version: int
    at: dt.date
    members: list[MembershipOut]
    substitutes: list[MembershipOut]
    not_in_force: list[MembershipOut]
    children: list[BodyRef]
    meetings_url: str
    facts: BodyFactsOut


class BodyCreateIn(InputSchema):
    kind: str
    name: str
    patient_committee_invited: bool = False


class BodyUpdateIn(InputSchema):
    name: str
    patient_committee_invited: bool = False
    version: VersionNumber


class ScopeFindingsOut(Schema):
    subject_id: str
    region_code: str
    evaluated_on: dt.date
    summary: dict[str, int]
    findings: list[FindingOut]


class FindingCountsOut(Schema):
    requirements_broken: int
    advice_not_followed: int
    needs_judgement: int
    not_met: int
    total: int


class BodySummaryOut(Schema):
    key: str
    name: str
    kind: str
    summary: FindingCountsOut
    children: list[BodySummaryOut]


class ClusterSummaryOut(Schema):
    id: str
    name: str
    summary: FindingCountsOut
    bodies: list[BodySummaryOut]


class RegionSummaryOut(Schema):
    code: str
    name: str
    summary: FindingCountsOut
    bodies: list[BodySummaryOut]
    clusters: list[ClusterSummaryOut]
    agreements_and_region: FindingCountsOut


class CountryFindingsOut(Schema):
    evaluated_on: dt.date
    summary: FindingCountsOut
    regions: list[RegionSummaryOut]
    matched: int  # how many findings the filters let through (before limit and offset)
    findings: list[FindingOut]


# --- Helpers ------------------------------------------------------------------------------------------------


def _body(request: HttpRequest, key: str) -> Body:
    body = body_get(key)
    if body is None:
        raise Http404(f"Ukendt organ '{key}'")
    if not can_view_region(request.user, body.region_id):
        raise PermissionDenied("Ingen adgang til regionen")
    return body


def _membership(request: HttpRequest, pk: int) -> Membership:
    membership = membership_get(pk)
    if membership is None:
        raise Http404(f"Ukendt medlemskab {pk}")
    if not can_view_region(request.user, membership.body.region_id):
        raise PermissionDenied("Ingen adgang til regionen")
    return membership


def _require_edit(request: HttpRequest, body: Body) -> None:
    if not can_edit_body(request.user, body):
        raise PermissionDenied(f"Du har ikke adgang til at redigere {body.name} (region {body.region_id}).")


def _enum(kind: type[E], value: str, field: str, label: str) -> E:
    try:
        return kind(value)
    except ValueError:
        allowed = ", ".join(m.value for m in kind)
        raise Invalid(
            [(field, f"{label}: '{value}' er ikke en gyldig værdi; brug en af: {allowed}.")]
        ) from None


def _membership_input(payload: MembershipFields) -> MembershipInput:
    represents = payload.represents or None
    return MembershipInput(
        role=_enum(MemberRole, payload.role, "role", "Rolle"),
        appointed_by=_enum(AppointingBody, payload.appointed_by, "appointed_by", "Udpeget af"),
        start=payload.start,
        end=payload.end,
        municipality_code=payload.municipality_code or None,
        cluster_id=payload.cluster_id or None,
        covers_psychiatry=payload.covers_psychiatry,
        represents=_enum(Representation, represents, "represents", "Repræsenterer") if represents else None,
        chair=payload.chair,
        vice_chair=payload.vice_chair,
        substitute=payload.substitute,
    )


def _label(labels: dict[Any, Any], value: str) -> str:
    return next((str(v) for k, v in labels.items() if k.value == value), value)


def _person_out(p: Person, contacts: bool) -> PersonOut:
    """``contacts``: whether the reader may see the person's contact data (:func:`can_view_contacts`)."""
    return PersonOut(
        id=p.pk,
        key=p.key,
        name=p.name,
        email=p.email if contacts else None,
        organisation=p.organisation,
        version=p.version,
    )


def _contacts(user: AnyUser, body: Body) -> bool:
    return can_view_contacts(user, body.region_id, body_cluster_id(body))


def _membership_out(m: Membership, contacts: bool) -> MembershipOut:
    return MembershipOut(
        id=m.pk,
        key=m.key,
        body_key=m.body.key,
        person=_person_out(m.person, contacts),
        role=m.role,
        role_label=_label(ROLE_LABELS, m.role),
        appointed_by=m.appointed_by,
        appointed_by_label=_label(APPOINTED_BY_LABELS, m.appointed_by),
        municipality_code=m.municipality_id,
        cluster_id=m.cluster_id,
        covers_psychiatry=m.covers_psychiatry,
        represents=m.represents or None,
        chair=m.chair,
        vice_chair=m.vice_chair,
        substitute=m.substitute,
        start=m.start,
        end=m.end,
        version=m.version,
    )


def _body_out(body: Body, at: dt.date, user: AnyUser) -> BodyOut:
    contacts = _contacts(user, body)
    rows = list(body_memberships(body).order_by("-chair", "-vice_chair", "role", "person__name", "key"))
    for m in rows:
        m.body = body
    members = [m for m in rows if active_on(m, at) and not m.substitute]
    substitutes = [m for m in rows if active_on(m, at) and m.substitute]
    other = [m for m in rows if not active_on(m, at)]
    try:
        kind_label = str(BODY_KIND_LABELS[BodyKind(body.kind)])
    except ValueError:
        kind_label = body.kind
    return BodyOut(
        key=body.key,
        region_code=body.region_id,
        kind=body.kind,
        kind_label=kind_label,
        name=body.name,
        cluster_id=body_cluster_id(body),
        parent_key=body.parent.key if body.parent_id and body.parent else None,
        patient_committee_invited=body.patient_committee_invited,
        version=body.version,
        at=at,
        members=[_membership_out(m, contacts) for m in members],
        substitutes=[_membership_out(m, contacts) for m in substitutes],
        not_in_force=[_membership_out(m, contacts) for m in other],
        children=[
            BodyRef(
                key=c.key, name=c.name, kind=c.kind, patient_committee_invited=c.patient_committee_invited
            )
            for c in body_children(body)
        ],
        meetings_url=f"/organer/{body.key}/moeder/",
        facts=_facts_out(body),
    )


def _facts_out(body: Body) -> BodyFactsOut:
    data = facts_as_dict(body_facts_get(body))
    return BodyFactsOut(
        body_key=body.key,
        version=body.version,
        secretariat=data["secretariat"],
        rules_of_procedure=data["rules_of_procedure"],
        seat_offers=data["seat_offers"],
        patient_committee_relevance=data["patient_committee_relevance"],
        patient_committee_relevance_reason=data["patient_committee_relevance_reason"],
        provisions=[FactProvisionOut(fact=p.fact, cite=p.cite, words=p.words) for p in facts_of(body)],
    )


def _findings_out(
    subject_id: str, region_code: str, at: dt.date, found: list[dict[str, Any]], lang: str | None
) -> dict[str, Any]:
    """A scope's findings, read from the region's stored findings (ADR 0032), in the language asked for."""
    return {
        "subject_id": subject_id,
        "region_code": region_code,
        "evaluated_on": at,
        "summary": plain_summary(found),
        "findings": findings_in_language(found, lang),
    }


def _counts(t: Tally) -> dict[str, int]:
    return t.as_dict()


def _body_summary(row: BodyRow) -> dict[str, Any]:
    return {
        "key": row.body.key,
        "name": row.body.name,
        "kind": row.body.kind,
        "summary": _counts(row.tally),
        "children": [_body_summary(c) for c in row.children],
    }


# --- Routes -------------------------------------------------------------------------------------------------

_ERRORS_READ: dict[int, Any] = {403: ErrorOut, 404: ErrorOut}
_ERRORS_WRITE: dict[int, Any] = {403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut}


@router.get(
    "/bodies/{key}",
    response={200: BodyOut, **_ERRORS_READ},
    summary="Et organ med dets medlemmer på en dato (standard i dag)",
)
def body(request: HttpRequest, key: str, at: ApiDate | None = None) -> BodyOut:
    return _body_out(_body(request, key), at or clock.today(), request.user)


@router.put(
    "/bodies/{key}",
    response={200: BodyOut, **_ERRORS_WRITE},
    summary="Ret et organs navn og om patientinddragelsesudvalget er inviteret; 'version' skal være den, du læste",
)
def body_put(request: HttpRequest, key: str, payload: BodyUpdateIn) -> Status[Any]:
    found = _body(request, key)
    _require_edit(request, found)
    try:
        updated = body_update(
            actor=request.user,
            body_key=key,
            expected_version=payload.version,
            data=BodyInput(payload.name, payload.patient_committee_invited),
        )
    except Invalid as exc:
        return Status(422, {"detail": str(exc)})
    return Status(200, _body_out(updated, clock.today(), request.user))


@router.get(
    "/bodies/{key}/facts",
    response={200: BodyFactsOut, **_ERRORS_READ},
    summary="Organets egne forhold: sekretariat, forretningsorden, tilbudte pladser og relevans (null = ikke registreret)",
)
def body_facts_read(request: HttpRequest, key: str) -> BodyFactsOut:
    return _facts_out(_body(request, key))


@router.put(
    "/bodies/{key}/facts",
    response={200: BodyFactsOut, **_ERRORS_WRITE},
    summary="Registrér organets forhold; de felter, du sender, erstatter de registrerede (null = ikke registreret); 'version' skal være den, du læste",
)
def body_facts_put(request: HttpRequest, key: str, payload: BodyFactsIn) -> Status[Any]:
    found = _body(request, key)
    _require_edit(request, found)
    data = {name: getattr(payload, name) for name in payload.model_fields_set if name != "version"}
    if (
        data.get("patient_committee_relevance_reason") is None
        and "patient_committee_relevance_reason" in data
    ):
        data["patient_committee_relevance_reason"] = ""
    if data.get("seat_offers") is None and "seat_offers" in data:
        data["seat_offers"] = []
    try:
        updated = body_facts_update(
            actor=request.user, body_key=key, expected_version=payload.version, data=data
        )
    except Invalid as exc:
        return Status(422, {"detail": str(exc)})
    return Status(200, _facts_out(updated))


@router.post(
    "/bodies/{key}/groups",
    response={201: BodyOut, **_ERRORS_WRITE},
    summary="Nedsæt et underudvalg eller en arbejdsgruppe under organet (§ 10, stk. 4; § 16, stk. 4)",
)
def group_post(request: HttpRequest, key: str, payload: BodyCreateIn) -> Status[Any]:
    parent = _body(request, key)
    _require_edit(request, parent)
    try:
        kind = _enum(BodyKind, payload.kind, "kind", "Type")
        created = body_create(
            actor=request.user,
            parent_key=key,
            kind=kind,
            data=BodyInput(payload.name, payload.patient_committee_invited),
        )
    except Invalid as exc:
        return Status(422, {"detail": str(exc)})
    return Status(201, _body_out(created, clock.today(), request.user))


@router.post(
    "/bodies/{key}/memberships",
    response={201: MembershipOut, **_ERRORS_WRITE},
    summary="Tilføj et medlemskab: en eksisterende person (person_key) eller en ny (person)",
)
def membership_post(request: HttpRequest, key: str, payload: MembershipIn) -> Status[Any]:
    found = _body(request, key)
    _require_edit(request, found)
    try:
        new_person = (
            PersonInput(payload.person.name, payload.person.email, payload.person.organisation)
            if payload.person is not None and not payload.person_key
            else None
        )
        created = membership_add(
            actor=request.user,
            body_key=key,
            data=_membership_input(payload),
            person_key=payload.person_key or None,
            new_person=new_person,
        )
    except Invalid as exc:
        return Status(422, {"detail": str(exc)})
    return Status(201, _membership_out(created, _contacts(request.user, found)))


@router.put(
    "/memberships/{pk}",
    response={200: MembershipOut, **_ERRORS_WRITE},
    summary="Ret et medlemskab; 'version' skal være den, du læste (ellers 409)",
)
def membership_put(request: HttpRequest, pk: RecordId, payload: MembershipUpdateIn) -> Status[Any]:
    found = _membership(request, pk)
    _require_edit(request, found.body)
    try:
        updated = membership_update(
            actor=request.user, pk=pk, expected_version=payload.version, data=_membership_input(payload)
        )
    except Invalid as exc:
        return Status(422, {"detail": str(exc)})
    return Status(200, _membership_out(updated, _contacts(request.user, found.body)))


@router.post(
    "/memberships/{pk}/end",
    response={200: MembershipOut, **_ERRORS_WRITE},
    summary="Afslut et medlemskab på en dato; det slettes ikke",
)
def membership_end_post(request: HttpRequest, pk: RecordId, payload: MembershipEndIn) -> Status[Any]:
    found = _membership(request, pk)
    _require_edit(request, found.body)
    try:
        ended = membership_end(actor=request.user, pk=pk, end=payload.end, expected_version=payload.version)
    except Invalid as exc:
        return Status(422, {"detail": str(exc)})
    return Status(200, _membership_out(ended, _contacts(request.user, found.body)))


@router.put(
    "/persons/{pk}",
    response={200: PersonOut, **_ERRORS_WRITE},
    summary="Ret en persons navn, e-mail og organisation; 'version' skal være den, du læste",
)
def person_put(request: HttpRequest, pk: RecordId, payload: PersonUpdateIn) -> Status[Any]:
    person = person_get(pk)
    if person is None:
        raise Http404(f"Ukendt person {pk}")
    try:
        updated = person_update(
            actor=request.user,
            pk=pk,
            expected_version=payload.version,
            data=PersonInput(payload.name, payload.email, payload.organisation),
        )
    except Invalid as exc:
        return Status(422, {"detail": str(exc)})
    # Whoever may edit the person keeps its contact data (accounts.permissions.can_edit_person).
    return Status(200, _person_out(updated, contacts=True))


@router.get(
    "/bodies/{key}/findings",
    response={200: ScopeFindingsOut, **_ERRORS_READ},
    summary="Organets fund på en dato",
)
def body_findings_get(
    request: HttpRequest, key: str, at: ApiDate | None = None, lang: Language | None = None
) -> dict[str, Any]:
    found = _body(request, key)
    day = at or clock.today()
    return _findings_out(
        found.key,
        found.region_id,
        day,
        body_findings(found, region_findings_plain(found.region_id, day)),
        lang,
    )


@router.get(
    "/clusters/{cluster_id}/findings",
    response={200: ScopeFindingsOut, **_ERRORS_READ},
    summary="Sundhedsklyngens fund på en dato: klyngen, dens to niveauer og deres arbejdsgrupper",
)
def cluster_findings_get(
    request: HttpRequest, cluster_id: str, at: ApiDate | None = None, lang: Language | None = None
) -> dict[str, Any]:
    cluster = cluster_get(cluster_id)
    if cluster is None:
        raise Http404(f"Ukendt sundhedsklynge '{cluster_id}'")
    if not can_view_region(request.user, cluster.region_id):
        raise PermissionDenied("Ingen adgang til regionen")
    day = at or clock.today()
    found = cluster_findings(
        cluster.id, cluster_bodies(cluster.id), region_findings_plain(cluster.region_id, day)
    )
    return _findings_out(cluster.id, cluster.region_id, day, found, lang)


@router.get(
    "/country/findings",
    response={200: CountryFindingsOut, 403: ErrorOut, 422: ErrorOut},
    summary="Hele landet: optælling pr. region, klynge og organ, og de fund, filtrene lader igennem",
)
def country_findings_get(
    request: HttpRequest,
    at: ApiDate | None = None,
    status: FindingStatusFilter | None = None,
    kind: FindingKindFilter | None = None,
    area: FindingAreaFilter | None = None,
    subject: FilterText | None = None,
    provision: FilterText | None = None,
    region: FilterText | None = None,
    needs_action: bool = False,
    limit: PageSize | None = None,
    offset: PageStart = 0,
    lang: Language | None = None,
) -> Status[Any]:
    """The counts, and the findings that are not met; with filters (as the region's findings and the findings
    list on the pages): ``needs_action`` keeps what is not met or needs judgement, ``status`` one status,
    ``region`` one region's. Read from the stored findings (ADR 0032)."""
    day = at or clock.today()  # which regions exist depends on the day (ADR 0029)
    overview = country_overview(day)
    codes = [r.region.code for r in overview.regions]
    if region is not None and region not in codes:
        return Status(422, {"detail": f"region: '{region}' er ikke en af {', '.join(codes)}"})
    everything = [f for r in overview.regions for f in r.findings]
    chosen = finding_filter(
        status=status or ("" if needs_action else "not_met"),
        kind=kind or "",
        area=area or "",
        subject=subject or "",
        provision=provision or "",
        region=region or "",
    )
    listed = filtered(everything, chosen)
    end = None if limit is None else offset + limit
    return Status(
        200,
        {
            "evaluated_on": day,
            "summary": _counts(overview.tally),
            "regions": [
                {
                    "code": r.region.code,
                    "name": r.region.name,
                    "summary": _counts(r.tally),
                    "bodies": [_body_summary(b) for b in r.bodies],
                    "clusters": [
                        {
                            "id": c.cluster.id,
                            "name": c.cluster.name,
                            "summary": _counts(c.tally),
                            "bodies": [_body_summary(b) for b in c.bodies],
                        }
                        for c in r.clusters
                    ],
                    "agreements_and_region": _counts(r.other),
                }
                for r in overview.regions
            ],
            "matched": len(listed),
            "findings": findings_in_language(listed[offset:end], lang),
        },
    )
