"""The search pages (ADR 0047): ``/soeg/`` for the logged-in (what ``accounts.permissions`` lets them read) and
``/offentlig/soeg/`` for everyone (only what was published). Both render the same template."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path, reverse

from sundhedsaftale.registry.models import Region

from . import selectors
from .forms import SearchForm


def _page(request: HttpRequest, *, public_only: bool) -> HttpResponse:
    regions = list(Region.objects.order_by("code").values_list("code", "name"))
    form = SearchForm(request.GET or None, regions=regions)
    result = None
    pages: dict[str, str] = {}
    if form.is_bound and form.is_valid() and form.cleaned_data.get("q"):
        page = form.cleaned_data.get("side") or 1
        result = selectors.search(
            request.user, form.cleaned_data["q"], form.filters(), page=page, public_only=public_only
        )
        base = {k: v for k, v in request.GET.items() if k != "side"}
        if result.page > 1:
            pages["previous"] = "?" + urlencode({**base, "side": result.page - 1})
        if result.page < result.pages:
            pages["next"] = "?" + urlencode({**base, "side": result.page + 1})
    action = reverse("search:public" if public_only else "search:search")
    api = "/api/v1/public/search" if public_only else "/api/v1/search"
    json = f"{api}?{urlencode({'q': request.GET.get('q', '')})}" if result is not None else ""
    return render(
        request,
        "search/search.html",
        {
            "form": form,
            "result": result,
            "pages": pages,
            "action": action,
            "public_only": public_only,
            "json": json,
        },
    )


def public_search(request: HttpRequest) -> HttpResponse:
    return _page(request, public_only=True)


@login_required
def search(request: HttpRequest) -> HttpResponse:
    return _page(request, public_only=False)


app_name = "search"

urlpatterns = [
    path("soeg/", search, name="search"),
    path("offentlig/soeg/", public_search, name="public"),
]
