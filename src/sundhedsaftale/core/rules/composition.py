"""The bodies' composition as declarative tables, one per body kind, evaluated by one rule shape.

Each row of a table is one rule: the provision, and one or more groups of seats — who fills a seat, how many the
law (or a recorded local decision) asks for, whether per body, per participating municipality or per cluster,
whether "mindst" or "består af", what must be among them ("heriblandt regionsrådsformanden"), and whether the
seats are *offered* rather than filled (§ 30, stk. 4: "vil skulle tilbydes"). The explanation says the law's
words: a default the parties may change reads "hvor ikke andet aftales", a fixed composition reads "består af",
and a duty is put on the party the provision names.

The political level's municipal seat (§ 3, stk. 1, nr. 2 and stk. 2) depends on each municipality's form of
government and its council's decision, so it has its own function below.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache

from ..case import AppointingBody, Body, MemberRole, Membership
from ..reference import GovernmentForm
from ._engine import RuleContext, rule
from ._explanations import Message, say
from ._helpers import municipality_list, named, names
from ._types import Fact, Outcome, RuleKind, Status, SubjectKind, made_at_once

__all__ = ["COMPOSITION", "Composition", "Including", "Per", "SeatGroup"]

_COUNCIL = (MemberRole.REGIONAL_COUNCIL_CHAIR, MemberRole.REGIONAL_COUNCIL_MEMBER)
_ALTERNATES = (MemberRole.COMMITTEE_CHAIR, MemberRole.MAGISTRATE_MEMBER)


class Per(StrEnum):
    BODY = "body"
    MUNICIPALITY = "municipality"  # each participating municipality of the cluster
    CLUSTER = "cluster"  # each cluster of the region


Fills = Callable[[RuleContext, Membership], bool]


@dataclass(frozen=True)
class Including:
    """What the group must include: ``key`` names its templates in explanations.yaml, ``including-<key>`` in the
    provision's words ("heriblandt regionsrådsformanden", "herunder det psykiatriske område") and
    ``lacking-<key>``, how a shortfall reads."""

    key: str
    test: Callable[[Membership], bool]


@dataclass(frozen=True)
class SeatGroup:
    parameter: str
    noun: tuple[str, str]  # singular, plural: the names of the facts
    seats: str  # the seats counted, in the explanation: a key of ``shared.seats`` in explanations.yaml
    fills: Fills
    per: Per = Per.BODY
    at_least: bool = False  # "mindst" (§ 3, stk. 1, nr. 1); otherwise "består af" a number
    including: tuple[Including, ...] = ()
    offered_to: AppointingBody | None = None  # seats the body offers (§ 30, stk. 4)


@dataclass(frozen=True)
class Composition:
    id: str
    title: str
    subject: SubjectKind
    cites: tuple[str, ...]
    summary: str
    body_words: str  # the subject of "består af" ("det politiske niveau"): a key of ``shared.body-words``
    groups: tuple[SeatGroup, ...]
    duty: str = ""  # who acts when seats are missing, with the provision naming them: a template's key


class _Role:
    """A seat any of ``roles`` fills. Like every ``Fills`` a test of one member; ``select`` picks them all out of a
    body's members in one comprehension (no call per member: this runs for every body and group)."""

    __slots__ = ("roles",)

    def __init__(self, *roles: MemberRole) -> None:
        self.roles = frozenset(roles)

    def __call__(self, ctx: RuleContext, m: Membership) -> bool:
        return m.role in self.roles

    def select(self, members: Sequence[Membership]) -> list[Membership]:
        roles = self.roles
        return [m for m in members if m.role in roles]


class _Appointed:
    """A seat of ``role`` appointed by ``by``."""

    __slots__ = ("by", "role")

    def __init__(self, role: MemberRole, by: AppointingBody) -> None:
        self.role, self.by = role, by

    def __call__(self, ctx: RuleContext, m: Membership) -> bool:
        return m.role is self.role and m.appointed_by is self.by

    def select(self, members: Sequence[Membership]) -> list[Membership]:
        role, by = self.role, self.by
        return [m for m in members if m.role is role and m.appointed_by is by]


class _By:
    """A seat appointed by ``organisation``, whatever the member's role."""

    __slots__ = ("organisation",)

    def __init__(self, organisation: AppointingBody) -> None:
        self.organisation = organisation

    def __call__(self, ctx: RuleContext, m: Membership) -> bool:
        return m.appointed_by is self.organisation

    def select(self, members: Sequence[Membership]) -> list[Membership]:
        organisation = self.organisation
        return [m for m in members if m.appointed_by is organisation]


