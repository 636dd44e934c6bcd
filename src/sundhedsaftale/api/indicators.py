"""API twins of the dashboards (ADR 0049): the kept indicator values of a cluster (with its region and the
country) or a region (with the country), after suppression, with their source, computation date and marker.

Same readers as the pages: every logged-in user (aggregated, suppressed figures; ``can_view_region``).
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest
from django.utils import timezone
from ninja import Field, Router, Schema
from ninja.security import django_auth

from sundhedsaftale.accounts.permissions import can_view_region
from sundhedsaftale.datasupport.selectors import COUNTRY, Dashboard, as_computed, dashboard, latest_run
from sundhedsaftale.governance.body_selectors import cluster_get
from sundhedsaftale.registry.models import Region

from .schemas import ErrorOut

router = Router(auth=django_auth)

PeriodParam = Annotated[str, Field(min_length=4, max_length=10, pattern=r"^\d{4}$")]


class IndicatorFigureOut(Schema):
    indicator: str
    name: str
    level: str = Field(description="kommune, klynge, region eller land")
    unit_id: str
    unit_name: str
    period: str
    stratum: str = Field(description="'alle', eller aldersgruppen for befolkningen efter alder")
    numerator: str = Field(
        description="Tælleren; '<5' når den er under 5, 'skjult' når den er skjult som komplement"
    )
    denominator: str = Field(
        description="Nævneren; '<5' når den er under 5, 'skjult' når den er skjult som komplement"
    )
    value: float | None = Field(description="Satsen; tom når en tælling er undertrykt")
    standardised: float | None
    unit: str = Field(description="pct eller per_1000")
    marker: str = Field(description="[V] efterprøvet, [P] delvist, [?] platformens operationalisering")
    note: str
    suppressed: bool
    definition_version: str


class IndicatorSetOut(Schema):
    source: str
    computed_at: dt.datetime
    synthetic: bool = Field(description="Sand: værdierne er beregnet fra et syntetisk register")
    fingerprint: str = Field(description="SHA-256 over registrets Parquet-filer")
    definitions_version: str
    periods: list[str]
    period: str = Field(description="Den valgte periode (standard: den seneste)")
    values: list[IndicatorFigureOut]


_ERRORS: dict[int, Any] = {403: ErrorOut, 404: ErrorOut}


def _out(board: Dashboard | None) -> dict[str, Any]:
    if board is None:
        raise Http404("Der er ikke beregnet indikatorer endnu")
    run = board.run
    return {
        "source": run.source,
        "computed_at": timezone.localtime(run.computed_at),
        "synthetic": run.synthetic,
        "fingerprint": run.fingerprint,
        "definitions_version": run.definitions_version,
        "periods": list(board.periods),
        "period": board.period,
        "values": [
            {
                **{
                    k: getattr(r, k) for k in ("indicator", "name", "level", "unit_id", "unit_name", "period")
                },
                "stratum": r.stratum,
                "numerator": as_computed(r).shown(r.numerator, "numerator"),
                "denominator": as_computed(r).shown(r.denominator, "denominator"),
                "value": r.value,
                "standardised": r.standardised,
                "unit": r.unit,
                "marker": r.marker,
                "note": r.note,
                "suppressed": r.suppressed,
                "definition_version": r.definition_version,
            }
            for r in board.rows
        ],
    }


@router.get(
    "/clusters/{cluster_id}/indicators",
    response={200: IndicatorSetOut, **_ERRORS},
    summary="Sundhedsklyngens registerindikatorer pr. periode, side om side med regionen og hele landet",
)
def cluster_indicators(
    request: HttpRequest, cluster_id: str, period: PeriodParam | None = None
) -> dict[str, Any]:
    cluster = cluster_get(cluster_id)
    if cluster is None:
        raise Http404(f"Ukendt sundhedsklynge '{cluster_id}'")
    if not can_view_region(request.user, cluster.region_id):
        raise PermissionDenied("Ingen adgang til regionen")
    run = latest_run()
    board = (
        dashboard(run, [("klynge", cluster.id), ("region", cluster.region_id), ("land", COUNTRY)], period)
        if run
        else None
    )
    return _out(board)


@router.get(
    "/regions/{code}/indicators",
    response={200: IndicatorSetOut, **_ERRORS},
    summary="Regionens registerindikatorer pr. periode, side om side med hele landet",
)
def region_indicators(request: HttpRequest, code: str, period: PeriodParam | None = None) -> dict[str, Any]:
    if not Region.objects.filter(code=code).exists():
        raise Http404(f"Ukendt region '{code}'")
    if not can_view_region(request.user, code):
        raise PermissionDenied("Ingen adgang til regionen")
    run = latest_run()
    return _out(dashboard(run, [("region", code), ("land", COUNTRY)], period) if run else None)
