"""Export and import of a region's governance through the pages and the API: downloads, preview and confirm,
all-or-nothing imports with every problem listed, permissions, the audit trail."""

from __future__ import annotations

import datetime as dt
import io
import json
import zipfile
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from sundhedsaftale.accounts.models import AuditEntry
from sundhedsaftale.core.case import MemberRole, RegionCase
from sundhedsaftale.demo import build_national_demo
from sundhedsaftale.governance.actions.bodies import BodyInput, body_update
from sundhedsaftale.governance.models import (
    AgendaItem,
    Attendance,
    Body,
    LocalDecision,
    Meeting,
    Membership,
    Person,
)
from sundhedsaftale.interchange import case_to_csv_zip, case_to_xlsx
from sundhedsaftale.web.cases import case_import, case_snapshot
from sundhedsaftale.web.platform import platform

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
IMPORT_URL = "/regioner/1085/import/"
API_IMPORT = "/api/v1/regions/1085/import"


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"


def _rows() -> dict[str, int]:
    return {
        model.__name__: model.objects.count()
        for model in (Body, Membership, Meeting, AgendaItem, Attendance, LocalDecision, Person)
    }


def _workbook(code: str = "1085") -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(case_to_xlsx(case_snapshot(code))))


def _save(wb: openpyxl.Workbook) -> bytes:
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def _row_of(ws: Any, value: str, column: str = "A") -> int:
    return next(cell.row for cell in ws[column] if cell.value == value)


def _edited_workbook() -> bytes:
    """The PLO member becomes an expert; a second PLO general practitioner joins."""
    wb = _workbook()
    members = wb["Medlemmer"]
    row = _row_of(members, "m3")
    assert members[f"E{row}"].value == "praktiserende læge"
    members[f"E{row}"] = "fagkyndig"
    members.append(
        [
            "m99",
            "holbaek-political",
            "holbaek-p99",
            "Ny Læge",
            "praktiserende læge",
            "PLO",
            None,
            None,
            "nej",
            None,
            "nej",
            "nej",
            "nej",
            dt.datetime(2026, 1, 1),
            None,
        ]
    )
    return _save(wb)


def _broken_workbook() -> bytes:
    wb = _workbook()
    members = wb["Medlemmer"]
    members["E3"] = "borgmestre"
    members["N4"] = "i går"
    members["G5"] = "999"
    wb["Organer"]["B2"] = "udvalg"
    return _save(wb)


def _upload(client: Client, data: bytes, name: str = "sjaelland.xlsx") -> Any:
    return client.post(IMPORT_URL, {"file": SimpleUploadedFile(name, data, content_type=XLSX)})


# --- Downloads ----------------------------------------------------------------------------------------------


def test_exports_download_for_logged_in_users(sjaelland: str, login: Any) -> None:
    client = login("hovedstaden")  # any logged-in user may read another region's governance
    xlsx = client.get("/regioner/1085/eksport.xlsx")
    assert xlsx.status_code == 200
    assert xlsx["Content-Type"] == XLSX
    assert 'filename="sundhedsaftale-1085.xlsx"' in xlsx["Content-Disposition"]
    wb = openpyxl.load_workbook(io.BytesIO(xlsx.content))
    assert "Medlemmer" in wb.sheetnames
    assert wb["Organer"]["A2"].value == "holbaek-political"

    archive = client.get("/regioner/1085/eksport.zip")
    assert archive.status_code == 200
    assert archive["Content-Type"] == "application/zip"
    with zipfile.ZipFile(io.BytesIO(archive.content)) as z:
        assert "Medlemmer.csv" in z.namelist()

    casefile = client.get("/regioner/1085/sagsfil.json")
    assert casefile.status_code == 200
    assert casefile["Content-Type"] == "application/json"
    exported = RegionCase.model_validate_json(casefile.content)
    assert exported.as_of is not None  # when the data is from, for the import to see what changed since
    assert exported.model_copy(update={"as_of": None}) == case_snapshot("1085")

    assert Client().get("/regioner/1085/eksport.xlsx").status_code == 302  # to the login page
    assert client.get("/regioner/9999/eksport.xlsx").status_code == 404


