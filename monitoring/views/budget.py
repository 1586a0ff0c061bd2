"""The budget of a programme year: allocations within the cap, commitments and spending, each form
posting to a view of its own."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.access import AuthenticatedRequest, role_required
from core.formatting import euro
from core.forms import attempt
from tracks.models import BudgetYear

from .. import charts, selectors
from ..forms import AllocationForm, MoneyForm
from ..services.budget import allocation_change, commitment_add, spending_add
from .common import PAGE_SIZE

VIEW = "monitoring.view_budgetallocation"


def _years(request: AuthenticatedRequest) -> tuple[list[BudgetYear], BudgetYear | None]:
    """Every programme year, and the one shown: the year in ?jaar=…, else the one running today."""
    years = list(selectors.budget_year_list())
    number = request.GET.get("jaar")
    chosen = next((y for y in years if str(y.number) == number), None)
    if chosen is None and years:
        chosen = selectors.budget_year_for(timezone.localdate())
    return years, chosen


def _years_or_404(request: AuthenticatedRequest) -> tuple[list[BudgetYear], BudgetYear]:
    years, year = _years(request)
    if year is None:
        raise Http404
    return years, year


def _back(year: BudgetYear) -> HttpResponse:
    return redirect(f"{reverse('monitoring:budget')}?jaar={year.number}")


@role_required(VIEW)
def budget(request: AuthenticatedRequest) -> HttpResponse:
    years, year = _years(request)
    if year is None:
        return render(request, "monitoring/budget.html", {"years": []})
    return _render_budget(request, years, year)


def _render_budget(
    request: AuthenticatedRequest,
    years: list[BudgetYear],
    year: BudgetYear,
    *,
    allocation_form: AllocationForm | None = None,
    commitment_form: MoneyForm | None = None,
    spending_form: MoneyForm | None = None,
    status: int = 200,
) -> HttpResponse:
    overview = selectors.budget_overview(year=year, until=min(timezone.localdate(), year.end))
    return render(
        request,
        "monitoring/budget.html",
        {
            "years": years,
            "year": year,
            "overview": overview,
            "allocation_form": allocation_form or AllocationForm(prefix="allocation"),
            "commitment_form": commitment_form or MoneyForm(prefix="commitment", budget_year=year),
            "spending_form": spending_form or MoneyForm(prefix="spending", budget_year=year),
            "chart": charts.budget_chart(overview),
            "changes": Paginator(selectors.budget_allocation_changes(year=year), PAGE_SIZE).get_page(
                request.GET.get("pagina")
            ),
        },
        status=status,
    )


@require_POST
@role_required(VIEW, "monitoring.add_budgetallocation")
def budget_allocate(request: AuthenticatedRequest) -> HttpResponse:
    (years, year), actor = _years_or_404(request), request.user
    form = AllocationForm(request.POST, prefix="allocation")
    if form.is_valid():
        track, intervention = form.track_and_intervention()
        data = form.cleaned_data
        allocation = attempt(
            form,
            lambda: allocation_change(
                actor=actor,
                budget_year=year,
                track=track,
                intervention=intervention,
                mode=data["mode"],
                amount=data["amount"],
                reason=data["reason"],
            ),
        )
        if allocation is not None:
            messages.success(
                request,
                _("De toewijzing is vastgelegd: %(target)s heeft nu %(amount)s.")
                % {"target": allocation.intervention or allocation.track, "amount": euro(allocation.amount)},
            )
            return _back(year)
    return _render_budget(request, years, year, allocation_form=form, status=400)


@require_POST
@role_required(VIEW, "monitoring.add_budgetcommitment")
def budget_commit(request: AuthenticatedRequest) -> HttpResponse:
    (years, year), actor = _years_or_404(request), request.user
    form = MoneyForm(request.POST, prefix="commitment", budget_year=year)
    if form.is_valid():
        data = form.cleaned_data
        if attempt(form, lambda: commitment_add(actor=actor, **data)) is not None:
            messages.success(request, _("Het bedrag is vastgelegd."))
            return _back(year)
    return _render_budget(request, years, year, commitment_form=form, status=400)


@require_POST
@role_required(VIEW, "monitoring.add_budgetspending")
def budget_spend(request: AuthenticatedRequest) -> HttpResponse:
    (years, year), actor = _years_or_404(request), request.user
    form = MoneyForm(request.POST, prefix="spending", budget_year=year)
    if form.is_valid():
        data = form.cleaned_data
        if attempt(form, lambda: spending_add(actor=actor, **data)) is not None:
            messages.success(request, _("Het bedrag is vastgelegd."))
            return _back(year)
    return _render_budget(request, years, year, spending_form=form, status=400)
