"""In a real headless Chromium, a secretariat's week with a meeting: plan it with time and place, put items with a
case summary and a recommendation on the agenda, send the invitation, a member answers, the agenda pack is
downloaded and read, the minutes are recorded, approved by the chair (recorded by the secretariat) and
published, and the member then reads them. Each new meeting page passes axe-core's WCAG 2.1 AA checks."""

from __future__ import annotations

import io
import re

import pytest
from pypdf import PdfReader

from .test_accessibility import AXE, violations
from .test_browser import log_in

pytestmark = pytest.mark.e2e

BODY = "1085-committee"
TODAY = "2026-12-01"  # the platform's today in the browser tests (conftest)


def _axe(browser, url: str, cookies) -> list[str]:  # type: ignore[no-untyped-def]
    context = browser.new_context(locale="da-DK", bypass_csp=True)
    context.add_cookies(cookies)
    page = context.new_page()
    page.goto(url)
    assert AXE.exists()
    found = violations(page)
    context.close()
    return found


def test_a_secretariats_week_plan_invite_answer_pack_minutes_approve_publish(browser, server) -> None:  # type: ignore[no-untyped-def]
    secretariat = browser.new_context(locale="da-DK")
    page = secretariat.new_page()
    log_in(page, server, "sjaelland")
    page.wait_for_load_state()

    # Plan the meeting with time and place.
    page.goto(f"{server}/organer/{BODY}/moeder/ny/")
    page.get_by_label("Dato").fill(TODAY)
    page.get_by_label("Status").select_option("planned")
    page.get_by_label("Titel").fill("Ugens udvalgsmøde")
    page.get_by_label("Starter kl.").fill("13:00")
    page.get_by_label("Slutter kl.").fill("15:30")
    page.get_by_label("Sted", exact=True).fill("Regionshuset, Sorø")
    page.get_by_label("Videolink").fill("https://video.example.dk/ugens-moede")
    page.get_by_role("button", name="Gem").click()
    page.wait_for_url(re.compile(r"/moeder/\d+/$"))
    detail = page.url
    assert "13.00–15.30" in page.locator(".font-lead").inner_text()

    # Items with case summary and recommendation.
    page.get_by_role("link", name="Ret dagsorden").click()
    page.locator("#id_items-0-title").fill("Forløbsprogram for KOL")
    page.locator("#id_items-0-summary").fill("Arbejdsgruppen har lavet et udkast til forløbsprogram.")
    page.locator("#id_items-0-recommendation").fill(
        "Det indstilles, at udvalget godkender forløbsprogrammet."
    )
    page.get_by_role("button", name="Gem dagsorden").click()
    page.wait_for_url(detail)
    page.get_by_role("button", name="Offentliggør dagsordenen").click()
    page.wait_for_url(detail)

    # Send the invitation, confirmed.
    page.get_by_role("link", name="Indkaldelse og svar").click()
    page.get_by_label("Ja, send indkaldelsen nu").check()
    page.get_by_role("button", name="Send indkaldelsen").click()
    # The answer comes back to the same address, so the confirmation is what tells the POST has been handled.
    page.locator(".messages").get_by_text("Indkaldelsen er sendt.").wait_for()
    assert page.locator("#invitations tbody tr").count() > 1
    invitations_url = page.url

    # A member answers for themselves.
    member = browser.new_context(locale="da-DK")
    mpage = member.new_page()
    log_in(mpage, server, "medlem")
    mpage.wait_for_load_state()
    mpage.goto(detail)
    mpage.get_by_role("link", name="Svar på indkaldelsen").click()
    mpage.get_by_label("Jeg melder afbud, og min stedfortræder kommer").check()
    mpage.get_by_label("Stedfortræderens navn").fill("Lene Holm")
    mpage.get_by_role("button", name="Gem svar").click()
    mpage.wait_for_url(detail)
    assert "Afbud med stedfortræder" in mpage.locator("#own-invitation").inner_text()
    page.goto(invitations_url)
    assert page.locator("tr[data-answer='substitute']").count() == 1
    assert "Lene Holm" in page.locator("#invitations").inner_text()

    # The agenda pack, as the member downloads it.
    mpage.goto(detail)
    pack = mpage.request.get(server + mpage.locator("#agenda-pack").get_attribute("href"))
    assert pack.status == 200
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pack.body())).pages)
    assert "Forløbsprogram for KOL" in text
    assert "Det indstilles, at udvalget godkender forløbsprogrammet." in text

    # Minutes, approval, publication.
    page.goto(detail)
    page.get_by_role("link", name="Referat", exact=True).click()
    page.get_by_label("Beslutning, punkt 1").fill("Udvalget godkendte forløbsprogrammet.")
    page.get_by_label("Referat i øvrigt").fill("Mødet forløb efter dagsordenen.")
    page.get_by_role("button", name="Gem referat som udkast").click()
    page.wait_for_url(detail)
    mpage.goto(detail)
    assert "Udvalget godkendte forløbsprogrammet." not in mpage.content()
    page.get_by_label("Formanden godkendte referatet den").fill(TODAY)
    page.get_by_role("button", name="Godkend referatet").click()
    page.wait_for_url(detail)
    assert page.locator("#minutes-state").get_attribute("data-approved") == "true"
    page.get_by_label("Ja, offentliggør referatet for alle, der kan se mødet").check()
    page.get_by_role("button", name="Offentliggør referatet").click()
    page.wait_for_url(detail)
    assert page.locator("#minutes-state").get_attribute("data-published") == "true"
    mpage.goto(detail)
    assert "Udvalget godkendte forløbsprogrammet." in mpage.locator("#agenda").inner_text()

    # The new pages pass axe-core.
    pk = re.search(r"/moeder/(\d+)/", detail).group(1)  # type: ignore[union-attr]
    cookies = secretariat.cookies()
    found: list[str] = []
    for path in (
        f"/moeder/{pk}/",
        f"/moeder/{pk}/indkaldelse/",
        f"/moeder/{pk}/referat/",
        f"/moeder/{pk}/dokumenter/",
    ):
        found += [f"{path}: {v}" for v in _axe(browser, server + path, cookies)]
    found += [f"svar: {v}" for v in _axe(browser, f"{server}/moeder/{pk}/svar/", member.cookies())]
    member.close()
    secretariat.close()
    assert not found, "\n".join(found)


