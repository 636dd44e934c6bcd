"""The obligations calendar: every dated duty of a region's agreements and bodies, with its status on a date.

Each obligation names who must act, the provision and the deadline; deadlines come from the legal lifecycle
(:mod:`sundhedsaftale.core.lifecycle`) and the rulebook's parameters, never from figures typed in here. Where
the law sets no date (the hearing, the kickoff meeting, publication, the political levels' input) ``due`` is
None and the obligation is never overdue. The warning window is a platform setting, not law: ``warning_days``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection, Iterator
from dataclasses import dataclass, replace
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from ..calendar import add_weeks, deadline_in_period
from ..case import (
    AUTHORITY_PARTY,
    AuthorityDecisionKind,
    Body,
    BodyKind,
    CasePart,
    HealthAgreement,
    Meeting,
    MeetingKind,
    MeetingStatus,
    RegionCase,
    StatusReportKind,
)
from ..errors import CaseError
from ..law import BodyTopic, EndState, LegalChanges
from ..lifecycle._dates import (
    dates_for,
    figure,
    first_submission,
    order_start,
    review_years,
    reviews_in,
    submission_deadline,
)
from ..lifecycle._stages import (
    LEGACY_BASIS,
    Cycle,
    Opening,
    all_parties,
    approved_parties,
    cycles,
    entered_on,
)
from ..lifecycle._steps import kickoff_meeting
from ..periods import danish_date

if TYPE_CHECKING:
    from .. import Platform
    from ..rules import Rulebook

__all__ = ["Obligation", "ObligationStatus", "obligations", "obligations_as_dict"]


class ObligationStatus(StrEnum):
    DONE = "done"
    DUE = "due"
    OVERDUE = "overdue"
    # The case file leaves out the records the duty is checked against (see RegionCase.unrecorded).
    NOT_RECORDED = "not_recorded"
    # A verified legal change ended the duty before it fell due (changes.yaml; Obligation.legal_change says which).
    ENDED = "ended"

    @property
    def label(self) -> str:
        return {
            "done": "Udført",
            "due": "Forfalder",
            "overdue": "Overskredet",
            "not_recorded": "Ikke registreret",
            "ended": "Bortfaldet",
        }[self.value]


# Which part of a case each agreement duty is checked against (the suffix of its id after the agreement id).
_MAKING = (
    "opstartsmoede",
    "hoering",
    "hoeringssvar",
    "godkendelse",
    "indsendelse",
    "klyngeinput",
    "revision",
)
_FOLLOW_UP = ("offentliggoerelse", "aarlig-gennemgang", "midtvejsstatus", "slutstatus")
_MEETINGS = ("moeder", "moede-piu")


def _part_of(obligation_id: str) -> CasePart | None:
    kind = obligation_id.split(":")[1] if ":" in obligation_id else ""
    if kind in _MAKING:
        return CasePart.AGREEMENT_MAKING
    if kind in _FOLLOW_UP:
        return CasePart.FOLLOW_UP
    if kind in _MEETINGS:
        return CasePart.MEETINGS
    return None


@dataclass(frozen=True)
class Obligation:
    id: str
    title: str
    subject_kind: str
    subject_id: str
    subject_name: str
    due: dt.date | None
    status: ObligationStatus
    done_on: dt.date | None
    citation: str
    responsible: str
    warn_from: dt.date | None
    explanation: str
    # The recorded legal change that reaches the duty: "bortfaldet pr. …" (status ENDED) when verified,
    # "forventet bortfald pr. …" (status unchanged) while it is not.
    legal_change: str = ""
    legal_change_state: str = ""

    def warning(self, at: dt.date) -> bool:
        """Open and inside the warning window on ``at``."""
        return (
            self.status in (ObligationStatus.DUE, ObligationStatus.OVERDUE)
            and self.warn_from is not None
            and at >= self.warn_from
        )


@dataclass(frozen=True)
class _Scope:
    book: Rulebook
    case: RegionCase
    at: dt.date
    warning_days: int

    def make(
        self,
        *,
        id: str,
        title: str,
        subject: tuple[str, str, str],
        due: dt.date | None,
        done_on: dt.date | None,
        citation: str,
        responsible: str,
        explanation: str,
        late_without_date: bool = False,
    ) -> Obligation:
        done = done_on if done_on is not None and done_on <= self.at else None
        part = _part_of(id)
        if part is not None and not self.case.records(part):
            status = ObligationStatus.NOT_RECORDED
            explanation = f"{explanation} Sagen beskriver ikke {part.label}."
        elif done is not None:
            status = ObligationStatus.DONE
        elif (due is not None and self.at > due) or late_without_date:
            status = ObligationStatus.OVERDUE
        else:
            status = ObligationStatus.DUE
        if done is not None and due is not None and done > due:
            explanation = f"{explanation} Udført {danish_date(done)}, efter fristen {danish_date(due)}."
        return Obligation(
            id=id,
            title=title,
            subject_kind=subject[0],
            subject_id=subject[1],
            subject_name=subject[2],
            due=due,
            status=status,
            done_on=done,
            citation=citation,
            responsible=responsible,
            warn_from=due - dt.timedelta(days=self.warning_days) if due is not None else None,
            explanation=explanation,
        )


COMMITTEE = "Sundhedssamarbejdsudvalget"
AUTHORITY = "Sundhedsstyrelsen"
REGIONAL_COUNCIL = "Regionsrådet"
PARTIES = "Regionsrådet og kommunalbestyrelserne"


def _cycle_suffix(cycle: Cycle) -> str:
    return "" if cycle.number == 0 else f":runde-{cycle.number}"


def _cycle_note(cycle: Cycle) -> str:
    if cycle.opened_by is Opening.OBJECTION and cycle.opened_on is not None:
        return f" efter indsigelsen {danish_date(cycle.opened_on)}"
    if cycle.opened_by is Opening.REVIEW and cycle.opened_on is not None:
        return f" efter den årlige gennemgang {danish_date(cycle.opened_on)}"
    return ""


def _agreement_obligations(s: _Scope, a: HealthAgreement) -> Iterator[Obligation]:
    case, at = s.case, s.at
    legacy = a.legal_basis == LEGACY_BASIS
    start = order_start(s.book)
    dates = dates_for(s.book, case, a, at)
    subject = ("agreement", a.id, a.title)
    all_cycles = cycles(a, at)
    deadline = None if legacy else submission_deadline(s.book, case, a, at)
    first = first_submission(a, at)

    for cycle in all_cycles:
        if legacy and cycle.number == 0:
            continue  # made under the 2018 order (§ 31, stk. 3)
        suffix, note = _cycle_suffix(cycle), _cycle_note(cycle)
        cycle_submissions = sorted(s_.submitted_on for s_ in a.submissions if cycle.holds(s_.submitted_on))
        submitted = cycle_submissions[0] if cycle_submissions else None
        if cycle.opened_by is Opening.START:
            cycle_due = deadline
        elif cycle.opened_by is Opening.OBJECTION:
            objection = next(
                d
                for d in a.decisions
                if d.decided_on == cycle.opened_on and d.kind is AuthorityDecisionKind.OBJECTION
            )
            cycle_due = objection.remedy_deadline
        else:
            cycle_due = None  # § 22, stk. 1 sets no date for a revision
        if cycle.number == 0:
            done_by = min(
                (
                    d
                    for d in (
                        *(h.sent_on for h in a.hearings),
                        *(c.approved_on for c in a.council_approvals),
                        first,
                    )
                    if d is not None and cycle.holds(d)
                ),
                default=None,
            )
            meeting = kickoff_meeting(case, a, done_by or at)
            yield s.make(
                id=f"{a.id}:opstartsmoede",
                title="Møde med patientinddragelsesudvalget før udkastet",
                due=None,
                done_on=meeting,
                citation="§ 29, stk. 1",
                responsible=COMMITTEE,
                explanation="Sundhedssamarbejdsudvalget indkalder patientinddragelsesudvalget til et møde om "
                "forventninger og forslag, før udkastet udarbejdes. Loven sætter ingen dato.",
                late_without_date=meeting is None and done_by is not None,
                subject=subject,
            )
        if cycle.needs_hearing:
            hearings = sorted((h for h in a.hearings if cycle.holds(h.sent_on)), key=lambda h: h.sent_on)
            approvals_start = min(
                (
                    c.approved_on
                    for c in a.council_approvals
                    if cycle.holds(c.approved_on) and c.approved_on <= at
                ),
                default=None,
            )
            renewed = cycle.opened_by is Opening.REVIEW
            yield s.make(
                id=f"{a.id}:hoering{suffix}",
                title=("Fornyet høring" if renewed else "Høring") + f" af patientinddragelsesudvalget{note}",
                due=None,
                done_on=hearings[0].sent_on if hearings else None,
                citation="§ 29, stk. 2",
                responsible=COMMITTEE,
                explanation="Udkastet sendes i høring hos patientinddragelsesudvalget, før regionsrådet og "
                "kommunalbestyrelserne godkender det. Loven sætter ingen dato.",
                late_without_date=not hearings and approvals_start is not None,
                subject=subject,
            )
            for index, h in enumerate(hearings, start=1):
                if h.response_deadline is None:
                    continue
                yield s.make(
                    id=f"{a.id}:hoeringssvar{suffix}:{index}",
                    title=f"Høringssvar fra patientinddragelsesudvalget (høring sendt {danish_date(h.sent_on)})",
                    due=h.response_deadline,
                    done_on=h.answered_on,
                    citation="§ 29, stk. 2",
                    responsible="Patientinddragelsesudvalget",
                    explanation="Høringsfristen er sat af sundhedssamarbejdsudvalget.",
                    subject=subject,
                )
        approved = approved_parties(a, cycle, at)
        for code in all_parties(case):
            yield s.make(
                id=f"{a.id}:godkendelse{suffix}:{code}",
                title=f"Godkendelse af aftalen{note}: {case.party_name(code)}",
                due=cycle_due,
                done_on=approved.get(code),
                citation="afsnit 5.1",
                responsible=case.party_name(code),
                explanation="Aftalen skal være godkendt af regionsrådet og alle kommunalbestyrelser før "
                "indsendelsen.",
                subject=subject,
            )
        if cycle.opened_by is Opening.START:
            yield s.make(
                id=f"{a.id}:indsendelse",
                title="Indsendelse af sundhedsaftalen til Sundhedsstyrelsen",
                due=deadline,
                done_on=submitted,
                citation="§ 21, stk. 1",
                responsible=REGIONAL_COUNCIL,
                explanation="Senest 1. juli i valgperiodens andet år, medmindre Sundhedsstyrelsen har fastsat en "
                "anden frist (§ 21, stk. 5).",
                subject=subject,
            )
        elif cycle.opened_by is Opening.OBJECTION:
            yield s.make(
                id=f"{a.id}:udbedring{suffix}",
                title=f"Ændret aftale indsendt på ny{note}",
                due=cycle_due,
                done_on=submitted,
                citation="§ 21, stk. 4",
                responsible=PARTIES,
                explanation="Regionsrådet og kommunalbestyrelserne ændrer aftalen og indsender den på ny inden for "
                "Sundhedsstyrelsens frist for udbedring.",
                subject=subject,
            )
        else:
            yield s.make(
                id=f"{a.id}:revision{suffix}",
                title=f"Revideret aftale indsendt{note}",
                due=None,
                done_on=submitted,
                citation="§ 22, stk. 1",
                responsible=COMMITTEE,
                explanation="Den reviderede aftale indsendes til Sundhedsstyrelsens godkendelse; loven sætter "
                "ingen dato (Sundhedsstyrelsen kan give en senere frist, afsnit 5.3).",
                subject=subject,
            )
        for cluster in case.clusters if cycle.number == 0 else ():
            given = min((c.given_on for c in a.cluster_inputs if c.cluster_id == cluster.id), default=None)
            yield s.make(
                id=f"{a.id}:klyngeinput:{cluster.id}",
                title=f"Inddragelse af {cluster.name}s politiske niveau i udkastet",
                due=None,
                done_on=given,
                citation="§ 19, stk. 1",
                responsible=COMMITTEE,
                explanation="Klyngens politiske niveau inddrages og har mulighed for at komme med input; loven "
                "sætter ingen dato, og input er ikke en pligt for klyngen.",
                subject=("cluster", cluster.id, cluster.name),
            )

    received = sorted(
        (sub for sub in a.submissions if sub.received_on is not None and sub.received_on <= at),
        key=lambda sub: sub.submitted_on,
    )
    weeks: int = figure(s.book, case, "agreement.review_weeks", at, subject_id=a.id)
    for index, sub in enumerate(received, start=1):
        assert sub.received_on is not None
        if sub.received_on < start:
            continue  # decided under the 2018 order
        decided = min((d.decided_on for d in a.decisions if d.decided_on >= sub.received_on), default=None)
        yield s.make(
            id=f"{a.id}:afgoerelse:{index}",
            title=f"Sundhedsstyrelsens afgørelse (modtaget {danish_date(sub.received_on)})",
            due=add_weeks(sub.received_on, weeks),
            done_on=decided,
            citation="§ 21, stk. 2",
            responsible=AUTHORITY,
            explanation=f"Sundhedsstyrelsen godkender aftalen eller gør indsigelse inden for {weeks} uger "
            "efter modtagelsen.",
            subject=subject,
        )
    for index, request in enumerate(sorted(a.information_requests, key=lambda r: r.asked_on), start=1):
        if request.asked_on > at or request.asked_on < start:
            continue
        yield s.make(
            id=f"{a.id}:oplysninger:{index}",
            title=f"Svar på Sundhedsstyrelsens anmodning om oplysninger ({danish_date(request.asked_on)})",
            due=None,
            done_on=request.answered_on,
            citation="afsnit 5.2",
            responsible=COMMITTEE,
            explanation="Oplysningerne skaffes hurtigst muligt, så Sundhedsstyrelsen kan overholde sin frist.",
            subject=subject,
        )
    if not legacy:
        entered = entered_on(a, case)
        if entered is not None and entered <= at:
            published: dict[str, dt.date] = {}
            for p in sorted(a.publications, key=lambda p: p.published_on):
                published.setdefault(p.party_code, p.published_on)
            for code in all_parties(case):
                yield s.make(
                    id=f"{a.id}:offentliggoerelse:{code}",
                    title=f"Offentliggørelse af aftalen: {case.party_name(code)}",
                    due=None,
                    done_on=published.get(code),
                    citation="afsnit 5.5",
                    responsible=case.party_name(code),
                    explanation="Den indgåede aftale offentliggøres på partens hjemmeside. Vejledningen "
                    "fastsætter ingen frist.",
                    subject=subject,
                )
            if any(d.kind is AuthorityDecisionKind.APPROVED and d.decided_on <= at for d in a.decisions):
                yield s.make(
                    id=f"{a.id}:offentliggoerelse:{AUTHORITY_PARTY}",
                    title="Sundhedsstyrelsens offentliggørelse af den godkendte aftale",
                    due=None,
                    done_on=published.get(AUTHORITY_PARTY),
                    citation="afsnit 5.5",
                    responsible=AUTHORITY,
                    explanation="Sundhedsstyrelsen offentliggør de godkendte aftaler på sin hjemmeside.",
                    subject=subject,
                )

    per_year: int = figure(s.book, case, "agreement.yearly_reviews_per_year", at)
    # Follow-up starts with the agreement submitted; a planned agreement's future years are not listed yet.
    for year in review_years(s.book, case, a, at) if first is not None else ():
        held = reviews_in(a, year, at)
        yield s.make(
            id=f"{a.id}:aarlig-gennemgang:{year}",
            title=f"Årlig gennemgang af sundhedsaftalen {year}",
            due=dt.date(year, 12, 31),
            done_on=held[per_year - 1] if len(held) >= per_year else None,
            citation="§ 22, stk. 1",
            responsible=COMMITTEE,
            explanation="Sundhedssamarbejdsudvalget gennemgår aftalen én gang årligt og vurderer behovet for "
            "revision.",
            subject=subject,
        )
    reports = {
        kind: min((r.sent_on for r in a.status_reports if r.kind is kind), default=None)
        for kind in StatusReportKind
    }
    if dates.midterm_status_due is not None and dates.midterm_status_due >= start:
        years = figure(s.book, case, "agreement.midterm_status_years", at)
        yield s.make(
            id=f"{a.id}:midtvejsstatus",
            title="Midtvejsstatus sendt til Sundhedsstyrelsen",
            due=dates.midterm_status_due,
            done_on=reports[StatusReportKind.MIDTERM],
            citation="§ 22, stk. 1",
            responsible=COMMITTEE,
            explanation=f"Senest {years} år efter indsendelsen af aftalen"
            + (f" ({danish_date(first)})." if first else "."),
            subject=subject,
        )
    if first is not None and dates.final_status_due is not None and dates.final_status_due >= start:
        yield s.make(
            id=f"{a.id}:slutstatus",
            title="Slutstatus sendt til Sundhedsstyrelsen",
            due=dates.final_status_due,
            done_on=reports[StatusReportKind.FINAL],
            citation="kapitel 6",
            responsible=COMMITTEE,
            explanation="Afsluttende status på aftalens resultater, senest et halvt år før aftalens udløb"
            + (f" ({danish_date(dates.expires_on)})." if dates.expires_on else "."),
            subject=subject,
        )


def _next_agreement(s: _Scope) -> Iterator[Obligation]:
    """The agreement of the current election period, when none is registered yet."""
    period = s.book.election_period_at(s.at)
    if period is None or any(a.election_period_start == period.start.year for a in s.case.agreements):
        return
    rule = figure(s.book, s.case, "agreement.submission_deadline", s.at)
    deadline = deadline_in_period(period_start_year=period.start.year, rule=rule)
    yield s.make(
        id=f"{s.case.region.code}:sundhedsaftale-{period.start.year}:indsendelse",
        title=f"Indsendelse af sundhedsaftalen for valgperioden {period.label}",
        subject=("region", s.case.region.code, s.case.region.name),
        due=deadline,
        done_on=None,
        citation="§ 21, stk. 1",
        responsible=REGIONAL_COUNCIL,
        explanation="Der er ikke registreret en sundhedsaftale for valgperioden; den skal indsendes senest 1. juli i "
        "valgperiodens andet år, medmindre Sundhedsstyrelsen har fastsat en anden frist.",
    )


_BODY_DUTIES = {
    BodyKind.POLITICAL_LEVEL: ("political_level.min_meetings_per_year", "Klyngens politiske niveau"),
    BodyKind.PROFESSIONAL_LEVEL: (
        "professional_level.min_meetings_per_year",
        "Klyngens faglige strategiske niveau",
    ),
    BodyKind.COMMITTEE: ("committee.min_meetings_per_year", COMMITTEE),
    BodyKind.PATIENT_COMMITTEE: ("patient_committee.min_meetings_per_year", "Patientinddragelsesudvalget"),
}


def _nth_held(meetings: list[Meeting], year: int, n: int, at: dt.date) -> dt.date | None:
    held = sorted(
        m.date for m in meetings if m.status is MeetingStatus.HELD and m.date.year == year and m.date <= at
    )
    return held[n - 1] if n >= 1 and len(held) >= n else (dt.date(year, 1, 1) if n == 0 else None)


def _yearly_meetings(
    s: _Scope,
    body: Body,
    key: str,
    meetings: list[Meeting],
    *,
    slug: str,
    title: Callable[[int, int], str],
    responsible: str,
    explanation: Callable[[int], str],
    only_with_members: bool,
) -> Iterator[Obligation]:
    """Last year's and this year's duty to hold at least the parameter's number of ``meetings``."""
    parameter = s.book.parameters[key]
    citation = s.book.corpus.resolve(parameter.citation).label
    for year in (s.at.year - 1, s.at.year):
        if dt.date(year, 1, 1) < parameter.first_valid():
            continue  # no partial first year, as in the meeting rules
        if only_with_members and not any(
            m.start <= dt.date(year, 12, 31) and (m.end is None or m.end >= dt.date(year, 1, 1))
            for m in body.memberships
        ):
            continue
        minimum: int = s.book.value(s.case, key, dt.date(year, 1, 1), subject_id=body.id)
        yield s.make(
            id=f"{body.id}:{slug}:{year}",
            title=title(minimum, year),
            subject=(body.kind.value, body.id, body.name),
            due=dt.date(year, 12, 31),
            done_on=_nth_held(meetings, year, minimum, s.at),
            citation=citation,
            responsible=responsible,
            explanation=explanation(minimum),
        )


