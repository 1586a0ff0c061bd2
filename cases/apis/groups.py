"""The youth groups API (groepsaanpak). Same gateway as the pages."""

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

from ..models import YouthGroup
from ..selectors import groups as group_selectors
from ..serializers.groups import YouthGroupDetailSerializer, YouthGroupSerializer


class YouthGroupViewSet(viewsets.ReadOnlyModelViewSet):
    """Youth groups (groepsaanpak): all for the procesregisseur and projectleider; for a partner the
    groups its organisation takes part in. The detail has the members (namenlijst) and the seven steps."""

    permission_classes = [RolePermission.of(group_selectors.may_use_groups)]

    def get_serializer_class(self) -> type[BaseSerializer]:
        return YouthGroupDetailSerializer if self.action == "retrieve" else YouthGroupSerializer

    def get_queryset(self) -> QuerySet[YouthGroup]:
        return group_selectors.youth_group_list_for_user(user=self.request.user)

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        group = group_selectors.youth_group_get_for_user(user=request.user, group_id=kwargs["pk"])
        if group is None:
            raise NotFound
        detail = group_selectors.youth_group_detail(youth_group=group)
        group._prefetched_objects_cache = {  # type: ignore[attr-defined]
            "members": detail["members"],
            "steps": detail["steps"],
            "organisations": [row.organisation for row in detail["organisations"]],
        }
        log_reads(
            user=request.user,
            subjects=(m.youth for m in detail["members"]),
            what=_("groep %(id)s (API)") % {"id": group.pk},
            channel="api",
            path=request.path,
        )
        return Response(YouthGroupDetailSerializer(group).data)
