"""The letters as the authority's real ones: the decision on page 1, the addressees as one compact block in Danish
order, the guidance-switch paragraph, a named case officer, the submitted version label, the midterm and final
status in the authority's words, and a tagged PDF/A-2b read back."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from pypdf.generic import BooleanObject, DictionaryObject

from sundhedsaftale.core import Platform
from sundhedsaftale.core.case import (
    AgreementSubmission,
    MunicipalityInfo,
    RegionCase,
    RegionInfo,
    load_case_file,
)
from sundhedsaftale.core.collation import danish_sort_key
from sundhedsaftale.demo import DEMO_REGION_CODE, build_national_demo
from sundhedsaftale.documents import (
    BulletList,
    GuidanceRef,
    Heading,
    LetterContact,
    LetterKind,
    addressee_lines,
    letter_document,
    render_pdf,
)
from sundhedsaftale.documents.wiring import guidance_in_force, letter_input_for

from .document_builders import agreement, sjaelland_case
from .test_documents import APPROVAL, OBJECTION

AT = dt.date(2024, 2, 8)
SWITCH = "udstedte Sundhedsstyrelsen en revideret vejledning"


def _flat(text: str) -> str:
    return " ".join(text.split())


def _page_texts(pdf: bytes) -> list[str]:
    return [_flat(page.extract_text()) for page in PdfReader(io.BytesIO(pdf)).pages]


def _region_case(platform: Platform, region_code: str) -> RegionCase:
    region = platform.reference.regions[region_code]
    municipalities = tuple(
        MunicipalityInfo(code=m.code, name=m.name)
        for m in platform.reference.municipalities.values()
        if m.region_code == region_code
    )
    return RegionCase(
        region=RegionInfo(code=region.code, name=region.name), municipalities=municipalities, clusters=()
    )


# ---------------------------------------------------------------------------------------------------------------
# Danish alphabetical order


@pytest.mark.parametrize(
    ("names", "expected"),
    [
        (
            ["Aalborg", "Ærø", "Aabenraa", "Odense", "Zealand"],
            ["Odense", "Zealand", "Ærø", "Aabenraa", "Aalborg"],
        ),
        (["Åby", "Øster", "Ærø", "Zoo"], ["Zoo", "Ærø", "Øster", "Åby"]),
        (["Faaborg-Midtfyn", "Faxe", "Fanø"], ["Fanø", "Faxe", "Faaborg-Midtfyn"]),
        (["københavn", "Køge", "Kalundborg"], ["Kalundborg", "københavn", "Køge"]),
    ],
)
def test_danish_sort_key_puts_ae_oe_aa_after_z(names: list[str], expected: list[str]) -> None:
    assert sorted(names, key=danish_sort_key) == expected


def test_aalborg_is_the_last_council_addressed_in_nordjylland(platform: Platform) -> None:
    block = addressee_lines(_region_case(platform, "1081"))
    assert block[0] == "Sundhedssamarbejdsudvalget og Regionsrådet i Region Nordjylland"
    assert block[1].startswith("Kommunalbestyrelserne i Brønderslev Kommune, Frederikshavn Kommune, ")
    assert block[1].endswith("Thisted Kommune, Vesthimmerlands Kommune og Aalborg Kommune")
    assert len(block) == 2


def test_aeroe_then_aabenraa_last_in_syddanmark(platform: Platform) -> None:
    councils = addressee_lines(_region_case(platform, "1083"))[1]
    assert councils.endswith("Vejle Kommune, Ærø Kommune og Aabenraa Kommune")
    assert councils.index("Esbjerg Kommune") < councils.index("Faaborg-Midtfyn Kommune")
    assert councils.index("Fanø Kommune") < councils.index("Faaborg-Midtfyn Kommune")


# ---------------------------------------------------------------------------------------------------------------
# The decision on page 1


def test_decision_is_on_page_one_before_the_framework() -> None:
    case = sjaelland_case()
    for letter, decision in (
        (APPROVAL, "Sundhedsaftalen er hermed godkendt."),
        (OBJECTION, "Aftalen er derfor ikke godkendt"),
    ):
        first = _page_texts(render_pdf(letter_document(case, case.agreements[0], letter)))[0]
        assert first.startswith("Til Sundhedssamarbejdsudvalget og Regionsrådet i Region Sjælland")
        assert "modtog den 21. december 2023 Sundhedsaftale 2024–2027 (version 1.0)" in first
        assert decision in first
        assert first.index(decision) < first.index("Rammerne for")


@pytest.fixture(scope="module")
def demo_approval(platform: Platform) -> tuple[Any, bytes]:
    """The Sjælland demo's agreement 2024–2027, approved in a letter written through the wiring."""
    case = next(c for c in build_national_demo(platform.reference) if c.region.code == DEMO_REGION_CODE)
    current = next(a for a in case.agreements if a.id.endswith("2024-2027"))
    letter = letter_input_for(platform, case, current.id, LetterKind.APPROVAL, dt.date(2024, 2, 1))
    doc = letter_document(case, current, letter)
    return doc, render_pdf(doc)


