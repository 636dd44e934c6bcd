"""Finding the cross-references written in a unit's text, before anything is looked up.

The forms Danish legal texts use, and how each is read:

- ``§ 10, stk. 1, nr. 4`` · ``§ 7 stk. 2`` (no comma) · ``§§ 2 og 9`` · ``§ 203-205`` · ``stk. 2, og 4`` ·
  ``nr. 1–3`` · ``§ 21, stk. 4, 1. pkt.`` · ``§ 64 a`` / ``§ 57c`` (lettered sections);
- ``stk. 3`` and ``nr. 2`` alone mean the same section (stk.) of the referring unit; ``1. pkt.`` its own sentence;
- ``jf. 19, stk. 1``: a section number without the § sign, read as § 19, stk. 1 but marked as malformed;
- the act a § belongs to: a prefix (``sundhedslovens § 205``, ``bekendtgørelsens § 22``, ``bekendtgørelse om …
  § 21``), a postfix (``§ 64 a, jf. § 65, i lov om kommunernes styrelse``, ``§ 64 i den nævnte lov``), or else
  the text's own act. A guidance has no §§ of its own: there a bare § belongs to the act whose § was cited last in
  the same unit, otherwise to the order the guidance implements;
- ``afsnit 2.2.5`` · ``kapitel 3`` · ``vejledningens kapitel 3`` · ``afsnit 4.1, delelement 3`` in a guidance;
- a named act: ``bekendtgørelse nr. 679 af 30. maj 2018``, ``lov nr. 910 af 21. juni 2022``, ``Vejledning nr. 9504
  … af 4. juni 2018`` (a reference to the act as a whole).

The scanner knows nothing of which units exist; :mod:`._xref` resolves what it finds.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

__all__ = ["ActRole", "WrittenAct", "WrittenReference", "scan_references"]

# A section number, optionally lettered ("64 a", "57c"). A lone "i" after the number is the preposition
# ("§ 64 i den nævnte lov"), never a letter.
_N = r"\d+(?:\s?(?!i\b)[a-z]\b)?"
_LIST = r"\d+(?:\s*[-–]\s*\d+)?(?:\s*,?\s*(?:og|eller)\s+\d+(?![\d.]))*"

_NAMED_ACT = re.compile(
    r"\b(?P<kind>lovbekendtgørelse|bekendtgørelse|lov|vejledning)\s+nr\.\s*(?P<number>\d+)"
    r"(?:\s+om\s+[^.§]*?)?\s+af\s+(?P<day>\d{1,2})\.\s*(?P<month>[a-zæøå]+)\s+(?P<year>\d{4})",
    re.IGNORECASE,
)
_SECTION_CHAIN = re.compile(
    rf"(?P<sign>§§?)\s*(?P<secs>{_N}(?:\s*[-–]\s*{_N})?(?:\s*,?\s*(?:og|eller)\s+{_N}(?![\d.]))*)"
    rf"(?:\s*,?\s*stk\.\s*(?P<subs>{_LIST}))?"
    rf"(?:\s*,?\s*nr\.\s*(?P<points>{_LIST}))?"
    r"(?:\s*,?\s*(?P<pkt>\d+)\.\s*pkt\.)?"
)
# "jf. 19, stk. 1": a section number that lost its § sign. Only after "jf." or with the comma, so that a
# count of pieces ("2 stk.") is never read as a reference.
_MISSING_SIGN = re.compile(
    rf"(?:(?<=jf\.)\s*(?P<secs>\d+)\s*,?|\b(?P<secs2>\d+)\s*,)\s*stk\.\s*(?P<subs>{_LIST})"
    rf"(?:\s*,?\s*nr\.\s*(?P<points>{_LIST}))?"
)
_BARE_SUBSECTION = re.compile(
    rf"\bstk\.\s*(?P<subs>{_LIST})(?:\s*,?\s*nr\.\s*(?P<points>{_LIST}))?(?:\s*,?\s*(?P<pkt>\d+)\.\s*pkt\.)?"
)
_BARE_POINT = re.compile(rf"\bnr\.\s*(?P<points>{_LIST})")
_BARE_SENTENCE = re.compile(r"\b(?P<pkt>\d+)\.\s*pkt\.")
_GUIDANCE_SECTION = re.compile(
    r"\b(?P<word>afsnit|kapitel)\s+(?P<num>\d+(?:\.\d+)*)(?:\s*,\s*delelement\s+(?P<elem>\d+))?",
    re.IGNORECASE,
)

_ACT_PREFIX = re.compile(
    r"(?:(?P<word>\b[a-zæøå]*lovens?|\b[a-zæøå]*lovs|\bbekendtgørelsens?|\bvejledningens)"
    r"|(?P<title>\bbekendtgørelse(?:n)?\s+om\s+[^§.,;]{1,120}?))\s+$",
    re.IGNORECASE,
)
_ACT_POSTFIX = re.compile(
    r"^\s*,?\s+i\s+(?P<act>den\s+nævnte\s+lov|lov\s+om\s+[^,.;()]+|[a-zæøå]*loven|bekendtgørelsen|vejledningen)"
    r"(?=[\s,.;)]|$)",
    re.IGNORECASE,
)
_JOIN = re.compile(r"^\s*,?\s*(?:(?:jf\.|og|eller|samt)\s*,?\s*)?$")
_JF_BEFORE = re.compile(r"jf\.\s*$")


class ActRole(StrEnum):
    """Whose provisions a reference names, seen from the referring text."""

    OWN = "own"  # the referring source itself
    ORDER = "order"  # from a guidance: the order it implements ("bekendtgørelsens § 22")
    NAMED = "named"  # an act named by number and date
    EXTERNAL = "external"  # another act named by title (sundhedsloven, lov om kommunernes styrelse)


@dataclass(frozen=True)
class WrittenAct:
    role: ActRole
    name: str = ""  # as written: "sundhedsloven", "lov om kommunernes styrelse", "bekendtgørelse nr. 679 …"
    kind: str = ""  # for named acts: "bekendtgørelse", "vejledning", "lov", "lovbekendtgørelse"
    number: int | None = None
    year: int | None = None


OWN = WrittenAct(ActRole.OWN)
ORDER = WrittenAct(ActRole.ORDER, "bekendtgørelsen")


@dataclass(frozen=True)
class WrittenReference:
    """One reference as it stands in the text: where, what it names, and in which act.

    ``unit_ids`` are ids in the named act's scheme (``sec_19__subsec_1``, ``sec_3.2``); empty for a reference to
    a whole act. ``missing_sign`` marks "jf. 19, stk. 1". ``jf`` is "jf. " when the text puts it right before.
    """

    start: int
    end: int
    written: str
    act: WrittenAct
    unit_ids: tuple[str, ...] = ()
    sentence: int | None = None
    missing_sign: bool = False
    jf: str = ""

    @property
    def as_written(self) -> str:
        return f"{self.jf}{self.written}"


def scan_references(text: str, *, unit_id: str, guidance: bool) -> list[WrittenReference]:
    """Every cross-reference in ``text``, in order. ``unit_id`` anchors "stk. 2" and "1. pkt." to the unit."""
    found: list[WrittenReference] = []
    masked = text

    def take(start: int, end: int) -> None:
        nonlocal masked
        masked = masked[:start] + " " * (end - start) + masked[end:]

    for m in _NAMED_ACT.finditer(masked):
        act = WrittenAct(
            ActRole.NAMED,
            " ".join(m.group(0).split()),
            m["kind"].lower(),
            int(m["number"]),
            int(m["year"]),
        )
        found.append(_ref(text, m.start(), m.end(), act))
        take(m.start(), m.end())
    found.extend(_section_chains(text, masked, guidance, found))
    for ref in found:
        take(ref.start, ref.end)
    section = _own_section(unit_id)
    for m in _MISSING_SIGN.finditer(masked):
        secs = m["secs"] or m["secs2"]
        start = m.start("secs") if m["secs"] else m.start("secs2")
        ids = _expand(f"sec_{secs}", m["subs"], m["points"])
        found.append(_ref(text, start, m.end(), OWN, ids, missing_sign=True))
        take(m.start(), m.end())
    if section is not None and not guidance:
        for m in _BARE_SUBSECTION.finditer(masked):
            ids = _expand(section, m["subs"], m["points"])
            pkt = int(m["pkt"]) if m["pkt"] else None
            found.append(_ref(text, m.start(), m.end(), OWN, ids, sentence=pkt))
            take(m.start(), m.end())
        subsection = _own_subsection(unit_id)
        if subsection is not None:
            for m in _BARE_POINT.finditer(masked):
                found.append(_ref(text, m.start(), m.end(), OWN, _expand(subsection, None, m["points"])))
                take(m.start(), m.end())
    for m in _BARE_SENTENCE.finditer(masked):
        found.append(_ref(text, m.start(), m.end(), OWN, (unit_id,), sentence=int(m["pkt"])))
        take(m.start(), m.end())
    if guidance:
        for m in _GUIDANCE_SECTION.finditer(masked):
            if re.search(r"bekendtgørelsens?\s+$", masked[: m.start()], re.IGNORECASE):
                continue  # an order's chapters are not units; such a reference is not checked
            unit = f"sec_{m['num']}" + (f"__elem_{int(m['elem'])}" if m["elem"] else "")
            found.append(_ref(text, m.start(), m.end(), OWN, (unit,)))
    return sorted(found, key=lambda r: r.start)


def _section_chains(
    text: str, masked: str, guidance: bool, named: list[WrittenReference]
) -> list[WrittenReference]:
    """The § references with the act each belongs to (prefix, postfix, the group it stands in, or context)."""
    matches = list(_SECTION_CHAIN.finditer(masked))
    explicit: list[WrittenAct | None] = [_prefix_act(text, m.start(), named) for m in matches]
    # A postfix ("…, i lov om kommunernes styrelse") names the act of every § joined to it by "jf."/"og"/",".
    for index, m in enumerate(matches):
        post = _ACT_POSTFIX.match(masked[m.end() :])
        if post is None:
            continue
        act = _postfix_act(post["act"], explicit[:index])
        back = index
        while back >= 0 and explicit[back] is None:
            explicit[back] = act
            if back == 0 or not _JOIN.match(masked[matches[back - 1].end() : matches[back].start()]):
                break
            back -= 1
    # A prefix carries forward through joined references: "bekendtgørelsens § 20 og § 23".
    for index in range(1, len(matches)):
        joined = _JOIN.match(masked[matches[index - 1].end() : matches[index].start()])
        if explicit[index] is None and joined and explicit[index - 1] is not None:
            explicit[index] = explicit[index - 1]
    refs: list[WrittenReference] = []
    last_cited: WrittenAct | None = None
    for m, stated in zip(matches, explicit, strict=True):
        # A guidance has no §§ of its own: a bare § is of the act cited last in the unit, else of the order.
        chosen = stated or ((last_cited or ORDER) if guidance else OWN)
        last_cited = chosen
        ids = _expand(None, m["subs"], m["points"], secs=m["secs"])
        pkt = int(m["pkt"]) if m["pkt"] else None
        refs.append(_ref(text, m.start(), m.end(), chosen, ids, sentence=pkt))
    return refs


def _prefix_act(text: str, start: int, named: list[WrittenReference]) -> WrittenAct | None:
    before = text[:start]
    for ref in named:
        if ref.end <= start and not before[ref.end :].strip():
            return ref.act  # "bekendtgørelse nr. 679 af 30. maj 2018 § 5"
    m = _ACT_PREFIX.search(before[-160:])
    if m is None:
        return None
    if m["title"] or m["word"].lower().startswith("bekendtgørelse"):
        # In a guidance "bekendtgørelsen" and "bekendtgørelse om …" name the order it implements; in an order
        # they name the order itself.
        return ORDER
    if m["word"].lower() == "vejledningens":
        return OWN
    return WrittenAct(ActRole.EXTERNAL, _act_name(m["word"]))


def _postfix_act(name: str, earlier: list[WrittenAct | None]) -> WrittenAct:
    name = " ".join(name.split())
    if name.lower() == "den nævnte lov":
        # "den nævnte lov": the act named last before it.
        named = [a for a in earlier if a is not None and a.role is ActRole.EXTERNAL]
        return named[-1] if named else WrittenAct(ActRole.EXTERNAL, name)
    if name.lower() in ("bekendtgørelsen", "vejledningen"):
        return OWN
    return WrittenAct(ActRole.EXTERNAL, _act_name(name))


def _act_name(word: str) -> str:
    """Base form of an act's name: "sundhedslovens" → "sundhedsloven"."""
    lowered = word.lower()
    if lowered.endswith("lovens"):
        return lowered[:-1]
    if lowered.endswith("lovs"):
        return lowered[:-1]
    return lowered


