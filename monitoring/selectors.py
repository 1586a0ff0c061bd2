from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from .models import ContextIndicator


@dataclass
class ContextRow:
    indicator: ContextIndicator
    year: int
    municipality: Decimal | None
    national: Decimal | None


def context_indicator_table() -> list[ContextRow]:
    """The latest year per indicator, municipality against the Netherlands."""
    rows = []
    for indicator in ContextIndicator.objects.prefetch_related("values").order_by("order"):
        values = list(indicator.values.all())
        if not values:
            continue
        year = max(v.year for v in values)
        by_area = {v.area: v.value for v in values if v.year == year}
        rows.append(ContextRow(indicator, year, by_area.get("municipality"), by_area.get("national")))
    return rows
