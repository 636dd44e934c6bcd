"""Writing the registry: bring the database in step with the reference data files."""

from __future__ import annotations

from django.db import transaction

from sundhedsaftale.accounts.audit import record_change
from sundhedsaftale.core.reference import ReferenceData

from .models import HealthCluster, Municipality, Region


def sync_reference_data(reference: ReferenceData) -> int:
    """Create or update every region, municipality and cluster; returns the number of rows changed."""
    changed = 0
    with transaction.atomic():
        for r in reference.regions.values():
            _, created = Region.objects.update_or_create(
                code=r.code, defaults={"name": r.name, "name_en": r.name_en}
            )
            changed += created
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
        if changed:
            record_change(
                actor=None,
                action="sync_reference_data",
                object_type="reference_data",
                object_id="all",
                after={name: f.version for name, f in reference.files.items()},
            )
    return changed
