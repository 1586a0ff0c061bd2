"""PDCA cycles per track and period, and the review of the plan's risks."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.access import AuthenticatedRequest, role_required
from core.forms import attempt
from tracks.models import Risk, Track

from .. import selectors
from ..forms import PdcaForm, PdcaNewForm, RiskReviewForm
from ..periods import Period
from ..services.pdca import pdca_save
from ..services.risks import risk_review_add
from .common import PAGE_SIZE, period_or_404

VIEW_PDCA = "monitoring.view_pdcacycle"
VIEW_RISKS = "monitoring.view_riskreview"

# --- PDCA ----------------------------------------------------------------------------------------


@role_required(VIEW_PDCA)
def pdca_list(request: AuthenticatedRequest) -> HttpResponse:
    form = PdcaNewForm(request.GET or None)
    if request.GET and form.is_valid():
        return redirect(
            "monitoring:pdca_cycle",
            track=form.cleaned_data["track"].code,
            code=form.cleaned_data["period"].code,
        )
    page = Paginator(selectors.pdca_list(), PAGE_SIZE).get_page(request.GET.get("pagina"))
    return render(request, "monitoring/pdca_list.html", {"page": page, "form": form})


def _track_or_404(code: str) -> Track:
    return get_object_or_404(Track, code=code)


@role_required(VIEW_PDCA)
def pdca_cycle(request: AuthenticatedRequest, track: str, code: str) -> HttpResponse:
    return _render_pdca(request, _track_or_404(track), period_or_404(code))


def _render_pdca(
    request: AuthenticatedRequest,
    track: Track,
    period: Period,
    form: PdcaForm | None = None,
    status: int = 200,
) -> HttpResponse:
    cycle = selectors.pdca_get(track_code=track.code, period=period)
    if form is None:
        initial: dict[str, Any] = {"owner": request.user.pk, "status": "plan"}
        if cycle is not None:
            initial = {
                "owner": cycle.owner_id,
                "status": cycle.status,
                "plan": cycle.plan,
                "do": cycle.do,
                "check_notes": cycle.check_notes,
                "act_adjustment": cycle.act_adjustment,
                "act_reason": cycle.act_reason,
            }
        form = PdcaForm(initial=initial)
    values = selectors.indicator_values(
        period=period, indicators=selectors.indicator_list().filter(intervention__track=track)
    )
    return render(
        request,
        "monitoring/pdca.html",
        {
            "track": track,
            "period": period,
            "cycle": cycle,
            "form": form,
            "targets": [v for v in values if v.target],
            "delivered": [v for v in values if v.indicator.kind == "output" and v.measurement],
            "check": [v for v in values if v.target],
        },
        status=status,
    )


@require_POST
@role_required(VIEW_PDCA, "monitoring.change_pdcacycle")
def pdca_cycle_save(request: AuthenticatedRequest, track: str, code: str) -> HttpResponse:
    track_obj, period, actor = _track_or_404(track), period_or_404(code), request.user
    form = PdcaForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        if attempt(form, lambda: pdca_save(actor=actor, track=track_obj, period=period, **data)) is not None:
            messages.success(request, _("De PDCA-cyclus is opgeslagen."))
            return redirect("monitoring:pdca_cycle", track=track, code=period.code)
    return _render_pdca(request, track_obj, period, form, status=400)


# --- Risks ---------------------------------------------------------------------------------------


@role_required(VIEW_RISKS)
def risks(request: AuthenticatedRequest) -> HttpResponse:
    return _render_risks(request, RiskReviewForm(initial={"date": timezone.localdate()}))


def _render_risks(request: AuthenticatedRequest, form: RiskReviewForm, status: int = 200) -> HttpResponse:
    return render(
        request, "monitoring/risks.html", {"risks": selectors.risks_with_state(), "form": form}, status=status
    )


@require_POST
@role_required(VIEW_RISKS, "monitoring.add_riskreview")
def risk_review(request: AuthenticatedRequest) -> HttpResponse:
    actor = request.user
    form = RiskReviewForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        risk = Risk.objects.filter(pk=data["risk"]).first()
        if risk is None:
            raise Http404
        review = attempt(
            form,
            lambda: risk_review_add(
                actor=actor, risk=risk, date=data["date"], level=data["level"], measures=data["measures"]
            ),
        )
        if review is not None:
            messages.success(request, _("De beoordeling is vastgelegd."))
            return redirect("monitoring:risks")
    return _render_risks(request, form, status=400)
