"""In a real headless Chromium: Region Sjælland's secretariat prepares a hearing round and sends it after
confirming; the member named for the patient involvement committee answers online, agreement sought but not
reached, one member's own view kept (§ 27, stk. 3); the secretariat gives each answer a disposition, closes the
round and downloads the høringsnotat as PDF and DOCX with the dispositions in them (ADR 0036). The pages pass
axe-core's WCAG 2.1 AA checks."""

from __future__ import annotations

import io
import re

import pytest
from docx import Document as WordDocument
from pypdf import PdfReader

from .test_accessibility import AXE, violations
from .test_browser import log_in

pytestmark = pytest.mark.e2e

COMMITTEE = "Patientinddragelsesudvalget i Region Sjælland"
SUBJECT = "Patienternes vurdering af udkastet til sundhedsplan"


def _round_id(url: str) -> str:
    found = re.search(r"/hoeringer/(\d+)/", url)
    assert found, url
    return found.group(1)


def test_a_hearing_from_sending_to_the_hoeringsnotat(browser, server) -> None:
    context = browser.new_context(locale="da-DK")
    page = context.new_page()
    log_in(page, server, "sjaelland")
    page.wait_for_url(re.compile(r"/mit-arbejde/"))

    # The draft: a round on the health plan to the committee (its member answers) and one organisation.
    page.goto(f"{server}/regioner/1085/hoeringer/")
    page.locator("#hearing-create").click()
    page.get_by_label("Regionens sundhedsplan (§ 22, stk. 2)").check()
    page.locator("#id_subject").fill(SUBJECT)
    page.locator("#id_response_deadline").fill("2026-12-20")
    page.locator("#id_covering_text").fill("Vi beder om udvalgets vurdering af udkastet.")
    page.get_by_label(COMMITTEE, exact=True).check()
    page.locator("#id_respondent").select_option("medlem")
    page.locator("#id_organisations").fill("Danske Patienter; kontakt@example.org")
    page.get_by_role("button", name="Gem kladde").click()
    page.wait_for_url(re.compile(r"/hoeringer/\d+/$"))
    round_id = _round_id(page.url)

    # Sending is confirmed on its own page; without the confirmation nothing is sent.
    page.locator("#hearing-send").click()
    page.get_by_role("button", name="Send høringen").click()
    assert "Bekræft, at høringen skal sendes" in page.locator(".form-error-message").inner_text()
    page.locator("#id_confirmed").check()
    page.get_by_role("button", name="Send høringen").click()
    page.wait_for_url(re.compile(rf"/hoeringer/{round_id}/$"))
    assert "Sendt i høring" in page.content()
    assert page.locator("#hearing-edit").count() == 0
    context.close()

    # The member answers for the committee: agreement sought, not reached; one member's own view.
    context = browser.new_context(locale="da-DK")
    page = context.new_page()
    log_in(page, server, "medlem")
    page.wait_for_url(re.compile(r"/mit-arbejde/"))
    page.goto(f"{server}/mit-arbejde/")
    page.get_by_role("link", name=re.compile(SUBJECT)).first.click()
    page.wait_for_url(re.compile(rf"/hoeringer/{round_id}/svar/\d+/$"))
    page.locator("#id_text").fill("Planen bør sikre én kontaktperson for patienter med flere sygdomme.")
    page.get_by_label("Nej, medlemmerne afgiver hver især synspunkter (§ 27, stk. 3, 3. pkt.)").check()
    page.locator("#id_dissent_member_1").select_option(index=1)
    member = page.locator("#id_dissent_member_1 option:checked").inner_text()
    page.locator("#id_dissent_view_1").fill("Kontaktpersonen skal også kunne nås om aftenen.")
    page.get_by_role("button", name="Afgiv svar").click()
    page.wait_for_url(re.compile(rf"/hoeringer/{round_id}/$"))
    assert "Kontaktpersonen skal også kunne nås om aftenen." in page.locator("#answers").inner_text()
    context.close()

    # The secretariat records the organisation's answer, disposes of both and closes the round.
    context = browser.new_context(locale="da-DK", accept_downloads=True)
    page = context.new_page()
    log_in(page, server, "sjaelland")
    page.wait_for_url(re.compile(r"/mit-arbejde/"))
    page.goto(f"{server}/hoeringer/{round_id}/")
    page.get_by_role("link", name="Registrér svar").click()
    page.locator("#id_no_remarks").check()
    page.get_by_role("button", name="Afgiv svar").click()
    page.wait_for_url(re.compile(rf"/hoeringer/{round_id}/$"))

    page.get_by_role("link", name=f"Behandl svaret fra {COMMITTEE}").click()
    page.locator("#id_point_1").fill("Én kontaktperson")
    page.locator("#id_kind_1").select_option("taken_in")
    page.locator("#id_reason_1").fill("Indarbejdet i planens afsnit om forløb.")
    page.locator("#id_point_2").fill("Kontakt om aftenen")
    page.locator("#id_kind_2").select_option("not_taken_in")
    page.locator("#id_reason_2").fill("Vagtlægen dækker aftentimerne.")
    page.get_by_role("button", name="Gem behandling").click()
    page.wait_for_url(re.compile(rf"/hoeringer/{round_id}/$"))
    page.get_by_role("link", name="Behandl svaret fra Danske Patienter").click()
    page.locator("#id_kind_1").select_option("noted")
    page.locator("#id_reason_1").fill("Ingen bemærkninger at behandle.")
    page.get_by_role("button", name="Gem behandling").click()
    page.wait_for_url(re.compile(rf"/hoeringer/{round_id}/$"))

    page.locator("#hearing-close").click()
    page.locator("#id_changes_made").fill("Afsnittet om forløb nævner én kontaktperson.")
    page.get_by_role("button", name="Afslut høringen").click()
    page.wait_for_url(re.compile(rf"/hoeringer/{round_id}/$"))
    assert "Afsluttet" in page.content()

    pdf = page.request.get(f"{server}/hoeringer/{round_id}/hoeringsnotat.pdf")
    assert pdf.ok
    pdf_text = " ".join(
        " ".join((p.extract_text() or "") for p in PdfReader(io.BytesIO(pdf.body())).pages).split()
    )
    with page.expect_download() as download_info:
        page.locator("#notat-docx").click()
    docx = WordDocument(download_info.value.path())
    docx_text = "\n".join(
        [p.text for p in docx.paragraphs] + [c.text for t in docx.tables for r in t.rows for c in r.cells]
    )
    for text in (pdf_text, docx_text):
        assert "Høringsnotat" in text
        assert "Imødekommet" in text
        assert "Ikke imødekommet" in text
        assert "Vagtlægen dækker aftentimerne." in text
        assert member in text
        assert "Afsnittet om forløb nævner én kontaktperson." in text
    context.close()


