"""The health agreement in the case: its structured content and the records of its legal life.

Content follows the guidance's chapters 3–4 (goals, target groups, general practice, collaboration agreements);
the records follow §§ 19–22 and § 29 (hearing, cluster input, council approvals, submission, the authority's
decision, publication, yearly review, midterm and final status). Every date the law derives from these
records (deadlines) is computed by the rulebook and the legal calendar, never stored here.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from enum import StrEnum
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator
from pydantic.dataclasses import dataclass as pydantic_dataclass

from ..followup import StatusContent

__all__ = [
    "AUTHORITY_PARTY",
    "AgreementContent",
    "AgreementSubmission",
    "Attachment",
    "AuthorityDecision",
    "AuthorityDecisionKind",
    "CareProgramme",
    "ClusterGoal",
    "ClusterInput",
    "CollaborationAgreement",
    "CollaborationModel",
    "ContentPart",
    "CouncilApproval",
    "Coverage",
    "ElementCoverage",
    "FindingReview",
    "FrameworkElement",
    "HealthAgreement",
    "Hearing",
    "InformationRequest",
    "OverarchingGoal",
    "Publication",
    "StatusReport",
    "StatusReportKind",
    "StatusReportState",
    "StatusReportVersion",
    "SubGoal",
    "SuccessCriterion",
    "TargetGroup",
    "Verdict",
    "YearlyReview",
    "review_gaps",
]

# Publication by Sundhedsstyrelsen itself (guidance 5.5) uses this party code instead of a region or municipality.
AUTHORITY_PARTY = "sst"


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class FrameworkElement(StrEnum):
    """The eight elements of the framework for collaboration agreements (vejledningens afsnit 4.1)."""

    TASK_ALLOCATION = "task_allocation"  # 1 Opgaveløsning og opgavefordeling
    GOALS = "goals"  # 2 Mål for indsatsen
    CAPACITY = "capacity"  # 3 Kapacitet
    PATIENT_COURSE_RESPONSIBILITY = "patient_course_responsibility"  # 4 Ansvar for forløbet, lægeligt ansvar
    COMPETENCES_AND_ADVICE = "competences_and_advice"  # 5 Adgang til kompetencer og rådgivning
    MEDICINE_EQUIPMENT_DIGITAL = "medicine_equipment_digital"  # 6 Medicin, udstyr, digital understøttelse
    IMPLEMENTATION_FOLLOW_UP = "implementation_follow_up"  # 7 Implementering og opfølgning
    CHANGED_TASKS_AND_ECONOMY = "changed_tasks_and_economy"  # 8 Vilkår for ændret opgaveløsning, økonomi

    @property
    def number(self) -> int:
        return list(FrameworkElement).index(self) + 1

    @property
    def citation(self) -> str:
        """The written citation of the element in the guidance, e.g. ``afsnit 4.1, delelement 4``."""
        return f"afsnit 4.1, delelement {self.number}"

    @property
    def label(self) -> str:
        return _ELEMENT_LABELS[self]


_ELEMENT_LABELS = {
    FrameworkElement.TASK_ALLOCATION: "Opgaveløsning og opgavefordeling",
    FrameworkElement.GOALS: "Mål for indsatsen",
    FrameworkElement.CAPACITY: "Kapacitet",
    FrameworkElement.PATIENT_COURSE_RESPONSIBILITY: "Ansvar for borgerens/patientens forløb, herunder det lægelige behandlingsansvar",
    FrameworkElement.COMPETENCES_AND_ADVICE: "Adgang til kompetencer og rådgivning",
    FrameworkElement.MEDICINE_EQUIPMENT_DIGITAL: "Adgang til medicin, udstyr, digital understøttelse og lignende",
    FrameworkElement.IMPLEMENTATION_FOLLOW_UP: "Implementering af og opfølgning på indsatsen",
    FrameworkElement.CHANGED_TASKS_AND_ECONOMY: "Vilkår for ændret opgaveløsning og arbejdsdeling, herunder økonomi",
}


class Coverage(StrEnum):
    """How a collaboration agreement treats one framework element."""

    ADDRESSED = "addressed"  # adresseret
    NOT_RELEVANT = "not_relevant"  # ikke relevant for denne aftale
    MISSING = "missing"  # mangler

    @property
    def label(self) -> str:
        return {"addressed": "Adresseret", "not_relevant": "Ikke relevant", "missing": "Mangler"}[self.value]


class ElementCoverage(_Model):
    element: FrameworkElement
    coverage: Coverage = Coverage.MISSING
    note: str = Field(
        default="", description="Hvordan elementet er adresseret, eller hvorfor det ikke er relevant"
    )


class SuccessCriterion(_Model):
    text: str = Field(min_length=1, description="Succeskriterium")
    indicator: str = Field(default="", description="Indikator, der måler kriteriet")
    target: str = Field(default="", description="Målværdi, fx 'under 8 % i 2027'")
    data_source: str = Field(default="", description="Datakilde for indikatoren")
    indicator_id: str = Field(
        default="",
        max_length=60,
        pattern=r"^[a-z0-9_]*$",
        description=(
            "En beregnet registerindikator, der måler kriteriet (id i data/indicators/definitions.yaml); "
            "statusrapportens 'Hent værdier' henter dens værdier for regionen"
        ),
    )


class SubGoal(_Model):
    id: str = Field(min_length=1)
    title: str = Field(min_length=1, description="Delmål")
    description: str = ""
    success_criteria: tuple[SuccessCriterion, ...] = ()


class OverarchingGoal(_Model):
    """A shared, binding overarching goal (fælles, forpligtende målsætning, § 19, stk. 2; afsnit 3.2)."""

    id: str = Field(min_length=1)
    title: str = Field(min_length=1)
    description: str = ""
    national_goals: tuple[int, ...] = Field(
        default=(),
        description="Numre på de nationale mål for sundhedsvæsenet (1–8), målsætningen hænger sammen med",
    )
    target_group_ids: tuple[str, ...] = ()
    sub_goals: tuple[SubGoal, ...] = ()


class TargetGroup(_Model):
    """A target group and the knowledge and data it was chosen on (afsnit 3.4)."""

    id: str = Field(min_length=1)
    name: str = Field(min_length=1)
    description: str = ""
    knowledge_basis: tuple[str, ...] = Field(default=(), description="Viden og forskning, valget bygger på")
    data_sources: tuple[str, ...] = Field(
        default=(), description="Data, der viser behovet, fx risikostratificering"
    )


class ClusterGoal(_Model):
    """A goal of one health cluster within the agreement's frame (§ 2, stk. 2, nr. 4; afsnit 2.1)."""

    id: str = Field(min_length=1)
    cluster_id: str
    title: str = Field(min_length=1)
    description: str = ""
    indicator: str = ""


