"""Every explanation in Danish and in English from the same facts (ADR 0051): the rules say messages, the data
holds a Danish and an English template per key, the loading refuses a key without its English, and an English
explanation carries the Danish one's numbers, names and provisions, with no Danish words but the law's marked."""

from __future__ import annotations

import datetime as dt
import functools
import pickle
import re
import string
from pathlib import Path
from typing import Any

import pytest

from sundhedsaftale.core import load_platform
from sundhedsaftale.core.errors import DataFileError
from sundhedsaftale.core.rules import EnglishTexts, Finding, finding_as_dict, finding_in_english, load_english
from sundhedsaftale.core.rules._explanations import _Formatter, load_explanations, say
from sundhedsaftale.data import DATA_DIR
from sundhedsaftale.demo import build_national_demo

EXPLANATIONS = DATA_DIR / "law" / "explanations.yaml"
DAY = dt.date(2026, 11, 23)

# Danish words that no English sentence of the platform uses; names (people, municipalities, organisations) and
# citations ("§ 3, stk. 1, nr. 2", "afsnit 2.2.8") are not among them.
DANISH = {
    "og", "er", "ikke", "af", "til", "der", "skal", "har", "på", "med", "fra", "blev", "kræves", "mindst",
    "møde", "møder", "udvalget", "aftalen", "registreret", "ingen", "i", "som", "den", "det", "et", "hvor",
    "men", "alle", "efter", "før", "inden", "frist", "fristen", "formand", "næstformand", "mangler", "bør",
}  # fmt: skip


@functools.cache
def _texts() -> EnglishTexts:
    book = load_platform().rulebook
    return load_english(
        DATA_DIR / "law" / "english.yaml",
        rule_ids=[r.id for r in book.rules],
        parameter_keys=[p.key for p in book.parameters],
        explanations=book.explanations,
    )


@functools.cache
def _findings() -> tuple[Finding, ...]:
    platform = load_platform()
    cases = build_national_demo(platform.reference, today=DAY)
    return tuple(f for case in cases for f in platform.rulebook.evaluate(case, DAY))


def _one(rule_id: str, status: str) -> tuple[dict[str, Any], dict[str, Any]]:
    """A demo finding of the rule with the status, as the Danish dict and the English one."""
    found = next(f for f in _findings() if f.rule_id == rule_id and f.status.value == status)
    plain = finding_as_dict(found)
    return plain, finding_in_english(plain, _texts())


def _english_words(english: dict[str, Any]) -> set[str]:
    """The words of the English explanation outside the Danish words it quotes (marked ``da``)."""
    text = " ".join(p["text"] for p in english["explanation_parts"] if p["lang"] == "en")
    return set(re.findall(r"[^\W\d_]+", text))


def _assert_same_facts(danish: dict[str, Any], english: dict[str, Any]) -> None:
    da, en = danish["explanation"], english["explanation"]
    assert english["explanation_language"] == "en"
    assert sorted(re.findall(r"\d+", da)) == sorted(re.findall(r"\d+", en)), (da, en)
    for provision in re.findall(r"§ \d+(?:, stk\. \d+)?(?:, nr\. \d+)?", da):
        assert provision in en, (provision, en)
    names = [
        n for fact in danish["facts"] if isinstance(fact["value"], str) for n in fact["value"].split(", ")
    ]
    for name in names:
        if name and name in da and not set(name.lower().split()) & DANISH and not name.isdigit():
            assert name in en, (name, en)
    assert not _english_words(english) & DANISH, en


@pytest.mark.parametrize(
    ("rule_id", "status", "words"),
    [
        # composition: the law's words, the seats counted, the shortfall and who sits
        (
            "klynge.faglig.almen-praksis",
            "not_met",
            ["general practitioner appointed by PLO", "missing", "Recorded:"],
        ),
        ("pi-udvalg.sammensaetning", "not_met", ["members appointed by", "The region takes the initiative"]),
        # meeting frequency: the year, the meetings held and the minimum
        ("udvalg.moeder", "not_met", ["The health cooperation committee held only", "the minimum is"]),
        # terms of office follow the election period
        ("udvalg.funktionsperiode", "met", ["members are appointed for the election period"]),
        # the agreement's deadline, written as an English date with the days left
        (
            "aftale.indsendelsesfrist",
            "not_yet_due",
            ["The agreement is not submitted yet; the deadline is", "days"],
        ),
        # the patient involvement committee
        ("pi-udvalg.formandskab", "met", ["Chair ", ", vice-chair "]),
        ("pi-udvalg.somatik-psykiatri", "met", ["Both somatic and mental illness"]),
    ],
)
def test_each_kind_of_rule_explains_in_english_with_the_same_facts(
    rule_id: str, status: str, words: list[str]
) -> None:
    danish, english = _one(rule_id, status)
    _assert_same_facts(danish, english)
    for word in words:
        assert word in english["explanation"], english["explanation"]
    assert english["explanation_danish"] == ""  # nothing left to show in Danish beside it