def test_api_export_in_every_format(sjaelland: str, login: Any) -> None:
    client = login("sst")
    for fmt, content_type in (("xlsx", XLSX), ("csv", "application/zip"), ("json", "application/json")):
        response = client.get(f"/api/v1/regions/1085/export?format={fmt}")
        assert response.status_code == 200, fmt
        assert response["Content-Type"] == content_type
    wb = openpyxl.load_workbook(io.BytesIO(client.get("/api/v1/regions/1085/export").content))
    assert wb.sheetnames[0] == "Om"
    assert client.get("/api/v1/regions/1085/export?format=pdf").status_code == 422
    assert Client().get("/api/v1/regions/1085/export").status_code == 401


# --- Import through the pages -------------------------------------------------------------------------------


def test_import_page_previews_then_confirm_replaces_data_and_is_audited(
    sjaelland: str, login: Any, settings: Any
) -> None:
    client = login("sjaelland")
    page = client.get(IMPORT_URL)
    assert page.status_code == 200
    assert 'enctype="multipart/form-data"' in page.content.decode()

    before = _rows()
    seats = len(case_snapshot("1085").bodies[0].memberships)
    preview = _upload(client, _edited_workbook())
    assert preview.status_code == 200
    html = preview.content.decode()
    assert 'id="changes"' in html
    rows = {r["label"]: r["counts"] for r in preview.context["rows"]}
    assert rows["Medlemmer"] == {"added": 1, "changed": 1, "removed": 0, "unchanged": seats - 1}
    assert rows["Organer"] == {"added": 0, "changed": 0, "removed": 0, "unchanged": 1}
    assert _rows() == before  # nothing is saved by the preview
    assert not AuditEntry.objects.filter(action="case_import", actor__isnull=False).exists()

    token = preview.context["token"]
    confirmed = client.post(IMPORT_URL, {"action": "confirm", "token": token})
    assert confirmed.status_code == 302
    assert confirmed["Location"] == "/regioner/1085/"
    case = case_snapshot("1085")
    members = {m.id: m for m in case.bodies[0].memberships}
    assert members["m3"].role is MemberRole.EXPERT
    assert members["m99"].name == "Ny Læge"
    assert _rows()["Membership"] == before["Membership"] + 1

    entry = AuditEntry.objects.get(action="case_import", actor__isnull=False)
    assert entry.actor is not None
    assert entry.actor.username == "sjaelland"
    assert entry.region_code == "1085"
    assert entry.after["memberships"] == seats + 1

    # The stored file is gone and the token cannot be used again.
    assert not list((Path(settings.MEDIA_ROOT) / "imports").glob("*.upload"))
    again = client.post(IMPORT_URL, {"action": "confirm", "token": token})
    assert again.status_code == 302
    assert AuditEntry.objects.filter(action="case_import", actor__isnull=False).count() == 1


def test_an_unchanged_export_previews_as_no_change(sjaelland: str, login: Any) -> None:
    client = login("sjaelland")
    for name, data in (
        ("a.xlsx", case_to_xlsx(case_snapshot("1085"))),
        ("a.zip", case_to_csv_zip(case_snapshot("1085"))),
        ("a.json", client.get("/regioner/1085/sagsfil.json").content),
    ):
        preview = _upload(client, data, name)
        assert preview.status_code == 200, name
        assert preview.context["any_change"] is False
        assert 'id="no-changes"' in preview.content.decode()


def test_an_import_with_errors_changes_nothing_and_lists_every_problem(sjaelland: str, login: Any) -> None:
    client = login("sjaelland")
    before = _rows()
    response = _upload(client, _broken_workbook())
    assert response.status_code == 422
    html = response.content.decode()
    assert 'data-module="error-summary"' in html
    assert "Filen blev ikke importeret: 4 fejl" in html
    found = {(p.sheet, p.row, p.column) for p in response.context["problems"]}
    assert found == {
        ("Organer", 2, "type"),
        ("Medlemmer", 3, "rolle"),
        ("Medlemmer", 4, "fra"),
        ("Medlemmer", 5, "kommunekode"),
    }
    assert "<strong>Ark 'Medlemmer', række 3, kolonne 'rolle':</strong>" in html
    assert "&#x27;borgmestre&#x27; er ikke en kendt rolle" in html
    assert _rows() == before
    assert not AuditEntry.objects.filter(action="case_import", actor__isnull=False).exists()
    assert not response.context.get("token")


