"""Planning the transition of one region's record to the 2027 structure. Pure: no database, no clock."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from ..case import AppointingBody, Body, BodyKind, Membership, RegionCase
from ..errors import CaseError
from ..lifecycle import in_force
from ..obligations import Obligation, ObligationStatus
from ..periods import danish_date
from ..reference import HealthCouncil, ReferenceData, Region

__all__ = ["TRANSITION_DAY", "Mapping", "PlanItem", "Section", "Target", "TransitionPlan", "plan_transition"]

# Overgangsloven § 2 [V]: the structural changes take effect on 1 January 2027. The default, not a constant the
# planner relies on: every date comes in as an argument.
TRANSITION_DAY = dt.date(2027, 1, 1)

_ABOLISHED = "L 214 (2024–25) afskaffer sundhedsklynger, sundhedssamarbejdsudvalg og sundhedsaftaler i deres nuværende form"
_TAKES_OVER = (
    "overgangsloven § 126: Region Østdanmark overtager regionens aktiver, passiver, rettigheder og pligter"
)


class Section(StrEnum):
    BODIES = "bodies"
    PEOPLE = "people"
    WORK = "work"

    @property
    def label(self) -> str:
        return {"bodies": "Organer", "people": "Personer og deres organisationer", "work": "Åbent arbejde"}[
            self.value
        ]


class Mapping(StrEnum):
    ONE_TO_ONE = "one_to_one"
    DECISION = "decision"

    @property
    def label(self) -> str:
        return {"one_to_one": "Én til én", "decision": "Kræver en beslutning"}[self.value]


@dataclass(frozen=True)
class Target:
    kind: str  # "council" (a sundhedsråd) or "region"
    id: str
    name: str


@dataclass(frozen=True)
class PlanItem:
    section: Section
    key: str  # stable across plans of the same records: what the applied record is known by
    source_kind: str
    source_id: str
    source_name: str
    targets: tuple[Target, ...]
    mapping: Mapping
    reason: str
    person_id: str = ""
    person_name: str = ""
    organisation: str = ""
    organisation_after: str = ""

    @property
    def target(self) -> Target | None:
        """The one successor, when the item maps one-to-one."""
        return self.targets[0] if self.mapping is Mapping.ONE_TO_ONE else None


@dataclass(frozen=True)
class TransitionPlan:
    region_code: str
    region_name: str
    on: dt.date
    successor: Target
    items: tuple[PlanItem, ...]
    digest: str  # of the records planned from, with their versions: a changed record makes a plan stale

    def one_to_one(self) -> list[PlanItem]:
        return [i for i in self.items if i.mapping is Mapping.ONE_TO_ONE]

    def needs_decision(self) -> list[PlanItem]:
        return [i for i in self.items if i.mapping is Mapping.DECISION]

    def section(self, section: Section) -> list[PlanItem]:
        return [i for i in self.items if i.section is section]


_APPOINTED_BY = {
    AppointingBody.REGIONAL_COUNCIL: "regionsrådet",
    AppointingBody.MUNICIPAL_COUNCIL: "kommunalbestyrelsen",
    AppointingBody.PLO: "PLO",
    AppointingBody.DANSKE_PATIENTER: "Danske Patienter",
    AppointingBody.DANSKE_HANDICAPORGANISATIONER: "Danske Handicaporganisationer",
    AppointingBody.REGIONSAELDRERAADET: "Regionsældrerådet",
    AppointingBody.AELDRE_SAGEN: "Ældre Sagen",
    AppointingBody.PATIENT_INVOLVEMENT_COMMITTEE: "patientinddragelsesudvalget",
    AppointingBody.MUNICIPALITIES_JOINTLY: "kommunerne i fællesskab",
}


@dataclass(frozen=True)
class _Context:
    case: RegionCase
    reference: ReferenceData
    region: Region
    successor: Region
    on: dt.date

    def council_target(self, council: HealthCouncil) -> Target:
        return Target("council", council.id, council.name)

    @property
    def region_target(self) -> Target:
        return Target("region", self.successor.code, self.successor.name)

    def municipality_name(self, code: str) -> str:
        known = self.reference.municipalities.get(code)
        return f"{known.name} Kommune" if known else code

    def councils_of(self, municipality_codes: Iterable[str]) -> tuple[list[HealthCouncil], list[str]]:
        """The councils of the municipalities, in order, and the municipalities whose council is disputed."""
        councils: dict[str, HealthCouncil] = {}
        disputed: list[str] = []
        for code in municipality_codes:
            council = self.reference.council_of_municipality(code)
            if council is None:
                continue
            councils.setdefault(council.id, council)
            if code in council.disputed_codes:
                disputed.append(code)
        return sorted(councils.values(), key=lambda c: c.id), disputed

    def cluster_councils(self, cluster_id: str) -> tuple[list[HealthCouncil], list[str]]:
        cluster = self.case.cluster(cluster_id)
        return self.councils_of(cluster.municipality_codes if cluster else ())


def plan_transition(
    *,
    case: RegionCase,
    reference: ReferenceData,
    open_obligations: Sequence[Obligation] = (),
    on: dt.date = TRANSITION_DAY,
) -> TransitionPlan:
    """The plan for carrying ``case``'s people, organisations and open work to the successors on ``on``.

    Raises :class:`CaseError` when the region is unknown or no sundhedsråd exists on ``on`` (nothing to map to).
    """
    region = reference.regions.get(case.region.code)
    successor = reference.successor_region_of(case.region.code)
    if region is None or successor is None:
        raise CaseError(f"region '{case.region.code}' findes ikke i referencedata")
    if not any(c.valid_from <= on for c in reference.councils.values()):
        first = min((c.valid_from for c in reference.councils.values()), default=None)
        raise CaseError(
            f"der findes ingen sundhedsråd den {danish_date(on)}"
            + (f"; de første fra {danish_date(first)}" if first else "")
        )
    if not successor.exists_on(on):
        raise CaseError(f"{successor.name} findes ikke den {danish_date(on)}")
    ctx = _Context(case, reference, region, successor, on)
    bodies = {b.id: b for b in case.bodies}
    items = [
        *(_body_item(ctx, b, bodies) for b in case.bodies),
        *(
            _person_item(ctx, b, m, bodies)
            for b in case.bodies
            for m in b.memberships
            if m.active_on(on - dt.timedelta(days=1))
        ),
        *_work_items(ctx, open_obligations),
    ]
    return TransitionPlan(
        region_code=region.code,
        region_name=region.name,
        on=on,
        successor=ctx.region_target,
        items=tuple(items),
        digest=_digest(case, on),
    )


def _cluster_of(body: Body, bodies: dict[str, Body]) -> str | None:
    """A body's cluster, a working group's through its parent."""
    seen: set[str] = set()
    current: Body | None = body
    while current is not None and current.id not in seen:
        if current.cluster_id:
            return current.cluster_id
        seen.add(current.id)
        current = bodies.get(current.parent_body_id) if current.parent_body_id else None
    return None


def _cluster_mapping(ctx: _Context, cluster_id: str) -> tuple[tuple[Target, ...], Mapping, str]:
    councils, disputed = ctx.cluster_councils(cluster_id)
    targets = tuple(ctx.council_target(c) for c in councils)
    if not councils:
        return (ctx.region_target,), Mapping.DECISION, "ingen af klyngens kommuner er med i et sundhedsråd"
    if disputed:
        names = ", ".join(ctx.municipality_name(code) for code in disputed)
        return targets, Mapping.DECISION, f"kilderne er uenige om, hvilket sundhedsråd {names} hører til [S]"
    if len(councils) > 1:
        return targets, Mapping.DECISION, "klyngens kommuner fordeler sig på flere sundhedsråd"
    return targets, Mapping.ONE_TO_ONE, "alle klyngens kommuner går til samme sundhedsråd [S]"


def _body_item(ctx: _Context, body: Body, bodies: dict[str, Body]) -> PlanItem:
    cluster_id = _cluster_of(body, bodies)
    if cluster_id:
        targets, mapping, reason = _cluster_mapping(ctx, cluster_id)
        reason = f"{reason}; {_ABOLISHED} [V]; organet og dets historik bliver stående"
    elif body.kind is BodyKind.PATIENT_COMMITTEE:
        targets, mapping = (ctx.region_target,), Mapping.DECISION
        reason = "om patientinddragelsesudvalget fortsætter efter 2026, er uafklaret [?]"
    else:
        targets, mapping = (ctx.region_target,), Mapping.DECISION
        reason = f"{_ABOLISHED} [V]; der er ingen kendt efterfølger for organet"
    return PlanItem(
        Section.BODIES, f"body:{body.id}", body.kind.value, body.id, body.name, targets, mapping, reason
    )


def _organisation(ctx: _Context, m: Membership) -> tuple[str, str]:
    """The person's organisation now and after the transition: a municipality continues; the region's own
    people pass to the successor (overgangsloven § 126 for Region Sjælland and Region Hovedstaden)."""
    if m.appointed_by is AppointingBody.REGIONAL_COUNCIL:
        return ctx.region.name, ctx.successor.name
    if m.municipality_code:
        name = ctx.municipality_name(m.municipality_code)
        return name, name
    label = _APPOINTED_BY.get(m.appointed_by, m.appointed_by.value)
    return label, label


def _person_item(ctx: _Context, body: Body, m: Membership, bodies: dict[str, Body]) -> PlanItem:
    organisation, after = _organisation(ctx, m)
    cluster_id = _cluster_of(body, bodies)
    if m.municipality_code and cluster_id:
        councils, disputed = ctx.councils_of([m.municipality_code])
        targets = tuple(ctx.council_target(c) for c in councils) or (ctx.region_target,)
        if disputed or not councils:
            mapping = Mapping.DECISION
            reason = f"kilderne er uenige om, hvilket sundhedsråd {ctx.municipality_name(m.municipality_code)} hører til [S]"
        else:
            mapping = Mapping.ONE_TO_ONE
            cluster_targets, _, _ = _cluster_mapping(ctx, cluster_id)
            reason = f"{ctx.municipality_name(m.municipality_code)} hører til {councils[0].name} [S]"
            if len(cluster_targets) > 1:
                reason += "; kommunen flytter væk fra dele af klyngen, som går til et andet sundhedsråd"
    elif cluster_id:
        targets, mapping, reason = _cluster_mapping(ctx, cluster_id)
    else:
        targets, mapping = (ctx.region_target,), Mapping.DECISION
        reason = f"{body.name} har ingen kendt efterfølger; hvor personen fortsætter, skal besluttes"
    return PlanItem(
        Section.PEOPLE,
        f"membership:{body.id}:{m.id}",
        body.kind.value,
        body.id,
        body.name,
        targets,
        mapping,
        reason,
        person_id=m.person_id,
        person_name=m.name,
        organisation=organisation,
        organisation_after=after,
    )


def _work_items(ctx: _Context, open_obligations: Sequence[Obligation]) -> list[PlanItem]:
    items: list[PlanItem] = []
    eve = ctx.on - dt.timedelta(days=1)
    for agreement in ctx.case.agreements:
        # Open work: the agreement in force on the eve of the transition, and any still in the making.
        in_making = agreement.effective_date is None or agreement.effective_date > eve
        if not (in_making or in_force(agreement, ctx.case, eve)):
            continue
        items.append(
            PlanItem(
                Section.WORK,
                f"agreement:{agreement.id}",
                "agreement",
                agreement.id,
                agreement.title,
                (ctx.region_target,),
                Mapping.DECISION,
                f"{_ABOLISHED} [V]; om aftalen bortfalder, løber til sin udløbsdato eller videreføres, er uafklaret [?]",
            )
        )
        for ca in agreement.content.collaboration_agreements:
            items.append(
                PlanItem(
                    Section.WORK,
                    f"collaboration:{agreement.id}:{ca.id}",
                    "collaboration_agreement",
                    ca.id,
                    ca.title,
                    (ctx.region_target,),
                    Mapping.ONE_TO_ONE,
                    (
                        f"{_TAKES_OVER} [V], læst som at regionens aftaler går over til {ctx.successor.name} [S]"
                        if ctx.successor.code != ctx.region.code
                        else "regionen fortsætter"
                    )
                    + "; om samarbejdsaftalen videreføres, besluttes dér",
                )
            )
        for goal in agreement.content.cluster_goals:
            targets, mapping, reason = _cluster_mapping(ctx, goal.cluster_id)
            items.append(
                PlanItem(
                    Section.WORK,
                    f"cluster_goal:{agreement.id}:{goal.id}",
                    "cluster_goal",
                    goal.id,
                    goal.title,
                    targets,
                    mapping,
                    f"klyngemål for {goal.cluster_id}: {reason}",
                )
            )
    for o in open_obligations:
        if o.status not in (ObligationStatus.DUE, ObligationStatus.OVERDUE):
            continue
        due = f"frist {danish_date(o.due)}" if o.due else "uden frist"
        items.append(
            PlanItem(
                Section.WORK,
                f"obligation:{o.id}",
                "obligation",
                o.id,
                f"{o.title} ({o.subject_name})",
                (ctx.region_target,),
                Mapping.DECISION,
                f"åben pligt efter {o.citation}, {due}; hvornår bek. nr. 1248/2022 ophører, er uafklaret [?], "
                "så pligten kan bortfalde med reformen",
            )
        )
    return items


def _digest(case: RegionCase, on: dt.date) -> str:
    """The records the plan is made from, by id and version: the same records give the same digest."""
    records: list[Any] = [case.region.code, on.isoformat()]
    for b in sorted(case.bodies, key=lambda b: b.id):
        records.append(
            ["body", b.id, b.version, sorted([m.id, m.version, str(m.end)] for m in b.memberships)]
        )
    for a in sorted(case.agreements, key=lambda a: a.id):
        records.append(["agreement", a.id, a.model_dump_json()])
    return hashlib.sha256(json.dumps(records, default=str).encode()).hexdigest()[:16]


def plan_as_dict(plan: TransitionPlan) -> dict[str, Any]:
    """The plan as a JSON-ready dict, for the API, the CLI and the audit row."""
    return {
        "region_code": plan.region_code,
        "region_name": plan.region_name,
        "on": plan.on.isoformat(),
        "successor": {"kind": plan.successor.kind, "id": plan.successor.id, "name": plan.successor.name},
        "digest": plan.digest,
        "one_to_one": len(plan.one_to_one()),
        "needs_decision": len(plan.needs_decision()),
        "items": [
            {
                "section": i.section.value,
                "key": i.key,
                "source_kind": i.source_kind,
                "source_id": i.source_id,
                "source_name": i.source_name,
                "person_id": i.person_id,
                "person_name": i.person_name,
                "organisation": i.organisation,
                "organisation_after": i.organisation_after,
                "mapping": i.mapping.value,
                "targets": [{"kind": t.kind, "id": t.id, "name": t.name} for t in i.targets],
                "reason": i.reason,
            }
            for i in plan.items
        ],
    }


def plan_as_text(plan: TransitionPlan) -> list[str]:
    """The plan as the lines the command line prints: each section's items with how they map, then the counts."""
    lines = [f"Overgang for {plan.region_name} pr. {danish_date(plan.on)} til {plan.successor.name}"]
    for section in Section:
        lines.append(f"\n{section.label}:")
        for i in plan.section(section):
            targets = " eller ".join(t.name for t in i.targets)
            who = f"{i.person_name} ({i.organisation}) " if i.person_name else ""
            lines.append(f"  [{i.mapping.label}] {who}{i.source_name} → {targets}: {i.reason}")
    lines.append(f"\n{len(plan.one_to_one())} én til én, {len(plan.needs_decision())} kræver en beslutning.")
    return lines