_role, _appointed, _by = _Role, _Appointed, _By


def _mayor_of_cluster(ctx: RuleContext, m: Membership) -> bool:
    """§ 15, stk. 4, nr. 2: "borgmester eller fagborgmester". A committee chair under mellemformsstyre and a
    magistrate member (rådmand) under magistratsstyre lead a branch of the administration as fagborgmestre do."""
    if m.role in (MemberRole.MAYOR, MemberRole.DEPUTY_MAYOR):
        return True
    if m.role not in _ALTERNATES or m.municipality_code is None:
        return False
    government = ctx.rulebook.government_form(m.municipality_code)
    return government is not None and government.form.council_may_seat_another


_PIU = AppointingBody.PATIENT_INVOLVEMENT_COMMITTEE

COMPOSITION: tuple[Composition, ...] = (
    Composition(
        id="klynge.politisk.regionsraad",
        title="Regionsrådsmedlemmer i klyngens politiske niveau",
        subject=SubjectKind.POLITICAL_LEVEL,
        cites=("§ 3, stk. 1, nr. 1",),
        summary="Hvor ikke andet aftales: mindst 2 regionsrådsmedlemmer, heriblandt regionsrådsformanden.",
        body_words="political_level",
        groups=(
            SeatGroup(
                "political_level.regional_council_members",
                ("regionsrådsmedlem", "regionsrådsmedlemmer"),
                "regional-council-members",
                _role(*_COUNCIL),
                at_least=True,
                including=(
                    Including(
                        "regional-council-chair", lambda m: m.role is MemberRole.REGIONAL_COUNCIL_CHAIR
                    ),
                ),
            ),
        ),
    ),
    Composition(
        id="klynge.politisk.almen-praksis",
        title="Praktiserende læger i klyngens politiske niveau",
        subject=SubjectKind.POLITICAL_LEVEL,
        cites=("§ 3, stk. 1, nr. 3",),
        summary="Hvor ikke andet aftales: 2 praktiserende læger udpeget af PLO.",
        body_words="political_level",
        groups=(
            SeatGroup(
                "political_level.general_practitioners",
                ("praktiserende læge udpeget af PLO", "praktiserende læger udpeget af PLO"),
                "general-practitioners",
                _appointed(MemberRole.GENERAL_PRACTITIONER, AppointingBody.PLO),
            ),
        ),
    ),
    Composition(
        id="klynge.faglig.region",
        title="Regionens repræsentanter i klyngens faglige strategiske niveau",
        subject=SubjectKind.PROFESSIONAL_LEVEL,
        cites=("§ 10, stk. 1, nr. 1",),
        summary="Hvor ikke andet aftales: 3 repræsentanter for regionen, herunder det psykiatriske område.",
        body_words="professional_level",
        groups=(
            SeatGroup(
                "professional_level.regional_representatives",
                ("repræsentant for regionen", "repræsentanter for regionen"),
                "regional-representatives",
                _role(MemberRole.REGIONAL_REPRESENTATIVE),
                including=(Including("psychiatry", lambda m: m.covers_psychiatry),),
            ),
        ),
    ),
    Composition(
        id="klynge.faglig.kommuner",
        title="Kommunernes repræsentanter i klyngens faglige strategiske niveau",
        subject=SubjectKind.PROFESSIONAL_LEVEL,
        cites=("§ 10, stk. 1, nr. 2",),
        summary="Hvor ikke andet aftales: 1 repræsentant fra hver af de deltagende kommuner.",
        body_words="professional_level",
        groups=(
            SeatGroup(
                "professional_level.representatives_per_municipality",
                ("repræsentant", "repræsentanter"),
                "municipal-representatives",
                _role(MemberRole.MUNICIPAL_REPRESENTATIVE),
                per=Per.MUNICIPALITY,
            ),
        ),
    ),
    Composition(
        id="klynge.faglig.almen-praksis",
        title="Praktiserende læger i klyngens faglige strategiske niveau",
        subject=SubjectKind.PROFESSIONAL_LEVEL,
        cites=("§ 10, stk. 1, nr. 3",),
        summary="Hvor ikke andet aftales: 2 praktiserende læger udpeget af PLO.",
        body_words="professional_level",
        groups=(
            SeatGroup(
                "professional_level.general_practitioners",
                ("praktiserende læge udpeget af PLO", "praktiserende læger udpeget af PLO"),
                "general-practitioners",
                _appointed(MemberRole.GENERAL_PRACTITIONER, AppointingBody.PLO),
            ),
        ),
    ),
    Composition(
        id="klynge.faglig.patienter",
        title="Faste pladser til patientinddragelsesudvalget i klyngens faglige strategiske niveau",
        subject=SubjectKind.PROFESSIONAL_LEVEL,
        cites=("§ 10, stk. 1, nr. 4", "§ 30, stk. 4"),
        summary=(
            "Hvor ikke andet aftales: 2 repræsentanter for patienter og pårørende. Repræsentanter for "
            "patientinddragelsesudvalget vil skulle tilbydes to faste pladser: pligten er tilbuddet, ikke at "
            "pladserne besættes."
        ),
        body_words="professional_level",
        groups=(
            SeatGroup(
                "professional_level.patient_representatives",
                (
                    "repræsentant udpeget af patientinddragelsesudvalget",
                    "repræsentanter udpeget af patientinddragelsesudvalget",
                ),
                "patient-committee-representatives",
                _appointed(MemberRole.PATIENT_REPRESENTATIVE, _PIU),
                offered_to=_PIU,
            ),
        ),
    ),
    Composition(
        id="udvalg.regionsraad",
        title="Regionsrådets repræsentanter i sundhedssamarbejdsudvalget",
        subject=SubjectKind.COMMITTEE,
        cites=("§ 15, stk. 4, nr. 1",),
        summary="Hvor ikke andet aftales: 3 repræsentanter for regionsrådet, heriblandt regionsrådsformanden.",
        body_words="committee",
        groups=(
            SeatGroup(
                "committee.regional_council_representatives",
                ("repræsentant for regionsrådet", "repræsentanter for regionsrådet"),
                "regional-council-representatives",
                _role(*_COUNCIL),
                including=(
                    Including(
                        "regional-council-chair", lambda m: m.role is MemberRole.REGIONAL_COUNCIL_CHAIR
                    ),
                ),
            ),
        ),
    ),
    Composition(
        id="udvalg.borgmestre",
        title="En borgmester fra hver sundhedsklynge i sundhedssamarbejdsudvalget",
        subject=SubjectKind.COMMITTEE,
        cites=("§ 15, stk. 4, nr. 2",),
        summary="Hvor ikke andet aftales: 1 borgmester eller fagborgmester fra hver sundhedsklynge i regionen.",
        body_words="committee",
        groups=(
            SeatGroup(
                "committee.mayors_per_cluster",
                ("borgmester eller fagborgmester", "borgmestre eller fagborgmestre"),
                "mayors",
                _mayor_of_cluster,
                per=Per.CLUSTER,
            ),
        ),
    ),
    Composition(
        id="udvalg.almen-praksis",
        title="Praktiserende læger i sundhedssamarbejdsudvalget",
        subject=SubjectKind.COMMITTEE,
        cites=("§ 15, stk. 4, nr. 3",),
        summary="Hvor ikke andet aftales: 2 praktiserende læger udpeget af PLO som repræsentanter for almen praksis.",
        body_words="committee",
        groups=(
            SeatGroup(
                "committee.general_practitioners",
                ("praktiserende læge udpeget af PLO", "praktiserende læger udpeget af PLO"),
                "general-practitioners",
                _appointed(MemberRole.GENERAL_PRACTITIONER, AppointingBody.PLO),
            ),
        ),
    ),
    Composition(
        id="pi-udvalg.sammensaetning",
        title="Patientinddragelsesudvalgets sammensætning",
        subject=SubjectKind.PATIENT_COMMITTEE,
        cites=("§ 25, stk. 2", "§ 26, stk. 2"),
        summary=(
            "Udvalget består af 3 medlemmer udpeget af Danske Patienter, 3 af Danske Handicaporganisationer, 1 af "
            "Regionsældrerådet og 1 af Ældre Sagen. Stedfortrædere (stk. 3) tælles ikke med. Regionen tager "
            "initiativ til udpegningen (§ 26, stk. 2)."
        ),
        body_words="patient_committee",
        groups=tuple(
            SeatGroup(
                key,
                (f"medlem udpeget af {label}", f"medlemmer udpeget af {label}"),
                f"appointed-by-{organisation.value}",
                _by(organisation),
            )
            for organisation, key, label in (
                (AppointingBody.DANSKE_PATIENTER, "patient_committee.danske_patienter", "Danske Patienter"),
                (
                    AppointingBody.DANSKE_HANDICAPORGANISATIONER,
                    "patient_committee.danske_handicaporganisationer",
                    "Danske Handicaporganisationer",
                ),
                (
                    AppointingBody.REGIONSAELDRERAADET,
                    "patient_committee.regionsaeldreraadet",
                    "Regionsældrerådet",
                ),
                (AppointingBody.AELDRE_SAGEN, "patient_committee.aeldre_sagen", "Ældre Sagen"),
            )
        ),
        duty="pi-udvalg.sammensaetning/duty",
    ),
)


