"""The public record as JSON: no login, the same records the portal's pages show (ADR 0042)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, TypeVar

from django.http import Http404, HttpRequest
from ninja import Router
from pydantic import Field

from sundhedsaftale.knowledge import selectors as knowledge_selectors
from sundhedsaftale.knowledge.shapes import CatalogueEntry, CataloguePage
from sundhedsaftale.public import selectors
from sundhedsaftale.public.shapes import (
    AgreementPage,
    BodyPage,
    ClusterPage,
    Index,
    MeetingPage,
    MunicipalityPage,
    PublicDocument,
    RegionPage,
)
from sundhedsaftale.registry import clock
from sundhedsaftale.search.shapes import SearchResult

from .schemas import ApiDate, ErrorOut, FilterText, PageSize, RecordId, VersionNumber
from .search import RegionCode, SearchKind, SearchPage, SearchPageSize, SearchText
from .search import run as search_run

router = Router()
CatalogueText = Annotated[str, Field(max_length=200)]
T = TypeVar("T")


def _published(read: Callable[[], T]) -> T:
    try:
        return read()
    except selectors.NotPublic:
        raise Http404("Ikke offentliggjort") from None


@router.get("", response=Index, url_name="public_index", summary="Regioner og sundhedsråd på en dato")
def index(request: HttpRequest, on: ApiDate | None = None) -> Index:
    return selectors.portal_index(on or clock.today())


@router.get(
    "/documents",
    response=list[PublicDocument],
    summary="Offentliggjorte dokumenter, nyeste først (det samme som Atom-feedet)",
)
def documents(
    request: HttpRequest, region: FilterText | None = None, limit: PageSize = 100
) -> list[PublicDocument]:
    return selectors.published_documents(region)[:limit]


@router.get(
    "/regions/{code}", response={200: RegionPage, 404: ErrorOut}, summary="En region: det offentliggjorte"
)
def region(request: HttpRequest, code: str, on: ApiDate | None = None) -> RegionPage:
    return _published(lambda: selectors.region_page(code, on or clock.today()))


@router.get(
    "/agreements/{key}",
    response={200: AgreementPage, 404: ErrorOut},
    summary="En offentliggjort sundhedsaftale med alle offentliggjorte versioner",
)
def agreement(
    request: HttpRequest,
    key: str,
    from_version: VersionNumber | None = None,
    to_version: VersionNumber | None = None,
) -> AgreementPage:
    return _published(lambda: selectors.agreement_page(key, from_version, to_version))


@router.get(
    "/bodies/{key}",
    response={200: BodyPage, 404: ErrorOut},
    summary="Et offentliggjort organ: medlemmer (navn, organisation, rolle) og mødedatoer",
)
def body(request: HttpRequest, key: str) -> BodyPage:
    return _published(lambda: selectors.body_page(key, clock.today()))


@router.get(
    "/meetings/{pk}",
    response={200: MeetingPage, 404: ErrorOut},
    summary="Et møde med den offentliggjorte dagsordens offentlige punkter",
)
def meeting(request: HttpRequest, pk: RecordId) -> MeetingPage:
    return _published(lambda: selectors.meeting_page(pk))


@router.get("/clusters/{cluster_id}", response={200: ClusterPage, 404: ErrorOut}, summary="En sundhedsklynge")
def cluster(request: HttpRequest, cluster_id: str) -> ClusterPage:
    return _published(lambda: selectors.cluster_page(cluster_id))


@router.get(
    "/municipalities/{municipality_code}",
    response={200: MunicipalityPage, 404: ErrorOut},
    summary="En kommune: aftaler, breve og organer i dens klynger",
)
def municipality(request: HttpRequest, municipality_code: str) -> MunicipalityPage:
    return _published(lambda: selectors.municipality_page(municipality_code, clock.today()))


@router.get(
    "/search",
    response=SearchResult,
    summary="Søg i det offentliggjorte",
    description=(
        "Fuldtekstsøgning på dansk i lov og vejledning og i det offentliggjorte: sundhedsaftalernes offentliggjorte "
        "versioner og deres samarbejdsaftaler, statusrapporter, Sundhedsstyrelsens breve, dagsordener og referater. "
        "Rangeret; `snippet_html` er HTML-escapet tekst, hvor kun `<mark>` er tilføjet."
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
    size: SearchPageSize = 20,
) -> SearchResult:
    return search_run(
        request.user,
        q=q,
        region=region,
        kind=type,
        date_from=date_from,
        date_to=date_to,
        page=page,
        size=size,
        public_only=True,
    )


@router.get(
    "/catalogue",
    response=CataloguePage,
    url_name="public_catalogue",
    summary="Vidensdelingskataloget: samarbejdsaftaler og samarbejdsmodeller på tværs af regionerne",
    description=(
        "Filtre som på siden /offentlig/katalog/: `region` (regionskode), `maal` (nationalt mål 1–8), "
        "`maalgruppe` (målgruppens navn), `art` (samarbejdsaftale eller samarbejdsmodel), `udbredelse` (1: kun "
        "tiltag markeret til national udbredelse, § 15, stk. 2, nr. 5) og `q` (ord i titlen). Kun offentliggjorte "
        "aftaleversioner og statusrapporter."
    ),
)
def catalogue(
    request: HttpRequest,
    region: CatalogueText | None = None,
    maal: CatalogueText | None = None,
    maalgruppe: CatalogueText | None = None,
    art: CatalogueText | None = None,
    udbredelse: CatalogueText | None = None,
    q: CatalogueText | None = None,
) -> CataloguePage:
    raw = {
        "region": region,
        "maal": maal,
        "maalgruppe": maalgruppe,
        "art": art,
        "udbredelse": udbredelse,
        "q": q,
    }
    return knowledge_selectors.catalogue_page(
        None, knowledge_selectors.filters_from({k: v for k, v in raw.items() if v})
    )


@router.get(
    "/catalogue/{entry}",
    response={200: CatalogueEntry, 404: ErrorOut},
    url_name="public_catalogue_entry",
    summary="Et tiltag i vidensdelingskataloget med resultater og markering til national udbredelse",
)
def catalogue_entry(request: HttpRequest, entry: str) -> CatalogueEntry:
    try:
        return knowledge_selectors.catalogue_entry(None, entry)
    except knowledge_selectors.NotInCatalogue:
        raise Http404("Ikke i kataloget") from None
