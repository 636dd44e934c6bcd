"""An import never loses what the platform holds: the region's own unchanged export changes nothing (ids,
versions, meeting documents and their links kept, and the answer says so), and a file older than the data it
would overwrite or remove is refused, naming the rows, with nothing changed."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from sundhedsaftale.accounts.models import AuditEntry
from sundhedsaftale.agreements.models import HealthAgreement as AgreementRow
from sundhedsaftale.governance.actions.meetings import document_add
from sundhedsaftale.governance.models import Body, LocalDecision, Meeting, MeetingDocument, Membership, Person

from .conftest import decision_payload
from .test_review import _import as _import_agreement

pytestmark = pytest.mark.django_db

API_IMPORT = "/api/v1/regions/1085/import"
HOLBAEK = "holbaek-political"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"


def _post(client: Client, url: str, data: dict[str, Any], method: str = "post") -> dict[str, Any]:
    response = getattr(client, method)(url, json.dumps(data), content_type="application/json")
    assert response.status_code in (200, 201), response.content
    return response.json()


@pytest.fixture
def region(sjaelland: str, login: Any, users: Any) -> dict[str, Any]:
    """Region Sjælland with two meetings (one with an agenda), three documents, a decision and an agreement."""
    client = login("sjaelland")
    url = f"/api/v1/bodies/{HOLBAEK}/meetings"
    held = _post(client, url, {"date": "2025-03-11", "status": "held", "title": "Marts"})
    planned = _post(client, url, {"date": "2026-12-08", "status": "planned", "title": "December"})
    _post(
        client,
        f"/api/v1/meetings/{planned['id']}/agenda",
        {"version": planned["version"], "items": [{"title": "Sundhedsaftalen"}, {"title": "Økonomi"}]},
        method="put",
    )
    for meeting, title in ((held, "Referat"), (held, "Bilag 1"), (planned, "Dagsorden")):
        upload = SimpleUploadedFile(f"{title}.pdf", b"%PDF-1.7\n% " + title.encode() + b"\n")
        document_add(actor=users["sjaelland"], meeting_pk=meeting["id"], title=title, upload=upload)
    _post(client, "/api/v1/regions/1085/decisions", decision_payload())
    _import_agreement(received=True)
    return {"client": client, "held": held["id"], "planned": planned["id"]}


def _state() -> dict[str, Any]:
    """Every row's database id and version, and the documents with their meetings."""
    return {
        "bodies": sorted(Body.objects.values_list("pk", "key", "version")),
        "memberships": sorted(Membership.objects.values_list("pk", "key", "version")),
        "meetings": sorted(Meeting.objects.values_list("pk", "key", "version")),
        "decisions": sorted(LocalDecision.objects.values_list("pk", "key", "version")),
        "persons": sorted(Person.objects.values_list("pk", "key", "version")),
        "documents": sorted(MeetingDocument.objects.values_list("pk", "meeting_id", "file")),
        "agreements": sorted(AgreementRow.objects.values_list("pk", "key", "version")),
    }


def _import(client: Client, data: bytes, name: str, **extra: Any) -> Any:
    return client.post(API_IMPORT, {"file": SimpleUploadedFile(name, data), **extra})


@pytest.mark.parametrize(
    ("url", "name"),
    [
        ("/regioner/1085/eksport.xlsx", "a.xlsx"),
        ("/regioner/1085/eksport.zip", "a.zip"),
        ("/regioner/1085/sagsfil.json", "a.json"),
    ],
)
def test_importing_an_unchanged_export_changes_nothing(region, url: str, name: str) -> None:
    client = region["client"]
    before = _state()
    assert len(before["documents"]) == 3
    links = [f"/moeder/{meeting}/dokumenter/{pk}/" for pk, meeting, _file in before["documents"]]
    audit_rows = AuditEntry.objects.count()

    response = _import(client, client.get(url).content, name)

    assert response.status_code == 200, response.content
    changes = response.json()["changes"]
    assert all(part[kind] == 0 for part in changes.values() for kind in ("added", "changed", "removed"))
    assert changes["meetings"]["unchanged"] == 2
    assert _state() == before  # same ids, same versions, every document on its meeting
    for link in links:
        assert client.get(link).status_code == 200
    assert client.get(f"/moeder/{region['planned']}/").status_code == 200
    # The one new audit row is the import itself, and it says that nothing changed.
    assert AuditEntry.objects.count() == audit_rows + 1
    entry = AuditEntry.objects.latest("id")
    assert entry.action == "case_import"
    assert sum(c["changed"] + c["added"] + c["removed"] for c in entry.after["changes"].values()) == 0


def test_an_edited_export_changes_the_rows_it_edits_in_place(region) -> None:
    client = region["client"]
    wb = openpyxl.load_workbook(io.BytesIO(client.get("/regioner/1085/eksport.xlsx").content))
    meetings = wb["Møder"]
    row = next(c.row for c in meetings["A"] if c.value == Meeting.objects.get(pk=region["held"]).key)
    meetings[f"F{row}"] = "Marts (rettet)"
    buffer = io.BytesIO()
    wb.save(buffer)
    before = _state()

    response = _import(client, buffer.getvalue(), "a.xlsx")

    assert response.status_code == 200, response.content
    assert response.json()["changes"]["meetings"] == {"added": 0, "changed": 1, "removed": 0, "unchanged": 1}
    held = Meeting.objects.get(pk=region["held"])  # the same row, with the next version
    assert (held.title, held.version) == ("Marts (rettet)", 2)
    after = _state()
    assert after["documents"] == before["documents"]
    assert [m for m in after["meetings"] if m[0] != held.pk] == [
        m for m in before["meetings"] if m[0] != held.pk
    ]


