"""The actions API. Same gateway as the pages; reads of personal data write the read log (channel "api").
Domain errors become 400 problem+json through core.api.exception_handler.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import Http404
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action as route
from rest_framework.exceptions import NotFound, PermissionDenied
from rest_framework.request import Request
from rest_framework.response import Response

from accounts.access import RolePermission, acting_user
from accounts.models import Organisation
from core.errors import DomainError
from core.readlog import log_read, log_reads

from ..catalogue import assessment_kind
from ..models import Action, FollowUpType
from ..selectors import actions as action_selectors
from ..selectors import core as case_selectors
from ..serializers.actions import (
    ActionAssessmentInputSerializer,
    ActionCreateSerializer,
    ActionFinishSerializer,
    ActionRespondSerializer,
    ActionSerializer,
)
from ..services import actions as action_services
from ..services import casework as casework_services


class ActionViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Actions the user may see: its organisation's own, and those of the cases it sees (all for the
    procesregisseur and projectleider). `?mine=true` only its organisation's;
    `?status=open|afgerond|geannuleerd`;
    `?response=geweigerd|onbeantwoord|geaccepteerd`."""

    serializer_class = ActionSerializer
    permission_classes = [RolePermission.of(case_selectors.may_use_cases)]

    @extend_schema(
        parameters=[
            OpenApiParameter("mine", bool),
            OpenApiParameter("status", enum=Action.Status.values),
            OpenApiParameter("response", enum=Action.Response.values),
        ]
    )
    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().list(request, *args, **kwargs)

    def get_queryset(self) -> QuerySet[Action]:
        params = self.request.query_params
        actions = action_selectors.action_list_for_user(user=self.request.user)
        if params.get("mine") in ("true", "1"):
            organisation_id = acting_user(self.request).organisation_id
            actions = (
                actions.none() if organisation_id is None else actions.filter(organisation_id=organisation_id)
            )
        if params.get("status") in Action.Status.values:
            actions = actions.filter(status=params["status"])
        if params.get("response") in Action.Response.values:
            actions = actions.filter(response=params["response"])
        return actions.order_by("due_on", "id")

    def paginate_queryset(self, queryset: Any) -> Any:
        page = super().paginate_queryset(queryset)
        log_reads(
            user=self.request.user,
            subjects=(a.youth for a in (page or [])),
            what=_("acties (API)"),
            channel="api",
            path=self.request.path,
        )
        return page

    def get_object(self) -> Action:
        action = action_selectors.action_get_for_user(user=self.request.user, action_id=self.kwargs["pk"])
        if action is None:
            raise NotFound
        return action

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        action = self.get_object()
        log_read(
            user=request.user,
            subject=action.youth,
            what=_("actie %(id)s (API)") % {"id": action.pk},
            channel="api",
            path=request.path,
        )
        return Response(ActionSerializer(action).data)

    @extend_schema(request=ActionCreateSerializer, responses={201: ActionSerializer})
    def create(self, request: Request) -> Response:
        """Give an action within a case (its manager: the procesregie holder or the procesregisseur)."""
        data = ActionCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        case = case_selectors.case_get_for_user(user=request.user, case_id=values["case"])
        if case is None:
            raise DomainError(_("Deze casus bestaat niet."), field="case")
        if not case_selectors.case_can_manage(user=request.user, case=case):
            raise PermissionDenied
        follow_up_type = FollowUpType.objects.filter(code=values["follow_up_type"], is_active=True).first()
        if follow_up_type is None:
            raise DomainError(
                _("Onbekende soort actie %(code)s.") % {"code": values["follow_up_type"]},
                field="follow_up_type",
            )
        organisation = Organisation.objects.filter(pk=values["organisation"]).select_related("kind").first()
        if organisation is None:
            raise DomainError(_("Deze organisatie bestaat niet."), field="organisation")
        action = action_services.action_assign(
            actor=acting_user(request),
            case=case,
            follow_up_type=follow_up_type,
            organisation=organisation,
            due_on=values.get("due_on"),
            description=values.get("description", ""),
        )
        return Response(ActionSerializer(self._reload(action.pk)).data, status=status.HTTP_201_CREATED)

    def _reload(self, pk: int) -> Action:
        action = action_selectors.action_get_for_user(user=self.request.user, action_id=pk)
        if action is None:  # pragma: no cover - the actor just made it
            raise Http404
        return action

    @extend_schema(request=ActionRespondSerializer, responses={200: ActionSerializer})
    @route(detail=True, methods=["post"])
    def respond(self, request: Request, pk: str) -> Response:
        action = self.get_object()
        if not action_selectors.action_can_respond(user=request.user, action=action):
            raise PermissionDenied
        data = ActionRespondSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        action_services.action_respond(
            actor=acting_user(request),
            action=action,
            accept=data.validated_data["accept"],
            reason=data.validated_data.get("reason", ""),
        )
        return Response(ActionSerializer(self._reload(action.pk)).data)

    @extend_schema(request=ActionFinishSerializer, responses={200: ActionSerializer})
    @route(detail=True, methods=["post"])
    def finish(self, request: Request, pk: str) -> Response:
        action = self.get_object()
        data = ActionFinishSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        done = data.validated_data["done"]
        allowed = action_selectors.action_can_respond(user=request.user, action=action) or (
            not done and action_selectors.action_can_manage(user=request.user, action=action)
        )
        if not allowed:
            raise PermissionDenied
        action_services.action_finish(
            actor=acting_user(request), action=action, done=done, note=data.validated_data.get("note", "")
        )
        return Response(ActionSerializer(self._reload(action.pk)).data)

    @extend_schema(request=ActionAssessmentInputSerializer, responses={200: ActionSerializer})
    @route(detail=True, methods=["post"])
    def assessment(self, request: Request, pk: str) -> Response:
        """The receiving organisation records the #kansRIJK outcome (instrument, assessed_on, risk_level,
        outcome_note, lvb_screening_done) or the Halt involvement (parents_involved, victim_involvement);
        404 for an action of another kind."""
        action = self.get_object()
        if assessment_kind(action.follow_up_type) is None:
            raise NotFound
        if not action_selectors.action_can_respond(user=request.user, action=action):
            raise PermissionDenied
        data = ActionAssessmentInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        casework_services.action_assessment_record(
            actor=acting_user(request),
            action=action,
            instrument=values.get("instrument", ""),
            assessed_on=values.get("assessed_on"),
            risk_level=values.get("risk_level", ""),
            outcome_note=values.get("outcome_note", ""),
            lvb_screening_done=values.get("lvb_screening_done"),
            parents_involved=values.get("parents_involved"),
            victim_involvement=values.get("victim_involvement", ""),
        )
        return Response(ActionSerializer(self._reload(action.pk)).data)