def _body_obligations(s: _Scope, body: Body) -> Iterator[Obligation]:
    key, responsible = _BODY_DUTIES[body.kind]
    label = s.book.parameters[key].label
    meetings = s.case.meetings_of(body.id)
    yield from _yearly_meetings(
        s,
        body,
        key,
        meetings,
        slug="moeder",
        title=lambda minimum, year: f"Mindst {minimum} {'møde' if minimum == 1 else 'møder'} i {year}",
        responsible=responsible,
        explanation=lambda minimum: f"{label}: {minimum}.",
        only_with_members=True,
    )
    if body.kind is BodyKind.COMMITTEE:
        yield from _yearly_meetings(
            s,
            body,
            "committee.min_patient_committee_meetings_per_year",
            [m for m in meetings if m.kind is MeetingKind.PATIENT_COMMITTEE_ANNUAL],
            slug="moede-piu",
            title=lambda _minimum, year: f"Årligt møde med patientinddragelsesudvalget {year}",
            responsible=COMMITTEE,
            explanation=lambda _minimum: (
                "Sundhedssamarbejdsudvalget inviterer årligt patientinddragelsesudvalget "
                "til et møde om samarbejdet."
            ),
            only_with_members=False,
        )


# Which kind of body, as a legal change names them, a duty belongs to (by its subject). The region's own duty
# listed here is the submission of the next health agreement (_next_agreement).
_TOPICS = {
    "agreement": BodyTopic.HEALTH_AGREEMENTS,
    "region": BodyTopic.HEALTH_AGREEMENTS,
    "cluster": BodyTopic.HEALTH_CLUSTERS,
    BodyKind.POLITICAL_LEVEL.value: BodyTopic.HEALTH_CLUSTERS,
    BodyKind.PROFESSIONAL_LEVEL.value: BodyTopic.HEALTH_CLUSTERS,
    BodyKind.COMMITTEE.value: BodyTopic.HEALTH_COOPERATION_COMMITTEES,
    BodyKind.PATIENT_COMMITTEE.value: BodyTopic.PATIENT_INVOLVEMENT_COMMITTEES,
}


