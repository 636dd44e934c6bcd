"""Compliance overview pages: a cluster with its levels, and the whole country."""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Any
from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import URLPattern, path, reverse
from django.utils.formats import date_format
from django.utils.functional import Promise
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from sundhedsaftale.accounts.permissions import can_view_region
from sundhedsaftale.core.rules import RuleKind, Status, SubjectKind
from sundhedsaftale.registry.selectors import in_danish_order
from sundhedsaftale.web.charts import Series, chart_svg, stacked_bars
from sundhedsaftale.web.presenters import plain_findings_by_subject
from sundhedsaftale.web.views import evaluation_date

from ..actions.bodies import (
    can_edit_body,
)
from ..body_selectors import (
    CLUSTER_LEVELS,
    cluster_bodies,
    cluster_findings,
    cluster_get,
    composition_on,
    tally,
)
from ..national_selectors import (
    NationalGlance,
    RegionGlance,
    national_glance,
    regions_shown,
    regions_without_case,
)
from ..stored_findings import region_findings_plain, with_fingerprints
from .bodies import dated, kind_label, require_view
from .findings import body_findings_list, cluster_findings_list, findings_list

# --- Cluster and country ------------------------------------------------------------------------------------


@login_required
def cluster_detail(request: HttpRequest, cluster_id: str) -> HttpResponse:
    cluster = cluster_get(cluster_id)
    if cluster is None:
        raise Http404(_("Ukendt sundhedsklynge"))
    require_view(request, cluster.region_id)
    at = evaluation_date(request)
    bodies = cluster_bodies(cluster.id)
    # Read from the stored findings (ADR 0032), as the region's list.
    findings = cluster_findings(cluster.id, bodies, region_findings_plain(cluster.region_id, at))
    by_subject = {g["id"]: g for g in plain_findings_by_subject(findings)}
    own = by_subject.get(cluster.id)
    levels = [b for b in bodies if b.kind in CLUSTER_LEVELS]
    sections = []
    for level in levels:
        group = by_subject.get(level.key)
        sections.append(
            {
                "body": level,
                "kind_label": kind_label(level.kind),
                "findings": group["findings"] if group else [],
                "tally": tally(f for f in findings if f["subject_id"] == level.key),
                "members": composition_on(level, at).count,
                "children": [
                    {"body": c, "kind_label": kind_label(c.kind), "members": composition_on(c, at).count}
                    for c in bodies
                    if c.parent_id == level.pk
                ],
                "can_edit": can_edit_body(request.user, level),
            }
        )
    return render(
        request,
        "governance/cluster.html",
        {
            "cluster": cluster,
            "at": at,
            "tally": tally(findings),
            "own_findings": own["findings"] if own else [],
            "sections": sections,
            "municipalities": in_danish_order(cluster.municipalities.all()),
        },
    )


def _subject_url(f: dict[str, Any], region_code: str, at: dt.date) -> str:
    kind, subject_id = f["subject_kind"], f["subject_id"]
    if kind == SubjectKind.CLUSTER.value:
        url = reverse("governance:cluster", args=[subject_id])
    elif kind in (SubjectKind.REGION.value, SubjectKind.AGREEMENT.value):
        url = reverse("web:region", args=[region_code])
    else:
        url = reverse("governance:body", args=[subject_id])
    return dated(url, at)


def _not_met(g: RegionGlance, at: dt.date) -> list[dict[str, Any]]:
    """What is not met, binding requirements first, each with a link to where it is explained."""
    listed = sorted(
        (f for f in g.open if f["status"] == Status.NOT_MET.value),
        key=lambda f: (f["kind"] != RuleKind.REQUIREMENT.value, f["subject_name"], f["rule_id"]),
    )
    return [{"f": f, "url": _subject_url(f, g.region.code, at)} for f in listed]


AREA_LABELS: dict[str, Promise] = {
    "composition": gettext_lazy("Sammensætning og organisering"),
    "meetings": gettext_lazy("Møder"),
    "agreement": gettext_lazy("Sundhedsaftale og frister"),
    "patients": gettext_lazy("Patientinddragelse"),
}
TREND_SERIES = (
    Series("broken", gettext_lazy("Krav brudt"), "#b0292e"),
    Series("advice", gettext_lazy("Anbefalinger ikke fulgt"), "#e6a317"),
    Series("judgement", gettext_lazy("Kræver vurdering"), "#1a6db5"),
)
# The rendered national page below the date chooser is kept this long (it is keyed by the record's state).
BODY_CACHE_SECONDS = 3600
# The filters that list the findings behind a number in the matrix (see findings_list).
WEIGHT_FILTERS = {
    "broken": {"status": "not_met", "art": "krav"},
    "advice": {"status": "not_met", "art": "anbefaling"},
    "judgement": {"status": "needs_judgement"},
}


