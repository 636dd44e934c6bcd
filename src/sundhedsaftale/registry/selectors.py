"""Reading the registry."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db.models import Q, QuerySet

from sundhedsaftale.core.collation import danish_sort_key

from .models import HealthCluster, HealthCouncil, Municipality, Region


def region_list() -> QuerySet[Region]:
    return Region.objects.all()


def regions_on(day: dt.date) -> QuerySet[Region]:
    """The regions that exist on ``day``: five before 1 January 2027, four (with Region Østdanmark) from then."""
    return Region.objects.filter(
        Q(valid_from__isnull=True) | Q(valid_from__lte=day), Q(valid_to__isnull=True) | Q(valid_to__gte=day)
    ).select_related("successor")


def case_region_codes() -> list[str]:
    """The regions of the 2022 order (bek. nr. 1248/2022), which hold a case: those with health clusters."""
    return sorted(set(HealthCluster.objects.values_list("region_id", flat=True)))


def council_list() -> QuerySet[HealthCouncil]:
    return HealthCouncil.objects.select_related("region").prefetch_related("municipalities")


def region_councils(code: str) -> QuerySet[HealthCouncil]:
    return council_list().filter(region_id=code)


def region_get(code: str) -> Region | None:
    return Region.objects.filter(code=code).first()


def region_clusters(code: str) -> QuerySet[HealthCluster]:
    return HealthCluster.objects.filter(region_id=code).prefetch_related("municipalities")


def region_municipalities(code: str) -> QuerySet[Municipality]:
    return Municipality.objects.filter(region_id=code)


def in_danish_order(municipalities: Iterable[Municipality]) -> list[Municipality]:
    """Municipalities as every page and letter lists them: Danish alphabetical order (Aalborg after Ærø).

    Sorted here rather than by the database, whose collation puts Å before Æ and Aa first.
    """
    return sorted(municipalities, key=lambda m: danish_sort_key(m.name))
