"""Case models. Field names are English; Danish terms are in the descriptions (see docs/glossary.md)."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from ._agreement import HealthAgreement
from ._followup import CommitteeStatement, HearingRound

__all__ = [
    "BODY_FACT_FIELDS",
    "AgendaItem",
    "AppointingBody",
    "Attendance",
    "Body",
    "BodyFacts",
    "BodyKind",
    "CasePart",
    "ClusterInfo",
    "Decision",
    "DecisionMaker",
    "Meeting",
    "MeetingKind",
    "MeetingStatus",
    "MemberRole",
    "Membership",
    "MunicipalityInfo",
    "OfferResponse",
    "RegionCase",
    "RegionInfo",
    "Relevance",
    "Representation",
    "RulesOfProcedure",
    "SeatOffer",
]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


def _record_version() -> Any:
    """The stored record's version, carried by a case read from the platform so that an import of it can tell
    an edit of the current record from one of an older copy (optimistic locking). Rules never read it; a case
    built by hand or by the demo has none, and then it is left out of the case file."""
    return Field(
        default=None,
        ge=1,
        description="Postens version i platformen, da sagen blev læst (bruges ved import)",
        exclude_if=lambda value: value is None,
    )


class BodyKind(StrEnum):
    POLITICAL_LEVEL = "political_level"  # sundhedsklyngens politiske niveau, §§ 2–8
    PROFESSIONAL_LEVEL = "professional_level"  # fagligt strategisk niveau, §§ 9–14
    COMMITTEE = "committee"  # sundhedssamarbejdsudvalget, §§ 15–18
    PATIENT_COMMITTEE = "patient_committee"  # patientinddragelsesudvalget, §§ 24–28
    SUBCOMMITTEE = "subcommittee"  # underudvalg, § 10 stk. 4 / § 16 stk. 4
    WORKING_GROUP = "working_group"  # arbejdsgruppe, § 10 stk. 4 / § 16 stk. 4


class MemberRole(StrEnum):
    REGIONAL_COUNCIL_CHAIR = "regional_council_chair"  # regionsrådsformand
    REGIONAL_COUNCIL_MEMBER = "regional_council_member"  # regionsrådsmedlem
    MAYOR = "mayor"  # borgmester
    DEPUTY_MAYOR = "deputy_mayor"  # fagborgmester (§ 15, stk. 4, nr. 2)
    COMMITTEE_CHAIR = "committee_chair"  # udvalgsformand under mellemformsstyre (§ 3, stk. 2)
    MAGISTRATE_MEMBER = "magistrate_member"  # magistratsmedlem under magistratsstyre (§ 3, stk. 2)
    REGIONAL_REPRESENTATIVE = "regional_representative"  # repræsentant for regionen (§ 10, stk. 1, nr. 1)
    MUNICIPAL_REPRESENTATIVE = "municipal_representative"  # repræsentant for en kommune (§ 10, stk. 1, nr. 2)
    GENERAL_PRACTITIONER = "general_practitioner"  # praktiserende læge (PLO)
    PATIENT_REPRESENTATIVE = "patient_representative"  # repræsentant for patienter og pårørende
    ASSISTING_REPRESENTATIVE = (
        "assisting_representative"  # bistår en repræsentant efter dagsorden (§ 10, stk. 2)
    )
    EXPERT = "expert"  # relevant fagkundskab inddraget efter behov (§ 10, stk. 3)
    OTHER = "other"


# Roles that take part without holding a seat: they never count towards a composition rule.
NON_SEAT_ROLES = frozenset({MemberRole.ASSISTING_REPRESENTATIVE, MemberRole.EXPERT})


class AppointingBody(StrEnum):
    REGIONAL_COUNCIL = "regional_council"  # regionsrådet
    MUNICIPAL_COUNCIL = "municipal_council"  # kommunalbestyrelsen
    PLO = "plo"  # Praktiserende Lægers Organisation
    DANSKE_PATIENTER = "danske_patienter"
    DANSKE_HANDICAPORGANISATIONER = "danske_handicaporganisationer"
    REGIONSAELDRERAADET = "regionsaeldreraadet"
    AELDRE_SAGEN = "aeldre_sagen"
    PATIENT_INVOLVEMENT_COMMITTEE = "patient_involvement_committee"  # patientinddragelsesudvalget
    MUNICIPALITIES_JOINTLY = "municipalities_jointly"  # kommunerne i fællesskab


class Representation(StrEnum):
    """Which patients a patient-committee member represents (§ 25, stk. 4)."""

    SOMATIC = "somatic"
    PSYCHIATRIC = "psychiatric"
    BOTH = "both"


class MeetingStatus(StrEnum):
    PLANNED = "planned"
    HELD = "held"
    CANCELLED = "cancelled"


class MeetingKind(StrEnum):
    ORDINARY = "ordinary"  # ordinært møde
    CONSTITUTING = "constituting"  # konstituerende møde (§ 26, stk. 2)
    DIALOGUE = "dialogue"  # dialogmøde med patientinddragelsesudvalget (§ 30, stk. 2)
    PATIENT_COMMITTEE_ANNUAL = (
        "patient_committee_annual"  # årligt møde udvalg–patientinddragelsesudvalg (vejl. 2.2.8)
    )
    AGREEMENT_KICKOFF = "agreement_kickoff"  # møde før udkastet til sundhedsaftalen (§ 29, stk. 1)


class DecisionMaker(StrEnum):
    """Who may set a value aside: the parties locally, a municipal council, or Sundhedsstyrelsen."""

    PARTIES = "parties"  # regionsrådet og kommunalbestyrelserne (hvor ikke andet aftales)
    MUNICIPAL_COUNCIL = "municipal_council"  # fx § 3, stk. 2
    AUTHORITY = "authority"  # Sundhedsstyrelsen, fx § 21, stk. 5


class CasePart(StrEnum):
    """A part of a region's record a case file may leave out (see :attr:`RegionCase.unrecorded`)."""

    BODIES = "bodies"  # organer og medlemmer
    MEETINGS = "meetings"  # møder
    # aftalernes tilblivelse: høring, klyngeinput, godkendelser og den frist for indsendelse, der gjaldt
    # (§§ 19, 21, stk. 1 og 5, § 29)
    AGREEMENT_MAKING = "agreement_making"
    FOLLOW_UP = "follow_up"  # opfølgningen: offentliggørelse, årlig gennemgang, status (§ 22; afsnit 5.5)

    @property
    def label(self) -> str:
        return _CASE_PART_LABELS[self]


