"""``manage.py saml_link BRUGERNAVN --issuer ENTITY-ID --subject BRUGER-ID``: link a local account to an identity."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from sundhedsaftale.accounts.models import User

from ...actions import LinkError, saml_identity_link


class Command(BaseCommand):
    help = (
        "Knyt en eksisterende lokal bruger til en identitet hos identitetsudbyderen, så brugeren fremover "
        "logger ind med MitID Erhverv. Adgangskoden fjernes; rolle og region følger derefter identitetsudbyderen."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username", help="den lokale brugers brugernavn")
        parser.add_argument(
            "--issuer", required=True, help="identitetsudbyderens entity id (fra dens metadata)"
        )
        parser.add_argument(
            "--subject", required=True, help="personens vedvarende bruger-id hos identitetsudbyderen"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        user = User.objects.filter(username=options["username"]).first()
        if user is None:
            raise CommandError(f"Ingen bruger hedder '{options['username']}'.")
        try:
            saml_identity_link(user=user, issuer=options["issuer"], subject=options["subject"])
        except LinkError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(f"{user.username} er knyttet til {options['subject']} hos {options['issuer']}.")
