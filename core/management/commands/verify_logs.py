"""`manage.py verify_logs`: recompute the read log's hash chain; exit non-zero at the first altered row."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from core.readlog import verify_read_log


class Command(BaseCommand):
    help = "Controleert de hashketen van de leeslog; meldt de eerste gewijzigde of verwijderde regel."

    def handle(self, *args: Any, **options: Any) -> None:
        checked, broken = verify_read_log()
        if broken is not None:
            raise CommandError(
                f"Leeslog gewijzigd: regel {broken} klopt niet met de keten "
                f"({checked} regels ervoor in orde)."
            )
        self.stdout.write(f"Leeslog in orde: {checked} regels gecontroleerd.")