def _with_change(o: Obligation, changes: LegalChanges, at: dt.date, verified: Collection[str]) -> Obligation:
    """The obligation as a recorded legal change leaves it: a duty falling due on or after an end's date (an
    undated one still open on such a day) is "bortfaldet" when the change is verified, else carries the warning.
    A duty already done is left as it is; nothing is dropped."""
    if o.status is ObligationStatus.DONE:
        return o
    topic = _TOPICS.get(o.subject_kind)
    end = changes.end_for(o.due or at, verified=verified, topic=topic) if topic is not None else None
    if end is None:
        return o
    label = end.label()
    if end.state is EndState.ENDED:
        return replace(
            o,
            status=ObligationStatus.ENDED,
            warn_from=None,
            legal_change=label,
            legal_change_state=end.state.value,
        )
    return replace(o, legal_change=label, legal_change_state=end.state.value)


def obligations(
    platform: Platform,
    case: RegionCase,
    at: dt.date,
    *,
    verified: Collection[str] = (),
    warning_days: int = 30,
    cluster_id: str | None = None,
    body_id: str | None = None,
    agreement_id: str | None = None,
) -> list[Obligation]:
    """The region's obligations with their status on ``at``, sorted by deadline (undated last).

    ``cluster_id``, ``body_id`` and ``agreement_id`` narrow the list (together: all must hold); an unknown id
    raises :class:`CaseError`. Dialogue meetings (§ 30, stk. 2) have no figure in the law and are not listed.
    ``verified`` are the ids of the legal changes an administrator has recorded as verified (see
    :func:`_with_change`).
    """
    if warning_days < 0:
        raise CaseError(f"varslingsperioden kan ikke være negativ ({warning_days} dage)")
    if cluster_id is not None and case.cluster(cluster_id) is None:
        raise CaseError(f"sundhedsklyngen '{cluster_id}' findes ikke i {case.region.name}")
    if body_id is not None and case.body(body_id) is None:
        raise CaseError(f"organet '{body_id}' findes ikke i {case.region.name}")
    if agreement_id is not None and case.agreement(agreement_id) is None:
        raise CaseError(f"sundhedsaftalen '{agreement_id}' findes ikke i {case.region.name}")
    scope = _Scope(platform.rulebook, case, at, warning_days)
    found: list[Obligation] = []
    for agreement in case.agreements:
        found.extend(_agreement_obligations(scope, agreement))
    found.extend(_next_agreement(scope))
    for body in case.bodies:
        if body.kind in _BODY_DUTIES:
            found.extend(_body_obligations(scope, body))
    if agreement_id is not None:
        found = [o for o in found if o.id.startswith(f"{agreement_id}:")]
    if body_id is not None:
        found = [o for o in found if o.subject_id == body_id]
    if cluster_id is not None:
        levels = {b.id for b in case.bodies if b.cluster_id == cluster_id}
        found = [o for o in found if o.subject_id == cluster_id or o.subject_id in levels]
    found = [_with_change(o, platform.rulebook.changes, at, verified) for o in found]
    return sorted(found, key=lambda o: (o.due is None, o.due or dt.date.max, o.id))


def obligations_as_dict(o: Obligation) -> dict[str, Any]:
    """One obligation as a JSON-ready dict (dates as ISO strings)."""
    return {
        "id": o.id,
        "title": o.title,
        "subject_kind": o.subject_kind,
        "subject_id": o.subject_id,
        "subject_name": o.subject_name,
        "due": o.due.isoformat() if o.due else None,
        "status": o.status.value,
        "status_label": o.status.label,
        "done_on": o.done_on.isoformat() if o.done_on else None,
        "citation": o.citation,
        "responsible": o.responsible,
        "warn_from": o.warn_from.isoformat() if o.warn_from else None,
        "explanation": o.explanation,
        "legal_change": o.legal_change or None,
        "legal_change_state": o.legal_change_state or None,
    }
