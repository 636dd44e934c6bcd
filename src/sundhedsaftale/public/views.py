"""The portal's pages: no login, Danish first; each page reads one selector of :mod:`.selectors` (ADR 0042).

The same records are the public API's answers (``api/public.py``); every page links its JSON twin.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sundhedsaftale.accounts.conflict import RecordConflict
from sundhedsaftale.accounts.permissions import can_run_body
from sundhedsaftale.agreements.documents import CONTENT_TYPES, agreement_file
from sundhedsaftale.documents import render_docx, render_html, render_pdf
from sundhedsaftale.governance.body_selectors import body_cluster_id, body_get
from sundhedsaftale.registry import clock
from sundhedsaftale.review.views import letter_response
from sundhedsaftale.web.cases import case_snapshot
from sundhedsaftale.web.views import evaluation_date

from . import selectors
from .actions import PublicationInvalid, body_publication_withdraw, body_publish
from .documents import agenda_document

View = Callable[..., HttpResponse]


def public(view: View) -> View:
    """What is not published is not found (404), for everyone."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            return view(request, *args, **kwargs)
        except selectors.NotPublic:
            raise Http404 from None

    return wrapped


@public
def index(request: HttpRequest) -> HttpResponse:
    page = selectors.portal_index(evaluation_date(request))
    return render(request, "public/index.html", {"page": page, "json": reverse("api:public_index")})


@public
def region(request: HttpRequest, code: str) -> HttpResponse:
    page = selectors.region_page(code, evaluation_date(request))
    return render(request, "public/region.html", {"page": page, "json": f"/api/v1/public/regions/{code}"})


def _number(raw: str | None) -> int | None:
    try:
        return int(raw) if raw else None
    except ValueError:
        return None


@public
def agreement(request: HttpRequest, key: str) -> HttpResponse:
    page = selectors.agreement_page(key, _number(request.GET.get("fra")), _number(request.GET.get("til")))
    canonical = request.build_absolute_uri(reverse("public:agreement", args=[key]))
    return render(
        request,
        "public/agreement.html",
        {
            "page": page,
            "json": f"/api/v1/public/agreements/{key}",
            "canonical": canonical,
            "json_ld": _script_json(selectors.agreement_json_ld(page, canonical)),
        },
    )


def _script_json(data: object) -> str:
    """JSON safe inside a <script> element (as Django's json_script escapes it)."""
    text = json.dumps(data, ensure_ascii=False)
    return mark_safe(text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))


@public
def agreement_document(request: HttpRequest, key: str, number: int, fmt: str) -> HttpResponse:
    """A published version as PDF/A, DOCX or HTML, by the agreements' own renderer."""
    if fmt not in CONTENT_TYPES:
        raise Http404
    row, version = selectors.published_version(key, number)
    case = case_snapshot(row.region_id)
    stated = case.agreement(row.key)
    if stated is None:
        raise Http404
    body, content_type = agreement_file(case, version.stated_in(stated), fmt)
    response = HttpResponse(body, content_type=content_type)
    disposition = "attachment" if fmt == "docx" else "inline"
    response["Content-Disposition"] = f'{disposition}; filename="{row.key}-v{version.number}.{fmt}"'
    return response


@public
def letter_file(request: HttpRequest, letter_id: int, fmt: str) -> HttpResponse:
    """A published letter as it was issued (PDF/A-2b or DOCX)."""
    if fmt not in ("pdf", "docx"):
        raise Http404
    return letter_response(selectors.published_letter(letter_id), fmt)


@public
def body(request: HttpRequest, body_key: str) -> HttpResponse:
    page = selectors.body_page(body_key, clock.today())
    return render(request, "public/body.html", {"page": page, "json": f"/api/v1/public/bodies/{body_key}"})


@public
def meeting(request: HttpRequest, pk: int) -> HttpResponse:
    page = selectors.meeting_page(pk)
    return render(request, "public/meeting.html", {"page": page, "json": f"/api/v1/public/meetings/{pk}"})


