"""Rules for how the health agreement is made and followed up (§§ 19, 21, 22 and 29; vejledningens afsnit 5.1,
5.5 and kapitel 6).

The agreement's cycles (making, amendment after an objection, revision after a yearly review) and its dates
come from :mod:`sundhedsaftale.core.lifecycle`, so the rules and the state machine read the records the same
way. An agreement made under bek. nr. 679/2018 was made under that order: the rules about making it do not
apply, but the follow-up rules do (§ 31, stk. 3), and so do the making rules for a revision made since.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from ..calendar import add_years, deadline_in_period
from ..case import AuthorityDecisionKind, CasePart, HealthAgreement, StatusReportKind
from ..lifecycle._dates import (
    expiry_after,
    figure,
    final_status_due_before,
    first_submission,
    order_start,
    review_years,
    reviews_in,
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
from ._engine import RuleContext, rule
from ._explanations import Message, say
from ._helpers import not_recorded, party
from ._types import Fact, Outcome, RuleKind, Status, SubjectKind


def _legacy(agreement: HealthAgreement) -> bool:
    return agreement.legal_basis == LEGACY_BASIS


def _legacy_outcome(agreement: HealthAgreement) -> Outcome:
    return Outcome(
        Status.NOT_APPLICABLE,
        say("shared.agreement/made-under-2018-order-making"),
        (Fact("retsgrundlag", agreement.legal_basis),),
    )


def _not_recorded(ctx: RuleContext, *parts: CasePart) -> Outcome | None:
    """No conclusion when the case file leaves out the records the rule reads (a case about one decision)."""
    missing = [p for p in parts if not ctx.case.records(p)]
    return not_recorded(*missing) if missing else None


def _making_cycles(agreement: HealthAgreement, at: dt.date) -> list[Cycle]:
    """The cycles whose making the 2022 order governs: all of them, or only the revisions for a 2018 agreement."""
    return [c for c in cycles(agreement, at) if not (_legacy(agreement) and c.number == 0)]


def _first_in(cycle: Cycle, days: Iterable[dt.date], at: dt.date) -> dt.date | None:
    return min((d for d in days if d <= at and cycle.holds(d)), default=None)


def _draft_done(agreement: HealthAgreement, cycle: Cycle, at: dt.date) -> dt.date | None:
    """The first day the draft left the committee in ``cycle``: a council approval or a submission."""
    approved = _first_in(cycle, (a.approved_on for a in agreement.council_approvals), at)
    submitted = _first_in(cycle, (s.submitted_on for s in agreement.submissions), at)
    return min((d for d in (approved, submitted) if d is not None), default=None)


def _cycle_name(cycle: Cycle) -> str:
    """The cycle's name among the facts (Danish, as every fact's)."""
    if cycle.opened_by is Opening.OBJECTION and cycle.opened_on is not None:
        return f"ændringen efter indsigelsen {danish_date(cycle.opened_on)}"
    if cycle.opened_by is Opening.REVIEW and cycle.opened_on is not None:
        return f"revisionen efter den årlige gennemgang {danish_date(cycle.opened_on)}"
    return "udarbejdelsen"


def _cycle_said(cycle: Cycle) -> Message:
    """The cycle's name in an explanation."""
    if cycle.opened_by is Opening.OBJECTION and cycle.opened_on is not None:
        return say("shared.cycles/amendment", on=cycle.opened_on)
    if cycle.opened_by is Opening.REVIEW and cycle.opened_on is not None:
        return say("shared.cycles/revision", on=cycle.opened_on)
    return say("shared.cycles/drafting")


