from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from .models import Notification


def notification_list_for_user(*, user: Any) -> QuerySet[Notification]:
    """The notifications of the user's organisation: those for everyone in it and those for this user."""
    if not user.is_authenticated or user.organisation_id is None:
        return Notification.objects.none()
    return Notification.objects.filter(
        Q(user__isnull=True) | Q(user=user), organisation_id=user.organisation_id
    ).order_by("-created_at", "-id")


def notification_get_for_user(*, user: Any, notification_id: int) -> Notification | None:
    return notification_list_for_user(user=user).filter(pk=notification_id).first()


def notification_unread_count(*, user: Any) -> int:
    return notification_list_for_user(user=user).filter(read_at__isnull=True).count()
