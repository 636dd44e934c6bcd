"""Sundhedsstyrelsen's letters about a health agreement: the receipt (vejl. afsnit 5.1), the approval
(§ 21, stk. 2–3; vejl. afsnit 5.2) and the objection (§ 21, stk. 4; vejl. afsnit 5.4).

This module only writes. Every legal date (the eight-week deadline, the midterm status, …) is computed by the
legal calendar and every guidance named comes from the law corpus; both are passed in through
:class:`LetterInput`, so a letter can never state a date or a source the rulebook would not. A letter whose
input lacks what the law requires it to say is refused with :class:`LetterError`.

The letters follow the shape of the authority's real letters: the addressees as one compact block, then the
decision on the first page (what was received, when, and what was decided), and only then the framework, the
assessment, the advice and the follow-up. The wording is the platform's own (``_letter_text.py``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum

from sundhedsaftale.core.case import HealthAgreement, RegionCase
from sundhedsaftale.core.collation import danish_sort_key
from sundhedsaftale.core.errors import SundhedsaftaleError

from . import _letter_text as text
from ._model import Document

__all__ = [
    "GuidanceRef",
    "LetterContact",
    "LetterError",
    "LetterInput",
    "LetterKind",
    "addressee_lines",
    "addressees",
    "letter_document",
    "letter_title",
]


class LetterKind(StrEnum):
    RECEIPT = "kvittering"
    APPROVAL = "godkendelse"
    OBJECTION = "indsigelse"

    @property
    def label(self) -> str:
        return {"kvittering": "Kvittering", "godkendelse": "Godkendelse", "indsigelse": "Indsigelse"}[
            self.value
        ]


class LetterError(SundhedsaftaleError):
    """A letter cannot be written from the input: a field the law requires it to state is missing or wrong."""

    def __init__(self, kind: LetterKind, field_name: str, problem: str) -> None:
        self.kind = kind
        self.field = field_name
        self.problem = problem
        super().__init__(f"brevet ({kind.value}) kan ikke dannes: {field_name}: {problem}")


@dataclass(frozen=True)
class LetterContact:
    """Whom the recipients may contact: the named case officer who issues the letter, with e-mail and phone.

    Without a name the letter falls back to ``role``; it never invents a person.
    """

    name: str = ""
    unit: str = ""
    role: str = "den ansvarlige sagsbehandler"
    email: str = ""
    phone: str = ""


@dataclass(frozen=True)
class GuidanceRef:
    """A guidance as a letter names it, taken from the law corpus (``data/law/sources.yaml``).

    ``name`` reads ``vejledning nr. 9008 af 11. januar 2024 om …``; ``approval_requirements_unchanged`` says
    whether this guidance kept the formal requirements for approval of the one it replaced (None: not known).
    """

    id: str
    name: str
    issued: dt.date
    in_force_from: dt.date | None = None
    approval_requirements_unchanged: bool | None = None


@dataclass(frozen=True)
class LetterInput:
    """Everything a letter states. Dates are computed elsewhere (the legal calendar) and only written here.

    ``advice`` and ``deficiencies`` are (text, citation) pairs; the citation may be empty. ``version_label`` is
    the version the region submitted: None takes the agreement's version number, "" says none was given.
    ``guidance`` is the guidance in force on the letter date (the one the assessment applies) and
    ``guidance_at_receipt`` the one in force when the agreement was received; when they differ, the decision
    says so. ``midterm_status_due`` is § 22's date (prepared two years after submission);
    ``midterm_status_guidance_due`` is kapitel 6's (sent for orientation two years into the period), the one
    the letter's follow-up states.
    """

    kind: LetterKind
    letter_date: dt.date
    reference: str = ""
    received_on: dt.date | None = None
    version_label: str | None = None
    review_deadline: dt.date | None = None
    decided_on: dt.date | None = None
    general_assessment: str = ""
    national_goals_assessment: str = ""
    basis_assessment: str = ""
    other_remarks: tuple[str, ...] = ()
    advice: tuple[tuple[str, str], ...] = ()
    deficiencies: tuple[tuple[str, str], ...] = ()
    remedy_deadline: dt.date | None = None
    effective_date: dt.date | None = None
    expires_on: dt.date | None = None
    next_yearly_review_due: dt.date | None = None
    midterm_status_due: dt.date | None = None
    midterm_status_guidance_due: dt.date | None = None
    final_status_due: dt.date | None = None
    guidance: GuidanceRef | None = None
    guidance_at_receipt: GuidanceRef | None = None
    contact: LetterContact = field(default_factory=LetterContact)
    signer_title: str = "Enhedschef"
    signer_name: str = ""
    sender: str = "Sundhedsstyrelsen"

    def submitted_version(self, agreement: HealthAgreement) -> str:
        """The version label the letter names: the submitted one, else the agreement's; "" when none."""
        label = agreement.version_number if self.version_label is None else self.version_label
        return label.strip()


