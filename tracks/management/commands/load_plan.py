from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from tracks.services import PLAN_FILE, plan_load


class Command(BaseCommand):
    help = "Laad het plan van aanpak (tracks/data/plan.json) in de database. Idempotent."

    def handle(self, *args: Any, **options: Any) -> None:
        result = plan_load(actor=None, path=PLAN_FILE)
        for line in result.changes:
            self.stdout.write(line)
        self.stdout.write(f"Plan geladen: {result.created} nieuw, {result.updated} gewijzigd.")
