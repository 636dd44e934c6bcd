"""Search as JSON (ADR 0047): ``/api/v1/search`` for the logged-in (what ``accounts.permissions`` lets them
read) and ``/api/v1/public/search`` (in ``public.py``) for everyone, only what was published."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from django.http import HttpRequest
from ninja import Router
from ninja.security import django_auth
from pydantic import Field

from sundhedsaftale.accounts.permissions import AnyUser
from sundhedsaftale.search import selectors
from sundhedsaftale.search.shapes import SearchResult

from .schemas import ApiDate

router = Router(auth=django_auth)

# The words searched for: no control characters (PostgreSQL refuses NUL in a query).
SearchText = Annotated[str, Field(min_length=1, max_length=200, pattern=r"^[^\x00-\x1f\x7f]+$")]
SearchKind = Literal[
    "law", "agreement", "collaboration_agreement", "status_report", "letter", "agenda", "minutes"
]
RegionCode = Annotated[str, Field(min_length=1, max_length=4, pattern=r"^\w+$")]
SearchPage = Annotated[int, Field(ge=1, le=selectors.MAX_PAGE)]
SearchPageSize = Annotated[int, Field(ge=1, le=100)]


def run(
    user: AnyUser,
    *,
    q: str,
    region: str | None,
    kind: str | None,
    date_from: dt.date | None,
    date_to: dt.date | None,
    page: int,
    size: int,
    public_only: bool,
) -> SearchResult:
    filters = selectors.SearchFilters(region=region, kind=kind, date_from=date_from, date_to=date_to)
    return selectors.search(user, q, filters, page=page, page_size=size, public_only=public_only)


@router.get(
    "/search",
    response=SearchResult,
    summary="Søg i lovgrundlaget og i det, brugeren må læse",
    description=(
        "Fuldtekstsøgning på dansk (bøjninger: 'aftalerne' finder 'aftale'): lov og vejledning, sundhedsaftaler, "
        "samarbejdsaftaler, statusrapporter, Sundhedsstyrelsens breve, dagsordener og referater. Rangeret; "
        "`snippet_html` er HTML-escapet tekst, hvor kun `<mark>` er tilføjet. Kladder kun fra brugerens egen region."
    ),
)
def search(
    request: HttpRequest,
    q: SearchText,
    region: RegionCode | None = None,
    type: SearchKind | None = None,
    date_from: ApiDate | None = None,
    date_to: ApiDate | None = None,
    page: SearchPage = 1,
    size: SearchPageSize = selectors.PAGE_SIZE,
) -> SearchResult:
    return run(
        request.user,
        q=q,
        region=region,
        kind=type,
        date_from=date_from,
        date_to=date_to,
        page=page,
        size=size,
        public_only=False,
    )
