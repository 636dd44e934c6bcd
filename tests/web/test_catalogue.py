"""The knowledge-sharing catalogue (issue 16, item 4; ADR 0048): § 15, stk. 2, nr. 5 (a committee's well-documented
initiatives put forward for spread) and § 18 (telling the other regions' committees), with the public record's
rule that only what an act published is public."""

from __future__ import annotations

import datetime as dt
import io
import json

import docx
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from pypdf import PdfReader

from sundhedsaftale.accounts.models import AuditEntry
from sundhedsaftale.agreements.models import AgreementVersion, HealthAgreement
from sundhedsaftale.demo import build_national_demo
from sundhedsaftale.followup.demo import followup_demo_load
from sundhedsaftale.followup.models import ReportState, StatusReport
from sundhedsaftale.governance.models import Meeting
from sundhedsaftale.knowledge.actions import CatalogueInvalid, MarkInput, spread_mark
from sundhedsaftale.knowledge.demo import catalogue_demo_load, demo_catalogue_entry
from sundhedsaftale.knowledge.models import Follow, SpreadMark
from sundhedsaftale.knowledge.notices import catalogue_candidates
from sundhedsaftale.knowledge.selectors import mark_state
from sundhedsaftale.registry import clock
from sundhedsaftale.reminders.my_work import my_work
from sundhedsaftale.web.cases import case_import
from sundhedsaftale.web.platform import platform

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 11, 23)
KEY = "1085-sundhedsaftale-2024-2027"
DRAFT_TITLE = "UDKAST-TILTAG-KATALOG-1"


@pytest.fixture
def catalogue(registry, users, monkeypatch) -> None:
    """Region Sjælland's and Region Hovedstaden's demo with the catalogue's marks and follower (the follow-up's
    status report only where a test needs it: it is the slow part)."""
    monkeypatch.setattr(clock, "today", lambda: TODAY)
    for case in build_national_demo(platform().reference, today=TODAY):
        if case.region.code in ("1084", "1085"):
            case_import(case=case, actor=None, system=True)
    catalogue_demo_load(TODAY)


def _committee_meeting(region: str) -> Meeting:
    meeting = (
        Meeting.objects.filter(body__region_id=region, body__kind="committee", date__lte=TODAY)
        .order_by("-date")
        .first()
    )
    assert meeting is not None
    return meeting


