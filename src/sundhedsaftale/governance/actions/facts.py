"""Recording a body's own facts: who serves it as secretariat, its rules of procedure, the seats it offered and,
for a sub-committee or working group, whether it is relevant for the patient involvement committee.

The facts are stored as the case file has them (:attr:`Body.facts`, ``core.case.BODY_FACT_FIELDS``) and validated
by the core's :class:`~sundhedsaftale.core.case.BodyFacts`. ``None`` is "ikke registreret" and gives the rule that
reads the fact "Ikke registreret", never a breach (ADR 0012); a secretariat can clear a fact back to that state.
Only the facts a rule reads for the body's kind are edited here (:data:`FACTS_BY_KIND`); the others are kept.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from pydantic import ValidationError

from sundhedsaftale.accounts.audit import record_change
from sundhedsaftale.accounts.models import Audience
from sundhedsaftale.core.case import BODY_FACT_FIELDS, BodyFacts, BodyKind, error_locations
from sundhedsaftale.registry.selectors import in_danish_order

from ..models import Body
from .bodies import Actor, ConflictError, Invalid, require_body_edit

__all__ = [
    "FACTS_BY_KIND",
    "FACT_LABELS",
    "FactProvision",
    "body_facts_get",
    "body_facts_update",
    "facts_as_dict",
    "secretariat_parties",
]


@dataclass(frozen=True)
class FactProvision:
    """A fact a rule reads for a kind of body, and the provision it serves in the law's own words."""

    fact: str  # "secretariat", "rules_of_procedure", "seat_offers" or "patient_committee_relevance"
    cite: str
    words: str  # quoted from the order or the guidance


# Which facts each kind of body has, with the provision a rule checks them against (core/rules/organisation.py,
# composition.py and meetings.py).
FACTS_BY_KIND: dict[BodyKind, tuple[FactProvision, ...]] = {
    BodyKind.POLITICAL_LEVEL: (
        FactProvision(
            "secretariat",
            "§ 5",
            "Regionsrådet yder sammen med kommunalbestyrelserne i sundhedsklyngen den sekretariatsmæssige "
            "betjening af det politiske klyngeniveau",
        ),
        FactProvision(
            "rules_of_procedure", "§ 6, stk. 3", "Det politiske niveau fastsætter selv sin forretningsorden"
        ),
    ),
    BodyKind.PROFESSIONAL_LEVEL: (
        FactProvision(
            "secretariat",
            "§ 12",
            "Regionsrådet sammen med kommunalbestyrelserne i sundhedsklyngen yder den sekretariatsmæssige "
            "betjening af det faglige strategiske klyngeniveau",
        ),
        FactProvision(
            "seat_offers",
            "§ 30, stk. 4",
            "Repræsentanter for patientinddragelsesudvalget vil skulle tilbydes to faste pladser i "
            "sundhedsklyngerne på det faglige strategiske niveau",
        ),
    ),
    BodyKind.COMMITTEE: (
        FactProvision(
            "secretariat",
            "§ 16, stk. 6",
            "Regionen og kommunerne sekretariatsbetjener sundhedssamarbejdsudvalget",
        ),
        FactProvision(
            "rules_of_procedure",
            "§ 16, stk. 1",
            "Sundhedssamarbejdsudvalget fastsætter selv sin forretningsorden",
        ),
    ),
    BodyKind.PATIENT_COMMITTEE: (
        FactProvision(
            "secretariat",
            "§ 26, stk. 3",
            "Regionsrådet sekretariatsbetjener og stiller mødefaciliteter til rådighed for udvalget",
        ),
        FactProvision("rules_of_procedure", "§ 27, stk. 4", "Udvalget fastsætter selv sin forretningsorden"),
    ),
    BodyKind.SUBCOMMITTEE: (
        FactProvision(
            "patient_committee_relevance",
            "§ 30, stk. 3 / afsnit 2.2.8",
            "Repræsentanter fra patientinddragelsesudvalget vil skulle inviteres, hvis sundhedsklyngerne "
            "nedsætter relevante arbejdsgrupper og udviklingsprojekter",
        ),
    ),
    BodyKind.WORKING_GROUP: (
        FactProvision(
            "patient_committee_relevance",
            "§ 30, stk. 3 / afsnit 2.2.8",
            "Repræsentanter fra patientinddragelsesudvalget vil skulle inviteres, hvis sundhedsklyngerne "
            "nedsætter relevante arbejdsgrupper og udviklingsprojekter",
        ),
    ),
}

