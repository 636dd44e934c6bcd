"""A region's staff edit only their region — through the pages and through the API alike."""

from __future__ import annotations

import json

import pytest

from sundhedsaftale.governance.models import LocalDecision

from .conftest import decision_payload

pytestmark = pytest.mark.django_db

API = "/api/v1/regions/{code}/decisions"


def form_data(**overrides) -> dict:
    data = decision_payload(**overrides)
    data["value"] = str(data["value"])
    return data


def test_region_secretariat_records_a_decision_in_its_own_region(login, sjaelland) -> None:
    page = login("sjaelland").post("/regioner/1085/beslutninger/ny/", form_data())
    assert page.status_code == 302
    api = login("sjaelland").post(
        API.format(code="1085"), json.dumps(decision_payload()), content_type="application/json"
    )
    assert api.status_code == 201, api.content
    assert LocalDecision.objects.filter(region_id="1085").count() == 2


def test_another_regions_secretariat_cannot_edit_through_the_page(login, sjaelland) -> None:
    client = login("hovedstaden")
    assert client.get("/regioner/1085/beslutninger/ny/").status_code == 403
    assert client.post("/regioner/1085/beslutninger/ny/", form_data()).status_code == 403
    assert not LocalDecision.objects.exists()


def test_another_regions_secretariat_cannot_edit_through_the_api(login, sjaelland) -> None:
    response = login("hovedstaden").post(
        API.format(code="1085"), json.dumps(decision_payload()), content_type="application/json"
    )
    assert response.status_code == 403
    assert "region 1085" in response.json()["detail"]
    assert not LocalDecision.objects.exists()


def test_another_regions_secretariat_cannot_change_an_existing_decision(login, sjaelland) -> None:
    created = (
        login("sjaelland")
        .post(API.format(code="1085"), json.dumps(decision_payload()), content_type="application/json")
        .json()
    )
    url = f"{API.format(code='1085')}/{created['key']}"
    change = json.dumps({**decision_payload(value=0), "version": created["version"]})
    assert login("hovedstaden").put(url, change, content_type="application/json").status_code == 403
    page = login("hovedstaden").post(
        f"/regioner/1085/beslutninger/{created['key']}/rediger/", {**form_data(value="0"), "version": 1}
    )
    assert page.status_code == 403
    assert LocalDecision.objects.get(key=created["key"]).value == 1


@pytest.mark.parametrize("username", ["klynge", "sst", "medlem"])
def test_roles_without_region_edit_rights_are_refused(login, sjaelland, username) -> None:
    response = login(username).post(
        API.format(code="1085"), json.dumps(decision_payload()), content_type="application/json"
    )
    assert response.status_code == 403


def test_administrator_may_edit_any_region(login, sjaelland) -> None:
    response = login("admin").post(
        API.format(code="1085"), json.dumps(decision_payload()), content_type="application/json"
    )
    assert response.status_code == 201


def test_the_public_sees_law_and_rules_but_not_region_data(client, sjaelland) -> None:
    assert client.get("/lov/").status_code == 200
    assert client.get("/regler/").status_code == 200
    assert client.get("/api/v1/law/rules").status_code == 200
    assert client.get("/regioner/1085/").status_code == 302  # to the login page
    assert client.get("/api/v1/regions/1085/findings").status_code == 401
    assert (
        client.post(
            API.format(code="1085"), json.dumps(decision_payload()), content_type="application/json"
        ).status_code
        == 401
    )


def test_region_page_offers_editing_only_to_those_who_may(login, sjaelland) -> None:
    own = login("sjaelland").get("/regioner/1085/")
    other = login("hovedstaden").get("/regioner/1085/")
    assert b"/regioner/1085/beslutninger/ny/" in own.content
    assert b"/regioner/1085/beslutninger/ny/" not in other.content
