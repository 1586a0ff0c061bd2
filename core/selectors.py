from __future__ import annotations

from typing import Any

from django.contrib.auth.models import Permission
from django.db.models import Exists, OuterRef, Q, QuerySet, Subquery

from .models import Notification, NotificationRead

#: The role permission that lets a user see notifications about youths and cases (accounts/roles.py gives
#: it to exactly the roles that may read youths or cases).
CASE_NOTIFICATIONS_PERMISSION = "core.receive_case_notifications"


def _permission_rows(user: Any, perm: str) -> QuerySet[Permission]:
    """The rows that give `user` the permission `perm` through its role (its group) or an explicit grant.

    The same rule as the access toolkit's `has_role_permission` (accounts/access.py, a layer above core):
    a superuser flag alone does not count.
    """
    app_label, codename = perm.split(".", 1)
    return Permission.objects.filter(
        Q(group__user=user) | Q(user=user), content_type__app_label=app_label, codename=codename
    )


def may_receive_case_notifications(user: Any) -> bool:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return _permission_rows(user, CASE_NOTIFICATIONS_PERMISSION).exists()


def notification_list_for_user(*, user: Any) -> QuerySet[Notification]:
    """The notifications of the user's organisation that the user may see, newest first: those for everyone
    in it and those for this user; about youths or cases only when the user's role may read them. Each
    carries `read_by_me_at`: when this user marked it read (None: unread for this user)."""
    if not user.is_authenticated or not user.is_active or user.organisation_id is None:
        return Notification.objects.none()
    audience = Q(audience=Notification.Audience.EVERYONE) | Q(
        Exists(_permission_rows(user, CASE_NOTIFICATIONS_PERMISSION))
    )
    return (
        Notification.objects.filter(
            Q(user__isnull=True) | Q(user=user), audience, organisation_id=user.organisation_id
        )
        .annotate(
            read_by_me_at=Subquery(
                NotificationRead.objects.filter(notification=OuterRef("pk"), user=user).values("read_at")[:1]
            )
        )
        .order_by("-created_at", "-id")
    )


def notification_get_for_user(*, user: Any, notification_id: int) -> Notification | None:
    return notification_list_for_user(user=user).filter(pk=notification_id).first()


def notification_unread_list_for_user(*, user: Any) -> QuerySet[Notification]:
    """The notifications this user may see and has not marked read (others' reads do not count)."""
    return notification_list_for_user(user=user).exclude(
        Exists(NotificationRead.objects.filter(notification=OuterRef("pk"), user=user))
    )


def notification_unread_count(*, user: Any) -> int:
    return notification_unread_list_for_user(user=user).count()
