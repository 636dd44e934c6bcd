"""The law's own defective cross-references on the law pages and through the API (open to everyone)."""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.django_db


def test_sec_30_subsec_4_page_shows_the_defect_next_to_the_text_and_links_the_intended_unit(client) -> None:
    response = client.get("/lov/bek-1248-2022/sec_30__subsec_4/")
    assert response.status_code == 200
    page = response.content.decode()
    notice = page[page.index('id="reference-defects"') : page.index('id="provision-text"')]
    assert "Fejl i lovteksten: 1 henvisning holder ikke" in notice
    assert "Peger på en forkert bestemmelse" in notice
    assert "»jf. § 10, stk. 4«" in notice
    assert 'href="/lov/bek-1248-2022/sec_10__subsec_1__point_4/">§ 10, stk. 1, nr. 4</a>' in notice
    assert 'href="/lov/bek-1248-2022/sec_10__subsec_4/">§ 10, stk. 4</a>' in notice  # where it leads today
    assert "underudvalg og arbejdsgrupper" in notice
    assert 'href="/lov/bek-1248-2022/henvisninger/"' in notice


def test_a_section_page_shows_the_defects_of_its_subsections(client) -> None:
    page = client.get("/lov/bek-1248-2022/sec_28/").content.decode()
    assert 'data-unit="bek-1248-2022/sec_28__subsec_1__point_1"' in page
    assert 'href="/lov/bek-1248-2022/sec_15__subsec_2/">§ 15, stk. 2</a>' in page


def test_a_provision_without_defects_has_no_notice(client) -> None:
    page = client.get("/lov/bek-1248-2022/sec_4/").content.decode()
    assert 'id="reference-defects"' not in page
    assert 'id="named-by-defects"' not in page


def test_the_intended_provision_says_a_defective_reference_means_it(client) -> None:
    page = client.get("/lov/bek-1248-2022/sec_10__subsec_1__point_4/").content.decode()
    named = page[page.index('id="named-by-defects"') :]
    assert 'href="/lov/bek-1248-2022/sec_30__subsec_4/">§ 30, stk. 4</a>' in named
    assert "mener sandsynligvis denne bestemmelse" in named
    wrongly = client.get("/lov/bek-1248-2022/sec_10__subsec_4/").content.decode()
    assert "fører hertil, men mener sandsynligvis" in wrongly


def test_source_defects_page_lists_every_defect_with_the_figures(client) -> None:
    response = client.get("/lov/bek-1248-2022/henvisninger/")
    assert response.status_code == 200
    page = response.content.decode()
    assert re.findall(r'<div class="reference-defect" data-unit="([^"]+)"', page) == [
        "bek-1248-2022/sec_19__subsec_3",
        "bek-1248-2022/sec_28__subsec_1__point_1",
        "bek-1248-2022/sec_29__subsec_2",
        "bek-1248-2022/sec_30__subsec_4",
    ]
    assert '<td id="defect-count">4</td>' in page
    assert 'href="/lov/bek-1248-2022/sec_29__subsec_1/">§ 29, stk. 1</a>' in page  # intended for § 19, stk. 3
    assert "§ 34 (bek. nr. 1248 af 5. september 2022)" in page  # what does not exist
    assert page.count('<tr data-status="') == 36  # every reference, with its status


def test_guidance_defects_page_lists_its_chapter_references(client) -> None:
    page = client.get("/lov/vej-9008-2024/henvisninger/").content.decode()
    assert len(re.findall(r'<div class="reference-defect" data-unit="vej-9008-2024/', page)) == 5
    assert 'href="/lov/vej-9008-2024/sec_4.1/">afsnit 4.1</a>' in page


def test_source_page_summarises_the_check_and_marks_the_units(client) -> None:
    page = client.get("/lov/bek-1248-2022/").content.decode()
    assert "Kontrol af henvisningerne: 36 henvisninger, 4 fejl." in page
    assert page.count("fejl i henvisning</a>") == 4
    assert 'href="/lov/bek-1248-2022/sec_30__subsec_4/#reference-defects"' in page


def test_defects_page_of_a_source_without_text_or_unknown_is_404(client) -> None:
    assert client.get("/lov/bek-679-2018/henvisninger/").status_code == 404
    assert client.get("/lov/bek-1-1999/henvisninger/").status_code == 404


def test_defects_page_in_english(client) -> None:
    client.cookies["django_language"] = "en"
    page = client.get("/lov/bek-1248-2022/sec_30__subsec_4/").content.decode()
    assert "Points at the wrong provision" in page
    assert "Likely intended" in page


def test_api_defects_of_a_source_with_figures(client) -> None:
    data = client.get("/api/v1/law/sources/bek-1248-2022/defects").json()
    assert data["figures"]["total"] == 36
    assert data["figures"]["resolving"] == 25
    assert data["figures"]["defects"] == 4
    by_unit = {d["unit"]: d for d in data["defects"]}
    sec_30 = by_unit["bek-1248-2022/sec_30__subsec_4"]
    assert sec_30["status"] == "wrong_unit"
    assert sec_30["targets"] == ["bek-1248-2022/sec_10__subsec_4"]
    assert sec_30["intended"] == "bek-1248-2022/sec_10__subsec_1__point_4"
    assert by_unit["bek-1248-2022/sec_19__subsec_3"]["missing"] == ["§ 34"]


def test_api_every_reference_with_status(client) -> None:
    refs = client.get("/api/v1/law/sources/vej-9008-2024/references").json()
    assert len(refs) == 49
    to_22 = [r for r in refs if r["targets"] == ["bek-1248-2022/sec_22"]]
    assert len(to_22) == 4
    assert all(r["status"] == "resolves" for r in to_22)


def test_api_provision_carries_its_defects(client) -> None:
    data = client.get("/api/v1/law/provision", {"citation": "§ 29"}).json()
    assert [d["written"] for d in data["reference_defects"]] == ["jf. 19, stk. 1"]
    assert client.get("/api/v1/law/provision", {"citation": "§ 4"}).json()["reference_defects"] == []


def test_api_defects_of_a_source_without_text_is_404(client) -> None:
    response = client.get("/api/v1/law/sources/vej-9504-2018/defects")
    assert response.status_code == 404
    assert "uden tekst" in response.json()["detail"]


def test_openapi_document_describes_the_defect_routes(client) -> None:
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    assert "/api/v1/law/sources/{source_id}/defects" in paths
    assert "/api/v1/law/sources/{source_id}/references" in paths
