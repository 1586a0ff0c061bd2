"""The cases API. Same gateway as the pages; reads of personal data write the read log (channel "api").
Domain errors become 400 problem+json through core.api.exception_handler.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action as route
from rest_framework.exceptions import NotFound, PermissionDenied
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.serializers import BaseSerializer

from accounts.access import RolePermission, acting_user, has_role_permission
from core.errors import DomainError
from core.readlog import log_read, log_reads
from youths.selectors import youth_get_for_user

from ..lifecycle import CaseStatus
from ..models import Case
from ..selectors import core as case_selectors
from ..serializers.core import (
    CaseCreateSerializer,
    CaseDetailSerializer,
    CaseEscalationInputSerializer,
    CaseEscalationSerializer,
    CaseHandoverInputSerializer,
    CaseHandoverSerializer,
    CaseSerializer,
    CaseTransitionInputSerializer,
)
from ..services import casework as casework_services
from ..services import core as case_services


class CaseViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Cases the user may see. `POST /cases/` opens one (procesregisseur); `POST /cases/{id}/transition/`
    moves it along the status table (400 with the possible statuses when the step is not allowed)."""

    permission_classes = [RolePermission.of(case_selectors.may_use_cases)]

    def get_serializer_class(self) -> type[BaseSerializer]:
        if self.action == "retrieve":
            return CaseDetailSerializer
        if self.action == "create":
            return CaseCreateSerializer
        if self.action == "transition":
            return CaseTransitionInputSerializer
        return CaseSerializer

    @extend_schema(parameters=[OpenApiParameter("status", enum=CaseStatus.values)])
    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().list(request, *args, **kwargs)

    def get_queryset(self) -> QuerySet[Case]:
        status_filter = self.request.query_params.get("status", "")
        return case_selectors.case_list_for_user(
            user=self.request.user, status=status_filter if status_filter in CaseStatus.values else ""
        )

    def paginate_queryset(self, queryset: Any) -> Any:
        page = super().paginate_queryset(queryset)
        log_reads(
            user=self.request.user,
            subjects=(c.youth for c in (page or [])),
            what=_("casussen (API)"),
            channel="api",
            path=self.request.path,
        )
        return page

    def get_object(self) -> Case:
        case = case_selectors.case_get_for_user(user=self.request.user, case_id=self.kwargs["pk"])
        if case is None:
            raise NotFound
        return case

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        case = self.get_object()
        detail = case_selectors.case_detail(case=case)
        log_read(
            user=request.user,
            subject=case.youth,
            what=_("casus %(id)s (API)") % {"id": case.pk},
            channel="api",
            path=request.path,
        )
        case._prefetched_objects_cache = {  # type: ignore[attr-defined]
            "transitions": detail["transitions"],
            "organisation_roles": [r for r in detail["organisations"]],
            "goals": detail["goals"],
            "actions": detail["actions"],
            "enrolments": detail["enrolments"],
            "family_links": detail["family"],
        }
        return Response(CaseDetailSerializer(case).data)

    @extend_schema(request=CaseCreateSerializer, responses={201: CaseDetailSerializer})
    def create(self, request: Request) -> Response:
        if not has_role_permission(request.user, case_selectors.MANAGE_CASES):
            raise PermissionDenied
        data = CaseCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        youth = youth_get_for_user(user=request.user, youth_id=data.validated_data["youth_id"])
        if youth is None:
            raise DomainError(_("Deze jongere bestaat niet."), field="youth_id")
        holder = (
            case_selectors.procesregie_candidates()
            .filter(pk=data.validated_data["procesregie_holder"])
            .first()
        )
        if holder is None:
            raise DomainError(_("Deze persoon kan geen procesregie hebben."), field="procesregie_holder")
        opened = case_services.case_open(
            actor=acting_user(request),
            youth=youth,
            procesregie_holder=holder,
            reason=data.validated_data.get("reason", ""),
        )
        shown = case_selectors.case_get_for_user(user=request.user, case_id=opened.pk)
        return Response(CaseDetailSerializer(shown).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=CaseTransitionInputSerializer, responses={200: CaseSerializer})
    @route(detail=True, methods=["post"])
    def transition(self, request: Request, pk: str) -> Response:
        case = self.get_object()
        if not case_selectors.case_can_manage(user=request.user, case=case):
            raise PermissionDenied
        data = CaseTransitionInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        closing = None
        ending = values["to"] == CaseStatus.NAZORG or (
            values["to"] == CaseStatus.GESLOTEN and case.status != CaseStatus.NAZORG
        )
        if ending:
            closing = case_services.CaseClosing(
                reason=values.get("closing_reason", ""),
                perspective=values.get("outcome_perspective", ""),
                qualification=values.get("outcome_qualification", ""),
                network_size=values.get("outcome_network_size"),
            )
        case = case_services.case_transition(
            actor=acting_user(request),
            case=case,
            to=values["to"],
            reason=values["reason"],
            closing=closing,
            aftercare_check_in_on=values.get("aftercare_check_in_on"),
        )
        return Response(
            CaseSerializer(case_selectors.case_get_for_user(user=request.user, case_id=case.pk)).data
        )

    def _managed(self, request: Request) -> Case:
        case = self.get_object()
        if not case_selectors.case_can_manage(user=request.user, case=case):
            raise PermissionDenied
        return case

    @extend_schema(request=CaseHandoverInputSerializer, responses={201: CaseHandoverSerializer})
    @route(detail=True, methods=["post"])
    def handover(self, request: Request, pk: str) -> Response:
        """Propose a warm handover of procesregie; the new holder answers in the browser
        (`/overdrachten/{id}/`). Until then the current holder keeps procesregie."""
        case = self._managed(request)
        data = CaseHandoverInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        holder = case_selectors.procesregie_candidates().filter(pk=data.validated_data["to_holder"]).first()
        if holder is None:
            raise DomainError(_("Deze persoon kan geen procesregie hebben."), field="to_holder")
        handover = casework_services.case_handover_propose(
            actor=acting_user(request), case=case, to_holder=holder, reason=data.validated_data["reason"]
        )
        return Response(CaseHandoverSerializer(handover).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=CaseEscalationInputSerializer, responses={201: CaseEscalationSerializer})
    @route(detail=True, methods=["post"])
    def escalate(self, request: Request, pk: str) -> Response:
        """Escalate the case to the Zorg- en Veiligheidshuis (`zvh`) or the administrative level
        (`bestuurlijk`), with the reason and the date (default today)."""
        case = self._managed(request)
        data = CaseEscalationInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        escalation = casework_services.case_escalate(
            actor=acting_user(request),
            case=case,
            level=values["level"],
            reason=values["reason"],
            escalated_on=values.get("escalated_on"),
        )
        return Response(CaseEscalationSerializer(escalation).data, status=status.HTTP_201_CREATED)