class CollaborationAgreement(_Model):
    """A collaboration agreement under the health agreement (§ 20; afsnit 4.1)."""

    id: str = Field(min_length=1)
    title: str = Field(min_length=1)
    description: str = ""
    goal_ids: tuple[str, ...] = Field(
        default=(), description="Overordnede målsætninger, aftalen understøtter"
    )
    target_group_ids: tuple[str, ...] = ()
    elements: tuple[ElementCoverage, ...] = ()
    updated_for_agreement: bool = Field(
        default=True, description="Tilpasset den nye sundhedsaftale (målsætninger, rammer og principper)"
    )

    def coverage_of(self, element: FrameworkElement) -> Coverage:
        return next((e.coverage for e in self.elements if e.element is element), Coverage.MISSING)


class CareProgramme(_Model):
    """Forløbsprogram (afsnit 4.2)."""

    id: str = Field(min_length=1)
    title: str = Field(min_length=1)
    description: str = ""
    target_group_ids: tuple[str, ...] = ()


class CollaborationModel(_Model):
    """A new model of collaboration, e.g. spreading a cluster initiative (afsnit 4.3)."""

    id: str = Field(min_length=1)
    title: str = Field(min_length=1)
    description: str = ""
    cluster_ids: tuple[str, ...] = ()


