from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from sundhedsaftale.core.errors import CaseError
from sundhedsaftale.core.periods import as_date, danish_date
from sundhedsaftale.core.transition import TRANSITION_DAY, Section
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
        out.write(f"Overgang for {plan.region_name} pr. {danish_date(on)} til {plan.successor.name}")
        for section in Section:
            out.write(f"\n{section.label}:")
            for i in plan.section(section):
                targets = " eller ".join(t.name for t in i.targets)
                who = f"{i.person_name} ({i.organisation}) " if i.person_name else ""
                out.write(f"  [{i.mapping.label}] {who}{i.source_name} → {targets}: {i.reason}")
        out.write(
            f"\n{len(plan.one_to_one())} én til én, {len(plan.needs_decision())} kræver en beslutning. "
            f"Fingeraftryk: {plan.digest}"
        )
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
