"""Documents: the health agreement and Sundhedsstyrelsen's letters about it, as HTML, PDF/A-2b and DOCX.

Framework-free like the core: builders turn a :class:`~sundhedsaftale.core.case.RegionCase` into a small
:class:`Document`, and three renderers write that one document in each format::

    doc = letter_document(case, agreement, LetterInput(kind=LetterKind.APPROVAL, ...))
    pdf = render_pdf(doc)  # PDF/A-2b
"""

from ._model import Block, BulletList, Document, Heading, KeyValues, Paragraph, Signature, Table
from ._render import render_docx, render_html, render_pdf
from .agreement import NOT_DESCRIBED, agreement_document, election_period_label
from .letters import (
    GuidanceRef,
    LetterContact,
    LetterError,
    LetterInput,
    LetterKind,
    addressee_lines,
    addressees,
    letter_document,
    letter_title,
)

__all__ = [
    "NOT_DESCRIBED",
    "Block",
    "BulletList",
    "Document",
    "GuidanceRef",
    "Heading",
    "KeyValues",
    "LetterContact",
    "LetterError",
    "LetterInput",
    "LetterKind",
    "Paragraph",
    "Signature",
    "Table",
    "addressee_lines",
    "addressees",
    "agreement_document",
    "election_period_label",
    "letter_document",
    "letter_title",
    "render_docx",
    "render_html",
    "render_pdf",
]