class Attachment(_Model):
    """Bilag (afsnit 5.1: attachments relevant for the authority's assessment are sent with the agreement)."""

    id: str = Field(min_length=1)
    title: str = Field(min_length=1)
    reference: str = Field(default="", description="Filnavn eller link")
    for_review: bool = Field(default=True, description="Relevant for Sundhedsstyrelsens vurdering")


class ContentPart(StrEnum):
    """A part of the agreement a record may leave undescribed.

    An agreement written in the platform is recorded whole: an empty list there means "none". An agreement recorded
    from outside (for example from the authority's letter, or a summary of a PDF) names the parts it does not
    describe, and no rule draws a conclusion about them — "not recorded" is not "none".
    """

    PARTIES = "parties"  # aftalens parter (afsnit 5.1)
    VERSION_NUMBER = "version_number"  # versionsnummer (afsnit 5.1)
    EFFECTIVE_DATE = "effective_date"  # ikrafttrædelsesdato (afsnit 5.1)
    OVERARCHING_GOALS = "overarching_goals"  # overordnede målsætninger og deres nationale mål (afsnit 3.2)
    SUB_GOALS = "sub_goals"  # delmål og succeskriterier (afsnit 3.2)
    TARGET_GROUPS = "target_groups"  # målgrupper og deres grundlag (afsnit 3.4)
    CLUSTER_GOALS = "cluster_goals"  # klyngernes mål (§ 2, stk. 2, nr. 4; afsnit 2.1)
    GENERAL_PRACTICE = "general_practice"  # almen praksis' rolle (afsnit 3.3)
    COLLABORATION_AGREEMENTS = "collaboration_agreements"  # samarbejdsaftaler (§ 20; kapitel 4)
    FRAMEWORK_ELEMENTS = "framework_elements"  # samarbejdsaftalernes stillingtagen til rammen (afsnit 4.1)
    COLLABORATION_GOAL_LINKS = "collaboration_goal_links"  # samarbejdsaftalernes kobling til målsætningerne
    ATTACHMENTS = "attachments"  # bilag til vurderingen (afsnit 5.1)

    @property
    def label(self) -> str:
        return _PART_LABELS[self]


_PART_LABELS = {
    ContentPart.PARTIES: "aftalens parter",
    ContentPart.VERSION_NUMBER: "aftalens versionsnummer",
    ContentPart.EFFECTIVE_DATE: "aftalens ikrafttrædelsesdato",
    ContentPart.OVERARCHING_GOALS: "de overordnede målsætninger",
    ContentPart.SUB_GOALS: "delmål og succeskriterier",
    ContentPart.TARGET_GROUPS: "målgrupperne og deres grundlag",
    ContentPart.CLUSTER_GOALS: "klyngernes mål",
    ContentPart.GENERAL_PRACTICE: "almen praksis' rolle",
    ContentPart.COLLABORATION_AGREEMENTS: "samarbejdsaftalerne",
    ContentPart.FRAMEWORK_ELEMENTS: "samarbejdsaftalernes stillingtagen til rammens delelementer",
    ContentPart.COLLABORATION_GOAL_LINKS: "samarbejdsaftalernes kobling til målsætningerne",
    ContentPart.ATTACHMENTS: "bilagene",
}


def _duplicates(ids: Iterable[str]) -> list[str]:
    return sorted(i for i, n in Counter(ids).items() if n > 1)