def test_demo_first_block_fits_on_page_one(demo_approval: tuple[Any, bytes]) -> None:
    doc, pdf = demo_approval
    pages = _page_texts(pdf)
    first = pages[0]
    # Everything up to the framework – addressees, letterhead, title, receipt, decision – is on page 1.
    before_framework = []
    for block in doc.blocks:
        if isinstance(block, Heading) and block.text.startswith("Rammerne"):
            break
        before_framework.append(block)
    assert doc.addressees[-1].split()[-1] in first  # the last municipality of the inline list
    assert doc.title in first
    for block in before_framework:
        assert _flat(block.text) in first, block.text  # type: ignore[union-attr]
    assert "Sundhedsaftalen er hermed godkendt." in first
    assert all("Sundhedsaftalen er hermed godkendt." not in page for page in pages[1:])
    assert len(pages) >= 2


# ---------------------------------------------------------------------------------------------------------------
# The guidance-switch paragraph


def test_guidance_in_force_comes_from_the_law_corpus(platform: Platform) -> None:
    old = guidance_in_force(platform.corpus, dt.date(2023, 12, 21))
    new = guidance_in_force(platform.corpus, dt.date(2024, 1, 12))
    assert old is not None
    assert new is not None
    assert old.id == "vej-9504-2018"
    assert old.name == "vejledning nr. 9504 af 4. juni 2018 om sundhedskoordinationsudvalg og sundhedsaftaler"
    assert new.id == "vej-9008-2024"
    assert new.issued == dt.date(2024, 1, 11)
    assert new.in_force_from == dt.date(2024, 1, 12)
    assert new.approval_requirements_unchanged is True
    assert guidance_in_force(platform.corpus, dt.date(2024, 1, 11)) == old


def test_letter_straddling_the_new_guidance_says_requirements_did_not_change(platform: Platform) -> None:
    case = sjaelland_case()  # received 21 December 2023, under vejledning nr. 9504/2018
    letter = letter_input_for(platform, case, "sa-2024", LetterKind.APPROVAL, AT)
    text = _flat(letter_document(case, case.agreements[0], letter).text())
    assert (
        "Da Sundhedsstyrelsen modtog aftalen, gjaldt vejledning nr. 9504 af 4. juni 2018 om "
        "sundhedskoordinationsudvalg og sundhedsaftaler. Den 11. januar 2024 udstedte Sundhedsstyrelsen en "
        "revideret vejledning, vejledning nr. 9008 af 11. januar 2024 om sundhedsklynger, "
        "sundhedssamarbejdsudvalg og sundhedsaftaler, som gælder fra den 12. januar 2024."
    ) in text
    assert "ændrede ikke de formelle krav til Sundhedsstyrelsens godkendelse" in text
    assert "vurdering i dette brev følger den reviderede vejledning" in text
    # The switch is part of the decision, before the framework.
    assert text.index(SWITCH) < text.index("Rammerne for godkendelse")


def test_no_switch_paragraph_when_receipt_and_decision_share_a_guidance(platform: Platform) -> None:
    received = dt.date(2024, 1, 15)
    later = agreement().model_copy(
        update={"submissions": (AgreementSubmission(submitted_on=received, received_on=received),)}
    )
    case = sjaelland_case(later)
    letter = letter_input_for(platform, case, "sa-2024", LetterKind.APPROVAL, AT)
    assert letter.guidance == letter.guidance_at_receipt
    text = _flat(letter_document(case, case.agreements[0], letter).text())
    assert SWITCH not in text
    assert "revideret vejledning" not in text
    assert "vejledning nr. 9008 af 11. januar 2024 om sundhedsklynger" in text  # the framework names it


def test_switch_without_known_requirements_says_nothing_about_them() -> None:
    case = sjaelland_case()
    old = GuidanceRef(id="vej-1", name="vejledning nr. 1 af 1. januar 2020", issued=dt.date(2020, 1, 1))
    new = GuidanceRef(id="vej-2", name="vejledning nr. 2 af 1. januar 2024", issued=dt.date(2024, 1, 1))
    letter = dataclasses.replace(APPROVAL, guidance=new, guidance_at_receipt=old)
    text = _flat(letter_document(case, case.agreements[0], letter).text())
    assert "Den 1. januar 2024 udstedte Sundhedsstyrelsen en revideret vejledning" in text
    assert "formelle krav" not in text


