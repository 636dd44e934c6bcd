"""In Chromium: the reviewer sees the decision as two visible radio buttons with none chosen, and the confirmation
page names the consequence before anything is recorded. All of it under the platform's Content Security Policy:
the two steps are plain forms, with no script of their own."""

from __future__ import annotations

import re

import pytest

from .test_accessibility import violations
from .test_browser import log_in

pytestmark = pytest.mark.e2e

# The live demo's revision in the queue (ADR 0040): received, undecided, so the decision form is offered.
CASE = "/sst/aftaler/1082-sundhedsaftale-2024-2027/"

# How DKFDS draws a radio button: the native input is transparent and sits on the circle painted by its label's
# ::before. What the reviewer sees is that circle, so that is what must have a size and be opaque.
_DRAWN = """label => {
  const before = getComputedStyle(label, '::before');
  const style = getComputedStyle(label);
  return {
    content: before.content,
    opacity: parseFloat(before.opacity) * parseFloat(style.opacity),
    width: parseFloat(before.width),
    height: parseFloat(before.height),
    border: parseFloat(before.borderTopWidth),
    display: before.display,
    visibility: style.visibility,
  };
}"""


def _decisions(page) -> int:
    return page.locator("#decisions tbody tr[data-kind]").count()


def _objection_to_confirmation(page) -> None:
    """From the case page: choose "Gør indsigelse", name a deficiency and a deadline, and go on."""
    form = page.locator("#decision-form")
    form.get_by_text("Gør indsigelse", exact=True).click()
    form.locator("textarea[name=deficiencies]").fill("Målsætningerne er ikke knyttet til de nationale mål")
    form.locator("input[name=remedy_deadline]").fill("2027-03-01")
    form.get_by_role("button", name="Fortsæt til bekræftelse").click()
    page.wait_for_selector("#confirm-form")


def test_decision_radios_are_visible_unchosen_and_confirmed_before_recording(page, server) -> None:
    blocked: list[str] = []
    page.on(
        "console",
        lambda message: blocked.append(message.text) if "Content Security Policy" in message.text else None,
    )
    log_in(page, server, "sst")
    page.wait_for_url("**/mit-arbejde/")
    page.goto(server + CASE)
    recorded = _decisions(page)
    form = page.locator("#decision-form")
    radios = form.locator("input[type=radio][name=kind]")
    assert radios.count() == 2
    for index in range(2):
        radio = radios.nth(index)
        assert not radio.is_checked()
        label = form.locator(f"label[for='{radio.get_attribute('id')}']")
        label.scroll_into_view_if_needed()
        assert label.is_visible()
        drawn = label.evaluate(_DRAWN)
        assert drawn["content"] == '""', drawn
        assert drawn["opacity"] == 1, drawn
        assert drawn["visibility"] == "visible", drawn
        assert drawn["display"] != "none", drawn
        assert drawn["width"] >= 16, drawn
        assert drawn["height"] >= 16, drawn
        assert drawn["border"] > 0, drawn
        # The clickable input covers the drawn circle, so a click on the circle chooses the option.
        box, label_box = radio.bounding_box(), label.bounding_box()
        assert box is not None
        assert label_box is not None
        assert box["width"] >= 16
        assert box["height"] >= 16
        assert abs(box["x"] - label_box["x"]) < 2

    form.get_by_text("Godkend aftalen", exact=True).click()
    assert radios.nth(0).is_checked()
    assert not radios.nth(1).is_checked()
    _objection_to_confirmation(page)
    assert page.get_by_role("heading", level=1).inner_text() == "Bekræft afgørelsen"
    consequence = page.locator("#consequence-text").inner_text()
    assert consequence.startswith("Du gør indsigelse mod Sundhedsaftale 2024–2027")
    assert "for Region Midtjylland" in consequence
    assert "kan ikke ændres bagefter" in consequence
    assert (
        "Målsætningerne er ikke knyttet til de nationale mål"
        in page.locator("#confirm-deficiencies").inner_text()
    )
    assert "1. marts 2027" in page.locator("#confirm-deadline").inner_text()

    # Nothing is recorded while the confirmation waits: the case page, opened beside it, shows no new decision.
    other = page.context.new_page()
    other.goto(server + CASE)
    assert _decisions(other) == recorded
    other.close()

    # Back to correct it: the choice is kept, and still nothing is recorded.
    page.get_by_role("button", name="Tilbage og ret afgørelsen").click()
    page.wait_for_selector("#decision-form")
    assert page.locator("#decision-form input[name=kind][value=object]").is_checked()
    assert _decisions(page) == recorded
    assert re.search(r"/afgoerelse/$", page.url)
    assert blocked == []


def test_confirmation_page_has_no_wcag_21_aa_violations(axe_page, server) -> None:
    page = axe_page
    log_in(page, server, "sst")
    page.wait_for_url("**/mit-arbejde/")
    page.goto(server + CASE)
    _objection_to_confirmation(page)
    assert violations(page) == []
