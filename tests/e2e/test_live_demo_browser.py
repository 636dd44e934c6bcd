"""In Chromium: the reviewer signs in, lands on "Mit arbejde" and finds the demo's running case (ADR 0040) with
its 8-week deadline (§ 21, stk. 2), open on the case page with the decision still to take."""

from __future__ import annotations

import re

import pytest

from .test_browser import log_in

pytestmark = pytest.mark.e2e


def test_sec_21_2_reviewer_lands_on_my_work_and_opens_the_running_case(page, server) -> None:
    log_in(page, server, "sst")
    page.wait_for_url("**/mit-arbejde/")
    row = page.locator('tr[data-work-kind="review"]').filter(has_text="Region Midtjylland")
    assert row.count() == 1
    # The server's demo is set up on 23 November 2026: received 2 November, decided at the latest 28 December.
    assert "28. december 2026" in row.inner_text()
    assert "Frist for afgørelse (8 uger)" in row.inner_text()
    row.get_by_role("link", name="Sundhedsaftale 2024–2027").click()
    page.wait_for_url(re.compile(r"/sst/aftaler/1082-sundhedsaftale-2024-2027/"))
    assert page.locator("#decision-form").count() == 1
    assert page.locator("#case-decided").count() == 0
