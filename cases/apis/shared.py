"""What the cases API views share."""

from __future__ import annotations

from rest_framework.exceptions import NotAuthenticated
from rest_framework.request import Request

from accounts.access import Actor
from accounts.models import User


def request_actor(request: Request) -> Actor:
    """The user acting through an endpoint behind `RolePermission` (always logged in there)."""
    if not isinstance(request.user, User):
        raise NotAuthenticated
    return request.user
