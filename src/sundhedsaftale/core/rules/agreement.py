"""Rules for the health agreement's submission and approval (§§ 19–22; vejledningens kapitel 5)."""

from __future__ import annotations

from ..calendar import add_weeks, deadline_in_period
from ..case import HealthAgreement
from ..periods import danish_date
from ._engine import RuleContext, rule
from ._types import Fact, Outcome, RuleKind, Status, SubjectKind

_LEGACY = "bek-679-2018"


def _made_under_2018_order(agreement: HealthAgreement) -> Outcome | None:
    """Submission and approval of an agreement made under bek. nr. 679/2018 followed that order's rules."""
    if agreement.legal_basis != _LEGACY:
        return None
    return Outcome(
        Status.NOT_APPLICABLE,
        "Aftalen er indgået efter bek. nr. 679 af 30. maj 2018; dens indsendelse og godkendelse fulgte de regler. "
        "Efter § 31, stk. 3 gælder bek. nr. 1248/2022 for aftalen fremover (opfølgning og revision).",
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
                Status.MET,
                f"Aftalen blev indsendt {danish_date(first)}, inden fristen {danish_date(deadline)}.",
                facts,
            )
        return Outcome(
            Status.NOT_MET,
            f"Aftalen blev indsendt {danish_date(first)}, {(first - deadline).days} dage efter fristen {danish_date(deadline)}.",
            facts,
        )
    if ctx.at <= deadline:
        return Outcome(
            Status.NOT_YET_DUE,
            f"Aftalen er ikke indsendt endnu; fristen er {danish_date(deadline)} ({(deadline - ctx.at).days} dage).",
            facts,
        )
    return Outcome(
        Status.NOT_MET, f"Aftalen er ikke indsendt, og fristen {danish_date(deadline)} er overskredet.", facts
    )


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
        return Outcome(Status.NOT_APPLICABLE, "Sundhedsstyrelsen har ikke modtaget aftalen endnu.")
    weeks: int = ctx.param("agreement.review_weeks")
    deadline = add_weeks(received, weeks)
    decided = min(
        (d.decided_on for d in agreement.decisions if received <= d.decided_on <= ctx.at), default=None
    )
    facts = (Fact("modtaget", received), Fact("frist", deadline), Fact("afgjort", decided or "ikke afgjort"))
    if decided is not None:
        status = Status.MET if decided <= deadline else Status.NOT_MET
        timing = "inden for" if status is Status.MET else "efter"
        return Outcome(
            status,
            f"Sundhedsstyrelsen traf afgørelse {danish_date(decided)}, {timing} fristen {danish_date(deadline)} "
            f"({weeks} uger efter modtagelsen {danish_date(received)}).",
            facts,
        )
    if ctx.at <= deadline:
        return Outcome(
            Status.NOT_YET_DUE,
            f"Afgørelse afventes senest {danish_date(deadline)} ({weeks} uger efter modtagelsen).",
            facts,
        )
    return Outcome(
        Status.NOT_MET,
        f"Fristen for afgørelse, {danish_date(deadline)}, er overskredet uden afgørelse.",
        facts,
    )


@rule(
    id="aftale.formelle-oplysninger",
    title="Aftalens formelle oplysninger",
    kind=RuleKind.REQUIREMENT,
    subject=SubjectKind.AGREEMENT,
    cites=["afsnit 5.1", "§ 21, stk. 3"],
)
def formal_data(ctx: RuleContext) -> Outcome:
    """Aftalen skal angive parter, valgperiode, versionsnummer og ikrafttrædelsesdato."""
    agreement: HealthAgreement = ctx.subject
    if legacy := _made_under_2018_order(agreement):
        return legacy
    expected_parties = {ctx.case.region.code, *(m.code for m in ctx.case.municipalities)}
    missing = []
    if not expected_parties <= set(agreement.parties):
        absent = sorted(ctx.case.municipality_name(c) for c in expected_parties - set(agreement.parties))
        missing.append(f"parter ({', '.join(absent)} mangler)")
    if not agreement.version_number:
        missing.append("versionsnummer")
    if agreement.effective_date is None:
        missing.append("ikrafttrædelsesdato")
    facts = (
        Fact("parter", len(agreement.parties)),
        Fact("versionsnummer", agreement.version_number or "mangler"),
        Fact("ikrafttræden", agreement.effective_date or "mangler"),
    )
    if missing:
        return Outcome(Status.NOT_MET, "Aftalen mangler: " + ", ".join(missing) + ".", facts)
    return Outcome(
        Status.MET, "Aftalen angiver parter, valgperiode, versionsnummer og ikrafttrædelsesdato.", facts
    )
