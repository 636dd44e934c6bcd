"""Loading the demo's follow-up (``demo._followup``) through the follow-up's actions, once."""

from __future__ import annotations

import datetime as dt

from sundhedsaftale.agreements.models import HealthAgreement
from sundhedsaftale.core.case import BodyKind
from sundhedsaftale.demo import DEMO_REGION_CODE, LIVE_REGION_CODE, demo_followup
from sundhedsaftale.governance.models import Meeting
from sundhedsaftale.web.cases import case_snapshot

from .actions import (
    ReviewInput,
    status_report_create,
    status_report_receipt,
    status_report_send,
    status_report_update,
    yearly_review_record,
)
from .models import ReportKind, StatusReport, YearlyReviewRecord

LAST_YEAR = 2027  # the last year of the Sundhedsaftaler 2024–2027


def followup_demo_load(today: dt.date) -> None:
    """Region Sjælland's yearly reviews and its midterm status, sent and received. The case already holds their
    dates (``core_recorded``), so the core's records are not written twice."""
    data = demo_followup(case_snapshot(DEMO_REGION_CODE), today)
    if data is None:
        return
    for review in data.reviews:
        if YearlyReviewRecord.objects.filter(agreement__key=data.agreement, year=review.year).exists():
            continue
        meeting = Meeting.objects.get(
            body__region_id=DEMO_REGION_CODE, body__kind=BodyKind.COMMITTEE.value, date=review.held_on
        )
        yearly_review_record(
            actor=None,
            agreement_key=data.agreement,
            expected_version=0,
            data=ReviewInput(review.year, meeting.pk, review.revise, review.reasons),
            system=True,
            core_recorded=True,
        )
    if StatusReport.objects.filter(agreement__key=data.agreement, kind=ReportKind.MIDTERM).exists():
        return
    report = status_report_create(
        actor=None, agreement_key=data.agreement, kind=ReportKind.MIDTERM, system=True
    )
    report = status_report_update(
        actor=None,
        report_pk=report.pk,
        expected_version=report.version,
        content=data.midterm.model_dump(mode="json"),
        system=True,
    )
    report = status_report_send(
        actor=None,
        report_pk=report.pk,
        expected_version=report.version,
        sent_on=data.midterm_sent_on,
        system=True,
        core_recorded=True,
    )
    if data.midterm_received_on < today:
        status_report_receipt(
            actor=None,
            report_pk=report.pk,
            expected_version=report.version,
            received_on=data.midterm_received_on,
            reference=data.receipt_reference,
            system=True,
        )


def final_status_demo_load(today: dt.date) -> str:
    """In the last year of the 2024–2027 agreements, Region Midtjylland's secretariat drafts the agreement's final
    status (kapitel 6; the rules give its deadline): work waiting for a region that continues after 2026 (ADR 0040).
    Returns what was done (one line for ``setup_demo``'s output)."""
    if today.year != LAST_YEAR:
        return f"Slutstatus: ingen kladde pr. {today.isoformat()} (kun i aftalernes sidste år, {LAST_YEAR})."
    key = f"{LIVE_REGION_CODE}-sundhedsaftale-2024-2027"
    if StatusReport.objects.filter(agreement__key=key, kind=ReportKind.FINAL).exists():
        return "Slutstatus: findes allerede."
    if not HealthAgreement.objects.filter(key=key).exists():
        return "Slutstatus: aftalen findes ikke; intet indlæst."
    status_report_create(actor=None, agreement_key=key, kind=ReportKind.FINAL, system=True)
    return "Slutstatus: kladde til Region Midtjyllands slutstatus for Sundhedsaftale 2024–2027 oprettet."
