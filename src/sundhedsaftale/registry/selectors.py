"""Reading the registry."""

from __future__ import annotations

from django.db.models import QuerySet

from .models import HealthCluster, Municipality, Region


def region_list() -> QuerySet[Region]:
    return Region.objects.all()


def region_get(code: str) -> Region | None:
    return Region.objects.filter(code=code).first()


def region_clusters(code: str) -> QuerySet[HealthCluster]:
    return HealthCluster.objects.filter(region_id=code).prefetch_related("municipalities")


def region_municipalities(code: str) -> QuerySet[Municipality]:
    return Municipality.objects.filter(region_id=code)
