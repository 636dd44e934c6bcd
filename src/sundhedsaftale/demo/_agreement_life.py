"""The legal life of the demo health agreements: who did what, and when (§§ 19–22, § 29; kapitel 5–6).

Every region's Sundhedsaftale 2024–2027 goes the lawful way: the committee meets the patient involvement
committee before drafting (§ 29, stk. 1), the clusters' political levels give input (§ 19, stk. 1), the patient
involvement committee is heard (§ 29, stk. 2), the regional council and every municipal council approve before
the regional council submits (§ 21, stk. 1; vejl. 5.1), Sundhedsstyrelsen decides within 8 weeks (§ 21, stk. 2),
every party and Sundhedsstyrelsen publish it (vejl. 5.5), and the committee reviews it every year and sends a
midterm status within 2 years (§ 22, stk. 1). The final status is due half a year before expiry (30 June 2027)
and is still ahead on the demo's "today".

One region (:data:`OBJECTION_REGION_CODE`) meets an objection: its agreement is revised, heard again, approved
again by every council and resubmitted before the remedy deadline (§ 21, stk. 4; vejl. 5.4). Region Sjælland
also has the next agreement in drafting (2028–2031).

Dates are fixed history, spread over the regions and municipalities by small arithmetic on positions; a record
dated on or after ``today`` has not happened yet and is left out, as a meeting from ``today`` on is planned.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from ..core.case import (
    AUTHORITY_PARTY,
    AgendaItem,
    AgreementContent,
    AgreementSubmission,
    AuthorityDecision,
    AuthorityDecisionKind,
    ClusterInput,
    CouncilApproval,
    HealthAgreement,
    Hearing,
    InformationRequest,
    Meeting,
    MeetingKind,
    Publication,
    StatusReport,
    StatusReportKind,
    YearlyReview,
)
from ..core.periods import danish_date
from ._agreement_content import ClusterRef

__all__ = [
    "OBJECTION_REGION_CODE",
    "CommitteeDays",
    "RegionFacts",
    "agreement_2024",
    "draft_agreement_2028",
    "kickoff_meeting",
    "legacy_final_status",
    "legacy_review",
]

# The region whose agreement 2024–2027 meets an objection and is resubmitted.
OBJECTION_REGION_CODE = "1083"

_DAY = dt.timedelta(days=1)
_WEEK = dt.timedelta(weeks=1)

# Municipalities whose council has a name of its own; the others are split between "Byrådet" and
# "Kommunalbestyrelsen" by code, as the councils call themselves differently.
_COUNCIL_NAMES = {"101": "Borgerrepræsentationen", "400": "Kommunalbestyrelsen"}


@dataclass(frozen=True)
class CommitteeDays:
    """The committee's meeting days the agreement's life is tied to (from the demo's meeting calendar)."""

    kickoff: dt.date  # the March 2023 meeting, held with the patient involvement committee (§ 29, stk. 1)
    reviews: tuple[dt.date, ...]  # the November meetings of 2024–2026: the yearly review (§ 22, stk. 1)
    next_kickoff: dt.date  # the September 2026 meeting, before drafting Sundhedsaftale 2028–2031


@dataclass(frozen=True)
class RegionFacts:
    code: str
    name: str
    index: int  # the region's position by code, 0–4: spreads the regions' dates a little
    municipalities: tuple[tuple[str, str], ...]  # (code, name), ordered by code
    clusters: tuple[ClusterRef, ...]
    today: dt.date
    working_day: Callable[[dt.date], dt.date]  # the demo calendar's: weekends and public holidays skipped

    @property
    def parties(self) -> tuple[str, ...]:
        return (self.code, *(code for code, _ in self.municipalities))

    @property
    def slug(self) -> str:
        return _slug(self.name)


def _slug(name: str) -> str:
    table = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", " ": "-", ".": ""})
    return name.lower().translate(table)


# --- The kickoff meeting ------------------------------------------------------------------------------------


def kickoff_meeting(meeting: Meeting, agreement_title: str, drafting_year: int) -> Meeting:
    """The committee's meeting turned into the meeting with the patient involvement committee (§ 29, stk. 1)."""
    return meeting.model_copy(
        update={
            "kind": MeetingKind.AGREEMENT_KICKOFF,
            "title": f"Møde med patientinddragelsesudvalget før udkastet til {agreement_title}",
            "patient_committee_invited": True,
            "agenda": (
                AgendaItem(
                    number=1,
                    title=f"Forventninger til samarbejdet om {agreement_title}",
                    description="Drøftelse efter § 29, stk. 1, med patientinddragelsesudvalgets repræsentanter.",
                    outcome=(
                        "Udvalgene aftalte proceduren for den videre inddragelse: et temamøde om målgrupper og "
                        f"høring af patientinddragelsesudvalget over udkastet i {drafting_year}."
                    ),
                ),
                AgendaItem(
                    number=2,
                    title="Patientinddragelsesudvalgets forslag til indholdet",
                    outcome=(
                        "Forslagene om pårørendes rolle, tilgængelig information og lighed i adgangen "
                        "indgår i det videre arbejde med udkastet."
                    ),
                ),
            ),
            "minutes": (
                "Mødet blev holdt, inden arbejdet med udkastet til sundhedsaftalen begyndte. Patientinddragelses"
                "udvalgets repræsentanter gav udtryk for forventninger og forslag til aftalens indhold."
            ),
        }
    )


# --- Building blocks ------------------------------------------------------------------------------------------


def _council_reference(facts: RegionFacts, party: str, day: dt.date, item: int) -> str:
    if party == facts.code:
        council = "Regionsrådet"
    else:
        council = _COUNCIL_NAMES.get(party, "Byrådet" if int(party) % 3 else "Kommunalbestyrelsen")
    return f"{council}, møde {danish_date(day)}, pkt. {item}"


def _approvals(
    facts: RegionFacts, first: dt.date, last: dt.date, regional: dt.date, version: str
) -> tuple[CouncilApproval, ...]:
    """Every party's approval: the regional council on ``regional``, the municipal councils spread over
    ``first``–``last`` (a council meets on its own day)."""
    span = (last - first).days
    approvals = [
        CouncilApproval(
            party_code=facts.code,
            approved_on=regional,
            reference=_council_reference(facts, facts.code, regional, 6 + facts.index),
            version_label=version,
        )
    ]
    for position, (code, _) in enumerate(facts.municipalities):
        day = facts.working_day(first + dt.timedelta(days=(position * 11) % (span + 1)))
        day = min(day, last)
        approvals.append(
            CouncilApproval(
                party_code=code,
                approved_on=day,
                reference=_council_reference(facts, code, day, 5 + int(code) % 17),
                version_label=version,
            )
        )
    return tuple(approvals)


def _publications(facts: RegionFacts, start: dt.date, version: str, period: str) -> tuple[Publication, ...]:
    """Publication on the region's, every municipality's and Sundhedsstyrelsen's website (vejl. 5.5)."""
    result = [
        Publication(
            party_code=facts.code,
            published_on=facts.working_day(start),
            url=f"https://{facts.slug}.example/sundhedsaftale-{period}",
            version_number=version,
        )
    ]
    for position, (code, name) in enumerate(facts.municipalities):
        day = facts.working_day(start + dt.timedelta(days=2 + position % 15))
        result.append(
            Publication(
                party_code=code,
                published_on=day,
                url=f"https://{_slug(name)}-kommune.example/sundhed/sundhedsaftale-{period}",
                version_number=version,
            )
        )
    result.append(
        Publication(
            party_code=AUTHORITY_PARTY,
            published_on=facts.working_day(start + dt.timedelta(days=7)),
            url=f"https://sst.example/sundhedsaftaler/{facts.slug}-{period}",
            version_number=version,
        )
    )
    return tuple(result)


def _cluster_inputs(facts: RegionFacts, start: dt.date) -> tuple[ClusterInput, ...]:
    return tuple(
        ClusterInput(
            cluster_id=cluster.id,
            given_on=facts.working_day(start + dt.timedelta(days=3 * position)),
            summary=(
                f"Det politiske niveau i {cluster.name} pegede på klyngens egne udfordringer og foreslog et "
                "selvstændigt mål for klyngen inden for aftalens rammer."
            ),
        )
        for position, cluster in enumerate(facts.clusters)
    )


def _reviews(days: CommitteeDays) -> tuple[YearlyReview, ...]:
    notes = {
        2024: "Første årlige gennemgang: aftalen følges som planlagt; status på samarbejdsaftalerne taget til efterretning.",
        2025: "Gennemgang med midtvejsstatus: målsætningerne er fortsat relevante; revision er ikke nødvendig.",
        2026: "Gennemgang efter konstitueringen: aftalen videreføres uændret til den nye aftale træder i kraft.",
    }
    return tuple(
        YearlyReview(held_on=day, revision_needed=False, note=notes.get(day.year, "")) for day in days.reviews
    )


def _midterm(facts: RegionFacts, days: CommitteeDays) -> StatusReport:
    """Agreed at the committee's November 2025 meeting and sent a week later, within 2 years of submission."""
    agreed = next(d for d in days.reviews if d.year == 2025)
    sent = facts.working_day(agreed + _WEEK)
    return StatusReport(
        kind=StatusReportKind.MIDTERM,
        sent_on=sent,
        reference=f"Midtvejsstatus for Sundhedsaftale 2024–2027, sendt til Sundhedsstyrelsen {danish_date(sent)}",
    )


def _happened(agreement: HealthAgreement, today: dt.date) -> HealthAgreement:
    """Only what happened before ``today``: later records are left out, later answers and receipts cleared."""

    def hearing(h: Hearing) -> Hearing:
        return (
            h
            if h.answered_on is None or h.answered_on < today
            else h.model_copy(update={"answered_on": None})
        )

    def submission(s: AgreementSubmission) -> AgreementSubmission:
        late = s.received_on is not None and s.received_on >= today
        return s.model_copy(update={"received_on": None}) if late else s

    def request(r: InformationRequest) -> InformationRequest:
        late = r.answered_on is not None and r.answered_on >= today
        return r.model_copy(update={"answered_on": None, "answer": ""}) if late else r

    return agreement.model_copy(
        update={
            "hearings": tuple(hearing(h) for h in agreement.hearings if h.sent_on < today),
            "cluster_inputs": tuple(c for c in agreement.cluster_inputs if c.given_on < today),
            "council_approvals": tuple(a for a in agreement.council_approvals if a.approved_on < today),
            "submissions": tuple(submission(s) for s in agreement.submissions if s.submitted_on < today),
            "information_requests": tuple(
                request(r) for r in agreement.information_requests if r.asked_on < today
            ),
            "decisions": tuple(d for d in agreement.decisions if d.decided_on < today),
            "publications": tuple(p for p in agreement.publications if p.published_on < today),
            "yearly_reviews": tuple(r for r in agreement.yearly_reviews if r.held_on < today),
            "status_reports": tuple(s for s in agreement.status_reports if s.sent_on < today),
        }
    )


# --- Sundhedsaftale 2024–2027 ---------------------------------------------------------------------------------


def agreement_2024(facts: RegionFacts, days: CommitteeDays, content: AgreementContent) -> HealthAgreement:
    """The region's agreement 2024–2027 with its life; the objection region's takes the longer way."""
    working_day = facts.working_day
    # Drafting after the kickoff: cluster input in May, the hearing over the summer (§ 19, stk. 1; § 29, stk. 2).
    inputs = _cluster_inputs(facts, dt.date(2023, 5, 8) + facts.index * _DAY)
    sent = working_day(dt.date(2023, 6, 12) + facts.index * _DAY)
    hearing = Hearing(
        sent_on=sent,
        response_deadline=sent + 8 * _WEEK,
        answered_on=working_day(sent + 7 * _WEEK),
        version_label="Høringsudkast, juni 2023",
    )
    # The councils approve in the autumn; the regional council submits in December (the moved deadline).
    approvals = _approvals(
        facts,
        first=dt.date(2023, 9, 19),
        last=dt.date(2023, 11, 30),
        regional=working_day(dt.date(2023, 10, 24) + facts.index * _DAY),
        version="1.0",
    )
    submitted = working_day(dt.date(2023, 12, 4) + facts.index * _DAY)
    received = working_day(submitted + _DAY)
    agreement = HealthAgreement(
        id=f"{facts.code}-sundhedsaftale-2024-2027",
        title="Sundhedsaftale 2024–2027",
        election_period_start=2022,
        legal_basis="bek-1248-2022",
        version_number="1.0",
        effective_date=dt.date(2024, 1, 1),
        parties=facts.parties,
        content=content,
        hearings=(hearing,),
        cluster_inputs=inputs,
        council_approvals=approvals,
        submissions=(
            AgreementSubmission(submitted_on=submitted, received_on=received, version_number="1.0"),
        ),
        # The agreement is entered into once every council has approved it and it is submitted (vejl. 3.6), so
        # the parties publish it in January, before the authority's decision; a revised version is published again.
        publications=_publications(facts, dt.date(2024, 1, 8) + facts.index * _DAY, "1.0", "2024-2027"),
        yearly_reviews=_reviews(days),
        status_reports=(_midterm(facts, days),),
    )
    if facts.code == OBJECTION_REGION_CODE:
        agreement = _objection_and_resubmission(facts, agreement, received)
    else:
        approved = working_day(received + 2 * _WEEK)  # before the agreement takes effect
        agreement = agreement.model_copy(
            update={
                "decisions": (
                    AuthorityDecision(
                        kind=AuthorityDecisionKind.APPROVED,
                        decided_on=approved,
                        reference=f"Sundhedsstyrelsens godkendelse af {danish_date(approved)}",
                        version_number="1.0",
                    ),
                ),
            }
        )
    return _happened(agreement, facts.today)


def _objection_and_resubmission(
    facts: RegionFacts, agreement: HealthAgreement, received: dt.date
) -> HealthAgreement:
    """Sundhedsstyrelsen objects within 8 weeks (§ 21, stk. 2 og 4); the parties revise, hear the patient
    involvement committee again (§ 29, stk. 2), approve again and resubmit before the remedy deadline."""
    working_day = facts.working_day
    asked = working_day(received + 4 * _WEEK + 4 * _DAY)
    request = InformationRequest(
        asked_on=asked,
        question=(
            "Sundhedsstyrelsen beder om aftalens datagrundlag for valget af målgrupper og om, hvilke nationale "
            "mål de overordnede målsætninger knytter sig til."
        ),
        answered_on=working_day(asked + _WEEK),
        answer=(
            "Sundhedssamarbejdsudvalget har sendt bilaget om risikostratificering; en samlet oversigt over "
            "målsætningernes sammenhæng med de nationale mål findes ikke i den indsendte version."
        ),
    )
    objected = working_day(received + 7 * _WEEK)
    remedy_deadline = dt.date(2024, 3, 25)
    objection = AuthorityDecision(
        kind=AuthorityDecisionKind.OBJECTION,
        decided_on=objected,
        reference=f"Sundhedsstyrelsens indsigelse af {danish_date(objected)}",
        remedy_deadline=remedy_deadline,
        deficiencies=(
            "De overordnede målsætninger viser ikke sammenhæng med de nationale mål for sundhedsvæsenet; to af "
            "fire målsætninger er ikke knyttet til noget nationalt mål (vejl. afsnit 5.2, jf. afsnit 3.2).",
            "Det er ikke dokumenteret, at målgrupperne er valgt på grundlag af viden og data; for målgruppen "
            "'Borgere i socialt udsatte positioner' er der ingen datakilder (vejl. afsnit 5.2, jf. afsnit 3.4).",
        ),
        version_number="1.0",
    )
    # The revised draft is heard again and approved again by every council after the objection.
    renewed_sent = working_day(objected + _WEEK)
    renewed = Hearing(
        sent_on=renewed_sent,
        response_deadline=renewed_sent + 2 * _WEEK,
        answered_on=working_day(renewed_sent + 11 * _DAY),
        version_label="Revideret udkast, version 1.1",
        renewed=True,
    )
    again = _approvals(
        facts,
        first=dt.date(2024, 2, 26),
        last=dt.date(2024, 3, 14),
        regional=dt.date(2024, 3, 12),
        version="1.1",
    )
    resubmitted = dt.date(2024, 3, 19)
    received_again = working_day(resubmitted + _DAY)
    approved = working_day(received_again + 6 * _WEEK)
    return agreement.model_copy(
        update={
            "version_number": "1.1",
            "hearings": (*agreement.hearings, renewed),
            "council_approvals": (*agreement.council_approvals, *again),
            "submissions": (
                *agreement.submissions,
                AgreementSubmission(
                    submitted_on=resubmitted, received_on=received_again, version_number="1.1"
                ),
            ),
            "information_requests": (request,),
            "decisions": (
                objection,
                AuthorityDecision(
                    kind=AuthorityDecisionKind.APPROVED,
                    decided_on=approved,
                    reference=f"Sundhedsstyrelsens godkendelse af {danish_date(approved)} (revideret aftale)",
                    version_number="1.1",
                ),
            ),
            "publications": (
                *agreement.publications,
                *_publications(facts, approved + _WEEK, "1.1", "2024-2027"),
            ),
        }
    )


# --- Sundhedsaftale 2028–2031, in drafting ------------------------------------------------------------------


def draft_agreement_2028(
    facts: RegionFacts, days: CommitteeDays, content: AgreementContent
) -> HealthAgreement | None:
    """The next agreement, begun after the kickoff in September 2026; none before it."""
    if facts.today <= days.next_kickoff:
        return None
    return HealthAgreement(
        id=f"{facts.code}-sundhedsaftale-2028-2031",
        title="Sundhedsaftale 2028–2031",
        election_period_start=2026,
        legal_basis="bek-1248-2022",
        version_number="0.3",
        effective_date=dt.date(2028, 1, 1),
        parties=facts.parties,
        content=content,
    )


def committee_days(
    meeting_day: Callable[[int, int], dt.date], review_years: Sequence[int] = (2024, 2025, 2026)
) -> CommitteeDays:
    """The committee's days from its calendar: ``meeting_day(year, month)`` is its meeting in that month."""
    return CommitteeDays(
        kickoff=meeting_day(2023, 3),
        reviews=tuple(meeting_day(year, 11) for year in review_years),
        next_kickoff=meeting_day(2026, 9),
    )


# --- Sundhedsaftale 2019–2023 (bek. nr. 679/2018), followed up under the 2022 order (§ 31, stk. 3) ----------


def legacy_review(day: dt.date) -> YearlyReview:
    return YearlyReview(
        held_on=day,
        revision_needed=False,
        note="Sidste årlige gennemgang: aftalen gælder, til Sundhedsaftale 2024–2027 træder i kraft 1. januar 2024.",
    )


def legacy_final_status() -> StatusReport:
    """Sent before the agreement's expiry on 31 August 2023; it was the basis for the next agreement (kapitel 6)."""
    sent = dt.date(2023, 6, 27)
    return StatusReport(
        kind=StatusReportKind.FINAL,
        sent_on=sent,
        reference=f"Slutstatus for Sundhedsaftale 2019–2023, sendt til Sundhedsstyrelsen {danish_date(sent)}",
    )
