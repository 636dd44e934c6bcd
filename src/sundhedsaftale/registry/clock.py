"""The platform's "today" and whether a region has ended on it (ADR 0029).

One date source for everything that depends on the real date, so that tests pin it (``settings.TODAY``, from
``SUNDHEDSAFTALE_TODAY``) and keep passing on both sides of 1 January 2027.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from sundhedsaftale.core.periods import as_date
from sundhedsaftale.core.reference import Region
from sundhedsaftale.web.platform import platform


def today() -> dt.date:
    pinned = getattr(settings, "TODAY", None)
    if isinstance(pinned, dt.date):
        return pinned
    if pinned:
        return as_date(str(pinned))
    return timezone.localdate()


def reference_region(code: str) -> Region | None:
    return platform().reference.regions.get(code)


def region_ended(code: str, on: dt.date | None = None) -> bool:
    """Whether region ``code`` has ended on ``on`` (default: today), i.e. ``on`` is after its ``valid_to``."""
    region = reference_region(code)
    return region is not None and region.ended_on(on or today())


def ended_region_notice(code: str, on: dt.date | None = None) -> Region | None:
    """The region, when it has ended on ``on`` (default: today) and its records are read-only; else None."""
    region = reference_region(code)
    return region if region is not None and region.ended_on(on or today()) else None


class EndedRegionRefused(PermissionDenied):
    """A write refused because the region has ended. Its message (:func:`ended_region_refusal`) says only what the
    read-only banner says to everyone, so the 403 page shows it; other refusals' messages may name records of a
    region the user cannot read, and the page keeps to its general text for them."""


def refuse_if_region_ended(code: str, on: dt.date | None = None) -> None:
    """Raise :class:`EndedRegionRefused` when region ``code`` has ended on ``on`` (default: today)."""
    refusal = ended_region_refusal(code, on)
    if refusal:
        raise EndedRegionRefused(refusal)


def ended_region_refusal(code: str, on: dt.date | None = None) -> str:
    """Why a write to region ``code`` is refused on ``on`` (default: today) because the region has ended, in the
    words of the read-only banner: the region, the day it ended and its successor. "" while it has not ended."""
    region = ended_region_notice(code, on)
    if region is None:
        return ""
    assert region.valid_to is not None  # an ended region has an end
    words = {
        "region": region.name,
        "day": formats.date_format(region.valid_to + dt.timedelta(days=1), "j. F Y"),
    }
    successor = reference_region(region.successor_code) if region.successor_code else None
    if successor is None:
        return _("%(region)s er nedlagt pr. %(day)s — data er skrivebeskyttet.") % words
    return _("%(region)s er nedlagt pr. %(day)s — data er skrivebeskyttet; efterfølger: %(successor)s.") % {
        **words,
        "successor": successor.name,
    }
