"""The follow-up on an agreement: the yearly review and the midterm and final status (§ 22, stk. 1; kapitel 6).

Against the demo data: Region Sjælland's agreement 2024–2027 with its yearly reviews 2024 and 2025 and its midterm
status, sent and received. Pages and API alike; permissions, validation, audit, conflict and immutability.
"""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.test import Client
from docx import Document as DocxDocument
from pypdf import PdfReader

from sundhedsaftale.accounts.models import AuditEntry, User
from sundhedsaftale.agreements.models import HealthAgreement as AgreementRow
from sundhedsaftale.agreements.models import VersionState
from sundhedsaftale.core.case import BodyKind
from sundhedsaftale.followup.models import FrozenReport, ReportState, StatusReport, YearlyReviewRecord
from sundhedsaftale.governance.models import Meeting
from sundhedsaftale.web.cases import case_snapshot

# The module's tests share one national demo (tests/web/conftest.py); kept on one worker, it is set up once.
pytestmark = pytest.mark.xdist_group("national-demo-followup")

KEY = "1085-sundhedsaftale-2024-2027"
OTHER_KEY = "1084-sundhedsaftale-2024-2027"


@pytest.fixture
def demo(national_demo, db) -> dict[str, Client]:
    clients = {}
    for name in ("sjaelland", "medlem", "klynge", "sst", "admin"):
        client = Client()
        client.force_login(User.objects.get(username=name))
        clients[name] = client
    clients["other"] = Client()
    other = User.objects.filter(role="region_secretariat").exclude(region_code="1085").first()
    assert other is not None
    clients["other"].force_login(other)
    return clients


def _midterm() -> StatusReport:
    return StatusReport.objects.get(agreement__key=KEY, kind="midterm", number=1)


def _committee_meeting(region: str, year: int, kind: str = BodyKind.COMMITTEE.value) -> Meeting:
    meeting = (
        Meeting.objects.filter(
            body__region_id=region, body__kind=kind, date__year=year, date__lte="2026-12-01"
        )
        .order_by("-date")
        .first()
    )
    assert meeting is not None
    return meeting


# --- Demo data -------------------------------------------------------------------------------------------


def test_demo_holds_sjaellands_yearly_reviews_and_its_midterm_status_received(demo) -> None:
    years = list(YearlyReviewRecord.objects.filter(agreement__key=KEY).values_list("year", flat=True))
    assert years == [2024, 2025]
    report = _midterm()
    assert report.state == ReportState.RECEIVED
    assert report.sent_on == dt.date(2025, 11, 18)
    # The case still holds exactly one midterm record: the demo did not write the core's record twice.
    agreement = case_snapshot("1085").agreement(KEY)
    assert agreement is not None
    assert [s.sent_on for s in agreement.status_reports] == [dt.date(2025, 11, 18)]


# --- § 22, stk. 1: the yearly review ------------------------------------------------------------------------


def test_par22_stk1_yearly_review_records_the_core_review_tied_to_the_committee_meeting(demo) -> None:
    row = AgreementRow.objects.get(key=KEY)
    meeting = _committee_meeting("1085", 2026)
    response = demo["sjaelland"].post(
        f"/aftaler/{KEY}/opfoelgning/gennemgang/ny/",
        {
            "expected_version": row.version,
            "year": 2026,
            "meeting": meeting.pk,
            "revise": "0",
            "reasons": "Aftalen videreføres uændret.",
        },
    )
    assert response.status_code == 302
    review = YearlyReviewRecord.objects.get(agreement=row, year=2026)
    assert review.meeting == meeting
    assert not review.revise
    agreement = case_snapshot("1085").agreement(KEY)
    assert agreement is not None
    assert meeting.date in [r.held_on for r in agreement.yearly_reviews]
    assert AuditEntry.objects.filter(action="yearly_review_record", object_id=str(review.pk)).exists()


