"""The whole OpenAPI document fuzzed with schemathesis against the national demo data.

Every operation gets generated requests, valid and invalid, with made-up path values and with real ones from the
demo (regions, bodies, meetings, memberships, persons, agreements, decisions), as an administrator, as a region's
secretariat and without login. Writes go through the real session and CSRF checks. The run is bounded (a fixed
number of examples per operation) and deterministic (Hypothesis derandomized), so it costs the same every time.

Asserted for every response: no server error, the status code is documented for the operation, the body fits the
documented schema and content type. Everything found is reported at once, per operation.
"""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Callable, Iterable
from typing import Any

import pytest
import schemathesis
from django.http import HttpResponse
from django.test import Client
from django.test.client import ClientHandler
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from sundhedsaftale.accounts.models import User
from sundhedsaftale.agreements.models import HealthAgreement
from sundhedsaftale.api.main import api
from sundhedsaftale.core.lifecycle import Step
from sundhedsaftale.governance.models import Body, LocalDecision, Meeting, Membership
from sundhedsaftale.registry.models import HealthCluster, Region
from sundhedsaftale.web.platform import platform

# The module's tests share one national demo (tests/web/conftest.py); kept on one worker, it is set up once.
pytestmark = [pytest.mark.xdist_group("national-demo-api_fuzz"), pytest.mark.every_route]

CHECKS = [not_a_server_error, status_code_conformance, response_schema_conformance, content_type_conformance]
EXAMPLES = 8  # per operation and user; the whole run stays well under a minute per user
# Rendering a PDF takes about a second: the document route gets fewer examples.
EXAMPLES_FOR = {"GET /api/v1/agreements/{key}/document.{fmt}": 4}
CSRF = "fuzzcsrftokenfuzzcsrftokenfuzzcs"  # 32 characters: a CSRF secret the cookie and header both carry


def _wsgi_app() -> Callable[..., Any]:
    """The Django project as a WSGI app that keeps the test's database transaction (as Django's test client
    does) and checks CSRF like production."""
    handler = ClientHandler(enforce_csrf_checks=True)

    def app(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        response: HttpResponse = handler(environ)
        headers = [*response.items()]
        headers += [("Set-Cookie", c.output(header="").strip()) for c in response.cookies.values()]
        start_response(f"{response.status_code} {response.reason_phrase}", headers)
        return [response.content]

    return app


def _known() -> dict[str, list[Any]]:
    """Real values for path parameters: a few of each kind from every region, so own and other regions."""

    def per_region(rows: Iterable[tuple[str, Any]], n: int = 2) -> list[Any]:
        return [
            v
            for _, group in itertools.groupby(rows, key=lambda r: r[0])
            for _, v in itertools.islice(group, n)
        ]

    rulebook = platform().rulebook
    return {
        "code": [*Region.objects.order_by("code").values_list("code", flat=True), "9999"],
        "body": per_region(Body.objects.order_by("region_id", "key").values_list("region_id", "key")),
        "cluster": per_region(
            HealthCluster.objects.order_by("region_id", "id").values_list("region_id", "id"), 1
        ),
        "meeting": per_region(
            Meeting.objects.order_by("body__region_id", "pk").values_list("body__region_id", "pk")
        ),
        "membership": per_region(
            Membership.objects.order_by("body__region_id", "pk").values_list("body__region_id", "pk")
        ),
        "person": per_region(
            Membership.objects.order_by("body__region_id", "person_id")
            .values_list("body__region_id", "person_id")
            .distinct()
        ),
        "agreement": list(HealthAgreement.objects.order_by("key").values_list("key", flat=True)),
        "decision": list(LocalDecision.objects.order_by("region_id", "key").values_list("region_id", "key")),
        "step": [s.value for s in Step],
        "rule": [r.id for r in rulebook.rules if r.id.startswith("vurdering.")][:4],
        "number": [1, 2, 3],
        "fmt": ["html", "docx", "pdf"],
    }


def _path_choices(path: str, names: list[str], known: dict[str, list[Any]]) -> list[dict[str, Any]]:
    """Combinations of real values for an operation's path parameters (empty when one has none)."""
    if names == ["code", "key"]:  # /regions/{code}/decisions/{key}
        return [{"code": c, "key": k} for c, k in known["decision"]]
    pick: dict[str, list[Any]] = {}
    for name in names:
        if name == "key":
            kind = "agreement" if "/agreements/" in path else "body"
        elif name == "pk":
            kind = next((k for k in ("meeting", "membership", "person") if f"/{k}s/" in path), "")
        else:
            kind = {"code": "code", "body_key": "body", "cluster_id": "cluster", "rule_id": "rule"}.get(
                name, name
            )
        if not known.get(kind):
            return []
        pick[name] = known[kind]
    return [
        dict(zip(pick, combo, strict=True))
        for combo in itertools.islice(itertools.product(*pick.values()), 60)
    ]


def _strategy(operation: Any, known: dict[str, list[Any]]) -> st.SearchStrategy[Any]:
    parts = [operation.as_strategy(GenerationMode.POSITIVE), operation.as_strategy(GenerationMode.NEGATIVE)]
    names = [p.name for p in operation.path_parameters]
    choices = _path_choices(operation.path, names, known) if names else []
    if choices:
        real = st.sampled_from(choices)
        # Real objects get as many draws as made-up ones: that is where the routes do their work.
        parts += [
            real.flatmap(lambda p: operation.as_strategy(GenerationMode.POSITIVE, path_parameters=p))
        ] * 2
    return st.one_of(parts)


@pytest.fixture
def demo(national_demo, db) -> None:
    """The national demo, set up once for the three users (tests/web/conftest.py)."""


@pytest.mark.parametrize("username", ["admin", "sjaelland", None])
def test_the_whole_api_answers_as_documented(demo, username: str | None) -> None:
    cookies = {"csrftoken": CSRF}
    if username:
        client = Client()
        client.force_login(User.objects.get(username=username))
        cookies["sessionid"] = client.cookies["sessionid"].value
    headers = {"X-CSRFToken": CSRF}
    schema = schemathesis.openapi.from_dict(api.get_openapi_schema())
    schema.app = _wsgi_app()
    known = _known()
    failures: list[str] = []
    statuses: Counter[int] = Counter()
    operations = 0

    for result in schema.get_all_operations():
        operation = result.ok()
        operations += 1

        @given(case=_strategy(operation, known))
        @settings(
            max_examples=EXAMPLES_FOR.get(operation.label, EXAMPLES),
            derandomize=True,
            deadline=None,
            database=None,
            phases=[Phase.generate, Phase.shrink],
            suppress_health_check=list(HealthCheck),
        )
        def run(case: Any) -> None:
            response = case.call(cookies=cookies, headers=headers)
            statuses[response.status_code] += 1
            case.validate_response(response, checks=CHECKS)

        try:
            run()
        except (Exception, BaseExceptionGroup) as exc:
            failures.append(f"{operation.label}: {exc}")

    summary = (
        f"{username or 'anonym'}: {operations} operationer, {sum(statuses.values())} forespørgsler, "
        f"statuskoder {dict(sorted(statuses.items()))}"
    )
    print(summary)
    assert not failures, summary + "\n\n" + "\n\n".join(failures)
    assert not any(code >= 500 for code in statuses)
    # The run reached the routes' own logic, not only the schema's refusals.
    assert statuses[200] > operations if username else statuses[401] > operations