@rule(
    id="aftale.opstartsmoede",
    title="Møde med patientinddragelsesudvalget før udkastet til sundhedsaftalen",
    kind=RuleKind.REQUIREMENT,
    subject=SubjectKind.AGREEMENT,
    cites=["§ 29, stk. 1", "§ 19, stk. 3"],
    parameters=["agreement.submission_deadline"],
)
def kickoff(ctx: RuleContext) -> Outcome:
    """Sundhedssamarbejdsudvalget indkalder patientinddragelsesudvalget til et møde, før udkastet udarbejdes i
    hver valgperiode."""
    agreement: HealthAgreement = ctx.subject
    if gap := _not_recorded(ctx, CasePart.AGREEMENT_MAKING, CasePart.MEETINGS):
        return gap
    if _legacy(agreement):
        return _legacy_outcome(agreement)
    first = cycles(agreement, ctx.at)[0]
    hearing = _first_in(first, (h.sent_on for h in agreement.hearings), ctx.at)
    done = min((d for d in (hearing, _draft_done(agreement, first, ctx.at)) if d is not None), default=None)
    meeting = kickoff_meeting(ctx.case, agreement, done or ctx.at)
    facts = (
        Fact("valgperiode", f"{agreement.election_period_start}–{agreement.election_period_start + 3}"),
        Fact("møde", meeting or "ikke registreret"),
        Fact("udkastet sendt videre", done or "endnu ikke"),
    )
    if meeting is not None:
        after = [say("aftale.opstartsmoede/before-draft", done=done)] if done else []
        return Outcome(Status.MET, say("aftale.opstartsmoede/met", meeting=meeting, after=after), facts)
    if done is not None:
        return Outcome(Status.NOT_MET, say("aftale.opstartsmoede/missing", done=done), facts)
    deadline = deadline_in_period(
        period_start_year=agreement.election_period_start, rule=ctx.param("agreement.submission_deadline")
    )
    if ctx.at <= deadline:
        return Outcome(Status.NOT_YET_DUE, say("aftale.opstartsmoede/not-yet", deadline=deadline), facts)
    return Outcome(Status.NOT_MET, say("aftale.opstartsmoede/overdue", deadline=deadline), facts)


@rule(
    id="aftale.hoering-piu",
    title="Høring af patientinddragelsesudvalget om udkastet til sundhedsaftalen",
    kind=RuleKind.REQUIREMENT,
    subject=SubjectKind.AGREEMENT,
    cites=["§ 29, stk. 2"],
)
def hearing(ctx: RuleContext) -> list[Outcome]:
    """Patientinddragelsesudvalget høres, når aftalen udarbejdes, og på ny, når den revideres efter den årlige
    gennemgang (§ 22, stk. 1). Høringen ligger før regionsrådets og kommunalbestyrelsernes godkendelse."""
    agreement: HealthAgreement = ctx.subject
    if gap := _not_recorded(ctx, CasePart.AGREEMENT_MAKING):
        return [gap]
    relevant = [c for c in _making_cycles(agreement, ctx.at) if c.needs_hearing]
    if not relevant:
        return [_legacy_outcome(agreement)]
    outcomes = []
    for cycle in relevant:
        sent = _first_in(cycle, (h.sent_on for h in agreement.hearings), ctx.at)
        done = _draft_done(agreement, cycle, ctx.at)
        what = say(
            "aftale.hoering-piu/renewed" if cycle.opened_by is Opening.REVIEW else "aftale.hoering-piu/first"
        )
        named = _cycle_said(cycle)
        facts = (
            Fact("runde", _cycle_name(cycle)),
            Fact("høring sendt", sent or "ikke sendt"),
            Fact("godkendt eller indsendt", done or "endnu ikke"),
        )
        if sent is not None and (done is None or sent <= done):
            outcomes.append(
                Outcome(Status.MET, say("aftale.hoering-piu/met", what=what, sent=sent, cycle=named), facts)
            )
        elif done is not None:
            key = "aftale.hoering-piu/late" if sent else "aftale.hoering-piu/not-heard"
            said = {"sent": sent} if sent else {}
            outcomes.append(Outcome(Status.NOT_MET, say(key, done=done, cycle=named, **said), facts))
        else:
            outcomes.append(
                Outcome(Status.NOT_YET_DUE, say("aftale.hoering-piu/not-yet", what=what, cycle=named), facts)
            )
    return outcomes


