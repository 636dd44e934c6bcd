"""Template helpers for agreement pages."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import template

register = template.Library()


@register.simple_tag
def warns(obligation: Any, at: dt.date) -> bool:
    """Whether an open obligation is inside its warning window on ``at``."""
    return bool(obligation.warning(at))
