from __future__ import annotations

from django.db.models import QuerySet
from rest_framework import viewsets

from accounts.access import RolePermission

from . import selectors
from .models import Intervention, Track
from .serializers import InterventionSerializer, TrackSerializer


class TrackViewSet(viewsets.ReadOnlyModelViewSet):
    """Sporen 1–3 and programme components A and B, each with its interventions."""

    serializer_class = TrackSerializer
    permission_classes = [RolePermission.of("tracks.view_track")]
    lookup_field = "code"
    pagination_class = None  # five rows, always

    def get_queryset(self) -> QuerySet[Track]:
        return selectors.track_list()


class InterventionViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = InterventionSerializer
    permission_classes = [RolePermission.of("tracks.view_intervention")]
    lookup_field = "code"
    lookup_value_regex = r"[0-9.]+"
    pagination_class = None  # the plan's eight interventions

    def get_queryset(self) -> QuerySet[Intervention]:
        return selectors.intervention_list()