def _sheet_row(data: bytes, sheet: str, value: str) -> int:
    ws = openpyxl.load_workbook(io.BytesIO(data))[sheet]
    return next(c.row for c in ws["A"] if c.value == value)


def test_an_older_export_does_not_remove_a_member_added_since(region) -> None:
    client = region["client"]
    old = client.get("/regioner/1085/eksport.xlsx").content
    added = _post(
        client,
        f"/api/v1/bodies/{HOLBAEK}/memberships",
        {
            "role": "general_practitioner",
            "appointed_by": "plo",
            "start": "2026-01-01",
            "person": {"name": "Ny Læge"},
        },
    )
    before = _state()

    response = _import(client, old, "a.xlsx")

    assert response.status_code == 422
    problems = response.json()["problems"]
    assert [(p["sheet"], p["row"], p["column"]) for p in problems] == [("Medlemmer", None, "id")]
    assert added["key"] in problems[0]["message"]
    assert "efter filen blev dannet" in problems[0]["message"]
    assert _state() == before
    assert Membership.objects.filter(key=added["key"]).exists()


def test_an_older_export_does_not_undo_an_edit_made_since(region) -> None:
    client = region["client"]
    old = client.get("/regioner/1085/sagsfil.json").content
    xlsx = client.get("/regioner/1085/eksport.xlsx").content
    membership = Membership.objects.get(key="m3")
    _post(
        client,
        f"/api/v1/memberships/{membership.pk}",
        {
            "role": "expert",
            "appointed_by": "plo",
            "start": "2022-01-01",
            "version": membership.version,
        },
        method="put",
    )
    before = _state()

    for data, name in ((xlsx, "a.xlsx"), (old, "a.json")):
        response = _import(client, data, name)
        assert response.status_code == 422, name
        problems = response.json()["problems"]
        assert len(problems) == 1, problems
        assert "version 2" in problems[0]["message"]
    xlsx_problem = _import(client, xlsx, "a.xlsx").json()["problems"][0]
    assert (xlsx_problem["sheet"], xlsx_problem["row"], xlsx_problem["column"]) == (
        "Medlemmer",
        _sheet_row(xlsx, "Medlemmer", "m3"),
        "version",
    )
    json_problem = _import(client, old, "a.json").json()["problems"][0]
    assert "bodies[0].memberships[" in json_problem["message"]
    assert ".version" in json_problem["message"]
    assert _state() == before
    assert Membership.objects.get(key="m3").role == "expert"


def test_a_row_without_a_version_cannot_overwrite_a_stored_record(region) -> None:
    client = region["client"]
    wb = openpyxl.load_workbook(io.BytesIO(client.get("/regioner/1085/eksport.xlsx").content))
    decisions = wb["Beslutninger"]
    header = [c.value for c in decisions[1]]
    decisions.cell(row=2, column=header.index("note") + 1).value = "rettet uden version"
    decisions.cell(row=2, column=header.index("version") + 1).value = None
    buffer = io.BytesIO()
    wb.save(buffer)

    response = _import(client, buffer.getvalue(), "a.xlsx")

    assert response.status_code == 422, response.json()
    [problem] = response.json()["problems"]
    assert (problem["sheet"], problem["row"], problem["column"]) == ("Beslutninger", 2, "version")
    assert LocalDecision.objects.get().note == ""


def test_a_file_cannot_seat_another_regions_person(region) -> None:
    client = region["client"]
    stranger = Person.objects.create(key="hovedstaden-p1", name="Fremmed", region_id="1084")
    wb = openpyxl.load_workbook(io.BytesIO(client.get("/regioner/1085/eksport.xlsx").content))
    members = wb["Medlemmer"]
    seat = ["praktiserende læge", "PLO", None, None, "nej", None, "nej", "nej", "nej", "2026-01-01"]
    members.append(["", HOLBAEK, stranger.key, stranger.name, *seat])
    buffer = io.BytesIO()
    wb.save(buffer)

    response = _import(client, buffer.getvalue(), "a.xlsx")

    assert response.status_code == 422
    [problem] = response.json()["problems"]
    assert (problem["sheet"], problem["row"], problem["column"]) == (
        "Medlemmer",
        members.max_row,
        "person-id",
    )
    assert "en anden region" in problem["message"]
    assert not Membership.objects.filter(person=stranger).exists()


def test_a_preview_tells_the_truth_about_an_unchanged_file(region) -> None:
    client = region["client"]
    preview = client.post(
        "/regioner/1085/import/",
        {"file": SimpleUploadedFile("a.xlsx", client.get("/regioner/1085/eksport.xlsx").content, XLSX)},
    )
    assert preview.status_code == 200
    assert preview.context["any_change"] is False
    before = _state()
    confirmed = client.post(
        "/regioner/1085/import/", {"action": "confirm", "token": preview.context["token"]}
    )
    assert confirmed.status_code == 302
    assert _state() == before
