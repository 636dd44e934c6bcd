"""A small document model: one structure for agreements and letters, rendered as HTML, PDF/A-2b and DOCX.

The builders (``agreement.py``, ``letters.py``) decide *what* a document says; the renderers decide only
*how* it looks. Keeping the blocks few and plain is what lets the three formats say exactly the same thing.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import ClassVar

__all__ = [
    "Block",
    "BulletList",
    "Document",
    "Heading",
    "KeyValues",
    "Paragraph",
    "Signature",
    "Table",
]


@dataclass(frozen=True)
class Heading:
    """A section heading; level 1 is a section, 2 a subsection, 3 below that (the title is the document's)."""

    kind: ClassVar[str] = "heading"
    text: str
    level: int = 1

    def __post_init__(self) -> None:
        if not 1 <= self.level <= 3:
            raise ValueError(f"overskriftsniveau {self.level}: skal være 1, 2 eller 3")


@dataclass(frozen=True)
class Paragraph:
    kind: ClassVar[str] = "paragraph"
    text: str


@dataclass(frozen=True)
class BulletList:
    kind: ClassVar[str] = "bullets"
    items: tuple[str, ...]


@dataclass(frozen=True)
class Table:
    """A table with one header row; every row has as many cells as the header."""

    kind: ClassVar[str] = "table"
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    caption: str = ""

    def __post_init__(self) -> None:
        for index, row in enumerate(self.rows):
            if len(row) != len(self.header):
                raise ValueError(
                    f"tabelrække {index + 1} har {len(row)} celler, overskriften {len(self.header)}"
                )


@dataclass(frozen=True)
class KeyValues:
    """Label–value pairs, e.g. an agreement's formal data or a letter's key dates."""

    kind: ClassVar[str] = "key_values"
    pairs: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Signature:
    kind: ClassVar[str] = "signature"
    closing: str
    name: str = ""
    title: str = ""
    unit: str = ""


Block = Heading | Paragraph | BulletList | Table | KeyValues | Signature


@dataclass(frozen=True)
class Document:
    """A document with its letterhead data: who sends it, when, under which reference and to whom.

    ``addressees`` are the lines of the address block; ``details`` are label–value pairs printed under the date
    and reference (the case officer and how to reach them).
    """

    title: str
    subtitle: str = ""
    lang: str = "da"
    sender: str = ""
    date: dt.date | None = None
    reference: str = ""
    addressees: tuple[str, ...] = ()
    details: tuple[tuple[str, str], ...] = ()
    blocks: tuple[Block, ...] = ()

    def text(self) -> str:
        """All text of the document in reading order (for search and for tests that read it back)."""
        parts = [*self.addressees, self.sender, self.reference]
        parts += [f"{label}: {value}" for label, value in self.details]
        parts += [self.title, self.subtitle]
        for block in self.blocks:
            if isinstance(block, Heading | Paragraph):
                parts.append(block.text)
            elif isinstance(block, BulletList):
                parts.extend(block.items)
            elif isinstance(block, Table):
                parts.extend((block.caption, *block.header, *(cell for row in block.rows for cell in row)))
            elif isinstance(block, KeyValues):
                parts.extend(text for pair in block.pairs for text in pair)
            else:
                parts.extend((block.closing, block.name, block.title, block.unit))
        return "\n".join(p for p in parts if p)
