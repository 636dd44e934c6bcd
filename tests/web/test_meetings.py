"""Meetings end to end: scheduling, agenda (§ 2, stk. 3), attendance and chairing (§§ 6, 17, 27), documents,
the yearly meeting with the patient involvement committee (vejledningens afsnit 2.2.8); pages and API alike,
with permissions, optimistic locking and the audit log."""

from __future__ import annotations

import datetime as dt
import html
import io
import json
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from sundhedsaftale.accounts.models import AuditEntry
from sundhedsaftale.core.case import AppointingBody, Body, BodyKind, MemberRole, Membership
from sundhedsaftale.governance.actions.meetings import (
    ConflictError,
    MeetingInput,
    MeetingInvalid,
    attendance_record,
    document_add,
    meeting_chair_set,
    meeting_create,
    meeting_update,
)
from sundhedsaftale.governance.meeting_selectors import CHAIRING_RULES, MEETING_RULES
from sundhedsaftale.governance.models import AgendaItem, Attendance, Meeting, MeetingDocument
from sundhedsaftale.governance.models import Body as BodyRow
from sundhedsaftale.web.cases import case_import, case_snapshot
from sundhedsaftale.web.platform import platform

pytestmark = pytest.mark.django_db

COMMITTEE = "1085-udvalg"
HOLBAEK = "holbaek-political"
KOEGE = "koege-political"
CHAIR, VICE, GP, EXPERT = "udvalg-formand", "udvalg-naestformand", "udvalg-laege", "udvalg-fagkyndig"
OUTSIDER = "holbaek-p1"  # sits on the Holbæk political level, not on the committee


def _seat(person: str, role: MemberRole, by: AppointingBody, **extra) -> Membership:
    return Membership(
        id=f"seat-{person}",
        person_id=person,
        name=person.replace("-", " ").title(),
        role=role,
        appointed_by=by,
        start=dt.date(2022, 1, 1),
        **extra,
    )


@pytest.fixture
def bodies(sjaelland) -> dict[str, str]:
    """Adds the region's committee (chair, vice chair, a GP, an expert) and the Køge cluster's political level."""
    base = case_snapshot(sjaelland)
    committee = Body(
        id=COMMITTEE,
        kind=BodyKind.COMMITTEE,
        name="Sundhedssamarbejdsudvalget i Region Sjælland",
        memberships=(
            _seat(CHAIR, MemberRole.REGIONAL_COUNCIL_CHAIR, AppointingBody.REGIONAL_COUNCIL, chair=True),
            _seat(
                VICE,
                MemberRole.MAYOR,
                AppointingBody.MUNICIPALITIES_JOINTLY,
                municipality_code="316",
                vice_chair=True,
            ),
            _seat(GP, MemberRole.GENERAL_PRACTITIONER, AppointingBody.PLO),
            _seat(EXPERT, MemberRole.EXPERT, AppointingBody.REGIONAL_COUNCIL),
        ),
    )
    koege = Body(
        id=KOEGE,
        kind=BodyKind.POLITICAL_LEVEL,
        name="Sundhedsklyngen Køge – politisk niveau",
        cluster_id="sjaelland-koege",
        memberships=(
            _seat(
                "koege-formand",
                MemberRole.REGIONAL_COUNCIL_CHAIR,
                AppointingBody.REGIONAL_COUNCIL,
                chair=True,
            ),
        ),
    )
    case_import(
        case=base.model_copy(update={"bodies": (*base.bodies, committee, koege)}), actor=None, system=True
    )
    return {"committee": COMMITTEE, "holbaek": HOLBAEK, "koege": KOEGE}


def payload(**overrides) -> dict:
    data = {
        "date": "2025-03-11",
        "status": "held",
        "kind": "ordinary",
        "title": "Møde i Sundhedssamarbejdsudvalget",
        "location": "Regionshuset, Sorø",
    }
    data.update(overrides)
    return data


def post(client, url: str, data: dict):
    return client.post(url, json.dumps(data), content_type="application/json")


def put(client, url: str, data: dict):
    return client.put(url, json.dumps(data), content_type="application/json")


