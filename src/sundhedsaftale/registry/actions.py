"""Writing the registry: bring the database in step with the reference data files."""

from __future__ import annotations

from django.db import transaction

from sundhedsaftale.accounts.audit import record_change
from sundhedsaftale.core.reference import ReferenceData

from .models import HealthCluster, HealthCouncil, Municipality, Region


def sync_reference_data(reference: ReferenceData) -> int:
    """Create or update every region, municipality, cluster and sundhedsråd; returns the number of rows created
    (a changed validity or council membership is written too, and audited with the files' versions)."""
    changed = 0
    with transaction.atomic():
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
        if changed:
            record_change(
                actor=None,
                action="sync_reference_data",
                object_type="reference_data",
                object_id="all",
                after={name: f.version for name, f in reference.files.items()},
            )
    return changed
