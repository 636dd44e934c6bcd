"""Parsing the ways people write citations into unit ids.

Accepted forms (case-insensitive, spaces free):
``§ 10, stk. 1, nr. 4`` · ``§ 21 stk. 1`` · ``bek-1248-2022 § 3`` · ``afsnit 3.2`` ·
``vejledningens afsnit 2.2.7`` · ``vej-9008-2024 afsnit 4.1, delelement 3`` · ``kapitel 6`` ·
``bek-1248-2022/sec_10__subsec_1`` (the key form).
"""

from __future__ import annotations

import re

from ..errors import CitationError

__all__ = ["DEFAULT_GUIDANCE", "DEFAULT_ORDER", "parse_reference"]

DEFAULT_ORDER = "bek-1248-2022"
DEFAULT_GUIDANCE = "vej-9008-2024"

_SOURCE_PREFIX = re.compile(r"^\s*(?P<source>(?:bek|vej)-\d+-\d{4})\s*(?:/\s*)?", re.IGNORECASE)
_PARAGRAPH = re.compile(
    r"^§\s*(?P<sec>\d+)(?:\s*,?\s*stk\.\s*(?P<subsec>\d+))?(?:\s*,?\s*nr\.\s*(?P<point>\d+))?\s*\.?\s*$",
    re.IGNORECASE,
)
_SECTION = re.compile(
    r"^(?:vejledningens\s+|vejl\.\s*)?(?:afsnit|kapitel)\s+(?P<num>\d+(?:\.\d+)*)\.?"
    r"(?:\s*,\s*delelement\s+(?P<elem>\d+))?\s*$",
    re.IGNORECASE,
)
_UNIT_ID = re.compile(r"^(title|preamble|signature|sec_[0-9.]+(?:__(?:subsec|point|elem)_\d+)*)$")

ACCEPTED_FORMS = (
    "'§ 10, stk. 1, nr. 4', 'afsnit 3.2', 'afsnit 4.1, delelement 3' eller 'bek-1248-2022/sec_10'"
)


def parse_reference(text: str) -> tuple[str, str]:
    """Turn a written citation into ``(source_id, unit_id)``; raises :class:`CitationError` if unreadable."""
    raw = text
    source: str | None = None
    prefix = _SOURCE_PREFIX.match(text)
    if prefix:
        source = prefix.group("source").lower()
        text = text[prefix.end() :]
    text = text.strip()
    if _UNIT_ID.match(text):
        if source is None:
            source = DEFAULT_GUIDANCE if "." in text or "__elem_" in text else DEFAULT_ORDER
        return source, text
    if m := _PARAGRAPH.match(text):
        unit = f"sec_{int(m['sec'])}"
        if m["subsec"]:
            unit += f"__subsec_{int(m['subsec'])}"
        if m["point"]:
            unit += f"__point_{int(m['point'])}"
        return source or DEFAULT_ORDER, unit
    if m := _SECTION.match(text):
        unit = f"sec_{m['num']}"
        if m["elem"]:
            unit += f"__elem_{int(m['elem'])}"
        return source or DEFAULT_GUIDANCE, unit
    raise CitationError(f"'{raw}' kan ikke læses som en henvisning; skriv fx {ACCEPTED_FORMS}")
