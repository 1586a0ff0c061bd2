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
from core.formatting import euro
from tracks.models import BudgetYear, Intervention, Track

from ..models import BudgetAllocation, BudgetAllocationChange, BudgetCommitment, BudgetSpending
from .inputs import decimal_input


@transaction.atomic
def allocation_change(
    *,
    actor: Actor,
    budget_year: BudgetYear,
    track: Track,
    intervention: Intervention | None = None,
    mode: str,
    amount: Any,
    reason: str,
) -> BudgetAllocation:
    """Change what a track or intervention has in a year: `mode` "set" makes `amount` the new amount,
    "add" adds it (a negative amount takes money off). Within the year's cap, never below what is
    already committed or spent, with a reason; every change is kept as a BudgetAllocationChange."""
    if mode not in BudgetAllocationChange.Mode.values:
        raise DomainError(_("Kies of u een nieuw bedrag invoert of een bedrag erbij of eraf."), field="mode")
    if not reason.strip():
        raise DomainError(_("Geef een reden voor deze wijziging."), field="reason")
    number = decimal_input(amount, "amount")
    if mode == BudgetAllocationChange.Mode.SET and number < 0:
        raise DomainError(_("Een bedrag kan niet negatief zijn."), field="amount")
    if intervention is not None and intervention.track_id != track.pk:
        raise DomainError(_("De interventie hoort niet bij dit spoor."), field="intervention")
    # Lock the year: two allocations made at once cannot together pass the cap.
    year = BudgetYear.objects.select_for_update().get(pk=budget_year.pk)
    existing = BudgetAllocation.objects.filter(
        budget_year=year, track=track, intervention=intervention
    ).first()
    old = existing.amount if existing is not None else Decimal("0")
    new = number if mode == BudgetAllocationChange.Mode.SET else old + number
    if new < 0:
        raise DomainError(
            _("Er is %(old)s toegewezen; daar kan geen %(amount)s af.")
            % {"old": euro(old), "amount": euro(-number)},
            field="amount",
        )
    if existing is not None:
        committed = existing.commitments.aggregate(total=Sum("amount"))["total"] or Decimal("0")
        spent = existing.spendings.aggregate(total=Sum("amount"))["total"] or Decimal("0")
        if new < max(committed, spent):
            raise DomainError(
                _(
                    "Het nieuwe bedrag van %(new)s is lager dan wat al verplicht (%(committed)s) of besteed "
                    "(%(spent)s) is. Kies minstens %(floor)s."
                )
                % {
                    "new": euro(new),
                    "committed": euro(committed),
                    "spent": euro(spent),
                    "floor": euro(max(committed, spent)),
                },
                field="amount",
                code="budget_below_used",
            )
    in_year = BudgetAllocation.objects.filter(budget_year=year)
    if existing is not None:
        in_year = in_year.exclude(pk=existing.pk)
    others = in_year.aggregate(total=Sum("amount"))["total"] or Decimal("0")
    if others + new > year.cap:
        raise DomainError(
            _("Dit past niet binnen het maximum van %(cap)s per jaar: er is al %(others)s toegewezen.")
            % {"cap": euro(year.cap), "others": euro(others)},
            field="amount",
            code="budget_cap",
        )
    with set_actor(actor):
        if existing is None:
            allocation = BudgetAllocation.objects.create(
                budget_year=year, track=track, intervention=intervention, amount=new
            )
        else:
            allocation = existing
            allocation.amount = new
            allocation.save(update_fields=["amount"])
        BudgetAllocationChange.objects.create(
            allocation=allocation,
            mode=mode,
            old_amount=old,
            new_amount=new,
            delta=new - old,
            reason=reason.strip(),
            created_by=actor,
        )
    return allocation


def allocation_set(
    *,
    actor: Actor,
    budget_year: BudgetYear,
    track: Track,
    intervention: Intervention | None = None,
    amount: Any,
    note: str = "",
) -> BudgetAllocation:
    """Set an allocation to `amount` (seeding, demo, tests); the reason is the note, or says so."""
    return allocation_change(
        actor=actor,
        budget_year=budget_year,
        track=track,
        intervention=intervention,
        mode=BudgetAllocationChange.Mode.SET,
        amount=amount,
        reason=note or _("Toewijzing vastgesteld."),
    )


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
