"""Human words only: the demo's pages, walked as each role, show no internal keys (issue 15, ADR 0039).

A page may carry rule ids, parameter keys and record keys only in its markup (attributes) or inside a
``<details data-technical>`` "Tekniske oplysninger" element. The visible text must not contain a Python list or
dict, ``True``/``False``/``None``, a dotted key (``political_level.general_practitioners``, ``klynge.faglig.moeder``)
or a code in snake_case (``general_practitioner``, ``not_met``). A leak found here names the page, role and text.
"""

from __future__ import annotations

import io
import json
import re
from html import unescape
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client

from sundhedsaftale.accounts.models import User

pytestmark = pytest.mark.django_db

AGREEMENT = "/aftaler/1085-sundhedsaftale-2024-2027"
DRAFT = "/aftaler/1085-sundhedsaftale-2028-2031"  # the content editor's goals have ids like "sja28-m1"
PAGES = {
    "sjaelland": [
        "/regioner/1085/?alle=1",
        "/regioner/1085/fund/?status=alle",
        "/landet/",
        "/landet/fund/",
        "/klynger/sjaelland-holbaek/",
        "/organer/1085-committee/",
        "/organer/1085-patient-committee/",
        "/organer/sjaelland-holbaek-political/",
        "/organer/sjaelland-holbaek-professional/",
        "/organer/sjaelland-holbaek-political/forhold/",
        "/aftaler/",
        f"{AGREEMENT}/",
        f"{AGREEMENT}/versioner/",
        f"{AGREEMENT}/indhold/",
        f"{AGREEMENT}/godkendelser/",
        "/regioner/1085/frister/",
        "/regioner/1085/beslutninger/ny/",
        "/regioner/1085/beslutninger/1085-decision-submission-deadline/rediger/",
        "/revisionsspor/",
        "/mit-arbejde/",
        f"{DRAFT}/indhold/",
        f"{DRAFT}/indhold/maalsaetninger/sja28-m1/",
        f"{DRAFT}/indhold/samarbejdsaftaler/ny/",
        f"{DRAFT}/versioner/",
        f"{AGREEMENT}/versioner/?fra=1",
        "/soeg/?q=genoptr%C3%A6ning",
        "/offentlig/soeg/?q=aftalerne",
        "/katalog/",
        "/katalog/1085-sundhedsaftale-2024-2027~samarbejdsaftale~sja-sa-udskrivning/",
    ],
    "klynge": ["/mit-arbejde/", "/klynger/sjaelland-holbaek/", "/organer/sjaelland-holbaek-political/"],
    "medlem": ["/mit-arbejde/", "/regioner/1085/", "/organer/1085-committee/", f"{AGREEMENT}/"],
    "sst": [
        "/sst/",
        "/sst/aftaler/1085-sundhedsaftale-2024-2027/",
        "/sst/aftaler/1084-sundhedsaftale-2024-2027/",
        "/landet/",
        "/revisionsspor/",
        "/mit-arbejde/",
    ],
    "admin": ["/revisionsspor/", "/regioner/1084/?alle=1"],
}

LEAKS = {
    "a Python list or dict": re.compile(r"\[\s*'[^']*'|\{\s*'[^']*'\s*:|\[\]|\{\}"),
    "True, False or None": re.compile(r"(?<![\w-])(?:True|False|None)(?![\w-])"),
    "a dotted key": re.compile(r"(?<![\w./@-])[a-z_]+\.[a-z_]+(?:\.[a-z_-]+)*(?![\w./(@-])"),
    "a code in snake_case": re.compile(r"(?<![\w./@-])[a-z]+_[a-z_]+(?![\w./@-])"),
    "an item id": re.compile(r"(?<![\w./@-])[a-z]+\d*-(?:[a-z]+-)*[a-z]+\d+(?:-[a-z]+\d+)*(?![\w./@-])"),
}
# Words that look like a key but are not one: file names (the reference data in the audit log, an upload).
_NOT_KEYS = re.compile(r"^[a-z_]+\.(?:csv|json|xlsx|zip)$")


