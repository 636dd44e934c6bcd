"""Restore a region's archive (ADR 0028) into a platform without the region's records."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from sundhedsaftale.archive import ArchiveError
from sundhedsaftale.archive.restore import region_archive_restore


class Command(BaseCommand):
    help = (
        "Gendan en regions arkiv (skrevet af archive_region). Arkivet kontrolleres helt først; en fejl nævner "
        "filen, og intet ændres. Platformen må ikke have regionens poster i forvejen. Se docs/archive.md."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("archive", type=Path, help="Arkivet: en BagIt-mappe eller et ZIP-arkiv med en.")

    def handle(self, *args: Any, **options: Any) -> None:
        archive: Path = options["archive"]
        try:
            report = region_archive_restore(archive)
        except ArchiveError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(
            self.style.SUCCESS(
                f"Gendannet {report.region_name} ({report.region_code}) fra {archive} (dannet "
                f"{report.created_at.isoformat()}): {report.bodies} organer, {report.meetings} møder, "
                f"{report.agreements} aftaler, {report.documents} mødedokumenter, {report.letters} breve."
            )
        )
