"""`manage.py retention`: carry out the retention rules now (docs/operations.md, "Retention").

`--dry-run` reports what would go without changing anything; `--as-of DATE` (only with `--dry-run`) shows
what a later date removes; `--json` prints the counts per kind as one JSON object.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from pgaanpak.retention import retention_run


class Command(BaseCommand):
    help = (
        "Verwijdert en anonimiseert wat volgens de bewaartermijnen weg moet (met --dry-run: alleen tellen)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--dry-run", action="store_true", help="Alleen tellen wat weg zou gaan.")
        parser.add_argument("--json", action="store_true", help="De aantallen per soort als één JSON-object.")
        parser.add_argument(
            "--as-of",
            metavar="JJJJ-MM-DD",
            help="Peildatum (alleen met --dry-run): wat gaat er op die dag weg?",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        as_of = None
        if options["as_of"]:
            if not options["dry_run"]:
                raise CommandError(
                    "--as-of mag alleen samen met --dry-run: een echte ronde is altijd voor vandaag."
                )
            try:
                as_of = dt.date.fromisoformat(options["as_of"])
            except ValueError as error:
                raise CommandError(f"--as-of: geen geldige datum (JJJJ-MM-DD): {options['as_of']}") from error
        outcome = retention_run(as_of=as_of, dry_run=options["dry_run"], triggered_by="command")
        if options["json"]:
            self.stdout.write(json.dumps(outcome.counts, sort_keys=False))
            return
        verb = "zou weggaan" if options["dry_run"] else "verwijderd of bijgewerkt"
        self.stdout.write(f"Bewaartermijnen ({verb}):")
        for kind, n in outcome.counts.items():
            self.stdout.write(f"  {kind}: {n}")