def letter_title(case: RegionCase, agreement: HealthAgreement, kind: LetterKind) -> str:
    """E.g. ``Godkendelse af Sundhedsaftale 2024–2027 for Region Sjælland``."""
    subject = f"{agreement.title} for {case.region.name}"
    if kind is LetterKind.RECEIPT:
        return f"Kvittering for modtagelse af {subject}"
    if kind is LetterKind.APPROVAL:
        return f"Godkendelse af {subject}"
    return f"Indsigelse mod {subject}"


def municipality_titles(case: RegionCase) -> list[str]:
    """The region's municipalities by official name ('Faxe Kommune'), in Danish alphabetical order."""
    ordered = sorted(case.municipalities, key=lambda m: danish_sort_key(m.name))
    return [case.municipality_title(m.code) for m in ordered]


def addressees(case: RegionCase) -> tuple[str, ...]:
    """The committee, the regional council and every municipal council of the region (vejl. afsnit 5.1, 5.4),
    one recipient each, the councils in Danish alphabetical order."""
    return (
        f"Sundhedssamarbejdsudvalget i {case.region.name}",
        case.party_name(case.region.code),
        *(f"Kommunalbestyrelsen i {title}" for title in municipality_titles(case)),
    )


def addressee_lines(case: RegionCase) -> tuple[str, ...]:
    """The same recipients as a compact block, as authorities address them: the committee and the regional
    council on one line, then the municipal councils with their municipalities listed inline."""
    lines = [f"Sundhedssamarbejdsudvalget og {case.party_name(case.region.code)}"]
    titles = municipality_titles(case)
    if len(titles) == 1:
        lines.append(f"Kommunalbestyrelsen i {titles[0]}")
    elif titles:
        lines.append(f"Kommunalbestyrelserne i {', '.join(titles[:-1])} og {titles[-1]}")
    return tuple(lines)


def letter_document(case: RegionCase, agreement: HealthAgreement, letter: LetterInput) -> Document:
    """The letter of ``letter.kind`` about ``agreement``; raises :class:`LetterError` on incomplete input."""
    _validate(letter)
    if letter.kind is LetterKind.RECEIPT:
        blocks = text.receipt(case, agreement, letter)
        subtitle = "Kvittering efter vejledningens afsnit 5.1"
    elif letter.kind is LetterKind.APPROVAL:
        blocks = text.approval(case, agreement, letter)
        subtitle = f"Afgørelse efter § 21, stk. 2 og 3, i {text.ORDER}"
    else:
        blocks = text.objection(case, agreement, letter)
        subtitle = f"Afgørelse efter § 21, stk. 2 og 4, i {text.ORDER}"
    blocks += [*text.contact(letter), text.signature(letter)]
    return Document(
        title=letter_title(case, agreement, letter.kind),
        subtitle=subtitle,
        sender=letter.sender,
        date=letter.letter_date,
        reference=letter.reference,
        addressees=addressee_lines(case),
        details=text.letterhead_details(letter),
        blocks=tuple(blocks),
    )


# ---------------------------------------------------------------------------------------------------------------
# Validation: what each kind of letter must be able to state


def _validate(letter: LetterInput) -> None:
    kind = letter.kind

    def require(name: str, value: object, why: str) -> None:
        if value is None or value == "" or value == ():
            raise LetterError(kind, name, f"mangler ({why})")

    require("received_on", letter.received_on, "datoen, Sundhedsstyrelsen modtog aftalen")
    assert letter.received_on is not None
    if kind is LetterKind.RECEIPT:
        require("review_deadline", letter.review_deadline, "fristen for afgørelsen, § 21, stk. 2")
        return
    require("decided_on", letter.decided_on, "datoen for afgørelsen")
    assert letter.decided_on is not None
    if letter.decided_on < letter.received_on:
        raise LetterError(kind, "decided_on", "afgørelsen ligger før aftalen blev modtaget")
    if kind is LetterKind.APPROVAL:
        # The two conditions of vejl. afsnit 5.2 must be answered in every approval.
        require("general_assessment", letter.general_assessment.strip(), "den samlede vurdering")
        require(
            "national_goals_assessment",
            letter.national_goals_assessment.strip(),
            "vurderingen af sammenhængen med de nationale mål, vejl. afsnit 5.2",
        )
        require(
            "basis_assessment",
            letter.basis_assessment.strip(),
            "vurderingen af grundlaget for målgrupper og indsatser, vejl. afsnit 5.2",
        )
        if letter.deficiencies:
            raise LetterError(kind, "deficiencies", "en godkendelse kan ikke angive mangler")
        return
    require("deficiencies", letter.deficiencies, "hvori manglerne består, § 21, stk. 4")
    require("remedy_deadline", letter.remedy_deadline, "fristen for udbedring, § 21, stk. 4")
    assert letter.remedy_deadline is not None
    if letter.remedy_deadline <= letter.decided_on:
        raise LetterError(kind, "remedy_deadline", "fristen for udbedring skal ligge efter afgørelsen")
    for index, (description, _citation) in enumerate(letter.deficiencies):
        if not description.strip():
            raise LetterError(kind, f"deficiencies[{index}]", "manglen er ikke beskrevet")
