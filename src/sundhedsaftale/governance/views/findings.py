"""The findings list: filtered, counted, paginated and exported, for the whole country, one region, one cluster
or one body.

Reads stored findings (ADR 0032). By default only what needs action is listed (not met, needs judgement);
``?status=alle`` lists every finding. ``?format=csv`` or ``xlsx`` downloads the filtered list.
"""

from __future__ import annotations

import copy
import datetime as dt
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from sundhedsaftale.accounts.permissions import can_view_region
from sundhedsaftale.core.rules import SubjectKind
from sundhedsaftale.registry.models import Region
from sundhedsaftale.registry.selectors import region_get
from sundhedsaftale.web.presenters import provision_url
from sundhedsaftale.web.views import evaluation_date
from sundhedsaftale.web.words import finding_in_language

from ..body_selectors import body_get, cluster_bodies, cluster_get
from ..finding_filters import ALL, FilterError, choices, filtered, finding_filter, status_counts
from ..findings_export import CSV_CONTENT_TYPE, XLSX_CONTENT_TYPE, findings_csv, findings_xlsx
from ..national_selectors import regions_shown
from ..stored_findings import AREAS, OPEN, stored_findings

PER_PAGE = 25
_PARAMS = ("status", "art", "omraade", "organ", "hjemmel", "region")


def _area_labels() -> dict[str, str]:
    from .overview import AREA_LABELS  # the matrix and the list name the areas alike

    return {a: str(AREA_LABELS[a]) for a in AREAS}


@dataclass(frozen=True)
class Scope:
    """A part of one region whose findings a list shows: a cluster (its own findings and its bodies') or a body."""

    key: str
    name: str
    url: str
    subject_ids: frozenset[str]  # the bodies' keys
    cluster_id: str = ""  # a cluster's own findings too

    def holds(self, f: dict[str, Any]) -> bool:
        if f["subject_kind"] == SubjectKind.CLUSTER.value:
            return f["subject_id"] == self.cluster_id
        return f["subject_kind"] not in _NOT_BODIES and f["subject_id"] in self.subject_ids


_NOT_BODIES = (SubjectKind.REGION.value, SubjectKind.AGREEMENT.value)


@login_required
def findings_list(request: HttpRequest, code: str | None = None) -> HttpResponse:
    at = evaluation_date(request)
    if code is not None:
        region = region_get(code)
        if region is None:
            raise Http404(_("Ukendt region"))
        if not can_view_region(request.user, code):
            raise PermissionDenied
        return _findings_page(request, at, region, [region])
    regions = [r for r in regions_shown(at) if can_view_region(request.user, r.code)]
    return _findings_page(request, at, None, regions)


@login_required
def cluster_findings_list(request: HttpRequest, cluster_id: str) -> HttpResponse:
    """The cluster's findings (its own, its two levels' and their groups'), as the region's list."""
    cluster = cluster_get(cluster_id)
    if cluster is None:
        raise Http404(_("Ukendt sundhedsklynge"))
    if not can_view_region(request.user, cluster.region_id):
        raise PermissionDenied
    at = evaluation_date(request)
    scope = Scope(
        key=cluster.id,
        name=cluster.name,
        url=reverse("governance:cluster", args=[cluster.id]),
        subject_ids=frozenset(b.key for b in cluster_bodies(cluster.id)),
        cluster_id=cluster.id,
    )
    return _findings_page(request, at, cluster.region, [cluster.region], scope)


@login_required
def body_findings_list(request: HttpRequest, body_key: str) -> HttpResponse:
    """The body's own findings, as the region's list."""
    body = body_get(body_key)
    if body is None:
        raise Http404(_("Ukendt organ"))
    if not can_view_region(request.user, body.region_id):
        raise PermissionDenied
    at = evaluation_date(request)
    scope = Scope(
        key=body.key,
        name=body.name,
        url=reverse("governance:body", args=[body.key]),
        subject_ids=frozenset([body.key]),
    )
    return _findings_page(request, at, body.region, [body.region], scope)


def _findings_page(
    request: HttpRequest,
    at: dt.date,
    region: Region | None,
    regions: list[Region],
    scope: Scope | None = None,
) -> HttpResponse:
    raw = {p: request.GET.get(p, "") for p in _PARAMS}
    codes = [r.code for r in regions]
    try:
        if region is None and raw["region"] and raw["region"] not in codes:
            raise FilterError(f"region: '{raw['region']}' er ikke en af {', '.join(codes)}")
        chosen = finding_filter(
            status=raw["status"],
            kind=raw["art"],
            area=raw["omraade"],
            subject=raw["organ"],
            provision=raw["hjemmel"],
            region=raw["region"] if region is None else "",
        )
    except FilterError as exc:
        if request.GET.get("format") in ("csv", "xlsx"):  # a download would hide the message: refuse it
            return HttpResponseBadRequest(
                _("Filteret kunne ikke bruges: %(error)s.") % {"error": exc},
                content_type="text/plain; charset=utf-8",
            )
        messages.error(
            request,
            _("Filteret kunne ikke bruges: %(error)s. Viser det, der kræver handling.") % {"error": exc},
        )
        chosen = finding_filter()
        raw = dict.fromkeys(_PARAMS, "")
    stored = stored_findings(codes, [at], parts=("findings",))
    everything = [f for c in codes for f in stored[(c, at)].findings]
    if scope is not None:
        everything = [f for f in everything if scope.holds(f)]
    listed = filtered(everything, chosen)

    fmt = request.GET.get("format", "")
    if fmt in ("csv", "xlsx"):
        named = scope.key if scope is not None else region.code if region is not None else "landet"
        name = f"fund-{named}-{at.isoformat()}.{fmt}"
        exported = [finding_in_language(f) for f in listed]  # the page's language, as the list shows them
        body, content_type = (
            (findings_csv(exported, _area_labels()), CSV_CONTENT_TYPE)
            if fmt == "csv"
            else (findings_xlsx(exported, _area_labels()), XLSX_CONTENT_TYPE)
        )
        response = HttpResponse(body, content_type=content_type)
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response

    page = Paginator(listed, PER_PAGE).get_page(request.GET.get("side"))
    shown = []
    for f in page.object_list:
        item = copy.deepcopy(f)
        for p in item["provisions"]:
            p["url"] = provision_url(p["key"])
        shown.append(item)
    subjects, provisions = choices(everything)
    kept = {k: v for k, v in raw.items() if v}
    query = urlencode({"dato": at.isoformat(), **kept})
    return render(
        request,
        "governance/findings.html",
        {
            "region": region,
            "scope": scope,
            "regions": regions,
            "at": at,
            "page": page,
            "findings": shown,
            "count": len(listed),
            "total": len(everything),
            "counts": status_counts(everything, chosen),
            "needs_action_only": chosen.needs_action_only,
            "raw": raw,
            "all_value": ALL,
            "open_statuses": OPEN,
            "areas": list(_area_labels().items()),
            "subjects": subjects,
            "provisions": provisions,
            "query": query,
            "status_choices": _status_choices(),
        },
    )


def _status_choices() -> list[tuple[str, Any]]:
    return [
        ("", _("Kræver handling (ikke opfyldt eller kræver vurdering)")),
        ("not_met", _("Ikke opfyldt")),
        ("needs_judgement", _("Kræver faglig vurdering")),
        ("not_yet_due", _("Endnu ikke aktuel")),
        ("met", _("Opfyldt")),
        ("not_recorded", _("Ikke registreret")),
        ("not_applicable", _("Ikke relevant")),
        (ALL, _("Alle")),
    ]