_CASE_PART_LABELS = {
    CasePart.BODIES: "organer og medlemmer",
    CasePart.MEETINGS: "møder",
    CasePart.AGREEMENT_MAKING: (
        "sundhedsaftalernes tilblivelse (høring, klyngeinput, godkendelser og den frist for indsendelse, der gjaldt)"
    ),
    CasePart.FOLLOW_UP: "opfølgningen på sundhedsaftalerne (offentliggørelse, årlig gennemgang og status)",
}


class RegionInfo(_Model):
    code: str = Field(pattern=r"^108[1-5]$", description="Regionskode (DAGI)")
    name: str


class MunicipalityInfo(_Model):
    code: str = Field(pattern=r"^\d{3}$", description="Kommunekode (DAGI)")
    name: str


class ClusterInfo(_Model):
    id: str
    name: str
    acute_hospital: str = ""
    municipality_codes: tuple[str, ...] = Field(description="Deltagende kommuner (§ 1, stk. 2: kan deles)")


class Membership(_Model):
    """A person's seat on a body for a time (funktionsperiode follows the election period, §§ 8, 14, 16, 26)."""

    id: str
    person_id: str
    name: str
    role: MemberRole
    appointed_by: AppointingBody
    municipality_code: str | None = Field(default=None, description="Kommunen, medlemmet repræsenterer")
    cluster_id: str | None = Field(
        default=None, description="Klyngen, en borgmester i udvalget repræsenterer"
    )
    covers_psychiatry: bool = Field(default=False, description="Regional repræsentant for psykiatrien")
    represents: Representation | None = Field(default=None, description="§ 25, stk. 4")
    chair: bool = False
    vice_chair: bool = False
    substitute: bool = Field(default=False, description="Stedfortræder (§ 25, stk. 3)")
    start: dt.date
    end: dt.date | None = None
    version: int | None = _record_version()

    def active_on(self, day: dt.date) -> bool:
        return self.start <= day and (self.end is None or day <= self.end)


class OfferResponse(StrEnum):
    """The answer to an offer of seats. No rule reads it: the offer is the duty (§ 30, stk. 4)."""

    ACCEPTED = "accepted"  # taget imod
    DECLINED = "declined"  # afslået


class SeatOffer(_Model):
    """Seats offered to an organisation, e.g. the patient involvement committee's two fixed seats on the
    professional-strategic level (§ 30, stk. 4: "vil skulle tilbydes"): the offer is the duty, not the filling."""

    to: AppointingBody
    seats: int = Field(ge=1)
    offered_on: dt.date
    reference: str = Field(default="", description="Brev, mødereferat eller link")
    response: OfferResponse | None = Field(
        default=None,
        description="Svaret på tilbuddet: accepted (taget imod) eller declined (afslået); null = ikke registreret",
        exclude_if=lambda value: value is None,
    )


