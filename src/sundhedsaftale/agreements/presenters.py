"""Shaping an agreement's records for pages: one dated timeline of everything that happened, and the lifecycle as
a stepper with the next legal deadline."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sundhedsaftale.core.case import AUTHORITY_PARTY, AuthorityDecisionKind, HealthAgreement, RegionCase
from sundhedsaftale.core.lifecycle import Stage
from sundhedsaftale.core.obligations import Obligation, ObligationStatus


@dataclass(frozen=True)
class Event:
    on: dt.date
    title: str
    detail: str
    citation: str
    kind: str  # a css-friendly key: hearing, input, approval, submission, receipt, question, decision, …


def _party(case: RegionCase, code: str) -> str:
    return _("Sundhedsstyrelsen") if code == AUTHORITY_PARTY else case.party_name(code)


def timeline(case: RegionCase, agreement: HealthAgreement) -> list[Event]:
    events: list[Event] = []
    for h in agreement.hearings:
        title = (
            _("Fornyet høring af patientinddragelsesudvalget")
            if h.renewed
            else _("Høring af patientinddragelsesudvalget")
        )
        events.append(Event(h.sent_on, title, h.version_label, "§ 29, stk. 2", "hearing"))
        if h.answered_on:
            events.append(
                Event(
                    h.answered_on,
                    _("Høringssvar fra patientinddragelsesudvalget"),
                    "",
                    "§ 29, stk. 2",
                    "hearing",
                )
            )
    for c in agreement.cluster_inputs:
        cluster = case.cluster(c.cluster_id)
        events.append(
            Event(
                c.given_on,
                _("Input fra %(name)s") % {"name": cluster.name if cluster else c.cluster_id},
                c.summary,
                "§ 19, stk. 1",
                "input",
            )
        )
    for a in agreement.council_approvals:
        events.append(
            Event(
                a.approved_on,
                _("Godkendt af %(party)s") % {"party": _party(case, a.party_code)},
                a.reference,
                "§ 21, stk. 1",
                "approval",
            )
        )
    for s in agreement.submissions:
        events.append(
            Event(
                s.submitted_on,
                _("Indsendt til Sundhedsstyrelsen"),
                s.version_number,
                "§ 21, stk. 1",
                "submission",
            )
        )
        if s.received_on:
            events.append(
                Event(
                    s.received_on,
                    _("Modtaget af Sundhedsstyrelsen"),
                    s.version_number,
                    "afsnit 5.1",
                    "receipt",
                )
            )
    for q in agreement.information_requests:
        events.append(
            Event(
                q.asked_on,
                _("Sundhedsstyrelsen beder om supplerende oplysninger"),
                q.question,
                "afsnit 5.2",
                "question",
            )
        )
        if q.answered_on:
            events.append(
                Event(q.answered_on, _("Supplerende oplysninger sendt"), q.answer, "afsnit 5.2", "question")
            )
    for d in agreement.decisions:
        if d.kind is AuthorityDecisionKind.APPROVED:
            events.append(
                Event(
                    d.decided_on, _("Godkendt af Sundhedsstyrelsen"), d.reference, "§ 21, stk. 2", "decision"
                )
            )
        else:
            detail = "; ".join(d.deficiencies)
            events.append(
                Event(
                    d.decided_on, _("Indsigelse fra Sundhedsstyrelsen"), detail, "§ 21, stk. 4", "objection"
                )
            )
    for p in agreement.publications:
        events.append(
            Event(
                p.published_on,
                _("Offentliggjort af %(party)s") % {"party": _party(case, p.party_code)},
                p.url,
                "afsnit 5.5",
                "publication",
            )
        )
    for r in agreement.yearly_reviews:
        detail = _("Aftalen skal revideres") if r.revision_needed else _("Ingen revision nødvendig")
        events.append(
            Event(r.held_on, _("Årlig gennemgang"), f"{detail}. {r.note}".strip(), "§ 22, stk. 1", "review")
        )
    for report in agreement.status_reports:
        events.append(
            Event(
                report.sent_on,
                _("%(kind)s sendt til Sundhedsstyrelsen") % {"kind": report.kind.label},
                report.reference,
                "§ 22, stk. 1",
                "status",
            )
        )
    return sorted(events, key=lambda e: e.on)


# --- The lifecycle as a stepper -----------------------------------------------------------------------------

# The agreement's way from draft to approval (core/lifecycle/_stages.py), each step with the provision it rests on.
_PATH: tuple[tuple[Stage, Any, str], ...] = (
    (Stage.DRAFTING, gettext_lazy("Udkast"), "§ 19"),
    (Stage.HEARING, gettext_lazy("Høring af patientinddragelsesudvalget"), "§ 29, stk. 2"),
    (Stage.COUNCIL_APPROVAL, gettext_lazy("Godkendelse i regionsråd og kommunalbestyrelser"), "afsnit 5.1"),
    (Stage.READY_TO_SUBMIT, gettext_lazy("Klar til indsendelse"), "§ 21, stk. 1"),
    (Stage.SUBMITTED, gettext_lazy("Indsendt til Sundhedsstyrelsen"), "§ 21, stk. 1"),
    (Stage.UNDER_REVIEW, gettext_lazy("Sundhedsstyrelsens vurdering"), "§ 21, stk. 2"),
    (Stage.APPROVED, gettext_lazy("Godkendt"), "§ 21, stk. 2"),
)
# A detour is shown where it happens: an objection in place of the approval (§ 21, stk. 4), a revision after the
# yearly review in place of the draft (§ 22, stk. 1).
_DETOURS = {
    Stage.OBJECTION: (
        Stage.APPROVED,
        gettext_lazy("Indsigelse: aftalen ændres og indsendes igen"),
        "§ 21, stk. 4",
    ),
    Stage.REVISION: (Stage.DRAFTING, gettext_lazy("Revision efter årlig gennemgang"), "§ 22, stk. 1"),
}


@dataclass(frozen=True)
class LifecycleStep:
    label: str
    citation: str
    state: str  # done, current, upcoming
    stage: str


def lifecycle_steps(stage: Stage) -> list[LifecycleStep]:
    """The way from draft to approval with the agreement's place on it: done, current, upcoming."""
    shown_as, detour_label, detour_citation = _DETOURS.get(stage, (stage, None, ""))
    position = next(i for i, (s, _label, _c) in enumerate(_PATH) if s == shown_as)
    steps = []
    for i, (s, label, citation) in enumerate(_PATH):
        state = "done" if i < position else "current" if i == position else "upcoming"
        if i == position and detour_label is not None:
            steps.append(LifecycleStep(str(detour_label), detour_citation, state, stage.value))
        else:
            steps.append(LifecycleStep(str(label), citation, state, s.value))
    return steps


@dataclass(frozen=True)
class NextDeadline:
    title: str
    due: dt.date
    citation: str
    overdue: bool


def next_deadline(duties: Iterable[Obligation]) -> NextDeadline | None:
    """The agreement's next legal deadline: the earliest duty not done, an overdue one first."""
    open_duties = [
        d
        for d in duties
        if d.due is not None and d.status in (ObligationStatus.DUE, ObligationStatus.OVERDUE)
    ]
    if not open_duties:
        return None
    first = min(open_duties, key=lambda d: (d.status != ObligationStatus.OVERDUE, d.due))
    assert first.due is not None
    return NextDeadline(first.title, first.due, first.citation, first.status == ObligationStatus.OVERDUE)
