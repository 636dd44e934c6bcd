"""Restore a backup written by ``manage.py backup``: checked whole first, then into an empty database."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import DEFAULT_DB_ALIAS

from sundhedsaftale.backup import BackupError, backup_check, backup_restore


class Command(BaseCommand):
    help = (
        "Gendan en sikkerhedskopi. Hver fil kontrolleres mod sin SHA-256 først; en fejl nævner filen, og intet "
        "ændres. Databasen skal være tom, medmindre --replace gives. Se docs/backup.md."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("archive", type=Path, help="Arkivet, skrevet af manage.py backup.")
        parser.add_argument(
            "--replace",
            action="store_true",
            help="Erstat alt i en database, der ikke er tom (også revisionssporet); uploadede filer overskrives.",
        )
        parser.add_argument(
            "--check", action="store_true", help="Kontrollér kun arkivet (kontrolsummer); gendan intet."
        )
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS, help="Databasen (standard: default).")

    def handle(self, *args: Any, **options: Any) -> None:
        archive: Path = options["archive"]
        try:
            if options["check"]:
                manifest = backup_check(archive)
                self.stdout.write(
                    self.style.SUCCESS(
                        f"{archive}: alle {len(manifest.files)} filer passer med deres kontrolsummer "
                        f"(skrevet {manifest.created_at}, version {manifest.platform_version})."
                    )
                )
                return
            report = backup_restore(archive, replace=options["replace"], using=options["database"])
        except BackupError as exc:
            raise CommandError(str(exc)) from None
        replaced = f" Erstattede {sum(report.replaced.values())} rækker." if report.replaced else ""
        self.stdout.write(
            self.style.SUCCESS(
                f"Gendannet fra {archive} (skrevet {report.created_at}): {sum(report.rows.values())} rækker, "
                f"{report.media_files} uploadede dokumenter.{replaced}"
            )
        )
