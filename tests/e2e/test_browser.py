"""In a real headless Chromium: log in, see the dashboard, open a region's findings, read a provision."""

from __future__ import annotations

import re

import pytest

from sundhedsaftale.accounts.actions import DEMO_PASSWORD

pytestmark = pytest.mark.e2e


def log_in(page, server: str, username: str) -> None:
    page.goto(server + "/log-ind/")
    page.get_by_label("Brugernavn").fill(username)
    page.get_by_label("Adgangskode").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Log ind").click()


def test_secretariat_logs_in_and_sees_the_dashboard(page, server) -> None:
    log_in(page, server, "sjaelland")
    page.wait_for_url(re.compile(r"/mit-arbejde/"))
    page.goto(server + "/oversigt/")
    assert page.get_by_role("heading", level=1).inner_text() == "Overblik over regionerne"
    rows = page.locator("#overview tbody tr")
    assert rows.count() == 5
    own = page.locator("#overview tbody tr[data-region='1085']")
    assert "din region" in own.inner_text()
    assert (
        int(own.locator(".requirements-broken").inner_text()) == 5
    )  # the demo region's deliberate shortfalls


def test_region_page_explains_each_finding_with_its_provision(page, server) -> None:
    log_in(page, server, "sjaelland")
    page.goto(server + "/regioner/1085/?dato=2026-11-23")
    finding = page.locator("[data-rule='pi-udvalg.sammensaetning'][data-status='not_met']").first
    assert "Efter loven består udvalget af 1 medlem udpeget af Ældre Sagen" in finding.inner_text()
    assert "Regionen tager initiativ til, at der udpeges medlemmer" in finding.inner_text()
    finding.get_by_role("link", name=re.compile(r"§ 25, stk. 2")).click()
    page.wait_for_url(re.compile(r"/lov/bek-1248-2022/sec_25__subsec_2/"))
    assert "1 medlem udpeget af Ældre Sagen" in page.locator("#provision-text").inner_text()


def test_a_defective_reference_in_the_law_leads_to_the_intended_provision(page, server) -> None:
    # Open to everyone: no log-in. From the source's list of defects to the provision, then to what it means.
    page.goto(server + "/lov/bek-1248-2022/")
    page.get_by_role("link", name="Se fejlene i henvisningerne").click()
    page.wait_for_url(re.compile(r"/lov/bek-1248-2022/henvisninger/"))
    assert page.locator("#defect-count").inner_text() == "4"
    defect = page.locator(".reference-defect[data-unit='bek-1248-2022/sec_30__subsec_4']")
    defect.get_by_role("link", name="§ 30, stk. 4").click()
    page.wait_for_url(re.compile(r"/lov/bek-1248-2022/sec_30__subsec_4/"))
    notice = page.locator("#reference-defects")
    assert notice.is_visible()
    assert "Peger på en forkert bestemmelse" in notice.inner_text()
    notice.get_by_role("link", name="§ 10, stk. 1, nr. 4").click()
    page.wait_for_url(re.compile(r"/lov/bek-1248-2022/sec_10__subsec_1__point_4/"))
    assert "2 repræsentanter for patienter og pårørende" in page.locator("#provision-text").inner_text()
    assert "mener sandsynligvis denne bestemmelse" in page.locator("#named-by-defects").inner_text()


def test_wrong_password_is_refused_with_a_message(page, server) -> None:
    page.goto(server + "/log-ind/")
    page.get_by_label("Brugernavn").fill("sjaelland")
    page.get_by_label("Adgangskode").fill("forkert")
    page.get_by_role("button", name="Log ind").click()
    assert "Brugernavn eller adgangskode er forkert" in page.get_by_role("alert").inner_text()
