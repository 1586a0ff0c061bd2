from __future__ import annotations

from django.contrib.auth.decorators import login_required, permission_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from monitoring.selectors import context_indicator_table

from . import selectors


@login_required
@permission_required("tracks.view_programme", raise_exception=True)
def programme(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "tracks/programme.html",
        {
            "programme": selectors.programme_get(),
            "tracks": selectors.track_list(),
            "context_indicators": context_indicator_table(),
        },
    )


@login_required
@permission_required("tracks.view_intervention", raise_exception=True)
def intervention_detail(request: HttpRequest, code: str) -> HttpResponse:
    intervention = selectors.intervention_get(code=code)
    if intervention is None:
        raise Http404
    return render(request, "tracks/intervention.html", {"intervention": intervention})
