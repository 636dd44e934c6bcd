"""The structured content editor of a health agreement: every save a new version through the action, conflicts
from stale pages, input errors naming the field, references that stop a removal, and who may edit."""

from __future__ import annotations

import datetime as dt
import html

import pytest
from django.urls import reverse

from sundhedsaftale.agreements.actions import agreement_create
from sundhedsaftale.agreements.models import AgreementVersion, HealthAgreement
from sundhedsaftale.core.case import AgreementContent, Coverage, FrameworkElement

pytestmark = pytest.mark.django_db


@pytest.fixture
def key(sjaelland, users) -> str:
    row = agreement_create(
        actor=users["sjaelland"],
        region_code=sjaelland,
        title="Sundhedsaftale 2024–2027",
        election_period_start=2022,
    )
    return row.key


def _version(key: str) -> int:
    return HealthAgreement.objects.get(key=key).version


def _newest(key: str) -> AgreementVersion:
    version = AgreementVersion.objects.filter(agreement__key=key).order_by("-number").first()
    assert version is not None
    return version


def _content(key: str, number: int | None = None) -> AgreementContent:
    version = (
        _newest(key) if number is None else AgreementVersion.objects.get(agreement__key=key, number=number)
    )
    return AgreementContent.model_validate(version.content)


def _count(key: str) -> int:
    return AgreementVersion.objects.filter(agreement__key=key).count()


def _text(response) -> str:
    return html.unescape(response.content.decode())


def _add(key: str, section: str) -> str:
    return reverse("agreements:content_item_add", args=[key, section])


def _edit(key: str, section: str, item_id: str) -> str:
    return reverse("agreements:content_item_edit", args=[key, section, item_id])


def _remove(key: str, section: str, item_id: str) -> str:
    return reverse("agreements:content_item_remove", args=[key, section, item_id])


def _management(prefix: str, total: int, initial: int = 0) -> dict[str, str]:
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


def _goal_payload(
    version: int, *, goal_id: str = "M1", title: str = "Flere forebyggelige indlæggelser undgås", **extra
) -> dict:
    """A goal with two sub-goals (the second without an id) and an empty third row, criteria under each."""
    payload = {
        "version": str(version),
        "id": goal_id,
        "title": title,
        "description": "Færre borgere indlægges med tilstande, der kunne være behandlet tidligere.",
        "national_goals": ["1", "4"],
        "target_group_ids": ["mg1"],
        "note": "",
        **_management("sg", 3),
        "sg-0-id": f"{goal_id}-d1",
        "sg-0-title": "Opsporing i eget hjem",
        "sg-0-description": "",
        "sg-1-id": "",
        "sg-1-title": "Hurtig lægefaglig vurdering",
        "sg-1-description": "Inden for 24 timer",
        "sg-2-id": "",
        "sg-2-title": "",
        "sg-2-description": "",
        **_management("sg0-sk", 2),
        "sg0-sk-0-text": "Færre forebyggelige indlæggelser",
        "sg0-sk-0-indicator": "Forebyggelige indlæggelser pr. 1.000 ældre",
        "sg0-sk-0-target": "Under 40 i 2027",
        "sg0-sk-0-data_source": "eSundhed",
        "sg0-sk-1-text": "Flere opsporede",
        **_management("sg1-sk", 2),
        "sg1-sk-0-text": "Vurdering inden for et døgn",
        **_management("sg2-sk", 1),
    }
    payload.update(extra)
    return payload


def _elements(**coverage: str) -> dict[str, str]:
    data = {}
    for element in FrameworkElement:
        data[f"coverage_{element.value}"] = coverage.get(element.value, Coverage.MISSING.value)
        data[f"note_{element.value}"] = ""
    return data


@pytest.fixture
def with_goal(login, key) -> str:
    """The agreement with target group mg1 and goal M1 (two sub-goals with criteria)."""
    client = login("sjaelland")
    response = client.post(
        _add(key, "maalgrupper"),
        {
            "version": _version(key),
            "name": "Ældre medicinske patienter",
            "description": "Borgere over 65 år med kronisk sygdom",
            "knowledge_basis": "Sundhedsstyrelsens anbefalinger\n\nForskning i opsporing",
            "data_sources": "Risikostratificering",
        },
    )
    assert response.status_code == 302
    assert client.post(_add(key, "maalsaetninger"), _goal_payload(_version(key))).status_code == 302
    return key


