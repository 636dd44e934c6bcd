"""Template tags of the law pages: the regime on a date, for the panel any page may include."""

from __future__ import annotations

import datetime as dt

from django import template

from sundhedsaftale.core.law import Regime

from ..selectors import regime

register = template.Library()


@register.simple_tag
def regime_on(at: dt.date) -> Regime:
    """``{% regime_on at as regime %}``: the regime on ``at``, with the verified changes applied."""
    return regime(at)
