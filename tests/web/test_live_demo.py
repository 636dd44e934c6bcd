"""The demo on today's date (ADR 0040): `setup_demo` on a day gives every demo role work waiting on that day,
and the reviewer's queue a case whose 8 weeks are running (§ 21, stk. 2: "inden for 8 uger efter modtagelsen")."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.management import call_command

from sundhedsaftale.accounts.models import Role, User
from sundhedsaftale.core.lifecycle import Stage
from sundhedsaftale.reminders.my_work import my_work
from sundhedsaftale.review.selectors import review_queue

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("today", [dt.date(2026, 12, 1), dt.date(2026, 6, 15)], ids=str)
def test_every_demo_role_has_work_waiting_on_the_day_the_demo_is_set_up(settings, client, today) -> None:
    settings.TODAY = today.isoformat()
    out = io.StringIO()
    call_command("setup_demo", stdout=out)  # no --today: the platform's today
    assert f"pr. {today.isoformat()}" in out.getvalue()

    running = [e for e in review_queue(today) if e.stage is Stage.UNDER_REVIEW]
    assert len(running) == 1, [e.row.key for e in running]
    (entry,) = running
    received = entry.submission.received_on
    assert received is not None
    assert received < today
    assert entry.dates.review_deadline == received + dt.timedelta(weeks=8)
    assert entry.row.region_id == "1082"

    for user in User.objects.exclude(username="admin").order_by("username"):
        work = my_work(user, today)
        assert not work.empty, user.username
        client.force_login(user)
        page = client.get("/mit-arbejde/").content.decode()
        assert "data-work-kind" in page or "my-work-findings" in page, user.username

    reviewer = my_work(User.objects.get(username="sst"), today)
    (review,) = [i for i in reviewer.items if i.kind == "review"]
    assert review.when == received + dt.timedelta(weeks=8)
    assert review.path == f"/sst/aftaler/{entry.row.key}/"

    if today.month == 12:
        secretariat = my_work(User.objects.get(username="sjaelland"), today)
        assert any(
            i.kind == "deadline_approaching" and i.when.month == today.month and "Høringssvar" in i.title
            for i in secretariat.items
        )


@pytest.mark.parametrize("today", [dt.date(2027, 1, 15), dt.date(2027, 9, 1)], ids=str)
def test_after_2026_every_demo_role_has_work_on_a_region_that_exists_and_every_item_opens(
    settings, client, today
) -> None:
    """Sjælland and Hovedstaden end on 31 December 2026 (reference data; successor Region Østdanmark); the demo's
    work then lies in Region Midtjylland, which continues, and in the transition of the ended regions."""
    settings.TODAY = today.isoformat()
    out = io.StringIO()
    call_command("setup_demo", stdout=out)
    assert "forventes bortfaldet fra 1. januar 2027" in out.getvalue()

    (entry,) = [e for e in review_queue(today) if e.stage is Stage.UNDER_REVIEW]
    assert entry.row.region_id == "1082"
    assert entry.submission.received_on is not None
    assert entry.dates.review_deadline == entry.submission.received_on + dt.timedelta(weeks=8)

    with_work: set[str] = set()
    for user in User.objects.order_by("username"):
        work = my_work(user, today)
        client.force_login(user)
        page = client.get("/mit-arbejde/")
        assert page.status_code == 200, user.username
        if user.region_code in ("1084", "1085"):
            # An ended region's account lands on a page that says so, with where to read its records.
            assert 'data-my-work="ended-region"' in page.content.decode(), user.username
            assert all(i.kind == "transition" for i in work.items), user.username
            assert client.get(f"/regioner/{user.region_code}/").status_code == 200, user.username
        for item in work.items:
            assert client.get(item.path).status_code == 200, (user.username, item.path)
            if item.kind != "transition":
                assert item.subject not in ("Region Sjælland", "Region Hovedstaden"), (user.username, item)
        if not work.empty:
            with_work.add(user.role)
    assert with_work == {role.value for role in Role}

    kinds = {
        i.kind
        for u in ("midtjylland", "medlem-midt")
        for i in my_work(User.objects.get(username=u), today).items
    }
    assert {"meeting", "hearing", "status_report_draft"} <= kinds
    admin = my_work(User.objects.get(username="admin"), today)
    assert {i.path for i in admin.items} == {"/regioner/1084/overgang/", "/regioner/1085/overgang/"}
