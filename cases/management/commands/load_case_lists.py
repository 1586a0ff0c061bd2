from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from cases.services.lists import case_lists_load


class Command(BaseCommand):
    help = "Vul de beheerde lijsten voor overleg en casussen aan (grondslagen, vervolgacties). Idempotent."

    def handle(self, *args: Any, **options: Any) -> None:
        result = case_lists_load(actor=None)
        for line in result.created:
            self.stdout.write(line)
        self.stdout.write(f"Lijsten voor casussen: {len(result.created)} toegevoegd.")
