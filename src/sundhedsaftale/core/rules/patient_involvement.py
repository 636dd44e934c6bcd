"""Rules for the patient involvement committee, patientinddragelsesudvalget (§§ 24–28)."""

from __future__ import annotations

from collections.abc import Iterable

from ..case import AppointingBody, Representation
from ._engine import RuleContext, rule
from ._explanations import say
from ._helpers import meeting_frequency, members, names
from ._types import Fact, Outcome, RuleKind, Status, SubjectKind

_SEATS = (
    (AppointingBody.DANSKE_PATIENTER, "patient_committee.danske_patienter", "Danske Patienter"),
    (
        AppointingBody.DANSKE_HANDICAPORGANISATIONER,
        "patient_committee.danske_handicaporganisationer",
        "Danske Handicaporganisationer",
    ),
    (AppointingBody.REGIONSAELDRERAADET, "patient_committee.regionsaeldreraadet", "Regionsældrerådet"),
    (AppointingBody.AELDRE_SAGEN, "patient_committee.aeldre_sagen", "Ældre Sagen"),
)


@rule(
    id="pi-udvalg.somatik-psykiatri",
    title="Repræsentation af både somatiske og psykiske lidelser",
    kind=RuleKind.REQUIREMENT,
    subject=SubjectKind.PATIENT_COMMITTEE,
    cites=["§ 25, stk. 4"],
)
def patient_committee_representation(ctx: RuleContext) -> Outcome:
    """Danske Patienter og Danske Handicaporganisationer sikrer repræsentation af både legemlige og psykiske lidelser."""
    appointees = members(
        ctx,
        lambda m: (
            m.appointed_by in (AppointingBody.DANSKE_PATIENTER, AppointingBody.DANSKE_HANDICAPORGANISATIONER)
        ),
    )
    covered = {m.represents for m in appointees if m.represents is not None}
    somatic = bool(covered & {Representation.SOMATIC, Representation.BOTH})
    psychiatric = bool(covered & {Representation.PSYCHIATRIC, Representation.BOTH})
    unknown = [m for m in appointees if m.represents is None]
    facts = (
        Fact("somatik repræsenteret", somatic),
        Fact("psykiatri repræsenteret", psychiatric),
        Fact("uden oplysning", names(unknown)),
    )
    if somatic and psychiatric:
        return Outcome(Status.MET, say("pi-udvalg.somatik-psykiatri/met"), facts)
    if unknown:
        return Outcome(
            Status.NEEDS_JUDGEMENT,
            say("pi-udvalg.somatik-psykiatri/unknown", unknown=[m.name for m in unknown]),
            facts,
        )
    lacking = "psychiatric" if somatic else "somatic" if psychiatric else "both"
    return Outcome(Status.NOT_MET, say(f"pi-udvalg.somatik-psykiatri/lacking-{lacking}"), facts)


@rule(
    id="pi-udvalg.formandskab",
    title="Formand og næstformand i patientinddragelsesudvalget",
    kind=RuleKind.REQUIREMENT,
    subject=SubjectKind.PATIENT_COMMITTEE,
    cites=["§ 25, stk. 5"],
)
def patient_committee_chairs(ctx: RuleContext) -> Outcome:
    """Udvalget vælger en formand og en næstformand blandt medlemmerne."""
    present = members(ctx)
    chairs = [m for m in present if m.chair]
    vices = [m for m in present if m.vice_chair]
    facts = (Fact("formand", names(chairs)), Fact("næstformand", names(vices)))
    chair_names, vice_names = [m.name for m in chairs], [m.name for m in vices]
    if len(chairs) == 1 and len(vices) == 1 and chairs[0].person_id != vices[0].person_id:
        return Outcome(
            Status.MET, say("pi-udvalg.formandskab/met", chairs=chair_names, vices=vice_names), facts
        )
    return Outcome(
        Status.NOT_MET, say("pi-udvalg.formandskab/not-met", chairs=chair_names, vices=vice_names), facts
    )


@rule(
    id="pi-udvalg.moeder",
    title="Møder i patientinddragelsesudvalget",
    kind=RuleKind.REQUIREMENT,
    subject=SubjectKind.PATIENT_COMMITTEE,
    cites=["§ 27, stk. 2"],
    parameters=["patient_committee.min_meetings_per_year"],
)
def patient_committee_meetings(ctx: RuleContext) -> Iterable[Outcome]:
    """Der afholdes møde mindst 1 gang om året."""
    return meeting_frequency(
        index=ctx.index,
        subject=ctx.subject,
        at=ctx.at,
        minimum=ctx.param("patient_committee.min_meetings_per_year"),
        rule_start=ctx.rule.validity.start,
        body="patient_committee",
    )
