"""Write a backup: the database's rows, the uploaded documents and the issued letters, with checksums."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import DEFAULT_DB_ALIAS

from sundhedsaftale.backup import BackupError, backup_write


class Command(BaseCommand):
    help = (
        "Skriv en sikkerhedskopi (ZIP): databasens indhold, uploadede dokumenter og udstedte breve, hver fil "
        "med en SHA-256-kontrolsum. Læst i én transaktion, så kopien er et øjebliksbillede. Se docs/backup.md."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--out", required=True, type=Path, help="Arkivets filnavn; må ikke findes i forvejen."
        )
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS, help="Databasen (standard: default).")

    def handle(self, *args: Any, **options: Any) -> None:
        out: Path = options["out"]
        try:
            manifest = backup_write(out, using=options["database"])
        except BackupError as exc:
            raise CommandError(str(exc)) from None
        rows = sum(t.rows for t in manifest.tables)
        self.stdout.write(
            self.style.SUCCESS(
                f"Sikkerhedskopi skrevet: {out} ({out.stat().st_size} byte) – {rows} rækker i "
                f"{len(manifest.tables)} tabeller, {len(manifest.media_files)} uploadede dokumenter, "
                f"{len(manifest.value_files)} filer fra databasen (breve)."
            )
        )
