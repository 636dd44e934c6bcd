"""Dashboards of the register indicators per cluster and region, their export and the status report's "hent
værdier" (ADR 0049). Thin: ask permission, read a selector or call an action.

Who reads: every logged-in user, like the rest of a region's governance (``can_view_region``). The values are
aggregated per unit and period, suppressed ("<5") before they are stored, and — in the demo — synthetic, so no page
shows anything about a person; they are the clusters' shared basis for the population responsibility (§ 9).
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sundhedsaftale.accounts.conflict import RecordConflict
from sundhedsaftale.accounts.permissions import can_edit_region, can_view_region
from sundhedsaftale.followup.models import StatusReport
from sundhedsaftale.governance.body_selectors import cluster_get
from sundhedsaftale.indicators.export import values_csv, values_xlsx
from sundhedsaftale.registry.models import HealthCluster, Region
from sundhedsaftale.web.charts import trend_lines, trend_svg

from .models import ComputationRun
from .report_values import ValuesRefused, report_values_fetch
from .selectors import COUNTRY, Card, Dashboard, as_computed, dashboard, latest_run

app_name = "datasupport"

_XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def about(run: ComputationRun) -> list[tuple[str, str]]:
    """The columns every exported row carries: the source, the computation date, the definitions' version and
    whether the data are synthetic."""
    return [
        ("kilde", run.source),
        ("beregnet", timezone.localtime(run.computed_at).date().isoformat()),
        ("definitioner", run.definitions_version),
        ("syntetiske_data", "ja – ingen værdi beskriver virkelige personer" if run.synthetic else "nej"),
    ]


def _cards(board: Dashboard, prefix: str) -> list[tuple[Card, SafeString]]:
    out = []
    for n, card in enumerate(board.cards, start=1):
        chart = trend_lines(list(card.periods), card.series())
        svg = trend_svg(
            chart,
            title=card.title,
            description=_("Udviklingen pr. periode for %(units)s, i %(unit)s. Tallene står også i tabellen.")
            % {"units": ", ".join(card.units), "unit": card.unit},
            element_id=f"{prefix}-{n}",
            unit=card.unit,
        )
        out.append((card, svg))
    return out


def _cluster(request: HttpRequest, cluster_id: str) -> HealthCluster:
    cluster = cluster_get(cluster_id)
    if cluster is None:
        raise Http404
    if not can_view_region(request.user, cluster.region_id):
        raise PermissionDenied
    return cluster


def _region(request: HttpRequest, code: str) -> Region:
    region = get_object_or_404(Region, code=code)
    if not can_view_region(request.user, code):
        raise PermissionDenied
    return region


def _cluster_board(cluster_id: str, region_code: str, period: str | None) -> Dashboard | None:
    run = latest_run()
    if run is None:
        return None
    return dashboard(run, [("klynge", cluster_id), ("region", region_code), ("land", COUNTRY)], period)


def _region_board(code: str, period: str | None) -> Dashboard | None:
    run = latest_run()
    if run is None:
        return None
    return dashboard(run, [("region", code), ("land", COUNTRY)], period)


@login_required
def cluster_data(request: HttpRequest, cluster_id: str) -> HttpResponse:
    cluster = _cluster(request, cluster_id)
    board = _cluster_board(cluster.id, cluster.region_id, request.GET.get("periode"))
    return render(
        request,
        "datasupport/cluster.html",
        {
            "cluster": cluster,
            "board": board,
            "cards": _cards(board, "trend") if board else [],
            "about": about(board.run) if board else [],
        },
    )


@login_required
def region_data(request: HttpRequest, code: str) -> HttpResponse:
    region = _region(request, code)
    board = _region_board(code, request.GET.get("periode"))
    clusters = list(region.clusters.order_by("name"))
    table: list[tuple[object, list[object]]] = []
    if board is not None:
        per_cluster = {c.id: dashboard(board.run, [("klynge", c.id)], board.period) for c in clusters}
        for card in board.cards:
            if card.stratum != "alle":
                continue
            table.append(
                (
                    card,
                    [
                        (
                            c,
                            next(
                                (
                                    k.now[0]
                                    for k in per_cluster[c.id].cards
                                    if k.indicator == card.indicator and k.now
                                ),
                                None,
                            ),
                        )
                        for c in clusters
                    ],
                )
            )
    return render(
        request,
        "datasupport/region.html",
        {
            "region": region,
            "board": board,
            "cards": _cards(board, "trend") if board else [],
            "clusters": clusters,
            "table": table,
            "about": about(board.run) if board else [],
        },
    )


def _download(board: Dashboard | None, name: str, xlsx: bool) -> HttpResponse:
    if board is None:
        raise Http404(_("Der er ikke beregnet indikatorer endnu."))
    values = [as_computed(r) for r in board.rows]
    prefix = "syntetiske-" if board.run.synthetic else ""
    if xlsx:
        response = HttpResponse(values_xlsx(values, about(board.run)), content_type=_XLSX)
        response["Content-Disposition"] = f'attachment; filename="{prefix}indikatorer-{name}.xlsx"'
    else:
        response = HttpResponse(values_csv(values, about(board.run)), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{prefix}indikatorer-{name}.csv"'
    return response


@login_required
def cluster_export_csv(request: HttpRequest, cluster_id: str) -> HttpResponse:
    cluster = _cluster(request, cluster_id)
    return _download(_cluster_board(cluster.id, cluster.region_id, None), cluster.id, xlsx=False)


@login_required
def cluster_export_xlsx(request: HttpRequest, cluster_id: str) -> HttpResponse:
    cluster = _cluster(request, cluster_id)
    return _download(_cluster_board(cluster.id, cluster.region_id, None), cluster.id, xlsx=True)


@login_required
def region_export_csv(request: HttpRequest, code: str) -> HttpResponse:
    region = _region(request, code)
    return _download(_region_board(region.code, None), region.code, xlsx=False)


@login_required
def region_export_xlsx(request: HttpRequest, code: str) -> HttpResponse:
    region = _region(request, code)
    return _download(_region_board(region.code, None), region.code, xlsx=True)


@login_required
@require_POST
def report_fetch_values(request: HttpRequest, pk: int) -> HttpResponse:
    """ "Hent værdier": fill the report's success criteria that name a defined indicator with the kept values of
    the agreement's region, each with its source and computation date."""
    report = get_object_or_404(StatusReport.objects.select_related("agreement"), pk=pk)
    if not can_edit_region(request.user, report.agreement.region_id):
        raise PermissionDenied
    try:
        expected = int(request.POST.get("expected_version", ""))
    except ValueError:
        expected = -1
    try:
        added = report_values_fetch(actor=request.user, report_pk=report.pk, expected_version=expected)
    except RecordConflict as exc:
        messages.error(request, str(exc))
    except ValuesRefused as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request,
            _("Hentede %(n)d værdier fra de beregnede indikatorer.") % {"n": added}
            if added
            else _("Der var ingen nye værdier at hente."),
        )
    return redirect("followup:report_edit", pk=report.pk)


urlpatterns = [
    path("klynger/<str:cluster_id>/data/", cluster_data, name="cluster"),
    path("klynger/<str:cluster_id>/data/indikatorer.csv", cluster_export_csv, name="cluster_export_csv"),
    path("klynger/<str:cluster_id>/data/indikatorer.xlsx", cluster_export_xlsx, name="cluster_export_xlsx"),
    path("regioner/<str:code>/data/", region_data, name="region"),
    path("regioner/<str:code>/data/indikatorer.csv", region_export_csv, name="region_export_csv"),
    path("regioner/<str:code>/data/indikatorer.xlsx", region_export_xlsx, name="region_export_xlsx"),
    path("statusrapporter/<int:pk>/hent-vaerdier/", report_fetch_values, name="report_fetch_values"),
]
