"""Telling followers that a catalogue entry changed: a reminder source (ADR 0034, ADR 0048).

Computed from the records each run, like every reminder: a change is a new published agreement version whose
entry differs from the version published before it (or where the entry first appears), a newly published status
report on the entry's agreement, and the committee's mark for national spread or its withdrawal. Each change
after the day the user began to follow, and no older than ``PASSED_WINDOW_DAYS``, is a candidate for that user
only; its key names the follower, the entry and the change, so it is sent once (``reminders.actions``) and shown
on "Mit arbejde" (``reminders.my_work``) while it is recent.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from sundhedsaftale.accounts.models import User
from sundhedsaftale.agreements.models import VersionState
from sundhedsaftale.followup.models import ReportKind, ReportState, StatusReport
from sundhedsaftale.public.selectors import _version_published_on
from sundhedsaftale.registry.models import Region
from sundhedsaftale.reminders.models import ReminderKind
from sundhedsaftale.reminders.sources import PASSED_WINDOW_DAYS, Candidate

from .models import EntryKind, Follow, SpreadMark
from .selectors import entry_id

CITATION = "§ 15, stk. 2, nr. 5; § 18"


def _follower(user_pk: int) -> Callable[[User], bool]:
    def may_receive(user: User) -> bool:
        return user.pk == user_pk

    return may_receive


def _item(content: dict[str, Any], kind: str, item_id: str) -> dict[str, Any] | None:
    section = (
        "collaboration_agreements" if kind == EntryKind.COLLABORATION_AGREEMENT else "collaboration_models"
    )
    items: list[Any] = content.get(section) or []
    return next((i for i in items if isinstance(i, dict) and i.get("id") == item_id), None)


def entry_changes(follow: Follow) -> Iterator[tuple[str, dt.date, str]]:
    """``(change key, day, what happened)`` for every change of the followed entry, oldest first."""
    agreement = follow.agreement
    before: dict[str, Any] | None = None
    for version in agreement.versions.filter(state=VersionState.PUBLISHED).order_by("number"):
        now = _item(version.content or {}, follow.entry_kind, follow.item_id)
        if now is not None and now != before:
            day = _version_published_on(agreement, version)
            label = version.label or str(version.number)
            yield (
                f"version-{version.number}",
                day,
                _("ny offentliggjort version %(label)s") % {"label": label},
            )
        before = now
    reports = StatusReport.objects.filter(
        agreement=agreement, state=ReportState.PUBLISHED, published_on__isnull=False
    ).order_by("published_on", "pk")
    for report in reports:
        assert report.published_on is not None
        what = _("%(kind)s %(number)s offentliggjort") % {
            "kind": ReportKind(report.kind).label,
            "number": report.number,
        }
        yield f"report-{report.pk}", report.published_on, what
    marks = SpreadMark.objects.filter(
        agreement=agreement, entry_kind=follow.entry_kind, item_id=follow.item_id
    ).order_by("marked_at")
    for mark in marks:
        yield f"mark-{mark.pk}", mark.marked_on, _("markeret til national udbredelse")
        if mark.withdrawn_on is not None:
            yield (
                f"unmark-{mark.pk}",
                mark.withdrawn_on,
                _("markeringen til national udbredelse er tilbagekaldt"),
            )


def catalogue_candidates(today: dt.date) -> Iterator[Candidate]:
    """One candidate per follower and recent change of a followed entry."""
    oldest = today - dt.timedelta(days=PASSED_WINDOW_DAYS)
    regions = dict(Region.objects.values_list("code", "name"))
    rows = Follow.objects.select_related("user", "agreement").filter(user__is_active=True).order_by("pk")
    for follow in rows:
        entry = entry_id(follow.agreement.key, follow.entry_kind, follow.item_id)
        title = _title(follow)
        for key, day, what in entry_changes(follow):
            if day < follow.since or day < oldest or day > today:
                continue
            yield Candidate(
                kind=ReminderKind.CATALOGUE,
                key=f"catalogue:{follow.user_id}:{entry}:{key}",
                region_code=follow.user.region_code or "",
                title=f"{title}: {what}",
                subject=regions.get(follow.agreement.region_id, follow.agreement.region_id),
                when=day,
                path=reverse("knowledge:entry", args=[entry]),
                may_receive=_follower(follow.user_id),
                citation=CITATION,
            )


def _title(follow: Follow) -> str:
    newest = follow.agreement.versions.order_by("-number").first()
    item = _item(newest.content or {}, follow.entry_kind, follow.item_id) if newest is not None else None
    if isinstance(item, dict) and item.get("title"):
        return str(item["title"])
    return follow.item_id