def create(client, body: str = COMMITTEE, **overrides) -> dict:
    response = post(client, f"/api/v1/bodies/{body}/meetings", payload(**overrides))
    assert response.status_code == 201, response.content
    return response.json()


def finding(client, rule_id: str, at: str, body: str = COMMITTEE, year: int | None = None) -> dict:
    data = client.get(f"/api/v1/regions/1085/findings?at={at}").json()
    found = [
        f
        for f in data["findings"]
        if f["rule_id"] == rule_id
        and f["subject_id"] == body
        and (year is None or any(fact["name"] == "år" and fact["value"] == year for fact in f["facts"]))
    ]
    assert len(found) == 1, found
    return found[0]


# --- The rules the pages show exist -----------------------------------------------------------------------


def test_the_meeting_rules_named_by_the_pages_are_in_the_rulebook() -> None:
    ids = {r.id for r in platform().rulebook.rules}
    assert ids >= MEETING_RULES
    assert ids >= CHAIRING_RULES


# --- Pages ------------------------------------------------------------------------------------------------


def test_secretariat_plans_a_meeting_on_the_page_and_sees_it_in_the_list(login, bodies) -> None:
    client = login("sjaelland")
    assert client.get(f"/organer/{COMMITTEE}/moeder/ny/").status_code == 200
    response = client.post(
        f"/organer/{COMMITTEE}/moeder/ny/",
        {
            "date": "2026-12-08",
            "status": "planned",
            "kind": "ordinary",
            "title": "Decembermøde",
            "location": "Sorø",
        },
    )
    assert response.status_code == 302, response.content.decode()
    meeting = Meeting.objects.get(body__key=COMMITTEE)
    assert response["Location"] == f"/moeder/{meeting.pk}/"
    assert meeting.key == f"{COMMITTEE}-2026-12-08"
    assert (meeting.status, meeting.title, meeting.version) == ("planned", "Decembermøde", 1)

    listing = client.get(f"/organer/{COMMITTEE}/moeder/?dato=2026-11-23").content.decode()
    assert "Decembermøde" in listing
    assert f'data-meeting="{meeting.key}" data-status="planned"' in listing
    assert f"/organer/{COMMITTEE}/moeder.ics" in listing
    assert 'data-rule="udvalg.moeder"' in listing  # the yearly minimum (§ 16, stk. 2) shown by its finding
    detail = client.get(f"/moeder/{meeting.pk}/").content.decode()
    assert "Decembermøde" in detail
    assert "Sorø" in detail


def test_meeting_pages_need_a_login_and_unknown_ones_are_404(client, login, bodies) -> None:
    assert client.get(f"/organer/{COMMITTEE}/moeder/").status_code == 302
    member = login("medlem")
    assert member.get(f"/organer/{COMMITTEE}/moeder/").status_code == 200
    assert member.get(f"/organer/{COMMITTEE}/moeder/ny/").status_code == 403
    assert member.get("/organer/ukendt/moeder/").status_code == 404
    assert member.get("/moeder/999999/").status_code == 404


def test_a_held_meeting_in_the_future_or_outside_the_bodys_years_is_refused_naming_the_field(
    login, bodies
) -> None:
    client = login("sjaelland")
    future = (dt.date.today() + dt.timedelta(days=30)).isoformat()
    response = client.post(
        f"/organer/{COMMITTEE}/moeder/ny/", {"date": future, "status": "held", "kind": "ordinary"}
    )
    assert response.status_code == 200
    assert "kan først registreres som afholdt" in response.content.decode()
    api = post(client, f"/api/v1/bodies/{COMMITTEE}/meetings", payload(date=future))
    assert api.status_code == 422
    assert api.json()["detail"].startswith("status: ")
    early = post(client, f"/api/v1/bodies/{COMMITTEE}/meetings", payload(date="2019-05-01"))
    assert early.status_code == 422
    assert early.json()["detail"].startswith("date: ")
    assert "medlemmer fra 2022" in early.json()["detail"]
    unknown = post(client, f"/api/v1/bodies/{COMMITTEE}/meetings", payload(kind="picnic"))
    assert unknown.status_code == 422
    assert unknown.json()["detail"].startswith("kind: Ukendt mødetype 'picnic'")
    assert not Meeting.objects.exists()


