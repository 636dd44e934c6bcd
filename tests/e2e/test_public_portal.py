"""The public portal in Chromium, not logged in: from the front page to a region, its agreement, the letter's
PDF, a body's members and a meeting – and nothing unpublished on the way (ADR 0042)."""

from __future__ import annotations

import re
from urllib.parse import quote

import pytest

pytestmark = pytest.mark.e2e

# The demo's unpublished records: the draft agreement of the next period (its address and its draft goal's words)
# and any contact data.
UNPUBLISHED = ("sundhedsaftale-2028-2031", "delmål og succeskriterier drøftes", "@")


def _clean(page) -> None:  # type: ignore[no-untyped-def]
    html = page.locator("main").inner_html()
    found = [word for word in UNPUBLISHED if word in html]
    assert not found, (page.url, found)


def test_the_public_walks_the_portal_without_logging_in(page, server) -> None:
    page.goto(server + "/")
    page.get_by_role("link", name="Region Sjælland").click()
    page.wait_for_url(re.compile(r"/offentlig/regioner/1085/"))
    assert page.get_by_role("heading", level=1).inner_text() == "Region Sjælland"
    _clean(page)

    page.get_by_role("link", name="Sundhedsaftale 2024–2027", exact=True).click()
    page.wait_for_url(re.compile(r"/offentlig/aftaler/1085-sundhedsaftale-2024-2027/"))
    _clean(page)
    assert page.locator("#version-1").is_visible()
    letter = page.locator("#breve ~ ul a[href$='.pdf']").first
    pdf = page.request.get(server + letter.get_attribute("href"))
    assert pdf.status == 200
    assert pdf.headers["content-type"] == "application/pdf"
    assert pdf.body().startswith(b"%PDF")

    page.get_by_role("link", name="Region Sjælland").first.click()
    page.get_by_role("link", name=re.compile(r"^Sundhedssamarbejdsudvalget")).first.click()
    page.wait_for_url(re.compile(r"/offentlig/organer/1085-committee/"))
    members = page.locator("#members tbody tr")
    assert members.count() > 5
    _clean(page)

    page.get_by_role("link", name=re.compile(r"^14\. marts 2023")).click()
    page.wait_for_url(re.compile(r"/offentlig/moeder/\d+/"))
    assert page.locator(".public-agenda li").count() > 0
    _clean(page)
    assert page.request.get(server + "/offentlig/aftaler/1085-sundhedsaftale-2028-2031/").status == 404


def test_the_public_search_finds_what_is_published_and_nothing_else(page, server) -> None:
    page.goto(server + "/offentlig/")
    page.locator("#portal-search").fill("sundhedsaftalerne")
    page.locator("#portal-search").press("Enter")
    page.wait_for_url(re.compile(r"/offentlig/soeg/\?"))
    assert page.locator(".search-result").count() > 0
    assert page.locator(".search-result mark").count() > 0
    _clean(page)

    # A sentence only the unpublished 2028–2031 draft holds is not found by the public.
    page.goto(server + "/offentlig/soeg/?q=" + quote('"succeskriterier drøftes med klyngerne"'))
    assert page.locator(".search-result").count() == 0
    _clean(page)
