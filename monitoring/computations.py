"""The registry of named computations: how an indicator's value is worked out from platform data.

Each computation is a function of (period start, period end, optional intervention) that returns a
numerator (a count, a sum in euro) and, for a percentage or rate, a denominator, with optional
breakdowns (district, gender, age band). Indicators name a computation by its key; the scheduled
job (monitoring.services.measurements_refresh) stores the result as a Measurement fact, and reports
read those facts – never these functions.

Only computations whose data exist on the platform are registered. Computations over youths,
signals, matches, flags and cases join this registry when those apps do (see docs/monitoring.md).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Sum

ZERO = Decimal("0")


@dataclass(frozen=True)
class Result:
    numerator: Decimal
    denominator: Decimal | None = None
    breakdowns: dict[str, dict[str, int]] = field(default_factory=dict)


@dataclass(frozen=True)
class Computation:
    key: str
    label: str
    unit: str  # one of Indicator.Unit
    counts_persons: bool
    function: Callable[[dt.date, dt.date, Any], Result]

    def __call__(self, start: dt.date, end: dt.date, intervention: Any = None) -> Result:
        return self.function(start, end, intervention)


REGISTRY: dict[str, Computation] = {}


def register(
    key: str, *, label: str, unit: str, counts_persons: bool = False
) -> Callable[[Callable[[dt.date, dt.date, Any], Result]], Callable[[dt.date, dt.date, Any], Result]]:
    def decorator(
        function: Callable[[dt.date, dt.date, Any], Result],
    ) -> Callable[[dt.date, dt.date, Any], Result]:
        if key in REGISTRY:
            raise ValueError(f"Computation {key!r} registered twice")
        REGISTRY[key] = Computation(key, label, unit, counts_persons, function)
        return function

    return decorator


def get(key: str) -> Computation:
    try:
        return REGISTRY[key]
    except KeyError:
        raise LookupError(f"Unknown computation {key!r}") from None


def choices() -> list[tuple[str, str]]:
    return [(c.key, c.label) for c in sorted(REGISTRY.values(), key=lambda c: c.key)]


# --- Budget (monitoring's own data) --------------------------------------------------------------


def _for_intervention(queryset: Any, intervention: Any, path: str = "allocation__intervention") -> Any:
    return queryset if intervention is None else queryset.filter(**{path: intervention})


@register("budget_spent", label="Uitgaven (euro)", unit="euro")
def budget_spent(start: dt.date, end: dt.date, intervention: Any = None) -> Result:
    from .models import BudgetSpending

    spendings = _for_intervention(BudgetSpending.objects.filter(date__range=(start, end)), intervention)
    return Result(spendings.aggregate(total=Sum("amount"))["total"] or ZERO)


@register("budget_committed", label="Aangegane verplichtingen (euro)", unit="euro")
def budget_committed(start: dt.date, end: dt.date, intervention: Any = None) -> Result:
    from .models import BudgetCommitment

    commitments = _for_intervention(BudgetCommitment.objects.filter(date__range=(start, end)), intervention)
    return Result(commitments.aggregate(total=Sum("amount"))["total"] or ZERO)


@register("budget_utilisation", label="Besteed deel van het jaarbudget (%)", unit="percentage")
def budget_utilisation(start: dt.date, end: dt.date, intervention: Any = None) -> Result:
    """Spent since the start of the programme year that contains `end`, over that year's allocation."""
    from tracks.models import BudgetYear

    from .models import BudgetAllocation, BudgetSpending

    year = BudgetYear.objects.filter(start__lte=end, end__gte=end).first()
    if year is None:
        return Result(ZERO, ZERO)
    allocations = _for_intervention(
        BudgetAllocation.objects.filter(budget_year=year), intervention, "intervention"
    )
    spendings = _for_intervention(
        BudgetSpending.objects.filter(allocation__budget_year=year, date__range=(year.start, end)),
        intervention,
    )
    return Result(
        spendings.aggregate(total=Sum("amount"))["total"] or ZERO,
        allocations.aggregate(total=Sum("amount"))["total"] or ZERO,
    )
