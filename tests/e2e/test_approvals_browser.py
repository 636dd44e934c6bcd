"""In a real headless Chromium: Region Sjælland's secretariat sends the 2028–2031 draft in hearing (a hearing round,
ADR 0036), then records
the councils' approvals in bulk on one page (§ 19, stk. 1; afsnit 5.1; ADR 0033): a row dated in the future
stops the whole save and names the party, the corrected table saves every row, recorded parties turn read-only;
the page passes axe-core's WCAG 2.1 AA checks. The patient involvement committee's demo statement is listed on
its page with the member's own view (§ 27, stk. 3)."""

from __future__ import annotations

import re

import pytest

from .test_accessibility import AXE, violations
from .test_browser import log_in

pytestmark = pytest.mark.e2e

AGREEMENT = "1085-sundhedsaftale-2028-2031"
APPROVALS = f"/aftaler/{AGREEMENT}/godkendelser/"


def _row(page, code: str, day: str, reference: str) -> None:
    page.locator(f"#id_approved_on__{code}").fill(day)
    page.locator(f"#id_reference__{code}").fill(reference)


def test_afsnit_5_1_approvals_recorded_in_bulk_all_or_none(page, server) -> None:
    log_in(page, server, "sjaelland")
    page.wait_for_url(re.compile(r"/mit-arbejde/"))

    # The patient involvement committee is heard on the draft first (§ 29, stk. 2): the step leads to a hearing
    # round, and sending it (today, 1 December 2026) records the lifecycle's hearing (ADR 0036).
    page.goto(f"{server}/aftaler/{AGREEMENT}/trin/start_hearing/")
    page.wait_for_url(re.compile(r"/regioner/1085/hoeringer/ny/"))
    page.locator("#id_subject").fill("Høring over udkast til sundhedsaftale 2028–2031")
    page.locator("#id_response_deadline").fill("2026-12-15")
    page.get_by_label("Patientinddragelsesudvalget i Region Sjælland", exact=True).check()
    page.get_by_role("button", name="Gem kladde").click()
    page.locator("#hearing-send").click()
    page.locator("#id_confirmed").check()
    page.get_by_role("button", name="Send høringen").click()
    page.wait_for_url(re.compile(r"/hoeringer/\d+/$"))
    page.goto(f"{server}/aftaler/{AGREEMENT}/")

    page.get_by_role("link", name="Godkendelser i regionsråd og kommunalbestyrelser").click()
    page.wait_for_url(re.compile(rf"{APPROVALS}$"))
    assert "Godkendelse mangler fra 18 parter" in page.locator("#approvals-missing").inner_text()
    parties = page.locator("#approvals tbody tr").evaluate_all("rows => rows.map(r => r.dataset.party)")
    assert parties[0] == "1085"
    assert len(parties) == 18

    # One row dated after today (1 December 2026): nothing is saved, and the message names the council.
    _row(page, "1085", "2026-12-01", "Regionsrådet, møde 1. december 2026, pkt. 4")
    _row(page, "253", "2026-12-05", "Byrådet, møde 5. december 2026")
    _row(page, "259", "2026-12-01", "Byrådet, møde 1. december 2026, pkt. 9")
    page.get_by_role("button", name="Gem godkendelser").click()
    alert = page.locator(".alert-error").inner_text()
    assert "Kommunalbestyrelsen i Greve Kommune: Datoen 5. december 2026 ligger efter i dag" in alert
    assert "Godkendelse mangler fra 18 parter" in page.locator("#approvals-missing").inner_text()

    # Corrected, the three rows are saved together and shown read-only; the other fifteen are still offered.
    page.locator("#id_approved_on__253").fill("2026-12-01")
    page.get_by_role("button", name="Gem godkendelser").click()
    # Saved, the same page comes back: wait for the row's new state, not for an address it already has.
    page.locator("tr[data-party='253'][data-state='recorded']").wait_for()
    assert "3 godkendelser er registreret" in page.content()
    assert "Godkendelse mangler fra 15 parter" in page.locator("#approvals-missing").inner_text()
    greve = page.locator("tr[data-party='253']")
    assert greve.get_attribute("data-state") == "recorded"
    assert "Byrådet, møde 5. december 2026" in greve.inner_text()
    assert page.locator("#id_approved_on__253").count() == 0

    # The submission page says, before anything is entered, which councils are still missing.
    page.goto(f"{server}/aftaler/{AGREEMENT}/trin/submit/")
    missing = page.locator("#submit-missing").inner_text()
    assert "Kommunalbestyrelsen i Faxe Kommune" in missing
    assert "Greve" not in missing


def test_approvals_page_and_statements_have_no_wcag_21_aa_violations(axe_page, server) -> None:
    page = axe_page
    assert AXE.exists(), "axe-core mangler: kør 'npm ci' i frontend/ (make test gør det)"
    log_in(page, server, "sjaelland")
    page.wait_for_url(re.compile(r"/mit-arbejde/"))
    found = {}
    for path in (APPROVALS, "/organer/1085-patient-committee/udtalelser/"):
        page.goto(server + path)
        if problems := violations(page):
            found[path] = problems
    assert not found, found
    # The demo's statement (§ 28, stk. 2, own initiative) with the member's own view kept.
    text = page.locator("#statements").inner_text()
    assert "Sammenhæng ved udskrivelse af ældre medicinske patienter" in text
    assert "Erik Nørgaard Holst" in text
