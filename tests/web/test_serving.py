"""What every response carries and what an error shows: security headers, Danish error pages that never
list URL patterns or a traceback, a JSON 500 from the API, and ``/healthz``."""

from __future__ import annotations

import json

import pytest
from django.db import connection
from django.http import HttpResponse
from django.test import Client, RequestFactory
from django.urls import path

from sundhedsaftale.api.main import api
from sundhedsaftale.web.urls import urlpatterns as platform_urls

pytestmark = pytest.mark.django_db

LEAKS = (
    "Traceback",
    "urlpatterns",
    "URLconf",
    "sundhedsaftale.web.urls",
    "DEBUG",
    "SECRET_KEY",
    "site-packages",
)


def _boom(request) -> HttpResponse:  # type: ignore[no-untyped-def]
    raise RuntimeError("hemmelig detalje fra serveren")


urlpatterns = [path("boom/", _boom), *platform_urls]


def test_every_page_carries_the_security_headers(client) -> None:
    response = client.get("/")
    csp = response["Content-Security-Policy"]
    directives = dict(d.strip().split(" ", 1) for d in csp.split(";"))
    assert directives["script-src"] == "'self'"
    assert directives["style-src"] == "'self'"
    assert directives["frame-ancestors"] == "'none'"
    assert "unsafe-inline" not in csp
    assert "unsafe-eval" not in csp
    assert "camera=()" in response["Permissions-Policy"]
    assert "geolocation=()" in response["Permissions-Policy"]
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize("url", ["/", "/log-ind/", "/lov/", "/aftaler/"])
def test_pages_have_no_inline_script_style_or_handler(client, url) -> None:
    # What the Content Security Policy would block in a browser must not be in the page at all.
    html = client.get(url, follow=True).content.decode()
    assert "<script>" not in html
    assert '<script type="text/javascript">' not in html
    assert "<style" not in html
    assert ' style="' not in html
    assert " onclick=" not in html
    assert " onload=" not in html
    assert " onchange=" not in html
    assert " onsubmit=" not in html
    assert "javascript:" not in html


@pytest.mark.parametrize("language", ["da", "en"])
def test_not_found_is_a_translated_page_without_url_patterns(registry, language) -> None:
    client = Client()
    client.cookies["django_language"] = language
    response = client.get("/findes/ikke/")
    assert response.status_code == 404
    html = response.content.decode()
    assert ("Siden findes ikke" if language == "da" else "Page not found") in html
    for leak in LEAKS:
        assert leak not in html


def test_unknown_host_is_a_danish_400_page(registry) -> None:
    response = Client().get("/", HTTP_HOST="angriber.example")
    assert response.status_code == 400
    html = response.content.decode()
    assert "Ugyldig forespørgsel" in html
    assert "ALLOWED_HOSTS" not in html


def test_forbidden_is_a_danish_page(login, sjaelland) -> None:
    response = login("medlem").get("/sst/")
    assert response.status_code == 403
    assert "Ingen adgang" in response.content.decode()


def test_server_error_is_a_danish_page_without_traceback(settings, registry) -> None:
    settings.ROOT_URLCONF = __name__
    client = Client(raise_request_exception=False)
    response = client.get("/boom/")
    assert response.status_code == 500
    html = response.content.decode()
    assert "Der opstod en fejl" in html
    assert "hemmelig detalje" not in html
    for leak in LEAKS:
        assert leak not in html


@pytest.mark.parametrize("debug", [False, True])
def test_api_server_error_is_json_without_traceback(settings, debug) -> None:
    # Ninja would answer an unforeseen error with the traceback as text when DEBUG is on.
    settings.DEBUG = debug
    request = RequestFactory().get("/api/v1/regions")
    try:
        raise RuntimeError("hemmelig detalje fra serveren")
    except RuntimeError as exc:
        response = api.on_exception(request, exc)
    assert response.status_code == 500
    assert response["Content-Type"].startswith("application/json")
    body = json.loads(response.content)
    assert body == {"detail": "Der opstod en fejl på serveren. Fejlen er registreret; prøv igen senere."}


def test_healthz_reports_database_migrations_and_law(client) -> None:
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "checks": {"database": "ok", "migrations": "ok", "law": "ok"},
    }
    assert "no-cache" in response["Cache-Control"]


def test_healthz_answers_503_when_the_database_does_not(client, monkeypatch) -> None:
    def refuse(*args, **kwargs):  # type: ignore[no-untyped-def]
        from django.db import OperationalError

        raise OperationalError("forbindelsen blev afvist")

    monkeypatch.setattr(connection, "cursor", refuse)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["checks"]["database"] == "fejl"
    assert "afvist" not in response.content.decode()