def findings_url(region_code: str, at: dt.date, **filters: str) -> str:
    query = urlencode({"dato": at.isoformat(), **{k: v for k, v in filters.items() if v}})
    return f"{reverse('governance:region_findings', args=[region_code])}?{query}"


def _matrix_row(g: RegionGlance, at: dt.date) -> dict[str, Any]:
    code = g.region.code
    return {
        "glance": g,
        "cells": [
            {
                "area": c.area,
                "label": AREA_LABELS[c.area],
                "worst": c.worst,
                "links": [
                    {
                        "weight": w,
                        "count": getattr(c.tally, w),
                        "url": findings_url(code, at, omraade=c.area, **f),
                    }
                    for w, f in WEIGHT_FILTERS.items()
                    if getattr(c.tally, w)
                ],
            }
            for c in g.cells
        ],
        "all_url": findings_url(code, at),
        "not_met": _not_met(g, at),
    }


def _country_body(at: dt.date, glance: NationalGlance, own: str) -> str:
    labels = [
        _("%(q)d. kvt. %(y)d") % {"q": (p.on.month - 1) // 3 + 1, "y": p.on.year}
        if p.on != at
        else _("%(d)s (valgt dato)") % {"d": date_format(at, "j. N Y")}
        for p in glance.trend
    ]
    chart = stacked_bars(
        labels,
        list(TREND_SERIES),
        [{w: getattr(p.totals, w) for w in ("broken", "advice", "judgement")} for p in glance.trend],
    )
    description = " ".join(
        _(
            "%(label)s: %(broken)d krav brudt, %(advice)d anbefalinger ikke fulgt, %(judgement)d kræver vurdering."
        )
        % {
            "label": label,
            "broken": p.totals.broken,
            "advice": p.totals.advice,
            "judgement": p.totals.judgement,
        }
        for label, p in zip(labels, glance.trend, strict=True)
    )
    return render_to_string(
        "governance/includes/country_body.html",
        {
            "glance": glance,
            "matrix": [_matrix_row(g, at) for g in glance.regions],
            "area_labels": [AREA_LABELS[a] for a in glance.areas],
            "trend": list(zip(labels, glance.trend, strict=True)),
            "chart": chart,
            "chart_svg": chart_svg(
                chart,
                title=_("Åbne fund pr. kvartal i hele landet"),
                description=description,
                element_id="trend",
            ),
            "at": at,
            "day": at.isoformat(),
            "own_region": own,
        },
    )  # no request: nothing of the user's but the own region goes into what is kept for others


@login_required
def country(request: HttpRequest) -> HttpResponse:
    """The whole country at a glance. The part below the date chooser depends only on the regions the user may
    see, the date, the language, the user's own region and the regions' fingerprints, so it is rendered once per
    change of the record and kept in the cache under exactly those (ADR 0032)."""
    at = evaluation_date(request)
    own = getattr(request.user, "region_code", "")
    shown = [(r, f) for r, f in with_fingerprints(regions_shown(at)) if can_view_region(request.user, r.code)]
    regions = [r for r, _f in shown]
    state = {r.code: f for r, f in shown}
    key = (
        "landet:"
        + hashlib.sha256(repr((at, get_language(), own, sorted(state.items()))).encode()).hexdigest()
    )
    body = cache.get(key)
    if body is None:
        glance = national_glance(at, regions, state)
        body = _country_body(at, glance, own)
        cache.set(key, body, BODY_CACHE_SECONDS)
    return render(
        request,
        "governance/country.html",
        {"body": mark_safe(body), "at": at, "without_case": regions_without_case(at)},
    )


urlpatterns: list[URLPattern] = [
    path("landet/", country, name="country"),
    path("klynger/<str:cluster_id>/", cluster_detail, name="cluster"),
    path("landet/fund/", findings_list, name="country_findings"),
    path("regioner/<str:code>/fund/", findings_list, name="region_findings"),
    path("klynger/<str:cluster_id>/fund/", cluster_findings_list, name="cluster_findings"),
    path("organer/<str:body_key>/fund/", body_findings_list, name="body_findings"),
]