class AgreementContent(_Model):
    """What the agreement says, in structure (not one text blob)."""

    vision: str = Field(default="", description="Vision")
    values: tuple[str, ...] = Field(default=(), description="Værdier")
    general_practice: str = Field(default="", description="Almen praksis' rolle (afsnit 3.3)")
    overarching_goals: tuple[OverarchingGoal, ...] = ()
    target_groups: tuple[TargetGroup, ...] = ()
    cluster_goals: tuple[ClusterGoal, ...] = ()
    collaboration_agreements: tuple[CollaborationAgreement, ...] = ()
    care_programmes: tuple[CareProgramme, ...] = ()
    collaboration_models: tuple[CollaborationModel, ...] = ()
    attachments: tuple[Attachment, ...] = ()
    unrecorded: tuple[ContentPart, ...] = Field(
        default=(),
        description=(
            "Dele af aftalen, registreringen ikke beskriver (fx en aftale registreret ud fra et brev). Ingen regel "
            "drager konklusioner om en del, der ikke er registreret; en tom liste i en registreret del betyder 'ingen'."
        ),
    )

    def records(self, *parts: ContentPart) -> bool:
        """Whether the record describes every one of ``parts`` (an empty list there then means "none")."""
        return not any(p in self.unrecorded for p in parts)

    @model_validator(mode="after")
    def _ids_unique_and_references_resolve(self) -> AgreementContent:
        sections: dict[str, Iterable[str]] = {
            "overarching_goals": (g.id for g in self.overarching_goals),
            "sub_goals": (s.id for g in self.overarching_goals for s in g.sub_goals),
            "target_groups": (t.id for t in self.target_groups),
            "cluster_goals": (c.id for c in self.cluster_goals),
            "collaboration_agreements": (c.id for c in self.collaboration_agreements),
            "care_programmes": (c.id for c in self.care_programmes),
            "collaboration_models": (c.id for c in self.collaboration_models),
            "attachments": (a.id for a in self.attachments),
        }
        for section, ids in sections.items():
            if twice := _duplicates(ids):
                raise ValueError(f"{section}: id'et '{twice[0]}' bruges mere end én gang")
        if twice := _duplicates(p.value for p in self.unrecorded):
            raise ValueError(f"unrecorded: '{twice[0]}' står mere end én gang")
        groups = {t.id for t in self.target_groups}
        goals = {g.id for g in self.overarching_goals}
        for index, goal in enumerate(self.overarching_goals):
            for number in goal.national_goals:
                if not 1 <= number <= 8:
                    raise ValueError(
                        f"overarching_goals[{index}].national_goals: {number} er ikke et nationalt mål (1–8)"
                    )
            for group in goal.target_group_ids:
                if group not in groups:
                    raise ValueError(
                        f"overarching_goals[{index}].target_group_ids: ukendt målgruppe '{group}'"
                    )
        for index, agreement in enumerate(self.collaboration_agreements):
            for goal_id in agreement.goal_ids:
                if goal_id not in goals:
                    raise ValueError(
                        f"collaboration_agreements[{index}].goal_ids: ukendt målsætning '{goal_id}'"
                    )
            for group in agreement.target_group_ids:
                if group not in groups:
                    raise ValueError(
                        f"collaboration_agreements[{index}].target_group_ids: ukendt målgruppe '{group}'"
                    )
            if twice := _duplicates(e.element.value for e in agreement.elements):
                raise ValueError(
                    f"collaboration_agreements[{index}].elements: '{twice[0]}' står mere end én gang"
                )
        return self

    @property
    def sub_goal_count(self) -> int:
        return sum(len(g.sub_goals) for g in self.overarching_goals)


# ---------------------------------------------------------------------------------------------------------------
# Records of the agreement's life


class Hearing(_Model):
    """Hearing of the patient involvement committee on the draft (§ 29, stk. 2), or a renewed one after revision."""

    sent_on: dt.date
    response_deadline: dt.date | None = None
    answered_on: dt.date | None = None
    version_label: str = ""
    renewed: bool = Field(
        default=False, description="Fornyet høring ved revision (§ 29, stk. 2, jf. § 22, stk. 1)"
    )

    @model_validator(mode="after")
    def _dates_in_order(self) -> Hearing:
        if self.response_deadline is not None and self.response_deadline < self.sent_on:
            raise ValueError("response_deadline: høringsfristen ligger før høringen blev sendt")
        if self.answered_on is not None and self.answered_on < self.sent_on:
            raise ValueError("answered_on: høringssvaret ligger før høringen blev sendt")
        return self


