"""A body's own facts in the interchange files: who serves it as secretariat, its rules of procedure, whether a
working group is relevant for the patient involvement committee (columns of the sheet "Organer"), and the seats it
offered (the sheet "Tilbudte pladser").

These came after the first file format. A file without the columns or the sheet keeps what the platform holds for
an existing body, so importing an older export never erases them.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from sundhedsaftale.core.case import Body, RegionCase, RulesOfProcedure, SeatOffer

from . import _tables

if TYPE_CHECKING:
    from ._tables import Cell, _Reader, _Row

__all__ = ["body_fact_cells", "body_facts", "seat_offers_by_body"]

_FIELD_HEADERS = {
    "secretariat": "sekretariat",
    "rules_adopted_on": "forretningsorden vedtaget",
    "rules_reference": "forretningsorden reference",
    "patient_committee_relevance": "relevant for patientinddragelsesudvalget",
    "patient_committee_relevance_reason": "begrundelse for relevans",
}


def body_fact_cells(body: Body) -> list[Cell]:
    """The cells of the fact columns for one body, in the columns' order."""
    rules = body.rules_of_procedure
    return [
        ", ".join(body.secretariat) if body.secretariat is not None else None,
        rules.adopted_on if rules else None,
        rules.reference if rules else None,
        _tables.RELEVANCES.label(body.patient_committee_relevance)
        if body.patient_committee_relevance
        else None,
        body.patient_committee_relevance_reason or None,
    ]


def body_facts(reader: _Reader, row: _Row, stored: Body | None, base: RegionCase) -> dict[str, Any] | None:
    """The body's fact fields from ``row``; a column the file lacks keeps ``stored``'s value. None after a
    problem (reported on the row)."""
    sheet = row.sheet.name

    def absent(field: str) -> bool:
        return (sheet, _FIELD_HEADERS[field]) in reader.absent

    facts: dict[str, Any] = {}
    if absent("secretariat"):
        facts["secretariat"] = stored.secretariat if stored else None
    else:
        text = row.values.get("secretariat") or ""
        codes = tuple(c.strip() for c in text.split(",") if c.strip())
        known = {base.region.code, *(m.code for m in base.municipalities)}
        unknown = [c for c in codes if c not in known]
        if unknown:
            reader.problem(
                sheet,
                row.number,
                "sekretariat",
                f"ukendt part '{unknown[0]}'; skriv regionskoden {base.region.code} og kommunekoder fra regionen",
            )
            return None
        facts["secretariat"] = codes or None
    if absent("rules_adopted_on") or absent("rules_reference"):
        facts["rules_of_procedure"] = stored.rules_of_procedure if stored else None
    else:
        adopted, reference = row.values.get("rules_adopted_on"), row.values.get("rules_reference") or ""
        if (adopted is None) != (not reference):
            missing = "forretningsorden reference" if adopted is not None else "forretningsorden vedtaget"
            reader.problem(
                sheet, row.number, missing, "udfyld både datoen og referencen for forretningsordenen"
            )
            return None
        facts["rules_of_procedure"] = (
            RulesOfProcedure(adopted_on=adopted, reference=reference) if adopted else None
        )
    for field in ("patient_committee_relevance", "patient_committee_relevance_reason"):
        if absent(field):
            facts[field] = getattr(stored, field) if stored else Body.model_fields[field].default
        else:
            facts[field] = row.values.get(field) or Body.model_fields[field].default
    return facts


def seat_offers_by_body(
    reader: _Reader, rows: Iterable[_Row], body_ids: Collection[str], base: RegionCase
) -> dict[str, tuple[SeatOffer, ...]]:
    """Each body's offered seats from the sheet; without the sheet, what the platform holds."""
    if (_tables.SEAT_OFFERS.name, None) in reader.absent:
        return {b.id: b.seat_offers for b in base.bodies}
    # A file from before the column "svar" keeps the answer recorded for the same offer.
    keep_responses = (_tables.SEAT_OFFERS.name, "svar") in reader.absent
    stored = {
        b.id: {(o.to, o.seats, o.offered_on, o.reference): o.response for o in b.seat_offers}
        for b in base.bodies
    }
    result: dict[str, list[SeatOffer]] = {}
    for row in rows:
        if not row.ok:
            continue
        body_id = row.values["body_id"]
        if body_id not in body_ids:
            reader.problem(
                row.sheet.name,
                row.number,
                "organ",
                f"ukendt organ '{body_id}': intet organ i arket 'Organer'",
            )
            continue
        try:
            offer = SeatOffer.model_validate({k: v for k, v in row.values.items() if k != "body_id"})
        except ValidationError as exc:
            reader.problem(row.sheet.name, row.number, None, str(exc.errors()[0]["msg"]))
            continue
        if keep_responses:
            kept = stored.get(body_id, {}).get((offer.to, offer.seats, offer.offered_on, offer.reference))
            offer = offer.model_copy(update={"response": kept})
        result.setdefault(body_id, []).append(offer)
    return {body_id: tuple(offers) for body_id, offers in result.items()}
