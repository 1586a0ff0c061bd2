from __future__ import annotations

from django.http import Http404, HttpResponse
from django.shortcuts import render

from accounts.access import AuthenticatedRequest, role_required

from . import selectors


@role_required("tracks.view_intervention")
def intervention_detail(request: AuthenticatedRequest, code: str) -> HttpResponse:
    intervention = selectors.intervention_get(code=code)
    if intervention is None:
        raise Http404
    return render(request, "tracks/intervention.html", {"intervention": intervention})
