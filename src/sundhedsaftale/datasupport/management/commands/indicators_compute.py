"""Compute every indicator from a register folder of Parquet files and keep the values for the dashboards."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from sundhedsaftale.core.errors import SundhedsaftaleError
from sundhedsaftale.datasupport.actions import indicators_compute, kept_blocks
from sundhedsaftale.indicators import load_definitions, step_count


class Command(BaseCommand):
    help = (
        "Beregn alle indikatorer for hver kommune, klynge, region og hele landet fra et register (Parquet-mapper "
        "som 'sundhedsaftale data generate' og 'import-register' skriver) og gem de undertrykte værdier."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("directory", type=Path, help="Registrets mappe")
        parser.add_argument(
            "--years", default="", help="År, fx 2023-2024 eller 2024 (standard: årene i hospital_contact/)"
        )
        parser.add_argument(
            "--source", default="", help="Kilde, som vises ved hver værdi (standard: mappens navn)"
        )
        parser.add_argument(
            "--synthetic",
            action="store_true",
            default=None,
            help="Markér værdierne som syntetiske (standard: som registrets manifest.json siger)",
        )
        parser.add_argument("--threads", type=int, default=2, help="DuckDB-tråde (standard 2)")
        parser.add_argument(
            "--no-kept-blocks",
            action="store_true",
            help=(
                "Saml kontakterne til forløb igen i stedet for at læse dem, en tidligere beregning på de samme "
                "filer har bevaret, og bevar intet (ADR 0053)"
            ),
        )

    def handle(self, *args: Any, **options: Any) -> None:
        years = _years(options["years"])
        total = step_count(load_definitions())
        done = [0]

        def step(name: str) -> None:
            done[0] += 1
            self.stderr.write(f"  [{done[0]}/{total}] {name}")

        kept = None if options["no_kept_blocks"] else kept_blocks()
        try:
            run = indicators_compute(
                options["directory"],
                years=years,
                source=options["source"],
                synthetic=options["synthetic"],
                threads=options["threads"],
                on_step=step,
                kept=kept,
            )
        except SundhedsaftaleError as exc:
            raise CommandError(str(exc)) from None
        for problem in kept.problems if kept is not None else []:
            self.stderr.write(f"  Advarsel: {problem}; værdierne er beregnet alligevel.")
        if kept is not None and kept.read:
            self.stderr.write(
                "  Forløb og indlæggelser er læst fra en tidligere beregning på de samme filer og definitioner "
                "(--no-kept-blocks samler dem igen)."
            )
        suppressed = run.values.filter(suppressed=True).count()
        self.stdout.write(
            self.style.SUCCESS(
                f"Beregnet {run.value_count} værdier ({suppressed} undertrykt, <5) for {run.periods}; "
                f"kilde: {run.source}" + (" – SYNTETISKE DATA" if run.synthetic else "")
            )
        )


def _years(text: str) -> list[int] | None:
    text = text.strip()
    if not text:
        return None
    try:
        first, _sep, last = text.partition("-")
        years = list(range(int(first), int(last or first) + 1))
    except ValueError:
        raise CommandError(f"--years: '{text}' er ikke et år eller et interval som 2023-2024") from None
    if not years:
        raise CommandError(f"--years: '{text}' er et tomt interval")
    return years
