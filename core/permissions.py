"""DRF permission classes that check role permissions (accounts/roles.py), never role strings."""

from __future__ import annotations

from typing import Any

from rest_framework.permissions import BasePermission


class HasPermission(BasePermission):
    required: tuple[str, ...] = ()

    @classmethod
    def of(cls, *perms: str) -> type[HasPermission]:
        return type(f"Has_{'_'.join(p.replace('.', '_') for p in perms)}", (cls,), {"required": perms})

    def has_permission(self, request: Any, view: Any) -> bool:
        user = request.user
        return bool(user and user.is_authenticated and all(user.has_perm(p) for p in self.required))
