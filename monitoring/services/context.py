"""Context indicators: yearly CBS values imported from StatLine, with their revisions."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from auditlog.context import set_actor
from django.db import transaction

from accounts.access import Actor

from ..models import ContextIndicator, ContextIndicatorRevision, ContextIndicatorValue


@transaction.atomic
def context_values_import(
    *, actor: Actor, indicator: ContextIndicator, rows: Iterable[Any], source: str
) -> dict[str, int]:
    """Store imported yearly values; a changed value keeps the old one as a revision."""
    counts = {"created": 0, "revised": 0, "unchanged": 0}
    with set_actor(actor):
        for row in rows:
            existing = ContextIndicatorValue.objects.filter(
                indicator=indicator, year=row.year, area=row.area
            ).first()
            if existing is None:
                ContextIndicatorValue.objects.create(
                    indicator=indicator,
                    year=row.year,
                    area=row.area,
                    value=row.value,
                    provisional=row.provisional,
                    source=source,
                )
                counts["created"] += 1
                continue
            if existing.value == row.value and existing.provisional == row.provisional:
                counts["unchanged"] += 1
                continue
            ContextIndicatorRevision.objects.create(
                value=existing,
                previous_value=existing.value,
                previous_provisional=existing.provisional,
                new_value=row.value,
                new_provisional=row.provisional,
                source=source,
                revised_by=actor,
            )
            existing.value, existing.provisional, existing.source = row.value, row.provisional, source
            existing.save(update_fields=["value", "provisional", "source"])
            counts["revised"] += 1
    return counts
