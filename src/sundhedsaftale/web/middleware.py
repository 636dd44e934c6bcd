"""Requests refused before any view sees them."""

from __future__ import annotations

import re
from collections.abc import Callable

from django.core.exceptions import BadRequest
from django.http import HttpRequest, HttpResponse, JsonResponse

__all__ = ["RefuseControlCharacters"]

# No address of the platform holds a control character, and PostgreSQL refuses NUL in any text it is asked to
# compare: left to the views, /organer/a%00b/ would be a server error on PostgreSQL and a 404 on SQLite.
_CONTROL = re.compile("[\x00-\x1f\x7f]")
_DETAIL = "Adressen indeholder et styretegn (fx %00), som ingen side eller parameter bruger."


class RefuseControlCharacters:
    """400 for a path or query string with a control character: JSON under /api/, the error page elsewhere."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if _CONTROL.search(request.path_info) or any(
            _CONTROL.search(key) or any(_CONTROL.search(value) for value in values)
            for key, values in request.GET.lists()
        ):
            if request.path_info.startswith("/api/"):
                return JsonResponse({"detail": _DETAIL}, status=400)
            raise BadRequest(_DETAIL)
        return self.get_response(request)
