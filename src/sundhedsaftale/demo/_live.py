"""The demo's live layer: work that waits on the day the demo is set up (ADR 0040).

The national demo is fixed history (2023–2026) cut at ``today``; on most days nothing in it waits for anyone:
every case in Sundhedsstyrelsen's queue is decided. This layer adds, relative to ``today``, the records that make
every role's "Mit arbejde" show work, and nothing else:

- **A revision in the reviewer's queue.** Region Midtjylland (:data:`LIVE_REGION_CODE`, a region that continues
  after 2026) revises its Sundhedsaftale 2024–2027: its last yearly review held before the revision began found
  that the agreement must be revised (§ 22, stk. 1); the revised draft is heard by the patient involvement
  committee (§ 29, stk. 2), approved by the regional council and every municipal council (vejl. afsnit 5.1),
  submitted (§ 21, stk. 1) and received about three weeks before ``today``, so the authority's 8 weeks
  (§ 21, stk. 2) are running and no decision is recorded.
- **Meetings ahead.** A planned meeting of the Holbæk cluster's political level (the cluster secretariat's and the
  members' work) and of Region Hovedstaden's committee (that secretariat's), a week or two ahead, never after
  :data:`LIVE_LAST_DAY`.
- **A deadline this month in the demo region.** When Region Sjælland's next agreement (2028–2031) is in drafting,
  its draft is in hearing with the patient involvement committee with the answer due on the last day of this month
  (§ 29, stk. 2; the deadline is the committee's own, as the law sets none).

Every record is added through the lifecycle's :func:`~sundhedsaftale.core.lifecycle.apply_step`, which refuses an
illegal one, and every record is dated before ``today`` (a deadline may lie ahead; an event may not). The layer is
empty from 1 January 2027 (:data:`LIVE_LAST_DAY`), when the regime of bek. nr. 1248/2022 is expected to end
(L 214 (2024–25), data/law/changes.yaml): no agreement is submitted under it then, and it says so in ``notes``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Final

from ..core import Platform
from ..core.case import (
    AgreementSubmission,
    CouncilApproval,
    HealthAgreement,
    Hearing,
    Meeting,
    MeetingStatus,
    RegionCase,
)
from ..core.lifecycle import IllegalStep, Step, apply_step
from ..core.periods import danish_date
from ._build import DEMO_REGION_CODE, _holidays

__all__ = ["LIVE_LAST_DAY", "LIVE_REGION_CODE", "LiveLayer", "live_layer", "working_region"]

LIVE_REGION_CODE: Final = "1082"  # Region Midtjylland: continues after 31 December 2026 (ADR 0029)
LIVE_LAST_DAY: Final = dt.date(
    2026, 12, 31
)  # the last day of the regions and committees of bek. nr. 1248/2022
LIVE_VERSION: Final = "2.0"

_DAY = dt.timedelta(days=1)
_WEEK = dt.timedelta(weeks=1)
# Planned meetings the layer adds: body → days ahead of ``today``.
_MEETINGS_AHEAD: Final = {
    "sjaelland-holbaek-political": 9,
    "1084-committee": 12,
    "midtjylland-aarhus-political": 9,
    "1082-patient-committee": 16,
}
# The revision's steps, counted back from ``today``: received three weeks ago, the hearing twelve weeks ago.
_RECEIVED_AGO = 3 * _WEEK
# The revised agreement's own last day (its title: 2024–2027); after it there is nothing left to revise.
_REVISED_UNTIL: Final = dt.date(2027, 12, 31)
_HEARING_AGO = 12 * _WEEK


@dataclass(frozen=True)
class LiveLayer:
    """The demo's cases with the live records added, what was added, and why something was not."""

    cases: tuple[RegionCase, ...]
    received_on: dt.date | None  # the live review case's receipt; None when there is none
    review_agreement_id: str | None
    notes: tuple[str, ...]  # Danish, one line each: what the layer added or why it added nothing


def _working_day_on_or_before(day: dt.date) -> dt.date:
    while day.weekday() >= 5 or day in _holidays(day.year):
        day -= _DAY
    return day