def test_hearing_pages_have_no_wcag_21_aa_violations(axe_page, server) -> None:
    page = axe_page
    assert AXE.exists(), "axe-core mangler: kør 'npm ci' i frontend/ (make test gør det)"
    log_in(page, server, "sjaelland")
    page.wait_for_url(re.compile(r"/mit-arbejde/"))
    page.goto(f"{server}/regioner/1085/hoeringer/")
    round_path = page.get_by_role(
        "link", name="Vurdering af udkast til regionens sundhedsplan"
    ).get_attribute("href")
    closed_path = page.get_by_role(
        "link", name="Høring af patientinddragelsesudvalget over udkast til sundhedsaftale 2024–2027"
    ).get_attribute("href")
    assert round_path
    assert closed_path
    page.goto(server + round_path)
    answer_path = page.get_by_role("link", name="Registrér svar").first.get_attribute("href")
    page.goto(server + closed_path)
    dispose_path = page.get_by_role("link", name=re.compile("Behandl svaret fra")).count()
    assert answer_path
    found = {}
    for path in (
        "/regioner/1085/hoeringer/",
        "/regioner/1085/hoeringer/ny/",
        round_path,
        closed_path,
        answer_path,
        round_path + "send/",
        round_path + "afslut/",
    ):
        page.goto(server + path)
        if problems := violations(page):
            found[path] = problems
    assert dispose_path == 0  # a closed round's dispositions are final
    assert not found, found
