"""The health agreement's pages, actions and API: versions, steps of its life, documents, obligations."""

from __future__ import annotations

import datetime as dt
import io
import json

import pytest
from docx import Document as WordDocument
from icalendar import Calendar

from sundhedsaftale.accounts.models import AuditEntry
from sundhedsaftale.agreements.actions import agreement_create, content_save, step_record
from sundhedsaftale.agreements.models import AgreementVersion, FrozenVersion, HealthAgreement
from sundhedsaftale.core.case import (
    AgreementContent,
    Body,
    BodyKind,
    CouncilApproval,
    Hearing,
    Meeting,
    MeetingKind,
    OverarchingGoal,
    TargetGroup,
)
from sundhedsaftale.core.lifecycle import Step
from sundhedsaftale.demo import build_national_demo
from sundhedsaftale.web.cases import case_import, case_snapshot
from sundhedsaftale.web.platform import platform

AT = "2024-03-01"


def _content(title: str = "Sammenhængende forløb for ældre") -> AgreementContent:
    return AgreementContent(
        vision="Borgeren oplever ét sammenhængende sundhedsvæsen.",
        target_groups=(TargetGroup(id="aeldre", name="Ældre medicinske patienter", data_sources=("LPR",)),),
        overarching_goals=(
            OverarchingGoal(id="M1", title=title, national_goals=(1, 2), target_group_ids=("aeldre",)),
        ),
    )


@pytest.fixture
def agreement(sjaelland, users) -> str:
    # The committee met the patient involvement committee before drafting (§ 29, stk. 1).
    base = case_snapshot("1085")
    committee = Body(id="1085-ssu", kind=BodyKind.COMMITTEE, name="Sundhedssamarbejdsudvalget")
    kickoff = Meeting(
        id="1085-kickoff",
        body_id=committee.id,
        date=dt.date(2023, 3, 14),
        kind=MeetingKind.AGREEMENT_KICKOFF,
        patient_committee_invited=True,
    )
    case_import(
        case=base.model_copy(update={"bodies": (*base.bodies, committee), "meetings": (kickoff,)}),
        actor=None,
        system=True,
    )
    row = agreement_create(
        actor=users["sjaelland"],
        region_code="1085",
        title="Sundhedsaftale 2024–2027",
        election_period_start=2022,
    )
    content_save(
        actor=users["sjaelland"],
        agreement_key=row.key,
        expected_version=row.version,
        content=_content(),
        label="1.0",
        effective_date=dt.date(2024, 1, 1),
    )
    # The patient involvement committee is heard on the draft before the councils approve it (§ 29, stk. 2).
    step_record(
        actor=users["sjaelland"],
        agreement_key=row.key,
        expected_version=_version(row.key),
        step=Step.START_HEARING,
        record=Hearing(sent_on=dt.date(2023, 8, 15), response_deadline=dt.date(2023, 9, 15)),
        on=dt.date(2023, 8, 15),
    )
    return row.key


def _version(key: str) -> int:
    return HealthAgreement.objects.get(key=key).version


def _approve_all(key: str, users, *, except_code: str | None = None) -> None:
    case = case_snapshot("1085")
    for code in [case.region.code, *(m.code for m in case.municipalities)]:
        if code == except_code:
            continue
        step_record(
            actor=users["sjaelland"],
            agreement_key=key,
            expected_version=_version(key),
            step=Step.RECORD_COUNCIL_APPROVAL,
            record=CouncilApproval(
                party_code=code, approved_on=dt.date(2023, 11, 1), reference=f"Møde {code}"
            ),
            on=dt.date(2023, 11, 1),
        )


def _post_step(client, key: str, step: str, data: dict):
    return client.post(f"/aftaler/{key}/trin/{step}/", {"version": _version(key), **data})


def test_submitting_before_every_council_approved_is_refused_with_the_provision(
    agreement, users, login
) -> None:
    _approve_all(agreement, users, except_code="253")  # Greve's council has not approved yet
    client = login("sjaelland")
    before = AgreementVersion.objects.get(agreement__key=agreement, number=2).state

    response = _post_step(
        client, agreement, "submit", {"submitted_on": "2023-12-04", "version_number": "1.0"}
    )

    assert response.status_code == 200
    page = response.content.decode()
    assert "Greve" in page
    assert "§ 21" in page or "afsnit 5.1" in page
    assert not HealthAgreement.objects.get(key=agreement).submissions.exists()
    assert AgreementVersion.objects.get(agreement__key=agreement, number=2).state == before