def test_held_is_judged_against_the_today_passed_in(users, bodies) -> None:
    body = BodyRow.objects.get(key=COMMITTEE)
    data = MeetingInput(date=dt.date(2030, 3, 5), status="held")
    with pytest.raises(MeetingInvalid) as refused:
        meeting_create(actor=users["sjaelland"], body=body, data=data, today=dt.date(2030, 3, 4))
    assert refused.value.field == "status"
    held = meeting_create(actor=users["sjaelland"], body=body, data=data, today=dt.date(2030, 3, 5))
    assert held.status == "held"


# --- Permissions ------------------------------------------------------------------------------------------


def test_another_regions_secretariat_gets_403_on_page_and_api(login, bodies) -> None:
    own = create(login("sjaelland"), status="planned", date="2026-12-08")
    other = login("hovedstaden")
    assert other.get(f"/organer/{COMMITTEE}/moeder/ny/").status_code == 403
    assert other.post(f"/organer/{COMMITTEE}/moeder/ny/", payload()).status_code == 403
    assert other.get(f"/moeder/{own['id']}/rediger/").status_code == 403
    assert other.post(f"/moeder/{own['id']}/rediger/", {**payload(), "version": 1}).status_code == 403
    assert other.get(f"/moeder/{own['id']}/dagsorden/").status_code == 403
    assert other.get(f"/moeder/{own['id']}/deltagere/").status_code == 403
    assert other.get(f"/moeder/{own['id']}/dokumenter/").status_code == 403
    assert other.post(f"/moeder/{own['id']}/aflys/", {"version": 1}).status_code == 403
    api = post(other, f"/api/v1/bodies/{COMMITTEE}/meetings", payload())
    assert api.status_code == 403
    assert "region 1085" in api.json()["detail"]
    assert put(other, f"/api/v1/meetings/{own['id']}", {**payload(), "version": 1}).status_code == 403
    agenda = {"version": 1, "items": [{"title": "x"}]}
    assert put(other, f"/api/v1/meetings/{own['id']}/agenda", agenda).status_code == 403
    assert (
        put(other, f"/api/v1/meetings/{own['id']}/attendance", {"version": 1, "attendance": []}).status_code
        == 403
    )
    assert other.get(f"/api/v1/meetings/{own['id']}").status_code == 200  # reading is open to logged-in users
    assert Meeting.objects.count() == 1
    assert Meeting.objects.get().version == 1


def test_cluster_secretariat_edits_its_own_clusters_meetings_only(login, bodies) -> None:
    klynge = login("klynge")
    page = klynge.post(
        f"/organer/{HOLBAEK}/moeder/ny/", {"date": "2025-05-06", "status": "held", "kind": "ordinary"}
    )
    assert page.status_code == 302
    api = create(klynge, body=HOLBAEK, date="2025-09-09")
    assert (
        put(klynge, f"/api/v1/meetings/{api['id']}", {**payload(date="2025-09-10"), "version": 1}).status_code
        == 200
    )
    assert klynge.get(f"/organer/{KOEGE}/moeder/ny/").status_code == 403
    assert post(klynge, f"/api/v1/bodies/{KOEGE}/meetings", payload()).status_code == 403
    assert (
        post(klynge, f"/api/v1/bodies/{COMMITTEE}/meetings", payload()).status_code == 403
    )  # the region's body
    koege = create(login("sjaelland"), body=KOEGE)
    assert put(klynge, f"/api/v1/meetings/{koege['id']}", {**payload(), "version": 1}).status_code == 403
    assert klynge.get(f"/moeder/{koege['id']}/rediger/").status_code == 403
    assert set(Meeting.objects.values_list("body__key", flat=True)) == {HOLBAEK, KOEGE}


# --- Optimistic locking -----------------------------------------------------------------------------------


def test_second_of_two_concurrent_saves_gets_a_conflict(login, bodies) -> None:
    client = login("sjaelland")
    created = create(client)
    url = f"/api/v1/meetings/{created['id']}"
    first = put(client, url, {**payload(location="Første sted"), "version": 1})
    second = put(client, url, {**payload(location="Andet sted"), "version": 1})
    assert first.status_code == 200
    assert first.json()["version"] == 2
    assert second.status_code == 409
    assert "Intet er overskrevet" in second.json()["detail"]
    assert Meeting.objects.get(pk=created["id"]).location == "Første sted"


