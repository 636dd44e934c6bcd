"""Every change to a meeting names the version it was made from, so two people adding to the same agenda or
attendance list at the same moment never lose one of the additions: both are kept, or one is told (409) and
nothing of it is saved.

The race runs for real: two threads, each with its own database connection, post at the same instant to a
database of their own (created, migrated and dropped by the test), because the test's own transaction is not
visible to other connections. On PostgreSQL (``make test-postgres``) and SQLite alike.
"""

from __future__ import annotations

import datetime as dt
import json
import threading
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.test import Client

from sundhedsaftale.accounts.models import Role, User
from sundhedsaftale.core.case import AppointingBody, Body, BodyKind, MemberRole, Membership
from sundhedsaftale.governance.models import AgendaItem, Attendance, Meeting
from sundhedsaftale.registry.actions import sync_reference_data
from sundhedsaftale.web.cases import case_import, case_snapshot
from sundhedsaftale.web.platform import platform

from .race_database import database_of_its_own, on
from .test_meetings import COMMITTEE, bodies  # noqa: F401  (the fixture)

ROUNDS = 25


@pytest.fixture(scope="module")
def race_db(django_db_blocker: Any, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A database of its own, migrated once for the module, with the committee of Region Sjælland and its
    secretariat; each race uses meetings of its own."""
    with django_db_blocker.unblock(), database_of_its_own("race", tmp_path_factory, _committee) as alias:
        yield alias


def _committee() -> None:
    sync_reference_data(platform().reference)
    seats = tuple(
        Membership(
            id=f"seat-{n}",
            person_id=f"person-{n}",
            name=f"Medlem {n}",
            role=MemberRole.REGIONAL_COUNCIL_MEMBER,
            appointed_by=AppointingBody.REGIONAL_COUNCIL,
            start=dt.date(2022, 1, 1),
        )
        for n in range(1, 5)
    )
    body = Body(id=COMMITTEE, kind=BodyKind.COMMITTEE, name="Sundhedssamarbejdsudvalget", memberships=seats)
    case_import(case=case_snapshot("1085").model_copy(update={"bodies": (body,)}), actor=None, system=True)
    User.objects.create_user(username="sekretariat", role=Role.REGION_SECRETARIAT, region_code="1085")


def _client() -> Client:
    client = Client()
    client.force_login(User.objects.get(username="sekretariat"))
    return client


def _race(
    alias: str, url: str, bodies_of: Callable[[dict[str, Any]], tuple[dict[str, Any], dict[str, Any]]]
) -> list[int]:
    """Both threads read the meeting, then put their change at the same instant; the two status codes."""
    start = threading.Barrier(2)
    statuses: list[int] = [0, 0]

    def one(index: int) -> None:
        client = _client()
        meeting = json.loads(client.get(url.rsplit("/", 1)[0]).content)
        body = bodies_of(meeting)[index]
        start.wait()
        statuses[index] = client.put(url, json.dumps(body), content_type="application/json").status_code

    threads = [threading.Thread(target=on, args=(alias, lambda i=i: one(i))) for i in (0, 1)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return statuses


def _new_meeting(alias: str, day: dt.date) -> int:
    def create() -> int:
        response = _client().post(
            f"/api/v1/bodies/{COMMITTEE}/meetings",
            json.dumps({"date": day.isoformat(), "status": "held"}),
            content_type="application/json",
        )
        assert response.status_code == 201, response.content
        return int(response.json()["id"])

    return on(alias, create)


@pytest.mark.parametrize("send_version", [True, False], ids=["with-version", "without-version"])
def test_two_simultaneous_agenda_additions_are_both_kept_or_one_is_refused(
    race_db: str, send_version: bool
) -> None:
    outcomes = []
    for round_ in range(ROUNDS):
        pk = _new_meeting(
            race_db, dt.date(2025, 1, 1) + dt.timedelta(days=round_ + (0 if send_version else 100))
        )

        def additions(meeting: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
            items = [{"title": a["title"]} for a in meeting["agenda"]]
            version = {"version": meeting["version"]} if send_version else {}
            return tuple(  # type: ignore[return-value]
                {**version, "items": [*items, {"title": title}]} for title in ("A", "B")
            )

        statuses = _race(race_db, f"/api/v1/meetings/{pk}/agenda", additions)
        titles = on(
            race_db,
            lambda pk=pk: set(AgendaItem.objects.filter(meeting_id=pk).values_list("title", flat=True)),
        )
        outcomes.append(sorted(statuses))
        kept = {title for title, status in zip(("A", "B"), statuses, strict=True) if status == 200}
        assert kept <= titles, (statuses, titles)  # nothing acknowledged is lost
        assert titles <= {"A", "B"}
    # With the version it was read at, exactly one wins each round and the other is told (409); without one,
    # neither is saved (422), as the addition could otherwise overwrite the other unseen.
    assert set(map(tuple, outcomes)) == ({(200, 409)} if send_version else {(422, 422)})


def test_two_simultaneous_attendance_records_are_both_kept_or_one_is_refused(race_db: str) -> None:
    for round_ in range(ROUNDS):
        pk = _new_meeting(race_db, dt.date(2024, 1, 1) + dt.timedelta(days=round_))

        def additions(meeting: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
            present = [{"person_key": a["person_key"]} for a in meeting["attendance"]]
            return tuple(  # type: ignore[return-value]
                {"version": meeting["version"], "attendance": [*present, {"person_key": person}]}
                for person in ("person-1", "person-2")
            )

        statuses = _race(race_db, f"/api/v1/meetings/{pk}/attendance", additions)
        recorded = on(
            race_db,
            lambda pk=pk: set(Attendance.objects.filter(meeting_id=pk).values_list("person__key", flat=True)),
        )
        assert sorted(statuses) == [200, 409], statuses
        winner = ("person-1", "person-2")[statuses.index(200)]
        assert recorded == {winner}
        assert on(race_db, lambda pk=pk: Meeting.objects.get(pk=pk).version) == 2