def test_real_sjaelland_approval_opens_like_the_authoritys_letter(platform: Platform) -> None:
    """The real case (examples/sjaelland-2024-2027-godkendelse.json): received without a version number under
    the 2018 guidance, approved under the 2024 one. Page 1 says so, before the framework."""
    case = load_case_file(
        Path(__file__).resolve().parents[2] / "examples" / "sjaelland-2024-2027-godkendelse.json"
    )
    agreement = case.agreements[0]
    letter = letter_input_for(platform, case, agreement.id, LetterKind.APPROVAL, AT)
    first = _page_texts(render_pdf(letter_document(case, agreement, letter)))[0]
    assert (
        "modtog den 21. december 2023 Sundhedsaftale 2024–2027 til vurdering. Aftalen blev indsendt uden et versionsnummer."
        in first
    )
    assert "Sundhedsaftalen er hermed godkendt." in first
    assert "Den 11. januar 2024 udstedte Sundhedsstyrelsen en revideret vejledning" in first
    assert "ændrede ikke de formelle krav" in first
    assert first.index("hermed godkendt") < first.index("Rammerne for godkendelse")


# ---------------------------------------------------------------------------------------------------------------
# Case officer, version label, follow-up


def test_named_case_officer_in_letterhead_and_contact_line() -> None:
    case = sjaelland_case()
    contact = LetterContact(
        name="Test Testesen", unit="Enhed for test", email="t@example.org", phone="11 22 33 44"
    )
    doc = letter_document(case, case.agreements[0], dataclasses.replace(APPROVAL, contact=contact))
    assert doc.details == (
        ("Sagsbehandler", "Test Testesen"),
        ("E-mail", "t@example.org"),
        ("Telefon", "11 22 33 44"),
    )
    text = _flat(doc.text())
    assert (
        "kontakte sagsbehandler Test Testesen i Enhed for test, Sundhedsstyrelsen (e-mail t@example.org, "
        "telefon 11 22 33 44) og oplys journalnummer 04-0101-12/1."
    ) in text
    assert "den ansvarlige sagsbehandler" not in text
    first = _page_texts(render_pdf(doc))[0]
    assert "Sagsbehandler: Test Testesen" in first


def test_unnamed_contact_keeps_the_role() -> None:
    case = sjaelland_case()
    doc = letter_document(case, case.agreements[0], dataclasses.replace(APPROVAL, contact=LetterContact()))
    assert doc.details == ()
    assert "kontakte den ansvarlige sagsbehandler i Sundhedsstyrelsen" in _flat(doc.text())


def test_version_label_is_the_submitted_one_or_said_to_be_missing(platform: Platform) -> None:
    relabelled = agreement().model_copy(
        update={
            "submissions": (
                AgreementSubmission(
                    submitted_on=dt.date(2023, 12, 20),
                    received_on=dt.date(2023, 12, 21),
                    version_number="2.1",
                ),
            )
        }
    )
    case = sjaelland_case(relabelled)
    letter = letter_input_for(platform, case, "sa-2024", LetterKind.RECEIPT, dt.date(2023, 12, 22))
    assert letter.version_label == "2.1"
    assert (
        "Sundhedsaftale 2024–2027 (version 2.1) til vurdering"
        in letter_document(case, relabelled, letter).text()
    )

    unnumbered = agreement(version="")
    case = sjaelland_case(unnumbered)
    letter = letter_input_for(platform, case, "sa-2024", LetterKind.RECEIPT, dt.date(2023, 12, 22))
    text = _flat(letter_document(case, unnumbered, letter).text())
    assert "Sundhedsaftale 2024–2027 til vurdering. Aftalen blev indsendt uden et versionsnummer." in text
    assert "(version" not in text
    assert "version )" not in text


