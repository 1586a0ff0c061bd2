from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from accounts.services import organisation_kinds_load
from youths.services.lists import reference_lists_load


class Command(BaseCommand):
    help = (
        "Vul de beheerde lijsten aan: soorten organisaties, wijken van Zwolle, signaalcategorieën en de "
        "twee standaard combinatieregels. Voegt alleen toe wat ontbreekt; eerder gewijzigde waarden "
        "blijven staan."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        kinds = organisation_kinds_load(actor=None)
        created = reference_lists_load(actor=None)
        self.stdout.write(
            "Toegevoegd: %(kinds)d soorten organisaties, %(districts)d wijken, %(categories)d "
            "signaalcategorieën, %(rules)d combinatieregels." % {"kinds": kinds, **created}
        )
