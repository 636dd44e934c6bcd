"""A finding's explanation as a message: a template key and the facts, rendered in Danish or English (ADR 0051).

A rule says ``say("pi-udvalg.formandskab/met", chairs=[...], vices=[...])`` instead of writing a Danish sentence;
the Danish and the English template of each key stand side by side in ``data/law/explanations.yaml``. The engine
renders the Danish one into ``Finding.explanation`` (so Danish pages, letters and exports read as before) and
keeps the message on the finding, so a page in English renders the English template from the same facts.

A template is ``str.format`` text whose fields name the message's parameters. A field's format spec says how the
value is written in the template's language:

``{d:date}``              a date (``21. december 2023`` / ``21 December 2023``)
``{n:n|møde|møder}``      a count with its noun in the singular or the plural
``{n:either|Det ene møde|Alle # møder}``  the first text for a count of one, else the second with ``#`` as the
                          count: for a count that is the sentence's subject ("All 1 meetings were" is not English)
``{xs:list}``             items joined by ", " (``ingen`` / ``none`` when empty); ``{xs:list|; }`` another separator
``{xs:and}``               items as "a, b og c" / "a, b and c"
``{xs:listing}``           as ``and``, cut after 8 items ("… og 5 flere" / "… and 5 more"); ``listing-stop`` ends
                          with one full stop, also after an abbreviation ("Nykøbing F.")
``{x:lower}``             the value with its first letter in lower case
``{xs:concat}``            items written one after the other, nothing when empty
``{v:value}``             a parameter's value: yes/no, a date, a day of the election period, a number
``{p:parameter}``         a parameter's label, from its key

A parameter may itself be a message (or a list of them), rendered in the same language. Words of the law quoted
inside an English template stand between ``⟪`` and ``⟫``: they stay Danish and are marked as such.

:func:`load_explanations` refuses a file in which a key lacks its English (or Danish) template, in which the two
templates of a key name different facts, or whose rule section names no rule of the rulebook: the message names
the key, and so the rule.
"""

from __future__ import annotations

import datetime as dt
import re
import string
from collections.abc import Callable, Hashable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from .._yaml import load_located_yaml
from ..periods import danish_date, danish_day_of_year
from ._types import made_at_once

__all__ = ["Explanations", "Message", "load_explanations", "message_as_dict", "say", "say_once"]

LANGUAGES = ("da", "en")
SHARED = "shared"

_MONTHS_EN = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
_NONE = {"da": "ingen", "en": "none"}
# A long ``listing`` is cut after this many items ("… og 5 flere"); the facts keep every name.
_LISTED = 8
_YES_NO = {"da": ("ja", "nej"), "en": ("yes", "no")}
# How many nested messages' texts an Explanations keeps before it starts afresh (bounded memory in a long process).
_NESTED_AT_MOST = 20_000
# Danish law quoted inside an English sentence: kept, and marked for the page.
QUOTE = re.compile(r"⟪([^⟪⟫]*)⟫")


@made_at_once
@dataclass(frozen=True, slots=True)
class Message:
    """A template key (``<rule id or shared.group>/<name>``) and the facts it is written from."""

    key: str
    params: Mapping[str, Any]


def say(key: str, **params: Any) -> Message:
    return Message(key, params)


@lru_cache(maxsize=4096)
def say_once(key: str, **params: Hashable) -> Message:
    """:func:`say` for a small message written inside many others (a body's name, a number of seats): one object
    per key and facts, so that :meth:`_Formatter.nested` writes its text once per language."""
    return Message(key, params)


