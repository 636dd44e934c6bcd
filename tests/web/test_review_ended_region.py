"""Sundhedsstyrelsen's reviewers read, but no longer write into, the record of a region that has ended (ADR 0029,
ADR 0052): from 1 January 2027 Region Sjælland's case takes no receipt, verdict, question, decision, publication
or status-report receipt, from the reviewers' pages or the API, and says why; on 30 December 2026 it still does.
"""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.core.exceptions import PermissionDenied

from sundhedsaftale.accounts.models import AuditEntry
from sundhedsaftale.agreements.models import AuthorityDecision as DecisionRow
from sundhedsaftale.agreements.models import HealthAgreement as AgreementRow
from sundhedsaftale.followup.models import ReportState, StatusReport
from sundhedsaftale.reminders.my_work import my_work
from sundhedsaftale.review import actions
from sundhedsaftale.review.models import FindingReview, IssuedLetter

from .test_review import BLOCKING_RULE, KEY, _case_url, _decide, _import, _review

AFTER = dt.date(2027, 1, 4)
BEFORE = dt.date(2026, 12, 30)
REFUSAL = (
    "Region Sjælland er nedlagt pr. 1. januar 2027 — data er skrivebeskyttet; efterfølger: Region Østdanmark."
)


@pytest.fixture
def submitted(sjaelland, users) -> str:
    """Region Sjælland's agreement, submitted on 20 December 2023 and not yet registered as received."""
    return _import(received=False)


@pytest.fixture
def received(sjaelland, users) -> str:
    """The same agreement, received on 21 December 2023 and under review, no decision yet."""
    return _import(received=True)


def _written() -> tuple[int, int, int, int, int]:
    """Everything a review act writes: verdicts, decisions, letters, audit rows and the agreement's version."""
    return (
        FindingReview.objects.count(),
        DecisionRow.objects.count(),
        IssuedLetter.objects.count(),
        AuditEntry.objects.count(),
        AgreementRow.objects.get(key=KEY).version,
    )


def _sent_report() -> StatusReport:
    return StatusReport.objects.create(
        agreement=AgreementRow.objects.get(key=KEY),
        kind="midterm",
        state=ReportState.SENT,
        sent_on=dt.date(2026, 11, 30),
    )


@pytest.mark.parametrize("username", ["sst", "admin"])
def test_from_1_january_2027_reviewers_pages_refuse_every_act_on_an_ended_regions_case_naming_its_successor(
    received, login, settings, username
) -> None:
    settings.TODAY = AFTER
    client = login(username)
    before = _written()
    refused = [
        _review(client, BLOCKING_RULE, verdict="overruled", reason="Målet er nævnt i bilag 2."),
        client.post(f"/sst/aftaler/{KEY}/spoergsmaal/", {"asked_on": "2027-01-04", "question": "Hvordan?"}),
        _decide(client),
        client.post(f"/aftaler/{KEY}/spoergsmaal/svar/", {"answered_on": "2027-01-04", "answer": "Sådan."}),
    ]
    for response in refused:
        assert response.status_code == 403
        assert REFUSAL in response.content.decode()
    assert _written() == before


def test_from_1_january_2027_the_receipt_of_an_ended_regions_submission_is_refused_and_no_letter_issued(
    submitted, login, users, settings
) -> None:
    settings.TODAY = AFTER
    sst = login("sst")
    assert 'id="receipt-form"' not in sst.get(_case_url()).content.decode()
    response = sst.post(
        f"/sst/aftaler/{KEY}/modtagelse/", {"received_on": "2023-12-21", "reference": "", "version": 1}
    )
    assert response.status_code == 403
    assert not IssuedLetter.objects.exists()
    with pytest.raises(PermissionDenied, match="Region Østdanmark"):
        actions.receipt_register(
            actor=users["sst"],
            agreement_key=KEY,
            expected_version=AgreementRow.objects.get(key=KEY).version,
            received_on=dt.date(2023, 12, 21),
        )
    assert not IssuedLetter.objects.exists()


def test_an_ended_regions_case_stays_readable_for_reviewers_without_forms(received, login, settings) -> None:
    settings.TODAY = AFTER
    sst = login("sst")
    page = sst.get(_case_url())
    assert page.status_code == 200
    html = page.content.decode()
    assert "Region Sjælland er nedlagt pr. 1. januar 2027 — data er skrivebeskyttet" in html
    for form in (
        'id="decision-form"',
        'id="request-form"',
        'class="finding-review-form"',
        'id="answer-form"',
    ):
        assert form not in html
    assert BLOCKING_RULE in html  # the assessment is still shown
    assert f'data-agreement="{KEY}"' in sst.get("/sst/?dato=2024-02-05").content.decode()
    assert sst.get(f"/api/v1/review/agreements/{KEY}/assessment?at=2024-02-05").status_code == 200


def test_from_1_january_2027_the_review_api_refuses_verdicts_and_decisions_on_an_ended_region(
    received, login, settings
) -> None:
    settings.TODAY = AFTER
    sst = login("sst")
    base = f"/api/v1/review/agreements/{KEY}"
    before = _written()
    verdict = sst.post(
        f"{base}/findings/{BLOCKING_RULE}",
        json.dumps({"verdict": "overruled", "reason": "Målet er nævnt i bilag 2.", "on": "2024-02-05"}),
        content_type="application/json",
    )
    decision = sst.post(
        f"{base}/decision",
        json.dumps({"kind": "approve", "expected_version": before[-1], "decided_on": "2024-02-08"}),
        content_type="application/json",
    )
    for response in (verdict, decision):
        assert response.status_code == 403
        assert response.json()["detail"] == REFUSAL
    assert _written() == before