# --- The one rule shape -----------------------------------------------------------------------------------------


@made_at_once
@dataclass(frozen=True)
class _Checked:
    ok: bool
    text: Message
    facts: tuple[Fact, ...]


def _met(rule_words: Message, group: SeatGroup, n: int, names: list[str]) -> Message:
    # The message made from its dictionary of facts, not through say's keywords: most findings are these.
    return Message(
        "shared.composition/met", {"rule": rule_words, "seats": _seats_said(group.seats, n), "members": names}
    )


def _units(ctx: RuleContext, per: Per) -> list[tuple[str, str]]:
    """(id, name) of each unit a per-unit group counts in: the body, each municipality, or each cluster."""
    body: Body = ctx.subject
    if per is Per.MUNICIPALITY:
        cluster = ctx.index.cluster(body.cluster_id or "")
        return [
            (code, ctx.index.municipality_name(code))
            for code in (cluster.municipality_codes if cluster else ())
        ]
    if per is Per.CLUSTER:
        return [(c.id, c.name) for c in ctx.case.clusters]
    return [(body.id, body.name)]


def _unit_of(m: Membership, per: Per) -> str | None:
    """The unit a member counts in for a per-municipality or per-cluster group."""
    return m.municipality_code if per is Per.MUNICIPALITY else m.cluster_id


