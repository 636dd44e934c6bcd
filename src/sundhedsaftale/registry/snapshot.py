"""The registry's part of a case: region, municipalities and clusters."""

from __future__ import annotations

from sundhedsaftale.core.case import ClusterInfo, MunicipalityInfo, RegionInfo

from .models import HealthCluster, Municipality, Region


def registry_snapshot(
    region_code: str,
) -> tuple[RegionInfo, tuple[MunicipalityInfo, ...], tuple[ClusterInfo, ...]]:
    region = Region.objects.get(code=region_code)
    municipalities = tuple(
        MunicipalityInfo(code=m.code, name=m.name)
        for m in Municipality.objects.filter(region=region).order_by("code")
    )
    clusters = tuple(
        ClusterInfo(
            id=c.id,
            name=c.name,
            acute_hospital=c.acute_hospital,
            municipality_codes=tuple(sorted(m.code for m in c.municipalities.all())),
        )
        for c in HealthCluster.objects.filter(region=region).prefetch_related("municipalities").order_by("id")
    )
    return RegionInfo(code=region.code, name=region.name), municipalities, clusters