def test_the_whole_life_through_pages_freezes_the_submitted_version(agreement, users, login) -> None:
    _approve_all(agreement, users)
    region = login("sjaelland")
    response = _post_step(
        region, agreement, "submit", {"submitted_on": "2023-12-04", "version_number": "1.0"}
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    submitted = AgreementVersion.objects.get(agreement__key=agreement, number=2)
    assert submitted.frozen

    # Receipt and decision are the authority's steps, not the region's.
    assert _post_step(region, agreement, "register_receipt", {"received_on": "2023-12-21"}).status_code == 403
    reviewer = login("sst")
    assert (
        _post_step(reviewer, agreement, "register_receipt", {"received_on": "2023-12-21"}).status_code == 302
    )
    assert (
        _post_step(
            reviewer, agreement, "approve", {"decided_on": "2024-02-01", "reference": "J.nr. 1"}
        ).status_code
        == 302
    )
    assert (
        _post_step(
            region, agreement, "publish", {"published_on": "2024-02-10", "party_code": "1085"}
        ).status_code
        == 302
    )

    page = region.get(f"/aftaler/{agreement}/?dato={AT}").content.decode()
    assert "15. februar 2024" in page  # 8 weeks after receipt 21 December 2023 (§ 21, stk. 2)
    assert 'data-stage="approved"' in page
    assert AgreementVersion.objects.get(pk=submitted.pk).state == "published"

    submitted.refresh_from_db()
    submitted.content = {"vision": "Ændret efter indsendelse"}
    with pytest.raises(FrozenVersion):
        submitted.save()
    assert AuditEntry.objects.filter(object_id=agreement, action="agreement_approve").exists()


def test_a_stale_step_is_a_conflict_and_writes_nothing(agreement, users, login) -> None:
    client = login("sjaelland")
    stale = _version(agreement)
    _approve_all(agreement, users, except_code="253")
    response = client.post(
        f"/aftaler/{agreement}/trin/record_council_approval/",
        {"version": stale, "approved_on": "2023-11-02", "party_code": "253", "reference": "Byrådet"},
    )
    assert response.status_code == 200
    assert "ændret af en anden" in response.content.decode()
    assert (
        HealthAgreement.objects.get(key=agreement).records.get("council_approvals", [])[-1]["party_code"]
        != "253"
    )


def test_versions_are_kept_and_the_difference_reads_by_section(agreement, users, login) -> None:
    content_save(
        actor=users["sjaelland"],
        agreement_key=agreement,
        expected_version=_version(agreement),
        content=_content("Sammenhængende forløb for alle ældre"),
        label="1.1",
        effective_date=dt.date(2024, 1, 1),
        note="Målsætning M1 skærpet",
    )
    assert AgreementVersion.objects.filter(agreement__key=agreement).count() == 3
    page = login("medlem").get(f"/aftaler/{agreement}/versioner/?fra=2&til=3").content.decode()
    assert "Overordnede målsætninger" in page
    assert "Målsætning 1 › Titel" in page  # its number, not its id (ADR 0039)
    assert "<ins>alle</ins>" in page
    assert 'data-change="changed"' in page


def test_the_agreement_downloads_as_pdf_and_docx(agreement, login) -> None:
    client = login("medlem")
    pdf = client.get(f"/aftaler/{agreement}/version/0.pdf")
    assert pdf.status_code == 200
    assert pdf.content.startswith(b"%PDF")
    docx = client.get(f"/aftaler/{agreement}/version/2.docx")
    text = "\n".join(p.text for p in WordDocument(io.BytesIO(docx.content)).paragraphs)
    assert "Sammenhængende forløb for ældre" in text


def test_obligations_page_and_calendar_show_the_computed_deadlines(agreement, users, login) -> None:
    _approve_all(agreement, users)
    page = login("medlem").get("/regioner/1085/frister/?dato=2023-12-01").content.decode()
    assert "Frister og pligter" in page
    assert "§ 21, stk. 1" in page
    feed = login("medlem").get("/regioner/1085/frister.ics")
    calendar = Calendar.from_ical(feed.content)
    summaries = [str(e.get("summary")) for e in calendar.walk("VEVENT")]
    assert summaries
    assert len({str(e.get("uid")) for e in calendar.walk("VEVENT")}) == len(summaries)


def test_api_reads_the_agreement_and_refuses_stale_and_illegal_writes(agreement, users, login) -> None:
    client = login("sjaelland")
    body = client.get(f"/api/v1/agreements/{agreement}?at=2023-10-01").json()
    assert body["stage"] == "hearing"  # sent to the patient involvement committee, not yet approved
    assert body["dates"]["submission_deadline"]
    version = body["version"]

    stale = client.put(
        f"/api/v1/agreements/{agreement}/content",
        json.dumps({"expected_version": version - 1, "content": {}}),
        content_type="application/json",
    )
    assert stale.status_code == 409

    illegal = client.post(
        f"/api/v1/agreements/{agreement}/steps/submit",
        json.dumps({"expected_version": version, "values": {"submitted_on": "2023-12-04"}}),
        content_type="application/json",
    )
    assert illegal.status_code == 422
    assert "§ 21" in illegal.json()["detail"] or "5.1" in illegal.json()["detail"]

    bad = client.put(
        f"/api/v1/agreements/{agreement}/content",
        json.dumps(
            {
                "expected_version": version,
                "content": {"overarching_goals": [{"id": "M1", "title": "x", "national_goals": [9]}]},
            }
        ),
        content_type="application/json",
    )
    assert bad.status_code == 422
    assert "national_goals" in bad.json()["detail"]

    bad_date = client.post(
        f"/api/v1/agreements/{agreement}/steps/submit",
        json.dumps({"expected_version": version, "values": {"submitted_on": "4. december"}}),
        content_type="application/json",
    )
    assert bad_date.status_code == 422
    assert "values.submitted_on" in bad_date.json()["detail"]
    assert client.get(f"/api/v1/agreements/{agreement}?at=1.10.2023").status_code == 422

    obligations = client.get(f"/api/v1/regions/1085/obligations?at=2023-12-01&agreement={agreement}").json()
    assert any(o["citation"].startswith("§ 21") for o in obligations)


def test_importing_the_demo_keeps_history_and_round_trips(registry) -> None:
    (case,) = [
        c
        for c in build_national_demo(platform().reference, today=dt.date(2026, 11, 23))
        if c.region.code == "1085"
    ]
    case_import(case=case, actor=None, system=True)
    versions = AgreementVersion.objects.count()
    assert case_snapshot("1085").agreements == case.agreements
    case_import(case=case_snapshot("1085"), actor=None, system=True)
    assert AgreementVersion.objects.count() == versions
    assert case_snapshot("1085").agreements == case.agreements
