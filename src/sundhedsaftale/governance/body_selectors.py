"""Reading bodies, members and where they fall short of the law: for a body, a cluster, a region, the country.

Members on a date are grouped by role, with substitutes (§ 25, stk. 3) and memberships not in force on the
date kept apart. Findings come from the rulebook on the region's case; the national overview reads every
region's case with one query per table (:func:`national_cases`) instead of one case snapshot per region.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, TypeVar

from django.db.models import Q, QuerySet
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from sundhedsaftale.core.case import AppointingBody, BodyKind, MemberRole, Representation
from sundhedsaftale.core.rules import Finding, RuleKind, Status, SubjectKind
from sundhedsaftale.registry.models import HealthCluster, Region
from sundhedsaftale.registry.selectors import regions_on

from .models import Body, Membership, Person

ROLE_LABELS: dict[MemberRole, Promise] = {
    MemberRole.REGIONAL_COUNCIL_CHAIR: _("Regionsrådsformand"),
    MemberRole.REGIONAL_COUNCIL_MEMBER: _("Regionsrådsmedlem"),
    MemberRole.MAYOR: _("Borgmester"),
    MemberRole.DEPUTY_MAYOR: _("Fagborgmester"),
    MemberRole.COMMITTEE_CHAIR: _("Udvalgsformand"),
    MemberRole.MAGISTRATE_MEMBER: _("Magistratsmedlem"),
    MemberRole.REGIONAL_REPRESENTATIVE: _("Repræsentant for regionen"),
    MemberRole.MUNICIPAL_REPRESENTATIVE: _("Repræsentant for en kommune"),
    MemberRole.GENERAL_PRACTITIONER: _("Praktiserende læge"),
    MemberRole.PATIENT_REPRESENTATIVE: _("Repræsentant for patienter og pårørende"),
    MemberRole.ASSISTING_REPRESENTATIVE: _("Bistående repræsentant (§ 10, stk. 2)"),
    MemberRole.EXPERT: _("Fagkundskab inddraget efter behov (§ 10, stk. 3)"),
    MemberRole.OTHER: _("Andet medlem"),
}

ROLE_GROUP_LABELS: dict[MemberRole, Promise] = {
    MemberRole.REGIONAL_COUNCIL_CHAIR: _("Regionsrådsformanden"),
    MemberRole.REGIONAL_COUNCIL_MEMBER: _("Regionsrådsmedlemmer"),
    MemberRole.MAYOR: _("Borgmestre"),
    MemberRole.DEPUTY_MAYOR: _("Fagborgmestre"),
    MemberRole.COMMITTEE_CHAIR: _("Udvalgsformænd"),
    MemberRole.MAGISTRATE_MEMBER: _("Magistratsmedlemmer"),
    MemberRole.REGIONAL_REPRESENTATIVE: _("Repræsentanter for regionen"),
    MemberRole.MUNICIPAL_REPRESENTATIVE: _("Repræsentanter for kommunerne"),
    MemberRole.GENERAL_PRACTITIONER: _("Praktiserende læger"),
    MemberRole.PATIENT_REPRESENTATIVE: _("Repræsentanter for patienter og pårørende"),
    MemberRole.ASSISTING_REPRESENTATIVE: _("Bistående repræsentanter efter dagsorden (§ 10, stk. 2)"),
    MemberRole.EXPERT: _("Fagkundskab inddraget efter behov (§ 10, stk. 3)"),
    MemberRole.OTHER: _("Andre medlemmer"),
}

APPOINTED_BY_LABELS: dict[AppointingBody, Promise] = {
    AppointingBody.REGIONAL_COUNCIL: _("Regionsrådet"),
    AppointingBody.MUNICIPAL_COUNCIL: _("Kommunalbestyrelsen"),
    AppointingBody.PLO: _("Praktiserende Lægers Organisation (PLO)"),
    AppointingBody.DANSKE_PATIENTER: _("Danske Patienter"),
    AppointingBody.DANSKE_HANDICAPORGANISATIONER: _("Danske Handicaporganisationer"),
    AppointingBody.REGIONSAELDRERAADET: _("Regionsældrerådet"),
    AppointingBody.AELDRE_SAGEN: _("Ældre Sagen"),
    AppointingBody.PATIENT_INVOLVEMENT_COMMITTEE: _("Patientinddragelsesudvalget"),
    AppointingBody.MUNICIPALITIES_JOINTLY: _("Kommunerne i fællesskab"),
}

REPRESENTATION_LABELS: dict[Representation, Promise] = {
    Representation.SOMATIC: _("Somatiske lidelser"),
    Representation.PSYCHIATRIC: _("Psykiske lidelser"),
    Representation.BOTH: _("Både somatiske og psykiske lidelser"),
}

CLUSTER_LEVELS = (BodyKind.POLITICAL_LEVEL.value, BodyKind.PROFESSIONAL_LEVEL.value)
CHILD_KINDS = (BodyKind.SUBCOMMITTEE.value, BodyKind.WORKING_GROUP.value)
# Roles that are not seats: people who assist or advise on a meeting (§ 10, stk. 2 and 3).
NON_SEAT_ROLES = (MemberRole.ASSISTING_REPRESENTATIVE.value, MemberRole.EXPERT.value)
_NOT_BODIES = (SubjectKind.REGION, SubjectKind.CLUSTER, SubjectKind.AGREEMENT)


# --- Bodies, persons, memberships ------------------------------------------------------------------------


def body_get(key: str) -> Body | None:
    return (
        Body.objects.filter(key=key).select_related("region", "cluster", "parent", "parent__cluster").first()
    )


def body_cluster_id(body: Body) -> str | None:
    """The cluster a body belongs to: its own (a cluster level) or its parent's (a group under a level)."""
    if body.cluster_id:
        return body.cluster_id
    if body.parent_id is not None and body.parent is not None:
        return body.parent.cluster_id or None
    return None


