"""The demo's hearing rounds of Region Sjælland (ADR 0036), written through the actions by ``setup_demo``:

- the patient involvement committee's hearing on the draft agreement 2024–2027 (§ 29, stk. 2), on the dates the
  demo's lifecycle records already hold, with the committee's answer (agreement sought, not reached: one member's
  own view kept, § 27, stk. 3), a late answer from an organisation, the dispositions and the changes made;
- an open round on the region's health plan (§ 22, stk. 2) to the health cooperation committee, sent a week
  before the demo's today with its deadline three weeks after it, so a newcomer sees a round waiting for answers.

Fictional texts. Safe to run again: a round already there (same region and subject) is left as it is.
"""

from __future__ import annotations

import datetime as dt

from sundhedsaftale.accounts.actions import DEMO_REGION_ACCOUNTS
from sundhedsaftale.accounts.models import User
from sundhedsaftale.core.case import BodyKind
from sundhedsaftale.demo import working_region
from sundhedsaftale.governance.models import Body
from sundhedsaftale.web.cases import case_snapshot
from sundhedsaftale.web.platform import platform

from .actions import (
    AddresseeIn,
    AnswerIn,
    DispositionIn,
    RoundIn,
    hearing_answer_record,
    hearing_dispositions_set,
    hearing_round_close,
    hearing_round_create,
    hearing_round_send,
)
from .models import HearingRound

REGION = "1085"
AGREEMENT = "1085-sundhedsaftale-2024-2027"
RESPONDENT = "medlem"  # the demo's member account answers for the committee
DRAFT_SUBJECT = "Høring af patientinddragelsesudvalget over udkast til sundhedsaftale 2024–2027"
PLAN_SUBJECT = "Vurdering af udkast til regionens sundhedsplan"
ORGANISATION = "Danske Handicaporganisationer, Region Sjælland"


def _respondent(region: str = REGION) -> str:
    username = DEMO_REGION_ACCOUNTS.get(region, ("", RESPONDENT))[1]
    return username if User.objects.filter(username=username, region_code=region).exists() else ""


