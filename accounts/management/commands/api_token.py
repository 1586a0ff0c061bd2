from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from accounts.models import User
from accounts.services import api_token_get_or_create


class Command(BaseCommand):
    help = "Toon (of maak) het API-token van een gebruiker: Authorization: Token <key>."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("username")

    def handle(self, *args: Any, **options: Any) -> None:
        user = User.objects.filter(username=options["username"]).first()
        if user is None:
            raise CommandError(f"Gebruiker {options['username']!r} bestaat niet.")
        if not user.is_active:
            raise CommandError(f"Gebruiker {options['username']!r} is niet actief.")
        self.stdout.write(api_token_get_or_create(user=user).key)
