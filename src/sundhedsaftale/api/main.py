"""The API object and its routers."""

from __future__ import annotations

import logging
from typing import Any

from django.core.exceptions import BadRequest, PermissionDenied, RequestDataTooBig, SuspiciousOperation
from django.db import DataError
from django.http import Http404, HttpRequest, HttpResponse, RawPostDataException, UnreadablePostError
from django.http.multipartparser import MultiPartParserError
from ninja.errors import AuthenticationError, HttpError, ValidationError

from sundhedsaftale import __version__
from sundhedsaftale.accounts.conflict import RecordConflict
from sundhedsaftale.core.case import error_messages

from .agreements import router as agreements_router
from .annexes import router as annexes_router
from .approvals import router as approvals_router
from .bodies import router as bodies_router
from .followup import router as followup_router
from .hearings import router as hearings_router
from .indicators import router as indicators_router
from .interchange import router as interchange_router
from .law import router as law_router
from .meetings import router as meetings_router
from .openapi import PlatformApi
from .public import router as public_router
from .regions import router as regions_router
from .review import router as review_router
from .search import router as search_router
from .statements import router as statements_router

log = logging.getLogger(__name__)

api = PlatformApi(
    title="Sundhedsaftale API",
    version=__version__,
    description=(
        "Lovgrundlag, regler og regioners sundhedssamarbejde efter bek. nr. 1248/2022 og vejledning nr. 9008/2024. "
        "Læsning af lov og regler er åben; regioners data kræver login (session)."
    ),
    urls_namespace="api",
)
api.add_router("/law", law_router, tags=["Lovgrundlag"])
api.add_router("/", regions_router, tags=["Regioner"])
api.add_router("/", bodies_router, tags=["Organer og medlemmer"])
api.add_router("/", statements_router, tags=["Organer og medlemmer"])
api.add_router("/", meetings_router, tags=["Møder"])
api.add_router("/", interchange_router, tags=["Import og eksport"])
api.add_router("/", agreements_router, tags=["Sundhedsaftaler"])
api.add_router("/", approvals_router, tags=["Sundhedsaftaler"])
api.add_router("/", hearings_router, tags=["Høringer"])
api.add_router("/", annexes_router, tags=["Sundhedsaftaler"])
api.add_router("/", review_router, tags=["Sundhedsstyrelsens sagsbehandling"])
api.add_router("/", followup_router, tags=["Opfølgning"])
api.add_router("/", indicators_router, tags=["Registerdata og indikatorer"])
api.add_router("/public", public_router, tags=["Offentlig portal"])
api.add_router("/", search_router, tags=["Søgning"])


@api.exception_handler(PermissionDenied)
def _forbidden(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
    return api.create_response(request, {"detail": str(exc) or "Ingen adgang"}, status=403)


_SOURCES = frozenset({"body", "query", "path", "form", "file", "header", "cookie"})


def _below_source(error: dict[str, Any]) -> dict[str, Any]:
    """The error with its location below the request part: ``("body", "payload", "end")`` → ``("end",)``."""
    loc = list(error.get("loc", ()))
    source = loc.pop(0) if loc and loc[0] in _SOURCES else None
    if source == "body" and loc:
        loc.pop(0)  # the name of the route's body parameter, which no client sends
    if not loc and error.get("type") != "value_error":  # a value error names its own place
        loc = [source or "input"]
    return {**error, "loc": tuple(loc)}


@api.exception_handler(ValidationError)
def _invalid(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    # Name every field that is wrong, in Danish, the way the rest of the platform reports bad input.
    problems = error_messages([_below_source(e) for e in exc.errors])  # type: ignore[misc]
    return api.create_response(
        request, {"detail": "Ugyldige data – " + "; ".join(problems), "errors": exc.errors}, status=422
    )


@api.exception_handler(MultiPartParserError)
@api.exception_handler(RawPostDataException)
@api.exception_handler(UnreadablePostError)
@api.exception_handler(SuspiciousOperation)
@api.exception_handler(BadRequest)
def _unreadable(request: HttpRequest, exc: Exception) -> HttpResponse:
    # Django reads a form body lazily, first when the session's CSRF check looks at it; a multipart body
    # without a boundary or one over the size limits fails there. That is the client's error, not ours.
    if isinstance(exc, RequestDataTooBig):
        reason = "indholdet er større, end platformen tager imod"
    elif isinstance(exc, MultiPartParserError):
        reason = f"multipart/form-data kan ikke læses ({exc})"
    elif isinstance(exc, RawPostDataException):
        # The CSRF check read a form body, and the route wanted the raw body as JSON.
        reason = f"ruten tager application/json, ikke {request.content_type or 'en formular'}"
    else:
        reason = str(exc) or type(exc).__name__
    return api.create_response(request, {"detail": f"Forespørgslen kan ikke læses: {reason}."}, status=400)


@api.exception_handler(DataError)
def _unstorable(request: HttpRequest, exc: DataError) -> HttpResponse:
    # A value the database cannot keep (too long for its column, a number out of range). Input is checked
    # against the columns at the edge where they are known; this answers for any that slipped through, without
    # the database's own wording. The action's transaction has rolled back: nothing was saved.
    return api.create_response(
        request,
        {"detail": "Ugyldige data – en værdi er for lang eller for stor til at blive gemt. Intet er ændret."},
        status=422,
    )


@api.exception_handler(AuthenticationError)
def _unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    return api.create_response(request, {"detail": "Log ind for at bruge denne del af API'et."}, status=401)


@api.exception_handler(HttpError)
def _http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    detail = str(exc)
    if exc.status_code == 400 and detail.startswith("Cannot parse request body"):
        detail = "Forespørgslens indhold kan ikke læses som JSON."
    return api.create_response(request, {"detail": detail}, status=exc.status_code)


@api.exception_handler(RecordConflict)
def _conflict(request: HttpRequest, exc: RecordConflict) -> HttpResponse:
    # A stale version never overwrites: every write route answers 409 with the action's own message.
    return api.create_response(request, {"detail": str(exc)}, status=409)


@api.exception_handler(Exception)
def _server_error(request: HttpRequest, exc: Exception) -> HttpResponse:
    # Anything unforeseen: logged in full on the server, answered as JSON with no traceback, setting or
    # path, in every environment (ninja would otherwise send the traceback as text when DEBUG is on).
    log.error("API-fejl: %s %s", request.method, request.path, exc_info=exc)
    return api.create_response(
        request,
        {"detail": "Der opstod en fejl på serveren. Fejlen er registreret; prøv igen senere."},
        status=500,
    )


@api.exception_handler(Http404)
def _not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return api.create_response(request, {"detail": str(exc) or "Ikke fundet"}, status=404)
