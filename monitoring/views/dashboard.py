"""The dashboard: indicators against their targets, the budget and the platform's activity."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone

from accounts.access import AuthenticatedRequest, role_required

from .. import charts, selectors
from ..figures import STATUS_LABELS
from ..models import Report
from ..periods import MONTH, Period
from ..services.periods import period_is_provisional
from .common import PAGE_SIZE, period_from

# The months of platform activity the dashboard shows, up to the end of the period shown.
ACTIVITY_MONTHS = 12


@role_required("monitoring.view_indicator")
def dashboard(request: AuthenticatedRequest) -> HttpResponse:
    period = period_from(request)
    values = selectors.indicator_values(period=period)
    with_target = [v for v in values if v.target is not None]
    year = selectors.budget_year_for(period.end)
    budget = selectors.budget_overview(year=year, until=min(timezone.localdate(), year.end)) if year else None
    months, facts = selectors.monthly_facts(
        keys=charts.ACTIVITY_KEYS, last=Period.containing(MONTH, period.end), months=ACTIVITY_MONTHS
    )
    return render(
        request,
        "monitoring/dashboard.html",
        {
            "period": period,
            "previous": period.previous(),
            "next": period.next(),
            "values": with_target,
            "counts": {key: sum(1 for v in with_target if v.status == key) for key in STATUS_LABELS},
            "without_value": sum(1 for v in values if v.measurement is None),
            "budget": budget,
            "progress_chart": charts.progress_chart(with_target),
            "budget_chart": charts.budget_track_chart(budget),
            "context_chart": charts.context_chart(selectors.context_series()),
            "latest_report": selectors.report_list().filter(status=Report.Status.READY).first(),
            # Partners in the cycle (issue 12): their reporting rate, and the figures awaiting approval.
            "reporting_rates": selectors.reporting_rates(period=period),
            "awaiting_approval": selectors.measurements_awaiting_approval()[:PAGE_SIZE],
            "provisional": period_is_provisional(period=period),
            **charts.activity(months, facts),
        },
    )
