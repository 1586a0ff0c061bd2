"""The youths API: the same gateway and the same read log as the HTML pages (docs/signals.md)."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import Http404
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import BasePermission
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.serializers import BaseSerializer

from accounts.access import RolePermission, acting_user
from core.api import CursorPagination
from core.idempotency import IDEMPOTENCY_KEY_PARAMETER, idempotent
from core.readlog import log_read, log_reads

from . import selectors
from .models import FamilyInforming, Flag, Match, Signal, SignalCategory, Youth
from .serializers import (
    FamilyInformingInputSerializer,
    FamilyInformingSerializer,
    FlagSerializer,
    MatchSerializer,
    SignalCategorySerializer,
    SignalCloseSerializer,
    SignalCreateSerializer,
    SignalSerializer,
    YouthDetailSerializer,
    YouthSerializer,
)
from .services.informing import family_informing_record
from .services.lifecycle import signal_close
from .services.signals import signal_log
from .services.youths import YouthIdentity

#: Partner, procesregisseur, projectleider. Beheerder and ministerie get 403, not an empty list.
MayUseYouthPages = RolePermission.of(selectors.may_use_youth_pages)
MayLogSignals = RolePermission.of("youths.add_signal")
MayChangeSignals = RolePermission.of("youths.change_signal")


class YouthPagination(CursorPagination):
    ordering = ("-activity_at", "-id")


class SignalPagination(CursorPagination):
    ordering = ("-created_at", "-id")


class YouthViewSet(viewsets.ReadOnlyModelViewSet):
    """The youths the user may see (partner: those its organisation is involved with), newest activity first.

    Paged with a cursor (`next`/`previous` links, no `count`), so that page 1000 costs what page 1 costs.
    """

    serializer_class = YouthSerializer
    permission_classes = [MayUseYouthPages]
    pagination_class = YouthPagination

    def get_queryset(self) -> QuerySet[Youth]:
        if getattr(self, "swagger_fake_view", False):  # drf-spectacular reading the shape, no user
            return Youth.objects.none()
        return selectors.youth_list_for_user(
            user=self.request.user, search=self.request.query_params.get("search", "")
        )

    @extend_schema(parameters=[OpenApiParameter("search", str, description="Deel van de naam")])
    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        page = self.paginate_queryset(self.get_queryset()) or []
        log_reads(
            user=request.user, subjects=page, what=_("lijst van jongeren"), channel="api", path=request.path
        )
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    @extend_schema(responses=YouthDetailSerializer)
    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        youth = selectors.youth_get_for_user(user=request.user, youth_id=kwargs["pk"])
        if youth is None:
            raise Http404
        context = {
            "involvements": selectors.involvement_list_for_youth(youth=youth),
            "signals": selectors.signal_list_for_user(user=request.user, youth=youth).order_by(
                "-observed_on", "-id"
            )[:200],
        }
        log_read(
            user=request.user, subject=youth, what=_("jongere bekeken"), channel="api", path=request.path
        )
        return Response(YouthDetailSerializer(youth, context=context).data)

    @extend_schema(
        request=FamilyInformingInputSerializer,
        responses={200: FamilyInformingSerializer},
        description="Of uw organisatie de jongere en/of de ouders heeft geïnformeerd (AVG art. 13/14). "
        "PUT legt vast wanneer, of waarom en tot wanneer het wordt uitgesteld.",
    )
    @action(
        detail=True,
        methods=["get", "put"],
        url_path="informing",
        permission_classes=[RolePermission.of("youths.add_familyinforming")],
    )
    def informing(self, request: Request, pk: str | None = None) -> Response:
        youth = selectors.youth_get_for_user(user=request.user, youth_id=pk or "")
        if youth is None:
            raise Http404
        actor = acting_user(request)
        if request.method == "PUT":
            serializer = FamilyInformingInputSerializer(data=request.data)
            serializer.is_valid(raise_exception=True)
            record = family_informing_record(actor=actor, youth=youth, **serializer.validated_data)
            data = dict(FamilyInformingSerializer(record).data)
        else:
            found = selectors.family_informing_for(organisation_id=actor.organisation_id, youth=youth)
            # Nothing recorded yet: the same shape, empty (not informed, not postponed, never updated).
            data = dict(
                FamilyInformingSerializer(
                    found or FamilyInforming(youth=youth, organisation=actor.organisation)
                ).data
            )
            if found is None:
                data["updated_at"] = None
        log_read(
            user=request.user, subject=youth, what=_("informeren gezin"), channel="api", path=request.path
        )
        return Response(data)


def _signal_replay(request: Request, signal_id: int) -> dict[str, Any]:
    """The first answer again, read through the gateway (a signal erased since is not replayed)."""
    signal = selectors.signal_list_for_user(user=request.user).filter(pk=signal_id).first()
    if signal is None:
        raise Http404
    log_read(
        user=request.user, subject=signal.youth, what=_("signaal gemeld"), channel="api", path=request.path
    )
    return dict(SignalSerializer(signal).data)


class SignalViewSet(mixins.ListModelMixin, mixins.CreateModelMixin, viewsets.GenericViewSet):
    """Signals: a partner sees those on its youths (its own in full, others' only who/when/where)."""

    serializer_class = SignalSerializer
    pagination_class = SignalPagination
    permission_classes = [MayUseYouthPages]

    def get_permissions(self) -> list[BasePermission]:
        if self.action == "close":
            return [MayChangeSignals()]
        return [MayLogSignals() if self.action == "create" else MayUseYouthPages()]

    def get_serializer_class(self) -> type[BaseSerializer[Signal]]:
        return SignalCreateSerializer if self.action == "create" else SignalSerializer

    def get_queryset(self) -> QuerySet[Signal]:
        user = self.request.user
        youth_id = self.request.query_params.get("youth")
        if youth_id:
            youth = selectors.youth_get_for_user(user=user, youth_id=youth_id)
            if youth is None:
                return selectors.signal_list_for_user(user=user).none()
            return selectors.signal_list_for_user(user=user, youth=youth)
        return selectors.signal_list_for_user(user=user)

    @extend_schema(
        parameters=[OpenApiParameter("youth", int, description="Alleen signalen over deze jongere")]
    )
    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        page = self.paginate_queryset(self.get_queryset()) or []
        log_reads(
            user=request.user,
            subjects=(signal.youth for signal in page),
            what=_("lijst van signalen"),
            channel="api",
            path=request.path,
        )
        return self.get_paginated_response(SignalSerializer(page, many=True).data)

    @extend_schema(
        request=SignalCreateSerializer,
        responses={201: SignalSerializer},
        parameters=[IDEMPOTENCY_KEY_PARAMETER],
    )
    @idempotent(scope="signals.create", replay=_signal_replay)
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        serializer = SignalCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        youth, identity = None, None
        if "youth_id" in data:
            youth = selectors.youth_get_for_user(user=request.user, youth_id=data["youth_id"])
            if youth is None:
                # Out of reach and non-existent give the same answer.
                return _field_error("youth_id", _("Er is geen jongere met dit nummer die u kunt zien."))
        else:
            given = data["youth"]
            identity = YouthIdentity(
                first_name=given["first_name"],
                last_name=given["last_name"],
                date_of_birth=given["date_of_birth"],
                gender=given.get("gender") or "",
                district=given.get("district"),
                school=given.get("school"),
                bsn=given.get("bsn") or "",
            )
        signal = signal_log(
            actor=acting_user(request),
            youth=youth,
            identity_data=identity,
            category=data["category"],
            domain=data["domain"],
            observed_on=data["observed_on"],
            description=data["description"],
            intervention=data.get("intervention"),
        )
        created = selectors.signal_list_for_user(user=request.user, youth=signal.youth).get(pk=signal.pk)
        log_read(
            user=request.user,
            subject=signal.youth,
            what=_("signaal gemeld"),
            channel="api",
            path=request.path,
        )
        return Response(SignalSerializer(created).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        request=SignalCloseSerializer,
        responses={200: SignalSerializer},
        description=(
            "De eigen organisatie sluit haar signaal af: haar betrokkenheid is beëindigd (met een reden). "
            "Het signaal telt nog mee in de monitoring en blijft in de eigen lijst, gemarkeerd als "
            "afgesloten. "
            "Was het de laatste reden van betrokkenheid, dan vervalt de toegang tot de jongere. Voor een ten "
            "onrechte gemeld signaal is intrekken bedoeld, niet afsluiten. Het signaal van een andere "
            "organisatie: 404."
        ),
    )
    @action(detail=True, methods=["post"])
    def close(self, request: Request, pk: str) -> Response:
        signal = selectors.signal_close_get_for_user(user=request.user, signal_id=pk)
        if signal is None:
            raise Http404
        data = SignalCloseSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        signal_close(actor=acting_user(request), signal=signal, reason=data.validated_data["reason"])
        closed = selectors.signal_list_for_user(user=request.user).filter(pk=signal.pk).first()
        log_read(
            user=request.user,
            subject=signal.youth,
            what=_("signaal afgesloten"),
            channel="api",
            path=request.path,
        )
        return Response(SignalSerializer(closed if closed is not None else signal).data)


def _field_error(field: str, message: str) -> Response:
    body = {
        "type": "urn:pgaanpak:error:invalid",
        "title": message,
        "status": 400,
        "detail": message,
        "invalid_params": [{"name": field, "reason": message}],
        field: [message],
    }
    return Response(body, status=status.HTTP_400_BAD_REQUEST, content_type="application/problem+json")


class MatchViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """Matches of the user's organisation (all for the procesregisseur and projectleider)."""

    serializer_class = MatchSerializer
    permission_classes = [MayUseYouthPages]

    def get_queryset(self) -> QuerySet[Match]:
        return selectors.match_list_for_user(user=self.request.user).order_by("-created_at", "-id")

    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        page = self.paginate_queryset(self.get_queryset()) or []
        log_reads(
            user=request.user,
            subjects=(match.youth for match in page),
            what=_("lijst van matches"),
            channel="api",
            path=request.path,
        )
        return self.get_paginated_response(self.get_serializer(page, many=True).data)


class FlagViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """Open flags for the early-signal meeting, each with its reason in plain words."""

    serializer_class = FlagSerializer
    permission_classes = [RolePermission.of(selectors.may_use_youth_pages, "youths.view_flag")]

    def get_queryset(self) -> QuerySet[Flag]:
        status_param = self.request.query_params.get("status", "open")
        ordering = self.request.query_params.get("ordering", selectors.FLAG_DEFAULT_ORDERING)
        return selectors.flag_list_for_user(
            user=self.request.user,
            status=status_param if status_param in ("open", "closed") else "open",
            ordering=ordering if ordering in selectors.FLAG_ORDERINGS else selectors.FLAG_DEFAULT_ORDERING,
        )

    @extend_schema(
        parameters=[
            OpenApiParameter("status", str, enum=["open", "closed"]),
            OpenApiParameter(
                "ordering",
                str,
                enum=list(selectors.FLAG_ORDERINGS),
                description="priority (default: urgent, then oldest first), -priority, raised_at, -raised_at",
            ),
        ]
    )
    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        page = self.paginate_queryset(self.get_queryset()) or []
        log_reads(
            user=request.user,
            subjects=(flag.youth for flag in page),
            what=_("lijst voor het vroegsignaleringsoverleg"),
            channel="api",
            path=request.path,
        )
        return self.get_paginated_response(self.get_serializer(page, many=True).data)


class SignalCategoryViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """The managed list of signal categories (codes to use in POST /api/v1/signals/)."""

    serializer_class = SignalCategorySerializer
    permission_classes = [RolePermission.of("youths.view_signalcategory")]

    def get_queryset(self) -> QuerySet[SignalCategory]:
        return selectors.signal_category_list()
