"""The English translation: a complete catalogue, English pages on request, the law's own words kept Danish."""

from __future__ import annotations

import contextlib
import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import Client
from django.test.signals import language_changed
from django.urls import reverse
from django.utils.html import escape

ROOT = Path(__file__).resolve().parents[2]
LOCALE_DIR = Path(settings.LOCALE_PATHS[0])
PO = LOCALE_DIR / "en" / "LC_MESSAGES" / "django.po"
MO = PO.with_suffix(".mo")

EN = {"HTTP_ACCEPT_LANGUAGE": "en"}
DA = {"HTTP_ACCEPT_LANGUAGE": "da"}


# --- A small .po reader (the stdlib has none; polib is not a dependency) ----------------------------------


@dataclass
class Entry:
    msgid: str = ""
    msgid_plural: str | None = None
    msgstr: dict[int, str] = field(default_factory=dict)
    flags: set[str] = field(default_factory=set)
    locations: list[tuple[str, int]] = field(default_factory=list)


_ESCAPES = {"n": "\n", "t": "\t", '"': '"', "\\": "\\"}
_KEYWORD = re.compile(r'^(msgctxt|msgid|msgid_plural|msgstr)(?:\[(\d+)\])? (".*")$')


def _unquote(text: str) -> str:
    assert len(text) >= 2, text
    assert text[0] == text[-1] == '"', text
    return re.sub(r"\\(.)", lambda m: _ESCAPES[m.group(1)], text[1:-1])


def read_po(path: Path) -> list[Entry]:
    """Entries in file order, the header (msgid "") first; obsolete (#~) entries are kept out."""
    entries: list[Entry] = []
    current = Entry()
    target: tuple[str, int] | None = None

    def flush() -> None:
        nonlocal current
        if target is not None:
            entries.append(current)
        current = Entry()

    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = raw.strip()
        if not line:
            flush()
            target = None
        elif line.startswith("#,"):
            current.flags.update(flag.strip() for flag in line[2:].split(","))
        elif line.startswith("#:"):
            for location in line[2:].split():
                file, _, at = location.rpartition(":")
                current.locations.append((file, int(at)))
        elif line.startswith("#"):
            continue
        elif match := _KEYWORD.match(line):
            keyword, index, text = match.groups()
            if keyword == "msgid" and target is not None and target[0] != "msgctxt":
                flush()  # a new entry without a blank line in between
            target = (keyword, int(index or 0))
            _append(current, target, _unquote(text))
        elif line.startswith('"') and target is not None:
            _append(current, target, _unquote(line))
        else:
            raise AssertionError(f"{path.name}, line {number}: cannot read {raw!r}")
    flush()
    return entries


def _append(entry: Entry, target: tuple[str, int], text: str) -> None:
    keyword, index = target
    if keyword == "msgid":
        entry.msgid += text
    elif keyword == "msgid_plural":
        entry.msgid_plural = (entry.msgid_plural or "") + text
    elif keyword == "msgstr":
        entry.msgstr[index] = entry.msgstr.get(index, "") + text


def _header(entries: list[Entry]) -> dict[str, str]:
    (header,) = [e for e in entries if e.msgid == ""]
    assert "fuzzy" not in header.flags, "the header is still marked fuzzy"
    pairs = (line.split(":", 1) for line in header.msgstr[0].splitlines() if ":" in line)
    return {key.strip(): value.strip() for key, value in pairs}


def _messages(entries: list[Entry]) -> list[Entry]:
    return [e for e in entries if e.msgid != ""]


# --- The compiled catalogue ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def catalogue() -> None:
    """Compile the .po when the .mo is missing or stale, so the page tests need no earlier `make`."""
    if not MO.exists() or MO.stat().st_mtime < PO.stat().st_mtime:
        # Run from inside the locale dir: compilemessages walks the working directory for "locale" folders,
        # and from the project root it would also find the ones in the virtualenv.
        with contextlib.chdir(LOCALE_DIR):
            call_command("compilemessages", locale=["en"], verbosity=0)
        # Forget any catalogue loaded before the .mo existed (Django's own reset for LOCALE_PATHS changes).
        language_changed(setting="LOCALE_PATHS")
    assert MO.exists()


