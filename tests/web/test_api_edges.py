"""The API's edges: the OpenAPI document a client is built from, bounded dates and numbers, unreadable bodies.

Each refusal is a 4xx that names what is wrong, is documented for the route, and changes nothing.
"""

from __future__ import annotations

import io
import json
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client
from ninja.openapi.schema import OpenAPISchema

from sundhedsaftale.accounts.models import AuditEntry, User
from sundhedsaftale.agreements.models import HealthAgreement
from sundhedsaftale.api.main import api
from sundhedsaftale.core.periods import PLATFORM_FIRST_DAY, PLATFORM_LAST_DAY
from sundhedsaftale.governance.models import AgendaItem, Meeting

from .conftest import decision_payload

CSRF = "edgecsrftokenedgecsrftokenedgecs"  # 32 characters, sent as cookie and header like a browser's token


def _document() -> dict[str, Any]:
    return json.loads(json.dumps(api.get_openapi_schema(), default=str))


def _operations(document: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    return [(method, path, op) for path, ops in document["paths"].items() for method, op in ops.items()]


def test_every_schema_name_in_the_openapi_document_stands_for_one_schema(monkeypatch) -> None:
    # django-ninja keeps one definition per name; a second schema of the same name silently replaces the first,
    # and a client generated from the document then sends the wrong fields.
    seen: dict[str, dict[str, Any]] = {}
    clashes: set[str] = set()
    original = OpenAPISchema.add_schema_definitions

    def recording(self: OpenAPISchema, definitions: dict[str, Any]) -> None:
        for name, definition in definitions.items():
            if seen.setdefault(name, definition) != definition:
                clashes.add(name)
        original(self, definitions)

    monkeypatch.setattr(OpenAPISchema, "add_schema_definitions", recording)
    document = _document()
    assert seen, "the document was built without recording its schemas"
    assert not clashes, f"two different schemas share these names: {sorted(clashes)}"
    refs = set()

    def collect(node: Any) -> None:
        if isinstance(node, dict):
            if isinstance(node.get("$ref"), str):
                refs.add(node["$ref"].rsplit("/", 1)[-1])
            for value in node.values():
                collect(value)
        elif isinstance(node, list):
            for value in node:
                collect(value)

    collect(document)
    assert refs <= set(document["components"]["schemas"])


def test_every_route_documents_the_answers_of_the_framework_around_it() -> None:
    for method, path, op in _operations(_document()):
        codes = set(op["responses"])
        assert "400" in codes, (method, path)
        if op.get("security"):
            assert "401" in codes, (method, path)
        if op.get("requestBody"):
            assert "422" in codes, (method, path)
        if op.get("parameters"):
            assert "422" in codes, (method, path)


# --- Bounded dates and numbers -----------------------------------------------------------------------------


@pytest.fixture
def admin(users) -> Client:
    client = Client()
    client.force_login(users["admin"])
    return client


@pytest.mark.parametrize(
    ("url", "field"),
    [
        ("/api/v1/regions/1084/obligations?at=0001-01-01", "at"),
        ("/api/v1/regions/1084/obligations?at=9999-12-31", "at"),
        ("/api/v1/regions/1084/obligations?warning_days=99999999999", "warning_days"),
        ("/api/v1/regions/1084/obligations?warning_days=-1", "warning_days"),
        ("/api/v1/regions/1084/findings?at=1999-12-31", "at"),
        ("/api/v1/law/rules?at=2101-01-01", "at"),
        ("/api/v1/agreements?at=0001-01-01", "at"),
        (f"/api/v1/meetings/{2**70}", "pk"),
        ("/api/v1/meetings/0", "pk"),
        ("/api/v1/bodies/1085-committee/meetings?year=99999", "year"),
        ("/api/v1/agreements/1085-x/versions/99999999999", "number"),
    ],
)
def test_a_date_or_number_outside_the_platform_range_is_422_naming_the_field(
    admin: Client, url: str, field: str
) -> None:
    response = admin.get(url)
    assert response.status_code == 422
    detail = response.json()["detail"]
    assert detail.startswith(f"Ugyldige data – {field}: ")
    assert "uden for grænsen" in detail


@pytest.mark.parametrize("day", [PLATFORM_FIRST_DAY, PLATFORM_LAST_DAY])
def test_the_first_and_last_day_of_the_range_are_taken(admin: Client, registry, day) -> None:
    response = admin.get(f"/api/v1/regions/1084/obligations?at={day.isoformat()}")
    assert response.status_code == 200


@pytest.fixture
def with_meeting(sjaelland: str, login) -> tuple[Client, Meeting]:
    client = login("sjaelland")
    response = client.post(
        "/api/v1/bodies/holbaek-political/meetings",
        {"date": "2030-03-01", "title": "Møde"},
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    return client, Meeting.objects.get(pk=response.json()["id"])


def test_a_body_date_outside_the_range_is_refused_and_nothing_changes(with_meeting) -> None:
    client, meeting = with_meeting
    audit_rows = AuditEntry.objects.count()
    response = client.put(
        f"/api/v1/meetings/{meeting.pk}",
        {"date": "0001-01-01", "version": meeting.version},
        content_type="application/json",
    )
    assert response.status_code == 422
    assert response.json()["detail"].startswith("Ugyldige data – date: ")
    meeting.refresh_from_db()
    assert meeting.date.isoformat() == "2030-03-01"
    assert AuditEntry.objects.count() == audit_rows


def test_text_with_a_control_character_is_refused_naming_where_it_is(with_meeting) -> None:
    client, meeting = with_meeting
    response = client.put(
        f"/api/v1/meetings/{meeting.pk}/agenda",
        {"version": meeting.version, "items": [{"title": "Velkomst"}, {"title": "Budget\x0b2027"}]},
        content_type="application/json",
    )
    assert response.status_code == 422
    detail = response.json()["detail"]
    assert "items[1].title" in detail
    assert "U+000B kan ikke gemmes" in detail
    assert not AgendaItem.objects.filter(meeting=meeting).exists()


def test_text_longer_than_its_column_is_refused_naming_the_field(sjaelland: str, login) -> None:
    # SQLite would keep it and PostgreSQL refuse it with a server error; the API refuses it on both.
    client = login("sjaelland")
    response = client.post(
        "/api/v1/regions/1085/decisions",
        decision_payload(reference="x" * 301),
        content_type="application/json",
    )
    assert response.status_code == 422
    assert response.json()["detail"].startswith("Ugyldige data – reference: ")


@pytest.fixture
def admin_on_demo(db) -> Client:
    call_command("setup_demo", today="2026-11-23", stdout=io.StringIO())
    client = Client()
    client.force_login(User.objects.get(username="admin"))
    return client


def test_dates_in_a_step_and_in_content_are_held_to_the_range(admin_on_demo: Client) -> None:
    key = "1085-sundhedsaftale-2024-2027"
    version = HealthAgreement.objects.get(key=key).version
    response = admin_on_demo.post(
        f"/api/v1/agreements/{key}/steps/record_yearly_review",
        {"expected_version": version, "values": {"held_on": "9999-12-31"}},
        content_type="application/json",
    )
    assert response.status_code == 422
    assert "values.held_on: 9999-12-31 er uden for grænsen" in response.json()["detail"]
    assert HealthAgreement.objects.get(key=key).version == version
    response = admin_on_demo.put(
        f"/api/v1/agreements/{key}/content",
        {"expected_version": version, "label": "x" * 33, "content": {}},
        content_type="application/json",
    )
    assert response.status_code == 422
    assert response.json()["detail"].startswith("Ugyldige data – label: ")


# --- Bodies that cannot be read ------------------------------------------------------------------------------


def _csrf_client(client: Client) -> Client:
    client.handler.enforce_csrf_checks = True
    client.cookies["csrftoken"] = CSRF
    return client


MALFORMED = [
    ("multipart/form-data", b"--x\r\nContent-Disposition: form-data; name=file\r\n\r\nabc"),  # no boundary
    ("multipart/form-data; boundary=zzz", b"not multipart at all"),
    ("text/plain", b"\x00\xff not json"),
    ("application/json", b'{"unterminated": '),
]


@pytest.mark.parametrize(("content_type", "body"), MALFORMED)
def test_an_unreadable_body_is_a_documented_4xx_on_every_route_that_takes_one(
    admin: Client, registry, content_type: str, body: bytes
) -> None:
    client = _csrf_client(admin)
    document = _document()
    for method, path, op in _operations(document):
        if not op.get("requestBody"):
            continue
        url = path.replace("{", "").replace("}", "")  # the names stand in for values; reading fails first
        response = client.generic(method.upper(), url, body, content_type=content_type, HTTP_X_CSRFTOKEN=CSRF)
        assert 400 <= response.status_code < 500, (method, path, response.status_code)
        assert str(response.status_code) in op["responses"], (method, path, response.status_code)
        assert response.json()["detail"], (method, path)


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/bodies/a%00b",
        "/api/v1/regions/10%0085/findings",
        "/api/v1/agreements?region=1%000",
        "/api/v1/law/rules?at=2024-01-01%0A",
        "/organer/a%00b/",
        "/regioner/10%0085/frister/",
    ],
)
def test_a_control_character_in_the_address_is_400_before_any_view(admin: Client, url: str) -> None:
    # PostgreSQL refuses NUL in text it compares, so without this the views would fail with 500 there.
    response = admin.get(url)
    assert response.status_code == 400
    if url.startswith("/api/"):
        assert "styretegn" in response.json()["detail"]


def test_a_write_without_login_is_401_in_danish(registry) -> None:
    response = Client().get("/api/v1/regions")
    assert response.status_code == 401
    assert response.json() == {"detail": "Log ind for at bruge denne del af API'et."}