def body_children(body: Body) -> QuerySet[Body]:
    """Sub-committees and working groups set up under the body (§ 10, stk. 4; § 16, stk. 4)."""
    return Body.objects.filter(parent=body).order_by("kind", "name")


def membership_get(pk: int) -> Membership | None:
    return (
        Membership.objects.filter(pk=pk)
        .select_related("body", "body__region", "body__parent", "body__cluster", "person", "municipality")
        .first()
    )


def person_get(pk: int) -> Person | None:
    return Person.objects.filter(pk=pk).first()


def person_bodies(person: Person) -> QuerySet[Body]:
    """Every body the person has (or had) a membership of."""
    return Body.objects.filter(memberships__person=person).select_related("parent").distinct()


def region_people(region_code: str) -> QuerySet[Person]:
    """The people the region's secretariat keeps: the only ones who may be given a seat in the region."""
    return Person.objects.filter(region_id=region_code).order_by("name", "key")


def body_memberships(body: Body) -> QuerySet[Membership]:
    return Membership.objects.filter(body=body).select_related("person", "municipality", "cluster")


def active_on(membership: Membership, day: dt.date) -> bool:
    return membership.start <= day and (membership.end is None or day <= membership.end)


@dataclass
class MemberGroup:
    role: str
    label: str
    memberships: list[Membership]


@dataclass
class Composition:
    """A body's members on a date: ordinary members by role, substitutes, and memberships not in force."""

    at: dt.date
    groups: list[MemberGroup]
    substitutes: list[Membership]
    ended: list[Membership]
    upcoming: list[Membership]

    @property
    def count(self) -> int:
        return sum(len(g.memberships) for g in self.groups)

    def all(self) -> list[Membership]:
        return [
            *(m for g in self.groups for m in g.memberships),
            *self.substitutes,
            *self.ended,
            *self.upcoming,
        ]


def _sort_key(m: Membership) -> tuple[bool, bool, str, str]:
    return (not m.chair, not m.vice_chair, m.person.name, m.key)


def composition_on(body: Body, at: dt.date) -> Composition:
    ordinary: dict[str, list[Membership]] = defaultdict(list)
    substitutes: list[Membership] = []
    ended: list[Membership] = []
    upcoming: list[Membership] = []
    for m in body_memberships(body):
        if m.end is not None and m.end < at:
            ended.append(m)
        elif m.start > at:
            upcoming.append(m)
        elif m.substitute:
            substitutes.append(m)
        else:
            ordinary[m.role].append(m)
    groups = [
        MemberGroup(role.value, str(ROLE_GROUP_LABELS[role]), sorted(ordinary.pop(role.value), key=_sort_key))
        for role in MemberRole
        if role.value in ordinary
    ]
    groups += [MemberGroup(role, role, sorted(ms, key=_sort_key)) for role, ms in ordinary.items()]
    return Composition(
        at=at,
        groups=groups,
        substitutes=sorted(substitutes, key=_sort_key),
        ended=sorted(ended, key=lambda m: (m.end or at, m.person.name), reverse=True),
        upcoming=sorted(upcoming, key=lambda m: (m.start, m.person.name)),
    )