def _month_end(day: dt.date) -> dt.date:
    first_next = dt.date(day.year + day.month // 12, day.month % 12 + 1, 1)
    return first_next - _DAY


def working_region(platform: Platform, today: dt.date) -> str:
    """The region whose secretariat the demo's meeting and hearing rounds belong to on ``today``: Region Sjælland
    (:data:`DEMO_REGION_CODE`) while it exists, then Region Midtjylland (:data:`LIVE_REGION_CODE`), which
    continues (ADR 0040)."""
    end = _region_end(platform, DEMO_REGION_CODE)
    return LIVE_REGION_CODE if end is not None and today > end else DEMO_REGION_CODE


def _region_end(platform: Platform, code: str) -> dt.date | None:
    region = platform.reference.regions.get(code)
    return region.valid_to if region is not None else None


def live_layer(platform: Platform, cases: list[RegionCase], *, today: dt.date) -> LiveLayer:
    """The demo ``cases`` with the records that make work wait on ``today`` (see the module's docstring)."""
    notes: list[str] = []
    if today > LIVE_LAST_DAY:
        notes.append(
            f"Pr. {danish_date(today)}: bek. nr. 1248/2022 forventes bortfaldet fra 1. januar 2027 (L 214 "
            "(2024–25)), men ændringen er ikke bekræftet; platformen anvender fortsat reglerne for de regioner, "
            "der fortsætter, og viser det forventede bortfald."
        )
    result: list[RegionCase] = []
    received: dt.date | None = None
    review_id: str | None = None
    for case in cases:
        end = _region_end(platform, case.region.code)
        if end is not None and today > end:
            notes.append(
                f"{case.region.name} ophørte {danish_date(end)}: intet levende lag; regionens sager kan læses, "
                "ikke ændres, og overgangen til efterfølgeren venter på sekretariatet eller administratoren."
            )
            result.append(case)
            continue
        if case.region.code == LIVE_REGION_CODE:
            try:
                case, received, review_id, note = _revision_in_review(platform, case, today)
            except IllegalStep as refused:  # e.g. a day after the agreement's own period
                note = f"{case.region.name}: ingen revision i Sundhedsstyrelsens kø: {refused}"
            notes.append(note)
        elif case.region.code == DEMO_REGION_CODE:
            case, note = _draft_in_hearing(platform, case, today)
            notes.append(note)
        case, meeting_notes = _meetings_ahead(case, today, end)
        notes += meeting_notes
        result.append(case)
    return LiveLayer(tuple(result), received, review_id, tuple(notes))


def _with_agreement(case: RegionCase, agreement: HealthAgreement) -> RegionCase:
    agreements = tuple(agreement if a.id == agreement.id else a for a in case.agreements)
    return case.model_copy(update={"agreements": agreements})


def _revision_in_review(
    platform: Platform, case: RegionCase, today: dt.date
) -> tuple[RegionCase, dt.date | None, str | None, str]:
    agreement = next((a for a in case.agreements if a.id.endswith("sundhedsaftale-2024-2027")), None)
    if agreement is None:
        return case, None, None, f"{case.region.name}: ingen Sundhedsaftale 2024–2027 at revidere."
    received = _working_day_on_or_before(today - _RECEIVED_AGO)
    if received > _REVISED_UNTIL:
        return (
            case,
            None,
            None,
            f"{case.region.name}: {agreement.title} udløb {danish_date(_REVISED_UNTIL)}; ingen revision at "
            "indsende, og demoen har ingen senere aftale for regionen.",
        )
    submitted = _working_day_on_or_before(received - _DAY)
    sent = _working_day_on_or_before(today - _HEARING_AGO)
    opening = max(
        (r for r in agreement.yearly_reviews if r.held_on < sent), key=lambda r: r.held_on, default=None
    )
    if opening is None:
        return (
            case,
            None,
            None,
            f"{case.region.name}: ingen årlig gennemgang før {danish_date(sent)}, som en revision kan begynde med.",
        )
    # The review that opens the revision is recorded again with its finding (§ 22, stk. 1).
    found = opening.model_copy(
        update={
            "revision_needed": True,
            "note": "Gennemgangen fandt behov for at revidere aftalens målsætninger for genoptræning og "
            "rehabilitering; et revideret udkast udarbejdes (demo).",
        }
    )
    a = agreement.model_copy(
        update={"yearly_reviews": tuple(r for r in agreement.yearly_reviews if r != opening)}
    )
    a = apply_step(platform, case, a, Step.RECORD_YEARLY_REVIEW, found, found.held_on)
    a = a.model_copy(update={"yearly_reviews": tuple(sorted(a.yearly_reviews, key=lambda r: r.held_on))})
    answered = _working_day_on_or_before(sent + 3 * _WEEK)
    hearing = Hearing(
        sent_on=sent,
        response_deadline=sent + 3 * _WEEK,
        version_label=f"Revideret udkast, version {LIVE_VERSION}",
        renewed=True,
    )
    a = apply_step(platform, case, a, Step.START_HEARING, hearing, sent)
    hearing = hearing.model_copy(update={"answered_on": answered})
    a = apply_step(platform, case, a, Step.RECORD_HEARING_ANSWER, hearing, answered)
    regional = _working_day_on_or_before(submitted - _WEEK)
    first = answered + _DAY
    span = max((regional - first).days, 0)
    parties = [case.region.code, *(m.code for m in case.municipalities)]
    for position, code in enumerate(parties):
        day = regional if code == case.region.code else first + dt.timedelta(days=(position * 5) % (span + 1))
        day = max(_working_day_on_or_before(day), first)
        council = "Regionsrådet" if code == case.region.code else "Byrådet"
        approval = CouncilApproval(
            party_code=code,
            approved_on=day,
            reference=f"{council}, møde {danish_date(day)} (revideret aftale)",
            version_label=LIVE_VERSION,
        )
        a = apply_step(platform, case, a, Step.RECORD_COUNCIL_APPROVAL, approval, day)
    submission = AgreementSubmission(submitted_on=submitted, version_number=LIVE_VERSION)
    a = apply_step(platform, case, a, Step.SUBMIT, submission, submitted)
    submission = submission.model_copy(update={"received_on": received})
    a = apply_step(platform, case, a, Step.REGISTER_RECEIPT, submission, received)
    a = a.model_copy(update={"version_number": LIVE_VERSION})
    note = (
        f"{case.region.name}: {agreement.title}, version {LIVE_VERSION}, revideret efter den årlige gennemgang "
        f"{danish_date(opening.held_on)}, indsendt {danish_date(submitted)} og modtaget {danish_date(received)}; "
        f"Sundhedsstyrelsens 8 uger løber (§ 21, stk. 2)."
    )
    return _with_agreement(case, a), received, a.id, note


def _working_day_on_or_after(day: dt.date) -> dt.date:
    while day.weekday() >= 5 or day in _holidays(day.year):
        day += _DAY
    return day


def _meetings_ahead(case: RegionCase, today: dt.date, end: dt.date | None) -> tuple[RegionCase, list[str]]:
    bodies = {b.id: b for b in case.bodies}
    added: list[Meeting] = []
    notes: list[str] = []
    for body_id, ahead in _MEETINGS_AHEAD.items():
        body = bodies.get(body_id)
        if body is None:
            continue
        day = _working_day_on_or_after(today + dt.timedelta(days=ahead))
        if end is not None and day > end:  # a region that ends meets no later than its last day
            day = _working_day_on_or_before(end)
        if day <= today or any(m.body_id == body_id and m.date == day for m in case.meetings):
            notes.append(f"{body.name}: intet ekstra møde før {danish_date(end or day)}.")
            continue
        added.append(
            Meeting(
                id=f"{body_id}-{day.isoformat()}",
                body_id=body_id,
                date=day,
                status=MeetingStatus.PLANNED,
                title="Ekstra møde om opfølgning på sundhedsaftalen",
                location="Regionshuset, mødelokale 2",
            )
        )
        notes.append(f"{body.name}: møde planlagt {danish_date(day)}.")
    if not added:
        return case, notes
    meetings = tuple(sorted((*case.meetings, *added), key=lambda m: (m.date, m.body_id)))
    return case.model_copy(update={"meetings": meetings}), notes


def _draft_in_hearing(platform: Platform, case: RegionCase, today: dt.date) -> tuple[RegionCase, str]:
    draft = next((a for a in case.agreements if a.id.endswith("sundhedsaftale-2028-2031")), None)
    if draft is None:
        return case, f"{case.region.name}: det næste udkast er ikke påbegyndt; ingen høring at sende."
    if draft.hearings:
        return case, f"{case.region.name}: udkastet er allerede i høring."
    sent = _working_day_on_or_before(today - 2 * _WEEK)
    hearing = Hearing(
        sent_on=sent,
        response_deadline=_month_end(today),
        version_label=f"Høringsudkast, version {draft.version_number or '0.3'}",
    )
    try:
        a = apply_step(platform, case, draft, Step.START_HEARING, hearing, sent)
    except IllegalStep as refused:  # e.g. two weeks ago the meeting before the draft (§ 29, stk. 1) was ahead
        return case, f"{case.region.name}: ingen høring af udkastet: {refused}"
    note = (
        f"{case.region.name}: {draft.title} sendt i høring hos patientinddragelsesudvalget {danish_date(sent)}, "
        f"svarfrist {danish_date(hearing.response_deadline or sent)} (§ 29, stk. 2)."
    )
    return _with_agreement(case, a), note
