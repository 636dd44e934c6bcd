"""``manage.py send_reminders [--date ÅÅÅÅ-MM-DD]``: send the reminders due today, each once (docs/deploy.md)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from sundhedsaftale.core.periods import as_date
from sundhedsaftale.registry.clock import today
from sundhedsaftale.reminders.actions import reminders_send
from sundhedsaftale.reminders.mail import MailNotConfigured


class Command(BaseCommand):
    help = (
        "Sender de påmindelser, der er forfaldne i dag (frister, møder), hver kun én gang. "
        "Køres af cron eller en systemd-timer."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--date", help="Datoen, påmindelserne beregnes for (ÅÅÅÅ-MM-DD); standard: platformens dato i dag"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            day = as_date(options["date"]) if options.get("date") else today()
        except ValueError as exc:
            raise CommandError(f"--date: {exc}") from exc
        try:
            report = reminders_send(today=day)
        except MailNotConfigured as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            f"{report.reminders} påmindelser sendt i {report.messages} e-mails ({day.isoformat()})"
        )
        if report.failed:
            raise CommandError(
                f"{len(report.failed)} e-mails blev ikke sendt og forsøges igen næste gang: "
                + ", ".join(report.failed)
            )
