"""Searching: one query interface over both backends, narrowed to what the reader may find (ADR 0047).

``search`` takes the reader, the query and the filters (region, kind, period from–to) and returns one page of
ranked, highlighted hits with the total. What a reader finds is decided by ``accounts.permissions.can_find`` for
each audience and region; the public (``public_only``) finds only what was published.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Q, QuerySet

from sundhedsaftale.accounts.permissions import AnyUser, can_find
from sundhedsaftale.registry.models import Region

from .backends import backend
from .models import Audience, Kind, SearchEntry
from .shapes import SearchHit, SearchResult

PAGE_SIZE = 20
MAX_PAGE = 500


@dataclass(frozen=True)
class SearchFilters:
    region: str | None = None
    kind: str | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None


def visible_to(user: AnyUser, *, public_only: bool = False) -> Q:
    """The rows ``user`` may find: the published ones, and per audience the regions ``can_find`` allows."""
    allowed = Q(audience=Audience.PUBLIC)
    if public_only:
        return allowed
    codes = [*Region.objects.values_list("code", flat=True), ""]
    for audience in Audience:
        if audience == Audience.PUBLIC:
            continue
        regions = [code for code in codes if can_find(user, audience.value, code)]
        if regions:
            allowed |= Q(audience=audience, region_code__in=regions)
    return allowed


def _rows(user: AnyUser, filters: SearchFilters, public_only: bool) -> QuerySet[SearchEntry]:
    rows = SearchEntry.objects.filter(visible_to(user, public_only=public_only))
    if filters.region:
        rows = rows.filter(region_code=filters.region)
    if filters.kind:
        rows = rows.filter(kind=filters.kind)
    if filters.date_from:
        rows = rows.filter(day__gte=filters.date_from)
    if filters.date_to:
        rows = rows.filter(day__lte=filters.date_to)
    return rows


def search(
    user: AnyUser,
    query: str,
    filters: SearchFilters | None = None,
    *,
    page: int = 1,
    page_size: int = PAGE_SIZE,
    public_only: bool = False,
) -> SearchResult:
    filters = filters or SearchFilters()
    page = max(1, min(page, MAX_PAGE))
    total, hits = backend().search(
        _rows(user, filters, public_only), query.strip(), (page - 1) * page_size, page_size
    )
    names = dict(Region.objects.values_list("code", "name"))
    labels = {k.value: str(k.label) for k in Kind}
    return SearchResult(
        query=query.strip(),
        total=total,
        page=page,
        pages=max(1, -(-total // page_size)),
        page_size=page_size,
        region=filters.region,
        kind=filters.kind,
        date_from=filters.date_from,
        date_to=filters.date_to,
        hits=[
            SearchHit(
                kind=h.entry.kind,
                kind_label=labels.get(h.entry.kind, h.entry.kind),
                title=h.entry.title,
                url=h.entry.url,
                region_code=h.entry.region_code,
                region_name=names.get(h.entry.region_code, ""),
                date=h.entry.day,
                snippet_html=h.snippet,
                rank=h.rank,
            )
            for h in hits
        ],
    )
