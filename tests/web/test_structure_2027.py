"""The 2027 structure beside the old (ADR 0029): regions by date, Region Østdanmark, read-only ended regions, the
transition page and command, and the API. Dates are pinned on both sides of 1 January 2027 (settings.TODAY)."""

from __future__ import annotations

import datetime as dt
import io
import re

import pytest
from django.core.management import call_command

from sundhedsaftale.accounts.models import AuditEntry
from sundhedsaftale.accounts.permissions import can_edit_region, can_run_body, can_view_contacts
from sundhedsaftale.governance.models import Body, Membership
from sundhedsaftale.registry.models import HealthCouncil, Region
from sundhedsaftale.transition.models import CarriedOver, TransitionRun

from .conftest import decision_payload

AFTER = dt.date(2027, 1, 2)


def _regions(html: str) -> list[str]:
    return re.findall(r'<tr data-region="([^"]+)"', html)


# --- Reference data in the registry --------------------------------------------------------------------------


def test_sync_writes_oestdanmark_as_successor_of_both_regions_and_the_17_councils(registry) -> None:
    assert Region.objects.get(code="1085").successor_id == "OEST"
    assert Region.objects.get(code="1084").successor_id == "OEST"
    assert Region.objects.get(code="OEST").provisional_code
    assert HealthCouncil.objects.count() == 17
    assert HealthCouncil.objects.get(id="syddanmark-lillebaelt").disputed_codes == ["530"]


# --- National view by date -------------------------------------------------------------------------------------


def test_the_overview_shows_five_regions_on_31_december_2026_and_four_from_1_january_2027(
    login, sjaelland
) -> None:
    client = login("sjaelland")
    before = client.get("/oversigt/?at=2026-12-31").content.decode()
    after = client.get("/oversigt/?at=2027-01-01").content.decode()
    assert sorted(_regions(before)) == ["1081", "1082", "1083", "1084", "1085"]
    assert sorted(_regions(after)) == ["1081", "1082", "1083", "OEST"]
    assert "Reglerne for den nye struktur er ikke registreret" in after


def test_the_oestdanmark_page_lists_its_46_municipalities_six_councils_and_provisional_key(
    login, registry
) -> None:
    html = login("medlem").get("/regioner/OEST/").content.decode()
    assert "46 kommuner" in html
    assert len(re.findall(r"data-council=", html)) == 6
    assert 'id="provisional-code"' in html
    assert "Region Sjælland" in html
    assert "overgangsloven § 126" in html


def test_the_api_lists_regions_by_date_with_validity_and_the_councils(login, registry, client) -> None:
    api = login("medlem")
    codes = [r["code"] for r in api.get("/api/v1/regions?at=2027-01-01").json()]
    assert codes == ["1081", "1082", "1083", "OEST"]
    sjaelland = next(r for r in api.get("/api/v1/regions").json() if r["code"] == "1085")
    assert (sjaelland["valid_to"], sjaelland["successor_code"]) == ("2026-12-31", "OEST")
    councils = api.get("/api/v1/sundhedsraad").json()
    assert len(councils) == 17
    assert {c["marker"] for c in councils} == {"[S]"}
    assert client.get("/api/v1/sundhedsraad").status_code == 401


# --- Read-only ended regions -----------------------------------------------------------------------------------


def test_sjaelland_is_editable_on_31_december_2026(settings, login, sjaelland) -> None:
    settings.TODAY = "2026-12-31"
    response = login("sjaelland").post(
        "/api/v1/regions/1085/decisions", decision_payload(), content_type="application/json"
    )
    assert response.status_code == 201