@public
def agenda_file(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    """A published agenda's public items as PDF/A, DOCX or HTML."""
    if fmt not in CONTENT_TYPES:
        raise Http404
    page = selectors.meeting_page(pk)
    if page.agenda_published_on is None:
        raise Http404
    document = agenda_document(page)
    body: bytes | str = (
        render_pdf(document)
        if fmt == "pdf"
        else render_docx(document)
        if fmt == "docx"
        else render_html(document)
    )
    response = HttpResponse(body, content_type=CONTENT_TYPES[fmt])
    disposition = "attachment" if fmt == "docx" else "inline"
    response["Content-Disposition"] = f'{disposition}; filename="dagsorden-{page.date.isoformat()}.{fmt}"'
    return response


@public
def cluster(request: HttpRequest, cluster_id: str) -> HttpResponse:
    page = selectors.cluster_page(cluster_id)
    return render(
        request, "public/cluster.html", {"page": page, "json": f"/api/v1/public/clusters/{cluster_id}"}
    )


@public
def municipality(request: HttpRequest, municipality_code: str) -> HttpResponse:
    page = selectors.municipality_page(municipality_code, clock.today())
    return render(
        request,
        "public/municipality.html",
        {"page": page, "json": f"/api/v1/public/municipalities/{municipality_code}"},
    )


@login_required
@require_POST
def publish_body(request: HttpRequest, body_key: str) -> HttpResponse:
    """The body's secretariat publishes the body (members and meeting dates); refused with the reason."""
    body = body_get(body_key)
    if body is None:
        raise Http404
    if not can_run_body(request.user, body.region_id, body_cluster_id(body)):
        raise PermissionDenied(_("Kun organets sekretariat kan offentliggøre organet."))
    target = reverse("governance:body", args=[body_key])
    try:
        version = int(request.POST.get("version", ""))
    except ValueError:
        messages.error(request, _("Feltet 'version' mangler; åbn organet igen, og offentliggør det derfra."))
        return redirect(target)
    try:
        body_publish(actor=request.user, body_key=body_key, expected_version=version, on=clock.today())
    except (PublicationInvalid, RecordConflict) as exc:
        messages.error(request, str(exc))
        return redirect(target)
    messages.success(request, _("Organet er offentliggjort: medlemmer og mødedatoer er nu offentlige."))
    return redirect(target)


@login_required
@require_POST
def withdraw_body(request: HttpRequest, body_key: str) -> HttpResponse:
    """The body's secretariat withdraws the body's publication (confirmed, with a reason); refused with the reason."""
    body = body_get(body_key)
    if body is None:
        raise Http404
    if not can_run_body(request.user, body.region_id, body_cluster_id(body)):
        raise PermissionDenied(_("Kun organets sekretariat kan trække offentliggørelsen tilbage."))
    target = reverse("governance:body", args=[body_key])
    try:
        version = int(request.POST.get("version", ""))
    except ValueError:
        messages.error(
            request,
            _("Feltet 'version' mangler; åbn organet igen, og træk offentliggørelsen tilbage derfra."),
        )
        return redirect(target)
    if request.POST.get("confirm") != "1":
        messages.error(
            request,
            _(
                "Bekræft, at offentliggørelsen skal trækkes tilbage (afkrydsningsfeltet 'bekræft'). Intet er ændret."
            ),
        )
        return redirect(target)
    try:
        body_publication_withdraw(
            actor=request.user,
            body_key=body_key,
            expected_version=version,
            on=clock.today(),
            reason=request.POST.get("reason", ""),
        )
    except (PublicationInvalid, RecordConflict) as exc:
        messages.error(request, str(exc))
        return redirect(target)
    messages.success(
        request,
        _("Offentliggørelsen er trukket tilbage: medlemmer og mødedatoer er ikke længere offentlige."),
    )
    return redirect(target)