# --- Clusters -----------------------------------------------------------------------------------------------


def cluster_get(cluster_id: str) -> HealthCluster | None:
    return (
        HealthCluster.objects.filter(id=cluster_id)
        .select_related("region")
        .prefetch_related("municipalities")
        .first()
    )


def cluster_bodies(cluster_id: str) -> list[Body]:
    """The cluster's two levels, then what is set up under them."""
    levels = list(
        Body.objects.filter(cluster_id=cluster_id, kind__in=CLUSTER_LEVELS).order_by("kind", "name", "key")
    )
    children = Body.objects.filter(Q(parent__in=levels) | Q(cluster_id=cluster_id, kind__in=CHILD_KINDS))
    return levels + list(children.exclude(pk__in=[b.pk for b in levels]).distinct().order_by("name", "key"))


# --- Findings for a scope -----------------------------------------------------------------------------------


# A finding as the engine gives it, or as it is stored (``finding_as_dict``'s shape): the selectors below read either.
F = TypeVar("F", Finding, dict[str, Any])


def _about(finding: Finding | Mapping[str, Any]) -> tuple[str, str, str]:
    """The subject's kind and id, and the rule, of a finding or a stored finding."""
    if isinstance(finding, Mapping):
        return finding["subject_kind"], finding["subject_id"], finding["rule_id"]
    return finding.subject.kind.value, finding.subject.id, finding.rule_id


_NOT_BODY_VALUES = frozenset(k.value for k in _NOT_BODIES)


def is_body_finding(finding: Finding | Mapping[str, Any], body_key: str) -> bool:
    kind, subject_id, _rule = _about(finding)
    return subject_id == body_key and kind not in _NOT_BODY_VALUES


def body_findings(body: Body, findings: Iterable[F]) -> list[F]:
    """The findings about ``body`` among a region's findings."""
    return [f for f in findings if is_body_finding(f, body.key)]


def group_findings(body: Body, findings: Iterable[F]) -> list[F]:
    """For a group under a cluster level: the cluster's findings about its groups (§ 30, stk. 3)."""
    cluster_id = body_cluster_id(body)
    if body.kind not in CHILD_KINDS or not cluster_id:
        return []
    found = []
    for f in findings:
        kind, subject_id, rule_id = _about(f)
        if kind == SubjectKind.CLUSTER.value and subject_id == cluster_id and ".arbejdsgrupper" in rule_id:
            found.append(f)
    return found


def cluster_findings(cluster_id: str, bodies: Iterable[Body], findings: Iterable[F]) -> list[F]:
    """The cluster's own findings and its levels' (and groups')."""
    keys = {b.key for b in bodies}
    found = []
    for f in findings:
        kind, subject_id, _rule = _about(f)
        if (kind == SubjectKind.CLUSTER.value and subject_id == cluster_id) or (
            kind not in _NOT_BODY_VALUES and subject_id in keys
        ):
            found.append(f)
    return found


@dataclass
class Tally:
    """Counts for a scope: binding requirements broken, advice not followed, needing judgement."""

    broken: int = 0
    advice: int = 0
    judgement: int = 0
    not_met: int = 0
    total: int = 0

    def add(self, finding: Finding | Mapping[str, Any]) -> None:
        """Count a finding, or a stored one (``finding_as_dict``'s shape): statuses and kinds compare as text."""
        if isinstance(finding, Mapping):
            status, kind = finding["status"], finding["kind"]
        else:
            status, kind = finding.status, finding.kind
        self.total += 1
        if status == Status.NOT_MET:
            self.not_met += 1
            if kind == RuleKind.REQUIREMENT:
                self.broken += 1
            else:
                self.advice += 1
        elif status == Status.NEEDS_JUDGEMENT:
            self.judgement += 1

    def extend(self, findings: Iterable[Finding | Mapping[str, Any]]) -> Tally:
        for f in findings:
            self.add(f)
        return self

    def as_dict(self) -> dict[str, int]:
        return {
            "requirements_broken": self.broken,
            "advice_not_followed": self.advice,
            "needs_judgement": self.judgement,
            "not_met": self.not_met,
            "total": self.total,
        }


