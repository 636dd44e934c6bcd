"""In Chromium: "Mit arbejde" from the main menu, per role, each item a link to where it is done, and the page
and the deadlines page free of WCAG 2.1 AA violations (axe-core, as test_accessibility.py)."""

from __future__ import annotations

import re

import pytest

from .test_accessibility import AXE, violations
from .test_browser import log_in

pytestmark = pytest.mark.e2e


def test_secretariat_opens_my_work_from_the_menu_and_follows_an_item(axe_page, server) -> None:
    page = axe_page
    assert AXE.exists(), "axe-core mangler: kør 'npm ci' i frontend/ (make test gør det)"
    log_in(page, server, "sjaelland")
    page.wait_for_url("**/mit-arbejde/")
    page.get_by_role("navigation", name="Hovedmenu").first.get_by_role("link", name="Mit arbejde").click()
    page.wait_for_url("**/mit-arbejde/")
    assert page.get_by_role("heading", level=1).inner_text() == "Mit arbejde"
    assert not violations(page)
    rows = page.locator("table.my-work tbody tr")
    findings = page.locator("ul.my-work-findings li")
    assert rows.count() + findings.count() > 0, "the demo's secretariat has work waiting"
    if rows.count():
        # Dates in Danish, and the item's link leads to the page where it is done.
        assert re.search(
            r"\d+\. (januar|februar|marts|april|maj|juni|juli|august|september|oktober|november|december) \d{4}",
            rows.first.inner_text(),
        )
        href = rows.first.locator("td:nth-child(2) a").get_attribute("href")
        assert href
        rows.first.locator("td:nth-child(2) a").click()
        page.wait_for_url("**" + href)
        assert page.get_by_role("heading", level=1).count() == 1
    # The calendar link is there for the session.
    page.goto(server + "/mit-arbejde/")
    assert page.get_by_role("link", name="Hent det hele som kalenderfil (iCalendar)").get_attribute(
        "href"
    ) == ("/mit-arbejde/kalender.ics")


def test_deadlines_page_shows_open_duties_and_toggles_to_all(axe_page, server) -> None:
    page = axe_page
    log_in(page, server, "sjaelland")
    page.wait_for_url("**/mit-arbejde/")
    page.goto(server + "/regioner/1085/frister/")
    assert page.locator("[data-filter='open']").count() == 1
    statuses = set(
        page.locator("tr[data-obligation]").evaluate_all("rows => rows.map(r => r.dataset.status)")
    )
    assert not statuses & {"done", "ended"}
    open_count = page.locator("tr[data-obligation]").count()
    assert not violations(page)
    page.get_by_role("link", name="Vis alle, også udførte og bortfaldne").click()
    page.wait_for_url(re.compile(r"alle=1"))
    assert page.locator("[data-filter='all']").count() == 1
    assert page.locator("tr[data-obligation]").count() > open_count


@pytest.mark.parametrize("username", ["medlem", "klynge", "sst"])
def test_my_work_of_other_roles_has_no_wcag_21_aa_violations(axe_page, server, username) -> None:
    page = axe_page
    log_in(page, server, username)
    page.wait_for_url("**/mit-arbejde/")
    page.goto(server + "/mit-arbejde/")
    assert page.get_by_role("heading", level=1).inner_text() == "Mit arbejde"
    assert not violations(page)
