from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.access import AuthenticatedRequest, has_role_permission, role_required
from core.forms import attempt

from . import selectors, services
from .forms import EvidenceForm, MilestoneForm
from .models import Intervention


def _intervention_or_404(code: str) -> Intervention:
    intervention = selectors.intervention_get(code=code)
    if intervention is None:
        raise Http404
    return intervention


def _evidence_initial(intervention: Intervention) -> EvidenceForm:
    return EvidenceForm(
        initial={
            "level": intervention.evidence_level,
            "source": intervention.evidence_source,
            "date": intervention.evidence_date,
        }
    )


@role_required("tracks.view_intervention")
def intervention_detail(request: AuthenticatedRequest, code: str) -> HttpResponse:
    intervention = _intervention_or_404(code)
    return render(
        request,
        "tracks/intervention.html",
        {"intervention": intervention, "evidence_form": _evidence_initial(intervention)},
    )


@require_POST
@role_required("tracks.view_intervention", "tracks.change_intervention")
def intervention_evidence(request: AuthenticatedRequest, code: str) -> HttpResponse:
    """The projectleider records the intervention's erkenningsniveau with its source and date."""
    intervention = _intervention_or_404(code)
    form = EvidenceForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        done = attempt(
            form,
            lambda: services.intervention_evidence_set(
                actor=request.user,
                intervention=intervention,
                level=data["level"],
                source=data["source"],
                date=data["date"],
            ),
        )
        if done is not None:
            messages.success(
                request,
                _("Het erkenningsniveau is vastgelegd: %(level)s.")
                % {"level": intervention.get_evidence_level_display()},
            )
            return redirect("tracks:intervention", code=intervention.code)
    return render(
        request, "tracks/intervention.html", {"intervention": intervention, "evidence_form": form}, status=400
    )


def _milestone_page(
    request: AuthenticatedRequest, *, failed: MilestoneForm | None = None, status: int = 200
) -> HttpResponse:
    rows = []
    for milestone in selectors.milestone_list():
        if failed is not None and failed.prefix == f"m{milestone.pk}":
            form = failed
        else:
            form = MilestoneForm(
                prefix=f"m{milestone.pk}",
                initial={
                    "status": milestone.status,
                    "evidence_link": milestone.evidence_link,
                    "evidence_note": milestone.evidence_note,
                },
            )
        rows.append((milestone, form))
    return render(request, "tracks/milestones.html", {"rows": rows}, status=status)


@role_required("tracks.view_milestone")
def milestones(request: AuthenticatedRequest) -> HttpResponse:
    """The plan's deliverables with their status; the projectleider updates them here."""
    if request.method != "POST":
        return _milestone_page(request)
    if not has_role_permission(request.user, "tracks.change_milestone"):
        return HttpResponse(status=403)
    pk = request.POST.get("milestone", "")
    milestone = selectors.milestone_get(pk=int(pk)) if pk.isdigit() else None
    if milestone is None:
        raise Http404
    form = MilestoneForm(request.POST, prefix=f"m{milestone.pk}")
    if form.is_valid():
        data = form.cleaned_data
        done = attempt(
            form,
            lambda: services.milestone_update(
                actor=request.user,
                milestone=milestone,
                status=data["status"],
                evidence_link=data["evidence_link"],
                evidence_note=data["evidence_note"],
            ),
        )
        if done is not None:
            messages.success(
                request,
                _("De status van '%(title)s' is nu: %(status)s.")
                % {"title": milestone.title[:60], "status": milestone.get_status_display()},
            )
            return redirect("tracks:milestones")
    return _milestone_page(request, failed=form, status=400)
