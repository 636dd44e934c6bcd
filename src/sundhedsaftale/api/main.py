"""The API object and its routers."""

from __future__ import annotations

import logging

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import ValidationError

from sundhedsaftale import __version__
from sundhedsaftale.accounts.conflict import RecordConflict

from .agreements import router as agreements_router
from .bodies import router as bodies_router
from .interchange import router as interchange_router
from .law import router as law_router
from .meetings import router as meetings_router
from .regions import router as regions_router
from .review import router as review_router

log = logging.getLogger(__name__)

api = NinjaAPI(
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
api.add_router("/", meetings_router, tags=["Møder"])
api.add_router("/", interchange_router, tags=["Import og eksport"])
api.add_router("/", agreements_router, tags=["Sundhedsaftaler"])
api.add_router("/", review_router, tags=["Sundhedsstyrelsens sagsbehandling"])


@api.exception_handler(PermissionDenied)
def _forbidden(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
    return api.create_response(request, {"detail": str(exc) or "Ingen adgang"}, status=403)


@api.exception_handler(ValidationError)
def _invalid(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    # Name every field that is wrong, in Danish, the way the rest of the platform reports bad input.
    problems = []
    for error in exc.errors:
        where = ".".join(
            str(p) for p in error.get("loc", ()) if p not in ("body", "payload", "query", "path")
        )
        problems.append(f"{where or 'input'}: {error.get('msg', 'ugyldig værdi')}")
    return api.create_response(
        request, {"detail": "Ugyldige data – " + "; ".join(problems), "errors": exc.errors}, status=422
    )


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
