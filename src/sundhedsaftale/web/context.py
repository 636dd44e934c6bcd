"""Template context shared by every page."""

from __future__ import annotations

import datetime as dt

from django.http import HttpRequest

from sundhedsaftale import __version__
from sundhedsaftale.registry.clock import ended_region_notice, reference_region, today


def platform(request: HttpRequest) -> dict[str, object]:
    return {"platform_version": __version__, **_ended_region(request)}


def _page_region_code(request: HttpRequest) -> str | None:
    """The region a page is about, from its URL: a region, cluster, body, meeting or agreement (also the
    reviewers' pages of an agreement)."""
    match = getattr(request, "resolver_match", None)
    if match is None:
        return None
    kwargs = match.kwargs
    if "code" in kwargs:
        return str(kwargs["code"])
    if "cluster_id" in kwargs:
        from sundhedsaftale.web.platform import platform as loaded

        cluster = loaded().reference.clusters.get(str(kwargs["cluster_id"]))
        return cluster.region_code if cluster else None
    if "body_key" in kwargs:
        from sundhedsaftale.governance.models import Body

        return Body.objects.filter(key=kwargs["body_key"]).values_list("region_id", flat=True).first()
    if "pk" in kwargs and match.url_name and match.url_name.startswith("meeting"):
        from sundhedsaftale.governance.models import Meeting

        return Meeting.objects.filter(pk=kwargs["pk"]).values_list("body__region_id", flat=True).first()
    if "key" in kwargs and match.namespace in ("agreements", "review"):
        from sundhedsaftale.agreements.models import HealthAgreement

        return HealthAgreement.objects.filter(key=kwargs["key"]).values_list("region_id", flat=True).first()
    return None


def _ended_region(request: HttpRequest) -> dict[str, object]:
    """On a page of a region that has ended: the region and its successor, for the read-only banner (ADR 0029)."""
    code = _page_region_code(request)
    region = ended_region_notice(code) if code else None
    if region is None:
        return {}
    successor = reference_region(region.successor_code) if region.successor_code else None
    assert region.valid_to is not None  # an ended region has an end
    return {
        "ended_region": region,
        "ended_region_from": region.valid_to + dt.timedelta(days=1),
        "ended_region_successor": successor,
        "ended_region_today": today(),
    }
