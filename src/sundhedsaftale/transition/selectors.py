"""Reading the transition: the plan for a region on a date, and what a confirmed transition wrote."""

from __future__ import annotations

import datetime as dt

from django.db.models import QuerySet

from sundhedsaftale.core.obligations import obligations
from sundhedsaftale.core.transition import TransitionPlan, plan_transition
from sundhedsaftale.lawbook.selectors import verified_changes
from sundhedsaftale.web.cases import case_snapshot
from sundhedsaftale.web.platform import platform

from .models import CarriedOver, TransitionRun


def transition_plan(region_code: str, on: dt.date) -> TransitionPlan:
    """The plan from the region's records as they stand now; raises CaseError when there is nothing to map to."""
    loaded = platform()
    case = case_snapshot(region_code)
    return plan_transition(
        case=case,
        reference=loaded.reference,
        open_obligations=obligations(loaded, case, on, verified=verified_changes()),
        on=on,
    )


def transition_run(region_code: str) -> TransitionRun | None:
    return TransitionRun.objects.select_related("successor").filter(region_id=region_code).first()


def carried_over(run: TransitionRun) -> QuerySet[CarriedOver]:
    return run.items.select_related("council", "region", "person")
