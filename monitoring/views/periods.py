"""Reporting periods: the list, one period's figures, and its workflow (submit, approve, return,
reopen), each a form posting to a view of its own."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.access import Actor, AuthenticatedRequest, role_required
from core.forms import attempt

from .. import selectors
from ..forms import ReasonForm
from ..models import ReportingPeriod
from ..periods import Period
from ..services import periods as period_services
from .common import PAGE_SIZE, period_or_404

VIEW = "monitoring.view_reportingperiod"
CHANGE = "monitoring.change_reportingperiod"


@role_required(VIEW)
def period_list(request: AuthenticatedRequest) -> HttpResponse:
    today = timezone.localdate()
    page = Paginator(selectors.period_list(today=today), PAGE_SIZE).get_page(request.GET.get("pagina"))
    return render(request, "monitoring/periods.html", {"page": page, "today": today})


@role_required(VIEW)
def period_detail(request: AuthenticatedRequest, code: str) -> HttpResponse:
    period = period_or_404(code)
    return _render_period(request, period, selectors.reporting_period_find(period=period), ReasonForm())


def _render_period(
    request: AuthenticatedRequest,
    period: Period,
    reporting_period: ReportingPeriod | None,
    form: ReasonForm,
    status: int = 200,
) -> HttpResponse:
    return render(
        request,
        "monitoring/period.html",
        {
            "period": period,
            "reporting_period": reporting_period,
            "status": reporting_period.status if reporting_period else ReportingPeriod.Status.OPEN,
            "provisional": period_services.period_is_provisional(period=period),
            "future": period.start > timezone.localdate(),
            "values": selectors.indicator_values(period=period),
            "transitions": list(reporting_period.transitions.select_related("actor"))
            if reporting_period
            else [],
            "form": form,
        },
        status=status,
    )


# A workflow step: (actor, period, reason) -> the period moved on. Submit and approve take no reason.
Step = Callable[[Actor, ReportingPeriod, str], ReportingPeriod]


def _step(request: AuthenticatedRequest, code: str, step: Step) -> HttpResponse:
    period, actor = period_or_404(code), request.user
    reporting_period = period_services.period_get_or_create(period=period)
    form = ReasonForm(request.POST)
    if form.is_valid():
        reason = form.cleaned_data["reason"]
        if attempt(form, lambda: step(actor, reporting_period, reason)) is not None:
            messages.success(request, _("De status van de periode is gewijzigd."))
            return redirect("monitoring:period", code=period.code)
    return _render_period(request, period, reporting_period, form, status=400)


@require_POST
@role_required(VIEW, CHANGE)
def period_submit(request: AuthenticatedRequest, code: str) -> HttpResponse:
    return _step(
        request, code, lambda actor, period, _: period_services.period_submit(actor=actor, period=period)
    )


@require_POST
@role_required(VIEW, CHANGE)
def period_approve(request: AuthenticatedRequest, code: str) -> HttpResponse:
    return _step(
        request, code, lambda actor, period, _: period_services.period_approve(actor=actor, period=period)
    )


@require_POST
@role_required(VIEW, CHANGE)
def period_return(request: AuthenticatedRequest, code: str) -> HttpResponse:
    return _step(
        request,
        code,
        lambda actor, period, reason: period_services.period_return(
            actor=actor, period=period, reason=reason
        ),
    )


@require_POST
@role_required(VIEW, CHANGE)
def period_reopen(request: AuthenticatedRequest, code: str) -> HttpResponse:
    return _step(
        request,
        code,
        lambda actor, period, reason: period_services.period_reopen(
            actor=actor, period=period, reason=reason
        ),
    )