def test_a_file_of_another_kind_or_region_is_refused(sjaelland: str, login: Any) -> None:
    client = login("sjaelland")
    response = _upload(client, b"not a workbook", "notes.txt")
    assert response.status_code == 422
    assert "hverken en Excel-arbejdsbog" in response.content.decode()
    other = openpyxl.load_workbook(io.BytesIO(case_to_xlsx(case_snapshot("1084"))))
    response = _upload(client, _save(other))
    assert response.status_code == 422
    assert ("Om", 4, "Regionskode") in {(p.sheet, p.row, p.column) for p in response.context["problems"]}


def test_another_users_preview_cannot_be_confirmed(sjaelland: str, login: Any) -> None:
    owner = login("sjaelland")
    token = _upload(owner, _edited_workbook()).context["token"]
    before = _rows()
    intruder = login("admin")  # may edit every region, but did not upload this file
    response = intruder.post(IMPORT_URL, {"action": "confirm", "token": token})
    assert response.status_code == 302
    assert response["Location"] == IMPORT_URL
    assert _rows() == before
    assert not AuditEntry.objects.filter(action="case_import", actor__isnull=False).exists()
    # The owner still can.
    assert owner.post(IMPORT_URL, {"action": "confirm", "token": token}).status_code == 302
    assert AuditEntry.objects.filter(action="case_import", actor__isnull=False).count() == 1


def test_a_region_changed_since_the_preview_is_previewed_again(
    sjaelland: str, login: Any, users: Any
) -> None:
    client = login("sjaelland")
    token = _upload(client, _edited_workbook()).context["token"]
    # Saved again meanwhile without a change the file conflicts with: the preview is shown anew.
    body_update(
        actor=users["admin"],
        body_key="holbaek-political",
        expected_version=1,
        data=BodyInput("Sundhedsklyngen Holbæk – politisk niveau"),
    )
    response = client.post(IMPORT_URL, {"action": "confirm", "token": token})
    assert response.status_code == 200
    assert 'id="changed-since"' in response.content.decode()
    assert not AuditEntry.objects.filter(action="case_import", actor__isnull=False).exists()
    assert client.post(IMPORT_URL, {"action": "confirm", "token": token}).status_code == 302
    assert AuditEntry.objects.filter(action="case_import", actor__isnull=False).count() == 1


def test_a_file_older_than_a_removal_in_the_platform_is_refused_naming_the_row(
    sjaelland: str, login: Any
) -> None:
    client = login("sjaelland")
    data = _edited_workbook()
    token = _upload(client, data).context["token"]
    current = case_snapshot("1085")
    body = current.bodies[0]
    gone = body.memberships[-1]
    case_import(
        case=current.model_copy(
            update={"bodies": (body.model_copy(update={"memberships": body.memberships[:-1]}),)}
        ),
        actor=None,
        system=True,
    )
    before = _rows()
    response = client.post(IMPORT_URL, {"action": "confirm", "token": token})
    assert response.status_code == 422
    row = _row_of(openpyxl.load_workbook(io.BytesIO(data))["Medlemmer"], gone.id)
    assert [(p.sheet, p.row, p.column) for p in response.context["problems"]] == [("Medlemmer", row, "id")]
    assert "fjernet" in response.context["problems"][0].message
    assert _rows() == before
    assert not AuditEntry.objects.filter(action="case_import", actor__isnull=False).exists()


def test_cancel_discards_the_upload(sjaelland: str, login: Any, settings: Any) -> None:
    client = login("sjaelland")
    token = _upload(client, _edited_workbook()).context["token"]
    folder = Path(settings.MEDIA_ROOT) / "imports"
    assert len(list(folder.glob("*.upload"))) == 1
    assert client.post(IMPORT_URL, {"action": "cancel", "token": token}).status_code == 302
    assert not list(folder.glob("*.upload"))
    assert client.post(IMPORT_URL, {"action": "confirm", "token": token})["Location"] == IMPORT_URL


