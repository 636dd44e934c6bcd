"""Values and keys in words: what a page shows instead of a stored key, a Python value or an English code.

Every page that shows a parameter, a fact of a finding, a decision's value, an audit row's field or an imported
record's field reads it through here: ``in_words`` (ja/nej, "8 uger", "5. september 2022", a list as "a, b og
c"), ``parameter_label`` and ``rule_title`` (in the language of the request, ADR 0039), ``field_label`` and
``field_value`` (stored codes as their labels, stored keys as the names of what they name). The keys themselves
are shown only inside a ``<details data-technical>`` "Tekniske oplysninger" element.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.utils import formats
from django.utils.functional import Promise
from django.utils.translation import get_language, gettext, gettext_lazy, ngettext

from sundhedsaftale.accounts.models import Role
from sundhedsaftale.core.case import (
    AppointingBody,
    BodyKind,
    DecisionMaker,
    MeetingKind,
    MeetingStatus,
    MemberRole,
    Representation,
)
from sundhedsaftale.core.rules import Parameter, finding_in_english
from sundhedsaftale.followup.models import ReportKind
from sundhedsaftale.governance.body_selectors import APPOINTED_BY_LABELS, REPRESENTATION_LABELS, ROLE_LABELS
from sundhedsaftale.governance.models import BODY_KIND_LABELS, StatementBasis
from sundhedsaftale.hearings.models import DispositionChoice, Topic
from sundhedsaftale.review.models import LetterKind, Verdict

from .platform import english, platform

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_ISO_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}")


def language() -> str:
    """The language of the request: "en" or "da"."""
    return "en" if (get_language() or "da").startswith("en") else "da"


def finding_in_language(finding: Mapping[str, Any]) -> Mapping[str, Any]:
    """A finding dict in the request's language: in English mode its titles, statuses and explanation in English
    (ADR 0039, 0051); in Danish as it is."""
    if language() == "en" and finding.get("language") != "en":
        return finding_in_english(finding, english())
    return finding


def parameter(key: str) -> Parameter | None:
    book = platform().rulebook.parameters
    if key not in book:
        return None
    return book[key]


def parameter_label(key: str) -> str:
    """The parameter's label (English in English mode); an unknown key is shown as a neutral phrase."""
    found = parameter(key)
    if found is None:
        return gettext("Ukendt parameter")
    return english().parameter_label(key, found.label) if language() == "en" else found.label


def rule_title(rule_id: str) -> str:
    """The rule's title (English in English mode); an unknown id is shown as a neutral phrase."""
    found = next((r for r in platform().rulebook.rules if r.id == rule_id), None)
    if found is None:
        return gettext("en regel")
    return english().rule_title(rule_id, found.title) if language() == "en" else found.title


def in_words(value: Any, *, value_type: str = "") -> str:
    """One value as a reader says it. ``value_type`` is a parameter's type (weeks, months, years, month_day)."""
    if value is None or value == "":
        return "–"
    if isinstance(value, bool):
        return gettext("ja") if value else gettext("nej")
    if isinstance(value, int) and value_type in _UNITS:
        return _UNITS[value_type](value)
    if isinstance(value, dt.datetime):
        return formats.date_format(value, "DATETIME_FORMAT")
    if isinstance(value, dt.date):
        return formats.date_format(value, "DATE_FORMAT")
    if isinstance(value, str):
        if _ISO_DATE.match(value):
            return formats.date_format(dt.date.fromisoformat(value), "DATE_FORMAT")
        if _ISO_DATETIME.match(value):
            return formats.date_format(dt.datetime.fromisoformat(value), "DATETIME_FORMAT")
        return value
    if isinstance(value, Mapping):
        if {"month", "day"} <= set(value):
            return month_day(value)
        return "; ".join(f"{field_label(str(k))}: {_code_or_words(str(k), v)}" for k, v in value.items())
    if isinstance(value, Iterable):
        return listing(in_words(v) for v in value)
    if hasattr(value, "month") and hasattr(value, "day"):
        return month_day(
            {"month": value.month, "day": value.day, "year_of_period": getattr(value, "year_of_period", None)}
        )
    return str(value)


def listing(items: Iterable[str]) -> str:
    """ "a, b og c" ("a, b and c"); "ingen" when empty."""
    words = [w for w in items if w]
    if not words:
        return gettext("ingen")
    if len(words) == 1:
        return words[0]
    return gettext("%(first)s og %(last)s") % {"first": ", ".join(words[:-1]), "last": words[-1]}


def month_day(value: Mapping[str, Any]) -> str:
    day = formats.date_format(dt.date(2000, int(value["month"]), int(value["day"])), "MONTH_DAY_FORMAT")
    year = value.get("year_of_period")
    if year:
        return gettext("%(day)s i valgperiodens %(n)s. år") % {"day": day, "n": year}
    return day


