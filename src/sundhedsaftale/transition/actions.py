"""Applying a transition plan: only after explicit confirmation, against the plan that was shown, audited."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db import transaction

from sundhedsaftale.accounts.audit import record_change
from sundhedsaftale.accounts.conflict import RecordConflict
from sundhedsaftale.accounts.models import User
from sundhedsaftale.accounts.permissions import can_migrate_region
from sundhedsaftale.core.transition import Mapping, TransitionPlan
from sundhedsaftale.governance.models import Person
from sundhedsaftale.registry.models import Region

from .models import CarriedOver, TransitionRun
from .selectors import transition_plan


class TransitionNotConfirmed(Exception):
    """The plan was not confirmed: nothing is written."""


class TransitionConflict(RecordConflict):
    """The region was already carried over, or its records changed after the plan was shown."""


def transition_apply(
    *,
    actor: User | AnonymousUser | None,
    region_code: str,
    on: dt.date,
    expected_digest: str,
    confirmed: bool,
    system: bool = False,
) -> TransitionRun:
    """Write the plan for ``region_code`` on ``on``: new records for the successors, the old ones untouched.

    ``expected_digest`` is the plan the user saw; if the region's records changed since, the plan is stale and
    nothing is written (:class:`TransitionConflict`). ``system=True`` is the operator's management command.
    """
    if not system and (actor is None or not can_migrate_region(actor, region_code)):
        raise PermissionDenied(f"Du har ikke adgang til at gennemføre overgangen for region {region_code}.")
    if not confirmed:
        raise TransitionNotConfirmed("Overgangen er ikke bekræftet; intet er skrevet.")
    with transaction.atomic():
        region = Region.objects.select_for_update().get(code=region_code)
        existing = TransitionRun.objects.filter(region=region).first()
        if existing is not None:
            raise TransitionConflict(
                existing,
                f"{region.name} er allerede ført over til {existing.successor.name} "
                f"({existing.applied_at:%d.%m.%Y} af {existing.applied_by_name}); intet er skrevet.",
            )
        plan = transition_plan(region_code, on)
        if plan.digest != expected_digest:
            raise TransitionConflict(
                plan,
                "Regionens organer, medlemmer eller aftaler er ændret, siden planen blev vist; se den nye plan "
                "og bekræft igen. Intet er skrevet.",
            )
        return _write(actor, region, plan)


def _write(actor: User | AnonymousUser | None, region: Region, plan: TransitionPlan) -> TransitionRun:
    user = actor if isinstance(actor, User) else None
    run = TransitionRun.objects.create(
        region=region,
        successor_id=plan.successor.id,
        on=plan.on,
        digest=plan.digest,
        applied_by=user,
        applied_by_name=(user.get_full_name() or user.username) if user else "system",
    )
    persons = {
        p.key: p for p in Person.objects.filter(key__in={i.person_id for i in plan.items if i.person_id})
    }
    rows = []
    for item in plan.items:
        target = item.target
        rows.append(
            CarriedOver(
                run=run,
                key=item.key,
                section=item.section.value,
                source_kind=item.source_kind,
                source_id=item.source_id,
                source_name=item.source_name[:300],
                person=persons.get(item.person_id),
                person_name=item.person_name,
                organisation=item.organisation,
                organisation_after=item.organisation_after,
                council_id=target.id if target and target.kind == "council" else None,
                region_id=target.id if target and target.kind == "region" else None,
                needs_decision=item.mapping is Mapping.DECISION,
                candidates=[{"kind": t.kind, "id": t.id, "name": t.name} for t in item.targets],
                reason=item.reason,
            )
        )
    CarriedOver.objects.bulk_create(rows)
    record_change(
        actor=actor,
        action="transition_apply",
        object_type="region",
        object_id=region.code,
        region_code=region.code,
        after={
            "successor": plan.successor.id,
            "on": plan.on.isoformat(),
            "digest": plan.digest,
            "one_to_one": len(plan.one_to_one()),
            "needs_decision": len(plan.needs_decision()),
        },
    )
    return run