def test_cancelling_asks_first_and_names_who_will_be_told(browser, server) -> None:  # type: ignore[no-untyped-def]
    context = browser.new_context(locale="da-DK")
    page = context.new_page()
    log_in(page, server, "sjaelland")
    page.wait_for_load_state()
    page.goto(f"{server}/organer/{BODY}/moeder/ny/")
    page.get_by_label("Dato").fill("2026-12-10")
    page.get_by_label("Status").select_option("planned")
    page.get_by_label("Titel").fill("Møde der aflyses")
    page.get_by_role("button", name="Gem").click()
    page.wait_for_url(re.compile(r"/moeder/\d+/$"))
    detail = page.url
    page.get_by_role("link", name="Indkaldelse og svar").click()
    page.get_by_label("Ja, send indkaldelsen nu").check()
    page.get_by_role("button", name="Send indkaldelsen").click()
    page.locator(".messages").get_by_text("Indkaldelsen er sendt.").wait_for()
    page.goto(detail)
    page.get_by_role("link", name="Aflys mødet").click()
    page.wait_for_url(re.compile(r"/aflys/$"))
    assert page.locator("#cancel-invitees li").count() > 1
    cancel_url = page.url
    found = _axe(browser, cancel_url, context.cookies())
    page.goto(detail)
    assert "Planlagt" in page.locator(".font-lead").inner_text()  # nothing happened before the confirmation
    page.goto(cancel_url)
    page.get_by_label("Begrundelse (valgfri)").fill("For få kan deltage")
    page.get_by_role("button", name="Ja, aflys mødet").click()
    page.wait_for_url(detail)
    assert "Aflyst" in page.locator(".font-lead").inner_text()
    assert "For få kan deltage" in page.locator("#cancel-reason").inner_text()
    context.close()
    assert not found, "\n".join(found)
