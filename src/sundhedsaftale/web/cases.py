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
from sundhedsaftale.followup.importing import followup_apply
from sundhedsaftale.governance.importing import governance_apply, stale_removals, statements_apply
from sundhedsaftale.governance.snapshot import national_cases
from sundhedsaftale.hearings.importing import hearing_rounds_apply
from sundhedsaftale.interchange import CaseChanges, InterchangeError, compare_cases
from sundhedsaftale.lawbook.selectors import verified_changes
from sundhedsaftale.registry.models import Region
from sundhedsaftale.search.indexer import index_region

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


def case_import(*, case: RegionCase, actor: User | AnonymousUser | None, system: bool = False) -> CaseChanges:
    """Bring a region's governance and agreements in line with ``case``, all or nothing, audited; returns what
    changed, which is exactly what was written (an unchanged case writes nothing).

    ``system=True`` is for the platform's own loaders (demo data); users need edit rights for the region, and
    their file may not remove what was added or changed after it was made (:class:`InterchangeError`). A record
    saved by someone else during the import is :class:`~sundhedsaftale.governance.importing.ImportConflict`.
    """
    code = case.region.code
    if not system and (actor is None or not can_edit_region(actor, code)):
        raise PermissionDenied(f"Du har ikke adgang til at redigere region {code}.")
    _refuse_partial_or_reviewed(case)
    platform().rulebook.check_case(case)
    with transaction.atomic():
        # One import of a region at a time; edits of single records are guarded by their versions.
        list(Region.objects.select_for_update().filter(code=code))
        base = case_snapshot(code)
        changes = compare_cases(base, case)
        if not system:
            problems = stale_removals(base, case, changes)
            if problems:
                raise InterchangeError(problems)
        governance_apply(base, case, changes)
        agreements_replace(case)
        # The follow-up's records (ADR 0045): added where missing, refused where they differ from what is recorded.
        followup = {
            "hearing_rounds": hearing_rounds_apply(case),
            "statements": statements_apply(case),
            "follow_up_rows": followup_apply(case),
        }
        record_change(
            actor=actor,
            action="case_import",
            object_type="region_case",
            object_id=code,
            region_code=code,
            after={
                "bodies": len(case.bodies),
                "memberships": sum(len(b.memberships) for b in case.bodies),
                "meetings": len(case.meetings),
                "agreements": len(case.agreements),
                "decisions": len(case.decisions),
                "changes": changes.as_dict(),
                **{name: count for name, count in followup.items() if count},
            },
        )
        # The imported records are searchable from the same transaction (ADR 0047).
        index_region(code)
    return changes


def region_findings(region_code: str, at: dt.date) -> list[Finding]:
    # Legal changes apply as an administrator has verified them (lawbook; ADR 0026).
    return platform().rulebook.evaluate(case_snapshot(region_code), at, verified=verified_changes())
