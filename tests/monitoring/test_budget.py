import datetime as dt
from decimal import Decimal

import pytest

from core.errors import DomainError
from monitoring.periods import Period
from monitoring.selectors import budget_overview
from monitoring.services.budget import allocation_set, spending_add
from monitoring.services.measurements import measurement_enter
from tests.factories import budget_allocation
from tracks.models import BudgetYear, Track

from .conftest import indicator

pytestmark = pytest.mark.django_db


def test_the_yearly_cap_of_500000_is_enforced_on_allocations(indicators, petra):
    budget_allocation(intervention_code="1.1.1", amount="300000", actor=petra)
    allocation = budget_allocation(intervention_code="2.1.1", amount="150000", actor=petra)
    with pytest.raises(DomainError) as error:
        budget_allocation(intervention_code="3.1.1", amount="50000.01", actor=petra)
    assert error.value.code == "budget_cap"
    budget_allocation(intervention_code="3.1.1", amount="50000", actor=petra)  # exactly the cap
    # Changing an allocation counts the others, not its own old amount.
    budget_allocation(intervention_code="2.1.1", amount="140000", actor=petra)
    allocation.refresh_from_db()
    assert allocation.amount == Decimal("140000")
    year = BudgetYear.objects.get(number=1)
    allocation_set(actor=petra, budget_year=year, track=Track.objects.get(code="A"), amount="10000")
    with pytest.raises(DomainError):
        allocation_set(actor=petra, budget_year=year, track=Track.objects.get(code="B"), amount="1")


def test_spending_outside_the_budget_year_is_refused(indicators, petra):
    allocation = budget_allocation(intervention_code="2.1.3", amount="1000", actor=petra)
    with pytest.raises(DomainError):
        spending_add(
            actor=petra, allocation=allocation, date=dt.date(2025, 7, 1), amount="10", description="x"
        )


def test_burn_rate_and_cost_per_participant(indicators, petra):
    allocation = budget_allocation(intervention_code="2.1.3", amount="40000", actor=petra)
    spending_add(
        actor=petra, allocation=allocation, date=dt.date(2024, 9, 1), amount="6000", description="Halt"
    )
    spending_add(
        actor=petra, allocation=allocation, date=dt.date(2025, 2, 1), amount="4000", description="Halt"
    )
    for quarter, participants in (("2024-Q3", 15), ("2024-Q4", 25)):
        measurement_enter(
            actor=petra,
            indicator=indicator("2.1.3-deelnemers"),
            period=Period.parse(quarter),
            numerator=participants,
            source="Halt",
        )
    overview = budget_overview(year=BudgetYear.objects.get(number=1), until=dt.date(2024, 12, 31))
    row = overview.rows[0]
    assert (row.spent, row.burn_rate) == (Decimal("6000"), Decimal("15.0"))
    assert row.cost_per_participant == Decimal("150.00")  # 6000 / (15 + 25)
    assert overview.elapsed == Decimal("50.4")  # 1 July – 31 December of a year to 30 June


def test_the_budget_page_allocates_and_refuses_over_the_cap(indicators, petra, ruben, web):
    web.force_login(ruben)
    assert web.get("/monitoring/budget/").status_code == 403
    web.force_login(petra)
    track = Track.objects.get(code="A")
    response = web.post(
        "/monitoring/budget/toewijzen/?jaar=1",
        {
            "allocation-target": f"t{track.pk}",
            "allocation-mode": "set",
            "allocation-amount": "600000",
            "allocation-reason": "Begroting",
        },
    )
    assert response.status_code == 400
    assert "past niet binnen het maximum" in response.content.decode()
    response = web.post(
        "/monitoring/budget/toewijzen/?jaar=1",
        {
            "allocation-target": f"t{track.pk}",
            "allocation-mode": "set",
            "allocation-amount": "90000",
            "allocation-reason": "Begroting",
        },
    )
    assert response.status_code == 302, response.context["allocation_form"].errors
    assert "90.000" in web.get("/monitoring/budget/?jaar=1").content.decode()
