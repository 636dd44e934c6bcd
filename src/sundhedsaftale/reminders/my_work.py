"""What needs the signed-in person now: the page "Mit arbejde" and its calendar (ADR 0035).

Nothing is computed here that the platform does not already compute elsewhere: deadlines and meetings are the
reminder sources' candidates (``sources``: the obligations calendar with verified legal changes, ended regions
left out, each candidate's own reader rule), open findings are the region's stored findings
(``region_findings_plain``) and a reviewer's cases are the review queue (``review_queue``). This module only
chooses, per role, which of them belong to the person, and never more than the person may see:

- region secretariat: its region's deadlines, the meetings of the bodies it runs, its region's open findings;
- cluster secretariat: its cluster's deadlines and the meetings of its cluster's bodies (the candidates' reader
  rules, ``can_run_body``), nothing of the rest of the region;
- member (also a patient representative, who has a member's account): the planned meetings of the region and
  the hearing rounds the member is named to answer (the hearings' registered reminder source); for an account
  linked to a person (``Person.user``), that person's invitations in place of the same meetings, with the answer;
- reviewer (and administrator): the open review cases with their decision deadline, and the status reports
  sent for information that await a receipt (``followup.selectors.work_items``, ADR 0037);
- region secretariat: also its open drafts of a midterm or final status, on the report's deadline;
- an account of no region sees no region's items;
- a region that ends (Sjælland and Hovedstaden, 31 December 2026): from :data:`TRANSITION_WINDOW_DAYS` before its
  last day until the transition is applied, its transition to the successor (``transition``, ADR 0029) is work
  for those who may apply it, its own secretariat and the administrator; after its last day the region's other
  accounts see that it has ended (``ended_region``), where to read its records, and its successor (ADR 0040).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.urls import reverse
from icalendar import Alarm, Calendar, Event

from sundhedsaftale.accounts.models import Role, User
from sundhedsaftale.accounts.permissions import (
    can_edit_cluster,
    can_edit_region,
    can_migrate_region,
    can_review,
    can_review_region,
    can_view_region,
)
from sundhedsaftale.core.case import MeetingStatus
from sundhedsaftale.core.periods import danish_date
from sundhedsaftale.core.reference import Region
from sundhedsaftale.followup.models import StatusReport
from sundhedsaftale.followup.selectors import draft_reports, sent_reports
from sundhedsaftale.governance.models import Invitation
from sundhedsaftale.governance.stored_findings import OPEN, region_findings_plain
from sundhedsaftale.registry.clock import reference_region, region_ended
from sundhedsaftale.registry.selectors import case_region_codes
from sundhedsaftale.review.selectors import WARNING_DAYS, review_queue
from sundhedsaftale.transition.models import TransitionRun
from sundhedsaftale.web.presenters import provision_url

from .models import ReminderKind
from .sources import Candidate, deadline_candidates, meeting_candidates, registered_candidates

__all__ = [
    "MEETING_ALARM_DAYS",
    "TRANSITION_WINDOW_DAYS",
    "MyWork",
    "WorkItem",
    "my_work",
    "my_work_calendar",
]

# A meeting's calendar alarm rings this many days before it (a platform setting, not law).
MEETING_ALARM_DAYS = 7
# A region's transition to its successor is work from this many days before the region's last day (a platform
# setting, not law).
TRANSITION_WINDOW_DAYS = 60


@dataclass(frozen=True)
class WorkItem:
    """One thing that needs the person, on the day it is due, with the page where it is done."""

    kind: str  # "deadline_passed", "deadline_approaching", "meeting", "hearing", "review", "status_report_*",
    # "transition"
    key: str  # stable across days: the calendar's UID
    when: dt.date
    title: str
    subject: str
    path: str
    citation: str = ""
    detail: str = ""
    warn_from: dt.date | None = None

    @property
    def overdue(self) -> bool:
        return self.kind in ("deadline_passed", "review_overdue")


@dataclass(frozen=True)
class MyWork:
    items: list[WorkItem]  # by due date
    findings: list[dict[str, Any]]  # the region's open findings (region secretariat only)
    findings_path: str
    ended_region: Region | None = None  # the person's region when it has ended (read-only)
    successor: Region | None = None

    @property
    def empty(self) -> bool:
        return not self.items and not self.findings


_KIND = {
    ReminderKind.DEADLINE_PASSED: "deadline_passed",
    ReminderKind.DEADLINE_APPROACHING: "deadline_approaching",
    ReminderKind.MEETING_PLANNED: "meeting",
    ReminderKind.HEARING: "hearing",
    ReminderKind.CATALOGUE: "catalogue",
}


def _from_candidate(c: Candidate) -> WorkItem:
    warn_from = c.warn_from
    if c.kind is ReminderKind.MEETING_PLANNED:
        warn_from = c.when - dt.timedelta(days=MEETING_ALARM_DAYS)
    return WorkItem(
        kind=_KIND[c.kind],
        key=c.key,
        when=c.when,
        title=c.title,
        subject=c.subject,
        path=c.path,
        citation=c.citation,
        detail=c.detail,
        warn_from=warn_from,
    )


def _is_secretariat(user: User, code: str) -> bool:
    if user.role == Role.CLUSTER_SECRETARIAT:
        return bool(user.cluster_id) and can_edit_cluster(user, code, user.cluster_id)
    return can_edit_region(user, code)


def _region_items(user: User, code: str, today: dt.date) -> list[WorkItem]:
    items: list[WorkItem] = []
    if _is_secretariat(user, code):
        items += [
            _from_candidate(c) for c in deadline_candidates(today, region_code=code) if c.may_receive(user)
        ]
    if user.role in (Role.MEMBER, Role.REGION_SECRETARIAT, Role.CLUSTER_SECRETARIAT):
        items += [
            _from_candidate(c)
            for c in meeting_candidates(today, region_code=code)
            if c.kind is ReminderKind.MEETING_PLANNED and c.may_receive(user)
        ]
    # Registered sources (hearings: rounds to answer, deadlines, answers to dispose of) with their reader rules.
    # A status report's messages are news (sent, received), not work: the reports themselves are listed apart.
    items += [
        _from_candidate(c)
        for c in registered_candidates(today, code)
        if c.kind is not ReminderKind.STATUS_REPORT and c.may_receive(user)
    ]
    return items


def _review_items(user: User, today: dt.date) -> list[WorkItem]:
    items = []
    for entry in review_queue(today):
        deadline = entry.dates.review_deadline
        if entry.days_left is None or deadline is None:  # decided, or not received yet
            continue
        if not can_review_region(user, entry.row.region_id, today):  # an ended region's case is read-only
            continue
        items.append(
            WorkItem(
                kind="review_overdue" if entry.days_left < 0 else "review",
                key=f"review:{entry.row.key}:{deadline.isoformat()}",
                when=deadline,
                title=entry.row.title,
                subject=entry.row.region.name,
                path=reverse("review:case", kwargs={"key": entry.row.key}),
                warn_from=deadline - dt.timedelta(days=WARNING_DAYS),
            )
        )
    return items


def _report_items(reports: list[tuple[StatusReport, dt.date, str]], kind: str) -> list[WorkItem]:
    items = []
    for report, when, title in reports:
        pk, agreement = report.pk, report.agreement
        items.append(
            WorkItem(
                kind=kind,
                key=f"status-report:{pk}:{kind}",
                when=when,
                title=title,
                subject=agreement.region.name,
                path=reverse("followup:report", kwargs={"pk": pk}),
                citation="§ 22, stk. 1; kapitel 6",
            )
        )
    return items


def _with_links(finding: dict[str, Any]) -> dict[str, Any]:
    provisions = [{**p, "url": provision_url(p["key"])} for p in finding.get("provisions", [])]
    return {**finding, "provisions": provisions}


def _invitation_items(user: User, today: dt.date) -> list[WorkItem]:
    """The invitations of the person the account is linked to (``Person.user``), to planned meetings from today:
    answered or not, each on the meeting's day, linking to the meeting where it is answered (ADR 0038)."""
    rows = (
        Invitation.objects.filter(
            person__user=user, meeting__status=MeetingStatus.PLANNED.value, meeting__date__gte=today
        )
        .select_related("meeting", "meeting__body")
        .order_by("meeting__date")
    )
    items = []
    for invitation in rows:
        meeting = invitation.meeting
        items.append(
            WorkItem(
                kind="invitation",
                key=f"invitation:{invitation.pk}",
                when=meeting.date,
                title=f"Indkaldelse: {meeting.title or meeting.body.name}",
                subject=meeting.body.name,
                path=reverse("governance:meeting_detail", kwargs={"pk": meeting.pk}),
                detail=f"Dit svar: {invitation.get_answer_display()}",
                warn_from=meeting.date - dt.timedelta(days=MEETING_ALARM_DAYS),
            )
        )
    return items