def test_overview_shows_every_section_with_links(login, key) -> None:
    response = login("sjaelland").get(reverse("agreements:content_edit", args=[key]))
    assert response.status_code == 200
    text = _text(response)
    for heading in (
        "Grundoplysninger",
        "Overordnede målsætninger",
        "Målgrupper og grundlag",
        "Klyngemål",
        "Samarbejdsaftaler",
        "Forløbsprogrammer",
        "Nye samarbejdsmodeller",
        "Bilag",
    ):
        assert heading in text
    assert _add(key, "maalsaetninger") in text
    assert reverse("agreements:content_basics", args=[key]) in text


def test_target_group_and_goal_with_sub_goals_are_saved_as_versions(login, key) -> None:
    client = login("sjaelland")
    before = _version(key)
    response = client.post(
        _add(key, "maalgrupper"),
        {
            "version": before,
            "name": "Ældre medicinske patienter",
            "description": "",
            "knowledge_basis": "Sundhedsstyrelsens anbefalinger\n\nForskning i opsporing",
            "data_sources": "Risikostratificering",
        },
        follow=True,
    )
    assert response.redirect_chain[-1][0].startswith(reverse("agreements:content_edit", args=[key]))
    assert "Målgruppe 'Ældre medicinske patienter' tilføjet" in _text(response)
    (group,) = _content(key).target_groups
    assert (group.id, group.knowledge_basis) == (
        "mg1",
        ("Sundhedsstyrelsens anbefalinger", "Forskning i opsporing"),
    )
    assert _count(key) == 2

    page = client.get(_add(key, "maalsaetninger"))
    assert 'value="M1"' in page.content.decode()  # the next free id is suggested
    assert "Ældre medicinske patienter" in _text(page)  # target groups to tick
    assert "sg0-sk-TOTAL_FORMS" in page.content.decode()

    response = client.post(_add(key, "maalsaetninger"), _goal_payload(_version(key)))
    assert response.status_code == 302
    (goal,) = _content(key).overarching_goals
    assert goal.national_goals == (1, 4)
    assert goal.target_group_ids == ("mg1",)
    assert [s.id for s in goal.sub_goals] == [
        "M1-d1",
        "M1-d2",
    ]  # the empty id was filled, the empty row dropped
    assert [c.text for c in goal.sub_goals[0].success_criteria] == [
        "Færre forebyggelige indlæggelser",
        "Flere opsporede",
    ]
    assert goal.sub_goals[0].success_criteria[0].data_source == "eSundhed"
    assert len(goal.sub_goals[1].success_criteria) == 1
    newest = _newest(key)
    assert (newest.number, newest.note) == (
        3,
        "Målsætning 'Flere forebyggelige indlæggelser undgås' tilføjet",
    )


def test_editing_a_goal_makes_a_new_version_and_keeps_the_previous(login, with_goal) -> None:
    key = with_goal
    client = login("sjaelland")
    page = client.get(_edit(key, "maalsaetninger", "M1"))
    assert page.status_code == 200
    assert "Opsporing i eget hjem" in _text(page)
    previous = _newest(key).number
    payload = _goal_payload(
        _version(key), title="Færre forebyggelige indlæggelser", **{"sg-1-title": "Vurdering samme dag"}
    )
    assert client.post(_edit(key, "maalsaetninger", "M1"), payload).status_code == 302
    newest = _newest(key)
    assert newest.number == previous + 1
    assert newest.note == "Målsætning 'Færre forebyggelige indlæggelser' ændret"
    assert _content(key).overarching_goals[0].title == "Færre forebyggelige indlæggelser"
    assert _content(key).overarching_goals[0].sub_goals[1].title == "Vurdering samme dag"
    old = _content(key, previous).overarching_goals[0]
    assert (old.title, old.sub_goals[1].title) == (
        "Flere forebyggelige indlæggelser undgås",
        "Hurtig lægefaglig vurdering",
    )


