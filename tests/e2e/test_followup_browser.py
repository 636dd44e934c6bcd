"""In a real headless Chromium: Region Sjælland's secretariat drafts its final status (pre-filled from the midterm,
kapitel 6), records a new indicator value, sends the report to Sundhedsstyrelsen (then it is locked), and a reviewer
records the receipt, which writes the receipt letter "til orientering" (§ 22, stk. 1; ADR 0037). The follow-up
pages pass axe-core's WCAG 2.1 AA checks."""

from __future__ import annotations

import re

import pytest

from .test_accessibility import AXE, violations
from .test_browser import log_in

pytestmark = pytest.mark.e2e

AGREEMENT = "1085-sundhedsaftale-2024-2027"
OVERVIEW = f"/aftaler/{AGREEMENT}/opfoelgning/"


def test_kapitel6_status_report_from_draft_through_sending_to_the_reviewers_receipt(browser, server) -> None:
    region = browser.new_context(locale="da-DK")
    page = region.new_page()
    log_in(page, server, "sjaelland")
    page.wait_for_url(re.compile(r"/mit-arbejde/"))
    page.goto(server + OVERVIEW)
    assert "§ 22, stk. 1" in page.locator("#midterm-deadlines").inner_text()
    assert "kapitel 6" in page.locator("#final-deadlines").inner_text()

    page.locator("#kind-final").check()
    page.get_by_role("button", name="Opret udkast").click()
    page.wait_for_url(re.compile(r"/statusrapporter/\d+/rediger/$"))
    report_path = re.sub(r"rediger/$", "", page.url.replace(server, ""))
    # Pre-filled from the midterm: the statuses and the earlier values are there.
    assert page.locator("#i0-status").input_value() == "on_track"
    assert "43,2" in page.content()

    item = page.locator("fieldset.report-item[data-item='sja-m1/sja-m1-d1']")
    item.locator("input[name$='-c0-value']").fill("39,5")
    item.locator("input[name$='-c0-unit']").fill("pr. 1.000")
    item.locator("input[name$='-c0-source']").fill("Sundhedsdatastyrelsen (demotal)")
    item.locator("input[name$='-c0-measured_on']").fill("2026-09-30")
    page.get_by_role("button", name="Gem").click()
    page.wait_for_url(re.compile(rf"{report_path}$"))
    assert page.locator("#report-state dd[data-state]").get_attribute("data-state") == "draft"
    # 44 → 38, measured 39,5: 75 % of the way, drawn as a chart with its table.
    assert "75 %" in page.content()
    assert page.locator("figure.chart svg[role='img']").count() >= 1

    page.get_by_role("button", name="Send rapporten").click()
    # The answer is the report's own page again: wait for its new state, not for an address it already has.
    page.locator("#report-state dd[data-state='sent']").wait_for()
    assert page.locator("#report-state dd[data-state]").get_attribute("data-state") == "sent"
    assert page.locator("#report-edit").count() == 0
    assert page.locator("#send-form").count() == 0
    region.close()

    authority = browser.new_context(locale="da-DK")
    page = authority.new_page()
    log_in(page, server, "sst")
    page.wait_for_url(re.compile(r"/mit-arbejde/"))
    page.goto(server + "/mit-arbejde/")
    page.locator(f"a[href='{report_path}']").first.click()
    page.wait_for_url(re.compile(rf"{report_path}$"))
    page.locator("#receipt-reference").fill("SST-2026-0815")
    page.get_by_role("button", name="Registrér modtagelse og dan kvittering").click()
    page.locator("#report-state dd[data-state='received']").wait_for()
    assert page.locator("#report-state dd[data-state]").get_attribute("data-state") == "received"
    assert page.locator("#receipt-letter").count() == 1
    assert page.locator("#receipt-form").count() == 0
    authority.close()


def test_follow_up_pages_have_no_wcag_21_aa_violations(axe_page, server) -> None:
    page = axe_page
    assert AXE.exists(), "axe-core mangler: kør 'npm ci' i frontend/ (make test gør det)"
    log_in(page, server, "sjaelland")
    page.wait_for_url(re.compile(r"/mit-arbejde/"))
    page.goto(server + OVERVIEW)
    report = page.locator("#reports a").first.get_attribute("href")
    assert report
    found = {}
    for path in (OVERVIEW, f"/aftaler/{AGREEMENT}/opfoelgning/gennemgang/ny/", "/statusrapporter/", report):
        page.goto(server + path)
        if problems := violations(page):
            found[path] = problems
    # A draft's edit page: a correction of the midterm.
    page.goto(server + report)
    if page.locator("#correct-form").count():
        page.locator("#correct-form button").click()
        page.wait_for_url(re.compile(r"/rediger/$"))
        if problems := violations(page):
            found[page.url] = problems
    assert not found, found
