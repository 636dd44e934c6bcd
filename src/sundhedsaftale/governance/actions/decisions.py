"""Writing governance data. Each action owns its transaction and its audit row."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from sundhedsaftale.accounts.audit import record_change
from sundhedsaftale.accounts.conflict import RecordConflict
from sundhedsaftale.accounts.models import User
from sundhedsaftale.accounts.permissions import can_edit_region
from sundhedsaftale.core.case import Decision, DecisionMaker
from sundhedsaftale.core.errors import CaseError
from sundhedsaftale.registry.selectors import case_region_codes
from sundhedsaftale.web.platform import platform

from ..models import LocalDecision


class ConflictError(RecordConflict):
    """Someone else saved the record after it was opened; nothing was overwritten."""

    def __init__(self, current: LocalDecision) -> None:
        super().__init__(
            current,
            _(
                "Beslutningen er ændret af en anden (version %(version)s) efter, at du åbnede den. "
                "Intet er overskrevet; åbn den igen og gentag din ændring."
            )
            % {"version": current.version},
        )


class DecisionInvalid(Exception):
    """The decision does not fit the rulebook (unknown parameter, not overridable, wrong value)."""


@dataclass(frozen=True)
class DecisionInput:
    parameter: str
    subject_id: str
    value: Any
    decided_by: str
    decision_maker: DecisionMaker
    decided_on: dt.date
    reference: str
    valid_until: dt.date | None = None
    note: str = ""


def _check(data: DecisionInput) -> None:
    try:
        platform().rulebook.check_decision(
            Decision(
                id="new",
                parameter=data.parameter,
                subject_id=data.subject_id or "*",
                value=data.value,
                decided_by=data.decided_by,
                decision_maker=data.decision_maker,
                decided_on=data.decided_on,
                reference=data.reference,
                valid_until=data.valid_until,
                note=data.note,
            )
        )
    except (CaseError, ValueError) as exc:
        raise DecisionInvalid(str(exc)) from None


def _require_edit(actor: User | AnonymousUser, region_code: str) -> None:
    if not can_edit_region(actor, region_code):
        raise PermissionDenied(f"Du har ikke adgang til at redigere region {region_code}.")


def decision_create(*, actor: User | AnonymousUser, region_code: str, data: DecisionInput) -> LocalDecision:
    _require_edit(actor, region_code)
    if region_code not in case_region_codes():
        # A decision sets aside a default of bek. nr. 1248/2022; a region of the 2027 structure has none (ADR 0029).
        raise DecisionInvalid(
            _(
                "Regionen har ingen sag efter bek. nr. 1248/2022, så der er ingen standard at fravige "
                "med en lokal beslutning."
            )
        )
    _check(data)
    with transaction.atomic():
        decision = LocalDecision.objects.create(
            key=f"{region_code}-{uuid.uuid4().hex[:12]}",
            region_id=region_code,
            parameter=data.parameter,
            subject_id=data.subject_id or "*",
            value=data.value,
            decided_by=data.decided_by,
            decision_maker=data.decision_maker.value,
            decided_on=data.decided_on,
            reference=data.reference,
            valid_until=data.valid_until,
            note=data.note,
        )
        record_change(
            actor=actor,
            action="decision_create",
            object_type="local_decision",
            object_id=decision.key,
            region_code=region_code,
            after=decision.as_dict(),
        )
    return decision


def decision_update(
    *,
    actor: User | AnonymousUser,
    region_code: str,
    decision_key: str,
    expected_version: int,
    data: DecisionInput,
) -> LocalDecision:
    """Save an edit only if nobody saved since ``expected_version``; otherwise :class:`ConflictError`."""
    with transaction.atomic():
        _require_edit(actor, region_code)
        decision = LocalDecision.objects.select_for_update().get(region_id=region_code, key=decision_key)
        _check(data)
        if decision.version != expected_version:
            raise ConflictError(decision)
        before = decision.as_dict()
        decision.parameter = data.parameter
        decision.subject_id = data.subject_id or "*"
        decision.value = data.value
        decision.decided_by = data.decided_by
        decision.decision_maker = data.decision_maker.value
        decision.decided_on = data.decided_on
        decision.reference = data.reference
        decision.valid_until = data.valid_until
        decision.note = data.note
        decision.version = expected_version + 1
        decision.save()
        record_change(
            actor=actor,
            action="decision_update",
            object_type="local_decision",
            object_id=decision.key,
            region_code=decision.region_id,
            before=before,
            after=decision.as_dict(),
        )
    return decision
