"""Rules for the health agreement's submission and approval (§§ 19–22; vejledningens kapitel 5)."""

from __future__ import annotations

from ..calendar import add_weeks, deadline_in_period
from ..case import CasePart, ContentPart, HealthAgreement
from ._engine import RuleContext, rule
from ._explanations import Message, say
from ._helpers import not_recorded
from ._types import Fact, Outcome, RuleKind, Status, SubjectKind

_LEGACY = "bek-679-2018"


def _made_under_2018_order(agreement: HealthAgreement) -> Outcome | None:
    """Submission and approval of an agreement made under bek. nr. 679/2018 followed that order's rules."""
    if agreement.legal_basis != _LEGACY:
        return None
    return Outcome(
        Status.NOT_APPLICABLE,
        say("shared.agreement/made-under-2018-order"),
        (Fact("retsgrundlag", agreement.legal_basis),),
    )


@rule(
    id="aftale.indsendelsesfrist",
    title="Indsendelse af sundhedsaftalen til Sundhedsstyrelsen",
    kind=RuleKind.REQUIREMENT,
    subject=SubjectKind.AGREEMENT,
    cites=["§ 21, stk. 1", "§ 21, stk. 5"],
    parameters=["agreement.submission_deadline"],
)
def submission_deadline(ctx: RuleContext) -> Outcome:
    """Regionsrådet indsender aftalen senest den 1. juli i valgperiodens andet år, medmindre Sundhedsstyrelsen
    har fastsat en anden frist."""
    agreement: HealthAgreement = ctx.subject
    if legacy := _made_under_2018_order(agreement):
        return legacy
    if not ctx.case.records(CasePart.AGREEMENT_MAKING):
        # The deadline that applied may have been moved by Sundhedsstyrelsen (§ 21, stk. 5); not recorded here.
        return not_recorded(CasePart.AGREEMENT_MAKING)
    deadline = deadline_in_period(
        period_start_year=agreement.election_period_start, rule=ctx.param("agreement.submission_deadline")
    )
    first = min((s.submitted_on for s in agreement.submissions), default=None)
    facts = (
        Fact("valgperiode", f"{agreement.election_period_start}–{agreement.election_period_start + 3}"),
        Fact("frist", deadline),
        Fact("indsendt", first or "ikke indsendt"),
    )
    if first is not None and first <= ctx.at:
        if first <= deadline:
            return Outcome(
                Status.MET, say("aftale.indsendelsesfrist/in-time", submitted=first, deadline=deadline), facts
            )
        return Outcome(
            Status.NOT_MET,
            say(
                "aftale.indsendelsesfrist/late",
                submitted=first,
                days=(first - deadline).days,
                deadline=deadline,
            ),
            facts,
        )
    if ctx.at <= deadline:
        return Outcome(
            Status.NOT_YET_DUE,
            say("aftale.indsendelsesfrist/not-yet", deadline=deadline, days=(deadline - ctx.at).days),
            facts,
        )
    return Outcome(Status.NOT_MET, say("aftale.indsendelsesfrist/overdue", deadline=deadline), facts)


@rule(
    id="aftale.godkendelsesfrist",
    title="Sundhedsstyrelsens afgørelse inden for fristen",
    kind=RuleKind.REQUIREMENT,
    subject=SubjectKind.AGREEMENT,
    cites=["§ 21, stk. 2"],
    parameters=["agreement.review_weeks"],
)
def review_deadline(ctx: RuleContext) -> Outcome:
    """Sundhedsstyrelsen godkender aftalen eller gør indsigelse inden for 8 uger efter modtagelsen."""
    agreement: HealthAgreement = ctx.subject
    if legacy := _made_under_2018_order(agreement):
        return legacy
    received = max(
        (s.received_on for s in agreement.submissions if s.received_on and s.received_on <= ctx.at),
        default=None,
    )
    if received is None:
        return Outcome(Status.NOT_APPLICABLE, say("aftale.godkendelsesfrist/not-received"))
    weeks: int = ctx.param("agreement.review_weeks")
    deadline = add_weeks(received, weeks)
    decided = min(
        (d.decided_on for d in agreement.decisions if received <= d.decided_on <= ctx.at), default=None
    )
    facts = (Fact("modtaget", received), Fact("frist", deadline), Fact("afgjort", decided or "ikke afgjort"))
    if decided is not None:
        status = Status.MET if decided <= deadline else Status.NOT_MET
        timing = "in-time" if status is Status.MET else "late"
        return Outcome(
            status,
            say(
                f"aftale.godkendelsesfrist/decided-{timing}",
                decided=decided,
                deadline=deadline,
                weeks=weeks,
                received=received,
            ),
            facts,
        )
    if ctx.at <= deadline:
        return Outcome(
            Status.NOT_YET_DUE, say("aftale.godkendelsesfrist/awaited", deadline=deadline, weeks=weeks), facts
        )
    return Outcome(Status.NOT_MET, say("aftale.godkendelsesfrist/overdue", deadline=deadline), facts)


