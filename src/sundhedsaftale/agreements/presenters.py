"""Shaping an agreement's records for pages: one dated timeline of everything that happened."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils.translation import gettext as _

from sundhedsaftale.core.case import AUTHORITY_PARTY, AuthorityDecisionKind, HealthAgreement, RegionCase


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