# § 19, stk. 1: the political levels "inddrages i arbejdet og har mulighed for at komme med input". Involving them
# is binding, giving input is their option; a cluster without recorded input is therefore no proven breach but a
# question for judgement (was it involved?), while input from every cluster shows the requirement met.
@rule(
    id="aftale.klyngeinput",
    title="Klyngernes politiske niveau inddrages i udarbejdelsen af sundhedsaftalen",
    kind=RuleKind.REQUIREMENT,
    subject=SubjectKind.AGREEMENT,
    cites=["§ 19, stk. 1", "§ 2, stk. 2, nr. 2"],
)
def cluster_input(ctx: RuleContext) -> Outcome:
    """Det politiske niveau i hver sundhedsklynge inddrages i arbejdet med udkastet og har mulighed for at komme
    med input til aftalen."""
    agreement: HealthAgreement = ctx.subject
    if gap := _not_recorded(ctx, CasePart.AGREEMENT_MAKING):
        return gap
    if _legacy(agreement):
        return _legacy_outcome(agreement)
    given = {c.cluster_id for c in agreement.cluster_inputs if c.given_on <= ctx.at}
    missing = [c.name for c in ctx.case.clusters if c.id not in given]
    facts = (
        Fact("klynger", len(ctx.case.clusters)),
        Fact("med registreret input", len(given)),
        Fact("uden input", ", ".join(missing) or "ingen"),
    )
    if not missing:
        return Outcome(Status.MET, say("aftale.klyngeinput/met", clusters=len(ctx.case.clusters)), facts)
    done = _draft_done(agreement, cycles(agreement, ctx.at)[0], ctx.at)
    if done is None:
        return Outcome(Status.NOT_YET_DUE, say("aftale.klyngeinput/drafting", missing=missing), facts)
    return Outcome(Status.NEEDS_JUDGEMENT, say("aftale.klyngeinput/no-input", missing=missing), facts)


@rule(
    id="aftale.godkendt-foer-indsendelse",
    title="Regionsrådet og alle kommunalbestyrelser godkender aftalen før indsendelsen",
    kind=RuleKind.REQUIREMENT,
    subject=SubjectKind.AGREEMENT,
    cites=["afsnit 5.1", "§ 21, stk. 1"],
)
def approved_before_submission(ctx: RuleContext) -> Outcome:
    """Aftalen skal være godkendt af både regionsrådet og alle kommunalbestyrelser i regionen, før regionsrådet
    indsender den; efter en indsigelse eller revision godkendes den ændrede aftale på ny."""
    agreement: HealthAgreement = ctx.subject
    if gap := _not_recorded(ctx, CasePart.AGREEMENT_MAKING):
        return gap
    governed = _making_cycles(agreement, ctx.at)
    if not governed:
        return _legacy_outcome(agreement)
    parties = all_parties(ctx.case)
    problems: list[Message] = []
    checked = 0
    for cycle in governed:
        for submission in sorted(agreement.submissions, key=lambda s: s.submitted_on):
            day = submission.submitted_on
            if day > ctx.at or not cycle.holds(day):
                continue
            checked += 1
            approved = approved_parties(agreement, cycle, day)
            missing = [party(ctx.case, code) for code in parties if code not in approved]
            if missing:
                problems.append(say("aftale.godkendt-foer-indsendelse/unapproved", day=day, missing=missing))
    current = governed[-1]
    approved_now = approved_parties(agreement, current, ctx.at)
    facts = (
        Fact("parter", len(parties)),
        Fact("indsendelser", checked),
        Fact("godkendt i seneste runde", len([p for p in parties if p in approved_now])),
    )
    if problems:
        return Outcome(
            Status.NOT_MET, say("aftale.godkendt-foer-indsendelse/not-met", problems=problems), facts
        )
    if checked:
        return Outcome(
            Status.MET, say("aftale.godkendt-foer-indsendelse/met", councils=len(parties) - 1), facts
        )
    waiting = [party(ctx.case, code) for code in parties if code not in approved_now]
    return Outcome(
        Status.NOT_YET_DUE, say("aftale.godkendt-foer-indsendelse/waiting", waiting=waiting), facts
    )


