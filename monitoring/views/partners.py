"""Partners in the PDCA cycle (issue 12): a partner's own monitoring page (its interventions, the figures
it delivers with their review state, its reporting rate, its tracks' PDCA and its proposals); the forms
that enter and submit a figure, approve it (projectleider, never the one who entered it), and propose for
or decide on the check and act steps. Every form posts to a view of its own."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.access import AuthenticatedRequest, has_role_permission, role_required
from core.forms import attempt

from .. import selectors
from ..forms import MeasurementChoiceForm, MeasurementEntryForm, PdcaDecisionForm, PdcaProposalForm
from ..models import Indicator, Measurement, PdcaCycle, PdcaProposal
from ..services.measurements import measurement_approve, measurement_enter, measurement_submit
from ..services.pdca import pdca_proposal_add, pdca_proposal_decide
from ..services.periods import period_is_provisional
from .common import period_from

PARTNER = "monitoring.view_partner_monitoring"
ENTER = "monitoring.enter_partner_measurement"


def may_see_monitoring(user: object) -> bool:
    """The municipality's monitoring (every intervention) or a partner's (its own interventions)."""
    return has_role_permission(user, "monitoring.view_indicator") or has_role_permission(user, PARTNER)


def may_see_intervention_of(user: object, indicator: Indicator) -> bool:
    """The object-level gate of a partner: the interventions its organisation carries out."""
    if has_role_permission(user, "monitoring.view_indicator"):
        return True
    organisation_id = getattr(user, "organisation_id", None)
    return (
        selectors.partner_interventions(organisation_id=organisation_id)
        .filter(pk=indicator.intervention_id)
        .exists()
    )


def _render_partner(
    request: AuthenticatedRequest,
    *,
    entry_form: MeasurementEntryForm | None = None,
    proposal_form: PdcaProposalForm | None = None,
    choice_form: MeasurementChoiceForm | None = None,
    status: int = 200,
) -> HttpResponse:
    period = period_from(request)
    organisation_id = request.user.organisation_id
    delivered = Indicator.objects.filter(
        is_active=True, computation="", reporting_organisation_id=organisation_id
    ).select_related("intervention")
    tracks = list(selectors.partner_tracks(organisation_id=organisation_id))
    cycles = list(
        PdcaCycle.objects.filter(track__in=tracks, period__kind=period.kind, period__start=period.start)
        .select_related("track", "owner")
        .prefetch_related("proposals__author", "proposals__organisation")
    )
    rates = selectors.reporting_rates(period=period, organisation_id=organisation_id)
    return render(
        request,
        "monitoring/partner.html",
        {
            "period": period,
            "previous": period.previous(),
            "next": period.next(),
            "provisional": period_is_provisional(period=period),
            "interventions": selectors.partner_interventions(organisation_id=organisation_id),
            "values": selectors.indicator_values(period=period, indicators=delivered),
            "rate": rates[0] if rates else None,
            "cycles": cycles,
            "tracks": tracks,
            "entry_form": entry_form or MeasurementEntryForm(prefix="entry", initial={"period": period.code}),
            "proposal_form": proposal_form or PdcaProposalForm(prefix="proposal"),
            "choice_form": choice_form or MeasurementChoiceForm(),
        },
        status=status,
    )


@role_required(PARTNER)
def partner_monitoring(request: AuthenticatedRequest) -> HttpResponse:
    return _render_partner(request)


@require_POST
@role_required(ENTER)
def partner_measurement_enter(request: AuthenticatedRequest, code: str) -> HttpResponse:
    indicator = selectors.indicator_get(code=code)
    if indicator is None or indicator.reporting_organisation_id != request.user.organisation_id:
        raise Http404
    actor = request.user
    form = MeasurementEntryForm(request.POST, prefix="entry")
    if form.is_valid():
        data = form.cleaned_data
        if attempt(form, lambda: measurement_enter(actor=actor, indicator=indicator, **data)) is not None:
            messages.success(request, _("Het cijfer is vastgelegd. Dien het in als het compleet is."))
            return redirect(f"{reverse('monitoring:partner')}?periode={data['period'].code}")
    return _render_partner(request, entry_form=form, status=400)


def _measurement_from(form: MeasurementChoiceForm) -> Measurement:
    measurement = Measurement.objects.filter(pk=form.cleaned_data["measurement"]).first()
    if measurement is None:
        raise Http404
    return measurement


@require_POST
@role_required(ENTER)
def partner_measurement_submit(request: AuthenticatedRequest) -> HttpResponse:
    form, actor = MeasurementChoiceForm(request.POST), request.user
    if form.is_valid():
        measurement = _measurement_from(form)
        if measurement.indicator.reporting_organisation_id != actor.organisation_id:
            raise Http404
        if attempt(form, lambda: measurement_submit(actor=actor, measurement=measurement)) is not None:
            messages.success(request, _("Het cijfer is ingediend; de projectleider keurt het goed."))
            return redirect("monitoring:partner")
    return _render_partner(request, choice_form=form, status=400)


@require_POST
@role_required("monitoring.approve_reportingperiod")
def measurement_approve_view(request: AuthenticatedRequest) -> HttpResponse:
    form, actor = MeasurementChoiceForm(request.POST), request.user
    if form.is_valid():
        measurement = _measurement_from(form)
        if attempt(form, lambda: measurement_approve(actor=actor, measurement=measurement)) is not None:
            messages.success(request, _("Het cijfer is goedgekeurd."))
        else:
            for error in form.non_field_errors():
                messages.error(request, str(error))
        return redirect("monitoring:dashboard")
    return HttpResponse(_("Kies een ingediend cijfer."), status=400)


@require_POST
@role_required("monitoring.add_pdcaproposal")
def pdca_proposal_add_view(request: AuthenticatedRequest) -> HttpResponse:
    form, actor = PdcaProposalForm(request.POST, prefix="proposal"), request.user
    if form.is_valid():
        data = form.cleaned_data
        cycle = PdcaCycle.objects.filter(pk=data["cycle"]).select_related("track").first()
        if cycle is None:
            raise Http404
        added = attempt(
            form, lambda: pdca_proposal_add(actor=actor, cycle=cycle, step=data["step"], text=data["text"])
        )
        if added is not None:
            messages.success(request, _("Uw voorstel is ingediend; de projectleider besluit erover."))
            return redirect("monitoring:partner")
    return _render_partner(request, proposal_form=form, status=400)


@require_POST
@role_required("monitoring.change_pdcaproposal")
def pdca_proposal_decide_view(request: AuthenticatedRequest) -> HttpResponse:
    form, actor = PdcaDecisionForm(request.POST), request.user
    if form.is_valid():
        data = form.cleaned_data
        proposal = (
            PdcaProposal.objects.filter(pk=data["proposal"])
            .select_related("cycle__track", "cycle__period")
            .first()
        )
        if proposal is None:
            raise Http404
        decided = attempt(
            form,
            lambda: pdca_proposal_decide(
                actor=actor, proposal=proposal, decision=data["decision"], note=data["note"]
            ),
        )
        cycle = proposal.cycle
        target = redirect("monitoring:pdca_cycle", track=cycle.track.code, code=cycle.period.code)
        if decided is not None:
            messages.success(request, _("Het besluit over het voorstel is vastgelegd."))
        else:
            for error in form.non_field_errors() + [e for errs in form.errors.values() for e in errs]:
                messages.error(request, str(error))
        return target
    return HttpResponse(_("Kies een voorstel en een besluit."), status=400)
