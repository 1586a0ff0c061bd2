"""Budget: allocations within the year's cap, commitments and spending."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from auditlog.context import set_actor
from django.db import transaction
from django.db.models import Sum
from django.utils.translation import gettext as _

from accounts.access import Actor
from core.errors import DomainError
from tracks.models import BudgetYear, Intervention, Track

from ..models import BudgetAllocation, BudgetCommitment, BudgetSpending
from .inputs import decimal_input


@transaction.atomic
def allocation_set(
    *,
    actor: Actor,
    budget_year: BudgetYear,
    track: Track,
    intervention: Intervention | None = None,
    amount: Any,
    note: str = "",
) -> BudgetAllocation:
    """Set the amount allocated to a track or intervention in a year, within the year's cap."""
    number = decimal_input(amount, "amount")
    if number < 0:
        raise DomainError(_("Een bedrag kan niet negatief zijn."), field="amount")
    if intervention is not None and intervention.track_id != track.pk:
        raise DomainError(_("De interventie hoort niet bij dit spoor."), field="intervention")
    # Lock the year: two allocations made at once cannot together pass the cap.
    year = BudgetYear.objects.select_for_update().get(pk=budget_year.pk)
    existing = BudgetAllocation.objects.filter(
        budget_year=year, track=track, intervention=intervention
    ).first()
    in_year = BudgetAllocation.objects.filter(budget_year=year)
    if existing is not None:
        in_year = in_year.exclude(pk=existing.pk)
    others = in_year.aggregate(total=Sum("amount"))["total"] or Decimal("0")
    if others + number > year.cap:
        raise DomainError(
            _("Dit past niet binnen het maximum van € %(cap)s per jaar: er is al € %(others)s toegewezen.")
            % {"cap": f"{year.cap:,.2f}", "others": f"{others:,.2f}"},
            field="amount",
            code="budget_cap",
        )
    with set_actor(actor):
        if existing is None:
            return BudgetAllocation.objects.create(
                budget_year=year, track=track, intervention=intervention, amount=number, note=note
            )
        existing.amount, existing.note = number, note
        existing.save(update_fields=["amount", "note"])
        return existing


def _money_in_year(allocation: BudgetAllocation, date: dt.date, amount: Any) -> Decimal:
    number = decimal_input(amount, "amount")
    if number <= 0:
        raise DomainError(_("Een bedrag is groter dan nul."), field="amount")
    year = allocation.budget_year
    if not (year.start <= date <= year.end):
        raise DomainError(
            _("De datum valt buiten het begrotingsjaar (%(start)s – %(end)s).")
            % {"start": f"{year.start:%d-%m-%Y}", "end": f"{year.end:%d-%m-%Y}"},
            field="date",
        )
    return number


@transaction.atomic
def commitment_add(
    *, actor: Actor, allocation: BudgetAllocation, date: dt.date, amount: Any, description: str
) -> BudgetCommitment:
    number = _money_in_year(allocation, date, amount)
    with set_actor(actor):
        return BudgetCommitment.objects.create(
            allocation=allocation, date=date, amount=number, description=description.strip(), created_by=actor
        )


@transaction.atomic
def spending_add(
    *, actor: Actor, allocation: BudgetAllocation, date: dt.date, amount: Any, description: str
) -> BudgetSpending:
    number = _money_in_year(allocation, date, amount)
    if not description.strip():
        raise DomainError(_("Geef een omschrijving."), field="description")
    with set_actor(actor):
        return BudgetSpending.objects.create(
            allocation=allocation, date=date, amount=number, description=description.strip(), created_by=actor
        )
