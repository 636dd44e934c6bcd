"""Obligations as an iCalendar file (RFC 5545): one all-day event per dated obligation, with an alarm where the
warning window begins.

Framework-free. The UID is the obligation's stable id, so a calendar that subscribes to the file updates the
same events instead of adding new ones when statuses change.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from icalendar import Alarm, Calendar, Event

from sundhedsaftale.core.obligations import Obligation, ObligationStatus
from sundhedsaftale.core.periods import danish_date

__all__ = ["ICAL_CONTENT_TYPE", "obligations_calendar"]

ICAL_CONTENT_TYPE = "text/calendar; charset=utf-8"


def obligations_calendar(
    obligations: Iterable[Obligation], *, name: str, stamp: dt.datetime | None = None
) -> bytes:
    """The dated obligations as an iCalendar file; undated ones (the law sets no date) are left out.

    ``stamp`` is the DTSTAMP of every event (default: now, in UTC); pass one for byte-identical output.
    """
    calendar = Calendar()
    calendar.add("prodid", "-//Sundhedsaftale//Frister//DA")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    when = stamp or dt.datetime.now(dt.UTC)
    for o in obligations:
        if o.due is None:
            continue
        event = Event()
        event.add("uid", f"{o.id}@sundhedsaftale")
        event.add("dtstamp", when)
        event.add("dtstart", o.due)
        event.add("dtend", o.due + dt.timedelta(days=1))
        event.add("summary", f"{o.title} ({o.subject_name})")
        lines = [
            f"Status: {o.status.label}" + (f" {danish_date(o.done_on)}" if o.done_on else ""),
            f"Frist: {danish_date(o.due)}",
            f"Ansvarlig: {o.responsible}",
            f"Hjemmel: {o.citation}",
            "",
            o.explanation,
            *([o.legal_change[:1].upper() + o.legal_change[1:] + "."] if o.legal_change else []),
        ]
        event.add("description", "\n".join(lines))
        event.add("categories", [o.status.label])
        event.add("transp", "TRANSPARENT")  # a deadline does not make anyone busy
        open_duty = o.status in (ObligationStatus.DUE, ObligationStatus.OVERDUE)
        if open_duty and o.warn_from is not None and o.warn_from < o.due:
            alarm = Alarm()
            alarm.add("action", "DISPLAY")
            alarm.add("description", f"Frist {danish_date(o.due)}: {o.title}")
            alarm.add("trigger", -(o.due - o.warn_from))  # relative to the start of the all-day event
            event.add_component(alarm)
        calendar.add_component(event)
    data: bytes = calendar.to_ical()
    return data
