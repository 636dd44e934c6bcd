"""Reading governance data."""

from __future__ import annotations

from django.db.models import QuerySet

from .models import Body, LocalDecision


def region_bodies(region_code: str) -> QuerySet[Body]:
    return Body.objects.filter(region_id=region_code).select_related("cluster")


def region_decisions(region_code: str) -> QuerySet[LocalDecision]:
    return LocalDecision.objects.filter(region_id=region_code)


def decision_get(region_code: str, key: str) -> LocalDecision | None:
    return LocalDecision.objects.filter(region_id=region_code, key=key).select_related("region").first()