def _transition_items(user: User, today: dt.date) -> list[WorkItem]:
    items = []
    for code in sorted(case_region_codes()):
        region = reference_region(code)
        if region is None or region.valid_to is None or not region.successor_code:
            continue
        if today < region.valid_to - dt.timedelta(days=TRANSITION_WINDOW_DAYS) or not can_migrate_region(
            user, code
        ):
            continue
        if TransitionRun.objects.filter(region_id=code).exists():
            continue
        successor = reference_region(region.successor_code)
        day = region.valid_to + dt.timedelta(days=1)
        items.append(
            WorkItem(
                kind="transition",
                key=f"transition:{code}",
                when=day,
                title=f"Overgang til {successor.name if successor else region.successor_code}",
                subject=region.name,
                path=reverse("transition:page", kwargs={"code": code}),
                detail=f"{region.name} ophører {danish_date(region.valid_to)}; overgangen fører regionens "
                "personer og åbne arbejde over til efterfølgeren og lader regionens egne sager stå uændrede.",
                warn_from=region.valid_to - dt.timedelta(days=TRANSITION_WINDOW_DAYS),
            )
        )
    return items


def my_work(user: User, today: dt.date) -> MyWork:
    """What needs ``user`` on ``today`` (``registry.clock.today()`` in the views), by due date."""
    items: list[WorkItem] = []
    findings: list[dict[str, Any]] = []
    findings_path = ""
    code = user.region_code
    active = user.is_active and bool(code) and can_view_region(user, code)
    if active and code in case_region_codes() and not region_ended(code, today):
        items += _region_items(user, code, today)
        if user.role in (Role.REGION_SECRETARIAT, Role.ADMINISTRATOR) and can_edit_region(user, code):
            findings = [_with_links(f) for f in region_findings_plain(code, today) if f["status"] in OPEN]
            findings_path = reverse("governance:region_findings", kwargs={"code": code})
            items += _report_items(draft_reports(code, today), "status_report_draft")
        invited = _invitation_items(user, today)
        paths = {i.path for i in invited}
        items = [i for i in items if not (i.kind == "meeting" and i.path in paths)] + invited
    if can_review(user) and user.role == Role.REVIEWER:
        items += _review_items(user, today)
        items += _report_items(
            [sent for sent in sent_reports() if can_review_region(user, sent[0].agreement.region_id, today)],
            "status_report_sent",
        )
    if user.is_active and user.role in (Role.ADMINISTRATOR, Role.REGION_SECRETARIAT):
        items += _transition_items(user, today)
    items.sort(key=lambda i: (i.when, i.kind, i.title))
    ended = reference_region(code) if code and region_ended(code, today) else None
    successor = reference_region(ended.successor_code) if ended and ended.successor_code else None
    return MyWork(
        items=items, findings=findings, findings_path=findings_path, ended_region=ended, successor=successor
    )