def test_an_ended_region_refuses_every_edit_from_1_january_2027_even_for_administrators(
    settings, login, users, sjaelland
) -> None:
    settings.TODAY = AFTER
    api = login("sjaelland").post(
        "/api/v1/regions/1085/decisions", decision_payload(), content_type="application/json"
    )
    assert api.status_code == 403
    page = login("sjaelland").post("/regioner/1085/beslutninger/ny/", decision_payload())
    assert page.status_code == 403
    body = Body.objects.get(key="holbaek-political")
    assert login("admin").post(f"/organer/{body.key}/medlemmer/ny/", {}).status_code == 403
    assert not can_edit_region(users["admin"], "1085")
    assert not can_run_body(users["klynge"], "1085", "sjaelland-holbaek")
    assert can_edit_region(users["admin"], "1083")  # a region that continues


def test_an_ended_region_stays_viewable_with_a_banner_naming_its_successor(
    settings, login, sjaelland, users
) -> None:
    settings.TODAY = AFTER
    html = login("sjaelland").get("/regioner/1085/").content.decode()
    assert "Region Sjælland er nedlagt pr. 1. januar 2027 — data er skrivebeskyttet" in html
    assert 'href="/regioner/OEST/"' in html
    assert "Registrér beslutning" not in html
    body_page = login("sjaelland").get("/organer/holbaek-political/")
    assert body_page.status_code == 200
    assert "skrivebeskyttet" in body_page.content.decode()
    assert can_view_contacts(
        users["sjaelland"], "1085", "sjaelland-holbaek"
    )  # its secretariat still reads them


def test_no_banner_before_the_end(login, sjaelland) -> None:
    assert "skrivebeskyttet" not in login("sjaelland").get("/regioner/1085/").content.decode()


# --- The transition page ---------------------------------------------------------------------------------------


def _digest(html: str) -> str:
    match = re.search(r'name="digest" value="([0-9a-f]+)"', html)
    assert match, "planen har intet fingeraftryk"
    return match.group(1)


def _state() -> tuple[list[tuple[str, int]], list[tuple[str, int]]]:
    bodies = sorted(Body.objects.values_list("key", "version"))
    members = sorted(Membership.objects.values_list("key", "version"))
    return bodies, members


