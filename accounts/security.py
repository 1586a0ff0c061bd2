"""Login attempts, sessions and lockouts: the log lines and the session's login time.

Every login attempt, success or failure, is written to the `pgaanpak.security` log (and by django-axes
to its access logs). A failed attempt names the account only when the typed username exists, by id:
a typed username may be a mistyped password, and free text does not belong in the log.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils import timezone

from core.security_log import actor_of, client_ip, current_origin, security_event


def log_event(
    action: str,
    *,
    obj: str,
    result: str,
    actor: Any = None,
    request: HttpRequest | None = None,
    origin: str | None = None,
    **extra: Any,
) -> None:
    """One line in the security log (core.security_log): the accounts app's events in the same structured
    form as every other (action, object, result, actor, origin, time). `actor` None: the system."""
    if origin is None:
        origin = client_ip(request) if request is not None else current_origin()
    who = actor_of(actor) if actor is not None else "system"
    security_event(action=action, obj=obj, result=result, actor=who, origin=origin, **extra)


#: Session key holding the login time (POSIX seconds); accounts.middleware ends the session after
#: SESSION_ABSOLUTE_AGE.
SESSION_LOGIN_AT = "pgaanpak_login_at"


def on_user_logged_in(sender: Any, request: HttpRequest | None, user: Any, **kwargs: Any) -> None:
    if request is not None and hasattr(request, "session"):
        request.session[SESSION_LOGIN_AT] = timezone.now().timestamp()


def on_user_locked_out(
    sender: Any, request: HttpRequest | None, username: str | None, ip_address: str | None, **kwargs: Any
) -> None:
    from .models import User

    known = User.objects.filter(username=username).values_list("pk", flat=True).first() if username else None
    log_event(
        "login",
        obj=f"user:{known}" if known is not None else "user:unknown",
        result="locked_out",
        origin=ip_address or "-",
    )


def connect() -> None:
    from axes.signals import user_locked_out
    from django.contrib.auth.signals import user_logged_in

    user_logged_in.connect(on_user_logged_in, dispatch_uid="accounts.security.logged_in")
    user_locked_out.connect(on_user_locked_out, dispatch_uid="accounts.security.locked_out")
