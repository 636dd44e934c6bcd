"""In Chromium: the region's secretariat attaches an annex to the draft agreement, a renamed file is refused with
the field named, and a member downloads the annex as it was uploaded (issue 15, item 5; ADR 0040)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from .test_browser import log_in

pytestmark = pytest.mark.e2e

PDF = b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"
ANNEXES = "/aftaler/1085-sundhedsaftale-2028-2031/bilag/"


def test_secretariat_attaches_an_annex_and_a_member_downloads_it(browser, server, tmp_path: Path) -> None:
    context = browser.new_context(locale="da-DK", accept_downloads=True)
    page = context.new_page()
    log_in(page, server, "sjaelland")
    page.wait_for_url("**/mit-arbejde/")
    page.goto(server + ANNEXES)

    page.get_by_label("Fil").set_input_files(
        {"name": "bilag.pdf", "mimeType": "application/pdf", "buffer": b"MZ not a pdf"}
    )
    page.get_by_role("button", name="Vedhæft").click()
    assert "ikke en gyldig PDF-fil" in page.locator("#id_file-error").inner_text()

    page.get_by_label("Titel").fill("Bilag 1: Datagrundlag")
    page.get_by_label("Fil").set_input_files(
        {"name": "datagrundlag.pdf", "mimeType": "application/pdf", "buffer": PDF}
    )
    page.get_by_role("button", name="Vedhæft").click()
    page.wait_for_url(re.compile(re.escape(ANNEXES) + "$"))
    assert "er vedhæftet som version 1" in page.locator(".alert-success").inner_text()
    context.close()

    member = browser.new_context(locale="da-DK", accept_downloads=True)
    page = member.new_page()
    log_in(page, server, "medlem")
    page.wait_for_url("**/mit-arbejde/")
    page.goto(server + "/aftaler/1085-sundhedsaftale-2028-2031/")
    with page.expect_download() as info:
        page.locator("#annexes").get_by_role("link", name="Bilag 1: Datagrundlag").click()
    download = info.value
    assert download.suggested_filename == "datagrundlag.pdf"
    target = tmp_path / "hentet.pdf"
    download.save_as(target)
    assert target.read_bytes() == PDF
    member.close()
