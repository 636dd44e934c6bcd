"""Writing the registry: bring the database in step with the reference data files."""

from __future__ import annotations

import hashlib
from collections import defaultdict
from typing import Any

from django.db import transaction
from django.db.models import Model, QuerySet

from sundhedsaftale.accounts.audit import record_change
from sundhedsaftale.core.reference import ReferenceData

from .models import HealthCluster, HealthCouncil, Municipality, Region


def sync_reference_data(reference: ReferenceData) -> int:
    """Create or update every region, municipality, cluster and sundhedsråd; returns the number of rows created
    (a changed validity or council membership is written too, and audited with the files' versions).

    Each table is read once and written in bulk: only the rows that are new or differ, and the municipalities of
    a cluster or council that were added or left. A first install writes the whole registry in a handful of
    statements, and a sync with nothing new writes nothing but reads."""
    changed = 0
    with transaction.atomic():
        before = _reference_state()
        changed += _in_step(
            Region,
            {
                r.code: {
                    "name": r.name,
                    "name_en": r.name_en,
                    "valid_from": r.valid_from,
                    "valid_to": r.valid_to,
                    "provisional_code": r.provisional,
                }
                for r in reference.regions.values()
            },
        )
        # Successors point at regions, so they are set once every region exists; each region set is counted.
        successors = {r.code: r.successor_code for r in reference.regions.values()}
        stale = [
            region
            for region in Region.objects.filter(code__in=successors)
            if region.successor_id != successors[region.code]
        ]
        for region in stale:
            region.successor_id = successors[region.code]
        Region.objects.bulk_update(stale, ["successor"])
        changed += len(stale)
        changed += _in_step(
            Municipality,
            {m.code: {"name": m.name, "region_id": m.region_code} for m in reference.municipalities.values()},
        )
        changed += _in_step(
            HealthCluster,
            {
                c.id: {
                    "name": c.name,
                    "acute_hospital": c.acute_hospital,
                    "region_id": c.region_code,
                    "verified": c.verified,
                }
                for c in reference.clusters.values()
            },
        )
        _members_in_step(
            HealthCluster.municipalities.through,
            "healthcluster_id",
            {c.id: set(c.municipality_codes) for c in reference.clusters.values()},
        )
        changed += _in_step(
            HealthCouncil,
            {
                k.id: {
                    "name": k.name,
                    "region_id": k.region_code,
                    "valid_from": k.valid_from,
                    "disputed_codes": list(k.disputed_codes),
                    "marker": k.marker,
                    "source": k.source,
                }
                for k in reference.councils.values()
            },
        )
        _members_in_step(
            HealthCouncil.municipalities.through,
            "healthcouncil_id",
            {k.id: set(k.municipality_codes) for k in reference.councils.values()},
        )
        versions = {name: f.version for name, f in reference.files.items()}
        if changed:
            record_change(
                actor=None,
                action="sync_reference_data",
                object_type="reference_data",
                object_id="all",
                after=versions,
            )
        # A region whose reference rows changed (a cluster's municipalities, a name, a validity) gets an audit row
        # of its own: its case reads them, and its stored findings are current only while its newest audit row is
        # unchanged (ADR 0032). An update of a row is not counted in ``changed``, which counts new rows.
        after = _reference_state()
        for code in sorted(code for code in before if after.get(code) != before[code]):
            record_change(
                actor=None,
                action="sync_reference_data",
                object_type="region",
                object_id=code,
                region_code=code,
                after=versions,
            )
    return changed


def _in_step(model: type[Model], wanted: dict[str, dict[str, Any]]) -> int:
    """Create the rows ``wanted`` names that are missing and update those whose fields differ (rows the reference
    data no longer names are kept: records may point at them); returns the number created."""
    fields = sorted({field for values in wanted.values() for field in values})
    existing = {row.pk: row for row in model._default_manager.filter(pk__in=wanted)}
    new = [model(pk=key, **values) for key, values in wanted.items() if key not in existing]
    differing = []
    for key, row in existing.items():
        values = wanted[key]
        if any(getattr(row, field) != value for field, value in values.items()):
            for field, value in values.items():
                setattr(row, field, value)
            differing.append(row)
    model._default_manager.bulk_create(new)
    if differing:
        model._default_manager.bulk_update(differing, fields)
    return len(new)


def _members_in_step(through: type[Model], owner_field: str, wanted: dict[str, set[str]]) -> None:
    """Make each owner's municipalities exactly those ``wanted`` names (the through table of a many-to-many)."""
    present: dict[str, set[str]] = defaultdict(set)
    for owner, code in through._default_manager.filter(**{f"{owner_field}__in": wanted}).values_list(
        owner_field, "municipality_id"
    ):
        present[owner].add(code)
    known = set(
        Municipality.objects.filter(code__in=set().union(*wanted.values())).values_list("code", flat=True)
    )
    for owner, codes in wanted.items():
        gone = present[owner] - codes
        if gone:
            through._default_manager.filter(**{owner_field: owner, "municipality_id__in": gone}).delete()
    through._default_manager.bulk_create(
        [
            through(**{owner_field: owner, "municipality_id": code})
            for owner, codes in wanted.items()
            for code in sorted((codes & known) - present[owner])
        ]
    )


def _reference_state() -> dict[str, str]:
    """A digest per region of its reference rows: the region, its municipalities, its clusters with their
    municipalities, and its sundhedsråd with theirs."""
    lines: dict[str, list[str]] = defaultdict(list)
    queries: list[QuerySet[Any, tuple[Any, ...]]] = [
        Region.objects.order_by("code").values_list(
            "code", "name", "name_en", "valid_from", "valid_to", "provisional_code", "successor_id"
        ),
        Municipality.objects.order_by("code").values_list("region_id", "code", "name"),
        HealthCluster.objects.order_by("id").values_list(
            "region_id", "id", "name", "acute_hospital", "verified"
        ),
        HealthCluster.municipalities.through._default_manager.order_by(
            "healthcluster_id", "municipality_id"
        ).values_list("healthcluster__region_id", "healthcluster_id", "municipality_id"),
        HealthCouncil.objects.order_by("id").values_list(
            "region_id", "id", "name", "valid_from", "disputed_codes", "marker", "source"
        ),
        HealthCouncil.municipalities.through._default_manager.order_by(
            "healthcouncil_id", "municipality_id"
        ).values_list("healthcouncil__region_id", "healthcouncil_id", "municipality_id"),
    ]
    for query in queries:  # each row begins with the region's code
        for row in query:
            lines[row[0]].append(repr(row))
    return {code: hashlib.sha256("\n".join(rows).encode()).hexdigest() for code, rows in lines.items()}