def _law_words(ctx: RuleContext, group: SeatGroup) -> str:
    """ "hvor ikke andet aftales" for a default the parties may change; the recorded decision when one applied
    (as the key of the sentence's opening in explanations.yaml)."""
    parameter = ctx.rulebook.parameters[group.parameter]
    if parameter.set_aside_by is None:
        return "by-law"
    applied = next((a for a in ctx.applied if a.parameter == group.parameter and a.decision), None)
    return "local-decision" if applied else "unless-agreed"


_EACH = {Per.MUNICIPALITY: "each-municipality", Per.CLUSTER: "each-cluster", Per.BODY: "nothing"}


def _seats(group: SeatGroup, n: int) -> Message:
    return _seats_said(group.seats, n)


@lru_cache(maxsize=1024)
def _seats_said(seats: str, n: int) -> Message:
    """One message per kind of seat and number, shared by every finding that counts them: its text is written
    once per language (``_Formatter.nested``), and it is found without building a key of keywords."""
    return say(f"shared.seats/{seats}", n=n)


def _rule_words(ctx: RuleContext, comp: Composition, group: SeatGroup, required: int, words: str) -> Message:
    """The provision in the law's words, e.g. "Hvor ikke andet aftales, består det politiske niveau af mindst 2
    regionsrådsmedlemmer, heriblandt regionsrådsformanden (§ 3, stk. 1, nr. 1 (…))". The same for every body and
    region with the same requirement, so written once per rulebook."""

    def write() -> Message:
        citation = ctx.rulebook.corpus.resolve(ctx.rulebook.parameters[group.parameter].citation).label
        seats = _seats(group, required)
        return say(
            f"shared.composition/{words}",
            body=say(f"shared.body-words/{comp.body_words}"),
            amount=say("shared.composition/at-least", seats=seats) if group.at_least else seats,
            each=say(f"shared.composition/{_EACH[group.per]}"),
            including=[say(f"shared.composition/including-{i.key}") for i in group.including],
            citation=citation,
        )

    written: Message = ctx.rulebook.remembered(
        ("composition.rule_words", comp.id, group.parameter, required, words), write
    )
    return written


_BODY = Per.BODY


