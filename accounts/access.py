"""The access toolkit: one role check, one view decorator, one DRF permission class built on it.

Every HTML view and every API endpoint is gated here (tests/pgaanpak/test_routes.py walks every URL
pattern and fails on a route that is neither gated by this module nor on its commented list of public
routes). Which *objects* a user may see is decided afterwards by the access gateways in the apps'
selectors (`youth_get_for_user`, `case_list_for_user`, ...), which build on `has_role_permission`.

Every gate also requires the second factor (`second_factor_passed`): a session that has only passed the
password step is sent to the code step (HTML) or refused (API), so no page or endpoint with personal data
opens on a password alone. An API request that carries an API token counts as verified: the token, issued
to the user by an operator (`manage.py api_token`), is itself the thing the user has.

A check is either a permission code (``"youths.view_flag"``) or a predicate on the user
(``youths.selectors.may_use_youth_pages``) for the few gates that combine permissions.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import TYPE_CHECKING, Any, TypeAlias, TypeVar

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import AnonymousUser, Permission
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from rest_framework.permissions import BasePermission

if TYPE_CHECKING:
    from rest_framework.request import Request
    from rest_framework.views import APIView

    from .models import User

#: The acting user of a service. `None` only for system work (loading the plan, scheduled jobs).
Actor: TypeAlias = "User"
#: Whoever made a request: a logged-in user or Django's anonymous user.
UserLike: TypeAlias = "User | AnonymousUser"
Check: TypeAlias = "str | Callable[[Any], bool]"

View = TypeVar("View", bound=Callable[..., HttpResponse])


def has_role_permission(user: Any, perm: str) -> bool:
    """Whether the user's role (its group) or an explicit grant gives `perm`.

    A superuser does **not** pass on `is_superuser` alone: only the permissions its role or an explicit
    grant gives count. Superusers exist for operators (`createsuperuser`); with Django's shortcut they
    would read every youth and case, which the need-to-know rule of the product forbids (domain.md).
    Inactive and anonymous users never pass.
    """
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if not user.is_superuser:
        return bool(user.has_perm(perm))
    app_label, codename = perm.split(".", 1)
    return Permission.objects.filter(
        Q(group__user=user) | Q(user=user), content_type__app_label=app_label, codename=codename
    ).exists()


def second_factor_passed(user: Any) -> bool:
    """Whether the session's user has passed the second factor (django-otp's middleware marks the user
    verified), or is an account `load_demo` made while the demo exemption is on (never in production:
    settings refuse OTP_DEMO_EXEMPT when DEBUG is off)."""
    if not getattr(user, "is_authenticated", False):
        return False
    is_verified = getattr(user, "is_verified", None)
    if callable(is_verified) and is_verified():
        return True
    return bool(settings.OTP_DEMO_EXEMPT and getattr(user, "demo_account", False))


def passes(user: Any, *checks: Check, token_authenticated: bool = False) -> bool:
    """Whether the user is logged in, has passed the second factor, and passes every check (no checks: any
    logged-in user). `token_authenticated`: the request carried an API token, which stands for the second
    factor."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if not (token_authenticated or second_factor_passed(user)):
        return False
    return all(has_role_permission(user, c) if isinstance(c, str) else bool(c(user)) for c in checks)


def uses_web_pages(user: Any) -> bool:
    """Whether the user's role may use the HTML site at all: the API-only roles (the ministry) may not,
    even with a session made before that rule or by other means."""
    from .roles import API_ONLY_ROLES

    return getattr(user, "role", "") not in API_ONLY_ROLES


def role_required(*checks: Check) -> Callable[[View], View]:
    """Gate an HTML view: anonymous users go to the login page, users who have not passed the second factor
    yet to the code step, users failing a check get 403, and so do the API-only roles (`uses_web_pages`)
    on every page.

    With no checks, any logged-in user may open the view (their own notifications, say); the view's
    gateway then decides which objects they see. The checks are kept on the view as `access_checks`
    for the route-walk test.
    """

    def decorator(view: View) -> View:
        @login_required
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not second_factor_passed(request.user):
                return redirect_to_login(request.get_full_path(), reverse(settings.OTP_VERIFY_URL))
            if not uses_web_pages(request.user) or not passes(request.user, *checks):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        wrapper.access_checks = checks  # type: ignore[attr-defined]
        return wrapper  # type: ignore[return-value]

    return decorator


class RolePermission(BasePermission):
    """Gate an API view: 401 without credentials, 403 when a check fails or a session has not passed the
    second factor. Build with `RolePermission.of`.

    A request authenticated with credentials of its own (`request.auth`: an API token) counts as
    verified; session authentication gives no `auth`, so a session must have passed the second factor.
    """

    checks: tuple[Check, ...] = ()

    @classmethod
    def of(cls, *checks: Check) -> type[RolePermission]:
        names = "_".join(c.replace(".", "_") if isinstance(c, str) else c.__name__ for c in checks)
        return type(f"RolePermission_{names or 'authenticated'}", (cls,), {"checks": checks})

    def has_permission(self, request: Request, view: APIView) -> bool:
        return passes(request.user, *self.checks, token_authenticated=request.auth is not None)


class AuthenticatedRequest(HttpRequest):
    """The request of an HTML view behind `role_required`, whose user is always logged in: annotate the
    view's `request` with it and pass `request.user` as the `actor` of a service. For the type checker
    only (the django-stubs recipe); `role_required` is what makes it true."""

    user: User


def acting_user(request: Request) -> Actor:
    """The user acting in an API view behind `RolePermission` (DRF's `request.user` cannot be narrowed by
    an annotation): the `actor` a service is called with."""
    from .models import User

    if not isinstance(request.user, User):
        raise PermissionDenied
    return request.user