def test_only_the_regions_editors_may_import(sjaelland: str, login: Any) -> None:
    for username in ("hovedstaden", "klynge", "medlem", "sst"):
        client = login(username)
        assert client.get(IMPORT_URL).status_code == 403, username
        assert _upload(client, _edited_workbook()).status_code == 403, username
        api = client.post(API_IMPORT, {"file": SimpleUploadedFile("a.xlsx", _edited_workbook())})
        assert api.status_code == 403, username
        assert "detail" in api.json()
    assert login("admin").get(IMPORT_URL).status_code == 200
    assert Client().get(IMPORT_URL).status_code == 302
    assert not AuditEntry.objects.filter(action="case_import", actor__isnull=False).exists()


# --- Import through the API ---------------------------------------------------------------------------------


def test_api_import_dry_run_then_import(sjaelland: str, login: Any) -> None:
    client = login("sjaelland")
    before = _rows()
    seats = len(case_snapshot("1085").bodies[0].memberships)
    dry = client.post(
        API_IMPORT, {"file": SimpleUploadedFile("a.xlsx", _edited_workbook()), "dry_run": "true"}
    )
    assert dry.status_code == 200, dry.content
    body = dry.json()
    assert body["dry_run"] is True
    assert body["imported"] is False
    assert body["changes"]["memberships"] == {"added": 1, "changed": 1, "removed": 0, "unchanged": seats - 1}
    assert _rows() == before

    done = client.post(API_IMPORT, {"file": SimpleUploadedFile("a.xlsx", _edited_workbook())})
    assert done.status_code == 200, done.content
    assert done.json()["imported"] is True
    assert _rows()["Membership"] == before["Membership"] + 1
    assert AuditEntry.objects.filter(action="case_import", actor__username="sjaelland").count() == 1


def test_api_import_with_errors_is_422_with_every_problem(sjaelland: str, login: Any) -> None:
    client = login("sjaelland")
    before = _rows()
    response = client.post(API_IMPORT, {"file": SimpleUploadedFile("bad.xlsx", _broken_workbook())})
    assert response.status_code == 422
    body = response.json()
    assert "4 fejl" in body["detail"]
    assert {(p["sheet"], p["row"], p["column"]) for p in body["problems"]} == {
        ("Organer", 2, "type"),
        ("Medlemmer", 3, "rolle"),
        ("Medlemmer", 4, "fra"),
        ("Medlemmer", 5, "kommunekode"),
    }
    assert all(p["message"] for p in body["problems"])
    assert _rows() == before
    assert not AuditEntry.objects.filter(action="case_import", actor__isnull=False).exists()


def test_api_import_refuses_a_body_id_of_another_region(sjaelland: str, login: Any) -> None:
    """Body ids are unique across regions in the database: reusing one is a problem, not a crash."""
    other = case_snapshot("1084")
    body = case_snapshot("1085").bodies[0]
    taken = body.model_copy(
        update={"id": "hovedstaden-taken", "cluster_id": other.clusters[0].id, "memberships": ()}
    )
    case_import(case=other.model_copy(update={"bodies": (taken,)}), actor=None, system=True)
    wb = _workbook()
    wb["Organer"]["A2"] = "hovedstaden-taken"
    for cell in wb["Medlemmer"]["B"][1:]:
        cell.value = "hovedstaden-taken"
    response = login("sjaelland").post(API_IMPORT, {"file": SimpleUploadedFile("a.xlsx", _save(wb))})
    assert response.status_code == 422
    assert [(p["sheet"], p["row"], p["column"]) for p in response.json()["problems"]] == [
        ("Organer", 2, "id")
    ]


# --- The whole demo region through the database ------------------------------------------------------------


@pytest.mark.django_db
def test_a_demo_region_survives_export_and_import_through_the_database(registry: None, login: Any) -> None:
    demo = next(
        c
        for c in build_national_demo(platform().reference, today=dt.date(2026, 11, 23))
        if c.region.code == "1085"
    )
    case_import(case=demo, actor=None, system=True)
    client = login("sjaelland")
    stored = case_snapshot("1085")
    before = _rows()
    data = client.get("/regioner/1085/eksport.xlsx").content
    response = client.post(API_IMPORT, {"file": SimpleUploadedFile("a.xlsx", data)})
    assert response.status_code == 200, response.content
    assert all(c["added"] == c["changed"] == c["removed"] == 0 for c in response.json()["changes"].values())
    assert case_snapshot("1085") == stored
    assert _rows() == before
    assert json.loads(client.get("/regioner/1085/sagsfil.json").content)["region"]["code"] == "1085"
