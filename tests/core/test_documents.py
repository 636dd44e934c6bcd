"""Documents: the agreement and the authority's letters, read back from real PDF/A-2b and DOCX files."""

from __future__ import annotations

import dataclasses
import datetime as dt
import glob
import io
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import docx
import pytest
from pypdf import PdfReader

from sundhedsaftale import documents
from sundhedsaftale.core.case import AgreementContent
from sundhedsaftale.core.errors import SundhedsaftaleError
from sundhedsaftale.documents import (
    NOT_DESCRIBED,
    Document,
    Heading,
    LetterContact,
    LetterError,
    LetterInput,
    LetterKind,
    Paragraph,
    Table,
    agreement_document,
    letter_document,
    render_docx,
    render_html,
    render_pdf,
)

from .document_builders import (
    DECIDED,
    MUNICIPALITY_TITLES,
    NATIONAL_GOAL_NAMES,
    RECEIVED,
    agreement,
    sjaelland_case,
)

ADVICE = "Beskriv delmål og succeskriterier for hver målsætning"
DEFICIENCY = "Målsætningerne viser ikke sammenhæng med de nationale mål for sundhedsvæsenet"
REMEDY = dt.date(2024, 4, 15)

APPROVAL = LetterInput(
    kind=LetterKind.APPROVAL,
    letter_date=dt.date(2024, 2, 9),
    reference="04-0101-12/1",
    received_on=RECEIVED,
    decided_on=DECIDED,
    general_assessment="Aftalen beskriver den samlede ramme for samarbejdet i regionen.",
    national_goals_assessment="Målsætningerne hænger tydeligt sammen med de nationale mål.",
    basis_assessment="Målgrupperne er valgt på grundlag af relevante data.",
    other_remarks=("Det er positivt, at klyngerne inddrages.",),
    advice=((ADVICE, "vejledningens afsnit 3.2"),),
    effective_date=dt.date(2024, 1, 1),
    expires_on=dt.date(2027, 12, 31),
    next_yearly_review_due=dt.date(2024, 12, 31),
    midterm_status_due=dt.date(2025, 12, 20),
    midterm_status_guidance_due=dt.date(2025, 12, 20),
    final_status_due=dt.date(2027, 6, 30),
    contact=LetterContact(unit="Enhed for tværsektorielt samarbejde", email="postkasse@example.org"),
)
OBJECTION = LetterInput(
    kind=LetterKind.OBJECTION,
    letter_date=dt.date(2024, 2, 9),
    reference="04-0101-12/2",
    received_on=RECEIVED,
    decided_on=DECIDED,
    deficiencies=((DEFICIENCY, "vejledningens afsnit 5.2"),),
    remedy_deadline=REMEDY,
    advice=((ADVICE, "vejledningens afsnit 3.2"),),
)
RECEIPT = LetterInput(
    kind=LetterKind.RECEIPT,
    letter_date=dt.date(2023, 12, 22),
    received_on=RECEIVED,
    review_deadline=dt.date(2024, 2, 15),
)


def _flat(text: str) -> str:
    return " ".join(text.split())


def _pdf_text(reader: PdfReader) -> str:
    return _flat("\n".join(page.extract_text() for page in reader.pages))


@pytest.fixture(scope="module")
def case() -> Any:
    return sjaelland_case()


@pytest.fixture(scope="module")
def approval_pdf(case: Any) -> PdfReader:
    return PdfReader(io.BytesIO(render_pdf(letter_document(case, case.agreements[0], APPROVAL))))


@pytest.fixture(scope="module")
def objection_pdf(case: Any) -> PdfReader:
    return PdfReader(io.BytesIO(render_pdf(letter_document(case, case.agreements[0], OBJECTION))))


@pytest.fixture(scope="module")
def agreement_pdf(case: Any) -> PdfReader:
    doc = agreement_document(case, case.agreements[0], national_goal_names=NATIONAL_GOAL_NAMES)
    return PdfReader(io.BytesIO(render_pdf(doc)))


@pytest.fixture(scope="module")
def approval_docx(case: Any) -> Any:
    return docx.Document(io.BytesIO(render_docx(letter_document(case, case.agreements[0], APPROVAL))))


@pytest.fixture(scope="module")
def agreement_docx(case: Any) -> Any:
    doc = agreement_document(case, case.agreements[0], national_goal_names=NATIONAL_GOAL_NAMES)
    return docx.Document(io.BytesIO(render_docx(doc)))


# ---------------------------------------------------------------------------------------------------------------
# The approval letter as PDF/A-2b


