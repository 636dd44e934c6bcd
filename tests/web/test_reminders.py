"""Reminders by e-mail (issue 14, item 6; ADR 0034): due reminders go out once, a rerun sends none, each user's
choice is respected, links are absolute on SUNDHEDSAFTALE_BASE_URL, no region's reminders reach another region,
duties ended by a verified legal change and regions that have ended are never reminded of, and the obligations
feed carries its alarms. Mail goes to Django's locmem backend (``mail.outbox``)."""

from __future__ import annotations

import datetime as dt
import io
import re

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.test import Client
from icalendar import Calendar

from sundhedsaftale.accounts.models import AuditEntry, Role, User
from sundhedsaftale.core.obligations import ObligationStatus, obligations
from sundhedsaftale.demo import build_national_demo
from sundhedsaftale.governance.models import Body, Meeting
from sundhedsaftale.lawbook.models import LawChangeVerification
from sundhedsaftale.reminders import actions
from sundhedsaftale.reminders.actions import reminders_send
from sundhedsaftale.reminders.models import ReminderKind, ReminderPreference, SentReminder
from sundhedsaftale.web.cases import case_import, case_snapshot
from sundhedsaftale.web.platform import platform

from .conftest import _user

pytestmark = pytest.mark.django_db

BASE = "https://sundhedsaftale.example.dk"
# 10 December 2025: the committee's 2025 meeting duty (§ 17, due 31 December) is inside its 30-day warning window,
# and so are those of the Holbæk and Køge political levels once their 2025 meetings are taken out (``demo``).
WARNING_DAY = dt.date(2025, 12, 10)
PLANNED_BODIES = (
    "1085-committee",
    "sjaelland-holbaek-political",
    "sjaelland-koege-political",
    "1084-committee",
)


@pytest.fixture
def demo(registry, users, settings) -> dict[str, User]:
    settings.SUNDHEDSAFTALE_BASE_URL = BASE
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.EMAIL_ENABLED = True
    for case in build_national_demo(platform().reference, today=dt.date(2026, 11, 23)):
        if case.region.code in ("1083", "1084", "1085"):
            case_import(case=case, actor=None, system=True)
    Meeting.objects.filter(
        body__key__in=["sjaelland-holbaek-political", "sjaelland-koege-political"], date__year=2025
    ).delete()
    for key in PLANNED_BODIES:
        body = Body.objects.get(key=key)
        Meeting.objects.create(body=body, key="planlagt", date=dt.date(2025, 12, 17), status="planned")
        Meeting.objects.create(body=body, key="aflyst", date=dt.date(2025, 12, 18), status="cancelled")
    Meeting.objects.create(
        body=Body.objects.get(key="1085-committee"), key="2027", date=dt.date(2027, 1, 20), status="planned"
    )
    users["syddanmark"] = _user("syddanmark", Role.REGION_SECRETARIAT, "1083")
    for user in users.values():
        user.email = f"{user.username}@example.dk"
        user.save()
    return users


def _messages_to(username: str) -> list[mail.EmailMultiAlternatives]:
    return [m for m in mail.outbox if m.to == [f"{username}@example.dk"]]


def _keys(user: User) -> set[str]:
    return set(SentReminder.objects.filter(user=user).values_list("key", flat=True))


def _html(message: mail.EmailMultiAlternatives) -> str:
    return next(str(content) for content, kind in message.alternatives if kind == "text/html")


def test_due_reminders_are_sent_once_and_a_rerun_sends_none(demo) -> None:
    first = reminders_send(today=WARNING_DAY)
    assert first.messages >= 2
    assert not first.failed
    [message] = _messages_to("sjaelland")
    keys = _keys(demo["sjaelland"])
    assert "deadline_approaching:1085-committee:moeder:2025:2025-12-31" in keys
    assert any(k.startswith("meeting_planned:") for k in keys)
    assert message.subject == f"Sundhedsaftale: {len(keys)} påmindelser"

    outbox, log = len(mail.outbox), SentReminder.objects.count()
    again = reminders_send(today=WARNING_DAY)
    assert (again.messages, again.reminders) == (0, 0)
    assert (len(mail.outbox), SentReminder.objects.count()) == (outbox, log)