def _status_badges(html: str) -> list[str]:
    return re.findall(r'<strong class="badge[^"]*status-tag[^"]*"[^>]*>([^<]*)</strong>', html)


# --- (a) The catalogue is complete --------------------------------------------------------------------------


def test_catalogue_header_names_english_with_two_plural_forms() -> None:
    header = _header(read_po(PO))
    assert header["Language"] == "en"
    assert header["Plural-Forms"] == "nplurals=2; plural=(n != 1);"
    assert header["Content-Type"] == "text/plain; charset=UTF-8"


def test_catalogue_picks_up_templates_and_python_code() -> None:
    files = {file for e in _messages(read_po(PO)) for file, _ in e.locations}
    assert "src/sundhedsaftale/web/templates/base.html" in files
    assert "src/sundhedsaftale/web/templates/includes/status_tag.html" in files
    assert "src/sundhedsaftale/web/forms.py" in files
    assert "src/sundhedsaftale/web/views.py" in files


def test_every_entry_is_translated_and_none_is_fuzzy() -> None:
    messages = _messages(read_po(PO))
    assert len(messages) > 100
    untranslated = [
        e.msgid for e in messages if not e.msgstr or not all(s.strip() for s in e.msgstr.values())
    ]
    fuzzy = [e.msgid for e in messages if "fuzzy" in e.flags]
    assert untranslated == []
    assert fuzzy == []


def test_plural_entries_have_both_english_forms() -> None:
    plurals = [e for e in _messages(read_po(PO)) if e.msgid_plural is not None]
    assert plurals, "the templates use {% blocktranslate count %}; the catalogue should have plural entries"
    for entry in plurals:
        assert sorted(entry.msgstr) == [0, 1], entry.msgid


def test_placeholders_are_kept_exactly() -> None:
    placeholder = re.compile(r"%\([a-z_]+\)[sd]|%[sd]")
    for entry in _messages(read_po(PO)):
        expected = sorted(placeholder.findall(entry.msgid_plural or entry.msgid))
        for form, text in entry.msgstr.items():
            assert sorted(placeholder.findall(text)) == expected, (entry.msgid, form, text)


def test_glossary_terms_are_used() -> None:
    translations = {e.msgid: e.msgstr[0] for e in _messages(read_po(PO))}
    assert translations["Opfyldt"] == "Met"
    assert translations["Ikke opfyldt"] == "Not met"
    assert translations["Endnu ikke aktuel"] == "Not yet due"
    assert translations["Ikke relevant"] == "Not applicable"
    assert translations["Kræver faglig vurdering"] == "Needs judgement"
    assert translations["Revisionsspor"] == "Audit log"
    assert translations["Politisk niveau"] == "Political level"
    assert translations["Fagligt strategisk niveau"] == "Professional-strategic level"


# --- (d) No entry outlives its source -----------------------------------------------------------------------


def test_every_location_comment_points_at_an_existing_source_line() -> None:
    lines: dict[str, int] = {}
    for entry in _messages(read_po(PO)):
        assert entry.locations, f"{entry.msgid!r} has no #: location; run makemessages with --no-obsolete"
        for file, at in entry.locations:
            path = ROOT / file
            assert path.is_file(), f"{entry.msgid!r} comes from {file}, which no longer exists"
            assert file.startswith("src/sundhedsaftale/"), file
            if file not in lines:
                lines[file] = len(path.read_text(encoding="utf-8").splitlines())
            assert at <= lines[file], (
                f"{entry.msgid!r}: {file}:{at} is past the end of the file; run makemessages"
            )


def test_no_obsolete_entries_are_kept() -> None:
    assert not any(line.startswith("#~") for line in PO.read_text(encoding="utf-8").splitlines())


# --- (b) The pages follow the chosen language ---------------------------------------------------------------