def test_approval_pdf_states_decision_dates_and_addressees(approval_pdf: PdfReader) -> None:
    text = _pdf_text(approval_pdf)
    assert "Sundhedsstyrelsen har den 8. februar 2024 besluttet at godkende sundhedsaftalen." in text
    assert "modtog den 21. december 2023 Sundhedsaftale 2024–2027 (version 1.0)" in text
    assert "Til Sundhedssamarbejdsudvalget og Regionsrådet i Region Sjælland" in text
    assert "Kommunalbestyrelserne i Faxe Kommune, Greve Kommune," in text
    for title in MUNICIPALITY_TITLES:
        assert title in text


def test_approval_pdf_has_assessment_advice_and_follow_up(approval_pdf: PdfReader) -> None:
    text = _pdf_text(approval_pdf)
    for heading in (
        "Rammerne for godkendelse",
        "Generelt",
        "Sammenhæng til de nationale mål",
        "Afsæt i grundlaget for målgrupper og indsatser",
        "Øvrigt",
        "Rådgivning",
        "Implementering og opfølgning",
    ):
        assert heading in text
    assert f"{ADVICE} (jf. vejledningens afsnit 3.2)" in text
    assert "Det er positivt, at klyngerne inddrages." in text
    assert "træder den i kraft den 1. januar 2024" in text
    assert "udløber den 31. december 2027" in text
    assert "senest den 20. december 2025" in text  # midterm status
    assert "senest den 30. juni 2027" in text  # final status
    assert "senest den 31. december 2024" in text  # yearly review
    assert "postkasse@example.org" in text
    assert "journalnummer 04-0101-12/1" in text
    assert "Side 1 af" in text


def test_approval_pdf_is_pdf_a_2b_with_metadata(approval_pdf: PdfReader) -> None:
    root = approval_pdf.trailer["/Root"]
    xmp = ET.fromstring(root["/Metadata"].get_data().split(b"?>", 1)[1].rsplit(b"<?xpacket", 1)[0])
    ns = "{http://www.aiim.org/pdfa/ns/id/}"
    ids = [d.attrib for d in xmp.iter("{http://www.w3.org/1999/02/22-rdf-syntax-ns#}Description")]
    assert any(a.get(f"{ns}part") == "2" and a.get(f"{ns}conformance") == "B" for a in ids)
    assert root["/OutputIntents"][0].get_object()["/S"] == "/GTS_PDFA1"
    assert root["/Lang"] == "da"
    assert approval_pdf.metadata is not None
    assert approval_pdf.metadata.title == "Godkendelse af Sundhedsaftale 2024–2027 for Region Sjælland"
    assert approval_pdf.metadata.author == "Sundhedsstyrelsen"


def test_approval_pdf_embeds_every_font(approval_pdf: PdfReader) -> None:
    fonts = 0
    for page in approval_pdf.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descendants = font.get("/DescendantFonts")
            target = descendants[0].get_object() if descendants else font
            descriptor = target["/FontDescriptor"].get_object()
            assert any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")), font["/BaseFont"]
            assert "DejaVu" in str(font["/BaseFont"])
            fonts += 1
    assert fonts


# ---------------------------------------------------------------------------------------------------------------
# The objection and the receipt


def test_objection_pdf_names_deficiencies_and_remedy_deadline(objection_pdf: PdfReader) -> None:
    text = _pdf_text(objection_pdf)
    assert "Indsigelse mod Sundhedsaftale 2024–2027 for Region Sjælland" in text
    assert (
        "Sundhedsstyrelsen har den 8. februar 2024 besluttet at gøre indsigelse mod sundhedsaftalen." in text
    )
    assert f"{DEFICIENCY} (jf. vejledningens afsnit 5.2)" in text
    assert "senest den 15. april 2024 (§ 21, stk. 4)" in text
    assert "Det videre forløb" in text
    assert ADVICE in text
    assert "Implementering og opfølgning" not in text
    for title in MUNICIPALITY_TITLES:
        assert title in text


def test_receipt_states_received_date_and_eight_week_deadline(case: Any) -> None:
    doc = letter_document(case, case.agreements[0], RECEIPT)
    assert doc.title == "Kvittering for modtagelse af Sundhedsaftale 2024–2027 for Region Sjælland"
    text = _flat(doc.text())
    assert "modtog den 21. december 2023 Sundhedsaftale 2024–2027 (version 1.0)" in text
    assert "otte uger" in text
    assert "afgørelse senest den 15. februar 2024" in text
    assert "afsnit 5.2" in text  # the authority may ask the committee for more information
    assert "Bilag 1: Datagrundlag" in text  # attachments named for review
    assert "versionsnummer" not in text.lower().replace("(version 1.0)", "")


