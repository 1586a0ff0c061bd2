from __future__ import annotations

from django.db.models import Prefetch, QuerySet

from .models import Intervention, Milestone, Programme, Track


def programme_get() -> Programme | None:
    return Programme.objects.prefetch_related("risks", "budget_years").first()


def track_list() -> QuerySet[Track]:
    """Tracks and components with everything the overview shows, in a fixed number of queries."""
    return Track.objects.prefetch_related(
        "desired_results__sub_results_of__measurable_results",
        "partners",
        Prefetch("interventions", queryset=Intervention.objects.order_by("order")),
    ).order_by("order")


def intervention_list() -> QuerySet[Intervention]:
    return (
        Intervention.objects.select_related("track").prefetch_related("measurable_results").order_by("order")
    )


def intervention_get(*, code: str) -> Intervention | None:
    return intervention_list().filter(code=code).first()


def milestone_list() -> QuerySet[Milestone]:
    return Milestone.objects.select_related("track", "intervention").order_by("order", "id")


def milestone_get(*, pk: int) -> Milestone | None:
    return Milestone.objects.filter(pk=pk).first()
