"""Pages that compose several apps; they live at the top of the layers so that no app imports one above it."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import render

from accounts.access import AuthenticatedRequest, role_required
from monitoring.selectors import context_indicator_table
from tracks import selectors as tracks_selectors


@role_required("tracks.view_programme")
def programme(request: AuthenticatedRequest) -> HttpResponse:
    """The plan at a glance: its tracks and interventions (tracks) and the context indicators (monitoring)."""
    return render(
        request,
        "tracks/programme.html",
        {
            "programme": tracks_selectors.programme_get(),
            "tracks": tracks_selectors.track_list(),
            "context_indicators": context_indicator_table(),
        },
    )