def test_collaboration_agreement_stores_the_element_grid(login, with_goal) -> None:
    key = with_goal
    client = login("sjaelland")
    page = client.get(_add(key, "samarbejdsaftaler"))
    text = _text(page)
    assert FrameworkElement.CAPACITY.label in text
    assert FrameworkElement.CAPACITY.citation in text
    payload = {
        "version": _version(key),
        "title": "Akutte forløb for ældre",
        "description": "",
        "goal_ids": ["M1"],
        "target_group_ids": ["mg1"],
        "updated_for_agreement": "on",
        **_elements(task_allocation="addressed", capacity="not_relevant"),
        "note_task_allocation": "Kommunen visiterer, regionen rådgiver",
        "note_capacity": "Ingen ændring i kapacitet",
    }
    assert client.post(_add(key, "samarbejdsaftaler"), payload).status_code == 302
    (agreement,) = _content(key).collaboration_agreements
    assert agreement.goal_ids == ("M1",)
    assert agreement.coverage_of(FrameworkElement.TASK_ALLOCATION) is Coverage.ADDRESSED
    assert agreement.coverage_of(FrameworkElement.CAPACITY) is Coverage.NOT_RELEVANT
    assert agreement.coverage_of(FrameworkElement.GOALS) is Coverage.MISSING
    assert len(agreement.elements) == 8
    notes = {e.element: e.note for e in agreement.elements}
    assert notes[FrameworkElement.TASK_ALLOCATION] == "Kommunen visiterer, regionen rådgiver"
    overview = _text(client.get(reverse("agreements:content_edit", args=[key])))
    assert "1 adresseret, 1 ikke relevante, 6 mangler" in overview


def test_a_save_from_a_stale_page_is_a_conflict_and_keeps_the_input(login, with_goal) -> None:
    key = with_goal
    client = login("sjaelland")
    opened_at = _version(key)
    # someone else saves after the page was opened
    other = login("admin")
    assert (
        other.post(
            _edit(key, "maalsaetninger", "M1"), _goal_payload(opened_at, title="Andens titel")
        ).status_code
        == 302
    )
    versions = _count(key)
    stale = client.post(_edit(key, "maalsaetninger", "M1"), _goal_payload(opened_at, title="Min titel"))
    assert stale.status_code == 200
    text = _text(stale)
    assert "ændret af en anden" in text
    assert 'value="Min titel"' in text  # the user's input is still on the form
    assert _count(key) == versions
    assert _content(key).overarching_goals[0].title == "Andens titel"


def test_basics_are_saved_with_version_label_and_date(login, key) -> None:
    client = login("sjaelland")
    url = reverse("agreements:content_basics", args=[key])
    assert client.get(url).status_code == 200
    payload = {
        "version": _version(key),
        "label": "1.0",
        "effective_date": "2024-07-01",
        "vision": "Sammenhæng for borgeren",
        "values": "Tryghed\n\nLighed\n",
        "general_practice": "Almen praksis er borgerens faste indgang.",
        "note": "",
    }
    assert client.post(url, payload).status_code == 302
    newest = _newest(key)
    assert (newest.label, newest.effective_date, newest.note) == (
        "1.0",
        dt.date(2024, 7, 1),
        "Grundoplysninger ændret",
    )
    assert _content(key).values == ("Tryghed", "Lighed")
    # an item save keeps the version label and date
    response = client.post(
        _add(key, "bilag"),
        {
            "version": _version(key),
            "title": "Bilag 1: Data",
            "reference": "bilag1.pdf",
            "for_review": "on",
            "note": "Bilag lagt ind",
        },
    )
    assert response.status_code == 302
    newest = _newest(key)
    assert (newest.label, newest.effective_date, newest.note) == (
        "1.0",
        dt.date(2024, 7, 1),
        "Bilag lagt ind",
    )


@pytest.mark.parametrize(
    ("section", "payload", "words"),
    [
        ("maalsaetninger", {"title": ""}, "Titel: "),
        ("klyngemaal", {"cluster_id": "ukendt-klynge", "title": "Færre genindlæggelser"}, "Sundhedsklynge: "),
        ("maalgrupper", {"name": ""}, "Navn: "),
    ],
)
def test_invalid_input_names_the_field_and_saves_nothing(login, with_goal, section, payload, words) -> None:
    key = with_goal
    client = login("sjaelland")
    versions = _count(key)
    data = (
        _goal_payload(_version(key), goal_id="M2")
        if section == "maalsaetninger"
        else {"version": _version(key)}
    )
    data.update({"sg-0-id": "M2-d1", **payload})
    response = client.post(_add(key, section), data)
    assert response.status_code == 200
    assert "Ændringen blev ikke gemt" in _text(response)
    assert words in _text(response)
    assert _count(key) == versions


def test_duplicate_goal_id_and_criteria_without_sub_goal_are_refused(login, with_goal) -> None:
    key = with_goal
    client = login("sjaelland")
    versions = _count(key)
    response = client.post(_add(key, "maalsaetninger"), _goal_payload(_version(key), goal_id="M1"))
    assert "Målsætningen 'M1' findes allerede" in _text(response)
    orphan = _goal_payload(
        _version(key), goal_id="M2", **{"sg-0-id": "M2-d1", "sg2-sk-0-text": "Uden delmål"}
    )
    response = client.post(_add(key, "maalsaetninger"), orphan)
    assert "Delmål 3 – Delmål: Succeskriterier skal høre til et delmål" in _text(response)
    assert _count(key) == versions