def _ref(
    text: str,
    start: int,
    end: int,
    act: WrittenAct,
    unit_ids: tuple[str, ...] = (),
    *,
    sentence: int | None = None,
    missing_sign: bool = False,
) -> WrittenReference:
    written = text[start:end].rstrip(" ,")
    end = start + len(written)
    jf = "jf. " if _JF_BEFORE.search(text[max(0, start - 6) : start]) else ""
    return WrittenReference(start, end, written, act, unit_ids, sentence, missing_sign, jf)


def _expand(
    base: str | None,
    subs: str | None,
    points: str | None,
    *,
    secs: str | None = None,
) -> tuple[str, ...]:
    """Unit ids for every combination written: "§§ 2 og 9" → sec_2, sec_9; "stk. 2, og 4" → two subsections."""
    bases = [base] if base is not None else [f"sec_{s}" for s in _numbers(secs or "")]
    ids: list[str] = []
    for b in bases:
        with_subs = [f"{b}__subsec_{n}" for n in _numbers(subs)] if subs else [b]
        for s in with_subs:
            ids.extend([f"{s}__point_{n}" for n in _numbers(points)] if points else [s])
    return tuple(ids)


def _numbers(written: str) -> list[str]:
    """ "2, og 4" → 2, 4; "1–3" → 1, 2, 3; "64 a" → 64a. Ranges of lettered sections keep their ends only."""
    out: list[str] = []
    for part in re.split(r"\s*,?\s*(?:og|eller)\s+|\s*,\s*", written.strip()):
        if not part:
            continue
        bounds = [b.replace(" ", "") for b in re.split(r"\s*[-–]\s*", part)]
        if (
            len(bounds) == 2
            and bounds[0].isdigit()
            and bounds[1].isdigit()
            and int(bounds[0]) <= int(bounds[1])
        ):
            out.extend(str(n) for n in range(int(bounds[0]), int(bounds[1]) + 1))
        else:
            out.extend(bounds)
    return out


def _own_section(unit_id: str) -> str | None:
    head = unit_id.split("__", 1)[0]
    return head if head.startswith("sec_") and "." not in head else None


def _own_subsection(unit_id: str) -> str | None:
    parts = unit_id.split("__")
    return "__".join(parts[:2]) if len(parts) >= 2 and parts[1].startswith("subsec_") else None
