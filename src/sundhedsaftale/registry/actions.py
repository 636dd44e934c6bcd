"""Writing the registry: bring the database in step with the reference data files."""

from __future__ import annotations

import hashlib
from collections import defaultdict
from typing import Any

from django.db import transaction
from django.db.models import QuerySet

from sundhedsaftale.accounts.audit import record_change
from sundhedsaftale.core.reference import ReferenceData

from .models import HealthCluster, HealthCouncil, Municipality, Region


def sync_reference_data(reference: ReferenceData) -> int:
    """Create or update every region, municipality, cluster and sundhedsråd; returns the number of rows created
    (a changed validity or council membership is written too, and audited with the files' versions)."""
    changed = 0
    with transaction.atomic():
        before = _reference_state()
        for r in reference.regions.values():
            _, created = Region.objects.update_or_create(
                code=r.code,
                defaults={
                    "name": r.name,
                    "name_en": r.name_en,
                    "valid_from": r.valid_from,
                    "valid_to": r.valid_to,
                    "provisional_code": r.provisional,
                },
            )
            changed += created
        for r in reference.regions.values():
            changed += (
                Region.objects.filter(code=r.code)
                .exclude(successor_id=r.successor_code)
                .update(successor_id=r.successor_code)
            )
        for m in reference.municipalities.values():
            _, created = Municipality.objects.update_or_create(
                code=m.code, defaults={"name": m.name, "region_id": m.region_code}
            )
            changed += created
        for c in reference.clusters.values():
            cluster, created = HealthCluster.objects.update_or_create(
                id=c.id,
                defaults={
                    "name": c.name,
                    "acute_hospital": c.acute_hospital,
                    "region_id": c.region_code,
                    "verified": c.verified,
                },
            )
            cluster.municipalities.set(Municipality.objects.filter(code__in=c.municipality_codes))
            changed += created
        for k in reference.councils.values():
            council, created = HealthCouncil.objects.update_or_create(
                id=k.id,
                defaults={
                    "name": k.name,
                    "region_id": k.region_code,
                    "valid_from": k.valid_from,
                    "disputed_codes": list(k.disputed_codes),
                    "marker": k.marker,
                    "source": k.source,
                },
            )
            council.municipalities.set(Municipality.objects.filter(code__in=k.municipality_codes))
            changed += created
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
        HealthCluster.municipalities.through.objects.order_by(
            "healthcluster_id", "municipality_id"
        ).values_list("healthcluster__region_id", "healthcluster_id", "municipality_id"),
        HealthCouncil.objects.order_by("id").values_list(
            "region_id", "id", "name", "valid_from", "disputed_codes", "marker", "source"
        ),
        HealthCouncil.municipalities.through.objects.order_by(
            "healthcouncil_id", "municipality_id"
        ).values_list("healthcouncil__region_id", "healthcouncil_id", "municipality_id"),
    ]
    for query in queries:  # each row begins with the region's code
        for row in query:
            lines[row[0]].append(repr(row))
    return {code: hashlib.sha256("\n".join(rows).encode()).hexdigest() for code, rows in lines.items()}