class RulesOfProcedure(_Model):
    """The body's own rules of procedure (forretningsorden, §§ 6, stk. 3, 16, stk. 1, 27, stk. 4)."""

    adopted_on: dt.date
    reference: str = Field(min_length=1, description="Mødereferat, dokument eller link")


class Relevance(StrEnum):
    """Whether a working group is relevant for the patient involvement committee (§ 30, stk. 3: "relevante")."""

    RELEVANT = "relevant"
    NOT_RELEVANT = "not_relevant"


# The body's own facts beside its identity and members (stored together by the platform, one column a fact in the
# interchange sheets).
BODY_FACT_FIELDS = (
    "secretariat",
    "rules_of_procedure",
    "seat_offers",
    "patient_committee_relevance",
    "patient_committee_relevance_reason",
)


class BodyFacts(_Model):
    """A body's own facts (:data:`BODY_FACT_FIELDS`) on their own, as a secretariat records them in the platform.

    ``None`` is "ikke registreret"; a relevance judged "not relevant" needs its reason, so that whoever reads the
    finding can see why no invitation was due (§ 30, stk. 3: "relevante arbejdsgrupper")."""

    secretariat: tuple[str, ...] | None = None
    rules_of_procedure: RulesOfProcedure | None = None
    seat_offers: tuple[SeatOffer, ...] = ()
    patient_committee_relevance: Relevance | None = None
    patient_committee_relevance_reason: str = Field(default="", max_length=500)

    @model_validator(mode="after")
    def _reason_for_not_relevant(self) -> BodyFacts:
        if (
            self.patient_committee_relevance is Relevance.NOT_RELEVANT
            and not self.patient_committee_relevance_reason.strip()
        ):
            raise ValueError(
                "patient_committee_relevance_reason: skriv begrundelsen for, at gruppen ikke er relevant for "
                "patientinddragelsesudvalget"
            )
        if self.secretariat is not None and len(set(self.secretariat)) != len(self.secretariat):
            raise ValueError("secretariat: en part står mere end én gang")
        return self


class Body(_Model):
    id: str
    kind: BodyKind
    name: str
    cluster_id: str | None = Field(default=None, description="For klyngens niveauer")
    parent_body_id: str | None = Field(default=None, description="For underudvalg og arbejdsgrupper")
    patient_committee_invited: bool = Field(
        default=False, description="Repræsentanter fra patientinddragelsesudvalget inviteret (§ 30, stk. 3)"
    )
    patient_committee_relevance: Relevance | None = Field(
        default=None,
        description=(
            "For en arbejdsgruppe: om den er relevant for patientinddragelsesudvalget (§ 30, stk. 3); "
            "null = ikke vurderet"
        ),
    )
    patient_committee_relevance_reason: str = Field(default="", description="Begrundelse for vurderingen")
    secretariat: tuple[str, ...] | None = Field(
        default=None,
        description=(
            "Parter, der sekretariatsbetjener organet: regionskode og kommunekoder (§§ 5, 12, 16, stk. 6, 26, "
            "stk. 3); null = ikke registreret"
        ),
    )
    rules_of_procedure: RulesOfProcedure | None = Field(
        default=None, description="Organets forretningsorden; null = ikke registreret"
    )
    seat_offers: tuple[SeatOffer, ...] = Field(default=(), description="Tilbudte pladser (§ 30, stk. 4)")
    memberships: tuple[Membership, ...] = ()
    version: int | None = _record_version()

    @model_validator(mode="after")
    def _cluster_levels_name_their_cluster(self) -> Body:
        if self.kind in (BodyKind.POLITICAL_LEVEL, BodyKind.PROFESSIONAL_LEVEL) and not self.cluster_id:
            raise ValueError(f"et klyngeniveau ({self.kind.value}) skal angive cluster_id")
        return self

    def members_on(
        self, day: dt.date, *, substitutes: bool = False, non_seats: bool = False
    ) -> list[Membership]:
        """Members holding a seat on ``day``. Substitutes (§ 25, stk. 3) and those who assist on a meeting or bring
        expertise (§ 10, stk. 2–3) hold no seat of their own and are left out unless asked for."""
        return [
            m
            for m in self.memberships
            if m.active_on(day)
            and (substitutes or not m.substitute)
            and (non_seats or m.role not in NON_SEAT_ROLES)
        ]