def test_removing_a_goal_a_collaboration_agreement_supports_is_refused(login, with_goal) -> None:
    key = with_goal
    client = login("sjaelland")
    payload = {
        "version": _version(key),
        "title": "Akutte forløb for ældre",
        "description": "",
        "goal_ids": ["M1"],
        **_elements(),
    }
    assert client.post(_add(key, "samarbejdsaftaler"), payload).status_code == 302
    versions = _count(key)
    page = client.get(_remove(key, "maalsaetninger", "M1"))
    assert "Vil du fjerne Målsætning 'Flere forebyggelige indlæggelser undgås'" in _text(page)
    refused = client.post(_remove(key, "maalsaetninger", "M1"), {"version": _version(key)})
    assert refused.status_code == 200
    text = _text(refused)
    assert "Målsætning 'Flere forebyggelige indlæggelser undgås' kan ikke fjernes" in text
    assert "Samarbejdsaftale 'Akutte forløb for ældre'" in text
    assert "ukendt målsætning 'M1'" in text
    assert _count(key) == versions
    # the target group is referred to by the goal: also refused
    refused = client.post(_remove(key, "maalgrupper", "mg1"), {"version": _version(key)})
    assert "Målsætning 'Flere forebyggelige indlæggelser undgås'" in _text(refused)
    # without the collaboration agreement, the goal can go
    assert (
        client.post(_remove(key, "samarbejdsaftaler", "sa1"), {"version": _version(key)}).status_code == 302
    )
    assert client.post(_remove(key, "maalsaetninger", "M1"), {"version": _version(key)}).status_code == 302
    assert _content(key).overarching_goals == ()
    assert _newest(key).note == "Målsætning 'Flere forebyggelige indlæggelser undgås' fjernet"
    assert _content(key, versions).overarching_goals[0].id == "M1"  # earlier versions keep it


def test_collaboration_model_takes_only_the_regions_clusters(login, key) -> None:
    client = login("sjaelland")
    data = {
        "version": _version(key),
        "title": "Udbredelse af akutteam",
        "description": "",
        "cluster_ids": ["sjaelland-holbaek"],
    }
    assert client.post(_add(key, "samarbejdsmodeller"), data).status_code == 302
    assert _content(key).collaboration_models[0].cluster_ids == ("sjaelland-holbaek",)
    versions = _count(key)
    data = {**data, "version": _version(key), "cluster_ids": ["hovedstaden-bispebjerg"]}
    response = client.post(_add(key, "samarbejdsmodeller"), data)
    assert "Sundhedsklynger: " in _text(response)
    assert _count(key) == versions


@pytest.mark.parametrize("username", ["sst", "medlem", "klynge", "hovedstaden"])
def test_users_without_edit_rights_in_the_region_get_403(login, with_goal, username) -> None:
    key = with_goal
    client = login(username)
    versions = _count(key)
    assert client.get(reverse("agreements:content_edit", args=[key])).status_code == 403
    assert client.get(_add(key, "maalgrupper")).status_code == 403
    assert client.get(_edit(key, "maalsaetninger", "M1")).status_code == 403
    assert client.post(_add(key, "maalgrupper"), {"version": _version(key), "name": "X"}).status_code == 403
    assert client.post(_remove(key, "maalgrupper", "mg1"), {"version": _version(key)}).status_code == 403
    assert _count(key) == versions


def test_anonymous_users_are_sent_to_login(client, key) -> None:
    response = client.get(reverse("agreements:content_edit", args=[key]))
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


def test_unknown_section_or_item_is_404(login, key) -> None:
    client = login("admin")
    assert client.get(_add(key, "ukendt")).status_code == 404
    assert client.get(_edit(key, "maalsaetninger", "M9")).status_code == 404


def test_a_removal_from_a_stale_page_is_a_conflict(login, with_goal) -> None:
    key = with_goal
    client = login("sjaelland")
    opened_at = _version(key)
    assert (
        login("admin").post(_edit(key, "maalsaetninger", "M1"), _goal_payload(opened_at)).status_code == 302
    )
    versions = _count(key)
    stale = client.post(_remove(key, "maalsaetninger", "M1"), {"version": opened_at})
    assert stale.status_code == 200
    assert "ændret af en anden" in _text(stale)
    assert _count(key) == versions
    assert [g.id for g in _content(key).overarching_goals] == ["M1"]
