"""Reading the audit log: every reader goes through :func:`audit_entries`, which keeps to the row's audience."""

from __future__ import annotations

from django.db.models import QuerySet

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
