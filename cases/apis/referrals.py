"""The referrals API: a partner asks to discuss a youth; the procesregisseur lists and triages.

Same gateways as the pages; reads of personal data write the read log (channel "api").
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

from accounts.access import RolePermission, acting_user
from core.errors import DomainError
from core.readlog import log_read, log_reads
from youths.selectors import youth_get_for_user

from ..forms.referrals import upcoming_meetings
from ..models import Referral
from ..selectors import referrals as referral_selectors
from ..serializers.referrals import ReferralCreateSerializer, ReferralSerializer, ReferralTriageSerializer
from ..services import referrals as referral_services


class ReferralViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Referrals (aanmeldingen). `POST /referrals/` (a partner): ask to discuss a youth its organisation may
    read. `POST /referrals/{id}/triage/` (the procesregisseur): record the outcome; the partner is told."""

    permission_classes = [RolePermission.of(referral_selectors.may_use_referrals)]

    def get_serializer_class(self) -> type[BaseSerializer]:
        if self.action == "create":
            return ReferralCreateSerializer
        if self.action == "triage":
            return ReferralTriageSerializer
        return ReferralSerializer

    def get_queryset(self) -> QuerySet[Referral]:
        params = self.request.query_params
        status_param = params.get("status", "")
        return referral_selectors.referral_list_for_user(
            user=self.request.user,
            status=status_param if status_param in ("open", "beoordeeld") else "",
            oldest_first=params.get("ordering") == "created_at",
        )

    @extend_schema(
        parameters=[
            OpenApiParameter("status", str, enum=["open", "beoordeeld"]),
            OpenApiParameter("ordering", str, enum=["-created_at", "created_at"]),
        ]
    )
    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        page = self.paginate_queryset(self.get_queryset()) or []
        log_reads(
            user=request.user,
            subjects=(r.youth for r in page),
            what=_("lijst van aanmeldingen (API)"),
            channel="api",
            path=request.path,
        )
        return self.get_paginated_response(ReferralSerializer(page, many=True).data)

    def get_object(self) -> Referral:
        referral = referral_selectors.referral_get_for_user(
            user=self.request.user, referral_id=self.kwargs["pk"]
        )
        if referral is None:
            raise NotFound
        return referral

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        referral = self.get_object()
        log_read(
            user=request.user,
            subject=referral.youth,
            what=_("aanmelding %(id)s (API)") % {"id": referral.pk},
            channel="api",
            path=request.path,
        )
        return Response(ReferralSerializer(referral).data)

    @extend_schema(request=ReferralCreateSerializer, responses={201: ReferralSerializer})
    def create(self, request: Request) -> Response:
        if not referral_selectors.may_refer(request.user):
            raise PermissionDenied
        data = ReferralCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        youth = youth_get_for_user(user=request.user, youth_id=values["youth_id"])
        if youth is None:
            raise DomainError(
                _("Deze jongere bestaat niet of uw organisatie is er niet bij betrokken."), field="youth_id"
            )
        referral = referral_services.referral_submit(
            actor=acting_user(request),
            youth=youth,
            question=values["question"],
            domains=values.get("domains", []),
            tried=values.get("tried", ""),
        )
        shown = referral_selectors.referral_get_for_user(user=request.user, referral_id=referral.pk)
        return Response(ReferralSerializer(shown).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=ReferralTriageSerializer, responses={200: ReferralSerializer})
    @route(detail=True, methods=["post"])
    def triage(self, request: Request, pk: str) -> Response:
        referral = self.get_object()
        if not referral_selectors.may_triage(request.user):
            raise PermissionDenied
        data = ReferralTriageSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        meeting = None
        if values.get("meeting") is not None:
            meeting = upcoming_meetings().filter(pk=values["meeting"]).first()
            if meeting is None:
                raise DomainError(_("Kies een komend overleg."), field="meeting")
        referral_services.referral_triage(
            actor=acting_user(request),
            referral=referral,
            outcome=values["outcome"],
            text=values.get("text", ""),
            route=values.get("route", ""),
            meeting=meeting,
        )
        shown = referral_selectors.referral_get_for_user(user=request.user, referral_id=referral.pk)
        return Response(ReferralSerializer(shown).data)