def test_a_passed_deadline_is_a_reminder_of_its_own_sent_after_the_deadline(demo) -> None:
    reminders_send(today=WARNING_DAY)
    before = _keys(demo["sjaelland"])
    # Passed (31 December) is another reminder than approaching, sent once after the deadline.
    reminders_send(today=dt.date(2026, 1, 5))
    passed = _keys(demo["sjaelland"]) - before
    assert "deadline_passed:1085-committee:moeder:2025:2025-12-31" in passed
    assert not any(k.startswith("deadline_approaching:") for k in passed)


def test_links_are_absolute_on_the_base_url_and_lead_to_the_page_where_the_user_acts(demo) -> None:
    reminders_send(today=WARNING_DAY)
    [message] = _messages_to("sjaelland")
    meeting_pk = next(
        int(k.split(":")[1]) for k in _keys(demo["sjaelland"]) if k.startswith("meeting_planned:")
    )
    for body in (message.body, _html(message)):
        assert f"{BASE}/regioner/1085/frister/" in body
        assert f"{BASE}/moeder/{meeting_pk}/" in body
        assert f"{BASE}/konto/paamindelser/" in body
        links = re.findall(r"https?://[^\s\"<]+", body)
        assert links
        assert all(link.startswith(f"{BASE}/") for link in links)
    # The links answer for the reader.
    client = Client()
    client.force_login(demo["sjaelland"])
    assert client.get("/regioner/1085/frister/").status_code == 200
    assert client.get(f"/moeder/{meeting_pk}/").status_code == 200


def test_no_reminder_reaches_another_region(demo) -> None:
    reminders_send(today=WARNING_DAY)
    for username, code in (("hovedstaden", "1084"), ("sjaelland", "1085"), ("syddanmark", "1083")):
        own_duties = {o.id for o in obligations(platform(), case_snapshot(code), WARNING_DAY)}
        for key in _keys(demo[username]):
            kind, subject = key.split(":", 1)
            if kind.startswith("meeting"):
                assert Meeting.objects.get(pk=int(subject.split(":")[0])).body.region_id == code, key
            else:
                assert subject.rsplit(":", 1)[0] in own_duties, key
    assert not _messages_to("admin")
    assert not _messages_to("sst")


def test_a_cluster_secretariat_gets_its_own_clusters_deadlines_only(demo) -> None:
    reminders_send(today=WARNING_DAY)
    keys = _keys(demo["klynge"])
    assert "deadline_approaching:sjaelland-holbaek-political:moeder:2025:2025-12-31" in keys
    assert any(k.startswith("meeting_planned:") for k in keys)
    assert not any("sjaelland-koege" in k or "1085-committee" in k for k in keys)
    assert all(
        Meeting.objects.get(pk=int(k.split(":")[1])).body.cluster_id == "sjaelland-holbaek"
        for k in keys
        if k.startswith("meeting")
    )


def test_each_users_choice_is_respected(demo) -> None:
    # A member receives nothing by default; this one chose meetings only.
    ReminderPreference.objects.create(
        user=demo["medlem"],
        deadlines_approaching=False,
        deadlines_passed=False,
        meetings=True,
        hearings=False,
    )
    # The region's secretariat chose not to be told of approaching deadlines.
    ReminderPreference.objects.create(
        user=demo["sjaelland"],
        deadlines_approaching=False,
        deadlines_passed=True,
        meetings=True,
        hearings=True,
    )
    reminders_send(today=WARNING_DAY)
    member = {k.split(":")[0] for k in _keys(demo["medlem"])}
    assert member == {ReminderKind.MEETING_PLANNED.value, ReminderKind.MEETING_CANCELLED.value}
    assert not any(k.startswith("deadline_approaching") for k in _keys(demo["sjaelland"]))
    assert _keys(demo["hovedstaden"])  # the defaults: a secretariat gets its region's deadlines


