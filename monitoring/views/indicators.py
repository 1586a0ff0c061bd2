"""Indicators: the list, one indicator's history, and its three forms (enter a value, set a target,
correct a locked value), each posting to a view of its own."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.access import AuthenticatedRequest, has_role_permission, role_required
from core.forms import attempt

from .. import charts, selectors
from ..breakdowns import breakdown_tables
from ..forms import CorrectionForm, MeasurementEntryForm, TargetForm
from ..models import Indicator, Measurement
from ..periods import KINDS, QUARTER
from ..services.measurements import measurement_correct, measurement_enter
from ..services.targets import target_set
from .common import PAGE_SIZE, period_from
from .partners import may_see_intervention_of, may_see_monitoring

VIEW = "monitoring.view_indicator"


def _indicator_or_404(code: str) -> Indicator:
    indicator = selectors.indicator_get(code=code)
    if indicator is None:
        raise Http404
    return indicator


@role_required(VIEW)
def indicator_list(request: AuthenticatedRequest) -> HttpResponse:
    period = period_from(request)
    page = Paginator(selectors.indicator_list(), PAGE_SIZE).get_page(request.GET.get("pagina"))
    values = selectors.indicator_values(period=period, indicators=page.object_list)
    return render(
        request,
        "monitoring/indicators.html",
        {
            "period": period,
            "previous": period.previous(),
            "next": period.next(),
            "page": page,
            "values": values,
        },
    )


@role_required(may_see_monitoring)
def indicator_detail(request: AuthenticatedRequest, code: str) -> HttpResponse:
    """The municipality sees every indicator; a partner those of the interventions its organisation
    carries out, and any other answers 404 (issue 12)."""
    indicator = _indicator_or_404(code)
    if not may_see_intervention_of(request.user, indicator):
        raise Http404
    return _render_indicator(request, indicator)


def _render_indicator(
    request: AuthenticatedRequest,
    indicator: Indicator,
    *,
    entry_form: MeasurementEntryForm | None = None,
    target_form: TargetForm | None = None,
    correction_form: CorrectionForm | None = None,
    status: int = 200,
) -> HttpResponse:
    kind = request.GET.get("per", QUARTER)
    if kind not in KINDS:
        kind = QUARTER
    targets = {t.period_id: t for t in indicator.targets.select_related("period")}
    rows = charts.indicator_history(
        indicator, selectors.indicator_history(indicator=indicator, kind=kind), targets
    )
    # The breakdowns of the period asked for (?uitsplitsing=2025-Q1), else of the latest that has them.
    with_breakdowns = [r["measurement"] for r in rows if r["measurement"].breakdowns]
    if not has_role_permission(request.user, VIEW):
        # A partner (issue 12) sees the figures of its own interventions, not their breakdowns by
        # district, age and gender: small counts are not suppressed inside the municipality, and a
        # partner is outside it.
        with_breakdowns = []
    chosen = request.GET.get("uitsplitsing", "")
    breakdown = next((m for m in with_breakdowns if m.period.code == chosen), None) or (
        with_breakdowns[-1] if with_breakdowns else None
    )
    return render(
        request,
        "monitoring/indicator.html",
        {
            "indicator": indicator,
            "rows": rows,
            "kind": kind,
            "targets": sorted(targets.values(), key=lambda t: (t.period.start, t.period.kind)),
            "entry_form": entry_form or MeasurementEntryForm(prefix="entry"),
            "target_form": target_form or TargetForm(prefix="target"),
            "correction_form": correction_form or CorrectionForm(prefix="correction"),
            "breakdown": breakdown,
            "breakdown_tables": breakdown_tables(breakdown.breakdowns) if breakdown else [],
            "chart": charts.indicator_chart(rows),
        },
        status=status,
    )


@require_POST
@role_required(VIEW, "monitoring.add_measurement")
def indicator_enter(request: AuthenticatedRequest, code: str) -> HttpResponse:
    indicator, actor = _indicator_or_404(code), request.user
    form = MeasurementEntryForm(request.POST, prefix="entry")
    if form.is_valid():
        data = form.cleaned_data
        if attempt(form, lambda: measurement_enter(actor=actor, indicator=indicator, **data)) is not None:
            messages.success(request, _("De waarde is vastgelegd."))
            return redirect("monitoring:indicator", code=code)
    return _render_indicator(request, indicator, entry_form=form, status=400)


@require_POST
@role_required(VIEW, "monitoring.add_target")
def indicator_target(request: AuthenticatedRequest, code: str) -> HttpResponse:
    indicator, actor = _indicator_or_404(code), request.user
    form = TargetForm(request.POST, prefix="target")
    if form.is_valid():
        data = form.cleaned_data
        if attempt(form, lambda: target_set(actor=actor, indicator=indicator, **data)) is not None:
            messages.success(request, _("Het doel is vastgelegd."))
            return redirect("monitoring:indicator", code=code)
    return _render_indicator(request, indicator, target_form=form, status=400)


@require_POST
@role_required(VIEW, "monitoring.add_measurementcorrection")
def indicator_correct(request: AuthenticatedRequest, code: str) -> HttpResponse:
    indicator, actor = _indicator_or_404(code), request.user
    form = CorrectionForm(request.POST, prefix="correction")
    if form.is_valid():
        data = form.cleaned_data
        measurement = Measurement.objects.filter(pk=data["measurement"], indicator=indicator).first()
        if measurement is None:
            raise Http404
        corrected = attempt(
            form,
            lambda: measurement_correct(
                actor=actor,
                measurement=measurement,
                numerator=data["numerator"],
                denominator=data["denominator"],
                reason=data["reason"],
            ),
        )
        if corrected is not None:
            messages.success(request, _("De correctie is vastgelegd."))
            return redirect("monitoring:indicator", code=code)
    return _render_indicator(request, indicator, correction_form=form, status=400)