def test_par22_stk1_one_review_per_year_a_second_is_refused_naming_the_year(demo) -> None:
    row = AgreementRow.objects.get(key=KEY)
    meeting = _committee_meeting("1085", 2025)
    response = demo["sjaelland"].post(
        f"/aftaler/{KEY}/opfoelgning/gennemgang/ny/",
        {
            "expected_version": row.version,
            "year": 2025,
            "meeting": meeting.pk,
            "revise": "0",
            "reasons": "Igen.",
        },
    )
    assert response.status_code == 200
    assert "gennemgangen for 2025 er allerede registreret" in response.content.decode()
    assert YearlyReviewRecord.objects.filter(agreement=row, year=2025).count() == 1


def test_par22_stk1_a_meeting_of_another_body_is_refused_naming_why(demo) -> None:
    row = AgreementRow.objects.get(key=KEY)
    meeting = _committee_meeting("1085", 2026, BodyKind.POLITICAL_LEVEL.value)
    before = row.version
    response = demo["sjaelland"].post(
        f"/aftaler/{KEY}/opfoelgning/gennemgang/ny/",
        {"expected_version": before, "year": 2026, "meeting": meeting.pk, "revise": "0", "reasons": "Ok."},
    )
    text = response.content.decode()
    assert response.status_code == 200
    assert "ikke i sundhedssamarbejdsudvalget" in text
    assert "én gang årligt gennemgå aftalen" in text
    row.refresh_from_db()
    assert row.version == before
    assert not YearlyReviewRecord.objects.filter(agreement=row, year=2026).exists()


def test_par22_stk1_a_meeting_of_another_region_is_refused(demo) -> None:
    row = AgreementRow.objects.get(key=KEY)
    meeting = _committee_meeting("1084", 2026)
    response = demo["admin"].post(
        f"/api/v1/agreements/{KEY}/yearly-reviews",
        {
            "expected_version": row.version,
            "year": 2026,
            "meeting": meeting.pk,
            "revise": False,
            "reasons": "Ok.",
        },
        content_type="application/json",
    )
    assert response.status_code == 422
    assert "i en anden region" in response.json()["detail"]