def test_receipt_points_out_a_missing_version_number() -> None:
    case = sjaelland_case(agreement(version=""))
    text = _flat(letter_document(case, case.agreements[0], RECEIPT).text())
    assert "Aftalen blev indsendt uden et versionsnummer." in text
    assert "versionsnummer og ikrafttrædelsesdato fremgå af aftalen" in text


def test_addressees_as_one_compact_block_in_danish_alphabetical_order(case: Any) -> None:
    doc = letter_document(case, case.agreements[0], RECEIPT)
    assert doc.addressees[0] == "Sundhedssamarbejdsudvalget og Regionsrådet i Region Sjælland"
    assert len(doc.addressees) == 2
    councils = doc.addressees[1].removeprefix("Kommunalbestyrelserne i ")
    names = [t.removesuffix(" Kommune") for t in councils.replace(" og ", ", ").split(", ")]
    assert councils.endswith("Stevns Kommune og Vordingborg Kommune")
    assert names == [
        "Faxe", "Greve", "Guldborgsund", "Holbæk", "Kalundborg", "Køge", "Lejre", "Lolland", "Næstved",
        "Odsherred", "Ringsted", "Roskilde", "Slagelse", "Solrød", "Sorø", "Stevns", "Vordingborg",
    ]  # fmt: skip


# ---------------------------------------------------------------------------------------------------------------
# Incomplete input is refused


@pytest.mark.parametrize(
    ("letter", "field"),
    [
        (dataclasses.replace(RECEIPT, received_on=None), "received_on"),
        (dataclasses.replace(RECEIPT, review_deadline=None), "review_deadline"),
        (dataclasses.replace(APPROVAL, decided_on=None), "decided_on"),
        (dataclasses.replace(APPROVAL, national_goals_assessment=" "), "national_goals_assessment"),
        (dataclasses.replace(APPROVAL, basis_assessment=""), "basis_assessment"),
        (dataclasses.replace(APPROVAL, deficiencies=OBJECTION.deficiencies), "deficiencies"),
        (dataclasses.replace(OBJECTION, decided_on=None), "decided_on"),
        (dataclasses.replace(OBJECTION, deficiencies=()), "deficiencies"),
        (dataclasses.replace(OBJECTION, remedy_deadline=None), "remedy_deadline"),
        (dataclasses.replace(OBJECTION, remedy_deadline=DECIDED), "remedy_deadline"),
        (dataclasses.replace(OBJECTION, decided_on=RECEIVED - dt.timedelta(days=1)), "decided_on"),
    ],
)
def test_incomplete_letter_input_is_refused_naming_the_field(
    case: Any, letter: LetterInput, field: str
) -> None:
    with pytest.raises(LetterError, match=field) as caught:
        letter_document(case, case.agreements[0], letter)
    assert caught.value.field == field
    assert isinstance(caught.value, SundhedsaftaleError)


# ---------------------------------------------------------------------------------------------------------------
# DOCX


def test_approval_docx_has_headings_bullets_tables_and_properties(approval_docx: Any) -> None:
    headings = [p.text for p in approval_docx.paragraphs if p.style.name == "Heading 1"]
    assert headings[:2] == ["Afgørelse", "Rammerne for godkendelse"]
    assert "Rådgivning" in headings
    assert "Implementering og opfølgning" in headings
    title = [p.text for p in approval_docx.paragraphs if p.style.name == "Title"]
    assert title == ["Godkendelse af Sundhedsaftale 2024–2027 for Region Sjælland"]
    bullets = [p.text for p in approval_docx.paragraphs if p.style.name == "List Bullet"]
    assert f"{ADVICE} (jf. vejledningens afsnit 3.2)" in bullets
    text = "\n".join(p.text for p in approval_docx.paragraphs)
    assert "Sundhedsstyrelsen har den 8. februar 2024 besluttet at godkende sundhedsaftalen." in text
    assert "Stevns Kommune og Vordingborg Kommune" in text
    dates = {row.cells[0].text: row.cells[1].text for row in approval_docx.tables[-1].rows}
    assert dates["Midtvejsstatus til Sundhedsstyrelsen senest"] == "20. december 2025"
    properties = approval_docx.core_properties
    assert properties.title == "Godkendelse af Sundhedsaftale 2024–2027 for Region Sjælland"
    assert properties.author == "Sundhedsstyrelsen"
    assert properties.language == "da-DK"
    section = approval_docx.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)