def tally(findings: Iterable[Finding | Mapping[str, Any]]) -> Tally:
    return Tally().extend(findings)


@dataclass
class BodyRow:
    body: Body
    tally: Tally
    children: list[BodyRow] = field(default_factory=list)


@dataclass
class ClusterRow:
    cluster: HealthCluster
    tally: Tally  # the cluster's own findings and its bodies'
    own: Tally  # the cluster's own findings (e.g. § 30, stk. 3 for its working groups)
    bodies: list[BodyRow]


@dataclass
class RegionRow:
    region: Region
    tally: Tally
    bodies: list[BodyRow]  # the committee, the patient involvement committee, and groups under the committee
    clusters: list[ClusterRow]
    other: Tally  # the region's own findings and its agreements'
    findings: list[dict[str, Any]]  # stored, in the shape of finding_as_dict


@dataclass
class CountryOverview:
    at: dt.date
    tally: Tally
    regions: list[RegionRow]

    def not_met(self) -> list[dict[str, Any]]:
        return [f for r in self.regions for f in r.findings if f["status"] == Status.NOT_MET.value]


def _body_rows(bodies: list[Body], findings_by_subject: dict[str, list[dict[str, Any]]]) -> list[BodyRow]:
    rows = {b.pk: BodyRow(b, tally(findings_by_subject.get(b.key, ()))) for b in bodies}
    top: list[BodyRow] = []
    for b in bodies:
        parent = rows.get(b.parent_id) if b.parent_id is not None else None
        (parent.children if parent is not None else top).append(rows[b.pk])
    return top


_PLAIN_NOT_BODIES = tuple(k.value for k in _NOT_BODIES)


def _region_row(
    region: Region, clusters: list[HealthCluster], bodies: list[Body], findings: list[dict[str, Any]]
) -> RegionRow:
    by_subject: dict[str, list[dict[str, Any]]] = defaultdict(list)
    cluster_own: dict[str, list[dict[str, Any]]] = defaultdict(list)
    other: list[dict[str, Any]] = []
    for f in findings:
        if f["subject_kind"] == SubjectKind.CLUSTER.value:
            cluster_own[f["subject_id"]].append(f)
        elif f["subject_kind"] in _PLAIN_NOT_BODIES:
            other.append(f)
        else:
            by_subject[f["subject_id"]].append(f)
    by_cluster: dict[str | None, list[Body]] = defaultdict(list)
    for b in bodies:
        by_cluster[body_cluster_id(b)].append(b)
    cluster_rows = []
    for c in clusters:
        members = by_cluster.get(c.id, [])
        own = tally(cluster_own.get(c.id, ()))
        total = tally(cluster_own.get(c.id, ())).extend(f for b in members for f in by_subject.get(b.key, ()))
        cluster_rows.append(ClusterRow(c, total, own, _body_rows(members, by_subject)))
    return RegionRow(
        region=region,
        tally=tally(findings),
        bodies=_body_rows(by_cluster.get(None, []), by_subject),
        clusters=cluster_rows,
        other=tally(other),
        findings=findings,
    )


def country_overview(at: dt.date) -> CountryOverview:
    """Every region with its clusters and bodies and their counts on ``at``, from the stored findings (ADR 0032):
    computed only for a region whose record changed since they were stored."""
    from .stored_findings import region_findings_plain_many

    # The regions that exist on ``at``: five before 1 January 2027, four from then (ADR 0029).
    regions = list(regions_on(at).order_by("code"))
    clusters: dict[str, list[HealthCluster]] = defaultdict(list)
    for c in HealthCluster.objects.order_by("name", "id"):
        clusters[c.region_id].append(c)
    bodies: dict[str, list[Body]] = defaultdict(list)
    order = {kind.value: n for n, kind in enumerate(BodyKind)}
    for b in sorted(
        Body.objects.select_related("parent"), key=lambda b: (order.get(b.kind, 99), b.name, b.key)
    ):
        bodies[b.region_id].append(b)
    # Only a region of the 2022 order holds a case (one with health clusters).
    findings = region_findings_plain_many([r.code for r in regions if r.code in clusters], at)
    rows = [_region_row(r, clusters[r.code], bodies[r.code], findings.get(r.code, [])) for r in regions]
    return CountryOverview(at=at, tally=tally(f for r in rows for f in r.findings), regions=rows)