def test_par22_stk1_revise_opens_a_draft_copied_from_the_approved_version(demo) -> None:
    row = AgreementRow.objects.get(key=KEY)
    approved = row.versions.exclude(state=VersionState.DRAFT).order_by("-number").first()
    assert approved is not None
    meeting = _committee_meeting("1085", 2026)
    response = demo["sjaelland"].post(
        f"/api/v1/agreements/{KEY}/yearly-reviews",
        {
            "expected_version": row.version,
            "year": 2026,
            "meeting": meeting.pk,
            "revise": True,
            "reasons": "Nye krav.",
        },
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    review = YearlyReviewRecord.objects.get(agreement=row, year=2026)
    assert review.revision_version is not None
    assert review.revision_version.state == VersionState.DRAFT
    assert review.revision_version.content == approved.content
    page = demo["medlem"].get(f"/aftaler/{KEY}/opfoelgning/").content.decode()
    assert "Revisionens vej efter gennemgangen 2026" in page
    assert "indsende den reviderede aftale med en senere frist" in page
    assert f"/aftaler/{KEY}/trin/start_hearing/" in page


def test_yearly_review_with_a_stale_agreement_version_is_a_conflict(demo) -> None:
    row = AgreementRow.objects.get(key=KEY)
    meeting = _committee_meeting("1085", 2026)
    response = demo["sjaelland"].post(
        f"/api/v1/agreements/{KEY}/yearly-reviews",
        {
            "expected_version": row.version - 1,
            "year": 2026,
            "meeting": meeting.pk,
            "revise": False,
            "reasons": "x",
        },
        content_type="application/json",
    )
    assert response.status_code == 409


def test_only_the_regions_secretariat_records_the_review(demo) -> None:
    row = AgreementRow.objects.get(key=KEY)
    meeting = _committee_meeting("1085", 2026)
    for name in ("medlem", "other", "sst"):
        response = demo[name].post(
            f"/api/v1/agreements/{KEY}/yearly-reviews",
            {
                "expected_version": row.version,
                "year": 2026,
                "meeting": meeting.pk,
                "revise": False,
                "reasons": "x",
            },
            content_type="application/json",
        )
        assert response.status_code == 403, name


# --- Status reports: draft → sent → received → published -----------------------------------------------------


def _final(demo) -> StatusReport:
    response = demo["sjaelland"].post(
        f"/api/v1/agreements/{KEY}/status-reports", {"kind": "final"}, content_type="application/json"
    )
    assert response.status_code == 201, response.content
    return StatusReport.objects.get(pk=response.json()["id"])


def test_kapitel6_final_status_is_prefilled_from_the_midterm_keeping_earlier_values(demo) -> None:
    final = _final(demo)
    midterm = _midterm()
    assert final.state == ReportState.DRAFT
    assert final.content["summary"] == midterm.content["summary"]
    values = [c["values"] for i in final.content["items"] for c in i["criteria"] if c["values"]]
    assert values == [c["values"] for i in midterm.content["items"] for c in i["criteria"] if c["values"]]


def test_a_draft_is_readable_by_its_region_only_and_not_by_reviewers(demo) -> None:
    final = _final(demo)
    assert demo["sjaelland"].get(f"/statusrapporter/{final.pk}/").status_code == 200
    assert demo["medlem"].get(f"/statusrapporter/{final.pk}/").status_code == 200
    assert demo["sst"].get(f"/statusrapporter/{final.pk}/").status_code == 403
    assert demo["other"].get(f"/api/v1/status-reports/{final.pk}").status_code == 403


def test_sending_needs_a_status_for_every_goal_and_changes_nothing_when_refused(demo) -> None:
    final = _final(demo)
    first = final.content["items"][0]
    content = {**final.content, "items": [{**first, "status": None}, *final.content["items"][1:]]}
    saved = demo["sjaelland"].put(
        f"/api/v1/status-reports/{final.pk}",
        {"expected_version": final.version, "content": content},
        content_type="application/json",
    )
    assert saved.status_code == 200
    version = saved.json()["version"]
    response = demo["sjaelland"].post(
        f"/api/v1/status-reports/{final.pk}/send",
        {"expected_version": version, "on": "2026-11-30"},
        content_type="application/json",
    )
    assert response.status_code == 422
    assert first["title"] in response.json()["detail"]
    final.refresh_from_db()
    assert final.state == ReportState.DRAFT


def test_a_stale_save_of_a_report_is_a_conflict_and_overwrites_nothing(demo) -> None:
    final = _final(demo)
    stale = final.version
    demo["sjaelland"].put(
        f"/api/v1/status-reports/{final.pk}",
        {"expected_version": stale, "content": {**final.content, "summary": "Første."}},
        content_type="application/json",
    )
    response = demo["sjaelland"].put(
        f"/api/v1/status-reports/{final.pk}",
        {"expected_version": stale, "content": {**final.content, "summary": "Anden."}},
        content_type="application/json",
    )
    assert response.status_code == 409
    final.refresh_from_db()
    assert final.content["summary"] == "Første."


def test_kapitel6_sending_records_the_core_status_report_and_freezes_the_report(demo) -> None:
    final = _final(demo)
    response = demo["sjaelland"].post(
        f"/statusrapporter/{final.pk}/send/", {"expected_version": final.version, "on": "2026-11-30"}
    )
    assert response.status_code == 302
    final.refresh_from_db()
    assert final.state == ReportState.SENT
    assert final.sent_on == dt.date(2026, 11, 30)
    agreement = case_snapshot("1085").agreement(KEY)
    assert agreement is not None
    assert dt.date(2026, 11, 30) in [s.sent_on for s in agreement.status_reports if s.kind.value == "final"]
    # Immutable after sending: the API refuses, the page says so, the model refuses.
    refused = demo["sjaelland"].put(
        f"/api/v1/status-reports/{final.pk}",
        {"expected_version": final.version, "content": {**final.content, "summary": "Ændret."}},
        content_type="application/json",
    )
    assert refused.status_code == 422
    assert "kan ikke ændres" in refused.json()["detail"]
    final.content = {**final.content, "summary": "Ændret."}
    with pytest.raises(FrozenReport):
        final.save()
    # Now the reviewers read it; another region does not.
    assert demo["sst"].get(f"/statusrapporter/{final.pk}/").status_code == 200
    assert demo["other"].get(f"/statusrapporter/{final.pk}/").status_code == 403


def test_a_correction_after_sending_is_a_new_report_version(demo) -> None:
    response = demo["sjaelland"].post(f"/aftaler/{KEY}/opfoelgning/status/ny/", {"kind": "midterm"})
    assert response.status_code == 302
    correction = StatusReport.objects.get(agreement__key=KEY, kind="midterm", number=2)
    assert correction.corrects == _midterm()
    assert correction.state == ReportState.DRAFT
    assert _midterm().state == ReportState.RECEIVED


def test_kapitel6_receipt_is_the_reviewers_letter_for_information_without_approval(demo) -> None:
    final = _final(demo)
    demo["sjaelland"].post(
        f"/statusrapporter/{final.pk}/send/", {"expected_version": final.version, "on": "2026-11-30"}
    )
    final.refresh_from_db()
    denied = demo["sjaelland"].post(
        f"/statusrapporter/{final.pk}/kvittering/", {"expected_version": final.version, "on": "2026-12-01"}
    )
    assert denied.status_code == 403
    response = demo["sst"].post(
        f"/statusrapporter/{final.pk}/kvittering/",
        {"expected_version": final.version, "on": "2026-12-01", "reference": "SST-2026-1"},
    )
    assert response.status_code == 302
    final.refresh_from_db()
    assert final.state == ReportState.RECEIVED
    letter = demo["sjaelland"].get(f"/statusrapporter/{final.pk}/kvittering.pdf")
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(letter.content)).pages)
    assert "Slutstatus er modtaget" in text
    assert "til orientering" in text
    assert "godkender derfor ikke" in text
    assert "SST-2026-1" in text


