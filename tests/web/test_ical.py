"""The public iCalendar feed (RFC 5545) of a body's meetings, read back with the icalendar package."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from icalendar import Calendar

from .test_meetings import COMMITTEE, bodies  # noqa: F401  (the fixture)

pytestmark = pytest.mark.django_db
FEED = f"/organer/{COMMITTEE}/moeder.ics"


def _post(client, url: str, data: dict) -> dict:
    response = client.post(url, json.dumps(data), content_type="application/json")
    assert response.status_code in (200, 201), response.content
    return response.json()


@pytest.fixture
def meetings(login, bodies) -> dict[str, dict]:  # noqa: F811
    client = login("sjaelland")
    url = f"/api/v1/bodies/{COMMITTEE}/meetings"
    held = _post(client, url, {"date": "2025-03-11", "status": "held", "title": "Marts", "location": "Sorø"})
    planned = _post(client, url, {"date": "2026-12-08", "status": "planned"})
    cancelled = _post(client, url, {"date": "2026-12-15", "status": "planned", "title": "Ekstramøde"})
    _post(client, f"/api/v1/meetings/{cancelled['id']}/cancel", {"version": 1})
    items = [{"title": "Sundhedsaftalen"}, {"title": "Økonomi", "authorities_only": True}]
    response = client.put(
        f"/api/v1/meetings/{planned['id']}/agenda",
        json.dumps({"version": 1, "items": items}),
        content_type="application/json",
    )
    assert response.status_code == 200
    _post(client, f"/api/v1/meetings/{planned['id']}/agenda/publish", {"version": 2})
    return {"held": held, "planned": planned, "cancelled": cancelled}


def _events(client) -> dict[str, object]:
    response = client.get(FEED)
    assert response.status_code == 200
    calendar = Calendar.from_ical(response.content)
    return {str(e["UID"]): e for e in calendar.walk("VEVENT")}


def test_feed_is_public_text_calendar_with_one_event_per_meeting(client, meetings) -> None:
    response = client.get(FEED)  # not logged in
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = Calendar.from_ical(response.content)
    assert str(calendar["VERSION"]) == "2.0"
    assert "Sundhedssamarbejdsudvalget i Region Sjælland" in str(calendar["X-WR-CALNAME"])
    events = _events(client)
    assert set(events) == {
        f"{COMMITTEE}-2025-03-11@sundhedsaftale",
        f"{COMMITTEE}-2026-12-08@sundhedsaftale",
        f"{COMMITTEE}-2026-12-15@sundhedsaftale",
    }


def test_events_carry_date_summary_location_status_agenda_and_link(client, meetings) -> None:
    events = _events(client)
    held = events[f"{COMMITTEE}-2025-03-11@sundhedsaftale"]
    start = held["DTSTART"].dt
    assert start == dt.date(2025, 3, 11)
    assert not isinstance(start, dt.datetime)  # an all-day event (VALUE=DATE)
    assert str(held["SUMMARY"]) == "Marts"
    assert str(held["LOCATION"]) == "Sorø"
    assert str(held["STATUS"]) == "CONFIRMED"
    assert str(held["URL"]) == f"http://testserver/moeder/{meetings['held']['id']}/"
    assert "DTSTAMP" in held

    planned = events[f"{COMMITTEE}-2026-12-08@sundhedsaftale"]
    assert (
        str(planned["SUMMARY"]) == "Sundhedssamarbejdsudvalget i Region Sjælland"
    )  # no title: the body's name
    assert str(planned["STATUS"]) == "CONFIRMED"
    description = str(planned["DESCRIPTION"])
    assert "1. Sundhedsaftalen" in description
    assert "Økonomi" not in description  # for the authorities only (§ 2, stk. 3): never in the public feed

    cancelled = events[f"{COMMITTEE}-2026-12-15@sundhedsaftale"]
    assert str(cancelled["STATUS"]) == "CANCELLED"
    assert int(cancelled["SEQUENCE"]) == 2  # calendars replace the earlier copy of the event


def test_uid_stays_when_the_meeting_moves(client, login, meetings) -> None:
    response = login("sjaelland").put(
        f"/api/v1/meetings/{meetings['planned']['id']}",
        json.dumps({"date": "2026-12-10", "status": "planned", "version": 3}),
        content_type="application/json",
    )
    assert response.status_code == 200, response.content
    moved = _events(client)[f"{COMMITTEE}-2026-12-08@sundhedsaftale"]
    assert moved["DTSTART"].dt == dt.date(2026, 12, 10)


def test_feed_of_an_unknown_body_is_404(client, bodies) -> None:  # noqa: F811
    assert client.get("/organer/ukendt/moeder.ics").status_code == 404


def test_feed_of_a_body_without_meetings_is_an_empty_calendar(client, bodies) -> None:  # noqa: F811
    response = client.get(FEED)
    assert response.status_code == 200
    assert Calendar.from_ical(response.content).walk("VEVENT") == []
