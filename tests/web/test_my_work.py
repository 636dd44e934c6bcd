"""My work (issue 15, item 1; ADR 0035): what needs the signed-in person now, per role, by due date, each item
linking to where it is done, the same as a calendar file for the signed-in session only; never anything of
another region, another cluster or a draft the person may not see. And the deadlines page's boxes (issue 15):
the red box lists exactly the overdue duties, the yellow box exactly those due soon, the table the open ones."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from icalendar import Calendar

from sundhedsaftale.accounts.models import Role
from sundhedsaftale.core.obligations import ObligationStatus, obligations
from sundhedsaftale.governance.models import Meeting
from sundhedsaftale.transition.models import TransitionRun
from sundhedsaftale.web.cases import case_snapshot
from sundhedsaftale.web.platform import platform

from .conftest import _user
from .test_reminders import WARNING_DAY, demo  # noqa: F401  (the reminders' demo: meetings and deadlines due)

pytestmark = pytest.mark.django_db


@pytest.fixture
def work(demo, settings, client):  # noqa: F811
    settings.TODAY = WARNING_DAY

    def page(username: str) -> str:
        client.force_login(demo[username])
        response = client.get("/mit-arbejde/")
        assert response.status_code == 200
        return response.content.decode()

    return page


def _meeting(body_key: str, key: str = "planlagt") -> Meeting:
    return Meeting.objects.get(body__key=body_key, key=key)


def _rows(page: str) -> list[str]:
    return re.findall(r'<tr data-work-kind="[^"]+">.*?</tr>', page, re.S)


def test_region_secretariat_sees_its_deadlines_meetings_and_open_findings_by_date(work) -> None:
    page = work("sjaelland")
    rows = _rows(page)
    # § 17's meeting duty for 2025 is inside its warning window on 10 December 2025, and links to the deadlines.
    deadline = next(r for r in rows if 'data-work-kind="deadline_approaching"' in r)
    assert "/regioner/1085/frister/" in deadline
    assert "31. december 2025" in deadline
    # The planned meetings of the bodies it runs, each linking to the meeting; not the cancelled ones.
    for key in ("1085-committee", "sjaelland-holbaek-political", "sjaelland-koege-political"):
        assert f'href="/moeder/{_meeting(key).pk}/"' in page
        assert f'href="/moeder/{_meeting(key, "aflyst").pk}/"' not in page
    # By due date: the meetings of 17 December come before the deadline of 31 December.
    kinds = [re.search(r'data-work-kind="([^"]+)"', r).group(1) for r in rows]  # type: ignore[union-attr]
    assert kinds.index("meeting") < kinds.index("deadline_approaching")
    assert "Fund der kræver handling" in page
    assert 'href="/regioner/1085/fund/"' in page
    # Nothing of another region.
    assert f'href="/moeder/{_meeting("1084-committee").pk}/"' not in page


def test_cluster_secretariat_sees_only_its_own_cluster(work) -> None:
    page = work("klynge")
    assert f'href="/moeder/{_meeting("sjaelland-holbaek-political").pk}/"' in page
    assert f'href="/moeder/{_meeting("sjaelland-koege-political").pk}/"' not in page
    assert f'href="/moeder/{_meeting("1085-committee").pk}/"' not in page
    # Its cluster's deadlines only: the committee's (the region's) duty is not the cluster's.
    own = {
        o.title
        for o in obligations(platform(), case_snapshot("1085"), WARNING_DAY, cluster_id="sjaelland-holbaek")
    }
    for row in _rows(page):
        if "deadline" in row:
            title = re.search(r'<a href="/regioner/1085/frister/">([^<]+)</a>', row).group(1)  # type: ignore[union-attr]
            assert title in own
    # The region's findings are the region secretariat's list.
    assert "Fund der kræver handling" not in page


def test_member_sees_the_regions_meetings_and_no_deadlines_or_findings(work) -> None:
    page = work("medlem")
    assert f'href="/moeder/{_meeting("1085-committee").pk}/"' in page
    assert f'href="/moeder/{_meeting("1084-committee").pk}/"' not in page
    assert "deadline" not in "".join(_rows(page))
    assert "Fund der kræver handling" not in page


def test_another_regions_user_sees_nothing_of_region_sjaelland(work) -> None:
    page = work("hovedstaden")
    assert f'href="/moeder/{_meeting("1084-committee").pk}/"' in page
    for key in ("1085-committee", "sjaelland-holbaek-political", "sjaelland-koege-political"):
        assert f'href="/moeder/{_meeting(key).pk}/"' not in page
    assert "/regioner/1085/" not in page


def test_reviewer_sees_the_open_review_cases_with_their_eight_week_deadline(demo, settings, client) -> None:  # noqa: F811
    # 15 April 2024: Region Syddanmark's agreement is under review, the decision due 15 May 2024 (§ 21, stk. 2: 8 weeks after receipt).
    settings.TODAY = dt.date(2024, 4, 15)
    client.force_login(demo["sst"])
    page = client.get("/mit-arbejde/").content.decode()
    [row] = _rows(page)
    assert 'data-work-kind="review"' in row
    assert "15. maj 2024" in row
    assert 'href="/sst/aftaler/1083-sundhedsaftale-2024-2027/"' in row
    # Decided agreements are not work; no region's meetings or deadlines are the reviewer's.
    assert "1085-sundhedsaftale-2024-2027" not in page
    # A region's secretariat does not get the reviewers' queue.
    client.force_login(demo["syddanmark"])
    assert "/sst/aftaler/" not in client.get("/mit-arbejde/").content.decode()


def test_a_region_that_has_ended_gives_no_work_but_its_transition(demo, settings, client) -> None:  # noqa: F811
    # Region Sjælland ends on 31 December 2026 (ADR 0029); its committee's meeting of 20 January 2027 is no one's
    # work, and its deadlines are no longer computed for anyone. Its transition to Region Østdanmark is its
    # secretariat's work until it is applied (ADR 0040), and the page says that the region has ended.
    settings.TODAY = dt.date(2027, 1, 5)
    client.force_login(demo["sjaelland"])
    page = client.get("/mit-arbejde/").content.decode()
    assert 'data-my-work="ended-region"' in page
    assert f'href="/moeder/{_meeting("1085-committee", "2027").pk}/"' not in page
    assert [re.search(r'data-work-kind="([^"]+)"', r).group(1) for r in _rows(page)] == ["transition"]  # type: ignore[union-attr]
    assert 'href="/regioner/1085/overgang/"' in page
    TransitionRun.objects.create(
        region_id="1085", successor_id="OEST", on=dt.date(2027, 1, 1), digest="x", applied_by_name="system"
    )
    page = client.get("/mit-arbejde/").content.decode()
    assert 'data-my-work="empty"' in page
    assert 'href="/regioner/1085/overgang/"' not in page


def test_nothing_waiting_says_so(work, demo) -> None:  # noqa: F811
    demo["ny"] = _user("ny", Role.MEMBER, "1083")
    Meeting.objects.filter(body__region_id="1083").delete()
    page = work("ny")
    assert 'data-my-work="empty"' in page
    assert not _rows(page)


def test_the_calendar_file_holds_the_same_items_with_alarms_for_the_signed_in_user_only(
    work,
    client,
    demo,  # noqa: F811
) -> None:
    assert client.get("/mit-arbejde/kalender.ics").status_code == 302  # to the sign-in page
    page = work("sjaelland")
    response = client.get("/mit-arbejde/kalender.ics")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    assert "no-store" in response["Cache-Control"]
    events = Calendar.from_ical(response.content).walk("VEVENT")
    assert len(events) == len(_rows(page))
    assert len({str(e.get("uid")) for e in events}) == len(events)
    deadline = next(e for e in events if str(e.get("uid")).startswith("deadline_approaching:"))
    assert deadline.decoded("dtstart") == dt.date(2025, 12, 31)
    [alarm] = deadline.walk("VALARM")
    assert alarm.decoded("trigger") == -dt.timedelta(days=30)  # the warning window's start
    assert str(deadline.get("url")).endswith("/regioner/1085/frister/")
    # Another region's user gets its own items only.
    client.force_login(demo["hovedstaden"])
    other = Calendar.from_ical(client.get("/mit-arbejde/kalender.ics").content).walk("VEVENT")
    assert other
    assert not any("/regioner/1085/" in str(e.get("url")) for e in other)


def test_the_start_page_and_header_link_to_my_work(work, client) -> None:
    work("medlem")
    assert 'href="/mit-arbejde/"' in client.get("/").content.decode()


# ---------------------------------------------------------------------------------------------------------------
# The deadlines page's boxes and filter


def test_deadlines_page_boxes_list_exactly_the_overdue_and_the_soon_due_duties(demo, login) -> None:  # noqa: F811
    day = dt.date(2026, 1, 5)
    items = obligations(platform(), case_snapshot("1085"), day)
    overdue = [o for o in items if o.status is ObligationStatus.OVERDUE]
    soon = [o for o in items if o.status is ObligationStatus.DUE and o.warning(day)]
    assert overdue  # the 2025 meeting duties passed on 31 December
    page = login("sjaelland").get(f"/regioner/1085/frister/?dato={day.isoformat()}").content.decode()
    red = re.search(r'data-box="overdue">(.*?)</div></div>', page, re.S).group(1)  # type: ignore[union-attr]
    assert red.count("<li>") == len(overdue)
    for o in overdue:
        assert o.title in red
    yellow = re.search(r'data-box="warnings">(.*?)</div></div>', page, re.S)
    assert (yellow.group(1).count("<li>") if yellow else 0) == len(soon)
    # An overdue duty is never in the yellow "approaching" box.
    if yellow:
        assert "31. december 2025" not in yellow.group(1)


def test_deadlines_table_lists_open_duties_unless_all_are_asked_for(demo, login) -> None:  # noqa: F811
    day = dt.date(2026, 1, 5)
    items = obligations(platform(), case_snapshot("1085"), day)
    open_ids = [o.id for o in items if o.status not in (ObligationStatus.DONE, ObligationStatus.ENDED)]
    assert len(open_ids) < len(items)
    client = login("sjaelland")
    page = client.get(f"/regioner/1085/frister/?dato={day.isoformat()}").content.decode()
    shown = re.findall(r'<tr data-obligation="([^"]+)" data-status="([^"]+)"', page)
    assert [i for i, _ in shown] == open_ids
    assert not {s for _, s in shown} & {"done", "ended"}
    assert "alle=1" in page
    every = client.get(f"/regioner/1085/frister/?dato={day.isoformat()}&alle=1").content.decode()
    assert '<input type="hidden" name="alle" value="1">' in every  # a new date keeps "show all"
    assert len(re.findall(r"<tr data-obligation=", every)) == len(items)


def test_my_work_in_english_for_an_english_browser(work, client) -> None:
    work("sjaelland")
    page = client.get("/mit-arbejde/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "<h1>My work</h1>" in page
    assert "The deadline is approaching" in page
    assert "Findings that need action" in page