def test_publishing_is_an_audited_act_and_opens_the_report_to_every_region(demo) -> None:
    midterm = _midterm()
    assert demo["other"].get(f"/statusrapporter/{midterm.pk}/").status_code == 403
    response = demo["sjaelland"].post(
        f"/api/v1/status-reports/{midterm.pk}/publish",
        {"expected_version": midterm.version, "on": "2026-11-30"},
        content_type="application/json",
    )
    assert response.status_code == 200, response.content
    assert AuditEntry.objects.filter(action="status_report_publish", object_id=str(midterm.pk)).exists()
    assert demo["other"].get(f"/statusrapporter/{midterm.pk}/").status_code == 200
    listing = demo["klynge"].get("/statusrapporter/").content.decode()
    assert f"/statusrapporter/{midterm.pk}/" in listing


def test_kapitel6_a_published_report_is_public_without_login_and_before_publication_is_not_found(
    demo,
) -> None:
    midterm = _midterm()
    public = Client()
    path = f"/offentlig/rapporter/{midterm.pk}.pdf"
    assert public.get(path).status_code == 404  # received, not yet published
    assert (
        f"/offentlig/rapporter/{midterm.pk}." not in public.get("/offentlig/regioner/1085/").content.decode()
    )
    demo["sjaelland"].post(
        f"/api/v1/status-reports/{midterm.pk}/publish",
        {"expected_version": midterm.version, "on": "2026-11-30"},
        content_type="application/json",
    )
    response = public.get(path)
    assert response.status_code == 200
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert "Midtvejsstatus" in text
    region_page = public.get("/offentlig/regioner/1085/").content.decode()
    assert f"/offentlig/rapporter/{midterm.pk}.pdf" in region_page
    assert f"/offentlig/rapporter/{midterm.pk}.docx" in region_page
    assert f"/offentlig/rapporter/{midterm.pk}.pdf" in public.get("/offentlig/feed.atom").content.decode()
    # Another region's public page does not list it.
    assert (
        f"/offentlig/rapporter/{midterm.pk}." not in public.get("/offentlig/regioner/1084/").content.decode()
    )