def _plain(value: Any) -> Any:
    if isinstance(value, Message):
        return message_as_dict(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if hasattr(value, "year_of_period"):  # calendar.MonthDay
        return {"month": value.month, "day": value.day, "year_of_period": value.year_of_period}
    return value


def message_as_dict(message: Message) -> dict[str, Any]:
    """The JSON-ready form kept with a stored finding: enough to render it again in either language."""
    return {"key": message.key, "params": {k: _plain(v) for k, v in message.params.items()}}


def date_in(language: str, day: dt.date) -> str:
    if language == "da":
        return danish_date(day)
    return f"{day.day} {_MONTHS_EN[day.month - 1]} {day.year}"


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


class Explanations:
    """The Danish and English template of every message key, and how to render a message in either."""

    def __init__(
        self,
        templates: Mapping[str, Mapping[str, str]],
        parameter_labels: Mapping[str, Mapping[str, str]] | None = None,
        *,
        uses: Mapping[str, frozenset[str]] | None = None,
    ) -> None:
        self.templates = dict(templates)
        # Per rule, the shared template groups its explanations are written from besides its own (``uses``).
        self.uses = dict(uses or {})
        # Parameter labels per language ({"da": {key: label}}), for ``{p:parameter}``.
        self.parameter_labels = {lang: dict((parameter_labels or {}).get(lang, {})) for lang in LANGUAGES}
        self._formatters = {lang: _Formatter(self, lang) for lang in LANGUAGES}
        # Per language, each template compiled into a function the first time it is written (``compiled_template``).
        self._compiled: dict[str, dict[str, Callable[[Mapping[str, Any]], str]]] = {
            lang: {} for lang in LANGUAGES
        }

    def __getstate__(self) -> dict[str, Any]:
        # Kept on disk with the loaded platform (ADR 0044): the templates, not the functions compiled from them.
        return {"templates": self.templates, "parameter_labels": self.parameter_labels, "uses": self.uses}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__init__(state["templates"], state["parameter_labels"], uses=state["uses"])  # type: ignore[misc]

    def with_labels(self, language: str, labels: Mapping[str, str]) -> Explanations:
        merged = {**self.parameter_labels, language: dict(labels)}
        return Explanations(self.templates, merged, uses=self.uses)

    def render(self, message: Message | Mapping[str, Any], language: str) -> str:
        if isinstance(message, Message):
            key = message.key
            params = message.params
        else:  # a stored finding's message (``message_as_dict``)
            key = message["key"]
            params = message["params"]
        write = self._compiled[language].get(key)
        if write is None:
            write = self._compiled[language][key] = self._compile(key, language)
        return write(params)

    def writers(self, language: str) -> Mapping[str, Callable[[Mapping[str, Any]], str]]:
        """The templates of ``language`` compiled so far, by key: a caller rendering many messages looks a key up
        here and calls :meth:`render` only for a key not yet compiled."""
        return self._compiled[language]

    def _compile(self, key: str, language: str) -> Callable[[Mapping[str, Any]], str]:
        """The template as one Python function of the message's parameters (:func:`compiled_template`)."""
        try:
            template = self.templates[key][language]
        except KeyError:
            raise KeyError(f"no {language} template for the explanation {key!r}") from None
        return compiled_template(template, self._formatters[language])

    def render_all(self, messages: Sequence[Message | Mapping[str, Any]], language: str) -> str:
        if len(messages) == 1:  # most findings: one message, no notes
            return self.render(messages[0], language).strip()
        return " ".join(t for m in messages if (t := self.render(m, language).strip()))


def compiled_template(template: str, formatter: _Formatter) -> Callable[[Mapping[str, Any]], str]:
    """A template turned into one function of the parameters, writing what ``formatter.vformat`` would.

    An explanation is rendered for every finding; walking the parsed template field by field cost about as much as
    the rest of making the finding. The generated function joins the literal text and one expression per field: a
    field without a format spec holding a name or a number is written as it is (most fields are), any other goes
    to the formatter (``field`` with the spec's kind, or ``_one`` for a message or a list without a spec). A
    template without fields becomes its text.
    """
    pieces: list[str] = []
    writers: dict[str, Callable[[Any, str], str]] = {}
    fields = 0
    for literal, name, spec, _ in string.Formatter().parse(template):
        if literal:
            pieces.append(repr(literal))
        if name is None:
            continue
        fields += 1
        kind, _, rest = (spec or "").partition("|")
        value = f"p[{name!r}]"
        if kind == "n":  # a count and its noun, the most common spec: written inline
            one, _, many = rest.partition("|")
            pieces.append(f"(str(v := {value}) + ({' ' + one!r} if v == 1 else {' ' + many!r}))")
        elif kind in formatter.kinds:
            writers[f"_{len(writers)}"] = formatter.kinds[kind]
            pieces.append(f"_{len(writers) - 1}({value}, {rest!r})")
        elif kind:
            pieces.append(f"_one({value})")
        else:
            pieces.append(
                f"(v if (t := type(v := {value})) is str"
                # a nested message's kept text (``_Formatter.nested``) looked up here, without a call
                " else (k[1] if (k := _written.get(id(v))) is not None and k[0] is v else _nested(v))"
                " if t is _Message else str(v) if t is int else _one(v))"
            )
    if not fields:
        text = "".join(literal for literal, *_ in string.Formatter().parse(template))
        return lambda params: text
    source = f"def write(p):\n    return ''.join(({', '.join(pieces)},))\n"
    namespace: dict[str, Any] = {}
    # The source is built from the template's literal text (as Python literals), its field names (as string
    # literals) and its format specs (as string literals): nothing of the template is run as code.
    exec(
        source,
        {
            "_one": formatter._one,
            "_nested": formatter.nested,
            "_written": formatter.written,
            "_Message": Message,
            **writers,
        },
        namespace,
    )
    write: Callable[[Mapping[str, Any]], str] = namespace["write"]
    return write


class _Formatter(string.Formatter):
    def __init__(self, explanations: Explanations, language: str) -> None:
        self.explanations = explanations
        self.language = language
        # A message inside another is often one object shared by many findings (a provision's words, a body's
        # name, kept by the rulebook across evaluations): its text is written once, kept by the object's id. The
        # entry holds the message itself, so its id cannot be reused while the entry exists.
        self.written: dict[int, tuple[Message, str]] = {}
        # How each kind of format spec writes a value, given the rest of the spec; any other kind: ``_one``.
        self.kinds: dict[str, Callable[[Any, str], str]] = {
            "date": self._date,
            "n": self._count,
            "either": self._either,
            "list": self._list,
            "and": self._and,
            "listing": self._listing_of,
            "listing-stop": self._listing_stop,
            "lower": self._lower,
            "concat": self._concat,
            "value": self._value_of,
            "parameter": self._parameter,
        }

    def format_field(self, value: Any, format_spec: str) -> str:
        kind, _, rest = format_spec.partition("|")
        return self.field(value, kind, rest)

    def field(self, value: Any, kind: str, rest: str) -> str:
        write = self.kinds.get(kind)
        return self._one(value) if write is None else write(value, rest)

    def _date(self, value: Any, rest: str) -> str:
        return date_in(self.language, value if isinstance(value, dt.date) else dt.date.fromisoformat(value))

    def _count(self, value: Any, rest: str) -> str:
        one, _, many = rest.partition("|")
        return f"{value} {one if value == 1 else many}"

    def _either(self, value: Any, rest: str) -> str:
        one, _, many = rest.partition("|")
        return one if value == 1 else many.replace("#", str(value))

    def _list(self, value: Any, rest: str) -> str:
        if not value:
            return _NONE[self.language]
        if type(value) is list or type(value) is tuple:
            try:  # most lists are names: joined as they are
                return (rest or ", ").join(value)
            except TypeError:
                pass  # a message, a number: each written as such
        one = self._one
        items = [one(v) for v in value]
        return (rest or ", ").join(items) if items else _NONE[self.language]

    def _and(self, value: Any, rest: str) -> str:
        items = [self._one(v) for v in value]
        last = " og " if self.language == "da" else " and "
        return (
            items[0]
            if len(items) == 1
            else f"{', '.join(items[:-1])}{last}{items[-1]}"
            if items
            else _NONE[self.language]
        )

    def _listing_of(self, value: Any, rest: str) -> str:
        return self._listing([self._one(v) for v in value], int(rest or _LISTED))

    def _listing_stop(self, value: Any, rest: str) -> str:
        text = self._listing_of(value, rest)
        return text if text.endswith(".") else text + "."

    def _lower(self, value: Any, rest: str) -> str:
        text = self._one(value)
        return text[:1].lower() + text[1:]

    def _concat(self, value: Any, rest: str) -> str:
        return "".join(self._one(v) for v in value)

    def _value_of(self, value: Any, rest: str) -> str:
        return self._value(value)

    def _parameter(self, value: Any, rest: str) -> str:
        labels = self.explanations.parameter_labels
        return labels[self.language].get(str(value)) or labels["da"].get(str(value)) or str(value)

    def _listing(self, items: list[str], cut: int) -> str:
        lang = self.language
        if not items:
            return _NONE[lang]
        shown, rest = items[:cut], len(items) - cut
        if rest > 0:
            more = ("anden" if rest == 1 else "flere") if lang == "da" else ("other" if rest == 1 else "more")
            return f"{', '.join(shown)} {'og' if lang == 'da' else 'and'} {rest} {more}"
        if len(shown) == 1:
            return shown[0]
        return f"{', '.join(shown[:-1])} {'og' if lang == 'da' else 'and'} {shown[-1]}"

    def nested(self, message: Message) -> str:
        kept = self.written.get(id(message))
        if kept is not None and kept[0] is message:
            return kept[1]
        if len(self.written) >= _NESTED_AT_MOST:
            self.written.clear()  # emptied, never replaced: the compiled templates hold this dictionary
        text = self.explanations.render(message, self.language)
        self.written[id(message)] = (message, text)
        return text

    def _one(self, value: Any) -> str:
        if type(value) is str:  # most items: a name
            return value
        if isinstance(value, Message):
            return self.nested(value)
        if isinstance(value, Mapping) and "key" in value and "params" in value:
            return self.explanations.render(value, self.language)
        if isinstance(value, (list, tuple)):
            return ", ".join(self._one(v) for v in value)
        return str(value)

    def _value(self, value: Any) -> str:
        lang = self.language
        if isinstance(value, bool):
            return _YES_NO[lang][0 if value else 1]
        if isinstance(value, dt.date):
            return date_in(lang, value)
        if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            return date_in(lang, dt.date.fromisoformat(value))
        if hasattr(value, "year_of_period"):
            value = {"month": value.month, "day": value.day, "year_of_period": value.year_of_period}
        if isinstance(value, Mapping) and "year_of_period" in value:
            if lang == "da":
                return f"{danish_day_of_year(value['month'], value['day'])} i valgperiodens {value['year_of_period']}. år"
            day = dt.date(2000, value["month"], value["day"])
            return f"{day.day} {_MONTHS_EN[day.month - 1]} in the {_ordinal(value['year_of_period'])} year of the election period"
        return str(value)


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def load_explanations(path: Path, *, rule_ids: Sequence[str]) -> Explanations:
    """Load the templates; every key needs a Danish and an English one naming the same facts."""
    located = load_located_yaml(path)
    data = located.data or {}
    if not isinstance(data, Mapping) or set(data) - {"rules", SHARED}:
        raise located.error([], "forventer afsnittene 'rules' og 'shared'")
    known = set(rule_ids)
    templates: dict[str, dict[str, str]] = {}
    shared_groups = set((data.get(SHARED) or {}).keys())
    uses: dict[str, frozenset[str]] = {}
    for section in (SHARED, "rules"):
        for group, entries in (data.get(section) or {}).items():
            where = [section, group]
            if section == "rules" and group not in known:
                continue  # a rule of a package not loaded here
            name_of_group = group if section == "rules" else f"{SHARED}.{group}"
            if not isinstance(entries, Mapping):
                raise located.error(where, "forventer en skabelon pr. nøgle")
            if section == "rules":
                used = entries.get("uses", [])
                if not isinstance(used, list) or not all(u in shared_groups for u in used):
                    unknown = [
                        u for u in (used if isinstance(used, list) else [used]) if u not in shared_groups
                    ]
                    raise located.error(
                        [*where, "uses"], f"'uses' for {group} nævner ukendte fælles skabeloner: {unknown}"
                    )
                uses[group] = frozenset(used)
            for name, pair in entries.items():
                if section == "rules" and name == "uses":
                    continue
                key = f"{name_of_group}/{name}"
                if not isinstance(pair, Mapping):
                    raise located.error([*where, name], f"forventer 'da' og 'en' for {key}")
                missing = [lang for lang in LANGUAGES if not isinstance(pair.get(lang), str)]
                missing += [
                    lang for lang in LANGUAGES if not missing and not pair[lang] and any(pair.values())
                ]
                if missing:
                    word = "engelsk" if "en" in missing else "dansk"
                    raise located.error([*where, name], f"ingen {word} forklaring for {key}")
                if _fields(pair["da"]) != _fields(pair["en"]):
                    raise located.error(
                        [*where, name],
                        f"den danske og den engelske forklaring for {key} bruger ikke de samme fakta",
                    )
                templates[key] = {lang: pair[lang] for lang in LANGUAGES}
    # Every rule writes its explanation from templates here, in both languages: a rule without its entry (its own
    # templates, or "uses" naming the shared ones it writes from) stops the loading, naming it.
    undeclared = [r for r in rule_ids if r not in uses]
    if undeclared:
        raise located.error(
            ["rules"],
            f"ingen forklaringer på dansk og engelsk for reglen {', '.join(repr(r) for r in undeclared)}",
        )
    return Explanations(templates, uses=uses)


def split_quotes(text: str) -> list[tuple[str, str]]:
    """An English explanation as (text, language) parts: the quoted Danish law as ``da``, the rest ``en``."""
    parts: list[tuple[str, str]] = []
    last = 0
    for match in QUOTE.finditer(text):
        if match.start() > last:
            parts.append((text[last : match.start()], "en"))
        parts.append((match.group(1), "da"))
        last = match.end()
    if last < len(text):
        parts.append((text[last:], "en"))
    return parts


def without_marks(text: str) -> str:
    """Plain text (CSV, API): the marks around Danish words taken out (the templates quote the law themselves)."""
    return QUOTE.sub(r"\1", text)
