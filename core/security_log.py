"""The security log (BIO2 8.15.01): for every write, every read of personal data and every refused
access one line with action, object, result, origin, actor and time.

Lines go to the `pgaanpak.security` logger, written as JSON by the LOGGING setting. They hold
identifiers only: user ids, route names, object ids. Never a BSN, a password, a token, a query string
or any text a user typed (a search term may be a youth's name).
"""

from __future__ import annotations

import contextvars
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.http import HttpRequest

logger = logging.getLogger("pgaanpak.security")

# The origin of the request being handled, for events raised deep inside it (core.readlog).
_origin: contextvars.ContextVar[str] = contextvars.ContextVar("security_log_origin", default="")


def client_ip(request: HttpRequest) -> str:
    """The client's address. Behind TRUSTED_PROXY_COUNT proxies it is the entry the outermost trusted
    proxy appended to X-Forwarded-For; anything left of it was sent by the client and is not trusted."""
    count = settings.TRUSTED_PROXY_COUNT
    if count > 0:
        hops = [hop.strip() for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if hop.strip()]
        if len(hops) >= count:
            return hops[-count][:64]
    return str(request.META.get("REMOTE_ADDR", ""))[:64]


def actor_of(user: Any) -> str:
    if user is not None and getattr(user, "is_authenticated", False):
        return f"user:{user.pk}"
    return "anonymous"


@contextmanager
def request_origin(origin: str) -> Iterator[None]:
    token = _origin.set(origin)
    try:
        yield
    finally:
        _origin.reset(token)


def current_origin() -> str:
    return _origin.get()


def security_event(*, action: str, obj: str, result: str, actor: str, origin: str, **extra: Any) -> None:
    """One line. `obj` is a route name with ids or a model label with ids, never free text."""
    logger.info(
        action,
        extra={"action": action, "object": obj, "result": result, "actor": actor, "origin": origin, **extra},
    )


def on_login(sender: Any, request: HttpRequest | None, user: Any, **kwargs: Any) -> None:
    security_event(
        action="login",
        obj=f"user:{user.pk}",
        result="ok",
        actor=actor_of(user),
        origin=client_ip(request) if request is not None else "",
    )


def on_login_failed(
    sender: Any, credentials: dict[str, Any], request: HttpRequest | None = None, **kwargs: Any
) -> None:
    # The account that was tried, by id, only when the typed name exists: a typed name may be a mistyped
    # password, and free text does not belong in the log. Never the password (Django cleanses it).
    tried = str(credentials.get("username", ""))[:150]
    known = get_user_model()._default_manager.filter(username=tried).values_list("pk", flat=True).first()
    security_event(
        action="login",
        obj=f"user:{known}" if known is not None else "user:unknown",
        result="refused",
        actor="anonymous",
        origin=client_ip(request) if request is not None else "",
    )


def on_logout(sender: Any, request: HttpRequest | None, user: Any, **kwargs: Any) -> None:
    security_event(
        action="logout",
        obj=f"user:{getattr(user, 'pk', '')}",
        result="ok",
        actor=actor_of(user),
        origin=client_ip(request) if request is not None else "",
    )