def test_the_plan_shows_holbaek_going_to_midt_og_vestsjaelland_and_writes_nothing(login, sjaelland) -> None:
    before = _state()
    response = login("sjaelland").get("/regioner/1085/overgang/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Sundhedsråd Midt- og Vestsjælland" in html
    assert "Region Østdanmark" in html
    assert TransitionRun.objects.count() == 0
    assert _state() == before


def test_applying_without_confirmation_is_refused_and_writes_nothing(login, sjaelland) -> None:
    client = login("sjaelland")
    digest = _digest(client.get("/regioner/1085/overgang/").content.decode())
    before, audit = _state(), AuditEntry.objects.count()
    response = client.post("/regioner/1085/overgang/", {"digest": digest, "dato": "2027-01-01"})
    assert response.status_code == 409
    assert "Intet er skrevet" in response.content.decode()
    assert (TransitionRun.objects.count(), CarriedOver.objects.count()) == (0, 0)
    assert (_state(), AuditEntry.objects.count()) == (before, audit)


def test_a_confirmed_transition_writes_successor_records_audited_and_leaves_history_alone(
    login, sjaelland
) -> None:
    client = login("sjaelland")
    digest = _digest(client.get("/regioner/1085/overgang/").content.decode())
    before = _state()
    response = client.post(
        "/regioner/1085/overgang/", {"digest": digest, "dato": "2027-01-01", "confirm": "yes"}
    )
    assert response.status_code == 302
    run = TransitionRun.objects.get(region_id="1085")
    assert run.successor_id == "OEST"
    people = CarriedOver.objects.filter(run=run, section="people", needs_decision=False)
    assert people.exists()
    assert set(people.values_list("council_id", flat=True)) == {"oestdanmark-midt-vestsjaelland"}
    assert _state() == before  # the 2022 bodies and memberships are untouched
    entry = AuditEntry.objects.filter(action="transition_apply").get()
    assert (entry.region_code, entry.after["digest"]) == ("1085", digest)
    again = client.post(
        "/regioner/1085/overgang/", {"digest": digest, "dato": "2027-01-01", "confirm": "yes"}
    )
    assert again.status_code == 409
    assert TransitionRun.objects.count() == 1


def test_a_plan_made_stale_by_an_edit_is_refused(login, sjaelland) -> None:
    client = login("sjaelland")
    digest = _digest(client.get("/regioner/1085/overgang/").content.decode())
    membership = Membership.objects.filter(body__key="holbaek-political").order_by("key").first()
    assert membership is not None
    Membership.objects.filter(pk=membership.pk).update(version=membership.version + 1)
    response = client.post(
        "/regioner/1085/overgang/", {"digest": digest, "dato": "2027-01-01", "confirm": "yes"}
    )
    assert response.status_code == 409
    assert "ændret, siden planen blev vist" in response.content.decode()
    assert TransitionRun.objects.count() == 0


@pytest.mark.parametrize("username", ["hovedstaden", "klynge", "medlem", "sst"])
def test_only_the_regions_secretariat_and_administrators_see_or_apply_the_plan(
    login, sjaelland, username
) -> None:
    client = login(username)
    assert client.get("/regioner/1085/overgang/").status_code == 403
    assert client.post("/regioner/1085/overgang/", {"confirm": "yes"}).status_code == 403
    assert TransitionRun.objects.count() == 0


def test_the_secretariat_can_still_carry_over_after_the_region_has_ended(settings, login, sjaelland) -> None:
    settings.TODAY = AFTER
    client = login("sjaelland")
    digest = _digest(client.get("/regioner/1085/overgang/").content.decode())
    response = client.post(
        "/regioner/1085/overgang/", {"digest": digest, "dato": "2027-01-01", "confirm": "yes"}
    )
    assert response.status_code == 302
    assert TransitionRun.objects.filter(region_id="1085").exists()


# --- The management command --------------------------------------------------------------------------------------


def test_the_command_prints_the_plan_and_writes_nothing_without_confirm(sjaelland) -> None:
    out = io.StringIO()
    before = _state()
    call_command("transition", "1085", stdout=out)
    text = out.getvalue()
    assert "Sundhedsråd Midt- og Vestsjælland" in text
    assert "Intet er skrevet" in text
    assert TransitionRun.objects.count() == 0
    assert _state() == before


def test_the_command_writes_with_confirm(sjaelland) -> None:
    call_command("transition", "1085", "--confirm", stdout=io.StringIO())
    run = TransitionRun.objects.get(region_id="1085")
    assert run.applied_by_name == "system"
    assert run.items.exists()


@pytest.mark.parametrize(
    "url", ["/regioner/OEST/frister/", "/regioner/OEST/sagsfil.json", "/api/v1/regions/OEST/findings"]
)
def test_oestdanmark_has_no_case_under_the_2022_order_so_its_case_routes_are_not_found(
    login, registry, url
) -> None:
    assert login("admin").get(url).status_code == 404


def test_without_a_date_the_overview_follows_the_platforms_today(settings, login, sjaelland) -> None:
    settings.TODAY = "2026-12-31"
    assert len(_regions(login("sjaelland").get("/oversigt/").content.decode())) == 5
    settings.TODAY = "2027-01-01"
    assert sorted(_regions(login("sjaelland").get("/oversigt/").content.decode())) == [
        "1081",
        "1082",
        "1083",
        "OEST",
    ]


def test_no_local_decision_is_recorded_for_a_region_without_a_case_under_the_2022_order(
    login, registry
) -> None:
    """A local decision sets aside a default of bek. nr. 1248/2022 ("hvor ikke andet aftales"); Region Østdanmark
    has no case under that order, so there is no default to set aside — refused with the reason, nothing saved."""
    from sundhedsaftale.governance.models import LocalDecision

    response = login("admin").post(
        "/api/v1/regions/OEST/decisions", decision_payload(subject_id=""), content_type="application/json"
    )
    assert response.status_code == 422
    assert "ingen sag efter bek. nr. 1248/2022" in response.json()["detail"]
    assert not LocalDecision.objects.filter(region_id="OEST").exists()
