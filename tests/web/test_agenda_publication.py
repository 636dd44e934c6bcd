"""An agenda is the secretariat's draft until it is published (a named, audited action): before that, neither
the public calendar feed nor anyone who does not run the body sees it – not on the pages, in the API or in an
export – and even a published agenda's items for the authorities only (§ 2, stk. 3) never reach the public."""

from __future__ import annotations

import io
import json

import openpyxl
import pytest
from icalendar import Calendar

from sundhedsaftale.accounts.models import AuditEntry
from sundhedsaftale.core.case import RegionCase
from sundhedsaftale.governance.models import Meeting

from .test_meetings import COMMITTEE, bodies  # noqa: F401  (the fixture)

pytestmark = pytest.mark.django_db

FEED = f"/organer/{COMMITTEE}/moeder.ics"
PUBLIC = "Status på sundhedsaftalen"
SECRET = "Økonomi: regionsrådets og kommunernes budgetaftale"


def _send(client, method: str, url: str, data: dict):
    return getattr(client, method)(url, json.dumps(data), content_type="application/json")


@pytest.fixture
def draft(login, bodies) -> int:  # noqa: F811
    """A planned committee meeting whose agenda, with an item for the authorities only, is saved, not published."""
    client = login("sjaelland")
    created = _send(client, "post", f"/api/v1/bodies/{COMMITTEE}/meetings", {"date": "2026-12-08"}).json()
    items = [{"title": PUBLIC}, {"title": SECRET, "authorities_only": True}]
    saved = _send(client, "put", f"/api/v1/meetings/{created['id']}/agenda", {"version": 1, "items": items})
    assert saved.status_code == 200
    assert saved.json()["agenda_published_at"] is None
    return int(created["id"])


def _feed_text(client) -> str:
    response = client.get(FEED)
    assert response.status_code == 200
    return "".join(str(e.get("DESCRIPTION", "")) for e in Calendar.from_ical(response.content).walk("VEVENT"))


def test_a_draft_agenda_is_not_in_the_public_feed(client, draft) -> None:
    text = _feed_text(client)
    assert PUBLIC not in text
    assert SECRET not in text


def test_a_draft_agenda_is_seen_only_by_the_bodys_secretariat(login, draft) -> None:
    for username in ("sjaelland", "admin"):
        page = login(username).get(f"/moeder/{draft}/").content.decode()
        assert PUBLIC in page
        assert 'data-agenda-state="draft"' in page
        assert [i["title"] for i in login(username).get(f"/api/v1/meetings/{draft}").json()["agenda"]] == [
            PUBLIC,
            SECRET,
        ]
    for username in ("medlem", "hovedstaden", "sst", "klynge"):  # the committee is not the cluster's body
        client = login(username)
        assert PUBLIC not in client.get(f"/moeder/{draft}/").content.decode()
        assert client.get(f"/api/v1/meetings/{draft}").json()["agenda"] == []
        assert all(m["agenda"] == [] for m in client.get(f"/api/v1/bodies/{COMMITTEE}/meetings").json())
        case = RegionCase.model_validate_json(client.get("/regioner/1085/sagsfil.json").content)
        assert all(not m.agenda for m in case.meetings)
        assert PUBLIC not in json.dumps(client.get("/api/v1/regions/1085/case").json(), ensure_ascii=False)
        workbook = openpyxl.load_workbook(io.BytesIO(client.get("/regioner/1085/eksport.xlsx").content))
        assert workbook["Dagsorden"].max_row == 1  # the header only


def test_publishing_is_audited_and_puts_only_the_public_items_in_the_feed(client, login, draft) -> None:
    secretariat = login("sjaelland")
    missing = secretariat.post(f"/moeder/{draft}/dagsorden/offentliggoer/", {})
    assert missing.status_code == 302
    assert Meeting.objects.get(pk=draft).agenda_published_at is None  # no version: nothing done
    assert (
        login("medlem").post(f"/moeder/{draft}/dagsorden/offentliggoer/", {"version": 2}).status_code == 403
    )
    published = secretariat.post(f"/moeder/{draft}/dagsorden/offentliggoer/", {"version": 2})
    assert published.status_code == 302
    meeting = Meeting.objects.get(pk=draft)
    assert meeting.agenda_published_at is not None
    assert meeting.version == 3
    entry = AuditEntry.objects.get(action="agenda_publish")
    assert (entry.actor.username, entry.region_code) == ("sjaelland", "1085")
    assert entry.before["agenda_published_at"] is None
    assert entry.after["agenda_published_at"] is not None

    text = _feed_text(client)
    assert f"1. {PUBLIC}" in text
    assert SECRET not in text
    member = login("medlem")
    assert [i["title"] for i in member.get(f"/api/v1/meetings/{draft}").json()["agenda"]] == [PUBLIC, SECRET]
    assert 'data-agenda-state="draft"' not in member.get(f"/moeder/{draft}/").content.decode()

    again = _send(secretariat, "post", f"/api/v1/meetings/{draft}/agenda/publish", {"version": 3})
    assert again.status_code == 422
    assert "allerede offentliggjort" in again.json()["detail"]
    stale = _send(secretariat, "post", f"/api/v1/meetings/{draft}/agenda/publish", {"version": 2})
    assert stale.status_code == 409


def test_an_empty_agenda_cannot_be_published(login, bodies) -> None:  # noqa: F811
    client = login("sjaelland")
    created = _send(client, "post", f"/api/v1/bodies/{COMMITTEE}/meetings", {"date": "2026-12-08"}).json()
    refused = _send(client, "post", f"/api/v1/meetings/{created['id']}/agenda/publish", {"version": 1})
    assert refused.status_code == 422
    assert "ingen punkter" in refused.json()["detail"]