def visible_text(html: str) -> str:
    """What a reader sees: no markup, scripts or styles, and no technical details."""
    html = re.sub(r"<script.*?</script>|<style.*?</style>", " ", html, flags=re.S)
    html = re.sub(r"<details[^>]*data-technical.*?</details>", " ", html, flags=re.S)
    return unescape(re.sub(r"<[^>]+>", " ", html))


def leaks(html: str) -> dict[str, list[str]]:
    text = visible_text(html)
    found = {}
    for name, pattern in LEAKS.items():
        hits = sorted({m.group(0) for m in pattern.finditer(text)} - {""})
        hits = [h for h in hits if not _NOT_KEYS.match(h)]
        if hits:
            found[name] = hits[:10]
    return found


def test_the_leak_check_finds_what_it_looks_for() -> None:
    page = "<p>['a', 'b'] True political_level.general_practitioners general_practitioner sja28-m1</p>"
    assert set(leaks(page)) == set(LEAKS)
    hidden = "<details data-technical><summary>Tekniske oplysninger</summary><code>klynge.faglig.moeder</code></details>"
    assert leaks(f'<p data-rule="klynge.faglig.moeder">Møder</p>{hidden}') == {}


@pytest.fixture
def demo(settings: Any, tmp_path: Path) -> dict[str, Client]:
    settings.MEDIA_ROOT = tmp_path / "media"
    call_command("setup_demo", "--today", "2026-11-23", stdout=io.StringIO())
    clients = {}
    for name in PAGES:
        clients[name] = Client()
        clients[name].force_login(User.objects.get(username=name))
    return clients


def _edited_case(client: Client) -> bytes:
    """The region's own case file with one member's role changed and one member added."""
    case = json.loads(client.get("/regioner/1085/sagsfil.json").content)
    body = next(b for b in case["bodies"] if b["id"] == "sjaelland-holbaek-political")
    gp = next(m for m in body["memberships"] if m["role"] == "general_practitioner")
    added = {**gp, "id": "ny-laege", "person_id": "ny-laege-person", "name": "Ny Læge", "version": None}
    gp["role"] = "expert"
    body["memberships"].append(added)
    return json.dumps(case).encode()


def test_no_page_of_the_demo_shows_internal_keys_to_any_role(demo: dict[str, Client]) -> None:
    found: list[str] = []
    for role, urls in PAGES.items():
        for url in urls:
            response = demo[role].get(url)
            assert response.status_code == 200, (role, url, response.status_code)
            for name, hits in leaks(response.content.decode()).items():
                found.append(f"{url} ({role}): {name}: {hits}")
    # The import preview of an edited case file.
    client = demo["sjaelland"]
    upload = SimpleUploadedFile("sjaelland.json", _edited_case(client), content_type="application/json")
    preview = client.post("/regioner/1085/import/", {"file": upload})
    assert preview.status_code == 200, visible_text(preview.content.decode())[-3000:]
    assert 'id="differences-memberships"' in preview.content.decode()
    for name, hits in leaks(preview.content.decode()).items():
        found.append(f"import preview: {name}: {hits}")
    assert not found, "Interne nøgler på skærmen:\n" + "\n".join(found)


def test_the_region_page_in_english_shows_rule_titles_and_statuses_in_english(
    demo: dict[str, Client],
) -> None:
    client = demo["sjaelland"]
    client.cookies["django_language"] = "en"
    html = client.get("/regioner/1085/?alle=1").content.decode()
    text = re.sub(r"\s+", " ", visible_text(html))
    assert "General practitioners in the cluster's political level" in text
    assert "Not met" in text
    # Every rule writes its explanation in English too (ADR 0051): no Danish explanation left to mark.
    assert "Unless otherwise agreed" in text
    assert "(Danish text)" not in text
    assert leaks(html) == {}
