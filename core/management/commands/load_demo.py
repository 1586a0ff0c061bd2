from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from accounts.demo import DEMO_PASSWORD, demo_accounts_load
from monitoring.demo import demo_monitoring_load


class Command(BaseCommand):
    help = "Laad fictieve demogegevens (organisaties, gebruikers per rol). Alleen met DEBUG aan."

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.DEBUG:
            raise CommandError("Demogegevens worden alleen geladen met DEBUG aan (lokale demo).")
        users = demo_accounts_load()
        # Later features add their demo data here, each through its own services.
        if demo_monitoring_load().get("skipped"):
            self.stdout.write("Monitoring-demo overgeslagen: laad eerst het plan (manage.py load_plan).")
        self.stdout.write("")
        self.stdout.write("Demo-gebruikers (wachtwoord voor allemaal: %s)" % DEMO_PASSWORD)
        for user in users:
            self.stdout.write(f"  {user.username:<16} {user.get_role_display():<16} {user.organisation}")
        self.stdout.write("")