def _check(ctx: RuleContext, comp: Composition, group: SeatGroup) -> _Checked:
    applied = ctx.param_applied(group.parameter)
    required: int = applied.value
    # The provision's words depend on the group and on how its parameter applies (the same object for every body it
    # applies to alike; one parameter per group of a table): looked up once per evaluation, the value by identity (the
    # memo keeps it alive).
    memo = ctx.index.memo
    words_key = ("composition.words", comp.id, group.parameter, id(applied))
    rule_words: Message | None = memo.get(words_key)
    if rule_words is None:
        rule_words = memo[words_key] = _rule_words(ctx, comp, group, required, _law_words(ctx, group))
    many = group.noun[1]
    fills = group.fills
    members = ctx.index.members_on(ctx.subject, ctx.at)
    select = getattr(fills, "select", None)
    present = select(members) if select is not None else [m for m in members if fills(ctx, m)]
    names = [m.name for m in present]
    listed = ", ".join(names) if present else "ingen"  # the facts' names(present)
    if group.per is not _BODY:
        off = []
        counted = Counter(_unit_of(m, group.per) for m in present)
        for unit, name in _units(ctx, group.per):
            n = counted[unit]
            if (n < required) if group.at_least else (n != required):
                off.append(f"{name} ({n})")
        per_unit = (
            Fact(many, listed),
            Fact("krævet pr. enhed", required),
            Fact("afviger", off or "ingen"),
        )
        if off:
            return _Checked(False, say("shared.composition/units-off", rule=rule_words, off=off), per_unit)
        return _Checked(
            True, Message("shared.composition/units-met", {"rule": rule_words, "members": names}), per_unit
        )
    n = len(present)
    facts: tuple[Fact, ...] = (Fact(f"antal {many}", n), Fact("krævet antal", required), Fact(many, listed))
    too_few = n < required
    too_many = not group.at_least and n > required
    if not too_few and not too_many and all(any(inc.test(m) for m in present) for inc in group.including):
        return _Checked(True, _met(rule_words, group, n, names), facts)
    problems = []
    if group.offered_to is not None and too_few:
        offers = [o for o in ctx.subject.seat_offers if o.to is group.offered_to and o.offered_on <= ctx.at]
        offered = sum(o.seats for o in offers)
        facts = (*facts, Fact("tilbudte pladser", offered))
        if offered >= required:
            when = [
                say("shared.composition/offer-reference", on=o.offered_on, reference=o.reference)
                if o.reference
                else say("shared.dates/date", date=o.offered_on)
                for o in offers
            ]
            return _Checked(
                True,
                say("shared.composition/offered", rule=rule_words, required=required, when=when, filled=n),
                facts,
            )
        problems.append(say("shared.composition/not-offered", seats=_seats(group, n), required=required))
    elif too_few:
        problems.append(say("shared.composition/too-few", seats=_seats(group, n), missing=required - n))
    if too_many:
        problems.append(say("shared.composition/too-many", seats=_seats(group, n), extra=n - required))
    for inc in group.including:
        if not any(inc.test(m) for m in present):
            problems.append(say(f"shared.composition/lacking-{inc.key}"))
    if problems:
        return _Checked(
            False, say("shared.composition/not-met", rule=rule_words, problems=problems, members=names), facts
        )
    return _Checked(True, _met(rule_words, group, n, names), facts)


def _evaluate(comp: Composition) -> Callable[[RuleContext], Outcome]:
    only = comp.groups[0] if len(comp.groups) == 1 else None

    def with_duty(text: Message) -> Message:
        return say("shared.composition/with-duty", text=text, duty=say(comp.duty)) if comp.duty else text

    def evaluate(ctx: RuleContext) -> Outcome:
        if only is not None:  # most tables have one group: the same outcome, without joining one text
            one = _check(ctx, comp, only)
            if one.ok:
                return Outcome(Status.MET, one.text, one.facts)
            return Outcome(Status.NOT_MET, with_duty(one.text), one.facts)
        checked = [_check(ctx, comp, group) for group in comp.groups]
        facts = tuple(f for c in checked for f in c.facts)
        if all(c.ok for c in checked):
            return Outcome(
                Status.MET, say("shared.composition/joined", parts=[c.text for c in checked]), facts
            )
        failing = say("shared.composition/joined", parts=[c.text for c in checked if not c.ok])
        return Outcome(Status.NOT_MET, with_duty(failing), facts)

    evaluate.__doc__ = comp.summary
    return evaluate


def _declare(table: Sequence[Composition]) -> None:
    for comp in table:
        rule(
            id=comp.id,
            title=comp.title,
            kind=RuleKind.REQUIREMENT,
            subject=comp.subject,
            cites=comp.cites,
            parameters=[g.parameter for g in comp.groups],
        )(_evaluate(comp))


_declare(COMPOSITION)


# --- The political level's municipal seats (§ 3, stk. 1, nr. 2, and stk. 2) -----------------------------------


