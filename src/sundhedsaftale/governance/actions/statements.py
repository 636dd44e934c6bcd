"""Statements of the patient involvement committee (§ 27, stk. 3; § 28; ADR 0033).

The committee "kan afgive udtalelser vedrørende de emner, der ligger inden for udvalgets kompetenceområde, jf. § 28"
and must seek agreement: "Der skal tilstræbes enighed i udvalget om udvalgets prioriteringer. Hvis det ikke er
muligt at opnå enighed i udvalget, kan udvalgets medlemmer hver især afgive synspunkter" (§ 27, stk. 3). Its topics
are those of § 28, stk. 1 and, on its own initiative, "emner, som udvalget finder, er relevante for sammenhængen i
forløb mellem sygehuse, praksissektor og kommunale tilbud" (§ 28, stk. 2) – but "Udvalget behandler ikke
enkeltsager" (§ 28, stk. 2), so a statement about one patient's case is refused.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sundhedsaftale.accounts.audit import record_change
from sundhedsaftale.core.case import BodyKind
from sundhedsaftale.core.periods import danish_date
from sundhedsaftale.registry import clock

from ..models import Body, CommitteeStatement, Meeting, StatementBasis
from .bodies import Actor, Invalid, require_body_edit

__all__ = [
    "INDIVIDUAL_CASE_REFUSAL",
    "DissentIn",
    "StatementIn",
    "committee_statement_add",
    "is_patient_committee",
    "names_a_person",
]

INDIVIDUAL_CASE_REFUSAL = gettext_lazy(
    "Patientinddragelsesudvalget behandler ikke enkeltsager (§ 28, stk. 2: »Udvalget behandler ikke "
    "enkeltsager.«). En udtalelse om en enkelt patients sag kan derfor ikke registreres."
)
# A CPR number (DDMMÅÅ-XXXX, with or without the dash) names one person: a statement carrying one is about a case.
_CPR = re.compile(r"(?<!\d)(0[1-9]|[12]\d|3[01])(0[1-9]|1[0-2])\d{2}-?\d{4}(?!\d)")
TOPIC_LIMIT = 200
TEXT_LIMIT = 20000
VIEW_LIMIT = 4000


@dataclass(frozen=True)
class DissentIn:
    """One member's own view (§ 27, stk. 3, 3. pkt.): the membership's key and the view in the member's words."""

    membership: str
    view: str


@dataclass(frozen=True)
class StatementIn:
    basis: str
    topic: str
    text: str
    given_on: dt.date
    consensus_reached: bool
    consensus_sought: bool = True
    meeting: str = ""  # the key of the body's meeting where the statement was adopted
    dissents: tuple[DissentIn, ...] = field(default_factory=tuple)
    individual_case: bool = False  # the request is about one patient's case (refused, § 28, stk. 2)


def names_a_person(text: str) -> bool:
    """Whether a text carries a CPR number, which names one person (§ 28, stk. 2: no individual cases)."""
    return _CPR.search(text) is not None


def is_patient_committee(body: Body) -> bool:
    return body.kind == BodyKind.PATIENT_COMMITTEE.value


