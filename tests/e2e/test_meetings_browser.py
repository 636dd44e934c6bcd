"""In a real headless Chromium: a secretariat plans a meeting with an agenda, finds it in the list, and the
body's calendar feed answers as iCalendar; the meeting pages pass axe-core's WCAG 2.1 AA checks."""

from __future__ import annotations

import re

import pytest

from .test_accessibility import AXE, violations
from .test_browser import log_in

pytestmark = pytest.mark.e2e

BODY = "1085-committee"


def test_secretariat_plans_a_meeting_with_an_agenda_and_follows_it_in_the_calendar(page, server) -> None:
    log_in(page, server, "sjaelland")
    page.wait_for_url(re.compile(r"/mit-arbejde/"))
    page.goto(f"{server}/organer/{BODY}/moeder/")
    assert "Møder i Sundhedssamarbejdsudvalget" in page.get_by_role("heading", level=1).inner_text()

    page.get_by_role("link", name="Planlæg møde").click()
    page.wait_for_url(re.compile(rf"/organer/{BODY}/moeder/ny/"))
    page.get_by_label("Dato").fill("2027-09-14")
    page.get_by_label("Status").select_option("planned")
    page.get_by_label("Titel").fill("Temamøde om sundhedsaftalen")
    page.get_by_label("Sted").fill("Regionshuset, Sorø")
    page.get_by_role("button", name="Gem").click()
    page.wait_for_url(re.compile(r"/moeder/\d+/$"))
    detail_url = page.url
    assert page.get_by_role("heading", level=1).inner_text() == "Temamøde om sundhedsaftalen"

    page.get_by_role("link", name="Ret dagsorden").click()
    page.wait_for_url(re.compile(r"/dagsorden/$"))
    page.locator("#id_items-0-title").fill("Status på sundhedsaftalen")
    page.get_by_role("button", name="Tilføj punkt").click()  # htmx swaps in a second row
    page.locator("#id_items-1-title").wait_for()
    page.locator("#id_items-1-title").fill("Økonomi i samarbejdet")
    page.locator("label[for='id_items-1-authorities_only']").click()
    page.get_by_role("button", name="Gem dagsorden").click()
    page.wait_for_url(detail_url)
    items = page.locator("#agenda > li")
    assert items.count() == 2
    assert "Status på sundhedsaftalen" in items.nth(0).inner_text()
    assert "Særskilt punkt for myndighederne" in items.nth(1).inner_text()

    page.goto(f"{server}/organer/{BODY}/moeder/")
    row = page.locator(f"tr[data-meeting='{BODY}-2027-09-14']")
    assert row.count() == 1
    assert "Temamøde om sundhedsaftalen" in row.inner_text()
    assert "Planlagt" in row.inner_text()

    href = page.locator("#ical-link").get_attribute("href")
    assert href == f"/organer/{BODY}/moeder.ics"
    feed = page.request.get(server + href)
    assert feed.status == 200
    assert feed.headers["content-type"] == "text/calendar; charset=utf-8"
    text = feed.text()
    assert f"UID:{BODY}-2027-09-14@sundhedsaftale" in text
    assert "DTSTART;VALUE=DATE:20270914" in text


def test_meeting_pages_have_no_wcag_21_aa_violations(axe_page, server) -> None:
    page = axe_page
    assert AXE.exists(), "axe-core mangler: kør 'npm ci' i frontend/ (make test gør det)"
    log_in(page, server, "sjaelland")
    page.wait_for_url(re.compile(r"/mit-arbejde/"))
    page.goto(f"{server}/organer/{BODY}/moeder/?dato=2026-11-23")
    page.locator(f"tr[data-meeting='{BODY}-2026-03-10'] a").click()
    page.wait_for_url(re.compile(r"/moeder/\d+/$"))
    detail = page.url
    found = {}
    for path in ("", "rediger/", "dagsorden/", "deltagere/", "dokumenter/"):
        page.goto(detail + path)
        if problems := violations(page):
            found[path or "detail"] = problems
    page.goto(f"{server}/organer/{BODY}/moeder/?dato=2026-11-23")
    if problems := violations(page):
        found["list"] = problems
    assert not found, found