@rule(
    id="aftale.formelle-oplysninger",
    title="Aftalens formelle oplysninger",
    kind=RuleKind.REQUIREMENT,
    subject=SubjectKind.AGREEMENT,
    cites=["afsnit 5.1", "§ 21, stk. 3"],
)
def formal_data(ctx: RuleContext) -> Outcome:
    """Aftalen skal angive parter, valgperiode, versionsnummer og ikrafttrædelsesdato ("Følgende data skal
    fremgå af sundhedsaftalen"). Det er ikke et godkendelseskriterium (afsnit 5.2): mangler en oplysning, gives
    der rådgivning om at tilføje den."""
    agreement: HealthAgreement = ctx.subject
    if legacy := _made_under_2018_order(agreement):
        return legacy
    content = agreement.content
    expected_parties = {ctx.case.region.code, *(m.code for m in ctx.case.municipalities)}
    missing: list[str] = []  # the advice's words, Danish (letters to the parties are Danish)
    said: list[Message] = []
    if content.records(ContentPart.PARTIES) and not expected_parties <= set(agreement.parties):
        absent = sorted(ctx.case.municipality_name(c) for c in expected_parties - set(agreement.parties))
        missing.append(f"alle parter ({', '.join(absent)} mangler)")
        said.append(say("aftale.formelle-oplysninger/all-parties", absent=absent))
    if content.records(ContentPart.VERSION_NUMBER) and not agreement.version_number:
        missing.append("versionsnummer")
        said.append(say("aftale.formelle-oplysninger/version-number"))
    if content.records(ContentPart.EFFECTIVE_DATE) and agreement.effective_date is None:
        missing.append("ikrafttrædelsesdato")
        said.append(say("aftale.formelle-oplysninger/effective-date"))
    unknown = [
        p
        for p in (ContentPart.PARTIES, ContentPart.VERSION_NUMBER, ContentPart.EFFECTIVE_DATE)
        if not content.records(p)
    ]
    facts = (
        Fact(
            "parter", len(agreement.parties) if content.records(ContentPart.PARTIES) else "ikke registreret"
        ),
        Fact("valgperiode", f"{agreement.election_period_start}–{agreement.election_period_start + 3}"),
        Fact(
            "versionsnummer", _stated(agreement.version_number, content.records(ContentPart.VERSION_NUMBER))
        ),
        Fact("ikrafttræden", _stated(agreement.effective_date, content.records(ContentPart.EFFECTIVE_DATE))),
    )
    not_recorded = (
        [
            say(
                "aftale.formelle-oplysninger/not-recorded",
                parts=[say(f"shared.content-parts/{p.value}") for p in unknown],
            )
        ]
        if unknown
        else []
    )
    if missing:
        listed = missing[0] if len(missing) == 1 else f"{', '.join(missing[:-1])} og {missing[-1]}"
        return Outcome(
            Status.NOT_MET,
            say("aftale.formelle-oplysninger/not-met", missing=said, not_recorded=not_recorded),
            facts,
            advice=f"Sundhedsaftalen bør angive {listed}.",
        )
    if len(unknown) == 3:
        return Outcome(Status.NOT_RECORDED, say("aftale.formelle-oplysninger/none-recorded"), facts)
    stated = [
        say(f"aftale.formelle-oplysninger/{p}")
        for p, part in (
            ("parties", ContentPart.PARTIES),
            ("election-period", None),
            ("version-number", ContentPart.VERSION_NUMBER),
            ("effective-date", ContentPart.EFFECTIVE_DATE),
        )
        if part is None or content.records(part)
    ]
    return Outcome(
        Status.MET, say("aftale.formelle-oplysninger/met", stated=stated, not_recorded=not_recorded), facts
    )


def _stated(value: object, recorded: bool) -> object:
    if not recorded:
        return "ikke registreret"
    return value or "mangler"
