from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from monitoring.context_seed import context_indicators_load
from monitoring.services.seed import indicators_seed_load


class Command(BaseCommand):
    help = (
        "Laad de contextindicatoren uit het plan en de indicatoren per interventie "
        "(monitoring/data/indicators.json). Idempotent; laad eerst het plan (load_plan)."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        context = context_indicators_load(actor=None)
        self.stdout.write(f"Contextindicatoren: {context.created} nieuw, {context.updated} gewijzigd.")
        seeded = indicators_seed_load(actor=None)
        self.stdout.write(f"Indicatoren: {seeded['created']} nieuw, {seeded['updated']} gewijzigd.")
