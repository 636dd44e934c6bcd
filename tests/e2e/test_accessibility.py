"""WCAG 2.1 AA checks with axe-core (npm, devDependency of frontend/) on the main pages, in Chromium."""

from __future__ import annotations

from pathlib import Path

import pytest

from .test_browser import log_in

pytestmark = pytest.mark.e2e

AXE = Path(__file__).resolve().parents[2] / "frontend" / "node_modules" / "axe-core" / "axe.min.js"
PAGES = [
    "/",
    "/lov/",
    "/lov/bek-1248-2022/",
    "/lov/bek-1248-2022/sec_3__subsec_1/",
    "/lov/bek-1248-2022/sec_30__subsec_4/",
    "/lov/bek-1248-2022/sec_10__subsec_1__point_4/",
    "/lov/bek-1248-2022/henvisninger/",
    "/regler/",
    "/oversigt/",
    "/regioner/1085/?dato=2026-11-23",
    "/regioner/1085/beslutninger/ny/",
    "/landet/?dato=2026-11-23",
    "/landet/fund/?dato=2026-11-23",
    "/regioner/1085/fund/?dato=2026-11-23&status=alle",
    "/klynger/sjaelland-holbaek/fund/?dato=2026-11-23",
    "/organer/1085-committee/fund/?dato=2026-11-23&status=alle",
    "/klynger/sjaelland-holbaek/?dato=2026-11-23",
    "/organer/1085-committee/?dato=2026-11-23",
    "/organer/1085-committee/medlemmer/ny/",
    "/organer/1085-committee/moeder/",
    "/regioner/1085/import/",
    "/aftaler/?dato=2026-11-23",
    "/aftaler/1085-sundhedsaftale-2024-2027/?dato=2026-11-23",
    "/aftaler/1085-sundhedsaftale-2024-2027/versioner/",
    "/aftaler/1085-sundhedsaftale-2024-2027/bilag/",
    "/aftaler/1085-sundhedsaftale-2028-2031/bilag/",
    "/aftaler/1085-sundhedsaftale-2028-2031/indhold/",
    "/aftaler/1085-sundhedsaftale-2028-2031/indhold/maalsaetninger/sja28-m1/",
    "/aftaler/1085-sundhedsaftale-2028-2031/trin/start_hearing/",
    "/aftaler/1085-sundhedsaftale-2024-2027/afgoerelser/",
    "/aftaler/1085-sundhedsaftale-2024-2027/opfoelgning/",
    "/aftaler/1085-sundhedsaftale-2024-2027/opfoelgning/gennemgang/ny/",
    "/statusrapporter/",
    "/regioner/1085/frister/?dato=2026-11-23",
    "/oversigt/?at=2027-01-01",
    "/regioner/OEST/",
    "/regioner/1085/overgang/",
    "/konto/paamindelser/",
    "/regioner/1085/hoeringer/",
    "/regioner/1085/hoeringer/ny/",
    "/revisionsspor/",
    "/aftaler/1085-sundhedsaftale-2028-2031/?dato=2026-11-23",
    "/katalog/",
    "/soeg/?q=sundhedsaftale",
]
# The public portal (ADR 0042), seen by the public: not logged in.
PUBLIC_PAGES = [
    "/offentlig/",
    "/offentlig/?dato=2027-01-01",
    "/offentlig/regioner/1085/",
    "/offentlig/kommuner/316/",
    "/offentlig/klynger/sjaelland-holbaek/",
    "/offentlig/aftaler/1085-sundhedsaftale-2024-2027/",
    "/offentlig/organer/1085-committee/",
    "/offentlig/katalog/",
    "/offentlig/katalog/?region=1085&udbredelse=1",
    "/offentlig/soeg/?q=aftalerne",
]
# Sundhedsstyrelsen's workspace, seen by a reviewer.
REVIEW_PAGES = ["/sst/", "/sst/aftaler/1083-sundhedsaftale-2024-2027/"]


def violations(page) -> list[str]:
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "async () => await axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})"
    )
    assert result["passes"], "axe-core kørte ingen kontroller"
    return [
        f"{v['id']}: {v['help']} ({len(v['nodes'])}× fx {v['nodes'][0]['target']})"
        for v in result["violations"]
    ]


def test_main_pages_have_no_wcag_21_aa_violations(axe_page, server) -> None:
    page = axe_page
    assert AXE.exists(), "axe-core mangler: kør 'npm ci' i frontend/ (make test gør det)"
    log_in(page, server, "sjaelland")
    page.wait_for_url("**/mit-arbejde/")
    found = {}
    paths = list(PAGES)
    page.goto(server + "/katalog/?region=1085")
    paths.append(page.locator("#catalogue-entries a").first.get_attribute("href"))
    for path in paths:
        page.goto(server + path)
        if problems := violations(page):
            found[path] = problems
    assert not found, found


def test_review_pages_have_no_wcag_21_aa_violations(axe_page, server) -> None:
    page = axe_page
    log_in(page, server, "sst")
    page.wait_for_url("**/mit-arbejde/")
    found = {}
    for path in REVIEW_PAGES:
        page.goto(server + path)
        assert page.title(), path
        if problems := violations(page):
            found[path] = problems
    assert not found, found


def test_public_portal_pages_have_no_wcag_21_aa_violations(axe_page, server) -> None:
    page = axe_page
    found = {}
    paths = list(PUBLIC_PAGES)
    page.goto(server + "/offentlig/organer/1085-committee/")
    paths.append(page.locator("a[href^='/offentlig/moeder/']").first.get_attribute("href"))
    page.goto(server + "/offentlig/katalog/?region=1085&udbredelse=1")
    paths.append(page.locator("a[href^='/offentlig/katalog/tiltag/']").first.get_attribute("href"))
    for path in paths:
        page.goto(server + path)
        assert page.title(), path
        if problems := violations(page):
            found[path] = problems
    assert not found, found
