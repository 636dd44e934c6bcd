"""Compliance overview pages: a cluster with its levels, and the whole country."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import URLPattern, path, reverse
from django.utils.translation import gettext as _

from sundhedsaftale.core.rules import Finding, RuleKind, Status, SubjectKind, finding_as_dict
from sundhedsaftale.registry.selectors import in_danish_order
from sundhedsaftale.web.cases import region_findings
from sundhedsaftale.web.presenters import findings_by_subject
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
    country_overview,
    tally,
)
from .bodies import dated, kind_label, require_view

# --- Cluster and country ------------------------------------------------------------------------------------


@login_required
def cluster_detail(request: HttpRequest, cluster_id: str) -> HttpResponse:
    cluster = cluster_get(cluster_id)
    if cluster is None:
        raise Http404(_("Ukendt sundhedsklynge"))
    require_view(request, cluster.region_id)
    at = evaluation_date(request)
    bodies = cluster_bodies(cluster.id)
    findings = cluster_findings(cluster.id, bodies, region_findings(cluster.region_id, at))
    by_subject = {g["id"]: g for g in findings_by_subject(findings)}
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
                "tally": tally(f for f in findings if f.subject.id == level.key),
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


def _subject_url(finding: Finding, at: dt.date) -> str:
    subject = finding.subject
    if subject.kind is SubjectKind.CLUSTER:
        url = reverse("governance:cluster", args=[subject.id])
    elif subject.kind in (SubjectKind.REGION, SubjectKind.AGREEMENT):
        url = reverse("web:region", args=[subject.region_code])
    else:
        url = reverse("governance:body", args=[subject.id])
    return dated(url, at)


def _not_met(findings: list[Finding], at: dt.date) -> list[dict[str, Any]]:
    """What is not met, binding requirements first, each with a link to where it is explained."""
    listed = sorted(
        (f for f in findings if f.status is Status.NOT_MET),
        key=lambda f: (f.kind is not RuleKind.REQUIREMENT, f.subject.name, f.rule_id),
    )
    return [{"f": finding_as_dict(f), "url": _subject_url(f, at)} for f in listed]


@login_required
def country(request: HttpRequest) -> HttpResponse:
    at = evaluation_date(request)
    overview = country_overview(at)
    own = getattr(request.user, "region_code", "")
    regions = [
        {"row": r, "not_met": _not_met(r.findings, at)}
        for r in sorted(overview.regions, key=lambda r: (r.region.code != own, r.region.code))
    ]
    return render(
        request,
        "governance/country.html",
        {"overview": overview, "regions": regions, "at": at, "own_region": own},
    )


urlpatterns: list[URLPattern] = [
    path("landet/", country, name="country"),
    path("klynger/<str:cluster_id>/", cluster_detail, name="cluster"),
]
