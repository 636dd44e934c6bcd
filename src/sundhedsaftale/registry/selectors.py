"""Reading the registry."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import QuerySet

from sundhedsaftale.core.collation import danish_sort_key

from .models import HealthCluster, Municipality, Region


def region_list() -> QuerySet[Region]:
    return Region.objects.all()


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