# ---------------------------------------------------------------------------------------------------------------
# The agreement


def test_agreement_pdf_has_formal_data_goals_and_clusters(agreement_pdf: PdfReader) -> None:
    text = _pdf_text(agreement_pdf)
    assert "Sundhedsaftale 2024–2027 for Region Sjælland" in text
    assert "Valgperiode 2022–2025" in text
    assert "Versionsnummer 1.0" in text
    assert "Ikrafttrædelse 1. januar 2024" in text
    assert "Regionsrådet i Region Sjælland" in text
    assert "Kommunalbestyrelsen i Næstved Kommune" in text
    assert "Nationalt mål 2: Styrket indsats for kronikere og ældre patienter" in text
    assert "Forebyggelige indlæggelser pr. 1.000 ældre" in text
    assert (
        text.index("Sundhedsklynge Nord")
        < text.index("Hurtigere opfølgning")
        < text.index("Sundhedsklynge Syd")
    )
    assert "Under 60 i 2027" in text


def test_agreement_docx_tables_show_criteria_and_framework_elements(agreement_docx: Any) -> None:
    tables = {tuple(c.text for c in t.rows[0].cells): t for t in agreement_docx.tables}
    criteria = tables[("Succeskriterium", "Indikator", "Målværdi", "Datakilde")]
    assert [c.text for c in criteria.rows[1].cells] == [
        "Færre indlæggelser blandt ældre",
        "Forebyggelige indlæggelser pr. 1.000 ældre",
        "Under 60 i 2027",
        "Landspatientregistret",
    ]
    elements = tables[("Element i rammen (vejl. afsnit 4.1)", "Behandling", "Bemærkning")]
    rows = [[c.text for c in row.cells] for row in elements.rows[1:]]
    assert len(rows) == 8
    assert rows[0] == ["1. Opgaveløsning og opgavefordeling", "Adresseret", "Beskrevet i afsnit 1"]
    assert rows[7][:2] == ["8. Vilkår for ændret opgaveløsning og arbejdsdeling, herunder økonomi", "Mangler"]
    headings = [p.text for p in agreement_docx.paragraphs if p.style.name.startswith("Heading")]
    assert "Målsætning 1: Tryghed i eget hjem" in headings
    assert "Borgere med kronisk sygdom" in headings


def test_empty_agreement_sections_say_not_described() -> None:
    case = sjaelland_case(agreement(content=AgreementContent(), version=""))
    doc = agreement_document(case, case.agreements[0], national_goal_names=NATIONAL_GOAL_NAMES)
    headings = [b.text for b in doc.blocks if isinstance(b, Heading) and b.level == 1]
    assert headings == [
        "Aftalens formelle data",
        "Vision og værdier",
        "Fælles, forpligtende målsætninger",
        "Målgrupper og grundlaget for dem",
        "Almen praksis' rolle",
        "Sundhedsklyngernes egne mål",
        "Samarbejdsaftaler",
        "Forløbsprogrammer",
        "Nye modeller for samarbejde",
        "Bilag",
    ]
    after = {
        doc.blocks[i].text: doc.blocks[i + 1]  # type: ignore[union-attr]
        for i in range(len(doc.blocks) - 1)
        if isinstance(doc.blocks[i], Heading)
    }
    for heading in headings[2:]:
        assert after[heading] == Paragraph(NOT_DESCRIBED)
    assert "Versionsnummer\nIkke beskrevet" in doc.text()


# ---------------------------------------------------------------------------------------------------------------
# Model and HTML


def test_html_escapes_text_and_prints_on_a4() -> None:
    html = render_html(Document(title="<script>x</script>", blocks=(Paragraph("a & b"),)))
    assert "<script>x" not in html
    assert "&lt;script&gt;x&lt;/script&gt;" in html
    assert "a &amp; b" in html
    assert "size: A4" in html
    assert "counter(pages)" in html
    assert '"DejaVu Sans"' in html


def test_table_rows_must_match_the_header() -> None:
    with pytest.raises(ValueError, match="tabelrække 1"):
        Table(header=("a", "b"), rows=(("1",),))


def test_template_is_matched_by_package_data() -> None:
    package = Path(documents.__file__).parent
    # pyproject's package-data pattern "templates/**/*", relative to the package.
    shipped = {
        Path(p).relative_to(package) for p in glob.glob(str(package / "templates/**/*"), recursive=True)
    }
    assert Path("templates/document.html.j2") in shipped
