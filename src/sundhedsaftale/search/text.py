"""Danish words for search, without Django: tokens, stems, the query's terms and the highlighted snippet.

The stems come from the Snowball Danish stemmer (``snowballstemmer``), the same algorithm PostgreSQL's ``danish``
text search configuration uses, so "aftalerne" and "aftale" meet on both backends. The stop words are
PostgreSQL's ``danish.stop`` (from the Snowball project), left out of a query as PostgreSQL leaves them out.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from functools import lru_cache

import snowballstemmer

WORD = re.compile(r"\w+", re.UNICODE)
# A highlighted word is wrapped in these two characters before the text is escaped; they never occur in the text.
START, STOP = "\x02", "\x03"

STOP_WORDS = frozenset(
    [
        "og",
        "i",
        "jeg",
        "det",
        "at",
        "en",
        "den",
        "til",
        "er",
        "som",
        "på",
        "de",
        "med",
        "han",
        "af",
        "for",
        "ikke",
        "der",
        "var",
        "mig",
        "sig",
        "men",
        "et",
        "har",
        "om",
        "vi",
        "min",
        "havde",
        "ham",
        "hun",
        "nu",
        "over",
        "da",
        "fra",
        "du",
        "ud",
        "sin",
        "dem",
        "os",
        "op",
        "man",
        "hans",
        "hvor",
        "eller",
        "hvad",
        "skal",
        "selv",
        "her",
        "alle",
        "vil",
        "blev",
        "kunne",
        "ind",
        "når",
        "være",
        "dog",
        "noget",
        "ville",
        "jo",
        "deres",
        "efter",
        "ned",
        "skulle",
        "denne",
        "end",
        "dette",
        "mit",
        "også",
        "under",
        "have",
        "dig",
        "anden",
        "hende",
        "mine",
        "alt",
        "meget",
        "sit",
        "sine",
        "vor",
        "mod",
        "disse",
        "hvis",
        "din",
        "nogle",
        "hos",
        "blive",
        "mange",
        "ad",
        "bliver",
        "hendes",
        "været",
        "thi",
        "jer",
        "sådan",
    ]
)

_stemmer = snowballstemmer.stemmer("danish")


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """The Danish stem of one word, lower-cased (``"aftalerne"`` → ``"aftal"``)."""
    return str(_stemmer.stemWord(word.lower()))


def stemmed(text: str) -> str:
    """The text as its words' stems, separated by spaces, stop words left out as PostgreSQL leaves them out (so a
    phrase with a stop word inside still meets its words side by side): what the SQLite index holds."""
    return " ".join(stem(w) for w in WORD.findall(text) if w.lower() not in STOP_WORDS)


@dataclass(frozen=True)
class Query:
    """A query in the style of PostgreSQL's ``websearch_to_tsquery``: words (all must occur), ``"a phrase"``,
    ``a or b`` and ``-word`` (must not occur). Each term is a tuple of stems (one for a word, several for a
    phrase); ``groups`` are the alternatives joined by "or"."""

    groups: tuple[tuple[tuple[str, ...], ...], ...]
    excluded: tuple[tuple[str, ...], ...]

    @property
    def empty(self) -> bool:
        return not self.groups

    @property
    def stems(self) -> frozenset[str]:
        return frozenset(s for group in self.groups for term in group for s in term)

    def fts5(self) -> str:
        """The query as an FTS5 expression on the stemmed column; every term quoted, so no input is syntax."""

        def term(stems: tuple[str, ...]) -> str:
            return '"' + " ".join(stems) + '"'

        expression = " AND ".join("(" + " OR ".join(term(t) for t in group) + ")" for group in self.groups)
        for t in self.excluded:
            expression += f" NOT {term(t)}"
        return expression


_TOKEN = re.compile(r'(-?)"([^"]*)"?|(\S+)')


def parse_query(text: str) -> Query:
    groups: list[list[tuple[str, ...]]] = []
    excluded: list[tuple[str, ...]] = []
    join_next = False
    for m in _TOKEN.finditer(text):
        negated, phrase, word = m.group(1) == "-", m.group(2), m.group(3)
        if word is not None:
            if word.lower() == "or" or word.lower() == "eller":
                join_next = bool(groups)
                continue
            negated = word.startswith("-")
            words = WORD.findall(word)
        else:
            words = WORD.findall(phrase or "")
        stems = tuple(stem(w) for w in words if w.lower() not in STOP_WORDS)
        if not stems:
            continue
        if negated:
            excluded.append(stems)
        elif join_next:
            groups[-1].append(stems)
        else:
            groups.append([stems])
        join_next = False
    return Query(tuple(tuple(g) for g in groups), tuple(excluded))


def marked(text: str) -> str:
    """Escaped HTML of a text whose highlighted words are between :data:`START` and :data:`STOP`: only
    ``<mark>`` is added."""
    return html.escape(text).replace(START, "<mark>").replace(STOP, "</mark>")


def snippet(text: str, stems: frozenset[str], *, before: int = 80, length: int = 320) -> str:
    """About ``length`` characters of ``text`` from a little before its first matching word, cut at spaces, the
    matching words between :data:`START` and :data:`STOP`; the start of the text when no word matches.

    A Snowball Danish stem is a prefix of the lower-cased word (the algorithm only removes endings), so a regular
    expression finds the candidates in C and only they are stemmed – a section of the guidance is thousands of
    words."""
    if not text:
        return ""
    found = None
    candidates = None
    if stems:
        alternatives = "|".join(re.escape(s) for s in sorted(stems, key=len, reverse=True))
        candidates = re.compile(rf"\b(?:{alternatives})\w*", re.IGNORECASE)
        found = next((m for m in candidates.finditer(text) if stem(m.group()) in stems), None)
    start = max(0, found.start() - before) if found is not None else 0
    if start > 0:
        space = text.find(" ", start)
        start = space + 1 if 0 <= space < (found.start() if found is not None else len(text)) else start
    end = min(len(text), start + length)
    if end < len(text):
        space = text.rfind(" ", start, end)
        end = space if space > start else end
    window = text[start:end]
    if candidates is not None:
        window = candidates.sub(
            lambda m: f"{START}{m.group()}{STOP}" if stem(m.group()) in stems else m.group(), window
        )
    out = ("… " if start > 0 else "") + window + (" …" if end < len(text) else "")
    return " ".join(out.split())