def test_follow_up_uses_the_authoritys_wording_and_both_midterm_dates() -> None:
    case = sjaelland_case()
    letter = dataclasses.replace(
        APPROVAL, midterm_status_guidance_due=dt.date(2026, 1, 1), midterm_status_due=dt.date(2025, 12, 20)
    )
    doc = letter_document(case, case.agreements[0], letter)
    text = _flat(doc.text())
    assert (
        "midtvejsstatus, som sendes til Sundhedsstyrelsen til orientering senest to år inde i aftaleperioden, "
        "dvs. senest den 1. januar 2026."
    ) in text
    assert (
        "§ 22 skal midtvejsstatus være udarbejdet senest to år efter, at aftalen blev indsendt, dvs. senest den 20. december 2025."
        in text
    )
    assert (
        "slutstatus, som sendes til Sundhedsstyrelsen til orientering senest et halvt år, før aftalen udløber, "
        "dvs. senest den 30. juni 2027"
    ) in text
    same = letter_document(
        case, case.agreements[0], dataclasses.replace(letter, midterm_status_due=dt.date(2026, 1, 1))
    )
    assert "§ 22 skal midtvejsstatus" not in _flat(same.text())


def test_wired_follow_up_states_the_guidance_midterm_date_and_the_binding_one(platform: Platform) -> None:
    case = sjaelland_case()  # submitted 20 December 2023, in force from 1 January 2024
    letter = letter_input_for(platform, case, "sa-2024", LetterKind.APPROVAL, AT)
    assert letter.midterm_status_guidance_due == dt.date(2025, 12, 31)  # two years into the period
    assert letter.midterm_status_due == dt.date(2025, 12, 20)  # § 22: two years after submission
    text = _flat(letter_document(case, case.agreements[0], letter).text())
    assert "til orientering senest to år inde i aftaleperioden, dvs. senest den 31. december 2025." in text
    assert "blev indsendt, dvs. senest den 20. december 2025." in text


# ---------------------------------------------------------------------------------------------------------------
# Tagged PDF/A-2b


def _struct_types(node: Any) -> Iterator[str]:
    """The structure element types in document order (depth first), as a screen reader meets them."""
    node = node.get_object()
    if isinstance(node, DictionaryObject) and "/S" in node:
        yield str(node["/S"])
    kids = node.get("/K") if isinstance(node, DictionaryObject) else None
    if kids is None:
        return
    for kid in kids if isinstance(kids, list) else [kids]:
        kid = kid.get_object() if hasattr(kid, "get_object") else kid
        if isinstance(kid, DictionaryObject) and kid.get("/Type") == "/StructElem":
            yield from _struct_types(kid)


@pytest.fixture(scope="module")
def tagged_approval() -> tuple[Any, PdfReader]:
    case = sjaelland_case()
    doc = letter_document(case, case.agreements[0], APPROVAL)
    return doc, PdfReader(io.BytesIO(render_pdf(doc)))


def test_pdf_is_tagged_in_danish_with_headings_lists_and_tables(
    tagged_approval: tuple[Any, PdfReader],
) -> None:
    doc, reader = tagged_approval
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "da"
    assert root["/MarkInfo"]["/Marked"] == BooleanObject(True)
    assert root["/ViewerPreferences"]["/DisplayDocTitle"] == BooleanObject(True)
    tree = root["/StructTreeRoot"].get_object()
    assert tree["/Type"] == "/StructTreeRoot"
    assert "/ParentTree" in tree
    types = list(_struct_types(tree))
    assert types[0] == "/Document"
    headings = [t for t in types if t in ("/H1", "/H2", "/H3", "/H4")]
    # The title, then one heading per section of the document model, in the model's order and levels.
    expected = ["/H1", *(f"/H{b.level + 1}" for b in doc.blocks if isinstance(b, Heading))]
    assert headings == expected
    assert types.count("/L") == sum(isinstance(b, BulletList) for b in doc.blocks)
    assert types.count("/LI") == sum(len(b.items) for b in doc.blocks if isinstance(b, BulletList))
    assert "/Table" in types
    assert "/TH" in types
    # Reading order: the address block comes before the title.
    assert types.index("/Div") < types.index("/H1")


def test_tagged_pdf_is_still_pdf_a_2b(tagged_approval: tuple[Any, PdfReader]) -> None:
    _, reader = tagged_approval
    root = reader.trailer["/Root"]
    packet = root["/Metadata"].get_data()
    xmp = ET.fromstring(packet.split(b"?>", 1)[1].rsplit(b"<?xpacket", 1)[0])
    ns = "{http://www.aiim.org/pdfa/ns/id/}"
    ids = [d.attrib for d in xmp.iter("{http://www.w3.org/1999/02/22-rdf-syntax-ns#}Description")]
    assert any(a.get(f"{ns}part") == "2" and a.get(f"{ns}conformance") == "B" for a in ids)
    assert root["/OutputIntents"][0].get_object()["/S"] == "/GTS_PDFA1"
    assert reader.pdf_header == "%PDF-1.7"