# The facts as a secretariat sees them, for messages and pages.
FACT_LABELS: dict[str, Promise] = {
    "secretariat": gettext_lazy("Sekretariat"),
    "rules_of_procedure": gettext_lazy("Forretningsorden"),
    "rules_of_procedure.adopted_on": gettext_lazy("Forretningsorden, vedtaget"),
    "rules_of_procedure.reference": gettext_lazy("Forretningsorden, reference"),
    "seat_offers": gettext_lazy("Tilbudte pladser"),
    "to": gettext_lazy("tilbudt til"),
    "seats": gettext_lazy("antal pladser"),
    "offered_on": gettext_lazy("tilbudt den"),
    "reference": gettext_lazy("reference"),
    "response": gettext_lazy("svar"),
    "patient_committee_relevance": gettext_lazy("Relevant for patientinddragelsesudvalget"),
    "patient_committee_relevance_reason": gettext_lazy("Begrundelse for relevans"),
}


def facts_of(body: Body) -> tuple[FactProvision, ...]:
    try:
        return FACTS_BY_KIND[BodyKind(body.kind)]
    except (KeyError, ValueError):
        return ()


def body_facts_get(body: Body) -> BodyFacts:
    """The body's facts as stored (an empty record: nothing recorded)."""
    return BodyFacts.model_validate({k: v for k, v in (body.facts or {}).items() if k in BODY_FACT_FIELDS})


def facts_as_dict(facts: BodyFacts) -> dict[str, Any]:
    """The facts as :attr:`Body.facts` stores them (the case file's JSON for those fields)."""
    return facts.model_dump(mode="json")


def secretariat_parties(body: Body) -> list[tuple[str, str]]:
    """``(code, name)`` of the parties that may serve the body: the region, then its municipalities."""
    region = body.region
    return [(region.code, region.name)] + [
        (m.code, m.name) for m in in_danish_order(region.municipalities.all())
    ]


def _label(path: str) -> str:
    """A field path such as ``seat_offers[1].offered_on`` as the person sees it: 'Tilbudt plads 2, tilbudt den'."""
    if path.startswith("secretariat["):
        return str(FACT_LABELS["secretariat"])
    if path.startswith("seat_offers["):
        index, _sep, rest = path.removeprefix("seat_offers[").partition("]")
        field = rest.lstrip(".")
        where = _("Tilbudt plads %(n)s") % {"n": int(index) + 1}
        return f"{where}, {FACT_LABELS[field]}" if field in FACT_LABELS else where
    return str(FACT_LABELS.get(path, path))


def _schema_errors(exc: ValidationError) -> list[tuple[str, str]]:
    """The core schema's errors as ``(field path, Danish message naming the field)``."""
    return [(path, f"{_label(path)}: {reason}") for path, reason in error_locations(exc)]


def body_facts_update(*, actor: Actor, body_key: str, expected_version: int, data: dict[str, Any]) -> Body:
    """Record the body's facts named in ``data`` (JSON values of :class:`BodyFacts`' fields, ``None`` for "ikke
    registreret"); facts not named keep their value. Raises :class:`ConflictError` when the body changed since
    ``expected_version`` and :class:`Invalid` (nothing written) when a value does not fit."""
    with transaction.atomic():
        body = Body.objects.select_for_update().select_related("region").get(key=body_key)
        require_body_edit(actor, body)
        if body.version != expected_version:
            raise ConflictError(body, _("Organet"))
        editable = {p.fact for p in facts_of(body)}
        if "patient_committee_relevance" in editable:
            editable.add("patient_committee_relevance_reason")
        unknown = sorted(set(data) - editable)
        if unknown:
            raise Invalid(
                [
                    (
                        field,
                        _("%(field)s: registreres ikke for denne type organ.")
                        % {"field": _label(field) if field in FACT_LABELS else field},
                    )
                    for field in unknown
                ]
            )
        stored = body_facts_get(body)
        merged = {**facts_as_dict(stored), **data}
        try:
            facts = BodyFacts.model_validate(merged)
        except ValidationError as exc:
            raise Invalid(_schema_errors(exc)) from None
        parties = {code for code, _name in secretariat_parties(body)}
        errors = [
            (
                f"secretariat[{i}]",
                _("%(field)s: '%(code)s' er hverken regionen eller en af dens kommuner.")
                % {"field": FACT_LABELS["secretariat"], "code": code},
            )
            for i, code in enumerate(facts.secretariat or ())
            if code not in parties
        ]
        if errors:
            raise Invalid(errors)
        before = facts_as_dict(stored)
        after = facts_as_dict(facts)
        if before == after:
            return body
        body.facts = after
        body.version = expected_version + 1
        body.save(update_fields=["facts", "version", "updated_at"])
        record_change(
            actor=actor,
            action="body_facts_update",
            object_type="body",
            object_id=body.key[:64],  # the audit log holds 64 characters
            region_code=body.region_id,
            before={"facts": before, "version": expected_version},
            after={"facts": after, "version": body.version},
            audience=Audience.REGION,
        )
    return body
