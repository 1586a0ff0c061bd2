"""The API for meetings, cases, actions, groups and the follow-up catalogue. Same gateway as the pages.

Reads of personal data write the read log (channel "api"). Domain errors become 400 problem+json
through core.api.exception_handler.
"""

from __future__ import annotations

from typing import Any

from django.http import Http404
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action as route
from rest_framework.exceptions import NotFound, PermissionDenied
from rest_framework.permissions import BasePermission
from rest_framework.request import Request
from rest_framework.response import Response

from accounts.models import Organisation
from core.errors import DomainError
from core.permissions import HasPermission
from core.readlog import log_read, log_reads
from youths.selectors import youth_get_for_user

from . import selectors, services
from .lifecycle import CaseStatus
from .models import Action, FollowUpType
from .serializers import (
    ActionCreateSerializer,
    ActionFinishSerializer,
    ActionRespondSerializer,
    ActionSerializer,
    CaseCreateSerializer,
    CaseDetailSerializer,
    CaseSerializer,
    CaseTransitionInputSerializer,
    FollowUpTypeSerializer,
    MeetingDetailSerializer,
    MeetingSerializer,
    YouthGroupDetailSerializer,
    YouthGroupSerializer,
)


def _gate(check: Any) -> type[BasePermission]:
    class Gate(BasePermission):
        def has_permission(self, request: Any, view: Any) -> bool:
            return bool(check(request.user))

    return Gate


def _log(request: Request, youths: Any, what: str) -> None:
    unique = {y.pk: y for y in youths if y is not None}
    if unique:
        log_reads(user=request.user, subjects=unique.values(), what=what, channel="api", path=request.path)


class FollowUpTypeViewSet(viewsets.ReadOnlyModelViewSet):
    """The follow-up catalogue: who is authorised to take which action, and when (plan 2.2)."""

    serializer_class = FollowUpTypeSerializer
    permission_classes = [HasPermission.of("cases.view_followuptype")]
    lookup_field = "code"

    def get_queryset(self):  # type: ignore[no-untyped-def]
        return selectors.follow_up_types_for()


class CaseViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Cases the user may see. `POST /cases/` opens one (procesregisseur); `POST /cases/{id}/transition/`
    moves it along the status table (400 with the possible statuses when the step is not allowed)."""

    permission_classes = [_gate(selectors.may_use_cases)]

    def get_serializer_class(self):  # type: ignore[no-untyped-def]
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

    def get_queryset(self):  # type: ignore[no-untyped-def]
        status_filter = self.request.query_params.get("status", "")
        return selectors.case_list_for_user(
            user=self.request.user, status=status_filter if status_filter in CaseStatus.values else ""
        )

    def paginate_queryset(self, queryset: Any) -> Any:
        page = super().paginate_queryset(queryset)
        _log(self.request, (c.youth for c in (page or [])), "casussen (API)")
        return page

    def get_object(self):  # type: ignore[no-untyped-def]
        case = selectors.case_get_for_user(user=self.request.user, case_id=self.kwargs["pk"])
        if case is None:
            raise NotFound
        return case

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        case = self.get_object()
        detail = selectors.case_detail(case=case)
        log_read(
            user=request.user,
            subject=case.youth,
            what=f"casus {case.pk} (API)",
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
        if not selectors.has_role_permission(request.user, selectors.MANAGE_CASES):
            raise PermissionDenied
        data = CaseCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        youth = youth_get_for_user(user=request.user, youth_id=data.validated_data["youth_id"])
        if youth is None:
            raise DomainError(_("Deze jongere bestaat niet."), field="youth_id")
        holder = (
            selectors.procesregie_candidates().filter(pk=data.validated_data["procesregie_holder"]).first()
        )
        if holder is None:
            raise DomainError(_("Deze persoon kan geen procesregie hebben."), field="procesregie_holder")
        case = services.case_open(
            actor=request.user,
            youth=youth,
            procesregie_holder=holder,
            reason=data.validated_data.get("reason", ""),
        )
        case = selectors.case_get_for_user(user=request.user, case_id=case.pk)
        return Response(CaseDetailSerializer(case).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=CaseTransitionInputSerializer, responses={200: CaseSerializer})
    @route(detail=True, methods=["post"])
    def transition(self, request: Request, pk: str) -> Response:
        case = self.get_object()
        if not selectors.case_can_manage(user=request.user, case=case):
            raise PermissionDenied
        data = CaseTransitionInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        closing = None
        if values["to"] == CaseStatus.GESLOTEN:
            closing = services.CaseClosing(
                reason=values.get("closing_reason", ""),
                perspective=values.get("outcome_perspective", ""),
                qualification=values.get("outcome_qualification", ""),
                network_size=values.get("outcome_network_size"),
            )
        case = services.case_transition(
            actor=request.user, case=case, to=values["to"], reason=values["reason"], closing=closing
        )
        return Response(CaseSerializer(selectors.case_get_for_user(user=request.user, case_id=case.pk)).data)


class ActionViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Actions the user may see: its organisation's own, and those of the cases it sees (all for the
    procesregisseur and projectleider). `?mine=true` only its organisation's;
    `?status=open|afgerond|geannuleerd`;
    `?response=geweigerd|onbeantwoord|geaccepteerd`."""

    serializer_class = ActionSerializer
    permission_classes = [_gate(selectors.may_use_cases)]

    @extend_schema(
        parameters=[
            OpenApiParameter("mine", bool),
            OpenApiParameter("status", enum=Action.Status.values),
            OpenApiParameter("response", enum=Action.Response.values),
        ]
    )
    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().list(request, *args, **kwargs)

    def get_queryset(self):  # type: ignore[no-untyped-def]
        params = self.request.query_params
        actions = selectors.action_list_for_user(user=self.request.user)
        if params.get("mine") in ("true", "1"):
            actions = actions.filter(organisation_id=self.request.user.organisation_id)
        if params.get("status") in Action.Status.values:
            actions = actions.filter(status=params["status"])
        if params.get("response") in Action.Response.values:
            actions = actions.filter(response=params["response"])
        return actions.order_by("due_on", "id")

    def paginate_queryset(self, queryset: Any) -> Any:
        page = super().paginate_queryset(queryset)
        _log(self.request, (a.youth for a in (page or [])), "acties (API)")
        return page

    def get_object(self):  # type: ignore[no-untyped-def]
        action = selectors.action_get_for_user(user=self.request.user, action_id=self.kwargs["pk"])
        if action is None:
            raise NotFound
        return action

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        action = self.get_object()
        log_read(
            user=request.user,
            subject=action.youth,
            what=f"actie {action.pk} (API)",
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
        case = selectors.case_get_for_user(user=request.user, case_id=values["case"])
        if case is None:
            raise DomainError(_("Deze casus bestaat niet."), field="case")
        if not selectors.case_can_manage(user=request.user, case=case):
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
        action = services.action_assign(
            actor=request.user,
            case=case,
            follow_up_type=follow_up_type,
            organisation=organisation,
            due_on=values.get("due_on"),
            description=values.get("description", ""),
        )
        return Response(ActionSerializer(self._reload(action.pk)).data, status=status.HTTP_201_CREATED)

    def _reload(self, pk: int) -> Action:
        action = selectors.action_get_for_user(user=self.request.user, action_id=pk)
        if action is None:  # pragma: no cover - the actor just made it
            raise Http404
        return action

    @extend_schema(request=ActionRespondSerializer, responses={200: ActionSerializer})
    @route(detail=True, methods=["post"])
    def respond(self, request: Request, pk: str) -> Response:
        action = self.get_object()
        if not selectors.action_can_respond(user=request.user, action=action):
            raise PermissionDenied
        data = ActionRespondSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        services.action_respond(
            actor=request.user,
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
        allowed = selectors.action_can_respond(user=request.user, action=action) or (
            not done and selectors.action_can_manage(user=request.user, action=action)
        )
        if not allowed:
            raise PermissionDenied
        services.action_finish(
            actor=request.user, action=action, done=done, note=data.validated_data.get("note", "")
        )
        return Response(ActionSerializer(self._reload(action.pk)).data)


class MeetingViewSet(viewsets.ReadOnlyModelViewSet):
    """Meetings: all for the procesregisseur and projectleider; for a partner those its organisation
    attended. An item's subject and minutes only for the organisations present for it (`visible`)."""

    permission_classes = [_gate(selectors.may_use_meetings)]

    def get_serializer_class(self):  # type: ignore[no-untyped-def]
        return MeetingDetailSerializer if self.action == "retrieve" else MeetingSerializer

    def get_queryset(self):  # type: ignore[no-untyped-def]
        return selectors.meeting_list_for_user(user=self.request.user).prefetch_related(
            "attending_organisations"
        )

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        meeting = selectors.meeting_get_for_user(user=request.user, meeting_id=kwargs["pk"])
        if meeting is None:
            raise NotFound
        agenda = selectors.agenda_for_user(user=request.user, meeting=meeting)
        _log(request, (i.youth for i in agenda if i.visible), "agenda van een overleg (API)")
        return Response(MeetingDetailSerializer(meeting, context={"agenda": agenda}).data)


class YouthGroupViewSet(viewsets.ReadOnlyModelViewSet):
    """Youth groups (groepsaanpak): all for the procesregisseur and projectleider; for a partner the
    groups its organisation takes part in. The detail has the members (namenlijst) and the seven steps."""

    permission_classes = [_gate(selectors.may_use_groups)]

    def get_serializer_class(self):  # type: ignore[no-untyped-def]
        return YouthGroupDetailSerializer if self.action == "retrieve" else YouthGroupSerializer

    def get_queryset(self):  # type: ignore[no-untyped-def]
        return selectors.youth_group_list_for_user(user=self.request.user)

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        group = selectors.youth_group_get_for_user(user=request.user, group_id=kwargs["pk"])
        if group is None:
            raise NotFound
        detail = selectors.youth_group_detail(youth_group=group)
        group._prefetched_objects_cache = {  # type: ignore[attr-defined]
            "members": detail["members"],
            "steps": detail["steps"],
            "organisations": [row.organisation for row in detail["organisations"]],
        }
        _log(request, (m.youth for m in detail["members"]), f"groep {group.pk} (API)")
        return Response(YouthGroupDetailSerializer(group).data)