class ClusterInput(_Model):
    """Input from a cluster's political level to the agreement (§ 19, stk. 1, jf. § 2, stk. 2)."""

    cluster_id: str
    given_on: dt.date
    summary: str = ""


class CouncilApproval(_Model):
    """The regional council's or a municipal council's approval of the agreement."""

    party_code: str = Field(
        description="Regionskode for regionsrådet eller kommunekode for kommunalbestyrelsen"
    )
    approved_on: dt.date
    reference: str = Field(min_length=1, description="Mødereferat, sagsnummer eller link")
    version_label: str = ""
    # Optional, and left out of the case file when empty, so case files written before it read and write alike.
    document: str = Field(
        default="",
        max_length=300,
        description="Godkendelsens dokument: link eller filnavn (valgfrit)",
        exclude_if=lambda value: not value,
    )


class Verdict(StrEnum):
    """A reviewer's verdict on one finding of the authority's assessment.

    * accepted: the finding stands as the rule wrote it;
    * edited: the finding stands in the reviewer's wording (with a reason);
    * overruled: the finding does not stand (with a reason).

    For a finding the rule could not decide, "accepted" or "edited" means the reviewer judges that the point stands:
    an approval criterion is then not met, and a recommendation becomes advice in the letter.
    """

    ACCEPTED = "accepted"
    EDITED = "edited"
    OVERRULED = "overruled"

    @property
    def label(self) -> str:
        return {"accepted": "Tiltrådt", "edited": "Redigeret", "overruled": "Tilsidesat"}[self.value]


@pydantic_dataclass(frozen=True, config=ConfigDict(extra="forbid", defer_build=True))
class FindingReview:
    """A reviewer's verdict on one finding of the assessment of a submission (who, when, why).

    Kept with the submission it was made on: a resubmitted agreement is assessed afresh. The reason is internal to
    Sundhedsstyrelsen; only a reviewer's export of a case carries it.
    """

    rule_id: str
    verdict: Verdict
    text: str = Field(default="", description="Fundet med den vurderendes ord (ved 'edited')")
    reason: str = Field(default="", description="Begrundelse (kræves ved 'edited' og 'overruled')")
    reviewer: str = Field(default="", description="Hvem vurderede")
    reviewed_on: dt.date | None = None


def review_gaps(review: FindingReview) -> list[str]:
    """What a verdict lacks: an edit needs its text and a reason, an overruling a reason (Danish, for messages)."""
    missing = []
    if review.verdict is Verdict.EDITED and not review.text.strip():
        missing.append("den redigerede tekst")
    if review.verdict in (Verdict.EDITED, Verdict.OVERRULED) and not review.reason.strip():
        missing.append("en begrundelse")
    return missing


class AgreementSubmission(_Model):
    submitted_on: dt.date = Field(description="Indsendt af regionsrådet (§ 21, stk. 1)")
    received_on: dt.date | None = Field(default=None, description="Modtaget af Sundhedsstyrelsen")
    version_number: str = ""
    reviews: tuple[FindingReview, ...] = Field(
        default=(), description="Sundhedsstyrelsens vurdering af de enkelte fund for denne indsendelse"
    )

    @model_validator(mode="after")
    def _received_after_submitted(self) -> AgreementSubmission:
        if self.received_on is not None and self.received_on < self.submitted_on:
            raise ValueError("received_on: modtaget før aftalen blev indsendt")
        if twice := _duplicates(r.rule_id for r in self.reviews):
            raise ValueError(f"reviews: fundet '{twice[0]}' er vurderet mere end én gang")
        for index, review in enumerate(self.reviews):
            if missing := review_gaps(review):
                raise ValueError(
                    f"reviews[{index}]: '{review.verdict.value}' af '{review.rule_id}' mangler {' og '.join(missing)}"
                )
        return self


