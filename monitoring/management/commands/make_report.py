from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from core.errors import DomainError
from monitoring.periods import YEAR, Period
from monitoring.services.reports import report_make


class Command(BaseCommand):
    help = (
        "Maak nu de monitoringsrapportage over een maand (2025-03) of kwartaal (2025-Q1): ververst de "
        "cijfers van een open periode en maakt een nieuwe versie, net als de geplande taak."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--period", required=True, help="2025-Q1 of 2025-03")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            period = Period.parse(options["period"])
        except ValueError as exc:
            raise CommandError("Geef een periode als 2025-Q1 of 2025-03.") from exc
        if period.kind == YEAR:
            raise CommandError("Rapportages gaan over een maand of een kwartaal.")
        try:
            report = report_make(actor=None, period=period)
        except DomainError as exc:
            raise CommandError(exc.message) from exc
        if report.status != report.Status.READY:
            raise CommandError(
                f"Rapportage {period.code} versie {report.version}: {report.get_status_display()}"
            )
        self.stdout.write(
            f"Rapportage {period.code} versie {report.version} gemaakt ({report.figures_hash[:12]})."
        )
