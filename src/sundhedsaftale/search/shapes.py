"""The search result as plain typed records: the pages render them and the API returns them as JSON."""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel


class SearchHit(BaseModel):
    kind: str
    kind_label: str
    title: str
    url: str
    region_code: str
    region_name: str
    date: dt.date | None
    snippet_html: str  # the text around the match, HTML-escaped, the matching words in <mark>
    rank: float


class KindCount(BaseModel):
    kind: str
    kind_label: str


class SearchResult(BaseModel):
    query: str
    total: int
    page: int
    pages: int
    page_size: int
    region: str | None
    kind: str | None
    date_from: dt.date | None
    date_to: dt.date | None
    hits: list[SearchHit]
