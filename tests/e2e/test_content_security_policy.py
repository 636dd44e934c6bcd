"""In Chromium, the Content Security Policy blocks nothing the platform itself needs: no page, menu, htmx
swap or the API docs trips it (Chromium reports every blocked script, style or handler on the console)."""

from __future__ import annotations

import pytest

from .test_browser import log_in

pytestmark = pytest.mark.e2e

PAGES = [
    "/",
    "/landet/",
    "/regioner/1085/",
    "/lov/",
    "/aftaler/",
    "/regioner/1085/frister/",
    "/revisionsspor/",
    "/api/v1/docs",
]


def test_no_page_violates_the_content_security_policy(page, server) -> None:
    violations: list[str] = []
    page.on(
        "console",
        lambda message: (
            violations.append(f"{page.url}: {message.text}")
            if "Content Security Policy" in message.text
            else None
        ),
    )
    log_in(page, server, "sjaelland")
    page.wait_for_url("**/mit-arbejde/")
    # Every page starts DKFDS and htmx on load, so a blocked script or style would show here.
    for url in PAGES:
        response = page.goto(server + url)
        assert response is not None
        assert response.status == 200, url
        page.wait_for_load_state("networkidle")
    assert violations == []
