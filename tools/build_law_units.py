"""First, mechanical pass from the raw PDF text extracts of the law to addressable units in YAML.

This script is kept as a record of how ``src/sundhedsaftale/data/law/bek-1248-2022.yaml`` and
``src/sundhedsaftale/data/law/vej-9008-2024.yaml`` were built. **The committed YAML files are the
source of truth**: after this pass they were corrected and reviewed by hand against the raw text,
so do not regenerate them over the committed files (the script refuses to overwrite an existing
file unless ``--force`` is given). ``tests/core/test_law_text_fidelity.py`` checks the committed
files word for word against ``raw/``.

What the pass does, for ``raw/<source>.txt``:

* drops page headers (``VEJ nr 9008 af 11/01/2024 3``), leading spaces and stray blank lines;
* splits the text into paragraphs. The extraction moves the blank line that separates two
  paragraphs to after the first line of the second one (``... aftalen.`` / ``Sundhedsklyngernes
  ...`` / *blank* / ``bidrag til ...``) and loses it at page breaks (the line after a page break
  starts with a space); both are recognised;
* joins words hyphenated at a line end (``sund-`` / ``hedsklyngen``). A hyphen that is part of the
  text (``social-`` / ``og``) is kept when the next word is a conjunction; no such case occurs in
  the two sources, where every line-end hyphen is a line break;
* joins the words the extraction split with a stray space (:data:`SPACE_SPLITS`);
* removes footnote markers (``klyngerne1)``) and lists the footnotes with the unit they belong to;
* cuts the order into ``title``, ``preamble``, ``sec_N[__subsec_K[__point_P]]`` and ``signature``
  and the guidance into ``title``, ``sec_<number>``, ``sec_4.1__elem_K`` and ``signature``.

What was done by hand afterwards: the two-column table in afsnit 2.1 of the guidance, which the
extraction interleaved, was rebuilt as two lists; every unit was read against the raw text.

Usage::

    python tools/build_law_units.py bek-1248-2022 [--out PATH] [--force]
    python tools/build_law_units.py vej-9008-2024 [--out PATH] [--force]
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

LAW_DIR = Path(__file__).resolve().parents[1] / "src" / "sundhedsaftale" / "data" / "law"

PAGE_HEADER = re.compile(r"^\s*(VEJ|BEK) nr \d+ af \d\d/\d\d/\d{4} \d+\s*$")
# A footnote marker glued to the word it annotates: "sundhedsklyngerne1)", "afdækker3) :".
FOOTNOTE_MARKER = re.compile(r"(?<=[^\W\d_])(\d+)\)(?: (?=:))?")
# Words the extraction split with a space at a line end (no hyphen): joined again.
SPACE_SPLITS: dict[str, str] = {
    "sundhedssamarbejds udvalg": "sundhedssamarbejdsudvalg",
    "sundhedsaf taler": "sundhedsaftaler",
    # Same pattern at a line end ("her " / "af."), and "her af" is not Danish; taken as an artefact.
    "implementeringen her af.": "implementeringen heraf.",
}
# A line ending in "-" followed by one of these keeps its hyphen ("social-" / "og").
KEEP_HYPHEN_BEFORE = {"og", "eller"}
BULLET = "–"  # the en dash the guidance uses for list items

ORDER_HEADINGS = (
    "Sundhedsklynger",
    "Det politiske niveau i sundhedsklyngen",
    "Det faglige strategiske niveau i sundhedsklyngen",
    "Sundhedssamarbejdsudvalg",
    "Sundhedsaftale",
    "Patient- og pårørendeinddragelse samt patientinddragelsesudvalget",
    "Ikrafttræden og overgangsbestemmelser",
)
GUIDANCE_TITLE = "Vejledning om sundhedsklynger, sundhedssamarbejdsudvalg og sundhedsaftaler"
GUIDANCE_ELEMENTS = (
    "Opgaveløsning og opgavefordeling",
    "Mål for indsatsen",
    "Kapacitet",
    "Ansvar for borgerens/patientens forløb, herunder det lægelige behandlingsansvar",
    "Adgang til kompetencer og rådgivning",
    "Adgang til medicin, udstyr, digital understøttelse og lignende",
    "Implementering af og opfølgning på indsatsen",
    "Vilkår for ændret opgaveløsning og arbejdsdeling, herunder økonomi",
)
GUIDANCE_SUBHEADINGS = ("Fremtidig dataunderstøttelse", "Deling af data om patienter i patientbehandling")
SECTION_HEADING = re.compile(r"^(\d+(?:\.\d+)*)\. ([A-ZÆØÅ][^.]*)$")
SEC_START = re.compile(r"^§ (\d+)\. (.*)$")
STK_START = re.compile(r"^Stk\. (\d+)\. (.*)$")
POINT_START = re.compile(r"^(\d+)\) (.*)$")

HEADERS = {
    "bek-1248-2022": "Bekendtgørelse nr. 1248 af 5. september 2022",
    "vej-9008-2024": "Vejledning nr. 9008 af 11. januar 2024",
}


@dataclass
class Line:
    text: str
    blank_before: bool
    page_start: bool


@dataclass
class Unit:
    id: str
    label: str
    heading: str = ""
    paragraphs: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, str]:
        row = {"id": self.id, "label": self.label}
        if self.heading:
            row["heading"] = self.heading
        text = "\n\n".join(self.paragraphs)
        if text:
            row["text"] = text
        return row


# -- lines and paragraphs ---------------------------------------------------------------------------


def read_lines(raw: str) -> tuple[list[Line], list[str]]:
    """Body lines (page headers dropped) and the lines of the footnote block after the signature."""
    physical = raw.splitlines()
    signature_end = max(i for i, line in enumerate(physical) if line.strip().startswith("/ "))
    lines: list[Line] = []
    blank = False
    page_start = False
    for line in physical[: signature_end + 1]:
        if PAGE_HEADER.match(line):
            page_start = True
            continue
        if not line.strip():
            blank = True
            continue
        lines.append(Line(line.strip(), blank, page_start or line.startswith(" ")))
        blank = page_start = False
    return lines, [line for line in physical[signature_end + 1 :] if line.strip()]


def join_lines(left: str, right: str) -> str:
    """Join two lines of one paragraph, repairing a line-end hyphenation."""
    if left.endswith("-") and not left.endswith(" -"):
        first_word = right.split(" ", 1)[0].rstrip(",.")
        if first_word in KEEP_HYPHEN_BEFORE:
            return f"{left} {right}"
        return left[:-1] + right
    return f"{left} {right}"


def is_continuation(prev: str, line: str) -> bool:
    """Whether ``line``, after a blank line, still belongs to the paragraph ``prev`` ends."""
    if prev.endswith("-"):
        return True
    return not line[:1].isupper() and not line.startswith(("§", BULLET, "/ "))


def split_paragraphs(
    lines: list[Line], standalone: set[str], is_marker: Callable[[int, str], bool]
) -> list[str]:
    """Group lines into paragraphs; see the module docstring for the rules."""
    starts: set[int] = {0}
    for i in range(1, len(lines)):
        prev, line = lines[i - 1], lines[i]
        if prev.text in standalone or line.text in standalone or is_marker(i, line.text):
            starts.add(i)
        elif prev.text.endswith("-"):
            continue
        elif line.blank_before:
            if not is_continuation(prev.text, line.text):
                starts.add(i)
        elif prev.text.endswith((".", ":")) and line.text[:1].isupper():
            displaced = (
                i + 1 < len(lines)
                and lines[i + 1].blank_before
                and is_continuation(line.text, lines[i + 1].text)
            )
            if displaced or line.page_start:
                starts.add(i)
    paragraphs: list[str] = []
    for i, line in enumerate(lines):
        if i in starts:
            paragraphs.append(line.text)
        else:
            paragraphs[-1] = join_lines(paragraphs[-1], line.text)
    return [clean(p) for p in paragraphs]


def clean(text: str) -> str:
    text = " ".join(text.split())
    for wrong, right in SPACE_SPLITS.items():
        text = text.replace(wrong, right)
    return text


def take_footnote_markers(text: str) -> tuple[str, list[int]]:
    numbers = [int(m.group(1)) for m in FOOTNOTE_MARKER.finditer(text)]
    return FOOTNOTE_MARKER.sub("", text), numbers


def parse_footnotes(lines: list[str]) -> dict[int, str]:
    notes: dict[int, str] = {}
    current = 0
    for line in lines:
        m = POINT_START.match(line.strip())
        if m and int(m.group(1)) == current + 1:
            current = int(m.group(1))
            notes[current] = m.group(2)
        else:
            notes[current] = join_lines(notes[current].rstrip(), line.strip())
    return {n: clean(t) for n, t in notes.items()}


# -- the order ----------------------------------------------------------------------------------------


def build_order(raw: str) -> dict[str, Any]:
    lines, footnote_lines = read_lines(raw)
    if footnote_lines:
        raise SystemExit("the order is not expected to have footnotes")

    def is_marker(i: int, text: str) -> bool:
        # "§ 28." also starts a line inside § 27, stk. 3 ("jf. / § 28. Der skal ..."); a new § always
        # follows a blank line in this extract, so only those count.
        if SEC_START.match(text):
            return lines[i].blank_before
        return bool(STK_START.match(text) or POINT_START.match(text))

    paragraphs = split_paragraphs(lines, set(ORDER_HEADINGS), is_marker)
    units: list[Unit] = []
    pending_heading = ""
    section: list[Unit] = []  # units of the current §, re-shaped when the § ends
    sec_no = stykker = point_no = 0

    def close_section() -> None:
        if not section:
            return
        sec, first, rest = section[0], section[1], section[2:]
        if stykker == 1:
            # A single stykke: its text belongs to the § itself, its points hang directly under it.
            sec.paragraphs = first.paragraphs
            for unit in rest:
                unit.id = unit.id.replace("__subsec_1", "")
                unit.label = unit.label.replace(", stk. 1", "")
            units.extend([sec, *rest])
        else:
            units.extend(section)
        section.clear()

    body_started = False
    signature: list[str] = []
    title: list[str] = []
    for para in paragraphs:
        if para.startswith("I medfør af"):
            units.append(Unit("title", "Titel", paragraphs=[" ".join(title)]))
            units.append(Unit("preamble", "Indledning", paragraphs=[para]))
            body_started = True
        elif not body_started:
            title.append(para)
        elif para in ORDER_HEADINGS:
            pending_heading = para
        elif (m := SEC_START.match(para)) and int(m.group(1)) == sec_no + 1:
            close_section()
            n = sec_no = int(m.group(1))
            section.append(Unit(f"sec_{n}", f"§ {n}", heading=pending_heading))
            section.append(Unit(f"sec_{n}__subsec_1", f"§ {n}, stk. 1", paragraphs=[m.group(2)]))
            pending_heading = ""
            stykker, point_no = 1, 0
        elif (m := STK_START.match(para)) and section and int(m.group(1)) == stykker + 1:
            stykker += 1
            n = int(section[0].id.removeprefix("sec_"))
            label = f"§ {n}, stk. {stykker}"
            section.append(Unit(f"sec_{n}__subsec_{stykker}", label, paragraphs=[m.group(2)]))
            point_no = 0
        elif (m := POINT_START.match(para)) and section and int(m.group(1)) == point_no + 1:
            point_no += 1
            n = int(section[0].id.removeprefix("sec_"))
            section.append(
                Unit(
                    f"sec_{n}__subsec_{stykker}__point_{point_no}",
                    f"§ {n}, stk. {stykker}, nr. {point_no}",
                    paragraphs=[m.group(2)],
                )
            )
        elif para.startswith("Sundhedsministeriet, den ") or signature:
            signature.append(para)
        else:
            raise SystemExit(f"unexpected paragraph in the order: {para[:80]!r}")
    close_section()
    units.append(Unit("signature", "Underskrift", paragraphs=["\n".join(signature)]))
    return {"source": "bek-1248-2022", "units": [u.as_dict() for u in units]}


# -- the guidance -------------------------------------------------------------------------------------


def build_guidance(raw: str) -> dict[str, Any]:
    lines, footnote_lines = read_lines(raw)
    standalone = {line.text for line in lines if SECTION_HEADING.match(line.text)}
    standalone |= set(GUIDANCE_ELEMENTS) | set(GUIDANCE_SUBHEADINGS)

    def is_marker(i: int, text: str) -> bool:
        return text.startswith(BULLET + " ")

    paragraphs = split_paragraphs(lines, standalone, is_marker)
    units: list[Unit] = [Unit("title", "Titel", paragraphs=[GUIDANCE_TITLE])]
    footnotes: list[dict[str, Any]] = []
    notes = parse_footnotes(footnote_lines)
    signature: list[str] = []
    for para in paragraphs:
        if m := SECTION_HEADING.match(para):
            number = m.group(1)
            label = f"kapitel {number}" if "." not in number else f"afsnit {number}"
            units.append(Unit(f"sec_{number}", label, heading=m.group(2)))
            continue
        if para in GUIDANCE_ELEMENTS and units[-1].id.startswith("sec_4.1"):
            k = GUIDANCE_ELEMENTS.index(para) + 1
            units.append(Unit(f"sec_4.1__elem_{k}", f"afsnit 4.1, delelement {k}", heading=para))
            continue
        if para.startswith("Sundhedsstyrelsen, den ") or signature:
            signature.append(para)
            continue
        para, numbers = take_footnote_markers(para)
        for number in numbers:
            footnotes.append({"number": number, "unit": units[-1].id, "text": notes[number]})
        target = units[-1].paragraphs
        if para.startswith(BULLET + " ") and target:
            target[-1] += "\n" + para  # list items stay with their lead-in, one per line
        else:
            target.append(para)
    units.append(Unit("signature", "Underskrift", paragraphs=["\n".join(signature)]))
    return {
        "source": "vej-9008-2024",
        "units": [u.as_dict() for u in units],
        "footnotes": footnotes,
    }


# -- output -------------------------------------------------------------------------------------------


class _Dumper(yaml.SafeDumper):
    """Indents list items under their key, as the hand-written data files do."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)


def _str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value else ('"' if " " in value else None)
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _str)


def dump(source: str, data: dict[str, Any]) -> str:
    header = (
        f"# {HEADERS[source]} — units with exact text.\n"
        f"# Built from raw/{source}.txt by tools/build_law_units.py, then reviewed by hand.\n"
    )
    body = yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=10_000)
    if yaml.safe_load(body) != data:
        raise SystemExit("YAML does not round-trip")
    return header + body


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("source", choices=sorted(HEADERS))
    parser.add_argument("--out", type=Path, help="where to write (default: <law dir>/<source>.yaml)")
    parser.add_argument("--force", action="store_true", help="overwrite an existing file")
    args = parser.parse_args(argv)
    raw = (LAW_DIR / "raw" / f"{args.source}.txt").read_text(encoding="utf-8")
    data = build_order(raw) if args.source.startswith("bek-") else build_guidance(raw)
    out: Path = args.out or LAW_DIR / f"{args.source}.yaml"
    if out.exists() and not args.force:
        print(f"{out} exists and is the source of truth; use --out (or --force)", file=sys.stderr)
        return 1
    out.write_text(dump(args.source, data), encoding="utf-8")
    print(f"wrote {out} ({len(data['units'])} units)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
