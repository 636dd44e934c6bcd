"""Loading the demo's follow-up (``demo._followup``) through the follow-up's actions, once."""

from __future__ import annotations

import datetime as dt

from sundhedsaftale.core.case import BodyKind
from sundhedsaftale.demo import DEMO_REGION_CODE, demo_followup
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