def test_conflict_on_the_page_keeps_the_other_persons_save(login, bodies) -> None:
    client = login("sjaelland")
    created = create(client)
    url = f"/moeder/{created['id']}/rediger/"
    form = client.get(url).content.decode()
    assert 'name="version" value="1"' in form
    assert 'value="2025-03-11"' in form  # the date input reads ISO dates whatever the language
    assert client.post(url, {**payload(location="Min rettelse"), "version": "1"}).status_code == 302
    stale = client.post(url, {**payload(location="Forældet rettelse"), "version": "1"})
    assert stale.status_code == 200
    assert "ændret af en anden" in stale.content.decode()
    assert Meeting.objects.get(pk=created["id"]).location == "Min rettelse"


def test_a_stale_agenda_or_attendance_is_a_conflict_too(login, bodies) -> None:
    client = login("sjaelland")
    created = create(client)
    assert put(client, f"/api/v1/meetings/{created['id']}", {**payload(), "version": 1}).status_code == 200
    agenda = put(
        client, f"/api/v1/meetings/{created['id']}/agenda", {"version": 1, "items": [{"title": "x"}]}
    )
    assert agenda.status_code == 409
    attendance = put(
        client,
        f"/api/v1/meetings/{created['id']}/attendance",
        {"version": 1, "attendance": [{"person_key": GP}]},
    )
    assert attendance.status_code == 409
    assert not AgendaItem.objects.exists()
    assert not Attendance.objects.exists()


# --- Agenda -----------------------------------------------------------------------------------------------


def test_agenda_through_the_api_keeps_order_and_the_authorities_own_items(login, bodies) -> None:
    client = login("sjaelland")
    created = create(client, body=HOLBAEK)
    items = [
        {"title": "Godkendelse af dagsorden"},
        {"title": "Økonomi i klyngen", "authorities_only": True, "description": "Kun regionsråd og kommuner"},
        {"title": "Eventuelt"},
    ]
    response = put(client, f"/api/v1/meetings/{created['id']}/agenda", {"version": 1, "items": items})
    assert response.status_code == 200, response.content
    agenda = response.json()["agenda"]
    assert [(a["number"], a["title"], a["authorities_only"]) for a in agenda] == [
        (1, "Godkendelse af dagsorden", False),
        (2, "Økonomi i klyngen", True),
        (3, "Eventuelt", False),
    ]
    assert response.json()["version"] == 2
    empty_title = put(
        client,
        f"/api/v1/meetings/{created['id']}/agenda",
        {"version": 2, "items": [{"title": "a"}, {"title": " "}]},
    )
    assert empty_title.status_code == 422
    assert empty_title.json()["detail"].startswith("agenda[1].title: Punkt 2")
    assert AgendaItem.objects.filter(meeting_id=created["id"]).count() == 3
    detail = client.get(f"/moeder/{created['id']}/").content.decode()
    assert 'data-authorities-only="true"' in detail
    assert "Særskilt punkt for myndighederne (§ 2, stk. 3)" in detail


def test_agenda_editor_adds_and_removes_rows_without_javascript_and_saves_in_number_order(
    login, bodies
) -> None:
    client = login("sjaelland")
    created = create(client)
    url = f"/moeder/{created['id']}/dagsorden/"
    page = client.get(url).content.decode()
    assert 'name="items-TOTAL_FORMS" value="1"' in page
    assert 'hx-post="' in page  # htmx swaps the editor when JavaScript runs

    rows = {
        "version": "1",
        "items-TOTAL_FORMS": "2",
        "items-INITIAL_FORMS": "0",
        "items-0-number": "2",
        "items-0-title": "Eventuelt",
        "items-1-number": "1",
        "items-1-title": "Sundhedsaftalen",
        "items-1-authorities_only": "on",
    }
    added = client.post(url, {**rows, "add": "1"})
    assert added.status_code == 200
    assert 'name="items-TOTAL_FORMS" value="3"' in added.content.decode()
    removed = client.post(url, {**rows, "remove": "0"})
    assert 'name="items-TOTAL_FORMS" value="1"' in removed.content.decode()
    assert "Eventuelt" not in removed.content.decode()
    assert not AgendaItem.objects.exists()  # adding and removing rows saves nothing

    saved = client.post(url, {**rows, "items-TOTAL_FORMS": "3", "items-2-title": "", "save": "1"})
    assert saved.status_code == 302
    assert list(AgendaItem.objects.order_by("number").values_list("number", "title", "authorities_only")) == [
        (1, "Sundhedsaftalen", True),
        (2, "Eventuelt", False),
    ]
    assert Meeting.objects.get(pk=created["id"]).version == 2