@rule(
    id="aftale.genindsendelse",
    title="Ændret aftale indsendt inden fristen for udbedring",
    kind=RuleKind.REQUIREMENT,
    subject=SubjectKind.AGREEMENT,
    cites=["§ 21, stk. 4"],
)
def resubmission(ctx: RuleContext) -> list[Outcome]:
    """Efter Sundhedsstyrelsens indsigelse ændrer regionsrådet og kommunalbestyrelserne aftalen og indsender den
    på ny inden for den frist, Sundhedsstyrelsen har sat."""
    agreement: HealthAgreement = ctx.subject
    objections = sorted(
        (
            d
            for d in agreement.decisions
            if d.kind is AuthorityDecisionKind.OBJECTION
            and order_start(ctx.rulebook) <= d.decided_on <= ctx.at
        ),
        key=lambda d: d.decided_on,
    )
    if not objections:
        return [Outcome(Status.NOT_APPLICABLE, say("aftale.genindsendelse/no-objection"))]
    outcomes = []
    for objection in objections:
        again = min(
            (
                s.submitted_on
                for s in agreement.submissions
                if objection.decided_on < s.submitted_on <= ctx.at
            ),
            default=None,
        )
        deadline = objection.remedy_deadline
        facts = (
            Fact("indsigelse", objection.decided_on),
            Fact("frist for udbedring", deadline or "ikke angivet"),
            Fact("indsendt på ny", again or "ikke indsendt"),
        )
        if deadline is None:
            outcomes.append(
                Outcome(
                    Status.NEEDS_JUDGEMENT,
                    say("aftale.genindsendelse/no-deadline", objection=objection.decided_on),
                    facts,
                )
            )
        elif again is not None:
            on_time = again <= deadline
            outcomes.append(
                Outcome(
                    Status.MET if on_time else Status.NOT_MET,
                    say(
                        f"aftale.genindsendelse/{'in-time' if on_time else 'late'}",
                        again=again,
                        deadline=deadline,
                        objection=objection.decided_on,
                    ),
                    facts,
                )
            )
        elif ctx.at <= deadline:
            outcomes.append(
                Outcome(
                    Status.NOT_YET_DUE,
                    say("aftale.genindsendelse/not-yet", deadline=deadline, days=(deadline - ctx.at).days),
                    facts,
                )
            )
        else:
            outcomes.append(
                Outcome(Status.NOT_MET, say("aftale.genindsendelse/overdue", deadline=deadline), facts)
            )
    return outcomes


@rule(
    id="aftale.offentliggoerelse",
    title="Parterne offentliggør den indgåede sundhedsaftale",
    kind=RuleKind.REQUIREMENT,
    subject=SubjectKind.AGREEMENT,
    cites=["afsnit 5.5"],
)
def publication(ctx: RuleContext) -> Outcome:
    """Regionsrådet og alle kommunalbestyrelser offentliggør den indgåede aftale, også senere versioner, på deres
    hjemmesider. Vejledningen fastsætter ingen frist."""
    agreement: HealthAgreement = ctx.subject
    if gap := _not_recorded(ctx, CasePart.FOLLOW_UP):
        return gap
    if _legacy(agreement):
        return _legacy_outcome(agreement)
    entered = entered_on(agreement, ctx.case)
    if entered is None or entered > ctx.at:
        return Outcome(Status.NOT_APPLICABLE, say("aftale.offentliggoerelse/not-entered"))
    published = {p.party_code for p in agreement.publications if p.published_on <= ctx.at}
    parties = all_parties(ctx.case)
    missing = [party(ctx.case, code) for code in parties if code not in published]
    facts = (
        Fact("indgået", entered),
        Fact("parter", len(parties)),
        Fact("offentliggjort af", len([p for p in parties if p in published])),
    )
    if not missing:
        return Outcome(Status.MET, say("aftale.offentliggoerelse/met", parties=len(parties)), facts)
    # Afsnit 5.5 sets no deadline figure, so a missing publication is not dated as overdue: it is for judgement.
    return Outcome(
        Status.NEEDS_JUDGEMENT,
        say("aftale.offentliggoerelse/missing", entered=entered, missing=missing),
        facts,
    )