def _draft_round(today: dt.date) -> None:
    case = case_snapshot(REGION)
    agreement = case.agreement(AGREEMENT)
    committee = Body.objects.filter(region_id=REGION, kind=BodyKind.PATIENT_COMMITTEE.value).first()
    if agreement is None or committee is None or not agreement.hearings:
        return
    heard = agreement.hearings[0]
    if heard.answered_on is None or heard.response_deadline is None or heard.answered_on >= today:
        return
    if HearingRound.objects.filter(region_id=REGION, subject=DRAFT_SUBJECT).exists():
        return
    made = heard.sent_on - dt.timedelta(days=7)
    round_ = hearing_round_create(
        actor=None,
        region_code=REGION,
        data=RoundIn(
            topic="agreement_draft",
            subject=DRAFT_SUBJECT,
            response_deadline=heard.response_deadline,
            covering_text=(
                "Sundhedssamarbejdsudvalget sender hermed udkastet til sundhedsaftale 2024–2027 i høring hos "
                "patientinddragelsesudvalget, jf. § 29, stk. 2. Vi hører gerne særligt om målsætningerne for "
                "sammenhængende forløb og om, hvordan patienter og pårørende inddrages i opfølgningen."
            ),
            agreement=AGREEMENT,
            addressees=(
                AddresseeIn(body=committee.key, respondent=_respondent()),
                AddresseeIn(name=ORGANISATION, email="sjaelland@example.org"),
            ),
        ),
        system=True,
        as_of=made,
    )
    hearing_round_send(
        actor=None,
        round_pk=round_.pk,
        expected_version=round_.version,
        confirmed=True,
        system=True,
        sent_on=heard.sent_on,
    )
    members = [
        m.person.name
        for m in committee.memberships.select_related("person").order_by("key")
        if m.start <= heard.answered_on and (m.end is None or m.end >= heard.answered_on)
    ]
    dissenter = members[1] if len(members) > 1 else (members[0] if members else "")
    committee_addressee = round_.addressees.get(body=committee)
    hearing_answer_record(
        actor=None,
        round_pk=round_.pk,
        addressee_pk=committee_addressee.pk,
        data=AnswerIn(
            text=(
                "Udvalget bakker op om målsætningen om sammenhængende forløb ved udskrivelse og foreslår, at "
                "aftalen forpligter parterne til én samlet plan, som patienten får udleveret. Udvalget foreslår "
                "desuden, at patientinddragelsesudvalget får en fast plads i opfølgningen på målsætningerne."
            ),
            received_on=heard.answered_on,
            consensus_sought=True,
            consensus_reached=not dissenter,
            dissents=(
                (
                    (
                        dissenter,
                        "Jeg støtter svaret, men mener, at aftalen også skal sætte en frist for, hvornår pårørende "
                        "får adgang til planen; ellers bliver inddragelsen ikke reel.",
                    ),
                )
                if dissenter
                else ()
            ),
        ),
        system=True,
    )
    organisation = round_.addressees.get(body__isnull=True)
    late_on = min(heard.response_deadline + dt.timedelta(days=2), today - dt.timedelta(days=1))
    hearing_answer_record(
        actor=None,
        round_pk=round_.pk,
        addressee_pk=organisation.pk,
        data=AnswerIn(
            text=(
                "Vi savner, at aftalen nævner tilgængelig kommunikation (for eksempel let læst og tegnsprog) i "
                "forløbene for borgere med handicap."
            ),
            received_on=max(late_on, heard.sent_on),
        ),
        system=True,
    )
    for addressee, items in (
        (
            committee_addressee,
            (
                DispositionIn(
                    point="Én samlet plan til patienten ved udskrivelse",
                    kind="taken_in",
                    reason="Indarbejdet i målsætningen om sammenhængende forløb som et succeskriterium.",
                ),
                DispositionIn(
                    point="Fast plads i opfølgningen",
                    kind="partly",
                    reason=(
                        "Udvalget inddrages i den årlige gennemgang (§ 22, stk. 1); en fast plads i hver "
                        "arbejdsgruppe er ikke fastsat i aftalen."
                    ),
                ),
            ),
        ),
        (
            organisation,
            (
                DispositionIn(
                    kind="noted",
                    reason=(
                        "Tilgængelig kommunikation indgår i samarbejdsaftalernes implementering; aftalens tekst "
                        "ændres ikke."
                    ),
                ),
            ),
        ),
    ):
        answer = addressee.answer
        hearing_dispositions_set(
            actor=None,
            round_pk=round_.pk,
            addressee_pk=addressee.pk,
            expected_version=answer.version,
            items=items,
            system=True,
        )
    round_.refresh_from_db()
    hearing_round_close(
        actor=None,
        round_pk=round_.pk,
        expected_version=round_.version,
        changes_made=(
            "Målsætningen om sammenhængende forløb har fået et succeskriterium om én samlet plan ved "
            "udskrivelse. Afsnittet om opfølgning nævner patientinddragelsesudvalgets rolle i den årlige "
            "gennemgang."
        ),
        system=True,
        closed_on=min(heard.answered_on + dt.timedelta(days=10), today - dt.timedelta(days=1)),
    )


def _open_round(today: dt.date) -> None:
    region = working_region(platform(), today)  # a region that exists on ``today`` (ADR 0040)
    committee = Body.objects.filter(region_id=region, kind=BodyKind.COMMITTEE.value).first()
    if committee is None or HearingRound.objects.filter(region_id=region, subject=PLAN_SUBJECT).exists():
        return
    sent = today - dt.timedelta(days=7)
    round_ = hearing_round_create(
        actor=None,
        region_code=region,
        data=RoundIn(
            topic="health_plan",
            subject=PLAN_SUBJECT,
            response_deadline=today + dt.timedelta(days=21),
            covering_text=(
                "Regionen sender udkastet til sundhedsplanen til sundhedssamarbejdsudvalgets vurdering, jf. § 22, "
                "stk. 2. Udvalget kan komme med anbefalinger til, hvordan planen kan fremme sammenhæng i "
                "indsatsen mellem sygehuse, praksissektor og kommunale tilbud."
            ),
            addressees=(
                AddresseeIn(body=committee.key, respondent=_respondent(region)),
                AddresseeIn(name="Danske Patienter", email="kontakt@example.org"),
            ),
        ),
        system=True,
        as_of=sent,
    )
    hearing_round_send(
        actor=None,
        round_pk=round_.pk,
        expected_version=round_.version,
        confirmed=True,
        system=True,
        sent_on=sent,
    )


def hearings_demo_load(today: dt.date) -> None:
    """Write the demo's hearing rounds (after the case and the demo accounts are in place)."""
    _draft_round(today)
    _open_round(today)