class AgendaItem(_Model):
    number: int = Field(ge=1)
    title: str = Field(min_length=1)
    description: str = ""
    authorities_only: bool = Field(
        default=False,
        description="Særskilt punkt for myndighederne, regionsråd og kommunalbestyrelser (§ 2, stk. 3)",
    )
    outcome: str = Field(default="", description="Beslutning eller referat af punktet")


class Attendance(_Model):
    person_id: str
    name: str
    present: bool = True
    note: str = ""


class Meeting(_Model):
    id: str
    body_id: str
    date: dt.date
    status: MeetingStatus = MeetingStatus.HELD
    kind: MeetingKind = MeetingKind.ORDINARY
    title: str = ""
    location: str = ""
    requested_by_member: bool = Field(default=False, description="Indkaldt efter begæring (§ 27, stk. 2)")
    chaired_by: str | None = Field(
        default=None, description="person_id for den, der ledede mødet (§§ 6, 17, 27)"
    )
    patient_committee_invited: bool = Field(
        default=False, description="Patientinddragelsesudvalget inviteret (§ 30, stk. 2; vejl. 2.2.8)"
    )
    agenda: tuple[AgendaItem, ...] = ()
    attendance: tuple[Attendance, ...] = ()
    minutes: str = Field(default="", description="Referat")
    version: int | None = _record_version()


class Decision(_Model):
    """A recorded decision that sets a default of the law aside ("hvor ikke andet aftales").

    ``parameter`` names a parameter of the rulebook; ``subject_id`` the body, municipality or agreement it
    concerns (``*`` for all). The engine applies the latest decision taken on or before the evaluation date.
    """

    id: str
    parameter: str
    subject_id: str = "*"
    value: Any
    decided_by: str = Field(description="Hvem traf beslutningen, fx 'Regionsrådet og kommunalbestyrelserne'")
    decision_maker: DecisionMaker = DecisionMaker.PARTIES
    decided_on: dt.date
    reference: str = Field(min_length=1, description="Journalnummer, mødereferat eller link")
    valid_until: dt.date | None = Field(
        default=None, description="Sidste dag beslutningen gælder, fx valgperiodens udløb (§§ 8, 14, 16, 26)"
    )
    note: str = ""
    version: int | None = _record_version()


