"""In a real headless Chromium: a secretariat records the seats its professional-strategic level offered the
patient involvement committee, and the § 30, stk. 4 finding on the body page changes with it; the facts pages pass
axe-core's WCAG 2.1 AA checks."""

from __future__ import annotations

import re

import pytest

from .test_accessibility import AXE, violations
from .test_browser import log_in

pytestmark = pytest.mark.e2e

BODY = "sjaelland-nykoebing-professional"  # one of the two patient seats filled (demo)
RULE = "klynge.faglig.patienter"


def _finding_status(page, server: str) -> str:
    page.goto(f"{server}/organer/{BODY}/?dato=2026-11-23")
    return str(page.locator(f"article[data-rule='{RULE}']").get_attribute("data-status"))


def test_section_30_4_offer_recorded_in_the_browser_turns_the_finding_to_met(page, server) -> None:
    log_in(page, server, "sjaelland")
    page.wait_for_url(re.compile(r"/mit-arbejde/"))
    assert _finding_status(page, server) == "met"  # the demo's offer

    # Remove the recorded offer: one seat filled of two and no offer breaks § 30, stk. 4.
    page.goto(f"{server}/organer/{BODY}/forhold/")
    page.get_by_role("link", name="Registrér forhold").click()
    page.wait_for_url(re.compile(r"/forhold/rediger/$"))
    page.locator("label[for='id_offers-0-DELETE']").click()
    page.get_by_role("button", name="Gem forhold").click()
    page.wait_for_url(re.compile(r"/forhold/$"))
    offers = page.locator("section[data-fact='seat_offers']")
    assert offers.get_attribute("data-recorded") == "no"
    assert "Ikke registreret" in offers.inner_text()
    assert _finding_status(page, server) == "not_met"

    # Record the offer anew through the form.
    page.goto(f"{server}/organer/{BODY}/forhold/rediger/")
    page.locator("#id_offers-0-to").select_option("patient_involvement_committee")
    page.locator("#id_offers-0-seats").fill("2")
    page.locator("#id_offers-0-offered_on").fill("2026-02-01")
    page.locator("#id_offers-0-reference").fill("Brev af 1. februar 2026")
    page.locator("#id_offers-0-response").select_option("accepted")
    page.get_by_role("button", name="Gem forhold").click()
    page.wait_for_url(re.compile(r"/forhold/$"))
    offers = page.locator("section[data-fact='seat_offers']")
    assert offers.get_attribute("data-recorded") == "yes"
    assert "Brev af 1. februar 2026" in offers.inner_text()
    assert "Taget imod" in offers.inner_text()
    assert _finding_status(page, server) == "met"


def test_body_facts_pages_have_no_wcag_21_aa_violations(axe_page, server) -> None:
    page = axe_page
    assert AXE.exists(), "axe-core mangler: kør 'npm ci' i frontend/ (make test gør det)"
    log_in(page, server, "sjaelland")
    page.wait_for_url(re.compile(r"/mit-arbejde/"))
    found = {}
    for path in ("forhold/", "forhold/rediger/"):
        page.goto(f"{server}/organer/{BODY}/{path}")
        if problems := violations(page):
            found[path] = problems
    assert not found, found
