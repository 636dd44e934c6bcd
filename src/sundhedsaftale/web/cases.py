"""The case of a region, assembled from every bounded context; and a case written back into them.

This is the one composition point between the Django models and the core's :class:`RegionCase`.
"""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db import transaction

from sundhedsaftale.accounts.audit import record_change
from sundhedsaftale.accounts.models import User
from sundhedsaftale.accounts.permissions import can_edit_region
from sundhedsaftale.agreements.importing import agreements_replace
from sundhedsaftale.core.case import RegionCase
from sundhedsaftale.core.errors import CaseError
from sundhedsaftale.core.rules import Finding
from sundhedsaftale.governance.importing import governance_replace
from sundhedsaftale.governance.snapshot import national_cases

from .platform import platform


def case_snapshot(region_code: str) -> RegionCase:
    return national_cases([region_code])[region_code]


def case_snapshots(region_codes: list[str] | None = None) -> dict[str, RegionCase]:
    """Every region's case (or those asked for), read with one query per table."""
    return national_cases(region_codes)


def _refuse_partial_or_reviewed(case: RegionCase) -> None:
    """A case file that leaves out bodies or meetings would replace the region's with nothing; reviewer verdicts
    are Sundhedsstyrelsen's own and are recorded in its workspace, never imported from a region's file."""
    if case.unrecorded:
        parts = ", ".join(p.label for p in case.unrecorded)
        raise CaseError(
            f"unrecorded: sagsfilen beskriver ikke regionens {parts} og kan derfor ikke importeres (den ville "
            "erstatte dem med ingenting)"
        )
    for a_index, agreement in enumerate(case.agreements):
        for s_index, submission in enumerate(agreement.submissions):
            if submission.reviews:
                raise CaseError(
                    f"agreements[{a_index}].submissions[{s_index}].reviews: Sundhedsstyrelsens vurderinger af fund "
                    "registreres i Sundhedsstyrelsens arbejdsrum og kan ikke importeres"
                )


def case_import(*, case: RegionCase, actor: User | AnonymousUser | None, system: bool = False) -> None:
    """Replace a region's governance and agreements with ``case``, all or nothing, audited.

    ``system=True`` is for the platform's own loaders (demo data); users need edit rights for the region.
    """
    if not system and (actor is None or not can_edit_region(actor, case.region.code)):
        raise PermissionDenied(f"Du har ikke adgang til at redigere region {case.region.code}.")
    _refuse_partial_or_reviewed(case)
    platform().rulebook.check_case(case)
    with transaction.atomic():
        governance_replace(case)
        agreements_replace(case)
        record_change(
            actor=actor,
            action="case_import",
            object_type="region_case",
            object_id=case.region.code,
            region_code=case.region.code,
            after={
                "bodies": len(case.bodies),
                "memberships": sum(len(b.memberships) for b in case.bodies),
                "meetings": len(case.meetings),
                "agreements": len(case.agreements),
                "decisions": len(case.decisions),
            },
        )


def region_findings(region_code: str, at: dt.date) -> list[Finding]:
    return platform().rulebook.evaluate(case_snapshot(region_code), at)