def test_on_30_december_2026_reviewers_still_act_on_region_sjaellands_case(received, login, settings) -> None:
    settings.TODAY = BEFORE
    sst = login("sst")
    assert 'id="decision-form"' in sst.get(_case_url()).content.decode()
    assert (
        _review(sst, BLOCKING_RULE, verdict="overruled", reason="Målet er nævnt i bilag 2.").status_code
        == 302
    )
    api = sst.post(
        f"/api/v1/review/agreements/{KEY}/findings/{BLOCKING_RULE}",
        json.dumps({"verdict": "accepted", "expected_version": 1, "on": "2024-02-05"}),
        content_type="application/json",
    )
    assert api.status_code == 200, api.content


def test_from_1_january_2027_the_receipt_of_an_ended_regions_status_report_is_refused(
    received, login, settings
) -> None:
    report = _sent_report()
    settings.TODAY = AFTER
    sst = login("sst")
    shown = sst.get(f"/statusrapporter/{report.pk}/")
    assert shown.status_code == 200
    assert 'id="receipt-form"' not in shown.content.decode()
    page = sst.post(
        f"/statusrapporter/{report.pk}/kvittering/", {"expected_version": report.version, "on": "2027-01-04"}
    )
    api = sst.post(
        f"/api/v1/status-reports/{report.pk}/receipt",
        {"expected_version": report.version, "on": "2027-01-04"},
        content_type="application/json",
    )
    assert page.status_code == 403
    assert REFUSAL in page.content.decode()
    assert api.status_code == 403
    assert api.json()["detail"] == REFUSAL
    report.refresh_from_db()
    assert (report.state, report.received_on) == (ReportState.SENT, None)


def test_on_30_december_2026_the_status_report_receipt_is_still_taken(received, login, settings) -> None:
    report = _sent_report()
    settings.TODAY = BEFORE
    assert 'id="receipt-form"' in login("sst").get(f"/statusrapporter/{report.pk}/").content.decode()
    response = login("sst").post(
        f"/api/v1/status-reports/{report.pk}/receipt",
        {"expected_version": report.version, "on": "2026-12-30"},
        content_type="application/json",
    )
    assert response.status_code == 200, response.content
    report.refresh_from_db()
    assert report.state == ReportState.RECEIVED


def test_my_work_lists_no_review_of_an_ended_region(received, users) -> None:
    report = _sent_report()
    reviewer = users["sst"]
    before = {item.path for item in my_work(reviewer, BEFORE).items}
    after = {item.path for item in my_work(reviewer, AFTER).items}
    assert f"/sst/aftaler/{KEY}/" in before
    assert f"/statusrapporter/{report.pk}/" in before
    assert f"/sst/aftaler/{KEY}/" not in after
    assert f"/statusrapporter/{report.pk}/" not in after


def test_from_1_january_2027_every_review_action_refuses_an_ended_regions_agreement(
    received, users, settings
) -> None:
    """The actions ask the rule themselves, so no caller – page, API or command – writes past it."""
    settings.TODAY = AFTER
    common = {"actor": users["admin"], "agreement_key": KEY}
    version = AgreementRow.objects.get(key=KEY).version
    acts = [
        lambda: actions.finding_review(
            **common, rule_id=BLOCKING_RULE, verdict="accepted", expected_version=0, on=dt.date(2024, 2, 5)
        ),
        lambda: actions.information_request(
            **common, expected_version=version, asked_on=dt.date(2024, 1, 10), question="Hvordan?"
        ),
        lambda: actions.decision_approve(**common, expected_version=version, decided_on=dt.date(2024, 2, 8)),
        lambda: actions.letter_publish(
            **common, expected_version=version, letter_id=0, published_on=dt.date(2024, 2, 9)
        ),
        lambda: actions.recorded_approval_letter_issue(**common),
    ]
    before = _written()
    for act in acts:
        with pytest.raises(PermissionDenied) as refused:
            act()
        assert str(refused.value) == REFUSAL
    assert _written() == before


def test_the_403_page_says_why_only_for_an_ended_region_never_another_refusals_words(rf, users) -> None:
    """An ended region's refusal repeats the banner everyone sees; another refusal's message may name a body of a
    region the user cannot read, so the page keeps to its general words."""
    from sundhedsaftale.registry.clock import EndedRegionRefused
    from sundhedsaftale.web.views import permission_denied

    request = rf.get("/")
    request.user = users["hovedstaden"]
    ended = permission_denied(request, EndedRegionRefused("Region Sjælland er nedlagt pr. 1. januar 2027."))
    assert ended.status_code == 403
    assert "Region Sjælland er nedlagt pr. 1. januar 2027." in ended.content.decode()
    other = permission_denied(
        request, PermissionDenied("Du har ikke adgang til at redigere HEMMELIGT-ORGAN.")
    )
    assert other.status_code == 403
    assert "HEMMELIGT-ORGAN" not in other.content.decode()
    assert "Ingen adgang" in other.content.decode()
