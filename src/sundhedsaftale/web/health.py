"""``/healthz``: is this process fit to serve? For the container's health probe and the load balancer.

It answers with the state of three things and nothing else (no host names, versions, users or data), so it
may be public: the database answers, every migration is applied, and the law is loaded.
"""

from __future__ import annotations

import logging

from django.db import DatabaseError, connection
from django.db.migrations.executor import MigrationExecutor
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from .platform import platform

log = logging.getLogger(__name__)


def _database() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except DatabaseError:
        log.exception("healthz: the database does not answer")
        return False


def _migrations() -> bool:
    try:
        executor = MigrationExecutor(connection)
        return not executor.migration_plan(executor.loader.graph.leaf_nodes())
    except DatabaseError:
        log.exception("healthz: the migrations could not be read")
        return False


def _law() -> bool:
    # Loading checks every unit and citation and raises on the first broken one; here we only make sure
    # that what loaded is not empty.
    loaded = platform()
    corpus = loaded.corpus
    has_units = any(next(corpus.units(source_id), None) is not None for source_id in corpus.sources)
    return has_units and bool(loaded.reference.regions)


@require_GET
@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    database = _database()
    checks = {
        "database": database,
        "migrations": database and _migrations(),
        "law": _law(),
    }
    healthy = all(checks.values())
    return JsonResponse(
        {
            "status": "ok" if healthy else "fejl",
            "checks": {k: "ok" if v else "fejl" for k, v in checks.items()},
        },
        status=200 if healthy else 503,
    )
