"""Login attempts, sessions and lockouts: the log lines and the session's login time.

Every login attempt, success or failure, is written to the `pgaanpak.security` log (and by django-axes
to its access logs). A failed attempt names the account only when the typed username exists, by id:
a typed username may be a mistyped password, and free text does not belong in the log.
"""

from __future__ import annotations

import logging
from typing import Any

from django.http import HttpRequest
from django.utils import timezone

security_log = logging.getLogger("pgaanpak.security")

#: Session key holding the login time (POSIX seconds); accounts.middleware ends the session after
#: SESSION_ABSOLUTE_AGE.
SESSION_LOGIN_AT = "pgaanpak_login_at"


def client_address(request: HttpRequest | None) -> str:
    """The client's address as the lockout counts it (settings: BEHIND_PROXY)."""
    from axes.helpers import get_client_ip_address

    if request is None:
        return "-"
    return str(get_client_ip_address(request) or "-")


def _path(request: HttpRequest | None) -> str:
    return request.path if request is not None else "-"


def on_user_logged_in(sender: Any, request: HttpRequest | None, user: Any, **kwargs: Any) -> None:
    if request is not None and hasattr(request, "session"):
        request.session[SESSION_LOGIN_AT] = timezone.now().timestamp()
    security_log.info(
        "login result=success user=%s origin=%s path=%s", user.pk, client_address(request), _path(request)
    )


def on_user_login_failed(
    sender: Any, credentials: dict[str, Any], request: HttpRequest | None = None, **kwargs: Any
) -> None:
    from .models import User

    username = credentials.get("username")
    known = User.objects.filter(username=username).values_list("pk", flat=True).first() if username else None
    security_log.warning(
        "login result=failure user=%s origin=%s path=%s",
        known if known is not None else "unknown",
        client_address(request),
        _path(request),
    )


def on_user_locked_out(
    sender: Any, request: HttpRequest | None, username: str | None, ip_address: str | None, **kwargs: Any
) -> None:
    from .models import User

    known = User.objects.filter(username=username).values_list("pk", flat=True).first() if username else None
    security_log.warning(
        "login result=locked_out user=%s origin=%s path=%s",
        known if known is not None else "unknown",
        ip_address or "-",
        _path(request),
    )


def connect() -> None:
    from axes.signals import user_locked_out
    from django.contrib.auth.signals import user_logged_in, user_login_failed

    user_logged_in.connect(on_user_logged_in, dispatch_uid="accounts.security.logged_in")
    user_login_failed.connect(on_user_login_failed, dispatch_uid="accounts.security.login_failed")
    user_locked_out.connect(on_user_locked_out, dispatch_uid="accounts.security.locked_out")