def parameter_value(key: str, value: Any) -> str:
    """A decision's or a parameter's value in words, with its unit ("370 dage" is "8 uger" where so typed)."""
    found = parameter(key)
    return in_words(value, value_type=found.value_type if found else "")


_UNITS = {
    "weeks": lambda n: ngettext("%(n)s uge", "%(n)s uger", n) % {"n": n},
    "months": lambda n: ngettext("%(n)s måned", "%(n)s måneder", n) % {"n": n},
    "years": lambda n: ngettext("%(n)s år", "%(n)s år", n) % {"n": n},
    "days": lambda n: ngettext("%(n)s dag", "%(n)s dage", n) % {"n": n},
}


def field_label(name: str) -> str:
    """A stored field's name as a label; a name with no label is written out with spaces."""
    label = FIELD_LABELS.get(name)
    return str(label) if label is not None else name.replace("_", " ").capitalize()


# The fields the actions store in the audit log (``*_as_dict``) and the import compares, by their labels.
FIELD_LABELS = {
    "key": gettext_lazy("Nøgle"),
    # A computation of the register indicators (datasupport, ADR 0049)
    "source": gettext_lazy("Kilde"),
    "synthetic": gettext_lazy("Syntetiske data"),
    "fingerprint": gettext_lazy("Registrets fingeraftryk"),
    "periods": gettext_lazy("Perioder"),
    "value_count": gettext_lazy("Antal værdier"),
    "body": gettext_lazy("Organ"),
    "person": gettext_lazy("Person"),
    "person_name": gettext_lazy("Navn"),
    "name": gettext_lazy("Navn"),
    "role": gettext_lazy("Rolle"),
    "appointed_by": gettext_lazy("Udpeget af"),
    "municipality": gettext_lazy("Kommune"),
    "cluster": gettext_lazy("Klynge"),
    "covers_psychiatry": gettext_lazy("Dækker psykiatrien"),
    "represents": gettext_lazy("Repræsenterer"),
    "chair": gettext_lazy("Formand"),
    "vice_chair": gettext_lazy("Næstformand"),
    "substitute": gettext_lazy("Stedfortræder"),
    "start": gettext_lazy("Fra"),
    "end": gettext_lazy("Til"),
    "version": gettext_lazy("Version"),
    "email": gettext_lazy("E-mail"),
    "organisation": gettext_lazy("Organisation"),
    "region": gettext_lazy("Region"),
    "kind": gettext_lazy("Type"),
    "parent": gettext_lazy("Hører under"),
    "patient_committee_invited": gettext_lazy("Patientinddragelsesudvalget inviteret"),
    "date": gettext_lazy("Dato"),
    "status": gettext_lazy("Status"),
    "title": gettext_lazy("Titel"),
    "location": gettext_lazy("Sted"),
    "requested_by_member": gettext_lazy("Ønsket af et medlem"),
    "chaired_by": gettext_lazy("Mødeleder"),
    "minutes": gettext_lazy("Referat"),
    "agenda_published_at": gettext_lazy("Dagsorden offentliggjort"),
    "agenda": gettext_lazy("Dagsorden"),
    "attendance": gettext_lazy("Fremmøde"),
    "parameter": gettext_lazy("Parameter"),
    "subject_id": gettext_lazy("Gælder for"),
    "value": gettext_lazy("Værdi"),
    "decided_by": gettext_lazy("Besluttet af"),
    "decision_maker": gettext_lazy("Beslutningstager"),
    "decided_on": gettext_lazy("Beslutningsdato"),
    "reference": gettext_lazy("Reference"),
    "valid_until": gettext_lazy("Gælder til og med"),
    "note": gettext_lazy("Note"),
    # A verification of a legal change and its withdrawal (ADR 0026, ADR 0052)
    "change_id": gettext_lazy("Lovændring"),
    "verified_against": gettext_lazy("Verificeret mod"),
    "verified_by": gettext_lazy("Verificeret af"),
    "verified_on": gettext_lazy("Verificeret den"),
    "topic": gettext_lazy("Emne"),
    "basis": gettext_lazy("Grundlag"),
    "given_on": gettext_lazy("Afgivet"),
    "meeting": gettext_lazy("Møde"),
    "consensus_sought": gettext_lazy("Enighed søgt"),
    "consensus_reached": gettext_lazy("Enighed opnået"),
    "dissents": gettext_lazy("Egne synspunkter"),
    "username": gettext_lazy("Brugernavn"),
    "region_code": gettext_lazy("Region"),
    "cluster_id": gettext_lazy("Klynge"),
    "bodies": gettext_lazy("Organer"),
    "memberships": gettext_lazy("Medlemskaber"),
    "meetings": gettext_lazy("Møder"),
    "agreements": gettext_lazy("Aftaler"),
    "decisions": gettext_lazy("Beslutninger"),
    "changes": gettext_lazy("Ændringer"),
    "added": gettext_lazy("tilføjet"),
    "changed": gettext_lazy("ændret"),
    "removed": gettext_lazy("fjernet"),
    "unchanged": gettext_lazy("uændret"),
    "secretariat": gettext_lazy("Sekretariat"),
    "rules_of_procedure": gettext_lazy("Forretningsorden"),
    "number": gettext_lazy("Nummer"),
    "description": gettext_lazy("Beskrivelse"),
    "outcome": gettext_lazy("Beslutning"),
    "authorities_only": gettext_lazy("Kun for myndigheder"),
}


