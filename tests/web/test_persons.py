"""A person is kept by one region's secretariat: only that region's bodies give the person a seat, and that
secretariat keeps the right to edit the person – through the pages and the API alike. Contact data (e-mail)
reaches only those who run the body."""

from __future__ import annotations

import pytest

from sundhedsaftale.accounts.permissions import can_edit_person
from sundhedsaftale.governance.models import Membership, Person

from .test_bodies import _gp, _json, demo, form, seat  # noqa: F401  (demo: the fixture)

pytestmark = pytest.mark.django_db

HOLBAEK = "sjaelland-holbaek-political"


@pytest.fixture
def stranger(demo) -> Person:  # noqa: F811
    """A person Region Hovedstaden keeps, with a seat on one of its bodies."""
    return Person.objects.create(key="hovedstaden-p1", name="Hanne Hovedstad", region_id="1084")


def test_a_cluster_secretariat_cannot_seat_another_regions_person_through_the_api(login, stranger) -> None:
    response = _json(
        login("klynge"),
        "post",
        f"/api/v1/bodies/{HOLBAEK}/memberships",
        seat(person=None, person_key=stranger.key),
    )
    assert response.status_code == 422
    assert "hovedstaden-p1" in response.json()["detail"]
    assert "i regionen (1085)" in response.json()["detail"]
    assert not Membership.objects.filter(person=stranger).exists()


def test_the_page_refuses_the_same_person(login, stranger) -> None:
    page = login("klynge").post(f"/organer/{HOLBAEK}/medlemmer/ny/", form(person=stranger.key, new_name=None))
    assert page.status_code == 200  # the form again, with the refusal on it
    assert not Membership.objects.filter(person=stranger).exists()
    assert stranger.key not in login("klynge").get(f"/organer/{HOLBAEK}/medlemmer/ny/").content.decode()


def test_the_owning_region_keeps_editing_its_person_wherever_the_person_was_seated(login, stranger) -> None:
    # Seated in Region Sjælland before the rule (as the migration may find it): still Hovedstaden's to edit.
    level = _gp(HOLBAEK).body
    Membership.objects.create(
        key="old-seat",
        body=level,
        person=stranger,
        role="other",
        appointed_by="regional_council",
        start="2022-01-01",
    )
    owner = login("hovedstaden")
    assert owner.get(f"/personer/{stranger.pk}/rediger/").status_code == 200
    saved = _json(owner, "put", f"/api/v1/persons/{stranger.pk}", {"name": "Hanne H.", "version": 1})
    assert saved.status_code == 200, saved.content
    assert Person.objects.get(pk=stranger.pk).name == "Hanne H."
    for username in ("sjaelland", "klynge"):
        client = login(username)
        assert client.get(f"/personer/{stranger.pk}/rediger/").status_code == 403
        assert (
            _json(client, "put", f"/api/v1/persons/{stranger.pk}", {"name": "X", "version": 2}).status_code
            == 403
        )


def test_a_new_person_belongs_to_the_region_of_the_body(login, demo) -> None:  # noqa: F811
    created = _json(login("klynge"), "post", f"/api/v1/bodies/{HOLBAEK}/memberships", seat())
    assert created.status_code == 201
    assert Person.objects.get(key=created.json()["person"]["key"]).region_id == "1085"


@pytest.mark.parametrize(
    ("username", "region", "clusters", "allowed"),
    [
        ("admin", None, [], True),
        ("sjaelland", None, [], False),
        ("sjaelland", "1085", ["sjaelland-holbaek", None], True),
        ("hovedstaden", "1085", ["sjaelland-holbaek"], False),
        ("klynge", "1085", ["sjaelland-holbaek"], True),
        ("klynge", "1085", ["sjaelland-holbaek", None], False),
        ("klynge", "1085", [], False),
        ("klynge", "1084", ["sjaelland-holbaek"], False),
        ("sst", "1085", ["sjaelland-holbaek"], False),
        ("medlem", "1085", ["sjaelland-holbaek"], False),
    ],
)
def test_who_may_edit_a_person(users, username, region, clusters, allowed) -> None:
    assert can_edit_person(users[username], region, clusters) is allowed


def test_contact_data_only_to_those_who_run_the_body(login, demo) -> None:  # noqa: F811
    gp = _gp(HOLBAEK).person
    gp.email = "laege@example.dk"
    gp.save()
    seen = {}
    for username in ("admin", "sjaelland", "klynge", "hovedstaden", "sst", "medlem"):
        body = login(username).get(f"/api/v1/bodies/{HOLBAEK}?at=2026-11-23")
        assert body.status_code == 200
        members = body.json()["members"]
        seen[username] = {m["person"]["email"] for m in members} - {None}
        assert ("laege@example.dk" in body.content.decode()) is (username in ("admin", "sjaelland", "klynge"))
    assert seen["sjaelland"] >= {"laege@example.dk"}
    assert seen["medlem"] == set()
    committee = login("klynge").get("/api/v1/bodies/1085-committee?at=2026-11-23").json()
    assert all(m["person"]["email"] is None for m in committee["members"])  # not the cluster's body
    # The person's own page (the form with the e-mail) follows the same rule.
    assert login("medlem").get(f"/personer/{gp.pk}/rediger/").status_code == 403
