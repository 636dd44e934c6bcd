from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from sundhedsaftale.registry.actions import sync_reference_data
from sundhedsaftale.web.platform import platform


class Command(BaseCommand):
    help = (
        "Bring regions (with their validity), municipalities, health clusters and the sundhedsråd in the database in "
        "step with the reference data files."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        changed = sync_reference_data(platform().reference)
        self.stdout.write(f"Referencedata synkroniseret ({changed} nye rækker).")
