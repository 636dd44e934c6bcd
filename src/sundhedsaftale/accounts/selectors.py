"""Reading the audit log: every reader goes through :func:`audit_entries`, which keeps to the row's audience."""

from __future__ import annotations

from django.db.models import OuterRef, QuerySet, Subquery

from sundhedsaftale.registry.models import Region

from .models import Audience, AuditEntry
from .permissions import AnyUser, audit_audiences


def audit_entries(user: AnyUser, region_code: str | None = None) -> QuerySet[AuditEntry]:
    """The rows ``user`` may read, newest first: of ``region_code``, or of every region the user may read."""
    audiences = audit_audiences(user, region_code)
    if not audiences:
        return AuditEntry.objects.none()
    entries = AuditEntry.objects.select_related("actor")
    if audiences != frozenset(Audience):  # administrators read every row, one without an audience too
        entries = entries.filter(audience__in=[a.value for a in audiences])
    if region_code is not None:
        entries = entries.filter(region_code=region_code)
    return entries


def newest_audit_id() -> Subquery:
    """For a queryset of regions: the id of each region's newest audit row (NULL for none), as an annotation.

    Every change to a region's record writes an audit row in its transaction, so the id names the state of the
    record: derived data computed from it (stored findings, ADR 0032) is current while the id is unchanged.
    """
    return Subquery(AuditEntry.objects.filter(region_code=OuterRef("code")).order_by("-id").values("id")[:1])


def latest_audit_ids(region_codes: list[str]) -> dict[str, int]:
    """The id of each region's newest audit row (0 for a region without one), in one query."""
    rows = (
        Region.objects.filter(code__in=region_codes)
        .annotate(last=newest_audit_id())
        .values_list("code", "last")
    )
    found = {code: last or 0 for code, last in rows}
    return {code: found.get(code, 0) for code in region_codes}