def test_the_law_quoted_in_an_english_explanation_stays_danish_and_is_marked() -> None:
    danish, english = _one("klynge.faglig.almen-praksis", "not_met")
    assert danish["explanation"].startswith(
        "Hvor ikke andet aftales, består det faglige strategiske niveau af 2"
    )
    assert english["explanation"].startswith(
        "Unless otherwise agreed (“hvor ikke andet aftales”), the professional-strategic level consists of 2"
    )
    assert {"text": "hvor ikke andet aftales", "lang": "da"} in english["explanation_parts"]
    assert "⟪" not in english["explanation"]


def test_every_finding_the_demo_gives_has_an_english_explanation_with_the_same_numbers() -> None:
    found = _findings()
    assert len({f.rule_id for f in found}) > 50
    for f in found:
        english = finding_in_english(finding_as_dict(f), _texts())
        assert english["explanation_language"] == "en", f.rule_id
        assert "{" not in english["explanation"], english["explanation"]
        assert "⟪" not in english["explanation"], english["explanation"]
        assert sorted(re.findall(r"\d+", f.explanation)) == sorted(re.findall(r"\d+", english["explanation"]))


def test_a_local_decision_is_noted_in_english_with_the_parameters_english_label() -> None:
    platform = load_platform()
    case = next(c for c in build_national_demo(platform.reference, today=DAY) if c.region.code == "1085")
    noted = [
        f for f in platform.rulebook.evaluate(case, DAY) if any(a.decision is not None for a in f.applied)
    ]
    assert noted
    f = noted[0]
    english = finding_in_english(finding_as_dict(f), _texts())
    key = next(a.parameter for a in f.applied if a.decision is not None)
    assert "Lokal beslutning anvendt i stedet for standarden" in f.explanation
    assert "A local decision applied instead of the default" in english["explanation"]
    assert _texts().parameter_label(key) in english["explanation"]


def test_an_older_stored_finding_without_messages_shows_its_danish_explanation_marked() -> None:
    danish, _ = _one("udvalg.moeder", "not_met")
    older = {k: v for k, v in danish.items() if k != "messages"}
    english = finding_in_english(older, _texts())
    assert english["explanation_language"] == "da"
    assert english["explanation"] == "The record does not meet this."
    assert english["explanation_danish"] == danish["explanation"]


def test_a_message_whose_template_is_gone_falls_back_to_the_danish_text() -> None:
    danish, _ = _one("udvalg.moeder", "not_met")
    renamed = {**danish, "messages": [{"key": "udvalg.moeder/ikke-mere", "params": {}}]}
    english = finding_in_english(renamed, _texts())
    assert english["explanation_language"] == "da"
    assert english["explanation_danish"] == danish["explanation"]


def _without_english(text: str, key: str) -> str:
    """The file with the English template of ``key`` (``group`` + two-space indented ``name``) taken out."""
    group, name = key.rsplit("/", 1)
    pattern = rf"(\n  {re.escape(group)}:\n(?:    .*\n|      .*\n)*?    {re.escape(name)}:\n      da: .*\n)      en: .*\n"
    changed, n = re.subn(pattern, r"\1", text)
    assert n == 1, key
    return changed


def test_a_rule_explanation_without_its_english_stops_loading_naming_the_rule(tmp_path: Path) -> None:
    broken = tmp_path / "explanations.yaml"
    broken.write_text(
        _without_english(EXPLANATIONS.read_text(encoding="utf-8"), "pi-udvalg.formandskab/not-met"),
        encoding="utf-8",
    )
    rule_ids = [r.id for r in load_platform().rulebook.rules]
    with pytest.raises(DataFileError, match=r"ingen engelsk forklaring for pi-udvalg\.formandskab/not-met"):
        load_explanations(broken, rule_ids=rule_ids)
    assert load_explanations(EXPLANATIONS, rule_ids=rule_ids).templates  # the file as shipped loads


def test_templates_that_name_different_facts_stop_loading(tmp_path: Path) -> None:
    broken = tmp_path / "explanations.yaml"
    broken.write_text(
        'rules:\n  udvalg.moeder:\n    x:\n      da: "{held} møder"\n      en: "{minimum} meetings"\n',
        encoding="utf-8",
    )
    with pytest.raises(DataFileError, match=r"udvalg\.moeder/x bruger ikke de samme fakta"):
        load_explanations(broken, rule_ids=["udvalg.moeder"])