def my_work_calendar(
    items: list[WorkItem], *, name: str, base_url: str, stamp: dt.datetime | None = None
) -> bytes:
    """The items as an iCalendar file, as ``interchange.ical`` writes the obligations: one all-day event per
    item, its UID the item's key (stable, so a calendar updates the event instead of adding one), with a
    display alarm where the warning window begins. ``base_url`` makes each event's link absolute."""
    calendar = Calendar()
    calendar.add("prodid", "-//Sundhedsaftale//Mit arbejde//DA")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    when = stamp or dt.datetime.now(dt.UTC)
    for item in items:
        event = Event()
        event.add("uid", f"{item.key}@sundhedsaftale")
        event.add("dtstamp", when)
        event.add("dtstart", item.when)
        event.add("dtend", item.when + dt.timedelta(days=1))
        event.add("summary", f"{item.title} ({item.subject})")
        lines = [f"Dato: {danish_date(item.when)}"]
        if item.citation:
            lines.append(f"Hjemmel: {item.citation}")
        if item.detail:
            lines.append(item.detail)
        url = base_url.rstrip("/") + item.path
        lines.append(url)
        event.add("description", "\n".join(lines))
        event.add("url", url)
        event.add("transp", "TRANSPARENT")
        if item.warn_from is not None and item.warn_from < item.when:
            alarm = Alarm()
            alarm.add("action", "DISPLAY")
            alarm.add("description", f"{danish_date(item.when)}: {item.title}")
            alarm.add("trigger", -(item.when - item.warn_from))
            event.add_component(alarm)
        calendar.add_component(event)
    data: bytes = calendar.to_ical()
    return data
