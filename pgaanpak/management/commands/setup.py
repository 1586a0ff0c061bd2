"""`manage.py setup`: what every installation runs after a deploy — migrate, then load the plan and every
reference list the product ships. Idempotent: it adds what is missing and never overwrites what was edited
(each loader says so in its own docstring). The Makefile and docker-compose.yml's `migrate` service use it."""

from __future__ import annotations

from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand

# In dependency order: the indicators hang off the plan's interventions.
STEPS = ("load_plan", "load_indicators", "load_reference_lists", "load_case_lists")


class Command(BaseCommand):
    help = "Migreer de database en laad het plan en alle referentielijsten. Idempotent."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--skip-migrate", action="store_true", help="Sla de migraties over.")

    def handle(self, *args: Any, **options: Any) -> None:
        if not options["skip_migrate"]:
            call_command("migrate", interactive=False, stdout=self.stdout, verbosity=options["verbosity"])
        for step in STEPS:
            call_command(step, stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS("Klaar: database bijgewerkt, plan en lijsten geladen."))
