"""Issue 14, item 6 for status reports (kapitel 6: sent to Sundhedsstyrelsen "til orientering", receipt letter, no
approval): the reviewers are told by e-mail when a report is sent, the region's secretariat when the receipt letter
is issued; each message links to the page where the reader acts, is sent once, and only to those who chose it."""

from __future__ import annotations

import datetime as dt

import pytest

from sundhedsaftale.agreements.models import HealthAgreement as AgreementRow
from sundhedsaftale.followup.actions import status_report_create, status_report_receipt, status_report_send
from sundhedsaftale.followup.reminders import status_report_candidates
from sundhedsaftale.reminders import actions, sources
from sundhedsaftale.reminders.actions import reminders_send
from sundhedsaftale.reminders.models import ReminderPreference

TODAY = dt.date(2026, 12, 1)  # tests/settings.py pins the platform's today
SENT = dt.date(2026, 11, 20)


@pytest.fixture
def sent(sjaelland, users, settings, monkeypatch):
    settings.EMAIL_ENABLED = True
    # The run asks every registered source; here only this one, so the region's many deadlines are not computed.
    assert status_report_candidates in sources._SOURCES
    monkeypatch.setattr(actions, "candidates", lambda today: list(status_report_candidates(today)))
    for name in ("sst", "sjaelland", "hovedstaden"):
        users[name].email = f"{name}@example.org"
        users[name].save()
    row = AgreementRow.objects.create(
        key="1085-mail", region_id="1085", title="Sundhedsaftale 2024–2027", election_period_start=2022
    )
    report = status_report_create(actor=None, agreement_key=row.key, kind="midterm", system=True)
    return status_report_send(
        actor=None,
        report_pk=report.pk,
        expected_version=report.version,
        sent_on=SENT,
        system=True,
        core_recorded=True,
    )


def _to(mailoutbox, name: str, words: str) -> list:
    return [m for m in mailoutbox if m.to == [f"{name}@example.org"] and words in m.body]


def test_kapitel_6_the_reviewers_are_told_once_that_a_report_was_sent_with_a_link_to_the_receipt(
    sent, mailoutbox
) -> None:
    reminders_send(today=TODAY)
    reminders_send(today=TODAY)

    told = _to(mailoutbox, "sst", "sendt til Sundhedsstyrelsen til orientering")
    assert len(told) == 1
    assert f"/statusrapporter/{sent.pk}/#receipt-form" in told[0].body
    assert not _to(mailoutbox, "sjaelland", "til orientering")


def test_kapitel_6_the_regions_secretariat_is_told_of_the_receipt_letter_and_no_other_region(
    sent, users, mailoutbox
) -> None:
    status_report_receipt(
        actor=users["sst"],
        report_pk=sent.pk,
        expected_version=sent.version,
        received_on=TODAY,
        reference="SST-1",
    )

    reminders_send(today=TODAY)

    told = _to(mailoutbox, "sjaelland", "Sundhedsstyrelsen har kvitteret for midtvejsstatus")
    assert len(told) == 1
    assert f"/statusrapporter/{sent.pk}/#report-state" in told[0].body
    assert "Journalnummer SST-1" in told[0].body
    assert not _to(mailoutbox, "hovedstaden", "kvitteret")
    # Received: the reviewers are no longer asked to record it.
    assert not _to(mailoutbox, "sst", "til orientering")


def test_a_reviewer_who_turned_status_reports_off_gets_no_message(sent, users, login, mailoutbox) -> None:
    client = login("sst")
    page = client.get("/konto/paamindelser/")
    assert 'name="status_reports"' in page.content.decode()
    response = client.post(
        "/konto/paamindelser/",
        {"deadlines_approaching": "on", "language": "da", "version": 0},
    )
    assert response.status_code == 302
    assert ReminderPreference.objects.get(user=users["sst"]).status_reports is False

    reminders_send(today=TODAY)

    assert not _to(mailoutbox, "sst", "til orientering")