def test_a_user_whose_language_is_english_gets_english(demo) -> None:
    ReminderPreference.objects.create(
        user=demo["sjaelland"],
        deadlines_approaching=True,
        deadlines_passed=True,
        meetings=True,
        hearings=True,
        language="en",
    )
    reminders_send(today=WARNING_DAY)
    [message] = _messages_to("sjaelland")
    assert message.subject.endswith("reminders")
    assert "påmindelse" not in message.subject
    assert "Deadline approaching" in message.body
    assert "Frist nærmer sig" not in message.body
    assert "December 2025" in message.body
    assert '<html lang="en">' in _html(message)
    [danish] = _messages_to("hovedstaden")
    assert "Møde planlagt" in danish.body
    assert "påmindelse" in danish.subject


def test_a_duty_ended_by_a_verified_legal_change_is_never_reminded_of(demo) -> None:
    # Region Syddanmark's final status of the 2024–2027 agreement is due 30 June 2027; its warning begins on
    # 31 May. While the legal change ending it is only expected, the reminder goes out.
    day = dt.date(2027, 6, 5)
    key = "deadline_approaching:1083-sundhedsaftale-2024-2027:slutstatus:2027-06-30"
    reminders_send(today=day)
    assert key in _keys(demo["syddanmark"])

    SentReminder.objects.all().delete()
    for change in platform().changes.changes:
        LawChangeVerification.objects.create(
            change_id=change.id, verified_by=demo["admin"], verified_against="test"
        )
    reminders_send(today=day)
    assert key not in _keys(demo["syddanmark"])


def test_an_ended_region_gets_no_reminders_after_its_end(demo) -> None:
    # Region Sjælland ends on 31 December 2026. On 10 January 2027 its calendar still has a duty passed within the
    # window and a meeting planned on 20 January, but the region is read-only and reminds no one.
    day = dt.date(2027, 1, 10)
    Meeting.objects.filter(body__key="1085-committee", date__year=2026).delete()
    late = [
        o
        for o in obligations(platform(), case_snapshot("1085"), day)
        if o.status is ObligationStatus.OVERDUE and o.due and (day - o.due).days <= 30
    ]
    assert late
    reminders_send(today=day)
    assert not _keys(demo["sjaelland"])
    assert not _keys(demo["klynge"])
    assert not _messages_to("sjaelland")


def test_a_refused_message_leaves_no_log_and_is_sent_by_the_next_run(demo, monkeypatch) -> None:
    def refuse(self, fail_silently: bool = False) -> int:
        raise OSError("forbindelsen blev afvist")

    with monkeypatch.context() as patched:
        patched.setattr("django.core.mail.EmailMultiAlternatives.send", refuse)
        report = reminders_send(today=WARNING_DAY)
    assert "sjaelland" in report.failed
    assert not _keys(demo["sjaelland"])
    reminders_send(today=WARNING_DAY)
    assert _keys(demo["sjaelland"])
    assert len(_messages_to("sjaelland")) == 1


def test_a_reminder_another_run_claimed_meanwhile_is_not_sent_again(demo, monkeypatch) -> None:
    # Another run inserted this row after this run read the log: the unique key makes this run skip it.
    key = "deadline_approaching:1085-committee:moeder:2025:2025-12-31"
    SentReminder.objects.create(user=demo["sjaelland"], key=key, kind=ReminderKind.DEADLINE_APPROACHING)
    monkeypatch.setattr(actions, "_already_sent", lambda user, keys: set())
    report = reminders_send(today=WARNING_DAY)
    assert not report.failed
    [message] = _messages_to("sjaelland")
    assert SentReminder.objects.filter(user=demo["sjaelland"], key=key).count() == 1
    assert message.subject == f"Sundhedsaftale: {len(_keys(demo['sjaelland'])) - 1} påmindelser"