def _errors(
    body: Body, data: StatementIn
) -> tuple[list[tuple[str, str]], Meeting | None, list[dict[str, str]]]:
    errors: list[tuple[str, str]] = []
    if data.individual_case or names_a_person(f"{data.topic}\n{data.text}"):
        # Nothing else is checked: the request itself is outside the committee's remit.
        return [("individual_case", str(INDIVIDUAL_CASE_REFUSAL))], None, []
    if data.basis not in StatementBasis.values:
        errors.append(("basis", _("Grundlag: vælg et af emnerne i § 28 (eller eget initiativ).")))
    if not data.topic.strip():
        errors.append(("topic", _("Emne mangler.")))
    elif len(data.topic.strip()) > TOPIC_LIMIT:
        errors.append(("topic", _("Emne: højst %(limit)s tegn.") % {"limit": TOPIC_LIMIT}))
    if not data.text.strip():
        errors.append(("text", _("Udtalelsens tekst mangler.")))
    elif len(data.text) > TEXT_LIMIT:
        errors.append(("text", _("Udtalelsen: højst %(limit)s tegn.") % {"limit": TEXT_LIMIT}))
    today = clock.today()
    if data.given_on > today:
        errors.append(
            (
                "given_on",
                _(
                    "Dato: %(date)s ligger efter i dag (%(today)s); en udtalelse registreres, når den er afgivet."
                )
                % {"date": danish_date(data.given_on), "today": danish_date(today)},
            )
        )
    meeting = None
    if data.meeting:
        meeting = body.meetings.filter(key=data.meeting).first()
        if meeting is None:
            errors.append(
                ("meeting", _("Møde: '%(key)s' er ikke et af udvalgets møder.") % {"key": data.meeting})
            )
        elif meeting.date > data.given_on:
            errors.append(
                (
                    "meeting",
                    _("Møde: mødet %(meeting)s ligger efter udtalelsens dato %(date)s.")
                    % {"meeting": danish_date(meeting.date), "date": danish_date(data.given_on)},
                )
            )
    if data.consensus_reached and data.dissents:
        errors.append(
            (
                "dissents",
                _(
                    "Synspunkter: udvalget opnåede enighed, så der er ingen afvigende synspunkter; medlemmerne afgiver "
                    "hver især synspunkter, når enighed ikke kan opnås (§ 27, stk. 3)."
                ),
            )
        )
    members = {
        m.key: m
        for m in body.memberships.select_related("person").filter(start__lte=data.given_on)
        if m.end is None or m.end >= data.given_on
    }
    dissents: list[dict[str, str]] = []
    seen: set[str] = set()
    for number, dissent in enumerate(data.dissents, start=1):
        member = members.get(dissent.membership)
        if member is None:
            errors.append(
                (
                    "dissents",
                    _("Synspunkt %(n)s: '%(key)s' var ikke medlem af udvalget %(date)s.")
                    % {"n": number, "key": dissent.membership, "date": danish_date(data.given_on)},
                )
            )
            continue
        if dissent.membership in seen:
            errors.append(
                (
                    "dissents",
                    _("Synspunkt %(n)s: %(name)s står der allerede.")
                    % {"n": number, "name": member.person.name},
                )
            )
        seen.add(dissent.membership)
        if not dissent.view.strip():
            errors.append(
                (
                    "dissents",
                    _("Synspunkt %(n)s: %(name)s' synspunkt mangler.")
                    % {"n": number, "name": member.person.name},
                )
            )
        elif len(dissent.view) > VIEW_LIMIT:
            errors.append(
                ("dissents", _("Synspunkt %(n)s: højst %(limit)s tegn.") % {"n": number, "limit": VIEW_LIMIT})
            )
        dissents.append(
            {"membership": member.key, "member": member.person.name, "view": dissent.view.strip()}
        )
    return errors, meeting, dissents


def committee_statement_add(
    *, actor: Actor | None, body_key: str, data: StatementIn, system: bool = False
) -> CommitteeStatement:
    """Record a statement of the patient involvement committee ``body_key``; its secretariat only (the region,
    § 26, stk. 3), or the platform itself (``system``: the demo data). Raises :class:`~.bodies.Invalid` naming
    every wrong field and writes nothing."""
    with transaction.atomic():
        body = Body.objects.select_for_update().get(key=body_key)
        if not system:
            assert actor is not None
            require_body_edit(actor, body)
        if not is_patient_committee(body):
            raise Invalid(
                [
                    (
                        "body",
                        _("Kun patientinddragelsesudvalget afgiver udtalelser efter § 27, stk. 3 og § 28."),
                    )
                ]
            )
        errors, meeting, dissents = _errors(body, data)
        if errors:
            raise Invalid(errors)
        statement = CommitteeStatement.objects.create(
            body=body,
            basis=data.basis,
            topic=data.topic.strip(),
            text=data.text.strip(),
            given_on=data.given_on,
            meeting=meeting,
            consensus_sought=data.consensus_sought,
            consensus_reached=data.consensus_reached,
            dissents=dissents,
        )
        record_change(
            actor=actor,
            action="committee_statement_add",
            object_type="committee_statement",
            object_id=statement.pk,
            region_code=body.region_id,
            after={
                "body": body.key,
                "basis": statement.basis,
                "topic": statement.topic,
                "given_on": statement.given_on,
                "meeting": meeting.key if meeting else None,
                "consensus_sought": statement.consensus_sought,
                "consensus_reached": statement.consensus_reached,
                "dissents": [d["member"] for d in dissents],
            },
        )
    return statement
