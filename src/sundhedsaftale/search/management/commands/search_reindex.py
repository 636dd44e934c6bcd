"""Rebuild the whole search index from the records (ADR 0047): after a restore, an import or a deployment."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from sundhedsaftale.search.indexer import reindex_all


class Command(BaseCommand):
    help = "Genopbyg søgeindekset fra alle registreringer (lov, aftaler, breve, statusrapporter, møder)."

    def handle(self, *args: Any, **options: Any) -> None:
        counts = reindex_all()
        total = sum(counts.values())
        self.stdout.write(self.style.SUCCESS(f"Søgeindekset er genopbygget: {total} enheder."))
        for kind, n in sorted(counts.items()):
            self.stdout.write(f"  {kind}: {n}")