def test_send_reminders_command_reports_and_refuses_without_mail(demo, settings) -> None:
    out = io.StringIO()
    call_command("send_reminders", "--date", WARNING_DAY.isoformat(), stdout=out)
    assert "påmindelser sendt" in out.getvalue()
    settings.EMAIL_ENABLED = False
    with pytest.raises(CommandError, match="SUNDHEDSAFTALE_EMAIL_HOST"):
        call_command("send_reminders", "--date", WARNING_DAY.isoformat(), stdout=io.StringIO())
    with pytest.raises(CommandError, match="ÅÅÅÅ-MM-DD"):
        call_command("send_reminders", "--date", "10.12.2024", stdout=io.StringIO())


# --- The preferences page -----------------------------------------------------------------------------------

PAGE = "/konto/paamindelser/"


def test_preferences_page_asks_to_log_in(client, registry) -> None:
    response = client.get(PAGE)
    assert response.status_code == 302
    assert "/log-ind/" in response["Location"]
    assert client.post(PAGE, {"version": 0}).status_code == 302
    assert not ReminderPreference.objects.exists()


def test_preferences_page_shows_the_roles_defaults_and_saves_the_users_own_choice(login, users) -> None:
    client = login("sjaelland")
    page = client.get(PAGE).content.decode()
    # A secretariat's defaults: every kind on, Danish.
    for name in ("deadlines_approaching", "deadlines_passed", "meetings", "hearings"):
        assert re.search(rf'<input type="checkbox" name="{name}"[^>]* checked', page), name
    assert re.search(r'<input type="radio" name="language" value="da"[^>]* checked', page)
    response = client.post(PAGE, {"deadlines_passed": "on", "language": "en", "version": 0})
    assert response.status_code == 302
    saved = ReminderPreference.objects.get(user=users["sjaelland"])
    assert (saved.deadlines_approaching, saved.deadlines_passed, saved.meetings, saved.language) == (
        False,
        True,
        False,
        "en",
    )
    entry = AuditEntry.objects.get(action="reminder_preferences_update")
    assert entry.actor == users["sjaelland"]
    assert entry.before["deadlines_approaching"] is True
    # Only the user's own row: another user's choice is untouched and still the defaults.
    assert not ReminderPreference.objects.filter(user=users["hovedstaden"]).exists()


def test_a_stale_save_conflicts_and_bad_input_changes_nothing(login, users) -> None:
    client = login("medlem")
    assert client.post(PAGE, {"meetings": "on", "language": "da", "version": 0}).status_code == 302
    stale = client.post(PAGE, {"hearings": "on", "language": "da", "version": 0})
    assert stale.status_code == 200
    assert "ændret et andet sted" in stale.content.decode()
    bad = client.post(PAGE, {"hearings": "on", "language": "fr", "version": 1})
    assert bad.status_code == 200
    assert "Vælg dansk eller engelsk" in bad.content.decode()
    saved = ReminderPreference.objects.get(user=users["medlem"])
    assert (saved.meetings, saved.hearings, saved.version) == (True, False, 1)


# --- The obligations feed's alarms --------------------------------------------------------------------------


def test_obligations_feed_carries_an_alarm_at_each_open_duty_warning_date(demo, client) -> None:
    # The platform's today in the suite is 1 December 2026: every duty open on it has an alarm at its warning date.
    today = dt.date(2026, 12, 1)
    duties = {
        f"{o.id}@sundhedsaftale": o for o in obligations(platform(), case_snapshot("1085"), today) if o.due
    }
    calendar = Calendar.from_ical(client.get("/regioner/1085/frister.ics").content)
    events = {str(e["UID"]): e for e in calendar.walk("VEVENT")}
    assert set(events) == set(duties)
    open_duties = [
        uid for uid, o in duties.items() if o.status in (ObligationStatus.DUE, ObligationStatus.OVERDUE)
    ]
    assert open_duties
    for uid in open_duties:
        [alarm] = events[uid].walk("VALARM")
        assert alarm["ACTION"] == "DISPLAY"
        assert alarm.decoded("TRIGGER") == -(duties[uid].due - duties[uid].warn_from)
        assert alarm.decoded("TRIGGER") == -dt.timedelta(days=30)
    closed = [uid for uid, o in duties.items() if o.status is ObligationStatus.DONE]
    assert closed
    assert all(not events[uid].walk("VALARM") for uid in closed)