# --- Attendance and chairing ------------------------------------------------------------------------------


def test_attendance_of_a_non_member_is_refused_and_nothing_is_saved(login, bodies) -> None:
    client = login("sjaelland")
    created = create(client)
    url = f"/api/v1/meetings/{created['id']}/attendance"
    refused = put(
        client,
        url,
        {"version": 1, "attendance": [{"person_key": CHAIR}, {"person_key": OUTSIDER}], "chaired_by": CHAIR},
    )
    assert refused.status_code == 422
    detail = refused.json()["detail"]
    assert detail.startswith("attendance[1].person_key: ")
    assert "Person 1 er ikke medlem af Sundhedssamarbejdsudvalget i Region Sjælland" in detail
    assert not Attendance.objects.exists()
    meeting = Meeting.objects.get(pk=created["id"])
    assert (meeting.chaired_by, meeting.version) == (None, 1)

    page = client.post(
        f"/moeder/{created['id']}/deltagere/",
        {"version": "1", "present": [CHAIR, OUTSIDER], "chaired_by": CHAIR},
    )
    assert page.status_code == 200
    assert "ikke medlem af" in page.content.decode()
    assert not Attendance.objects.exists()


def test_an_expert_may_attend_but_not_chair_and_the_chair_must_be_present(login, bodies) -> None:
    client = login("sjaelland")
    created = create(client)
    url = f"/api/v1/meetings/{created['id']}/attendance"
    present = [{"person_key": CHAIR}, {"person_key": VICE}, {"person_key": EXPERT}]
    expert_chair = put(client, url, {"version": 1, "attendance": present, "chaired_by": EXPERT})
    assert expert_chair.status_code == 422
    assert expert_chair.json()["detail"].startswith("chaired_by: ")
    assert "ikke medlem" in expert_chair.json()["detail"]
    absent_chair = put(
        client,
        url,
        {
            "version": 1,
            "attendance": [{"person_key": CHAIR, "present": False}, {"person_key": VICE}],
            "chaired_by": CHAIR,
        },
    )
    assert absent_chair.status_code == 422
    assert "til stede" in absent_chair.json()["detail"]
    ok = put(client, url, {"version": 1, "attendance": present, "chaired_by": CHAIR})
    assert ok.status_code == 200
    assert ok.json()["chaired_by"] == CHAIR
    assert {a["person_key"] for a in ok.json()["attendance"]} == {CHAIR, VICE, EXPERT}


def test_vice_chair_leading_while_the_chair_was_present_breaks_section_17(login, bodies) -> None:
    client = login("sjaelland")
    created = create(client, date="2025-03-11")
    url = f"/api/v1/meetings/{created['id']}/attendance"
    both = [{"person_key": CHAIR}, {"person_key": VICE}, {"person_key": GP}]
    assert put(client, url, {"attendance": both, "chaired_by": VICE, "version": 1}).status_code == 200
    broken = finding(client, "udvalg.moedeledelse", "2025-06-01")
    assert broken["status"] == "not_met"
    assert "formanden var til stede" in broken["explanation"]
    page = client.get(f"/moeder/{created['id']}/").content.decode()
    assert 'data-rule="udvalg.moedeledelse" data-status="not_met"' in page

    chair_absent = [
        {"person_key": CHAIR, "present": False, "note": "afbud"},
        {"person_key": VICE},
        {"person_key": GP},
    ]
    assert put(client, url, {"attendance": chair_absent, "version": 2}).status_code == 200  # leader kept
    assert finding(client, "udvalg.moedeledelse", "2025-06-01")["status"] == "met"
    page = client.get(f"/moeder/{created['id']}/").content.decode()
    assert 'data-rule="udvalg.moedeledelse" data-status="met"' in page