_MEETING_WORDS: dict[str, dict[str, Promise]] = {
    "status": {
        MeetingStatus.PLANNED.value: gettext_lazy("planlagt"),
        MeetingStatus.HELD.value: gettext_lazy("afholdt"),
        MeetingStatus.CANCELLED.value: gettext_lazy("aflyst"),
    },
    "kind": {
        MeetingKind.ORDINARY.value: gettext_lazy("ordinært møde"),
        MeetingKind.CONSTITUTING.value: gettext_lazy("konstituerende møde"),
        MeetingKind.DIALOGUE.value: gettext_lazy("dialogmøde"),
        MeetingKind.PATIENT_COMMITTEE_ANNUAL.value: gettext_lazy(
            "årligt møde med patientinddragelsesudvalget"
        ),
        MeetingKind.AGREEMENT_KICKOFF.value: gettext_lazy("møde før udkast til sundhedsaftale"),
    },
}

# Codes stored in the audit rows of hearings and status reports, by field; also read inside a row's nested values
# (a disposition's kind in a list of dispositions).
_RECORD_CODES: dict[str, dict[str, Promise | str]] = {
    "topic": dict(Topic.choices),
    "kind": {**dict(DispositionChoice.choices), **dict(ReportKind.choices)},
}

DECISION_MAKER_LABELS = {
    DecisionMaker.PARTIES: gettext_lazy("parterne"),
    DecisionMaker.MUNICIPAL_COUNCIL: gettext_lazy("kommunalbestyrelsen"),
    DecisionMaker.AUTHORITY: gettext_lazy("Sundhedsstyrelsen"),
}


@dataclass(frozen=True)
class Names:
    """The names of what stored keys refer to, looked up once for a page."""

    bodies: Mapping[str, str] = field(default_factory=dict)
    agreements: Mapping[str, str] = field(default_factory=dict)
    municipalities: Mapping[str, str] = field(default_factory=dict)
    clusters: Mapping[str, str] = field(default_factory=dict)


def _code_or_words(field: str, value: Any) -> str:
    codes = _RECORD_CODES.get(field, {})
    return str(codes[value]) if isinstance(value, str) and value in codes else in_words(value)


def field_value(field: str, value: Any, names: Names) -> str:
    """A stored field value in words; codes become their labels, keys the names of what they name."""
    if value is None or value == "":
        return "–"
    text = str(value)
    if field == "role" and text in MemberRole._value2member_map_:
        return str(ROLE_LABELS[MemberRole(text)])
    if field == "appointed_by" and text in AppointingBody._value2member_map_:
        return str(APPOINTED_BY_LABELS[AppointingBody(text)])
    if field == "kind" and text in BodyKind._value2member_map_:
        return str(BODY_KIND_LABELS[BodyKind(text)])
    if field in _MEETING_WORDS and text in _MEETING_WORDS[field]:
        return str(_MEETING_WORDS[field][text])
    if field == "role" and text in Role.values:
        return str(Role(text).label)
    if field == "basis" and text in StatementBasis.values:
        return str(StatementBasis(text).label)
    if field == "kind" and text in LetterKind.values:
        return str(LetterKind(text).label)
    if field in _RECORD_CODES and text in _RECORD_CODES[field]:
        return str(_RECORD_CODES[field][text])
    if field == "verdict" and text in Verdict.values:
        return str(Verdict(text).label)
    if field == "agreement":
        return names.agreements.get(text, gettext("sundhedsaftalen"))
    if field in ("represents",) and text in Representation._value2member_map_:
        return str(REPRESENTATION_LABELS[Representation(text)])
    if field == "decision_maker" and text in DecisionMaker._value2member_map_:
        return str(DECISION_MAKER_LABELS[DecisionMaker(text)])
    if field in ("body", "parent", "body_id", "parent_body_id"):
        return names.bodies.get(text, gettext("et organ"))
    if field in ("municipality", "municipality_code"):
        return names.municipalities.get(text, text)
    if field in ("cluster", "cluster_id"):
        return names.clusters.get(text, text)
    if field == "parameter":
        return parameter_label(text)
    return in_words(value)
