"""Warn before harm in Chromium: a third general practitioner in Holbæk's political level is warned of with § 3,
stk. 1, nr. 3 quoted; "Fortryd" saves nothing, "Gem alligevel" saves and names the requirement now unmet; the
warning page passes axe-core (ADR 0039)."""

from __future__ import annotations

import pytest

from .test_accessibility import violations
from .test_browser import log_in

pytestmark = pytest.mark.e2e

BODY = "/organer/sjaelland-holbaek-political/"


def _add_general_practitioner(page, server: str, name: str) -> None:
    page.goto(server + BODY + "medlemmer/ny/")
    page.get_by_label("Eller ny person: navn").fill(name)
    page.get_by_label("Rolle").select_option("general_practitioner")
    page.get_by_label("Udpeget af").select_option("plo")
    page.get_by_label("Fra", exact=True).fill("2026-01-01")
    page.get_by_role("button", name="Gem", exact=True).click()


def test_a_third_general_practitioner_is_warned_of_then_saved_only_when_confirmed(axe_page, server) -> None:
    page = axe_page
    log_in(page, server, "sjaelland")
    page.wait_for_url("**/mit-arbejde/")

    _add_general_practitioner(page, server, "Lene Fortryd")
    warning = page.locator("[data-harm-warning]")
    # The warning is the answer to the form's POST at the same address, so there is no new URL to wait for:
    # the assertion waits for the page to show it.
    warning.wait_for(state="visible")
    assert "Praktiserende læger i klyngens politiske niveau" in warning.inner_text()
    assert "Praktiserende Lægers Organisation (PLO)" in warning.locator("blockquote").first.inner_text()
    assert violations(page) == []
    warning.get_by_role("link", name="Fortryd").click()
    page.wait_for_url("**" + BODY)
    assert "Lene Fortryd" not in page.content()

    _add_general_practitioner(page, server, "Mette Hansen")
    page.locator("[data-harm-warning]").get_by_role("button", name="Gem alligevel").click()
    page.wait_for_url("**" + BODY)
    message = page.locator(".messages .alert-warning")
    assert "Medlemmet er tilføjet." in message.inner_text()
    assert "Praktiserende læger i klyngens politiske niveau" in message.inner_text()
    assert page.locator(".messages .alert-success").count() == 0
    assert "Mette Hansen" in page.content()