@pytest.mark.django_db
def test_home_page_is_danish_by_default(catalogue, registry) -> None:
    html = Client().get("/").content.decode()
    assert '<html lang="da">' in html
    assert "Sundhedssamarbejdet mellem regioner, kommuner og almen praksis" in html
    assert ">Forside<" in html
    assert ">Lovgrundlag<" in html
    assert "Health cooperation between" not in html


@pytest.mark.django_db
def test_home_page_is_english_for_an_english_browser(catalogue, registry) -> None:
    html = Client().get("/", **EN).content.decode()
    _assert_english_home(html)


@pytest.mark.django_db
def test_home_page_is_english_after_choosing_english(catalogue, registry) -> None:
    client = Client()
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert response.status_code == 302
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    _assert_english_home(client.get("/", **DA).content.decode())  # the choice beats the browser's language
    client.post("/i18n/setlang/", {"language": "da", "next": "/"})
    assert '<html lang="da">' in client.get("/").content.decode()


def _assert_english_home(html: str) -> None:
    assert '<html lang="en">' in html
    assert "Health cooperation between regions, municipalities and general practice" in html
    for label in ("Home", "Legal basis", "Rules"):  # the main navigation, desktop and mobile
        assert html.count(f"<span>{label}</span>") == 2, label
    assert 'aria-label="Main menu"' in html
    assert ">Choose language<" in html
    assert "Log in</a>" in html
    assert ">Forside<" not in html
    assert "Sundhedssamarbejdet mellem" not in html
    assert "Gå til sidens indhold" not in html


# --- (c) Findings: English labels and explanations, the law's words Danish (ADR 0039, 0051) ----------------------


@pytest.mark.django_db
def test_region_page_in_english_has_english_status_labels_and_english_explanations(
    catalogue, login, sjaelland
) -> None:
    client = login("sjaelland")
    url = reverse("web:region", args=[sjaelland]) + "?dato=2024-06-01"
    html = client.get(url, **EN).content.decode()
    assert '<html lang="en">' in html
    assert ">Findings<" in html
    assert ">Local decisions<" in html
    assert "unless otherwise agreed" in html  # a msgid with quotes in it, extracted whole

    article = _finding(html, "klynge.politisk.almen-praksis")
    assert 'data-status="not_met"' in article
    assert ">Not met<" in article
    assert ">Requirement<" in article

    danish = client.get(url, **DA).content.decode()
    explanation = re.search(
        r'<p class="finding-explanation">(.*?)</p>', _finding(danish, "klynge.politisk.almen-praksis"), re.S
    )
    english = re.search(r'<p class="finding-explanation">(.*?)</p>', article, re.S)
    assert explanation is not None
    assert english is not None
    assert explanation.group(1).startswith("Hvor ikke andet aftales, består det politiske niveau af")
    # The same sentence in English, with the same numbers and names; the law's words kept Danish and marked.
    assert english.group(1).startswith(
        'Unless otherwise agreed (“<i lang="da">hvor ikke andet aftales</i>”), the political level consists of'
    )
    assert sorted(re.findall(r"\d+", explanation.group(1))) == sorted(re.findall(r"\d+", english.group(1)))
    assert "(Danish text)" not in article

    badges = set(_status_badges(html))
    assert "Not met" in badges
    assert badges <= {"Met", "Not met", "Not yet due", "Not applicable", "Needs judgement", "Not recorded"}
    assert "Ikke opfyldt" in _status_badges(danish)


def _finding(html: str, rule_id: str) -> str:
    match = re.search(rf'<article[^>]*data-rule="{re.escape(rule_id)}".*?</article>', html, re.S)
    assert match is not None, f"no finding for {rule_id}"
    return match.group(0)


@pytest.mark.django_db
def test_decision_form_messages_are_english(catalogue, login, sjaelland) -> None:
    client = login("sjaelland")
    html = client.get(reverse("web:decision_create", args=[sjaelland]), **EN).content.decode()
    assert "Record decision" in html
    assert escape("A number, yes/no or a date (YYYY-MM-DD).") in html
    assert "Registrér beslutning" not in html
