"""On a phone (390 × 844 CSS pixels, an iPhone 12–15) the main pages fit the screen: nothing scrolls sideways
but a wide table inside its own scroll container. In print, the findings and deadlines pages leave out navigation
and buttons (issue 15, item 6)."""

from __future__ import annotations

import re

import pytest

from sundhedsaftale.accounts.actions import DEMO_PASSWORD

pytestmark = pytest.mark.e2e

PHONE = {"width": 390, "height": 844}
SECRETARIAT_PAGES = [
    "/mit-arbejde/",
    "/regioner/1085/?dato=2026-11-23",
    "/regioner/1085/fund/?dato=2026-11-23&status=alle",
    "/regioner/1085/frister/?dato=2026-11-23",
    "/aftaler/1085-sundhedsaftale-2024-2027/?dato=2026-11-23",
    "/aftaler/1085-sundhedsaftale-2024-2027/bilag/",
    "/organer/1085-committee/?dato=2026-11-23",
    "/organer/1085-committee/moeder/",
    "/klynger/sjaelland-holbaek/?dato=2026-11-23",
    "/landet/?dato=2026-11-23",
]
REVIEWER_PAGES = ["/mit-arbejde/", "/sst/", "/sst/aftaler/1082-sundhedsaftale-2024-2027/"]
OVERFLOW = """() => {
  const width = document.documentElement.clientWidth;
  const wide = [...document.querySelectorAll('body *')].filter(e => {
    const r = e.getBoundingClientRect();
    return r.right > width + 1 && !e.closest('.table--responsive-scroll');
  }).slice(0, 5).map(e => e.tagName + '.' + e.className + '#' + e.id);
  return {scroll: document.documentElement.scrollWidth, wide};
}"""


@pytest.fixture
def phone(browser):  # type: ignore[no-untyped-def]
    context = browser.new_context(locale="da-DK", viewport=PHONE, device_scale_factor=3, is_mobile=True)
    pg = context.new_page()
    yield pg
    context.close()


def _log_in(page, server: str, username: str) -> None:
    page.goto(server + "/log-ind/")
    page.get_by_label("Brugernavn").fill(username)
    page.get_by_label("Adgangskode").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Log ind").click()
    page.wait_for_url("**/mit-arbejde/")


def _overflowing(page, server: str, paths: list[str]) -> dict[str, object]:
    found = {}
    for path in paths:
        page.goto(server + path)
        measured = page.evaluate(OVERFLOW)
        if measured["scroll"] > PHONE["width"]:
            found[path] = measured
    return found


def test_main_pages_have_no_horizontal_overflow_on_a_phone(phone, server) -> None:
    _log_in(phone, server, "sjaelland")
    pages = list(SECRETARIAT_PAGES)
    phone.goto(server + "/organer/1085-committee/moeder/")
    meeting = phone.locator("a[href^='/moeder/']").first.get_attribute("href")
    assert meeting is not None
    pages.append(meeting)
    assert not _overflowing(phone, server, pages)


def test_review_pages_have_no_horizontal_overflow_on_a_phone(phone, server) -> None:
    _log_in(phone, server, "sst")
    assert not _overflowing(phone, server, REVIEWER_PAGES)


@pytest.mark.parametrize(
    ("path", "content"),
    [
        ("/regioner/1085/fund/?dato=2026-11-23&status=alle", "[data-rule]"),
        ("/regioner/1085/frister/?dato=2026-11-23", "table"),
    ],
)
def test_findings_and_deadlines_print_without_navigation_or_buttons(page, server, path, content) -> None:
    _log_in(page, server, "sjaelland")
    page.goto(server + path)
    page.emulate_media(media="print")
    hidden = page.evaluate(
        """() => [...document.querySelectorAll('header, nav, footer, .button, button, form')]
            .filter(e => getComputedStyle(e).display !== 'none').map(e => e.tagName + '.' + e.className)"""
    )
    assert not hidden
    assert page.locator("main h1").is_visible()
    listed = page.locator(content).first
    assert listed.is_visible()
    assert re.search(r"\d", page.locator("main").inner_text())
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF-")
