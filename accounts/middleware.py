"""The absolute session limit: a session ends SESSION_ABSOLUTE_AGE after its login.

The idle timeout is Django's own (SESSION_COOKIE_AGE renewed by SESSION_SAVE_EVERY_REQUEST); this ends
even an active session, so a stolen session cookie is worth at most one working day. The login time
is set at every login (accounts.security.on_user_logged_in); a session without one (made before this
limit existed) is ended too.

It also ends a session whose user can no longer be loaded (deactivated or deleted): Django leaves such a
session in place and treats the request as anonymous, so reactivating the user would revive it.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import SESSION_KEY, logout
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from .security import SESSION_LOGIN_AT, log_event


class SessionAbsoluteLimitMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if user is not None and not user.is_authenticated and SESSION_KEY in request.session:
            log_event("session end", obj="session", result="ended_user_inactive", request=request)
            request.session.flush()
        elif user is not None and user.is_authenticated:
            login_at = request.session.get(SESSION_LOGIN_AT)
            age = timezone.now().timestamp() - login_at if isinstance(login_at, int | float) else None
            if age is None or age > settings.SESSION_ABSOLUTE_AGE:
                log_event(
                    "session end",
                    obj=f"user:{user.pk}",
                    result="ended_absolute_limit",
                    actor=user,
                    request=request,
                )
                logout(request)
                messages.info(request, _("Uw sessie is verlopen. Log opnieuw in."))
        return self.get_response(request)
