"""Two runs of ``send_reminders`` at the same instant send each reminder once (ADR 0034): the sent-log's unique
key per user and reminder, written in the transaction that sends, makes the second run skip what the first sent.

The race runs for real, as in ``test_races.py``: two threads with connections of their own on a database of its
own (created, migrated and dropped by the test). On PostgreSQL and SQLite alike.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections import Counter
from collections.abc import Iterator
from typing import Any

import pytest
from django.core import mail

from sundhedsaftale.accounts.models import Role, User
from sundhedsaftale.demo import build_national_demo
from sundhedsaftale.governance.models import Body, Meeting
from sundhedsaftale.registry.actions import sync_reference_data
from sundhedsaftale.reminders.actions import SendReport, reminders_send
from sundhedsaftale.reminders.models import SentReminder
from sundhedsaftale.web.cases import case_import
from sundhedsaftale.web.platform import platform

from .race_database import database_of_its_own, on

DAY = dt.date(2025, 12, 10)
ROUNDS = 5


@pytest.fixture(scope="module")
def reminder_db(django_db_blocker: Any, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with (
        django_db_blocker.unblock(),
        database_of_its_own("reminder_race", tmp_path_factory, _records) as alias,
    ):
        yield alias


def _records() -> None:
    sync_reference_data(platform().reference)
    [sjaelland] = [
        c
        for c in build_national_demo(platform().reference, today=dt.date(2026, 11, 23))
        if c.region.code == "1085"
    ]
    case_import(case=sjaelland, actor=None, system=True)
    body = Body.objects.get(key="1085-committee")
    Meeting.objects.create(body=body, key="planlagt", date=DAY + dt.timedelta(days=7), status="planned")
    for n in range(6):
        User.objects.create_user(
            username=f"sekretariat-{n}",
            role=Role.REGION_SECRETARIAT,
            region_code="1085",
            email=f"s{n}@example.dk",
        )


def _clear() -> None:
    SentReminder.objects.all().delete()


def _log() -> Counter[tuple[int, str]]:
    return Counter(SentReminder.objects.values_list("user_id", "key"))


def _race(alias: str) -> list[SendReport]:
    """Both runs start at the same instant; their reports."""
    start = threading.Barrier(2)
    reports: list[SendReport] = []

    def run() -> None:
        start.wait()
        reports.append(reminders_send(today=DAY))

    threads = [threading.Thread(target=on, args=(alias, run)) for _ in (0, 1)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(reports) == 2
    return reports


def test_two_runs_at_once_send_every_reminder_exactly_once(reminder_db: str, settings: Any) -> None:
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.EMAIL_ENABLED = True
    for _ in range(ROUNDS):
        on(reminder_db, _clear)
        mail.outbox = []
        reports = _race(reminder_db)
        log = on(reminder_db, _log)
        assert log
        assert set(log.values()) == {1}
        assert not any(r.failed for r in reports)
        # Every user got one message from the two runs together, and its reminders are the log's rows.
        assert sorted(m.to[0] for m in mail.outbox) == sorted(f"s{n}@example.dk" for n in range(6))
        assert sum(r.reminders for r in reports) == len(log)
