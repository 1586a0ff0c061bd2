"""Reads for the group approach and its gateway: all for `view_all_youth_groups`; for a partner the
groups its organisation takes part in.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Exists, OuterRef, Q, QuerySet

from accounts.access import UserLike, has_role_permission

from ..models import (
    YouthGroup,
    YouthGroupMember,
    YouthGroupOrganisation,
    YouthGroupStep,
)
from .core import organisation_id_of, pk_or_none

VIEW_ALL_GROUPS = "cases.view_all_youth_groups"
VIEW_INVOLVED_GROUPS = "cases.view_involved_youth_groups"
MANAGE_GROUPS = "cases.manage_youth_groups"


def sees_all_groups(user: UserLike) -> bool:
    return has_role_permission(user, VIEW_ALL_GROUPS)


def may_use_groups(user: UserLike) -> bool:
    return sees_all_groups(user) or (
        has_role_permission(user, VIEW_INVOLVED_GROUPS) and organisation_id_of(user) is not None
    )


def youth_group_list_for_user(*, user: UserLike) -> QuerySet[YouthGroup]:
    if sees_all_groups(user):
        groups = YouthGroup.objects.all()
    elif may_use_groups(user) and (organisation_id := organisation_id_of(user)) is not None:
        groups = YouthGroup.objects.filter(
            Exists(
                YouthGroupOrganisation.objects.filter(
                    youth_group_id=OuterRef("pk"), organisation_id=organisation_id
                )
            )
        )
    else:
        return YouthGroup.objects.none()
    return (
        groups.select_related("coordinator__organisation", "district")
        .annotate(member_count=Count("members", filter=Q(members__left_on__isnull=True), distinct=True))
        .order_by("-updated_at", "-id")
    )


def youth_group_get_for_user(*, user: UserLike, group_id: int | str) -> YouthGroup | None:
    pk = pk_or_none(group_id)
    if pk is None:
        return None
    return youth_group_list_for_user(user=user).filter(pk=pk).first()


def youth_group_can_manage(*, user: UserLike) -> bool:
    return has_role_permission(user, MANAGE_GROUPS)


def youth_group_detail(*, youth_group: YouthGroup) -> dict[str, Any]:
    return {
        "members": list(
            youth_group.members.select_related("youth", "case").order_by(
                "left_on", "namenlijst_position", "id"
            )
        ),
        "steps": list(youth_group.steps.select_related("owner__organisation").order_by("number")),
        "organisations": list(youth_group.organisation_roles.select_related("organisation")),
    }


def youth_group_step_get(*, youth_group: YouthGroup, number: int | str) -> YouthGroupStep | None:
    pk = pk_or_none(number)
    return None if pk is None else youth_group.steps.filter(number=pk).first()


def youth_group_member_get(*, youth_group: YouthGroup, member_id: int | str) -> YouthGroupMember | None:
    pk = pk_or_none(member_id)
    return None if pk is None else youth_group.members.select_related("youth", "case").filter(pk=pk).first()
