"""Write a region's complete archive as a BagIt bag (ADR 0028): ``manage.py archive_region 1085 --out FILE``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from sundhedsaftale.archive import ArchiveError
from sundhedsaftale.archive.region import region_archive_write


class Command(BaseCommand):
    help = (
        "Skriv regionens samlede arkiv som en BagIt-pakke (RFC 8500): sagsfilen i alle formater, hver "
        "aftaleversion, udstedte breve, mødedokumenter, revisionssporet og en fortegnelse (HTML og PDF/A), hver "
        "fil med SHA-256. En sti, der ender på .zip, giver ét ZIP-arkiv; ellers en mappe. Se docs/archive.md."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("region", help="Regionskoden, fx 1085.")
        parser.add_argument(
            "--out", required=True, type=Path, help="Arkivets navn; må ikke findes i forvejen."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        out: Path = options["out"]
        try:
            inventory = region_archive_write(code=options["region"], out=out, actor=None)
        except ArchiveError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(
            self.style.SUCCESS(
                f"Arkiv skrevet: {out} – {inventory.region_name}, {len(inventory.files)} filer, "
                f"{len(inventory.meeting_documents)} mødedokumenter, {len(inventory.letters)} breve, "
                f"{inventory.audit_rows} rækker i revisionssporet. Kontrollér med: sundhedsaftale archive verify {out}"
            )
        )
