from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from sundhedsaftale.core.errors import CaseError
from sundhedsaftale.core.periods import as_date
from sundhedsaftale.core.transition import TRANSITION_DAY, plan_as_text
from sundhedsaftale.registry.selectors import case_region_codes
from sundhedsaftale.transition.actions import TransitionConflict, transition_apply
from sundhedsaftale.transition.selectors import transition_plan


class Command(BaseCommand):
    help = (
        "Show the plan that carries a region's people, organisations and open work to the 2027 structure; "
        "write it only with --confirm (ADR 0029)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("region", help="Regionskode, fx 1085")
        parser.add_argument("--date", default=TRANSITION_DAY.isoformat(), help="Overgangsdato (ÅÅÅÅ-MM-DD)")
        parser.add_argument(
            "--confirm", action="store_true", help="Skriv planen (uden: vis den, skriv intet)"
        )
        parser.add_argument(
            "--digest", default="", help="Kræv, at planen er den, der blev vist (fingeraftryk)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        code = options["region"]
        if code not in case_region_codes():
            raise CommandError(f"region '{code}' har ingen sundhedsklynger at føre over")
        try:
            on = as_date(options["date"])
        except ValueError as exc:
            raise CommandError(f"--date: '{options['date']}' er ikke en dato på formen ÅÅÅÅ-MM-DD") from exc
        try:
            plan = transition_plan(code, on)
        except CaseError as exc:
            raise CommandError(str(exc)) from exc
        out = self.stdout
        for line in plan_as_text(plan):
            out.write(line)
        out.write(f"Fingeraftryk: {plan.digest}")
        if not options["confirm"]:
            out.write("Intet er skrevet. Kør igen med --confirm for at gennemføre overgangen.")
            return
        try:
            run = transition_apply(
                actor=None,
                region_code=code,
                on=on,
                expected_digest=options["digest"] or plan.digest,
                confirmed=True,
                system=True,
            )
        except TransitionConflict as exc:
            raise CommandError(str(exc)) from exc
        out.write(f"Overgangen er gennemført: {run.items.count()} punkter skrevet.")
