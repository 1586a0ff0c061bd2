"""The follow-up catalogue API."""

from __future__ import annotations

from django.db.models import QuerySet
from rest_framework import viewsets

from accounts.access import RolePermission

from ..models import FollowUpType
from ..selectors import lists as list_selectors
from ..serializers.lists import FollowUpTypeSerializer


class FollowUpTypeViewSet(viewsets.ReadOnlyModelViewSet):
    """The follow-up catalogue: who is authorised to take which action, and when (plan 2.2)."""

    serializer_class = FollowUpTypeSerializer
    permission_classes = [RolePermission.of("cases.view_followuptype")]
    lookup_field = "code"

    def get_queryset(self) -> QuerySet[FollowUpType]:
        return list_selectors.follow_up_types_for()
