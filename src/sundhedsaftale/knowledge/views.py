"""The catalogue's pages (ADR 0048): the public catalogue under ``/offentlig/katalog/`` (no login, with its JSON
twin under ``/api/v1/public/catalogue``) and the logged-in catalogue under ``/katalog/``, where the region's
secretariat marks an initiative for national spread and anyone logged in follows an entry."""

from __future__ import annotations

import mimetypes
from collections.abc import Callable
from functools import wraps
from pathlib import PurePosixPath
from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sundhedsaftale.accounts.conflict import RecordConflict
from sundhedsaftale.accounts.models import User
from sundhedsaftale.accounts.permissions import can_edit_region
from sundhedsaftale.agreements.documents import CONTENT_TYPES
from sundhedsaftale.agreements.models import HealthAgreement
from sundhedsaftale.core.case import BodyKind
from sundhedsaftale.documents import render_docx, render_html, render_pdf
from sundhedsaftale.governance.models import Meeting
from sundhedsaftale.registry import clock
from sundhedsaftale.web.uploads import accept_attribute

from . import selectors
from .actions import (
    EVIDENCE_KINDS,
    SPREAD_WORDS,
    CatalogueInvalid,
    MarkInput,
    follow,
    spread_mark,
    spread_unmark,
    unfollow,
)
from .documents import catalogue_document, entry_document
from .models import Follow, SpreadMark

View = Callable[..., HttpResponse]


def _found(view: View) -> View:
    """An entry the reader may not see is not found (404)."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            return view(request, *args, **kwargs)
        except selectors.NotInCatalogue:
            raise Http404 from None

    return wrapped


def _query(request: HttpRequest) -> str:
    kept = {
        k: v
        for k, v in request.GET.items()
        if k in ("region", "maal", "maalgruppe", "art", "udbredelse", "q") and v
    }
    return "?" + urlencode(kept) if kept else ""


def _file(document_body: bytes | str, fmt: str, name: str) -> HttpResponse:
    response = HttpResponse(document_body, content_type=CONTENT_TYPES[fmt])
    disposition = "attachment" if fmt == "docx" else "inline"
    response["Content-Disposition"] = f'{disposition}; filename="{name}.{fmt}"'
    return response


def _render(document: Any, fmt: str) -> bytes | str:
    if fmt == "pdf":
        return render_pdf(document)
    if fmt == "docx":
        return render_docx(document)
    return render_html(document)


# --- The public catalogue -------------------------------------------------------------------------------------


def public_catalogue(request: HttpRequest) -> HttpResponse:
    page = selectors.catalogue_page(None, selectors.filters_from(request.GET.dict()))
    query = _query(request)
    return render(
        request,
        "knowledge/public_catalogue.html",
        {
            "page": page,
            "json": reverse("api:public_catalogue") + query,
            "pdf": reverse("knowledge:public_catalogue_file", args=["pdf"]) + query,
            "docx": reverse("knowledge:public_catalogue_file", args=["docx"]) + query,
        },
    )


def public_catalogue_file(request: HttpRequest, fmt: str) -> HttpResponse:
    """The filtered public catalogue as PDF/A, DOCX or HTML."""
    if fmt not in CONTENT_TYPES:
        raise Http404
    page = selectors.catalogue_page(None, selectors.filters_from(request.GET.dict()))
    return _file(_render(catalogue_document(page, clock.today()), fmt), fmt, "vidensdelingskatalog")


@_found
def public_entry(request: HttpRequest, entry: str) -> HttpResponse:
    e = selectors.catalogue_entry(None, entry)
    return render(
        request,
        "knowledge/public_entry.html",
        {"e": e, "json": reverse("api:public_catalogue_entry", kwargs={"entry": entry})},
    )


@_found
def public_entry_file(request: HttpRequest, entry: str, fmt: str) -> HttpResponse:
    if fmt not in CONTENT_TYPES:
        raise Http404
    e = selectors.catalogue_entry(None, entry)
    return _file(_render(entry_document(e, clock.today()), fmt), fmt, f"tiltag-{e.agreement_key}-{e.kind}")


def _evidence(mark: SpreadMark | None) -> HttpResponse:
    if mark is None or not mark.document:
        raise Http404
    name = mark.document_name or PurePosixPath(mark.document.name or "dokumentation").name
    content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
    with mark.document.open("rb") as handle:
        response = HttpResponse(handle.read(), content_type=content_type)
    response["Content-Disposition"] = f'inline; filename="{name}"'
    return response


def _mark_of(entry: str) -> SpreadMark | None:
    key, kind, item_id = selectors.parse_entry(entry)
    return SpreadMark.objects.filter(
        agreement__key=key, entry_kind=kind.value, item_id=item_id, withdrawn_on__isnull=True
    ).first()


@_found
def public_evidence(request: HttpRequest, entry: str) -> HttpResponse:
    """The evidence document of a public entry's mark in force."""
    selectors.catalogue_entry(None, entry)
    return _evidence(_mark_of(entry))


# --- The logged-in catalogue ----------------------------------------------------------------------------------


