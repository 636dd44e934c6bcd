"""Bodies, seats and members: who may edit what, concurrent edits, refused input, ended memberships, the audit log."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from sundhedsaftale.accounts.models import AuditEntry
from sundhedsaftale.core.case import BodyKind
from sundhedsaftale.governance.models import Body, Membership, Person

pytestmark = [pytest.mark.django_db, pytest.mark.xdist_group("imported-demo-bodies")]

TODAY = dt.date(2026, 11, 23)


@pytest.fixture
def demo(imported_demo, registry) -> None:
    """The national demo's cases on TODAY, imported once for the module (conftest); the tests work in Region
    Sjælland (the cluster secretariat in conftest is Holbæk's)."""


def _json(client, method: str, url: str, payload: dict):
    return getattr(client, method)(url, json.dumps(payload), content_type="application/json")


def seat(**overrides) -> dict:
    """A PLO general practitioner from 2026 (a new person), as the API takes it."""
    payload = {
        "person": {"name": "Ny Læge", "email": "ny.laege@example.dk", "organisation": "PLO Sjælland"},
        "role": "general_practitioner",
        "appointed_by": "plo",
        "start": "2026-01-01",
    }
    payload.update(overrides)
    return payload


def form(**overrides) -> dict:
    """The same seat as the page's form takes it."""
    data = {
        "new_name": "Ny Læge",
        "new_email": "ny.laege@example.dk",
        "new_organisation": "PLO Sjælland",
        "role": "general_practitioner",
        "appointed_by": "plo",
        "start": "2026-01-01",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def _gp(body_key: str) -> Membership:
    return (
        Membership.objects.filter(body__key=body_key, role="general_practitioner", end__isnull=True)
        .order_by("key")
        .first()
    )


# --- Permissions ------------------------------------------------------------------------------------------


def test_another_regions_secretariat_is_refused_on_the_page_and_the_api(login, demo) -> None:
    before = Membership.objects.count()
    client = login("hovedstaden")
    assert client.get("/organer/1085-committee/medlemmer/ny/").status_code == 403
    assert client.post("/organer/1085-committee/medlemmer/ny/", form()).status_code == 403
    api = _json(client, "post", "/api/v1/bodies/1085-committee/memberships", seat())
    assert api.status_code == 403
    assert "1085" in api.json()["detail"]
    gp = _gp("1085-committee")
    change = {**seat(), "version": gp.version}
    assert _json(client, "put", f"/api/v1/memberships/{gp.pk}", change).status_code == 403
    ended = _json(client, "post", f"/api/v1/memberships/{gp.pk}/end", {"end": "2026-06-30", "version": 1})
    assert ended.status_code == 403
    assert (
        client.post(f"/medlemskaber/{gp.pk}/afslut/", {"end": "2026-06-30", "version": 1}).status_code == 403
    )
    assert client.get(f"/personer/{gp.person.pk}/rediger/").status_code == 403
    assert (
        client.post(
            "/organer/1085-committee/arbejdsgrupper/ny/", {"kind": "working_group", "name": "X"}
        ).status_code
        == 403
    )
    assert Membership.objects.count() == before
    assert Membership.objects.get(pk=gp.pk).end is None
    # They may still read.
    assert client.get("/organer/1085-committee/").status_code == 200
    assert client.get("/api/v1/bodies/1085-committee").status_code == 200


def test_cluster_secretariat_edits_its_own_clusters_levels_only(login, demo) -> None:
    client = login("klynge")  # Holbæk's cluster secretariat
    # A third general practitioner breaks § 10, stk. 1, nr. 3; confirmed after the warning, it is saved.
    own = client.post("/organer/sjaelland-holbaek-professional/medlemmer/ny/", form(gem_alligevel="1"))
    assert own.status_code == 302, own.content.decode()
    api = _json(
        client,
        "post",
        "/api/v1/bodies/sjaelland-holbaek-political/memberships",
        seat(person={"name": "Anden Læge"}),
    )
    assert api.status_code == 201, api.content

    for body in ("sjaelland-koege-political", "1085-committee", "1085-patient-committee"):
        assert client.get(f"/organer/{body}/medlemmer/ny/").status_code == 403, body
        assert client.post(f"/organer/{body}/medlemmer/ny/", form()).status_code == 403, body
        response = _json(client, "post", f"/api/v1/bodies/{body}/memberships", seat())
        assert response.status_code == 403, body
        assert client.post(f"/organer/{body}/rediger/", {"name": "Omdøbt", "version": 1}).status_code == 403
    assert Body.objects.get(key="1085-committee").name == "Sundhedssamarbejdsudvalget i Region Sjælland"

    koege_gp = _gp("sjaelland-koege-professional")
    change = {**seat(), "end": "2026-12-31", "version": koege_gp.version}
    assert _json(client, "put", f"/api/v1/memberships/{koege_gp.pk}", change).status_code == 403

    # A working group under its own level: created, then it edits the group's members too.
    created = client.post(
        "/organer/sjaelland-holbaek-political/arbejdsgrupper/ny/",
        {"kind": "working_group", "name": "Arbejdsgruppe om genoptræning", "patient_committee_invited": "on"},
    )
    assert created.status_code == 302
    group = Body.objects.get(name="Arbejdsgruppe om genoptræning")
    assert (group.kind, group.parent.key, group.patient_committee_invited) == (
        "working_group",
        "sjaelland-holbaek-political",
        True,
    )
    assert created["Location"] == f"/organer/{group.key}/"
    member = _json(
        client,
        "post",
        f"/api/v1/bodies/{group.key}/memberships",
        seat(person={"name": "Gruppemedlem"}, role="other", appointed_by="regional_council"),
    )
    assert member.status_code == 201, member.content
    # ... but not under the committee.
    refused = _json(
        client, "post", "/api/v1/bodies/1085-committee/groups", {"kind": "subcommittee", "name": "U"}
    )
    assert refused.status_code == 403
    assert Membership.objects.filter(person__name="Ny Læge").count() == 1
    assert (
        Membership.objects.filter(body__key="sjaelland-koege-professional", person__name="Ny Læge").count()
        == 0
    )


def test_region_secretariat_sets_up_a_subcommittee_under_the_committee(login, demo) -> None:
    client = login("sjaelland")
    response = _json(
        client,
        "post",
        "/api/v1/bodies/1085-committee/groups",
        {"kind": "subcommittee", "name": "Underudvalg om data"},
    )
    assert response.status_code == 201, response.content
    assert response.json()["parent_key"] == "1085-committee"
    # Only sub-committees and working groups, and only under a cluster level or the committee.
    kind = _json(client, "post", "/api/v1/bodies/1085-committee/groups", {"kind": "committee", "name": "X"})
    assert kind.status_code == 422
    assert kind.json()["detail"].startswith("Type:")
    parent = _json(
        client, "post", "/api/v1/bodies/1085-patient-committee/groups", {"kind": "working_group", "name": "X"}
    )
    assert parent.status_code == 422
    assert "§ 10, stk. 4" in parent.json()["detail"]
    assert Body.objects.filter(kind__in=[BodyKind.SUBCOMMITTEE, BodyKind.WORKING_GROUP]).count() == 1


# --- Optimistic locking -----------------------------------------------------------------------------------


def test_two_concurrent_membership_edits_keep_the_first_save(login, demo) -> None:
    client = login("sjaelland")
    gp = _gp("1085-committee")
    url = f"/api/v1/memberships/{gp.pk}"
    base = {
        "role": gp.role,
        "appointed_by": gp.appointed_by,
        "start": gp.start.isoformat(),
        "version": gp.version,
    }
    first = _json(client, "put", url, {**base, "end": "2027-06-30"})
    second = _json(client, "put", url, {**base, "end": "2028-06-30"})
    assert first.status_code == 200, first.content
    assert first.json()["version"] == gp.version + 1
    assert second.status_code == 409
    assert "Intet er overskrevet" in second.json()["detail"]
    assert Membership.objects.get(pk=gp.pk).end == dt.date(2027, 6, 30)
    # The same on the page: the stale form is shown again with the conflict, and the first save stays.
    page = f"/medlemskaber/{gp.pk}/rediger/"
    stale = client.post(page, {**base, "end": "2029-06-30"})
    assert stale.status_code == 200
    assert "ændret af en anden" in stale.content.decode()
    assert Membership.objects.get(pk=gp.pk).end == dt.date(2027, 6, 30)
    ending = client.post(f"/medlemskaber/{gp.pk}/afslut/", {"end": "2026-12-31", "version": gp.version})
    assert ending.status_code == 200
    assert Membership.objects.get(pk=gp.pk).end == dt.date(2027, 6, 30)


def test_concurrent_person_and_body_edits_conflict_too(login, demo) -> None:
    client = login("sjaelland")
    person = _gp("1085-committee").person
    assert (
        _json(
            client, "put", f"/api/v1/persons/{person.pk}", {"name": "Rettet Navn", "version": 1}
        ).status_code
        == 200
    )
    stale = _json(client, "put", f"/api/v1/persons/{person.pk}", {"name": "Andet Navn", "version": 1})
    assert stale.status_code == 409
    assert Person.objects.get(pk=person.pk).name == "Rettet Navn"
    assert (
        _json(client, "put", "/api/v1/bodies/1085-committee", {"name": "SSU", "version": 1}).status_code
        == 200
    )
    assert (
        _json(client, "put", "/api/v1/bodies/1085-committee", {"name": "X", "version": 1}).status_code == 409
    )
    assert Body.objects.get(key="1085-committee").name == "SSU"


# --- Refused input ----------------------------------------------------------------------------------------


INVALID = [
    pytest.param(
        "sjaelland-holbaek-political",
        {"role": "mayor", "appointed_by": "municipal_council"},
        "municipality_code",
        "Kommune mangler: en borgmester",
        id="mayor-without-municipality",
    ),
    pytest.param(
        "sjaelland-holbaek-political",
        {"role": "mayor", "appointed_by": "municipal_council", "municipality_code": "259"},
        "municipality_code",
        "Kommune: Køge Kommune er ikke med i",
        id="municipality-not-in-the-cluster",
    ),
    pytest.param(
        "1085-committee",
        {"role": "mayor", "appointed_by": "municipalities_jointly", "municipality_code": "259"},
        "cluster_id",
        "Sundhedsklynge mangler",
        id="committee-mayor-without-cluster",
    ),
    pytest.param(
        "1085-committee",
        {"start": "2026-06-01", "end": "2026-05-31"},
        "end",
        "Til: slutdatoen 31. maj 2026 ligger før startdatoen 1. juni 2026",
        id="start-after-end",
    ),
    pytest.param(
        "1085-committee",
        {"chair": True, "vice_chair": True},
        "vice_chair",
        "Næstformand: samme medlemskab kan ikke både være formand og næstformand",
        id="chair-and-vice-chair",
    ),
    pytest.param(
        "1085-committee",
        {"role": "assistant"},
        "role",
        "Rolle: 'assistant' er ikke en gyldig værdi",
        id="unknown-role",
    ),
]


@pytest.mark.parametrize(("body", "change", "field", "words"), INVALID)
def test_an_invalid_membership_is_refused_naming_the_field_and_nothing_is_saved(
    login, demo, body, change, field, words
) -> None:
    client = login("sjaelland")
    counts = (Membership.objects.count(), Person.objects.count(), AuditEntry.objects.count())
    response = _json(client, "post", f"/api/v1/bodies/{body}/memberships", seat(**change))
    assert response.status_code == 422
    assert words in response.json()["detail"]
    if field != "role":  # the page offers only the known roles
        page = client.post(
            f"/organer/{body}/medlemmer/ny/",
            form(**{k: ("on" if v is True else v) for k, v in change.items()}),
        )
        assert page.status_code == 200
        html = page.content.decode()
        assert f'id="id_{field}-error"' in html, html
        assert words in html
    assert (Membership.objects.count(), Person.objects.count(), AuditEntry.objects.count()) == counts


def test_a_person_already_seated_on_the_body_cannot_get_an_overlapping_seat(login, demo) -> None:
    client = login("sjaelland")
    gp = _gp("1085-committee")
    count = Membership.objects.count()
    response = _json(
        client,
        "post",
        "/api/v1/bodies/1085-committee/memberships",
        seat(person=None, person_key=gp.person.key, start="2026-06-01"),
    )
    assert response.status_code == 422
    detail = response.json()["detail"]
    assert detail.startswith("Person:")
    assert gp.person.name in detail
    assert "overlapper" in detail
    # Nor as their own substitute; but after the seat ends, a new seat is fine.
    substitute = seat(person=None, person_key=gp.person.key, start="2026-06-01", substitute=True)
    assert _json(client, "post", "/api/v1/bodies/1085-committee/memberships", substitute).status_code == 422
    assert Membership.objects.count() == count
    ended = _json(
        client, "post", f"/api/v1/memberships/{gp.pk}/end", {"end": "2026-05-31", "version": gp.version}
    )
    assert ended.status_code == 200
    later = seat(person=None, person_key=gp.person.key, start="2026-06-01")
    assert _json(client, "post", "/api/v1/bodies/1085-committee/memberships", later).status_code == 201
    # An expert brought in (§ 10, stk. 3) holds no seat and may sit beside their own seat.
    expert = seat(
        person=None,
        person_key=gp.person.key,
        start="2026-06-01",
        role="expert",
        appointed_by="regional_council",
    )
    assert _json(client, "post", "/api/v1/bodies/1085-committee/memberships", expert).status_code == 201


def test_an_invalid_edit_is_refused_and_the_membership_is_unchanged(login, demo) -> None:
    client = login("sjaelland")
    gp = _gp("1085-committee")
    change = {
        "role": gp.role,
        "appointed_by": gp.appointed_by,
        "start": "2026-01-01",
        "end": "2025-12-31",
        "version": gp.version,
    }
    response = _json(client, "put", f"/api/v1/memberships/{gp.pk}", change)
    assert response.status_code == 422
    assert response.json()["detail"].startswith("Til:")
    after = Membership.objects.get(pk=gp.pk)
    assert (after.end, after.version) == (None, gp.version)
    too_early = _json(
        client, "post", f"/api/v1/memberships/{gp.pk}/end", {"end": "2025-12-31", "version": gp.version}
    )
    assert too_early.status_code == 422
    assert Membership.objects.get(pk=gp.pk).end is None


# --- Ending a membership ----------------------------------------------------------------------------------


def _status(client, body: str, rule: str, at: str) -> str:
    data = client.get(f"/api/v1/bodies/{body}/findings?at={at}").json()
    (finding,) = [f for f in data["findings"] if f["rule_id"] == rule]
    return finding["status"]


def test_ending_a_membership_keeps_the_row_and_changes_the_finding_only_from_then(login, demo) -> None:
    client = login("sjaelland")
    body, rule = "sjaelland-holbaek-professional", "klynge.faglig.almen-praksis"
    gp = _gp(body)
    assert _status(client, body, rule, "2026-11-23") == "met"
    # Ending the seat breaks § 10, stk. 1, nr. 3: the page warns first, and the change is made once confirmed.
    end = {"end": "2026-06-30", "version": gp.version}
    assert f'data-rule="{rule}"' in client.post(f"/medlemskaber/{gp.pk}/afslut/", end).content.decode()
    assert Membership.objects.get(pk=gp.pk).end is None
    page = client.post(f"/medlemskaber/{gp.pk}/afslut/", {**end, "gem_alligevel": "1"})
    assert page.status_code == 302
    ended = Membership.objects.get(pk=gp.pk)
    assert (ended.end, ended.version) == (dt.date(2026, 6, 30), gp.version + 1)
    assert _status(client, body, rule, "2026-06-30") == "met"  # the last day is still a day in office
    assert _status(client, body, rule, "2026-03-01") == "met"
    assert _status(client, body, rule, "2026-07-01") == "not_met"
    assert _status(client, body, rule, "2026-11-23") == "not_met"
    later = client.get(f"/organer/{body}/?dato=2026-11-23").content.decode()
    assert f'data-membership="{gp.pk}"' in later.split('id="other-memberships"', 1)[1]
    earlier = client.get(f"/organer/{body}/?dato=2026-03-01").content.decode()
    assert f'data-membership="{gp.pk}"' in earlier.split('id="substitutes"', 1)[0]


# --- Audit ------------------------------------------------------------------------------------------------


def test_every_change_is_audited_with_before_and_after(login, demo, users) -> None:
    client = login("sjaelland")
    created = _json(client, "post", "/api/v1/bodies/1085-committee/memberships", seat()).json()
    pk = created["id"]
    changed = {**seat(), "end": "2026-12-31", "version": 1}
    changed.pop("person")
    assert _json(client, "put", f"/api/v1/memberships/{pk}", changed).status_code == 200
    assert (
        _json(
            client, "post", f"/api/v1/memberships/{pk}/end", {"end": "2026-09-30", "version": 2}
        ).status_code
        == 200
    )
    person = created["person"]
    assert (
        _json(
            client,
            "put",
            f"/api/v1/persons/{person['id']}",
            {"name": "Ny Læge", "email": "ny@example.dk", "version": 1},
        ).status_code
        == 200
    )
    group = _json(
        client, "post", "/api/v1/bodies/1085-committee/groups", {"kind": "working_group", "name": "AG"}
    ).json()

    entries = {e.action: e for e in AuditEntry.objects.filter(actor=users["sjaelland"])}
    assert set(entries) == {
        "person_create",
        "membership_add",
        "membership_update",
        "membership_end",
        "person_update",
        "body_create",
    }
    add, update, end = entries["membership_add"], entries["membership_update"], entries["membership_end"]
    assert (add.object_type, add.object_id, add.region_code, add.before) == (
        "membership",
        str(pk),
        "1085",
        None,
    )
    assert add.after["person_name"] == "Ny Læge"
    assert add.after["body"] == "1085-committee"
    assert (update.before["end"], update.after["end"]) == (None, "2026-12-31")
    assert (end.before["end"], end.after["end"]) == ("2026-12-31", "2026-09-30")
    assert (entries["person_update"].before["email"], entries["person_update"].after["email"]) == (
        "ny.laege@example.dk",
        "ny@example.dk",
    )
    assert entries["body_create"].after["parent"] == "1085-committee"
    assert entries["body_create"].after["key"] == group["key"]
    assert all(e.actor_name == "Sjaelland" for e in entries.values())


def test_a_person_is_edited_only_by_whoever_may_edit_every_body_they_sit_on(login, demo) -> None:
    chair = Membership.objects.get(
        body__key="sjaelland-holbaek-political", role="regional_council_chair", end=None
    )
    gp = _gp("sjaelland-holbaek-political")  # sits on this level only
    cluster = login("klynge")
    page = cluster.get("/organer/sjaelland-holbaek-political/?dato=2026-11-23").content.decode()
    assert f"/personer/{gp.person.pk}/rediger/" in page
    assert (
        f"/personer/{chair.person.pk}/rediger/" not in page
    )  # also on the committee and other clusters' levels
    assert cluster.get(f"/personer/{chair.person.pk}/rediger/").status_code == 403
    refused = _json(cluster, "put", f"/api/v1/persons/{chair.person.pk}", {"name": "X", "version": 1})
    assert refused.status_code == 403
    saved = cluster.post(
        f"/personer/{gp.person.pk}/rediger/?organ=sjaelland-holbaek-political",
        {"name": gp.person.name, "email": "laege@example.dk", "organisation": "PLO", "version": 1},
    )
    assert saved.status_code == 302
    assert saved["Location"] == "/organer/sjaelland-holbaek-political/"
    assert Person.objects.get(pk=gp.person.pk).email == "laege@example.dk"
    region = login("sjaelland").get("/organer/sjaelland-holbaek-political/?dato=2026-11-23").content.decode()
    assert f"/personer/{chair.person.pk}/rediger/" in region
    bad = _json(
        login("sjaelland"),
        "put",
        f"/api/v1/persons/{gp.person.pk}",
        {"name": "Y", "email": "ikke-en-adresse", "version": 2},
    )
    assert bad.status_code == 422
    assert bad.json()["detail"].startswith("E-mail:")
