"""The meetings API. Same gateway as the pages; an item's subject and minutes only for those present."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _
from rest_framework import viewsets
from rest_framework.exceptions import NotFound
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.serializers import BaseSerializer

from accounts.access import RolePermission
from core.readlog import log_reads

from ..models import Meeting
from ..selectors import meetings as meeting_selectors
from ..serializers.meetings import MeetingDetailSerializer, MeetingSerializer


class MeetingViewSet(viewsets.ReadOnlyModelViewSet):
    """Meetings: all for the procesregisseur and projectleider; for a partner those its organisation
    attended. An item's subject and minutes only for the organisations present for it (`visible`)."""

    permission_classes = [RolePermission.of(meeting_selectors.may_use_meetings)]

    def get_serializer_class(self) -> type[BaseSerializer]:
        return MeetingDetailSerializer if self.action == "retrieve" else MeetingSerializer

    def get_queryset(self) -> QuerySet[Meeting]:
        return meeting_selectors.meeting_list_for_user(user=self.request.user).prefetch_related(
            "attending_organisations"
        )

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        meeting = meeting_selectors.meeting_get_for_user(user=request.user, meeting_id=kwargs["pk"])
        if meeting is None:
            raise NotFound
        agenda = meeting_selectors.agenda_for_user(user=request.user, meeting=meeting)
        log_reads(
            user=request.user,
            subjects=(i.youth for i in agenda if i.visible),
            what=_("agenda van een overleg (API)"),
            channel="api",
            path=request.path,
        )
        return Response(MeetingDetailSerializer(meeting, context={"agenda": agenda}).data)
