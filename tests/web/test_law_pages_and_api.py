"""A provision shown by its citation, in a page and through the API; rules by date; the OpenAPI document."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


def test_page_shows_a_provision_by_its_citation(client) -> None:
    response = client.get("/lov/bek-1248-2022/sec_10__subsec_1__point_4/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "§ 10, stk. 1, nr. 4" in page
    assert "2 repræsentanter for patienter og pårørende, jf. § 30, stk. 4." in page
    assert "klynge.faglig.patienter" in page  # the rule that rests on it


def test_lookup_by_written_citation_redirects_to_the_provision(client) -> None:
    response = client.get("/lov/opslag/", {"henvisning": "vejledningens afsnit 3.2"})
    assert response.status_code == 302
    assert response["Location"] == "/lov/vej-9008-2024/sec_3.2/"


def test_lookup_of_a_provision_that_does_not_exist_explains_why(client) -> None:
    response = client.get("/lov/opslag/", {"henvisning": "§ 99"})
    assert response.status_code == 400
    assert "findes ikke i bek. nr. 1248 af 5. september 2022" in response.content.decode()


def test_unknown_unit_page_is_404(client) -> None:
    assert client.get("/lov/bek-1248-2022/sec_99/").status_code == 404


def test_api_gives_a_provision_by_citation_with_text_and_validity(client) -> None:
    data = client.get("/api/v1/law/provision", {"citation": "§ 21, stk. 1"}).json()
    assert data["key"] == "bek-1248-2022/sec_21__subsec_1"
    assert "senest den 1. juli" in data["text"]
    assert data["valid_from"] == "2022-09-08"
    assert "aftale.indsendelsesfrist" in data["rules"]


def test_api_unknown_citation_is_404_with_reason(client) -> None:
    response = client.get("/api/v1/law/provision", {"citation": "§ 3, stk. 7"})
    assert response.status_code == 404
    assert "§ 3 har § 3, stk. 1, § 3, stk. 2" in response.json()["detail"]


def test_api_sources_carry_validity_and_predecessors(client) -> None:
    sources = {s["id"]: s for s in client.get("/api/v1/law/sources").json()}
    assert sources["vej-9008-2024"]["in_force_from"] == "2024-01-12"
    assert sources["vej-9504-2018"]["in_force_until"] == "2024-01-11"
    assert sources["bek-1248-2022"]["also_governs"][0]["citation"] == "§ 31, stk. 3"


def test_rules_differ_between_dates_in_page_and_api(client) -> None:
    before = {r["id"] for r in client.get("/api/v1/law/rules", {"at": "2023-01-01"}).json()}
    after = {r["id"] for r in client.get("/api/v1/law/rules", {"at": "2024-02-01"}).json()}
    added = after - before
    # The authority's advice (vurdering.*) rests on the 2024 guidance as a whole; the approval criteria, the same
    # under the 2018 guidance, and the order's own duties apply from 2022.
    assert {r for r in added if not r.startswith("vurdering.")} == {
        "aftale.offentliggoerelse",
        "udvalg.aarligt-moede-piu",
        "udvalg.arbejdsgrupper.patienter",
        "udvalg.borgmester-er-klyngeformand",
    }
    assert "vurdering.klyngemaal" in added
    assert "vurdering.nationale-maal" in before
    page = client.get("/regler/", {"dato": "2023-01-01"}).content.decode()
    assert "udvalg.borgmester-er-klyngeformand" not in page
    assert "udvalg.borgmestre" in page


def test_openapi_document_describes_the_api(client) -> None:
    doc = client.get("/api/v1/openapi.json").json()
    assert doc["openapi"].startswith("3.")
    for path in (
        "/api/v1/law/provision",
        "/api/v1/law/rules",
        "/api/v1/regions/{code}/findings",
        "/api/v1/regions/{code}/decisions",
    ):
        assert path in doc["paths"]
