from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from accounts.models import User
from accounts.services import api_token_create, api_tokens_revoke
from core.errors import DomainError


class Command(BaseCommand):
    help = (
        "Maak een nieuw API-token voor een gebruiker (Authorization: Token <key>) en toon het eenmalig; "
        "met --revoke: trek alle tokens van de gebruiker in."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("username")
        parser.add_argument("--revoke", action="store_true", help="Trek alle API-tokens van de gebruiker in.")

    def handle(self, *args: Any, **options: Any) -> None:
        user = User.objects.filter(username=options["username"]).first()
        if user is None:
            raise CommandError(f"Gebruiker {options['username']!r} bestaat niet.")
        if options["revoke"]:
            count = api_tokens_revoke(actor=None, user=user)
            self.stdout.write(f"{count} API-token(s) van {user.username} ingetrokken.")
            return
        try:
            issued = api_token_create(actor=None, user=user)
        except DomainError as error:
            raise CommandError(error.message) from None
        # The key alone on stdout (TOKEN=$(manage.py api_token hanna)); the rest on stderr.
        self.stdout.write(issued.key)
        expiry = (
            timezone.localtime(issued.expiry).strftime("%Y-%m-%d %H:%M %Z") if issued.expiry else "onbeperkt"
        )
        self.stderr.write(
            f"Geldig tot {expiry}. Bewaar het token nu: het wordt niet opnieuw getoond "
            "(opgeslagen is alleen een hash)."
        )
