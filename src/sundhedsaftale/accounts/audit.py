"""Writing the audit log. Called by every action inside its transaction, never by views directly."""

from __future__ import annotations

import datetime as dt
import decimal
from typing import Any

from django.contrib.auth.models import AnonymousUser

from .models import Audience, AuditEntry, User


def record_change(
    *,
    actor: User | AnonymousUser | None,
    action: str,
    object_type: str,
    object_id: str | int,
    region_code: str = "",
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    reason: str = "",
    audience: Audience = Audience.REGION,
) -> AuditEntry:
    """Add one row to the audit log. ``audience`` decides who may read it (see :class:`Audience`): pass
    ``Audience.AUTHORITY`` for what only Sundhedsstyrelsen may see, ``Audience.SECRETARIAT`` for personal
    contact data."""
    user = actor if isinstance(actor, User) else None
    return AuditEntry.objects.create(
        actor=user,
        actor_name=(user.get_full_name() or user.username) if user else "system",
        action=action,
        object_type=object_type,
        object_id=str(object_id),
        region_code=region_code,
        before=_jsonable(before),
        after=_jsonable(after),
        reason=reason,
        audience=audience.value,
    )


def _jsonable(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    return value
