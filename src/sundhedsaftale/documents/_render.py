"""The three renderers of a :class:`Document`: HTML (Jinja2), PDF/A-2b (WeasyPrint) and DOCX (python-docx).

PDF/A-2b because letters and agreements are kept for years by public authorities: the variant embeds every
font and the colour profile, so the file looks the same when opened decades later. The PDF is also tagged: a
structure tree built from the HTML (headings, paragraphs, lists, tables with header cells, in reading order),
the document language and the title shown instead of the file name, so a screen reader can read the letter
(the structure PDF/UA asks for; ADR 0019).
"""

from __future__ import annotations

import hashlib
import os
from functools import cache
from pathlib import Path

import jinja2

from sundhedsaftale.core.periods import danish_date

from ._model import Document

__all__ = ["render_docx", "render_html", "render_pdf"]

# What the letterhead calls the reference; Danish authorities write "J.nr." for a journal number.
REFERENCE_LABEL = "J.nr."
# Word and WeasyPrint want a region subtag for spelling and hyphenation; "da" alone is valid BCP 47 too.
_LANGUAGE_TAGS = {"da": "da-DK", "en": "en-GB"}


@cache
def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.PackageLoader("sundhedsaftale.documents", "templates"),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )


def render_html(doc: Document) -> str:
    """The document as one self-contained HTML page, styled for screen and for A4 print."""
    template = _environment().get_template("document.html.j2")
    return template.render(
        doc=doc,
        date_text=danish_date(doc.date) if doc.date else "",
        reference_label=REFERENCE_LABEL,
    )


def render_pdf(doc: Document, *, tagged: bool = True) -> bytes:
    """The document as tagged PDF/A-2b with title, author (the sender) and language in the metadata.

    ``tagged=False`` leaves out the structure tree; only the benchmark uses it, as the baseline it measures
    tagging against.
    """
    # Imported here: WeasyPrint loads Pango and fonts on import, which the HTML and DOCX paths never need.
    import weasyprint  # type: ignore[import-untyped]

    html = render_html(doc)
    cached = _cached_pdf(html, tagged, weasyprint.__version__)
    if cached is not None and cached.exists():
        return cached.read_bytes()
    pdf = weasyprint.HTML(string=html).write_pdf(pdf_variant="pdf/a-2b", pdf_tags=tagged)
    assert isinstance(pdf, bytes)
    if cached is not None:
        _store(cached, pdf)
    return pdf


# A folder of PDFs already rendered, named by what they were rendered from. Only the test suite sets it (the
# same demo letters are rendered in many test databases, each taking seconds); the platform itself renders
# every time. The name covers the whole HTML, the tagging and WeasyPrint's version, so a changed document or
# renderer is rendered afresh.
RENDER_CACHE_VARIABLE = "SUNDHEDSAFTALE_RENDER_CACHE"


def _cached_pdf(html: str, tagged: bool, renderer_version: str) -> Path | None:
    folder = os.environ.get(RENDER_CACHE_VARIABLE)
    if not folder:
        return None
    key = hashlib.sha256(f"{renderer_version}\n{tagged}\n{html}".encode()).hexdigest()
    return Path(folder) / f"{key}.pdf"


def _store(path: Path, pdf: bytes) -> None:
    # Written under a temporary name and moved into place, so a process reading the cache never sees half a file.
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(f".{os.getpid()}.part")
    partial.write_bytes(pdf)
    partial.replace(path)


def render_docx(doc: Document) -> bytes:
    """The document as DOCX (:mod:`._docx`, imported when used: python-docx is not loaded to write a PDF)."""
    from ._docx import render_docx as render

    return render(doc)
