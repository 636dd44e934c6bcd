"""Sundhedsstyrelsen's letters about a health agreement: the receipt (vejl. afsnit 5.1), the approval
(§ 21, stk. 2–3; vejl. afsnit 5.2) and the objection (§ 21, stk. 4; vejl. afsnit 5.4).

This module only writes. Every legal date (the eight-week deadline, the midterm status, …) is computed by the
legal calendar and passed in through :class:`LetterInput`, so a letter can never state a date the rulebook
would not. A letter whose input lacks what the law requires it to say is refused with :class:`LetterError`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum

from sundhedsaftale.core.case import HealthAgreement, RegionCase
from sundhedsaftale.core.errors import SundhedsaftaleError
from sundhedsaftale.core.periods import danish_date

from ._model import Block, BulletList, Document, Heading, KeyValues, Paragraph, Signature

__all__ = [
    "LetterContact",
    "LetterError",
    "LetterInput",
    "LetterKind",
    "addressees",
    "letter_document",
    "letter_title",
]

ORDER = "bekendtgørelse nr. 1248 af 5. september 2022"
GUIDANCE = (
    "vejledning nr. 9008 af 11. januar 2024 om sundhedsklynger, sundhedssamarbejdsudvalg og sundhedsaftaler"
)


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
    """Whom the recipients may contact; a role and a mailbox, never a named official by default."""

    unit: str = ""
    role: str = "den ansvarlige sagsbehandler"
    email: str = ""
    phone: str = ""


@dataclass(frozen=True)
class LetterInput:
    """Everything a letter states. Dates are computed elsewhere (the legal calendar) and only written here.

    ``advice`` and ``deficiencies`` are (text, citation) pairs; the citation may be empty.
    """

    kind: LetterKind
    letter_date: dt.date
    reference: str = ""
    received_on: dt.date | None = None
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
    final_status_due: dt.date | None = None
    contact: LetterContact = field(default_factory=LetterContact)
    signer_title: str = "Enhedschef"
    signer_name: str = ""
    sender: str = "Sundhedsstyrelsen"


def letter_title(case: RegionCase, agreement: HealthAgreement, kind: LetterKind) -> str:
    """E.g. ``Godkendelse af Sundhedsaftale 2024–2027 for Region Sjælland``."""
    subject = f"{agreement.title} for {case.region.name}"
    if kind is LetterKind.RECEIPT:
        return f"Kvittering for modtagelse af {subject}"
    if kind is LetterKind.APPROVAL:
        return f"Godkendelse af {subject}"
    return f"Indsigelse mod {subject}"


def addressees(case: RegionCase) -> tuple[str, ...]:
    """The committee, the regional council and every municipal council of the region (vejl. afsnit 5.1, 5.4)."""
    councils = sorted((case.party_name(m.code) for m in case.municipalities), key=_danish_sort_key)
    return (
        f"Sundhedssamarbejdsudvalget i {case.region.name}",
        case.party_name(case.region.code),
        *councils,
    )


def letter_document(case: RegionCase, agreement: HealthAgreement, letter: LetterInput) -> Document:
    """The letter of ``letter.kind`` about ``agreement``; raises :class:`LetterError` on incomplete input."""
    _validate(letter)
    if letter.kind is LetterKind.RECEIPT:
        blocks = _receipt(case, agreement, letter)
        subtitle = "Kvittering efter vejledningens afsnit 5.1"
    elif letter.kind is LetterKind.APPROVAL:
        blocks = _approval(case, agreement, letter)
        subtitle = f"Afgørelse efter § 21, stk. 2 og 3, i {ORDER}"
    else:
        blocks = _objection(case, agreement, letter)
        subtitle = f"Afgørelse efter § 21, stk. 2 og 4, i {ORDER}"
    blocks += [*_contact(letter), _signature(letter)]
    return Document(
        title=letter_title(case, agreement, letter.kind),
        subtitle=subtitle,
        sender=letter.sender,
        date=letter.letter_date,
        reference=letter.reference,
        addressees=addressees(case),
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
    for index, (text, _citation) in enumerate(letter.deficiencies):
        if not text.strip():
            raise LetterError(kind, f"deficiencies[{index}]", "manglen er ikke beskrevet")


# ---------------------------------------------------------------------------------------------------------------
# The three letters


def _receipt(case: RegionCase, agreement: HealthAgreement, letter: LetterInput) -> list[Block]:
    assert letter.received_on is not None
    assert letter.review_deadline is not None
    blocks: list[Block] = [
        Heading("Sundhedsaftalen er modtaget"),
        Paragraph(_received_sentence(case, agreement, letter.received_on)),
    ]
    if not agreement.version_number:
        blocks.append(
            Paragraph(
                "Aftalen oplyser ikke et versionsnummer. Efter vejledningens afsnit 5.1 skal aftalens parter, "
                "valgperiode, versionsnummer og ikrafttrædelsesdato fremgå af aftalen."
            )
        )
    review_for = [a.title for a in agreement.content.attachments if a.for_review]
    if review_for:
        blocks += [
            Paragraph("Aftalen angiver følgende bilag som relevante for Sundhedsstyrelsens vurdering:"),
            BulletList(tuple(review_for)),
        ]
    blocks += [
        Heading("Frist for Sundhedsstyrelsens afgørelse"),
        Paragraph(
            "Sundhedsstyrelsen skal efter § 21, stk. 2, i bekendtgørelsen enten godkende aftalen eller gøre "
            "indsigelse mod den inden for otte uger fra modtagelsen. I kan derfor forvente styrelsens "
            f"afgørelse senest den {danish_date(letter.review_deadline)}."
        ),
        Paragraph(
            "Får Sundhedsstyrelsen under behandlingen brug for flere oplysninger, henvender styrelsen sig til "
            "sundhedssamarbejdsudvalget. Udvalget skal da skaffe oplysningerne så hurtigt som muligt, så "
            "fristen for afgørelsen kan holdes (vejledningens afsnit 5.2)."
        ),
    ]
    return blocks


def _approval(case: RegionCase, agreement: HealthAgreement, letter: LetterInput) -> list[Block]:
    assert letter.received_on is not None
    assert letter.decided_on is not None
    blocks: list[Block] = [
        *_framework("Rammerne for godkendelse"),
        Heading(f"{agreement.title} for {case.region.name}"),
        Paragraph(_received_sentence(case, agreement, letter.received_on)),
        Paragraph(
            f"Sundhedsstyrelsen har den {danish_date(letter.decided_on)} besluttet at godkende sundhedsaftalen."
        ),
        Paragraph(
            "Afgørelsen bygger på, at aftalen lever op til formålet med og kravene i bekendtgørelsen og "
            "vejledningen. Sundhedsstyrelsen har ikke efterprøvet, om de enkelte samarbejdsaftaler og "
            "indsatser er i overensstemmelse med anden lovgivning; det er parternes ansvar, og styrelsen går ud "
            "fra, at det er på plads, når aftalen indgås."
        ),
        *_assessment(letter),
    ]
    blocks += _advice(letter)
    blocks += _follow_up(letter)
    return blocks


def _objection(case: RegionCase, agreement: HealthAgreement, letter: LetterInput) -> list[Block]:
    assert letter.received_on is not None
    assert letter.decided_on is not None
    assert letter.remedy_deadline is not None
    deadline = danish_date(letter.remedy_deadline)
    blocks: list[Block] = [
        *_framework("Rammerne for vurderingen"),
        Heading(f"{agreement.title} for {case.region.name}"),
        Paragraph(_received_sentence(case, agreement, letter.received_on)),
        Paragraph(
            f"Sundhedsstyrelsen har den {danish_date(letter.decided_on)} besluttet at gøre indsigelse mod "
            "sundhedsaftalen. Aftalen kan ikke godkendes i sin nuværende form, fordi den ikke opfylder de krav, "
            "der er nævnt nedenfor."
        ),
        Heading("Krav, der ikke er opfyldt"),
        Paragraph(
            "Når Sundhedsstyrelsen ikke kan godkende en aftale, skal styrelsen oplyse parterne om, hvori "
            "manglerne består (§ 21, stk. 4, og vejledningens afsnit 5.4). Aftalen har følgende mangler:"
        ),
        BulletList(tuple(_cited(text, citation) for text, citation in letter.deficiencies)),
        Heading("Frist for indsendelse af en revideret aftale"),
        Paragraph(
            f"En revideret sundhedsaftale, hvor manglerne er afhjulpet, skal være sendt til Sundhedsstyrelsen "
            f"senest den {deadline} (§ 21, stk. 4)."
        ),
        Heading("Det videre forløb"),
        BulletList(
            (
                "Sundhedssamarbejdsudvalget udarbejder et revideret udkast efter § 19 og hører "
                "patientinddragelsesudvalget på ny (§ 29, stk. 2).",
                "Regionsrådet og samtlige kommunalbestyrelser i regionen godkender den reviderede aftale.",
                f"Regionsrådet sender den godkendte, reviderede aftale til Sundhedsstyrelsen senest den {deadline}.",
                "Sundhedsstyrelsen vurderer den reviderede aftale efter de samme krav og træffer afgørelse inden "
                "for otte uger efter modtagelsen (§ 21, stk. 2).",
            )
        ),
        Paragraph(
            "Sundhedsstyrelsen drøfter gerne med sundhedssamarbejdsudvalget, hvordan manglerne bedst kan "
            "afhjælpes."
        ),
    ]
    assessment = _assessment(letter)
    if assessment:
        blocks += [Heading("Sundhedsstyrelsens vurdering i øvrigt"), *_demote(assessment)]
    blocks += _advice(letter)
    return blocks


# ---------------------------------------------------------------------------------------------------------------
# Shared parts


def _framework(heading: str) -> list[Block]:
    return [
        Heading(heading),
        Paragraph(
            "En sundhedsaftale skal sikre, at borgere, hvis forløb går på tværs af sygehuse, kommuner og almen "
            "praksis, møder et sammenhængende og koordineret sundhedsvæsen med samme høje kvalitet, uanset hvor "
            "i regionen de bor."
        ),
        Paragraph(
            f"Sundhedsstyrelsen vurderer aftalen efter § 21, stk. 3, i {ORDER}. Aftalen kan godkendes, når den "
            f"følger anvisningerne i {GUIDANCE} og styrelsens øvrige sundhedsfaglige anbefalinger."
        ),
        Paragraph(
            "Efter vejledningens afsnit 5.2 ser Sundhedsstyrelsen især på to forhold: om aftalen opstiller "
            "overordnede målsætninger, der hænger sammen med de nationale mål for sundhedsvæsenet, og om det er "
            "dokumenteret, at målgrupper og indsatser er valgt ud fra det fælles grundlag, som vejledningens "
            "kapitel 3 beskriver."
        ),
    ]


def _received_sentence(case: RegionCase, agreement: HealthAgreement, received_on: dt.date) -> str:
    version = f" (version {agreement.version_number})" if agreement.version_number else ""
    count = len(case.municipalities)
    municipalities = "regionens kommune" if count == 1 else f"regionens {count} kommuner"
    return (
        f"Sundhedsstyrelsen modtog den {danish_date(received_on)} {agreement.title}{version} til vurdering. "
        f"Aftalen er indgået mellem regionsrådet i {case.region.name} og kommunalbestyrelserne i {municipalities}."
    )


def _assessment(letter: LetterInput) -> list[Block]:
    blocks: list[Block] = []
    sections = (
        ("Generelt", letter.general_assessment),
        ("Sammenhæng til de nationale mål", letter.national_goals_assessment),
        ("Afsæt i grundlaget for målgrupper og indsatser", letter.basis_assessment),
    )
    for heading, text in sections:
        if text.strip():
            blocks += [Heading(heading), *(Paragraph(p) for p in _paragraphs(text))]
    remarks = [r for r in letter.other_remarks if r.strip()]
    if remarks:
        blocks += [Heading("Øvrigt"), *(Paragraph(r) for r in remarks)]
    return blocks


def _advice(letter: LetterInput) -> list[Block]:
    if not letter.advice:
        return []
    return [
        Heading("Rådgivning"),
        Paragraph(
            "Rådene nedenfor er rettet til aftaleparterne – regionsrådet og kommunalbestyrelserne – og til "
            "sundhedssamarbejdsudvalget og sundhedsklyngerne, som har ansvaret for at føre aftalen ud i livet "
            "og følge op på den."
        ),
        BulletList(tuple(_cited(text, citation) for text, citation in letter.advice)),
    ]


def _follow_up(letter: LetterInput) -> list[Block]:
    """The duties after approval, with the dates the legal calendar computed (§ 22; vejl. 3.6, 5.5, kapitel 6)."""
    effective = (
        f"Ifølge aftalen træder den i kraft den {danish_date(letter.effective_date)}."
        if letter.effective_date
        else "Aftalen skal selv angive, hvornår den træder i kraft."
    )
    term = (
        f" Aftalens periode udløber den {danish_date(letter.expires_on)}, men aftalen gælder, indtil en ny "
        "sundhedsaftale er trådt i kraft."
        if letter.expires_on
        else " Aftalen gælder, indtil en ny sundhedsaftale er trådt i kraft."
    )
    yearly = (
        f" Næste årlige gennemgang skal ske senest den {danish_date(letter.next_yearly_review_due)}."
        if letter.next_yearly_review_due
        else ""
    )
    midterm = (
        f"senest den {danish_date(letter.midterm_status_due)}"
        if letter.midterm_status_due
        else "senest to år efter indsendelsen"
    )
    final = (
        f"senest den {danish_date(letter.final_status_due)}"
        if letter.final_status_due
        else "senest et halvt år før aftalen udløber"
    )
    dates = tuple(
        (label, danish_date(day))
        for label, day in (
            ("Ikrafttræden", letter.effective_date),
            ("Aftaleperiodens udløb", letter.expires_on),
            ("Næste årlige gennemgang senest", letter.next_yearly_review_due),
            ("Midtvejsstatus til Sundhedsstyrelsen senest", letter.midterm_status_due),
            ("Slutstatus til Sundhedsstyrelsen senest", letter.final_status_due),
        )
        if day is not None
    )
    blocks: list[Block] = [
        Heading("Implementering og opfølgning"),
        Paragraph(
            "Sundhedsaftalen er indgået, når regionsrådet og alle kommunalbestyrelser i regionen har godkendt "
            "den, og den er sendt til Sundhedsstyrelsen. Ikrafttrædelsen afhænger ikke af Sundhedsstyrelsens "
            f"godkendelse (vejledningens afsnit 3.6). {effective}{term}"
        ),
        Paragraph(
            "Sundhedssamarbejdsudvalget har i dialog med sundhedsklyngerne ansvaret for, at aftalen bliver "
            "gennemført og fulgt op. Mindst én gang om året gennemgår udvalget aftalen og vurderer, om dens "
            "indhold skal revideres; en revideret aftale sendes til Sundhedsstyrelsen til godkendelse "
            f"(§ 22, stk. 1).{yearly}"
        ),
        Paragraph(
            "Udvalget udarbejder en midtvejsstatus, som sendes til Sundhedsstyrelsen til orientering "
            f"{midterm}, og en slutstatus over aftalens resultater, som sendes til orientering {final} "
            "(§ 22, stk. 1, og vejledningens kapitel 6)."
        ),
        Paragraph(
            "Regionsrådet og alle kommunalbestyrelser i regionen lægger den indgåede aftale og senere versioner "
            "af den på deres hjemmesider, og det samme gælder midtvejsstatus og slutstatus. Sundhedsstyrelsen "
            "offentliggør den godkendte aftale og dette brev på styrelsens hjemmeside, hvor også midtvejsstatus "
            "og slutstatus bliver lagt, når udvalget har sendt dem (vejledningens afsnit 5.5)."
        ),
        Paragraph(
            "Regionsrådet og kommunalbestyrelserne sørger for, at deres egne organisationer og de leverandører, "
            "de samarbejder med, kender aftalen og handler efter den."
        ),
    ]
    if dates:
        blocks.append(KeyValues(dates))
    return blocks


def _contact(letter: LetterInput) -> list[Block]:
    contact = letter.contact
    where = f"{contact.unit}, {letter.sender}" if contact.unit else letter.sender
    details = [
        f"e-mail {contact.email}" if contact.email else "",
        f"telefon {contact.phone}" if contact.phone else "",
    ]
    reached = ", ".join(d for d in details if d)
    reference = f" og oplys journalnummer {letter.reference}" if letter.reference else ""
    return [
        Heading("Kontakt"),
        Paragraph(
            f"Har I spørgsmål til brevet, er I velkomne til at kontakte {contact.role} i {where}"
            f"{f' ({reached})' if reached else ''}{reference}."
        ),
    ]


def _signature(letter: LetterInput) -> Signature:
    return Signature(
        closing="Med venlig hilsen",
        name=letter.signer_name,
        title=letter.signer_title,
        unit=letter.contact.unit or letter.sender,
    )


def _cited(text: str, citation: str) -> str:
    """``text (jf. citation)``; a closing full stop moves after the citation, where Danish puts it."""
    text, citation = text.strip(), citation.strip()
    if not citation:
        return text
    if text.endswith("."):
        return f"{text[:-1]} (jf. {citation})."
    return f"{text} (jf. {citation})"


def _paragraphs(text: str) -> list[str]:
    """A multi-paragraph assessment: blank lines separate paragraphs."""
    return [" ".join(p.split()) for p in text.split("\n\n") if p.strip()]


def _demote(blocks: list[Block]) -> list[Block]:
    return [Heading(b.text, min(b.level + 1, 3)) if isinstance(b, Heading) else b for b in blocks]


# Danish alphabetical order puts æ, ø, å after z (and in that order); Unicode puts å before æ.
_DANISH_ORDER = str.maketrans({"æ": "{", "ø": "|", "å": "}", "Æ": "{", "Ø": "|", "Å": "}"})


def _danish_sort_key(text: str) -> str:
    return text.lower().translate(_DANISH_ORDER)