def test_attendance_page_records_absent_members_and_the_leader(login, bodies) -> None:
    client = login("sjaelland")
    created = create(client, date="2025-03-11")
    url = f"/moeder/{created['id']}/deltagere/"
    form = client.get(url).content.decode()
    for key in (CHAIR, VICE, GP, EXPERT):
        assert f'value="{key}"' in form
    assert f'name="chaired_by" value="{EXPERT}"' not in form  # an expert attends, never leads
    response = client.post(
        url, {"version": "1", "present": [VICE, GP], "chaired_by": VICE, f"note-{CHAIR}": "syg"}
    )
    assert response.status_code == 302
    rows = {a.person.key: (a.present, a.note) for a in Attendance.objects.select_related("person")}
    assert rows == {CHAIR: (False, "syg"), VICE: (True, ""), GP: (True, "")}  # the absent expert is left out
    assert Meeting.objects.get(pk=created["id"]).chaired_by.key == VICE
    assert finding(client, "udvalg.moedeledelse", "2025-06-01")["status"] == "met"


def test_meeting_chair_set_refuses_someone_not_present(users, bodies) -> None:
    meeting = meeting_create(
        actor=users["sjaelland"],
        body=BodyRow.objects.get(key=COMMITTEE),
        data=MeetingInput(date=dt.date(2025, 3, 11), status="held"),
        today=dt.date(2025, 3, 11),
    )
    attendance_record(
        actor=users["sjaelland"],
        meeting_pk=meeting.pk,
        entries=[(CHAIR, True, ""), (VICE, False, "")],
        expected_version=1,
    )
    with pytest.raises(MeetingInvalid, match="til stede"):
        meeting_chair_set(
            actor=users["sjaelland"], meeting_pk=meeting.pk, person_key=VICE, expected_version=2
        )
    chaired = meeting_chair_set(
        actor=users["sjaelland"], meeting_pk=meeting.pk, person_key=CHAIR, expected_version=2
    )
    assert chaired.chaired_by is not None
    assert chaired.chaired_by.key == CHAIR


# --- The yearly meeting with the patient involvement committee --------------------------------------------


def test_the_yearly_meeting_kind_meets_the_guidances_yearly_meeting(login, bodies) -> None:
    client = login("sjaelland")
    create(client, date="2025-03-11", kind="ordinary")
    assert finding(client, "udvalg.aarligt-moede-piu", "2026-01-15", year=2025)["status"] == "not_met"
    yearly = create(client, date="2025-06-03", kind="patient_committee_annual", title="Årligt møde med PIU")
    assert (
        yearly["patient_committee_invited"] is True
    )  # the kind is a meeting with the committee's representatives
    assert finding(client, "udvalg.aarligt-moede-piu", "2026-01-15", year=2025)["status"] == "met"
    listing = client.get(f"/organer/{COMMITTEE}/moeder/?dato=2026-01-15").content.decode()
    assert 'data-rule="udvalg.aarligt-moede-piu" data-status="met"' in listing


def test_cancelling_a_planned_meeting(login, bodies) -> None:
    client = login("sjaelland")
    created = create(client, status="planned", date="2026-12-08")
    response = client.post(f"/moeder/{created['id']}/aflys/", {"version": "1"})
    assert response.status_code == 302
    meeting = Meeting.objects.get(pk=created["id"])
    assert (meeting.status, meeting.version) == ("cancelled", 2)
    again = post(client, f"/api/v1/meetings/{created['id']}/cancel", {"version": 2})
    assert again.status_code == 422
    assert "allerede aflyst" in again.json()["detail"]


# --- Documents --------------------------------------------------------------------------------------------