@rule(
    id="aftale.aarlig-gennemgang",
    title="Årlig gennemgang af sundhedsaftalen",
    kind=RuleKind.REQUIREMENT,
    subject=SubjectKind.AGREEMENT,
    cites=["§ 22, stk. 1"],
    parameters=["agreement.yearly_reviews_per_year", "agreement.term_years"],
)
def yearly_review(ctx: RuleContext) -> list[Outcome]:
    """Sundhedssamarbejdsudvalget gennemgår én gang årligt aftalen og vurderer behovet for at revidere den; hvert
    kalenderår, aftalen gælder fra 1. januar til 31. december."""
    agreement: HealthAgreement = ctx.subject
    if gap := _not_recorded(ctx, CasePart.FOLLOW_UP):
        return [gap]
    needed: int = ctx.param("agreement.yearly_reviews_per_year")
    ctx.param("agreement.term_years")  # the term bounds the years (see core.lifecycle)
    years = [y for y in review_years(ctx.rulebook, ctx.case, agreement, ctx.at) if dt.date(y, 1, 1) <= ctx.at]
    if not years:
        return [Outcome(Status.NOT_APPLICABLE, say("aftale.aarlig-gennemgang/no-full-year"))]
    outcomes = []
    for year in years:
        held = reviews_in(agreement, year, ctx.at)
        facts = (Fact("år", year), Fact("gennemgange", len(held)), Fact("mindst", needed))
        if len(held) >= needed:
            outcomes.append(
                Outcome(
                    Status.MET,
                    say(
                        "aftale.aarlig-gennemgang/met",
                        year=year,
                        held=[say("shared.dates/date", date=d) for d in held],
                    ),
                    facts,
                )
            )
        elif dt.date(year, 12, 31) < ctx.at:
            outcomes.append(
                Outcome(Status.NOT_MET, say("aftale.aarlig-gennemgang/not-met", year=year), facts)
            )
        else:
            outcomes.append(
                Outcome(
                    Status.NOT_YET_DUE,
                    say("aftale.aarlig-gennemgang/not-yet", due=dt.date(year, 12, 31)),
                    facts,
                )
            )
    return outcomes


def _status_outcome(
    *,
    agreement: HealthAgreement,
    kind: StatusReportKind,
    due: dt.date,
    basis: Message,
    at: dt.date,
    facts: tuple[Fact, ...],
) -> Outcome:
    sent = min(
        (s.sent_on for s in agreement.status_reports if s.kind is kind and s.sent_on <= at), default=None
    )
    facts = (*facts, Fact("frist", due), Fact("sendt", sent or "ikke sendt"))
    if sent is not None:
        on_time = sent <= due
        return Outcome(
            Status.MET if on_time else Status.NOT_MET,
            say(
                f"shared.status-report/{kind.value}-sent-{'in-time' if on_time else 'late'}",
                sent=sent,
                due=due,
                basis=basis,
            ),
            facts,
        )
    if at <= due:
        return Outcome(
            Status.NOT_YET_DUE,
            say(f"shared.status-report/{kind.value}-not-yet", due=due, basis=basis, days=(due - at).days),
            facts,
        )
    return Outcome(
        Status.NOT_MET, say(f"shared.status-report/{kind.value}-overdue", due=due, basis=basis), facts
    )


def _before_order(rulebook_start: dt.date, due: dt.date, kind: StatusReportKind) -> Outcome | None:
    if due >= rulebook_start:
        return None
    return Outcome(
        Status.NOT_APPLICABLE,
        say(f"shared.status-report/{kind.value}-before-order", due=due, start=rulebook_start),
        (Fact("frist", due),),
    )


