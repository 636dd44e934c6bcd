"""The wording of Sundhedsstyrelsen's letters: the three letters and the parts they share.

The platform's own sentences, modelled on the structure of the authority's real letters. Nothing here computes
a date or decides what a letter may say: :mod:`.letters` validates the input, and the wiring fills it from the
legal calendar, the law corpus and the assessment.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from sundhedsaftale.core.case import HealthAgreement, RegionCase
from sundhedsaftale.core.periods import danish_date

from ._model import Block, BulletList, Heading, KeyValues, Paragraph, Signature

if TYPE_CHECKING:  # letters.py imports this module; the types are only needed for checking
    from .letters import LetterInput

__all__ = [
    "ORDER",
    "approval",
    "contact",
    "letterhead_details",
    "objection",
    "receipt",
    "signature",
]

ORDER = "bekendtgørelse nr. 1248 af 5. september 2022"
# Used only when the input names no guidance (a letter built by hand); the wiring always names one.
_ANY_GUIDANCE = (
    "Sundhedsstyrelsens vejledning om sundhedsklynger, sundhedssamarbejdsudvalg og sundhedsaftaler"
)


# ---------------------------------------------------------------------------------------------------------------
# The three letters


def receipt(case: RegionCase, agreement: HealthAgreement, letter: LetterInput) -> list[Block]:
    assert letter.received_on is not None
    assert letter.review_deadline is not None
    blocks: list[Block] = [
        Heading("Sundhedsaftalen er modtaget"),
        Paragraph(_received_sentence(case, agreement, letter)),
    ]
    if not letter.submitted_version(agreement):
        blocks.append(
            Paragraph(
                "Efter vejledningens afsnit 5.1 skal aftalens parter, valgperiode, versionsnummer og "
                "ikrafttrædelsesdato fremgå af aftalen."
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


def approval(case: RegionCase, agreement: HealthAgreement, letter: LetterInput) -> list[Block]:
    assert letter.decided_on is not None
    # The decision comes first, on page 1, right after the addressees and the title.
    blocks: list[Block] = [
        Heading("Afgørelse"),
        Paragraph(_received_sentence(case, agreement, letter)),
        Paragraph(
            f"Sundhedsstyrelsen har den {danish_date(letter.decided_on)} besluttet at godkende "
            "sundhedsaftalen. Sundhedsaftalen er hermed godkendt."
        ),
        Paragraph(
            "Afgørelsen bygger på, at aftalen lever op til formålet med og kravene i bekendtgørelsen og "
            "vejledningen. Sundhedsstyrelsen har ikke efterprøvet, om de enkelte samarbejdsaftaler og "
            "indsatser er i overensstemmelse med anden lovgivning; det er parternes ansvar, og styrelsen går ud "
            "fra, at det er på plads, når aftalen indgås."
        ),
        *_guidance_switch(letter),
        *_framework("Rammerne for godkendelse", letter),
        *_assessment(letter),
    ]
    blocks += _advice(letter)
    blocks += _follow_up(letter)
    return blocks


def objection(case: RegionCase, agreement: HealthAgreement, letter: LetterInput) -> list[Block]:
    assert letter.decided_on is not None
    assert letter.remedy_deadline is not None
    deadline = danish_date(letter.remedy_deadline)
    blocks: list[Block] = [
        Heading("Afgørelse"),
        Paragraph(_received_sentence(case, agreement, letter)),
        Paragraph(
            f"Sundhedsstyrelsen har den {danish_date(letter.decided_on)} besluttet at gøre indsigelse mod "
            "sundhedsaftalen. Aftalen er derfor ikke godkendt: den kan ikke godkendes i sin nuværende form, "
            "fordi den ikke opfylder de krav, der er nævnt nedenfor. En revideret aftale, hvor manglerne er "
            f"afhjulpet, skal være sendt til Sundhedsstyrelsen senest den {deadline}."
        ),
        *_guidance_switch(letter),
        Heading("Krav, der ikke er opfyldt"),
        Paragraph(
            "Når Sundhedsstyrelsen ikke kan godkende en aftale, skal styrelsen oplyse parterne om, hvori "
            "manglerne består (§ 21, stk. 4, og vejledningens afsnit 5.4). Aftalen har følgende mangler:"
        ),
        BulletList(tuple(_cited(text, citation) for text, citation in letter.deficiencies)),
        *_framework("Rammerne for vurderingen", letter),
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


def _received_sentence(case: RegionCase, agreement: HealthAgreement, letter: LetterInput) -> str:
    assert letter.received_on is not None
    version = letter.submitted_version(agreement)
    label = f" (version {version})" if version else ""
    # An empty label would read as a mistake; say plainly that the region gave none.
    unnumbered = "" if version else " Aftalen blev indsendt uden et versionsnummer."
    count = len(case.municipalities)
    municipalities = "regionens kommune" if count == 1 else f"regionens {count} kommuner"
    return (
        f"Sundhedsstyrelsen modtog den {danish_date(letter.received_on)} {agreement.title}{label} til "
        f"vurdering.{unnumbered} Aftalen er indgået mellem regionsrådet i {case.region.name} og "
        f"kommunalbestyrelserne i {municipalities}."
    )


def _guidance_switch(letter: LetterInput) -> list[Block]:
    """When the guidance changed between receipt and decision: which applied when, and which the assessment
    follows (the agreements 2024–2027 were received under vejl. nr. 9504/2018 and decided under nr. 9008/2024)."""
    new, old = letter.guidance, letter.guidance_at_receipt
    if new is None or old is None or new.id == old.id or new.issued <= old.issued:
        return []
    in_force = f", som gælder fra den {danish_date(new.in_force_from)}" if new.in_force_from else ""
    sentences = [
        f"Da Sundhedsstyrelsen modtog aftalen, gjaldt {old.name}. Den {danish_date(new.issued)} udstedte "
        f"Sundhedsstyrelsen en revideret vejledning, {new.name}{in_force}."
    ]
    if new.approval_requirements_unchanged:
        sentences.append(
            "Den reviderede vejledning ændrede ikke de formelle krav til Sundhedsstyrelsens godkendelse af en "
            "sundhedsaftale."
        )
    sentences.append("Sundhedsstyrelsens vurdering i dette brev følger den reviderede vejledning.")
    return [Paragraph(" ".join(sentences))]


def _framework(heading: str, letter: LetterInput) -> list[Block]:
    guidance = letter.guidance.name if letter.guidance else _ANY_GUIDANCE
    return [
        Heading(heading),
        Paragraph(
            "En sundhedsaftale skal sikre, at borgere, hvis forløb går på tværs af sygehuse, kommuner og almen "
            "praksis, møder et sammenhængende og koordineret sundhedsvæsen med samme høje kvalitet, uanset hvor "
            "i regionen de bor."
        ),
        Paragraph(
            f"Sundhedsstyrelsen vurderer aftalen efter § 21, stk. 3, i {ORDER}. Aftalen kan godkendes, når den "
            f"følger anvisningerne i {guidance} og styrelsens øvrige sundhedsfaglige anbefalinger."
        ),
        Paragraph(
            "Efter vejledningens afsnit 5.2 ser Sundhedsstyrelsen især på to forhold: om aftalen opstiller "
            "overordnede målsætninger, der hænger sammen med de nationale mål for sundhedsvæsenet, og om det er "
            "dokumenteret, at målgrupper og indsatser er valgt ud fra det fælles grundlag, som vejledningens "
            "kapitel 3 beskriver."
        ),
    ]


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


def _on(day: dt.date | None) -> str:
    return f", dvs. senest den {danish_date(day)}" if day else ""


def _follow_up(letter: LetterInput) -> list[Block]:
    """The duties after approval, with the dates the legal calendar computed (§ 22; vejl. 3.6, 5.5, kapitel 6).

    The midterm and final status are worded as the authority words them (kapitel 6): prepared midway and sent
    for orientation two years into the period, and sent half a year before the agreement expires. § 22's own
    date for the midterm status (two years after submission) is added when it falls on another day.
    """
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
    guidance_midterm, binding_midterm = letter.midterm_status_guidance_due, letter.midterm_status_due
    binding_differs = binding_midterm is not None and binding_midterm != guidance_midterm
    binding = (
        " Efter bekendtgørelsens § 22 skal midtvejsstatus være udarbejdet senest to år efter, at aftalen blev "
        f"indsendt{_on(binding_midterm)}."
        if binding_differs
        else ""
    )
    dates = tuple(
        (label, danish_date(day))
        for label, day in (
            ("Ikrafttræden", letter.effective_date),
            ("Aftaleperiodens udløb", letter.expires_on),
            ("Næste årlige gennemgang senest", letter.next_yearly_review_due),
            ("Midtvejsstatus til Sundhedsstyrelsen senest", guidance_midterm),
            ("Midtvejsstatus udarbejdet senest (§ 22)", binding_midterm if binding_differs else None),
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
            "Udvalget har ansvaret for, at der midt i aftaleperioden bliver udarbejdet en midtvejsstatus, som "
            "sendes til Sundhedsstyrelsen til orientering senest to år inde i aftaleperioden"
            f"{_on(guidance_midterm)}.{binding} Ved periodens afslutning gør udvalget status over aftalens "
            "resultater i en slutstatus, som sendes til Sundhedsstyrelsen til orientering senest et halvt år, "
            f"før aftalen udløber{_on(letter.final_status_due)} (§ 22, stk. 1, og vejledningens kapitel 6)."
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


def letterhead_details(letter: LetterInput) -> tuple[tuple[str, str], ...]:
    """The case officer and how to reach them, printed under the date and the journal number."""
    contact = letter.contact
    pairs = (("Sagsbehandler", contact.name), ("E-mail", contact.email), ("Telefon", contact.phone))
    return tuple((label, value) for label, value in pairs if value)


def contact(letter: LetterInput) -> list[Block]:
    person = letter.contact
    who = f"sagsbehandler {person.name}" if person.name else person.role
    where = f"{person.unit}, {letter.sender}" if person.unit else letter.sender
    details = [
        f"e-mail {person.email}" if person.email else "",
        f"telefon {person.phone}" if person.phone else "",
    ]
    reached = ", ".join(d for d in details if d)
    reference = f" og oplys journalnummer {letter.reference}" if letter.reference else ""
    return [
        Heading("Kontakt"),
        Paragraph(
            f"Har I spørgsmål til brevet, er I velkomne til at kontakte {who} i {where}"
            f"{f' ({reached})' if reached else ''}{reference}."
        ),
    ]


def signature(letter: LetterInput) -> Signature:
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