def _docx() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        package.writestr("[Content_Types].xml", "<Types/>")
        package.writestr("word/document.xml", "<document/>")
    return buffer.getvalue()


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def test_documents_upload_and_download_for_logged_in_users_only(client, login, bodies, media) -> None:
    secretariat = login("sjaelland")
    created = create(secretariat)
    url = f"/moeder/{created['id']}/dokumenter/"
    pdf = SimpleUploadedFile("dagsorden.pdf", b"%PDF-1.7\n% test\n", content_type="application/pdf")
    assert secretariat.post(url, {"title": "Dagsorden", "file": pdf}).status_code == 302
    docx = SimpleUploadedFile("bilag.docx", _docx())
    assert secretariat.post(url, {"title": "", "file": docx}).status_code == 302
    pdf_doc, docx_doc = MeetingDocument.objects.order_by("pk")
    assert (pdf_doc.title, docx_doc.title) == ("Dagsorden", "bilag")

    download = f"/moeder/{created['id']}/dokumenter/{pdf_doc.pk}/"
    assert client.get(download).status_code == 302  # to the login page
    assert "log-ind" in client.get(download)["Location"]
    response = login("medlem").get(download)
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF-")
    assert "attachment" in response["Content-Disposition"]
    assert login("medlem").get(f"/moeder/{created['id']}/dokumenter/999999/").status_code == 404
    assert "Dagsorden" in secretariat.get(f"/moeder/{created['id']}/").content.decode()


@pytest.mark.parametrize(
    ("name", "content", "words"),
    [
        (
            "program.exe",
            b"MZ...",
            "har en filtype, der ikke kan modtages her; kun PDF, DOCX, XLSX, ODT, PNG, JPEG",
        ),
        ("falsk.pdf", b"not a pdf", "ikke en gyldig PDF-fil"),
        ("falsk.docx", b"PK\x03\x04broken", "ikke en gyldig DOCX-fil"),
    ],
)
def test_a_document_of_the_wrong_type_is_refused(login, bodies, media, name, content, words) -> None:
    client = login("sjaelland")
    created = create(client)
    response = client.post(
        f"/moeder/{created['id']}/dokumenter/", {"title": "x", "file": SimpleUploadedFile(name, content)}
    )
    assert response.status_code == 200
    assert words in html.unescape(response.content.decode())
    assert not MeetingDocument.objects.exists()


def test_a_document_over_20_mb_is_refused_naming_the_limit(users, bodies, media) -> None:
    meeting = meeting_create(
        actor=users["sjaelland"],
        body=BodyRow.objects.get(key=COMMITTEE),
        data=MeetingInput(date=dt.date(2025, 3, 11)),
        today=dt.date(2025, 1, 1),
    )
    big = SimpleUploadedFile("stor.pdf", b"%PDF-" + b"0" * (20 * 1024 * 1024))
    with pytest.raises(MeetingInvalid, match=r"grænsen er 20\.0 MB") as refused:
        document_add(actor=users["sjaelland"], meeting_pk=meeting.pk, title="Stor", upload=big)
    assert refused.value.field == "file"
    assert not MeetingDocument.objects.exists()


# --- Audit ------------------------------------------------------------------------------------------------


def test_every_change_is_in_the_audit_log_with_before_and_after(login, users, bodies, media) -> None:
    client = login("sjaelland")
    created = create(client, status="planned", date="2026-12-08")
    pk = created["id"]
    put(client, f"/api/v1/meetings/{pk}", {**payload(status="planned", date="2026-12-09"), "version": 1})
    put(client, f"/api/v1/meetings/{pk}/agenda", {"version": 2, "items": [{"title": "Punkt"}]})
    put(
        client,
        f"/api/v1/meetings/{pk}/attendance",
        {"version": 3, "attendance": [{"person_key": CHAIR}], "chaired_by": CHAIR},
    )
    meeting_chair_set(actor=users["sjaelland"], meeting_pk=pk, person_key=None, expected_version=4)
    client.post(
        f"/moeder/{pk}/dokumenter/", {"title": "Bilag", "file": SimpleUploadedFile("b.pdf", b"%PDF-1.4")}
    )
    client.post(f"/moeder/{pk}/aflys/", {"version": 5})
    entries = list(AuditEntry.objects.filter(object_type__in=["meeting", "meeting_document"]).order_by("id"))
    assert [e.action for e in entries] == [
        "meeting_create",
        "meeting_update",
        "agenda_set",
        "attendance_record",
        "meeting_chair_set",
        "document_add",
        "meeting_cancel",
    ]
    assert all(e.actor == users["sjaelland"] and e.region_code == "1085" for e in entries)
    create_entry, update, agenda, attendance, chair, document, cancel = entries
    assert create_entry.before is None
    assert create_entry.after["date"] == "2026-12-08"
    assert (update.before["date"], update.after["date"]) == ("2026-12-08", "2026-12-09")
    assert (agenda.before["agenda"], agenda.after["agenda"][0]["title"]) == ([], "Punkt")
    assert (attendance.before["chaired_by"], attendance.after["chaired_by"]) == (None, CHAIR)
    assert (chair.before["chaired_by"], chair.after["chaired_by"]) == (CHAIR, None)
    assert document.after["title"] == "Bilag"
    assert (cancel.before["status"], cancel.after["status"]) == ("planned", "cancelled")


