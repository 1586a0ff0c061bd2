from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from accounts.models import Role
from accounts.services import organisation_get_or_create, user_create
from core.errors import DomainError


class Command(BaseCommand):
    help = "Maak een gebruiker met een rol en organisatie (de organisatie wordt zo nodig aangemaakt)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("username")
        parser.add_argument("--role", required=True, help="Een van: " + ", ".join(Role.values))
        parser.add_argument("--organisation", required=True)
        parser.add_argument(
            "--organisation-kind", default=None, help="Code van de soort, bij een nieuwe organisatie"
        )
        parser.add_argument("--password", default=None)
        parser.add_argument("--email", default="")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["role"] not in Role.values:
            raise CommandError(f"Onbekende rol {options['role']!r}. Kies uit: {', '.join(Role.values)}.")
        try:
            organisation = organisation_get_or_create(
                actor=None, name=options["organisation"], kind_code=options["organisation_kind"]
            )
            user = user_create(
                actor=None,
                username=options["username"],
                role=options["role"],
                organisation=organisation,
                password=options["password"],
                email=options["email"],
            )
        except DomainError as exc:
            raise CommandError(exc.message) from exc
        self.stdout.write(f"Gebruiker {user.username} ({user.role}) bij {organisation.name} aangemaakt.")