@rule(
    id="aftale.midtvejsstatus",
    title="Midtvejsstatus på sundhedsaftalen",
    kind=RuleKind.REQUIREMENT,
    subject=SubjectKind.AGREEMENT,
    cites=["§ 22, stk. 1"],
    also_cites=["kapitel 6"],
    parameters=["agreement.midterm_status_years", "agreement.midterm_status_years_into_period"],
)
def midterm_status(ctx: RuleContext) -> Outcome:
    """Sundhedssamarbejdsudvalget udarbejder en midtvejsstatus senest 2 år efter indsendelsen af aftalen
    (§ 22, stk. 1, bindende). Vejledningens kapitel 6 beskriver, at den sendes til Sundhedsstyrelsen til
    orientering senest to år inde i aftaleperioden; begge datoer vises, og den bindende frist anvendes."""
    agreement: HealthAgreement = ctx.subject
    if gap := _not_recorded(ctx, CasePart.FOLLOW_UP):
        return gap
    first = first_submission(agreement, ctx.at)
    if first is None:
        return Outcome(Status.NOT_APPLICABLE, say("aftale.midtvejsstatus/not-submitted"))
    years: int = ctx.param("agreement.midterm_status_years")
    due = add_years(first, years)
    if early := _before_order(order_start(ctx.rulebook), due, StatusReportKind.MIDTERM):
        return early
    guidance = None
    key = "agreement.midterm_status_years_into_period"
    if agreement.effective_date is not None and ctx.at >= ctx.rulebook.parameters[key].first_valid():
        into: int = ctx.param(key)
        guidance = expiry_after(agreement.effective_date, into)
    outcome = _status_outcome(
        agreement=agreement,
        kind=StatusReportKind.MIDTERM,
        due=due,
        basis=say("aftale.midtvejsstatus/basis", years=years, first=first),
        at=ctx.at,
        facts=(Fact("indsendt", first), Fact("vejledningens dato (kapitel 6)", guidance or "ikke beregnet")),
    )
    if guidance is None or guidance == due:
        return outcome
    gap_days = abs((guidance - due).days)
    order = "before" if guidance < due else "after"
    note = say(f"aftale.midtvejsstatus/guidance-{order}", guidance=guidance, days=gap_days)
    return Outcome(
        outcome.status, say("shared.joined/two", first=outcome.explanation, second=note), outcome.facts
    )


@rule(
    id="aftale.slutstatus",
    title="Afsluttende status på sundhedsaftalens resultater",
    kind=RuleKind.REQUIREMENT,
    subject=SubjectKind.AGREEMENT,
    cites=["§ 22, stk. 1"],
    also_cites=["kapitel 6"],
    parameters=["agreement.final_status_months_before_expiry", "agreement.term_years"],
)
def final_status(ctx: RuleContext) -> Outcome:
    """Inden aftalens udløb udarbejder sundhedssamarbejdsudvalget en afsluttende status; den sendes til
    Sundhedsstyrelsen senest et halvt år før udløbet."""
    agreement: HealthAgreement = ctx.subject
    if gap := _not_recorded(ctx, CasePart.FOLLOW_UP):
        return gap
    if agreement.effective_date is None:
        return Outcome(Status.NOT_APPLICABLE, say("aftale.slutstatus/no-effective-date"))
    years: int = agreement.term_years or ctx.param("agreement.term_years")
    expiry = expiry_after(agreement.effective_date, years)
    # The figure of kapitel 6 in force when the deadline falls (it may lie after the evaluation date).
    key = "agreement.final_status_months_before_expiry"
    months: int = figure(ctx.rulebook, ctx.case, key, ctx.at, subject_id=agreement.id)
    due = final_status_due_before(expiry, months, ctx.rulebook.parameters[key].first_valid())
    if early := _before_order(order_start(ctx.rulebook), due, StatusReportKind.FINAL):
        return early
    basis = (
        say("aftale.slutstatus/months-before", months=months, expiry=expiry)
        if due != expiry
        else say("aftale.slutstatus/before", expiry=expiry)
    )
    term = "aftalens egen varighed" if agreement.term_years else "standardvarigheden"
    return _status_outcome(
        agreement=agreement,
        kind=StatusReportKind.FINAL,
        due=due,
        basis=basis,
        at=ctx.at,
        facts=(Fact("ikrafttræden", agreement.effective_date), Fact(f"varighed ({term})", f"{years} år")),
    )
