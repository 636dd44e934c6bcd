"""The DOCX renderer of a :class:`Document` (python-docx), apart from the HTML and PDF renderers so that writing
a PDF does not import python-docx (ADR 0031)."""

from __future__ import annotations

import io

from docx import Document as new_docx
from docx.document import Document as DocxDocument
from docx.enum.text import WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.table import Table as DocxTable

from sundhedsaftale.core.periods import danish_date

from ._model import BulletList, Document, Heading, KeyValues, Paragraph, Signature, Table
from ._render import _LANGUAGE_TAGS, REFERENCE_LABEL

__all__ = ["render_docx"]


def render_docx(doc: Document) -> bytes:
    """The document as DOCX with real headings, bullet lists, tables with a header row and core properties."""
    word = new_docx()
    _page_setup(word, doc)
    properties = word.core_properties
    properties.title = doc.title
    properties.subject = doc.subtitle
    properties.author = doc.sender
    properties.language = _LANGUAGE_TAGS.get(doc.lang, doc.lang)
    properties.comments = ""
    _letterhead(word, doc)
    word.add_heading(doc.title, level=0)
    if doc.subtitle:
        word.add_paragraph(doc.subtitle, style="Subtitle")
    for block in doc.blocks:
        if isinstance(block, Heading):
            word.add_heading(block.text, level=block.level)
        elif isinstance(block, Paragraph):
            word.add_paragraph(block.text)
        elif isinstance(block, BulletList):
            for item in block.items:
                word.add_paragraph(item, style="List Bullet")
        elif isinstance(block, Table):
            _table(word, block)
        elif isinstance(block, KeyValues):
            _key_values(word, block)
        elif isinstance(block, Signature):
            _signature(word, block)
    buffer = io.BytesIO()
    word.save(buffer)
    return buffer.getvalue()


def _page_setup(word: DocxDocument, doc: Document) -> None:
    # The default template is US Letter; Danish public documents are A4.
    for section in word.sections:
        section.page_width, section.page_height = Mm(210), Mm(297)
        section.left_margin, section.right_margin = Mm(25), Mm(22)
        section.top_margin, section.bottom_margin = Mm(25), Mm(25)
        footer = section.footer.paragraphs[0]
        footer.text = f"{doc.title} – side "
        _page_field(footer._p)
    # The language of the text, so Word checks spelling in Danish rather than the template's English.
    normal = word.styles["Normal"]
    r_pr = normal.element.get_or_add_rPr()
    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), _LANGUAGE_TAGS.get(doc.lang, doc.lang))
    r_pr.append(lang)
    normal.font.size = Pt(10.5)


def _page_field(paragraph: object) -> None:
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    paragraph.append(field)  # type: ignore[attr-defined]


def _letterhead(word: DocxDocument, doc: Document) -> None:
    if doc.sender:
        word.add_paragraph().add_run(doc.sender).bold = True
    details = [
        danish_date(doc.date) if doc.date else "",
        f"{REFERENCE_LABEL} {doc.reference}" if doc.reference else "",
        *(f"{label}: {value}" for label, value in doc.details),
    ]
    for line in filter(None, details):
        word.add_paragraph(line)
    if doc.addressees:
        word.add_paragraph().add_run("Til").bold = True
        paragraph = word.add_paragraph()
        for index, addressee in enumerate(doc.addressees):
            run = paragraph.add_run(addressee)
            if index < len(doc.addressees) - 1:
                run.add_break(WD_BREAK.LINE)


def _table(word: DocxDocument, block: Table) -> None:
    if block.caption:
        word.add_paragraph(block.caption, style="Caption")
    table = word.add_table(rows=1 + len(block.rows), cols=len(block.header))
    table.style = "Table Grid"
    header = table.rows[0]
    # Repeat the header row on every page, as the PDF does.
    tr_pr = header._tr.get_or_add_trPr()
    repeat = OxmlElement("w:tblHeader")
    repeat.set(qn("w:val"), "true")
    tr_pr.append(repeat)
    for cell, text in zip(header.cells, block.header, strict=True):
        cell.text = ""
        cell.paragraphs[0].add_run(text).bold = True
    _fill(table, block.rows, first_row=1)


def _key_values(word: DocxDocument, block: KeyValues) -> None:
    table = word.add_table(rows=len(block.pairs), cols=2)
    table.style = "Table Grid"
    for row, (key, value) in zip(table.rows, block.pairs, strict=True):
        row.cells[0].text = ""
        row.cells[0].paragraphs[0].add_run(key).bold = True
        row.cells[1].text = value
    word.add_paragraph()


def _fill(table: DocxTable, rows: tuple[tuple[str, ...], ...], *, first_row: int) -> None:
    for row, values in zip(table.rows[first_row:], rows, strict=True):
        for cell, text in zip(row.cells, values, strict=True):
            cell.text = text


def _signature(word: DocxDocument, block: Signature) -> None:
    word.add_paragraph(block.closing)
    word.add_paragraph()
    for line in filter(None, (block.name, block.title, block.unit)):
        word.add_paragraph(line)
