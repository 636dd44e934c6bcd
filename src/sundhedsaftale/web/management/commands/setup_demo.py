"""Load the national demo data and demo accounts. Safe to run again: it replaces the demo, nothing else."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from sundhedsaftale.accounts.actions import DEMO_PASSWORD, demo_users_ensure
from sundhedsaftale.core.case import MeetingStatus
from sundhedsaftale.datasupport.demo import datasupport_demo_load
from sundhedsaftale.demo import build_national_demo, demo_statements, live_layer
from sundhedsaftale.followup.demo import final_status_demo_load, followup_demo_load
from sundhedsaftale.governance.actions.meetings import agenda_publish
from sundhedsaftale.governance.actions.statements import DissentIn, StatementIn, committee_statement_add
from sundhedsaftale.governance.demo_meetings import meetings_demo_load
from sundhedsaftale.governance.models import CommitteeStatement, Meeting
from sundhedsaftale.hearings.demo import hearings_demo_load
from sundhedsaftale.knowledge.demo import catalogue_demo_load
from sundhedsaftale.public.demo import demo_publications_ensure
from sundhedsaftale.registry import clock
from sundhedsaftale.registry.actions import sync_reference_data
from sundhedsaftale.search.indexer import reindex_all
from sundhedsaftale.web.cases import case_import
from sundhedsaftale.web.platform import platform


def _statements_load(today: dt.date) -> None:
    """The patient involvement committee's statements of the demo (ADR 0033), once, if given before ``today``."""
    for item in demo_statements():
        if (
            item.given_on >= today
            or CommitteeStatement.objects.filter(
                body__key=item.committee, topic=item.topic, given_on=item.given_on
            ).exists()
        ):
            continue
        committee_statement_add(
            actor=None,
            body_key=item.committee,
            data=StatementIn(
                basis=item.basis,
                topic=item.topic,
                text=item.text,
                given_on=item.given_on,
                consensus_reached=not item.dissents,
                meeting=item.meeting,
                dissents=tuple(DissentIn(member, view) for member, view in item.dissents),
            ),
            system=True,
        )


class Command(BaseCommand):
    help = "Load reference data, the national demo (all five regions) and demo accounts."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--today",
            default=None,
            help="Demo 'today' (ÅÅÅÅ-MM-DD); meetings after it are planned. Default: the platform's today.",
        )
        parser.add_argument(
            "--uden-levende-lag",
            dest="without_live",
            action="store_true",
            help="Only the fixed history: no revision in review or hearing relative to today (ADR 0040).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        reference = platform().reference
        sync_reference_data(reference)
        today = dt.date.fromisoformat(options["today"]) if options["today"] else clock.today()
        cases = build_national_demo(reference, today=today)
        notes: tuple[str, ...] = ()
        if not options["without_live"]:
            live = live_layer(platform(), cases, today=today)
            cases, notes = list(live.cases), live.notes
        for case in cases:
            case_import(case=case, actor=None, system=True)
        # The agendas of meetings already held were sent out; those of meetings to come stay drafts.
        held = Meeting.objects.filter(
            status=MeetingStatus.HELD.value, agenda_published_at__isnull=True, agenda_items__isnull=False
        ).distinct()
        for meeting in held:
            agenda_publish(
                actor=None,
                meeting_pk=meeting.pk,
                expected_version=meeting.version,
                now=timezone.now(),
                system=True,
            )
        _statements_load(today)
        followup_demo_load(today)
        final_note = final_status_demo_load(today)
        demo_publications_ensure(today)
        users = demo_users_ensure()
        catalogue_demo_load(today)
        hearings_demo_load(today)
        meetings_note = meetings_demo_load(today)
        run = datasupport_demo_load(today)
        searchable = sum(reindex_all().values())
        self.stdout.write(
            self.style.SUCCESS(f"Demodata indlæst for alle fem regioner pr. {today.isoformat()}.")
        )
        for note in notes:
            self.stdout.write(f"  {note}")
        self.stdout.write(f"  {meetings_note}")
        self.stdout.write(f"  {final_note}")
        self.stdout.write(f"  Søgeindeks: {searchable} enheder.")
        self.stdout.write(
            f"  Registerindikatorer (syntetiske data): {run.value_count} værdier for {run.periods}."
        )
        self.stdout.write(f"Demo-logins (adgangskode for alle: {DEMO_PASSWORD}):")
        for user in users:
            self.stdout.write(
                f"  {user.username:<12} {user.get_role_display()}{' – ' + user.region_code if user.region_code else ''}"
            )