class InformationRequest(_Model):
    """The authority asks the committee for more information during review (afsnit 5.2)."""

    asked_on: dt.date
    question: str = Field(min_length=1)
    answered_on: dt.date | None = None
    answer: str = ""


class AuthorityDecisionKind(StrEnum):
    APPROVED = "approved"
    OBJECTION = "objection"


class AuthorityDecision(_Model):
    kind: AuthorityDecisionKind
    decided_on: dt.date
    reference: str = ""
    remedy_deadline: dt.date | None = Field(default=None, description="Frist for udbedring (§ 21, stk. 4)")
    deficiencies: tuple[str, ...] = Field(default=(), description="Hvori manglerne består (§ 21, stk. 4)")
    version_number: str = ""

    @model_validator(mode="after")
    def _remedy_deadline_after_decision(self) -> AuthorityDecision:
        if self.remedy_deadline is not None and self.remedy_deadline <= self.decided_on:
            raise ValueError("remedy_deadline: fristen for udbedring skal ligge efter afgørelsen")
        return self


class Publication(_Model):
    """Publication on a party's website (afsnit 5.5); ``party_code`` is ``sst`` for the authority's own."""

    party_code: str
    published_on: dt.date
    url: str = ""
    version_number: str = ""


def _empty(value: object) -> bool:
    return value in (None, "", ())


class YearlyReview(_Model):
    """The committee's yearly review of the agreement (§ 22, stk. 1).

    ``held_on`` and ``revision_needed`` (the conclusion: revise or not) are the lifecycle's record; the year, the
    reasons and the meeting where the committee decided are the platform's record of it, left out when empty so
    older case files read and write alike (ADR 0045).
    """

    held_on: dt.date
    revision_needed: bool = False
    note: str = ""
    year: int | None = Field(
        default=None, ge=2000, le=2100, description="Året, gennemgangen gælder", exclude_if=_empty
    )
    reasons: str = Field(
        default="", max_length=20000, description="Udvalgets begrundelse for konklusionen", exclude_if=_empty
    )
    meeting_id: str | None = Field(
        default=None,
        description="Mødet i sundhedssamarbejdsudvalget, hvor den blev besluttet",
        exclude_if=_empty,
    )


class StatusReportKind(StrEnum):
    MIDTERM = "midterm"  # midtvejsstatus
    FINAL = "final"  # slutstatus

    @property
    def label(self) -> str:
        return {"midterm": "Midtvejsstatus", "final": "Slutstatus"}[self.value]


class StatusReportState(StrEnum):
    """Where a sent report stands: sent "til orientering", received (receipt letter, no approval), published
    (kapitel 6). A draft is work in the platform, not a record of the agreement's life, and is not in the case."""

    SENT = "sent"
    RECEIVED = "received"
    PUBLISHED = "published"

    @property
    def label(self) -> str:
        return {
            "sent": "Sendt til Sundhedsstyrelsen",
            "received": "Modtaget af Sundhedsstyrelsen",
            "published": "Offentliggjort",
        }[self.value]


class StatusReportVersion(_Model):
    """A corrected version of a sent report (the next report number), sent again with its own content."""

    number: int = Field(ge=2, description="Rapportversion")
    sent_on: dt.date
    state: StatusReportState = StatusReportState.SENT
    received_on: dt.date | None = Field(default=None, exclude_if=_empty)
    published_on: dt.date | None = Field(default=None, exclude_if=_empty)
    receipt_reference: str = Field(default="", max_length=100, exclude_if=_empty)
    content: StatusContent | None = Field(default=None, exclude_if=_empty)

    @model_validator(mode="after")
    def _state_dates(self) -> StatusReportVersion:
        _check_report_dates(self.sent_on, self.state, self.received_on, self.published_on)
        return self