def test_a_report_not_yet_received_cannot_be_published(demo) -> None:
    final = _final(demo)
    response = demo["sjaelland"].post(
        f"/api/v1/status-reports/{final.pk}/publish",
        {"expected_version": final.version, "on": "2026-11-30"},
        content_type="application/json",
    )
    assert response.status_code == 422


def test_a_new_value_missing_its_source_is_refused_naming_goal_and_field(demo) -> None:
    final = _final(demo)
    before = final.version
    item = next(n for n, i in enumerate(final.content["items"]) if i["criteria"])
    response = demo["sjaelland"].post(
        f"/statusrapporter/{final.pk}/rediger/",
        {
            "expected_version": final.version,
            f"i{item}-c0-value": "40",
            f"i{item}-c0-measured_on": "2026-06-30",
        },
    )
    assert response.status_code == 200
    assert "ny måling mangler kilde" in response.content.decode()
    final.refresh_from_db()
    assert final.version == before


# --- Pages, chart, documents ----------------------------------------------------------------------------


def test_report_page_shows_both_midterm_deadlines_and_the_progress_chart_with_its_table(demo) -> None:
    page = demo["medlem"].get(f"/statusrapporter/{_midterm().pk}/").content.decode()
    assert "§ 22, stk. 1" in page
    assert "vejledningens kapitel 6" in page
    assert '<svg xmlns="http://www.w3.org/2000/svg" role="img"' in page
    # Forebyggelige indlæggelser from 44 towards 38: 40,8 is 53 % of the way.
    assert "53 %" in page
    assert "Udviklingen beregnes ikke" in page


def test_report_document_reads_back_goal_names_and_values_from_pdf_and_docx(demo) -> None:
    midterm = _midterm()
    pdf = demo["medlem"].get(f"/statusrapporter/{midterm.pk}/rapport.pdf")
    assert pdf.status_code == 200
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "Tryghed og mestring i eget hjem" in text
    assert "40,8" in text
    docx = demo["medlem"].get(f"/statusrapporter/{midterm.pk}/rapport.docx")
    document = DocxDocument(io.BytesIO(docx.content))
    words = "\n".join(p.text for p in document.paragraphs) + "\n".join(
        cell.text for table in document.tables for row in table.rows for cell in row.cells
    )
    assert "Færre dagligrygere" in words
    assert "12,9" in words


def test_api_lists_only_the_reports_a_user_may_read(demo) -> None:
    final = _final(demo)
    own = {r["id"] for r in demo["medlem"].get(f"/api/v1/agreements/{KEY}/status-reports").json()}
    reviewer = {r["id"] for r in demo["sst"].get(f"/api/v1/agreements/{KEY}/status-reports").json()}
    assert final.pk in own
    assert final.pk not in reviewer
    assert _midterm().pk in reviewer


def test_my_work_lists_the_regions_draft_and_for_reviewers_the_sent_report(demo) -> None:
    final = _final(demo)
    assert f"/statusrapporter/{final.pk}/" in demo["sjaelland"].get("/mit-arbejde/").content.decode()
    assert f"/statusrapporter/{final.pk}/" not in demo["sst"].get("/mit-arbejde/").content.decode()
    content = {**final.content, "items": [{**i, "status": "on_track"} for i in final.content["items"]]}
    saved = demo["sjaelland"].put(
        f"/api/v1/status-reports/{final.pk}",
        {"expected_version": final.version, "content": content},
        content_type="application/json",
    )
    sent = demo["sjaelland"].post(
        f"/api/v1/status-reports/{final.pk}/send",
        {"expected_version": saved.json()["version"], "on": "2026-11-30"},
        content_type="application/json",
    )
    assert sent.status_code == 200, sent.content
    assert f"/statusrapporter/{final.pk}/" in demo["sst"].get("/mit-arbejde/").content.decode()
