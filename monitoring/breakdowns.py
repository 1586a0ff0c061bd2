"""A fact's breakdowns (district, gender, age band, domain, category, intervention) as tables with names
instead of codes and each row's share of the total, for the indicator page."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext_lazy as _


@dataclass
class BreakdownTable:
    dimension: str
    title: str
    column: str
    rows: list[tuple[str, int, Decimal | None]]  # (label, count, share of the total in %)


# dimension: (table title, column heading)
BREAKDOWN_TITLES = {
    "district": (_("Naar wijk"), _("Wijk")),
    "gender": (_("Naar gender"), _("Gender")),
    "age_band": (_("Naar leeftijd op de laatste dag van de periode"), _("Leeftijd")),
    "domain": (_("Naar leefgebied"), _("Leefgebied")),
    "category": (_("Naar categorie"), _("Categorie")),
    "intervention": (_("Naar interventie"), _("Interventie")),
}


def breakdown_tables(breakdowns: dict[str, dict[str, int]]) -> list[BreakdownTable]:
    """A fact's breakdowns with names instead of codes, in a fixed order per dimension, each with the
    share of the total; unknown values last. At most three queries (districts, categories,
    interventions), only for the dimensions present."""
    from tracks.models import Intervention
    from youths.models import District, Domain, Gender, SignalCategory

    from .computations import AGE_BAND_LABELS, UNKNOWN

    def names(model: Any, field: str, codes: Any, label: Any) -> dict[str, str]:
        return {getattr(o, field): label(o) for o in model.objects.filter(**{f"{field}__in": list(codes)})}

    fixed_orders = {
        "gender": [str(code) for code in Gender.values],
        "age_band": list(AGE_BAND_LABELS),
        "domain": [str(code) for code in Domain.values],
    }
    labels: dict[str, dict[str, str]] = {
        "gender": {str(code): str(label) for code, label in Gender.choices},
        "age_band": dict(AGE_BAND_LABELS),
        "domain": {str(code): str(label) for code, label in Domain.choices},
    }
    if "district" in breakdowns:
        labels["district"] = names(District, "code", breakdowns["district"], lambda o: o.name)
    if "category" in breakdowns:
        labels["category"] = names(SignalCategory, "code", breakdowns["category"], lambda o: o.name)
    if "intervention" in breakdowns:
        labels["intervention"] = names(
            Intervention, "code", breakdowns["intervention"], lambda o: f"{o.code} {o.name}"
        )
    unknown = {"intervention": str(_("Geen interventie"))}
    tables = []
    for dimension, (title, column) in BREAKDOWN_TITLES.items():
        counts = breakdowns.get(dimension)
        if not counts:
            continue
        total = sum(counts.values())
        named = labels.get(dimension, {})
        order = fixed_orders.get(dimension)

        def key(code: str, named: dict[str, str] = named, order: list[str] | None = order) -> tuple[int, str]:
            if code == UNKNOWN:
                return (2, "")
            if order is not None and code in order:
                return (0, f"{order.index(code):03d}")
            return (1, named.get(code, code).lower())

        rows = [
            (
                named.get(code, unknown.get(dimension, str(_("Onbekend"))) if code == UNKNOWN else code),
                count,
                (Decimal(count) * 100 / total).quantize(Decimal("0.1")) if total else None,
            )
            for code, count in sorted(counts.items(), key=lambda item: key(item[0]))
        ]
        tables.append(BreakdownTable(dimension=dimension, title=str(title), column=str(column), rows=rows))
    return tables