def _check_report_dates(
    sent_on: dt.date, state: StatusReportState, received_on: dt.date | None, published_on: dt.date | None
) -> None:
    if state is not StatusReportState.SENT and received_on is None:
        raise ValueError(f"received_on: en rapport i tilstanden '{state.value}' har en modtagelsesdato")
    if state is StatusReportState.PUBLISHED and published_on is None:
        raise ValueError("published_on: en offentliggjort rapport har en offentliggørelsesdato")
    if received_on is not None and received_on < sent_on:
        raise ValueError("received_on: modtaget før rapporten blev sendt")
    if published_on is not None and received_on is not None and published_on < received_on:
        raise ValueError("published_on: offentliggjort før Sundhedsstyrelsen modtog rapporten")


class StatusReport(_Model):
    """Midterm or final status sent to the authority for information (§ 22, stk. 1; kapitel 6).

    ``kind``, ``sent_on`` and ``reference`` are the lifecycle's record (the first report of its kind); the state,
    the receipt, the publication, the structured content (:class:`~sundhedsaftale.core.followup.StatusContent`)
    and later corrected versions are the platform's, left out when empty (ADR 0045).
    """

    kind: StatusReportKind
    sent_on: dt.date
    reference: str = ""
    state: StatusReportState = Field(default=StatusReportState.SENT, exclude_if=lambda v: v == "sent")
    received_on: dt.date | None = Field(default=None, exclude_if=_empty)
    published_on: dt.date | None = Field(default=None, exclude_if=_empty)
    receipt_reference: str = Field(default="", max_length=100, description="Journalnummer", exclude_if=_empty)
    content: StatusContent | None = Field(default=None, exclude_if=_empty)
    corrections: tuple[StatusReportVersion, ...] = Field(default=(), exclude_if=_empty)

    @model_validator(mode="after")
    def _state_dates(self) -> StatusReport:
        _check_report_dates(self.sent_on, self.state, self.received_on, self.published_on)
        numbers = [c.number for c in self.corrections]
        if numbers != sorted(set(numbers)):
            raise ValueError("corrections: rapportversionerne står ikke i rækkefølge, eller én står to gange")
        return self

    def lifecycle_record(self) -> StatusReport:
        """The lifecycle's record alone, as the agreement's records keep it."""
        return StatusReport(kind=self.kind, sent_on=self.sent_on, reference=self.reference)


class HealthAgreement(_Model):
    id: str
    title: str
    election_period_start: int = Field(description="Første år i valgperioden, fx 2022 for 2022–2025")
    legal_basis: Literal["bek-1248-2022", "bek-679-2018"] = "bek-1248-2022"
    version_number: str = Field(default="", description="Versionsnummer (afsnit 5.1)")
    effective_date: dt.date | None = Field(default=None, description="Ikrafttrædelsesdato (afsnit 3.6, 5.1)")
    term_years: int | None = Field(
        default=None, ge=1, le=10, description="Varighed i år, hvis aftalen selv fastsætter en anden end 4 år"
    )
    parties: tuple[str, ...] = Field(default=(), description="Regionskode og kommunekoder")
    # Made without validating (the empty content is valid), so that importing the models builds no validator.
    content: AgreementContent = AgreementContent.model_construct()
    hearings: tuple[Hearing, ...] = ()
    cluster_inputs: tuple[ClusterInput, ...] = ()
    council_approvals: tuple[CouncilApproval, ...] = ()
    submissions: tuple[AgreementSubmission, ...] = ()
    information_requests: tuple[InformationRequest, ...] = ()
    decisions: tuple[AuthorityDecision, ...] = ()
    publications: tuple[Publication, ...] = ()
    yearly_reviews: tuple[YearlyReview, ...] = ()
    status_reports: tuple[StatusReport, ...] = ()

    def approval_of(self, party_code: str, *, on_or_before: dt.date | None = None) -> CouncilApproval | None:
        """The latest approval a party's council gave, on or before a day when one is given."""
        approvals = [
            a
            for a in self.council_approvals
            if a.party_code == party_code and (on_or_before is None or a.approved_on <= on_or_before)
        ]
        return max(approvals, key=lambda a: a.approved_on, default=None)