def test_meeting_update_via_action_names_version_in_conflict(users, bodies) -> None:
    body = BodyRow.objects.get(key=COMMITTEE)
    meeting = meeting_create(
        actor=users["sjaelland"],
        body=body,
        data=MeetingInput(date=dt.date(2025, 3, 11)),
        today=dt.date(2025, 1, 1),
    )
    data = MeetingInput(date=dt.date(2025, 3, 12))
    meeting_update(
        actor=users["sjaelland"],
        meeting_pk=meeting.pk,
        expected_version=1,
        data=data,
        today=dt.date(2025, 1, 1),
    )
    with pytest.raises(ConflictError, match="version 2"):
        meeting_update(
            actor=users["sjaelland"],
            meeting_pk=meeting.pk,
            expected_version=1,
            data=data,
            today=dt.date(2025, 1, 1),
        )


def test_unknown_body_and_meeting_in_the_api_are_404_and_anonymous_is_401(client, login, bodies) -> None:
    member = login("medlem")
    assert member.get("/api/v1/bodies/ukendt/meetings").status_code == 404
    assert "Ukendt organ 'ukendt'" in member.get("/api/v1/bodies/ukendt/meetings").json()["detail"]
    assert member.get("/api/v1/meetings/999999").status_code == 404
    assert client.get(f"/api/v1/bodies/{COMMITTEE}/meetings").status_code == 401
    create(login("sjaelland"))
    listing = member.get(f"/api/v1/bodies/{COMMITTEE}/meetings?year=2025").json()
    assert [m["date"] for m in listing] == ["2025-03-11"]
    assert member.get(f"/api/v1/bodies/{COMMITTEE}/meetings?year=2024").json() == []


def test_changes_that_do_not_name_the_version_they_edit_are_refused(login, bodies) -> None:
    client = login("sjaelland")
    created = create(client, status="planned", date="2026-12-08")
    pk = created["id"]
    for url, body in (
        (f"/api/v1/meetings/{pk}/agenda", {"items": [{"title": "Punkt"}]}),
        (f"/api/v1/meetings/{pk}/attendance", {"attendance": [{"person_key": CHAIR}]}),
    ):
        refused = put(client, url, body)
        assert refused.status_code == 422
        assert "version" in refused.json()["detail"]
    assert post(client, f"/api/v1/meetings/{pk}/cancel", {}).status_code == 422
    agenda = client.post(
        f"/moeder/{pk}/dagsorden/",
        {"items-TOTAL_FORMS": "1", "items-INITIAL_FORMS": "0", "items-0-title": "Punkt", "save": "1"},
    )
    assert agenda.status_code == 200
    assert "angiver ikke, hvilken version" in agenda.content.decode()
    attendance = client.post(f"/moeder/{pk}/deltagere/", {"present": [CHAIR]})
    assert "angiver ikke, hvilken version" in attendance.content.decode()
    client.post(f"/moeder/{pk}/aflys/", {})
    meeting = Meeting.objects.get(pk=pk)
    assert (meeting.version, meeting.status) == (1, "planned")
    assert not AgendaItem.objects.exists()
    assert not Attendance.objects.exists()
