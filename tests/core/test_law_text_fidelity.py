"""The law texts in ``data/law/<source>.yaml`` say word for word what ``raw/<source>.txt`` says.

The YAML files are shown to users as the law and cited by rules, so their wording must be the
published wording with only the PDF-extraction artefacts repaired. Both sides are reduced to a
sequence of words and compared:

* raw: page headers dropped, line-end hyphenations joined (a hyphen before "og"/"eller" is part of
  the text and kept), the words the extraction split with a space joined (:data:`SPACE_SPLITS`),
  footnote markers ("klyngerne1)") taken out, whitespace collapsed. The footnote block after the
  signature stays, as "N) text".
* YAML: for each unit in order its number as it stands in the text ("§ 3.", "Stk. 2.", "1)",
  "2.1.7."), rebuilt from the unit's id, then its heading and its text; then "N) text" for each
  footnote. Rebuilding the numbers instead of deleting them from the raw side means the
  comparison also checks that every unit sits where its number says.

Two deliberate differences are handled explicitly: the guidance's title is not in its raw extract,
and the two-column table in afsnit 2.1, interleaved by the extraction, is rebuilt in the YAML as
two lists (checked cell by cell in :func:`_cut_table`).

Only PyYAML is used, so this runs without the application.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml

LAW_DIR = Path(__file__).resolve().parents[2] / "src" / "sundhedsaftale" / "data" / "law"
ORDER, GUIDANCE = "bek-1248-2022", "vej-9008-2024"
SOURCES = (ORDER, GUIDANCE)

PAGE_HEADER = re.compile(r"^[ \t]*(?:VEJ|BEK) nr \d+ af \d\d/\d\d/\d{4} \d+[ \t]*$", re.MULTILINE)
LINE_END_HYPHEN = re.compile(r"-[ \t]*\n\s*(\S+)")
GENUINE_HYPHEN_BEFORE = {"og", "eller"}
FOOTNOTE_MARKER = re.compile(r"(?<=[^\W\d_])(\d+)\)(?: (?=:))?")
SPACE_SPLITS = {
    "sundhedssamarbejds udvalg": "sundhedssamarbejdsudvalg",
    "sundhedsaf taler": "sundhedsaftaler",
    # Same pattern at a line end ("her " / "af."), and "her af" is not Danish; taken as an artefact.
    "implementeringen her af.": "implementeringen heraf.",
}
NOTE_OPEN, NOTE_CLOSE = "\ue000", "\ue001"

ID_PATTERNS = {
    ORDER: re.compile(r"^(title|preamble|signature|sec_\d+(__subsec_\d+)?(__point_\d+)?)$"),
    GUIDANCE: re.compile(r"^(title|signature|sec_\d+(\.\d+)*(__elem_\d)?)$"),
}
FIXED_LABELS = {"title": "Titel", "preamble": "Indledning", "signature": "Underskrift"}
GUIDANCE_SECTIONS = [
    "1", "1.1",
    "2", "2.1", *(f"2.1.{i}" for i in range(1, 9)), "2.2", *(f"2.2.{i}" for i in range(1, 9)),
    "3", *(f"3.{i}" for i in range(1, 7)),
    "4", "4.1", "4.2", "4.3",
    "5", *(f"5.{i}" for i in range(1, 7)),
    "6", "7", "7.1", "8",
]  # fmt: skip
RAW_SECTION_HEADING = re.compile(r"^[ \t]*(\d+(?:\.\d+)*)\. ([A-ZÆØÅ][^.\n]*?)[ \t]*$", re.MULTILINE)
ORDER_HEADINGS = {
    1: "Sundhedsklynger",
    2: "Det politiske niveau i sundhedsklyngen",
    9: "Det faglige strategiske niveau i sundhedsklyngen",
    15: "Sundhedssamarbejdsudvalg",
    19: "Sundhedsaftale",
    24: "Patient- og pårørendeinddragelse samt patientinddragelsesudvalget",
    31: "Ikrafttræden og overgangsbestemmelser",
}
GUIDANCE_ELEMENTS = [
    "Opgaveløsning og opgavefordeling",
    "Mål for indsatsen",
    "Kapacitet",
    "Ansvar for borgerens/patientens forløb, herunder det lægelige behandlingsansvar",
    "Adgang til kompetencer og rådgivning",
    "Adgang til medicin, udstyr, digital understøttelse og lignende",
    "Implementering af og opfølgning på indsatsen",
    "Vilkår for ændret opgaveløsning og arbejdsdeling, herunder økonomi",
]
TABLE_COLUMNS = ("Politisk niveau", "Fagligt strategisk niveau")
# The extract reads the table row by row: both column titles, then the cells of rows 1-5 left to
# right (political, professional-strategic), then rows 6 and 7, which only the right column has.
TABLE_READING_ORDER = [
    (0, 0),
    (1, 0),
    (0, 1),
    (1, 1),
    (0, 2),
    (1, 2),
    (0, 3),
    (1, 3),
    (0, 4),
    (1, 4),
    (1, 5),
    (1, 6),
]
TABLE_PLACEHOLDER = "<tabel i afsnit 2.1>"


@dataclass
class Words:
    words: list[str]
    units: list[str]  # the unit (or "footnote N" / "raw") each word comes from
    notes: list[tuple[int, int]]  # (footnote number, index of the word it is attached to)


def _load(source: str) -> dict[str, Any]:
    data = yaml.safe_load((LAW_DIR / f"{source}.yaml").read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def _raw(source: str) -> str:
    return (LAW_DIR / "raw" / f"{source}.txt").read_text(encoding="utf-8")


# -- the raw side --------------------------------------------------------------------------------


def _join_hyphen(match: re.Match[str]) -> str:
    word = match.group(1)
    if word.rstrip(",.") in GENUINE_HYPHEN_BEFORE:
        return "- " + word
    return word


def raw_words(source: str) -> Words:
    text = PAGE_HEADER.sub("", _raw(source))
    lines = text.splitlines()
    signature_end = max(i for i, line in enumerate(lines) if line.strip().startswith("/ "))
    body, notes = "\n".join(lines[: signature_end + 1]), "\n".join(lines[signature_end + 1 :])
    body = FOOTNOTE_MARKER.sub(lambda m: f"{NOTE_OPEN}{m.group(1)}{NOTE_CLOSE}", body)
    text = LINE_END_HYPHEN.sub(_join_hyphen, body + "\n" + notes)
    text = " ".join(text.split())
    for wrong, right in SPACE_SPLITS.items():
        text = text.replace(wrong, right)
    words: list[str] = []
    found: list[tuple[int, int]] = []
    for token in text.split():
        for number in re.findall(f"{NOTE_OPEN}(\\d+){NOTE_CLOSE}", token):
            found.append((int(number), len(words)))
        token = re.sub(f"{NOTE_OPEN}\\d+{NOTE_CLOSE}", "", token)
        if token:
            words.append(token)
    return Words(words, ["raw"] * len(words), found)


# -- the YAML side -------------------------------------------------------------------------------


def _number_tokens(source: str, unit: dict[str, Any]) -> list[str]:
    unit_id = unit["id"]
    if source == ORDER:
        if m := re.fullmatch(r"sec_(\d+)", unit_id):
            return ["§", f"{m.group(1)}."]
        if m := re.search(r"__point_(\d+)$", unit_id):
            return [f"{m.group(1)})"]
        if (m := re.search(r"__subsec_(\d+)$", unit_id)) and m.group(1) != "1":
            return ["Stk.", f"{m.group(1)}."]
        return []
    if m := re.fullmatch(r"sec_([\d.]+)", unit_id):
        return [f"{m.group(1)}."]
    return []


def yaml_words(source: str, data: dict[str, Any]) -> Words:
    words: list[str] = []
    units: list[str] = []
    for unit in data["units"]:
        if source == GUIDANCE and unit["id"] == "title":
            continue  # the raw extract of the guidance lacks its title
        number = _number_tokens(source, unit)
        heading = unit.get("heading", "").split()
        text = unit.get("text", "").split()
        # An order's heading stands above "§ N."; a guidance section's number opens its heading.
        unit_words = heading + number + text if source == ORDER else number + heading + text
        words += unit_words
        units += [unit["id"]] * len(unit_words)
    for note in data.get("footnotes", []):
        note_words = [f"{note['number']})", *note["text"].split()]
        words += note_words
        units += [f"footnote {note['number']}"] * len(note_words)
    return Words(words, units, [])


# -- the table in afsnit 2.1 ---------------------------------------------------------------------


def _find(words: list[str], run: list[str], start: int = 0) -> int:
    for i in range(start, len(words) - len(run) + 1):
        if words[i : i + len(run)] == run:
            return i
    raise AssertionError(f"'{' '.join(run)}' not found")


def _table_columns(data: dict[str, Any]) -> dict[str, list[str]]:
    text = next(u["text"] for u in data["units"] if u["id"] == "sec_2.1")
    columns: dict[str, list[str]] = {}
    current: list[str] | None = None
    for line in text.split("\n"):
        if line.rstrip(":") in TABLE_COLUMNS and line.endswith(":"):
            current = columns.setdefault(line[:-1], [])
        elif current is not None and line.startswith("– "):
            current.append(line[2:])
        elif current is not None and line:
            raise AssertionError(f"unexpected line in the table of afsnit 2.1: {line!r}")
    return columns


def _cut_table(raw: Words, ours: Words, data: dict[str, Any]) -> None:
    """Check the rebuilt table against the interleaved extract, then replace both by one token."""
    columns = _table_columns(data)
    assert [len(columns.get(c, [])) for c in TABLE_COLUMNS] == [5, 7], "the table has 5 + 7 cells"
    header = " ".join(TABLE_COLUMNS).split()
    raw_start = _find(raw.words, header)
    raw_end = _find(raw.words, ["2.1.1."], raw_start)
    raw_table = raw.words[raw_start:raw_end]
    cells = [columns[TABLE_COLUMNS[col]][row] for col, row in TABLE_READING_ORDER]
    as_extracted = [*header, *" ".join(cells).split()]
    difference = first_difference(raw_table, as_extracted)
    assert difference is None, f"the table's cells, read as the extract reads them: {difference}"

    our_start = _find(ours.words, [*TABLE_COLUMNS[0].split()[:-1], TABLE_COLUMNS[0].split()[-1] + ":"])
    our_end = _find(ours.words, ["2.1.1."], our_start)
    for words in (raw, ours):
        start, end = (raw_start, raw_end) if words is raw else (our_start, our_end)
        unit = words.units[start]
        words.words[start:end] = [TABLE_PLACEHOLDER]
        words.units[start:end] = [unit]
        words.notes = [(n, i if i < start else i - (end - start) + 1) for n, i in words.notes]


def first_difference(raw: list[str], ours: list[str]) -> str | None:
    """None if equal, else where they first differ with 10 words of context on each side."""
    i = next((k for k, (a, b) in enumerate(zip(raw, ours, strict=False)) if a != b), None)
    if i is None:
        if len(raw) == len(ours):
            return None
        i = min(len(raw), len(ours))

    def show(words: list[str]) -> str:
        here = words[i] if i < len(words) else "<end>"
        return f"{' '.join(words[max(0, i - 10) : i])} >>>{here}<<< {' '.join(words[i + 1 : i + 11])}"

    return f"first difference at word {i}:\n  raw:  {show(raw)}\n  yaml: {show(ours)}"


# -- tests ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("source", SOURCES)
def test_words_are_the_published_words(source: str) -> None:
    data = _load(source)
    raw, ours = raw_words(source), yaml_words(source, data)
    if source == GUIDANCE:
        _cut_table(raw, ours, data)
    difference = first_difference(raw.words, ours.words)
    assert difference is None, f"{source}: {difference}"


@pytest.mark.parametrize("source", SOURCES)
def test_footnotes_belong_to_the_unit_that_carries_the_marker(source: str) -> None:
    data = _load(source)
    raw, ours = raw_words(source), yaml_words(source, data)
    if source == GUIDANCE:
        _cut_table(raw, ours, data)
    notes = data.get("footnotes", [])
    assert [n["number"] for n in notes] == [n for n, _ in raw.notes]
    for note, (_, index) in zip(notes, raw.notes, strict=True):
        assert ours.units[index] == note["unit"], f"footnote {note['number']} belongs to {ours.units[index]}"


@pytest.mark.parametrize("source", SOURCES)
def test_ids_are_unique_and_well_formed(source: str) -> None:
    ids = [u["id"] for u in _load(source)["units"]]
    assert len(ids) == len(set(ids)), [i for i, n in Counter(ids).items() if n > 1]
    bad = [i for i in ids if not ID_PATTERNS[source].match(i)]
    assert not bad, bad
    assert ids[0] == "title"
    assert ids[-1] == "signature"


def expected_label(source: str, unit_id: str) -> str:
    if unit_id in FIXED_LABELS:
        return FIXED_LABELS[unit_id]
    if source == ORDER:
        m = re.fullmatch(r"sec_(\d+)(?:__subsec_(\d+))?(?:__point_(\d+))?", unit_id)
        assert m, unit_id
        label = f"§ {m.group(1)}"
        label += f", stk. {m.group(2)}" if m.group(2) else ""
        return label + (f", nr. {m.group(3)}" if m.group(3) else "")
    m = re.fullmatch(r"sec_([\d.]+)(?:__elem_(\d+))?", unit_id)
    assert m, unit_id
    label = f"kapitel {m.group(1)}" if "." not in m.group(1) else f"afsnit {m.group(1)}"
    return label + (f", delelement {m.group(2)}" if m.group(2) else "")


@pytest.mark.parametrize("source", SOURCES)
def test_labels_match_ids(source: str) -> None:
    wrong = [
        (u["id"], u["label"]) for u in _load(source)["units"] if u["label"] != expected_label(source, u["id"])
    ]
    assert not wrong, wrong


@pytest.mark.parametrize("source", SOURCES)
def test_texts_are_clean(source: str) -> None:
    data = _load(source)
    for unit in [*data["units"], *data.get("footnotes", [])]:
        text = unit.get("text", "")
        assert "text" not in unit or text, f"{unit}: empty text"
        for paragraph in text.split("\n\n") if text else []:
            assert paragraph, f"{unit}: empty paragraph"
            for line in paragraph.split("\n"):
                assert line == line.strip(), f"{unit}: leading or trailing space in {line!r}"
                assert "  " not in line, f"{unit}: double space in {line!r}"
            assert not FOOTNOTE_MARKER.search(paragraph), f"{unit}: footnote marker left in the text"
            assert not PAGE_HEADER.search(paragraph), f"{unit}: page header left in the text"
        assert "\n" not in unit.get("heading", "")


def test_order_has_every_paragraph_in_order() -> None:
    units = _load(ORDER)["units"]
    ids = [u["id"] for u in units]
    sections = [int(i.removeprefix("sec_")) for i in ids if re.fullmatch(r"sec_\d+", i)]
    assert sections == list(range(1, 32))
    assert ids[:2] == ["title", "preamble"]
    by_id = {u["id"]: u for u in units}
    for n in sections:
        stykker = [i for i in ids if re.fullmatch(rf"sec_{n}__subsec_\d+", i)]
        # Stykker are numbered 1, 2, ...; a § with one stykke carries the text itself.
        assert stykker == [f"sec_{n}__subsec_{k}" for k in range(1, len(stykker) + 1)]
        assert len(stykker) != 1, f"§ {n} has a single stykke: its text belongs on sec_{n}"
        assert bool(stykker) != bool(by_id[f"sec_{n}"].get("text")), f"§ {n}: text on the § and in stykker"
    headings = {int(u["id"][4:]): u["heading"] for u in units if u.get("heading")}
    assert headings == ORDER_HEADINGS


def test_guidance_has_every_section_of_the_raw_text() -> None:
    in_raw = [m.group(1) for m in RAW_SECTION_HEADING.finditer(_raw(GUIDANCE))]
    assert in_raw == GUIDANCE_SECTIONS
    units = _load(GUIDANCE)["units"]
    sections = [u["id"].removeprefix("sec_") for u in units if re.fullmatch(r"sec_[\d.]+", u["id"])]
    assert sections == GUIDANCE_SECTIONS
    assert all(u.get("heading") for u in units if u["id"].startswith("sec_"))
    elements = [u for u in units if "__elem_" in u["id"]]
    assert [u["id"] for u in elements] == [f"sec_4.1__elem_{k}" for k in range(1, 9)]
    assert [u["heading"] for u in elements] == GUIDANCE_ELEMENTS
