"""The budget of a programme year: allocations within the cap, commitments and spending, each form
posting to a view of its own."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.access import role_required
from core.forms import attempt
from tracks.models import BudgetYear

from .. import charts, selectors
from ..forms import AllocationForm, MoneyForm
from ..services.budget import allocation_set, commitment_add, spending_add
from .common import acting_user

VIEW = "monitoring.view_budgetallocation"


def _year(request: HttpRequest, years: list[BudgetYear]) -> BudgetYear | None:
    """The year in ?jaar=…, else the one running today."""
    number = request.GET.get("jaar")
    chosen = next((y for y in years if str(y.number) == number), None)
    return chosen or selectors.budget_year_for(timezone.localdate())


def _year_or_404(request: HttpRequest) -> BudgetYear:
    year = _year(request, list(selectors.budget_year_list()))
    if year is None:
        raise Http404
    return year


def _back(year: BudgetYear) -> HttpResponse:
    return redirect(f"{reverse('monitoring:budget')}?jaar={year.number}")


@role_required(VIEW)
def budget(request: HttpRequest) -> HttpResponse:
    years = list(selectors.budget_year_list())
    year = _year(request, years) if years else None
    if year is None:
        return render(request, "monitoring/budget.html", {"years": []})
    return _render_budget(request, years, year)


def _render_budget(
    request: HttpRequest,
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
        },
        status=status,
    )


@require_POST
@role_required(VIEW, "monitoring.add_budgetallocation")
def budget_allocate(request: HttpRequest) -> HttpResponse:
    year = _year_or_404(request)
    form = AllocationForm(request.POST, prefix="allocation")
    if form.is_valid():
        track, intervention = form.track_and_intervention()
        if (
            attempt(
                form,
                lambda: allocation_set(
                    actor=acting_user(request),
                    budget_year=year,
                    track=track,
                    intervention=intervention,
                    amount=form.cleaned_data["amount"],
                    note=form.cleaned_data["note"],
                ),
            )
            is not None
        ):
            messages.success(request, _("De toewijzing is vastgelegd."))
            return _back(year)
    return _render_budget(request, list(selectors.budget_year_list()), year, allocation_form=form, status=400)


@require_POST
@role_required(VIEW, "monitoring.add_budgetcommitment")
def budget_commit(request: HttpRequest) -> HttpResponse:
    year = _year_or_404(request)
    form = MoneyForm(request.POST, prefix="commitment", budget_year=year)
    if (
        form.is_valid()
        and attempt(form, lambda: commitment_add(actor=acting_user(request), **form.cleaned_data)) is not None
    ):
        messages.success(request, _("Het bedrag is vastgelegd."))
        return _back(year)
    return _render_budget(request, list(selectors.budget_year_list()), year, commitment_form=form, status=400)


@require_POST
@role_required(VIEW, "monitoring.add_budgetspending")
def budget_spend(request: HttpRequest) -> HttpResponse:
    year = _year_or_404(request)
    form = MoneyForm(request.POST, prefix="spending", budget_year=year)
    if (
        form.is_valid()
        and attempt(form, lambda: spending_add(actor=acting_user(request), **form.cleaned_data)) is not None
    ):
        messages.success(request, _("Het bedrag is vastgelegd."))
        return _back(year)
    return _render_budget(request, list(selectors.budget_year_list()), year, spending_form=form, status=400)