@login_required
def catalogue(request: HttpRequest) -> HttpResponse:
    page = selectors.catalogue_page(request.user, selectors.filters_from(request.GET.dict()))
    followed = _followed(request.user)
    return render(request, "knowledge/catalogue.html", {"page": page, "followed": followed})


def _followed(user: Any) -> set[str]:
    rows = Follow.objects.filter(user=user).select_related("agreement")
    return {selectors.entry_id(f.agreement.key, f.entry_kind, f.item_id) for f in rows}


def _committee_meetings(region_code: str) -> list[Meeting]:
    return list(
        Meeting.objects.filter(
            body__region_id=region_code, body__kind=BodyKind.COMMITTEE.value, date__lte=clock.today()
        )
        .select_related("body")
        .order_by("-date")[:40]
    )


@login_required
@_found
def entry(request: HttpRequest, entry: str) -> HttpResponse:
    e = selectors.catalogue_entry(request.user, entry)
    agreement = HealthAgreement.objects.get(key=e.agreement_key)
    can_mark = can_edit_region(request.user, e.region_code)
    return render(
        request,
        "knowledge/entry.html",
        {
            "e": e,
            "can_mark": can_mark,
            "meetings": _committee_meetings(e.region_code) if can_mark else [],
            "mark_version": selectors.mark_state(agreement, e.kind, entry.split(selectors.SEP, 2)[2]),
            "following": entry in _followed(request.user),
            "accept": accept_attribute(EVIDENCE_KINDS),
            "spread_words": SPREAD_WORDS,
        },
    )


@login_required
@_found
def evidence(request: HttpRequest, entry: str) -> HttpResponse:
    selectors.catalogue_entry(request.user, entry)
    return _evidence(_mark_of(entry))


def _region_of(entry: str) -> str:
    key, _kind, _item = selectors.parse_entry(entry)
    agreement = HealthAgreement.objects.filter(key=key).first()
    if agreement is None:
        raise Http404
    return agreement.region_id


def _version(request: HttpRequest) -> int | None:
    try:
        return int(request.POST.get("version", ""))
    except ValueError:
        return None


@login_required
@require_POST
@_found
def mark(request: HttpRequest, entry: str) -> HttpResponse:
    """The region's secretariat records the committee's mark for national spread; refused with the reason."""
    if not can_edit_region(request.user, _region_of(entry)):
        raise PermissionDenied(_("Kun regionens sekretariat kan markere et tiltag til national udbredelse."))
    target = reverse("knowledge:entry", args=[entry])
    version = _version(request)
    if version is None:
        messages.error(request, _("Feltet 'version' mangler; åbn tiltaget igen, og markér det derfra."))
        return redirect(target)
    raw_meeting = request.POST.get("meeting", "")
    try:
        spread_mark(
            actor=request.user,
            entry=entry,
            expected_version=version,
            data=MarkInput(
                evidence=request.POST.get("evidence", ""),
                meeting_pk=int(raw_meeting) if raw_meeting.isdigit() else None,
                document=request.FILES.get("document"),
            ),
            on=clock.today(),
        )
    except (CatalogueInvalid, RecordConflict) as exc:
        messages.error(request, str(exc))
        return redirect(target)
    messages.success(request, _("Tiltaget er markeret til national udbredelse."))
    return redirect(target)


@login_required
@require_POST
@_found
def unmark(request: HttpRequest, entry: str) -> HttpResponse:
    if not can_edit_region(request.user, _region_of(entry)):
        raise PermissionDenied(_("Kun regionens sekretariat kan tilbagekalde en markering."))
    target = reverse("knowledge:entry", args=[entry])
    version = _version(request)
    if version is None:
        messages.error(
            request, _("Feltet 'version' mangler; åbn tiltaget igen, og tilbagekald markeringen derfra.")
        )
        return redirect(target)
    if request.POST.get("confirm") != "1":
        messages.error(
            request,
            _("Bekræft, at markeringen skal tilbagekaldes (afkrydsningsfeltet 'bekræft'). Intet er ændret."),
        )
        return redirect(target)
    try:
        spread_unmark(
            actor=request.user,
            entry=entry,
            expected_version=version,
            reason=request.POST.get("reason", ""),
            on=clock.today(),
        )
    except (CatalogueInvalid, RecordConflict) as exc:
        messages.error(request, str(exc))
        return redirect(target)
    messages.success(request, _("Markeringen til national udbredelse er tilbagekaldt."))
    return redirect(target)


@login_required
@require_POST
@_found
def follow_entry(request: HttpRequest, entry: str) -> HttpResponse:
    assert isinstance(request.user, User)
    selectors.catalogue_entry(request.user, entry)
    try:
        follow(actor=request.user, entry=entry, on=clock.today())
    except CatalogueInvalid as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Du følger nu tiltaget og får besked, når det ændres."))
    return redirect("knowledge:entry", entry=entry)


@login_required
@require_POST
@_found
def unfollow_entry(request: HttpRequest, entry: str) -> HttpResponse:
    assert isinstance(request.user, User)
    try:
        unfollow(actor=request.user, entry=entry)
    except CatalogueInvalid as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Du følger ikke længere tiltaget."))
    return redirect("knowledge:entry", entry=entry)