class RegionCase(_Model):
    """Everything the rulebook needs to know about one region."""

    schema_version: Literal["1"] = "1"
    region: RegionInfo
    municipalities: tuple[MunicipalityInfo, ...]
    clusters: tuple[ClusterInfo, ...]
    bodies: tuple[Body, ...] = ()
    meetings: tuple[Meeting, ...] = ()
    agreements: tuple[HealthAgreement, ...] = ()
    decisions: tuple[Decision, ...] = ()
    # Added after schema version 1 was first written (ADR 0045): optional and left out when empty.
    hearing_rounds: tuple[HearingRound, ...] = Field(
        default=(),
        description="Høringsrunder med de hørte parters svar og behandlingen af dem (§ 29, stk. 2; § 22, stk. 2)",
        exclude_if=lambda value: not value,
    )
    statements: tuple[CommitteeStatement, ...] = Field(
        default=(),
        description="Patientinddragelsesudvalgets udtalelser (§ 27, stk. 3; § 28)",
        exclude_if=lambda value: not value,
    )
    unrecorded: tuple[CasePart, ...] = Field(
        default=(),
        description=(
            "Dele af regionens forhold, sagsfilen ikke beskriver (fx en sag om én sundhedsaftale). Ingen regel "
            "drager konklusioner om en del, der ikke er registreret; et organ, der mangler i en registreret del, "
            "mangler."
        ),
    )

    def records(self, part: CasePart) -> bool:
        """Whether the case describes ``part`` (so that a body or meeting missing from it is missing)."""
        return part not in self.unrecorded

    as_of: dt.datetime | None = Field(
        default=None,
        description=(
            "Seneste ændring af regionens organer, medlemmer, møder og beslutninger, da sagen blev læst fra "
            "platformen; en import afviser at fjerne, hvad der er tilføjet eller ændret siden"
        ),
        exclude_if=lambda value: value is None,
    )

    @model_validator(mode="after")
    def _references_resolve(self) -> RegionCase:
        municipalities = {m.code for m in self.municipalities}
        clusters = {c.id for c in self.clusters}
        bodies = {b.id for b in self.bodies}
        for index, cluster in enumerate(self.clusters):
            for code in cluster.municipality_codes:
                if code not in municipalities:
                    raise ValueError(f"clusters[{index}]: ukendt kommune '{code}'")
        parties = {self.region.code, *municipalities}
        for index, body in enumerate(self.bodies):
            if body.cluster_id is not None and body.cluster_id not in clusters:
                raise ValueError(f"bodies[{index}].cluster_id: ukendt klynge '{body.cluster_id}'")
            for s_index, code in enumerate(body.secretariat or ()):
                if code not in parties:
                    raise ValueError(f"bodies[{index}].secretariat[{s_index}]: ukendt part '{code}'")
            for m_index, member in enumerate(body.memberships):
                if member.municipality_code is not None and member.municipality_code not in municipalities:
                    raise ValueError(
                        f"bodies[{index}].memberships[{m_index}].municipality_code: ukendt kommune '{member.municipality_code}'"
                    )
        for index, meeting in enumerate(self.meetings):
            if meeting.body_id not in bodies:
                raise ValueError(f"meetings[{index}].body_id: ukendt organ '{meeting.body_id}'")
        for index, agreement in enumerate(self.agreements):
            where = f"agreements[{index}]"
            for p_index, code in enumerate(agreement.parties):
                if code not in parties:
                    raise ValueError(f"{where}.parties[{p_index}]: ukendt part '{code}'")
            for a_index, approval in enumerate(agreement.council_approvals):
                if approval.party_code not in parties:
                    raise ValueError(
                        f"{where}.council_approvals[{a_index}].party_code: ukendt part '{approval.party_code}'"
                    )
            for c_index, given in enumerate(agreement.cluster_inputs):
                if given.cluster_id not in clusters:
                    raise ValueError(
                        f"{where}.cluster_inputs[{c_index}].cluster_id: ukendt klynge '{given.cluster_id}'"
                    )
            for g_index, goal in enumerate(agreement.content.cluster_goals):
                if goal.cluster_id not in clusters:
                    raise ValueError(
                        f"{where}.content.cluster_goals[{g_index}].cluster_id: ukendt klynge '{goal.cluster_id}'"
                    )
        agreements = {a.id for a in self.agreements}
        for index, hearing in enumerate(self.hearing_rounds):
            if hearing.agreement_id is not None and hearing.agreement_id not in agreements:
                raise ValueError(
                    f"hearing_rounds[{index}].agreement_id: ukendt sundhedsaftale '{hearing.agreement_id}'"
                )
            for a_index, addressee in enumerate(hearing.addressees):
                if (
                    addressee.body_id is not None
                    and self.records(CasePart.BODIES)
                    and addressee.body_id not in bodies
                ):
                    raise ValueError(
                        f"hearing_rounds[{index}].addressees[{a_index}].body_id: ukendt organ '{addressee.body_id}'"
                    )
        for index, statement in enumerate(self.statements):
            if self.records(CasePart.BODIES) and statement.body_id not in bodies:
                raise ValueError(f"statements[{index}].body_id: ukendt organ '{statement.body_id}'")
        return self

    def agreement(self, agreement_id: str) -> HealthAgreement | None:
        return next((a for a in self.agreements if a.id == agreement_id), None)

    def party_name(self, code: str) -> str:
        """The council behind a party code: 'Regionsrådet i Region Sjælland' or 'Kommunalbestyrelsen i Faxe Kommune'."""
        if code == self.region.code:
            return f"Regionsrådet i {self.region.name}"
        return f"Kommunalbestyrelsen i {self.municipality_title(code)}"

    def municipality_title(self, code: str) -> str:
        """The municipality's official name as used in letters: 'Faxe Kommune', 'Københavns Kommune'."""
        name = self.municipality_name(code)
        return _IRREGULAR_MUNICIPALITY_TITLES.get(name, f"{name} Kommune")

    def body(self, body_id: str) -> Body | None:
        return next((b for b in self.bodies if b.id == body_id), None)

    def cluster(self, cluster_id: str) -> ClusterInfo | None:
        return next((c for c in self.clusters if c.id == cluster_id), None)

    def bodies_of_kind(self, kind: BodyKind) -> list[Body]:
        return [b for b in self.bodies if b.kind == kind]

    def meetings_of(self, body_id: str) -> list[Meeting]:
        return [m for m in self.meetings if m.body_id == body_id]

    def municipality_name(self, code: str) -> str:
        return next((m.name for m in self.municipalities if m.code == code), code)


# Official names that are not simply "<name> Kommune" (Danmarks Statistik, KOMKODE).
_IRREGULAR_MUNICIPALITY_TITLES = {"København": "Københavns Kommune", "Bornholm": "Bornholms Regionskommune"}