def test_the_public_catalogue_lists_initiatives_with_goals_groups_and_the_spread_mark(catalogue) -> None:
    """Afsnit 4.1 and 4.3: collaboration agreements and models of every region, each with its target groups and
    the national goals of the overarching goals it supports; filters narrow it; the JSON twin says the same."""
    client = Client()
    page = client.get("/offentlig/katalog/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "Region Sjælland" in html
    assert "Region Hovedstaden" in html
    data = client.get("/api/v1/public/catalogue").json()
    assert {e["region_code"] for e in data["entries"]} == {"1084", "1085"}
    marked = [e for e in data["entries"] if e["spread"]]
    assert {e["region_code"] for e in marked} == {"1084", "1085"}
    with_goals = [e for e in data["entries"] if e["kind"] == "samarbejdsaftale" and e["national_goals"]]
    assert with_goals
    assert all(e["target_groups"] for e in with_goals)
    goal = with_goals[0]["national_goals"][0]["number"]
    narrowed = client.get(f"/api/v1/public/catalogue?maal={goal}&region=1085&udbredelse=1").json()
    assert narrowed["entries"]
    assert all(e["region_code"] == "1085" for e in narrowed["entries"])
    assert all(e["spread"] for e in narrowed["entries"])
    assert all(goal in [n["number"] for n in e["national_goals"]] for e in narrowed["entries"])
    word = with_goals[0]["title"].split()[0]
    searched = client.get("/api/v1/public/catalogue", {"q": word.upper()}).json()
    assert with_goals[0]["id"] in [e["id"] for e in searched["entries"]]
    # The entry's page, its files and its evidence document, without login.
    entry = marked[0]
    assert client.get(entry["url"]).status_code == 200
    pdf = client.get(entry["files"][0])
    assert pdf["Content-Type"] == "application/pdf"
    text = " ".join(p.extract_text() or "" for p in PdfReader(io.BytesIO(pdf.content)).pages)
    assert entry["title"].split()[0] in text
    word_file = client.get(entry["files"][1])
    paragraphs = " ".join(p.text for p in docx.Document(io.BytesIO(word_file.content)).paragraphs)
    assert "national udbredelse" in paragraphs
    assert client.get(entry["spread"]["document_url"]).status_code == 200
    listing = client.get("/offentlig/katalog/katalog.pdf?region=1084")
    assert listing.status_code == 200
    assert listing["Content-Type"] == "application/pdf"


def test_nothing_unpublished_reaches_the_public_catalogue_but_the_logged_in_one_shows_it(
    catalogue, login
) -> None:
    """Only a published version (afsnit 5.5) and a published status report are public; the logged-in catalogue
    shows the newest version and the reports the user may read."""
    agreement = HealthAgreement.objects.get(key=KEY)
    newest = agreement.versions.order_by("-number").first()
    assert newest is not None
    content = json.loads(json.dumps(newest.content))
    content["collaboration_agreements"][0]["title"] = DRAFT_TITLE
    AgreementVersion.objects.create(
        agreement=agreement, number=newest.number + 1, label="9.9", content=content
    )
    followup_demo_load(TODAY)
    client = Client()
    from sundhedsaftale.public.selectors import every_public_path

    paths = [p for p in every_public_path("1085") if "/katalog/" in p]
    assert any("/tiltag/" in p for p in paths)
    assert any(p.endswith("/dokumentation") for p in paths)
    for path in paths:
        response = client.get(path)
        assert response.status_code == 200, path
        if "html" in response["Content-Type"] or "json" in response["Content-Type"]:
            assert DRAFT_TITLE not in response.content.decode(), path
    assert DRAFT_TITLE not in json.dumps(client.get("/api/v1/public/catalogue").json())
    # The midterm status is received, not published: no result in public, a result for the region's member.
    assert StatusReport.objects.filter(agreement=agreement, state=ReportState.RECEIVED).exists()
    public_entries = client.get("/api/v1/public/catalogue?region=1085").json()["entries"]
    assert all(not e["results"] for e in public_entries)
    member = login("medlem").get("/katalog/?region=1085")
    assert DRAFT_TITLE in member.content.decode()
    entry = demo_catalogue_entry("1085")
    assert entry is not None
    detail = login("medlem").get(f"/katalog/{entry}/")
    assert "Midtvejsstatus" in detail.content.decode()
    assert Client().get("/katalog/").status_code == 302  # the logged-in catalogue needs a login


def test_marking_for_national_spread_is_the_regions_audited_act_at_its_committees_meeting(
    catalogue, users
) -> None:
    """§ 15, stk. 2, nr. 5: the committee puts forward well-documented initiatives; its region's secretariat
    records it with the meeting where it was decided. Another region's meeting is refused, nothing is saved."""
    entry = demo_catalogue_entry("1085", "collaboration_agreements", 1)
    assert entry is not None
    agreement = HealthAgreement.objects.get(key=KEY)
    _key, kind, item = entry.split("~", 2)
    version = mark_state(agreement, kind, item)
    with pytest.raises(CatalogueInvalid) as refused:
        spread_mark(
            actor=users["sjaelland"],
            entry=entry,
            expected_version=version,
            data=MarkInput(evidence="Virker", meeting_pk=_committee_meeting("1084").pk),
            on=TODAY,
        )
    assert refused.value.field == "meeting"
    assert "anden region" in refused.value.message
    with pytest.raises(CatalogueInvalid) as empty:
        spread_mark(
            actor=users["sjaelland"],
            entry=entry,
            expected_version=version,
            data=MarkInput(evidence=" ", meeting_pk=_committee_meeting("1085").pk),
            on=TODAY,
        )
    assert empty.value.field == "evidence"
    with pytest.raises(CatalogueInvalid) as bad_file:
        spread_mark(
            actor=users["sjaelland"],
            entry=entry,
            expected_version=version,
            data=MarkInput(
                evidence="Virker",
                meeting_pk=_committee_meeting("1085").pk,
                document=SimpleUploadedFile("evidens.pdf", b"not a pdf"),
            ),
            on=TODAY,
        )
    assert bad_file.value.field == "document"
    assert not SpreadMark.objects.filter(item_id=item).exists()
    client = Client()
    client.force_login(users["hovedstaden"])
    assert client.post(f"/katalog/{entry}/udbredelse/", {"version": version}).status_code == 403
    client.force_login(users["sjaelland"])
    response = client.post(
        f"/katalog/{entry}/udbredelse/",
        {"version": version, "meeting": _committee_meeting("1085").pk, "evidence": "Færre genindlæggelser"},
    )
    assert response.status_code == 302
    mark = SpreadMark.objects.get(item_id=item, withdrawn_on__isnull=True)
    assert AuditEntry.objects.filter(action="catalogue_mark", object_id=entry).exists()
    # A page opened before the mark is stale; then the mark is withdrawn with a reason, confirmed.
    stale = client.post(
        f"/katalog/{entry}/udbredelse/tilbagekald/", {"version": version, "confirm": "1", "reason": "x"}
    )
    assert stale.status_code == 302
    assert SpreadMark.objects.get(pk=mark.pk).withdrawn_on is None
    client.post(
        f"/katalog/{entry}/udbredelse/tilbagekald/",
        {"version": version + 1, "confirm": "1", "reason": "Evalueringen holdt ikke"},
    )
    assert SpreadMark.objects.get(pk=mark.pk).withdrawn_on == TODAY
    assert AuditEntry.objects.filter(action="catalogue_unmark", reason="Evalueringen holdt ikke").exists()
    public = Client().get(f"/api/v1/public/catalogue/{entry}").json()
    assert public["spread"] is None


def test_a_follower_of_another_region_is_told_of_changes_on_my_work(catalogue, users) -> None:
    """§ 18: the committees inform the other regions' committees. Region Hovedstaden's secretariat follows Region
    Sjælland's initiative; a new mark, its withdrawal and a published status report reach it once each."""
    follower = users["hovedstaden"]
    entry = demo_catalogue_entry("1085")
    assert entry is not None
    assert Follow.objects.filter(user__username="hovedstaden").exists()
    followup_demo_load(TODAY)
    # The demo's mark was made before the follow began on the demo day: not a change to tell.
    before = [c for c in catalogue_candidates(TODAY) if c.may_receive(follower)]
    report = StatusReport.objects.get(agreement__key=KEY, state=ReportState.RECEIVED)
    StatusReport.objects.filter(pk=report.pk).update(state=ReportState.PUBLISHED, published_on=TODAY)
    after = [c for c in catalogue_candidates(TODAY) if c.may_receive(follower)]
    assert len(after) == len(before) + 1
    told = after[-1]
    assert told.region_code == "1084"
    assert "offentliggjort" in told.title
    assert not told.may_receive(users["sjaelland"])
    items = my_work(follower, TODAY).items
    assert any(i.kind == "catalogue" and i.key == told.key for i in items)
    assert not any(i.kind == "catalogue" for i in my_work(users["medlem"], TODAY).items)

    # Following and no longer following from the entry page.
    other = demo_catalogue_entry("1084")
    client = Client()
    client.force_login(users["medlem"])
    assert client.post(f"/katalog/{other}/foelg/").status_code == 302
    assert Follow.objects.filter(user__username="medlem").count() == 1
    assert "Følg ikke længere" in client.get(f"/katalog/{other}/").content.decode()
    client.post(f"/katalog/{other}/foelg/stop/")
    assert not Follow.objects.filter(user__username="medlem").exists()
    assert AuditEntry.objects.filter(action="catalogue_unfollow").exists()