def _participating(ctx: RuleContext) -> tuple[str, ...]:
    body: Body = ctx.subject
    cluster = ctx.index.cluster(body.cluster_id or "")
    return cluster.municipality_codes if cluster else ()


@rule(
    id="klynge.politisk.borgmestre",
    title="Borgmestre fra de deltagende kommuner i klyngens politiske niveau",
    kind=RuleKind.REQUIREMENT,
    subject=SubjectKind.POLITICAL_LEVEL,
    cites=["§ 3, stk. 1, nr. 2", "§ 3, stk. 2"],
    parameters=[
        "political_level.mayor_per_municipality",
        "political_level.municipal_participant_other_than_mayor",
    ],
)
def political_mayors(ctx: RuleContext) -> Outcome:
    """Hvor ikke andet aftales: borgmesteren fra hver deltagende kommune. I kommuner med mellemformsstyre med delt
    administrativ ledelse eller magistratsstyre beslutter kommunalbestyrelsen, om udvalgsformanden henholdsvis
    magistratsmedlemmet eller borgmesteren deltager (§ 3, stk. 2); i andre kommuner gælder stk. 2 ikke."""
    if not ctx.param("political_level.mayor_per_municipality"):
        return Outcome(Status.NOT_APPLICABLE, say("klynge.politisk.borgmestre/other-agreed"))
    body: Body = ctx.subject
    present = ctx.index.members_on(body, ctx.at)
    missing: list[str] = []
    not_allowed: list[Message] = []
    undecided: list[Message] = []
    unknown_form: list[Message] = []
    seated_by_decision: list[Message] = []
    seated_words: list[str] = []  # the fact's words (Danish, as every fact's)
    for code in _participating(ctx):
        own = [m for m in present if m.municipality_code == code]
        name = ctx.index.municipality_name(code)
        if any(m.role is MemberRole.MAYOR for m in own):
            continue
        alternate = [m for m in own if m.role in _ALTERNATES]
        if not alternate:
            missing.append(name)
            continue
        government = ctx.rulebook.government_form(code)
        form = government.form if government else GovernmentForm.UNKNOWN
        who = {"municipality": name, "alternates": named(alternate)}
        form_said = say(f"shared.government-forms/{form.value}")
        if form is GovernmentForm.UNKNOWN:
            if government:
                unknown_form.append(
                    say(
                        "klynge.politisk.borgmestre/unknown-form-sourced",
                        source=government.source,
                        marker=government.marker,
                        **who,
                    )
                )
            else:
                unknown_form.append(say("klynge.politisk.borgmestre/unknown-form", **who))
        elif not form.council_may_seat_another:
            not_allowed.append(say("klynge.politisk.borgmestre/has-form", municipality=name, form=form_said))
        elif ctx.param("political_level.municipal_participant_other_than_mayor", subject_id=code):
            seated_by_decision.append(say("klynge.politisk.borgmestre/with-form", form=form_said, **who))
            seated_words.append(f"{name} ({names(alternate)}), {form.label}")
        else:
            undecided.append(say("klynge.politisk.borgmestre/with-form", form=form_said, **who))
    facts = (
        Fact("deltagende kommuner", municipality_list(ctx.case, _participating(ctx))),
        Fact("uden borgmester", ", ".join(missing) or "ingen"),
        Fact(
            "deltager efter kommunalbestyrelsens beslutning (§ 3, stk. 2)",
            ", ".join(seated_words) or "ingen",
        ),
    )
    problems = []
    if missing:
        problems.append(say("klynge.politisk.borgmestre/no-mayor", missing=missing))
    if not_allowed:
        problems.append(say("klynge.politisk.borgmestre/not-allowed", municipalities=not_allowed))
    if problems:
        return Outcome(Status.NOT_MET, say("klynge.politisk.borgmestre/not-met", problems=problems), facts)
    if undecided or unknown_form:
        parts = []
        if undecided:
            parts.append(say("klynge.politisk.borgmestre/undecided", municipalities=undecided))
        if unknown_form:
            parts.append(say("klynge.politisk.borgmestre/form-unknown", municipalities=unknown_form))
        return Outcome(
            Status.NEEDS_JUDGEMENT, say("klynge.politisk.borgmestre/judgement", parts=parts), facts
        )
    decided = (
        [say("klynge.politisk.borgmestre/decided", municipalities=seated_by_decision)]
        if seated_by_decision
        else []
    )
    return Outcome(
        Status.MET,
        say("klynge.politisk.borgmestre/met", count=len(_participating(ctx)), decided=decided),
        facts,
    )