def test_every_template_key_the_rules_use_is_in_the_data() -> None:
    """A rule saying a key the data lacks fails when it is evaluated; the demo reaches every rule, and each key it
    says is found in both languages."""
    templates = load_platform().rulebook.explanations.templates
    said: set[str] = set()

    def walk(message: dict[str, Any]) -> None:
        said.add(message["key"])
        for value in message["params"].values():
            for v in value if isinstance(value, list) else [value]:
                if isinstance(v, dict) and "key" in v:
                    walk(v)

    for f in _findings():
        for m in finding_as_dict(f)["messages"]:
            walk(m)
    assert said <= set(templates)
    assert all(set(templates[k]) == {"da", "en"} for k in said)


def test_each_rule_writes_from_its_own_templates_or_the_shared_ones_it_declares() -> None:
    explanations = load_platform().rulebook.explanations
    for f in _findings():
        first, *notes = f.messages
        group = first.key.rsplit("/", 1)[0]
        allowed = {f.rule_id, *(f"shared.{u}" for u in explanations.uses[f.rule_id])}
        assert group in allowed, (f.rule_id, first.key)
        assert all(n.key.startswith("shared.notes/") for n in notes), f.rule_id


def _sample_params(template: str, variant: int) -> dict[str, Any]:
    """Facts for every field of ``template``, of the sort its format spec writes; ``variant`` picks among values
    that take different paths (empty and long lists, one and many, a date as a date and as stored text, a nested
    message, a number where a name is usual)."""
    nested = say("shared.dates/date", date=dt.date(2024, 1, 5))
    names = [[], ["Aabenraa"], ["Lars Storm", nested, 7], [f"Navn {i}" for i in range(11)]]
    by_kind: dict[str, list[Any]] = {
        "date": [dt.date(2026, 11, 23), "2027-03-01"],
        "n": [1, 3, 0],
        "either": [1, 3, 0],
        "list": names,
        "and": names,
        "listing": names,
        "listing-stop": [*names, ["Nykøbing F."]],
        "concat": names,
        "lower": ["Regionsrådet", nested],
        "value": [True, False, dt.date(2026, 1, 1), "2025-12-31", 4, "tekst"],
        "parameter": ["political_level.min_meetings_per_year", "ukendt.parameter"],
        "": ["Region Syddanmark", 12, nested, ["a", "b"], True],
    }
    params: dict[str, Any] = {}
    for _, name, spec, _ in string.Formatter().parse(template):
        if name:
            choices = by_kind.get((spec or "").partition("|")[0], by_kind[""])
            params[name] = choices[variant % len(choices)]
    return params


def test_a_compiled_template_writes_what_the_template_read_field_by_field_writes() -> None:
    # Every template is compiled into one function for speed (compiled_template); str.format's own reading of the
    # same template, each field through the formatter, is the reference it must not drift from.
    explanations = load_platform().rulebook.explanations
    checked = 0
    for key, pair in explanations.templates.items():
        for language, template in pair.items():
            reference = _Formatter(explanations, language)
            for variant in range(6):
                params = _sample_params(template, variant)
                assert explanations.render(say(key, **params), language) == reference.vformat(
                    template, (), params
                ), (key, language, params)
                checked += 1
    assert checked >= 6 * 2 * 150  # every template of the file, not a few


def test_a_count_that_is_the_subject_agrees_with_its_verb_in_both_languages() -> None:
    # A cluster of one municipality (Bornholm) is a real case: "All 1 participating municipalities are represented"
    # read as a fault in the platform, in Danish ("Alle 1 deltagende kommuner") as in English.
    explanations = load_platform().rulebook.explanations
    key = "klynge.politisk.borgmestre/met"
    one, three = say(key, count=1, decided=[]), say(key, count=3, decided=[])
    assert explanations.render(one, "da") == "Den ene deltagende kommune er repræsenteret."
    assert explanations.render(one, "en") == "The one participating municipality is represented."
    assert explanations.render(three, "da") == "Alle 3 deltagende kommuner er repræsenteret."
    assert explanations.render(three, "en") == "All 3 participating municipalities are represented."
    meetings = say("shared.chairing/met", meetings=1)
    assert explanations.render(meetings, "en") == "The one meeting was chaired by the chairmanship."


def test_templates_in_use_are_kept_with_the_loaded_platform_and_write_the_same_after() -> None:
    # The loaded platform is pickled between runs of the command line (ADR 0044); compiled templates are functions
    # made at run time, so the templates are kept and compiled again.
    explanations = load_platform().rulebook.explanations
    message = say("shared.meetings/met", body=say("shared.bodies/committee"), held=1, year=2025, minimum=4)
    written = explanations.render(message, "da")
    again = pickle.loads(pickle.dumps(explanations))
    assert again.render(message, "da") == written
    assert again.render(message, "en") == explanations.render(message, "en")
