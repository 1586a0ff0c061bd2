"""The privacy API: the export of everything about one youth, and the data-subject requests. For the
privacyfunctionaris only; the export is written to the read log and the security log."""

from __future__ import annotations

from typing import Any

from django.http import Http404
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.generics import ListAPIView
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.access import RolePermission, acting_user, has_role_permission
from core.readlog import log_read
from core.security_log import actor_of, client_ip, security_event

from . import selectors, services
from .export import youth_export
from .serializers import DataSubjectRequestCreateSerializer, DataSubjectRequestSerializer


class YouthExportView(APIView):
    """Everything held about one youth (AVG art. 15), as JSON; only a youth a recorded request is about."""

    permission_classes = [RolePermission.of(selectors.EXPORT)]

    @extend_schema(responses=OpenApiTypes.OBJECT)
    def get(self, request: Request, youth_id: int) -> Response:
        user = acting_user(request)
        youth = selectors.youth_for_export(user=user, youth_id=youth_id)
        if youth is None:
            raise Http404
        log_read(
            user=user,
            subject=youth,
            what=_("inzage: alle gegevens geëxporteerd (json)"),
            channel="api",
            path=request.path,
        )
        security_event(
            action="export personal data",
            obj=f"youths.youth:{youth.pk}",
            result="ok",
            actor=actor_of(user),
            origin=client_ip(request),
        )
        return Response(youth_export(youth))


class DataSubjectRequestListView(ListAPIView[Any]):
    """Requests for access, rectification, erasure and objection: open first, earliest deadline first, each
    with `overdue`. POST records a new one (the youth is found by name and date of birth)."""

    permission_classes = [RolePermission.of(selectors.may_handle_requests)]
    serializer_class = DataSubjectRequestSerializer

    def get_queryset(self) -> Any:
        if getattr(self, "swagger_fake_view", False):
            from .models import DataSubjectRequest

            return DataSubjectRequest.objects.none()
        return selectors.request_list_for_user(
            user=self.request.user, status=self.request.query_params.get("status", "")
        )

    @extend_schema(request=DataSubjectRequestCreateSerializer, responses=DataSubjectRequestSerializer)
    def post(self, request: Request) -> Response:
        user = acting_user(request)
        if not has_role_permission(user, "privacy.add_datasubjectrequest"):
            return Response(status=status.HTTP_403_FORBIDDEN)
        incoming = DataSubjectRequestCreateSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        data = incoming.validated_data
        youth = services.youth_find(
            first_name=data["youth_first_name"],
            last_name=data["youth_last_name"],
            date_of_birth=data["youth_date_of_birth"],
        )
        made = services.request_record(
            actor=user,
            kind=data["kind"],
            youth=youth,
            received_on=data["received_on"],
            requester=data["requester"],
            description=data["description"],
        )
        return Response(DataSubjectRequestSerializer(made).data, status=status.HTTP_201_CREATED)
