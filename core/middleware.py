"""Response headers, security-log lines and input refusals that hold for every dynamic response."""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import unquote

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import resolve_url
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _

from .http import refusal
from .security_log import actor_of, client_ip, request_origin, security_event

_SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})
# Refusals: not logged in, not allowed, not found (the access gateway answers 404 for "not yours"),
# too many requests.
_REFUSED = frozenset({401, 403, 404, 405, 429})


class NoStoreMiddleware:
    """`Cache-Control: no-store` (and its older companions) on every response that Django renders.

    Pages and API answers may hold a minor's data: no browser cache, proxy or back button may keep a
    copy. Static files never reach this middleware (WhiteNoise answers them first) and keep their
    long-lived caching.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        add_never_cache_headers(response)
        return response


def _route(request: HttpRequest) -> str:
    """The route and its ids (`cases:case_detail pk=12`), not the path: a query string may hold a
    search term. An unresolved path is logged as such, cut short."""
    match = request.resolver_match
    if match is None:
        return "unresolved:" + request.path[:120].encode("unicode_escape").decode("ascii")
    ids = " ".join(f"{key}={value}" for key, value in sorted(match.kwargs.items()))
    return f"{match.view_name} {ids}".strip()


def _sent_to_login(response: HttpResponseBase) -> bool:
    location = response.get("Location", "") if response.status_code == 302 else ""
    return bool(location) and location.startswith(resolve_url(settings.LOGIN_URL) + "?")


def _result(status: int) -> str:
    if status in _REFUSED:
        return "refused"
    if status >= 500:
        return "error"
    if status >= 400:
        return "invalid"
    return "ok"


class SecurityLogMiddleware:
    """A line for every write (any unsafe method, whatever its result) and every refused read.

    Successful reads of personal data are logged where they happen (core.readlog.log_reads), which
    knows which persons were shown; this middleware makes the request's origin available there.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        origin = client_ip(request)
        # The (lazy) session user as the request arrived: a logout replaces request.user.
        arrived_as = getattr(request, "user", None)
        with request_origin(origin):
            response = self.get_response(request)
        status = response.status_code
        write = request.method not in _SAFE_METHODS
        if _sent_to_login(response):
            status = 401  # an anonymous visitor of a gated page, answered with the login form
        if write or status in _REFUSED or status >= 500:
            # DRF puts a token-authenticated user on the underlying request too.
            actor = actor_of(getattr(request, "user", None))
            if actor == "anonymous" and write:
                actor = actor_of(arrived_as)
            security_event(
                action=("write " if write else "read ") + str(request.method),
                obj=_route(request),
                result=_result(status),
                status=response.status_code,
                actor=actor,
                origin=origin,
            )
        return response


class NulBytesMiddleware:
    """A NUL byte in the path or the query string is refused with 400.

    PostgreSQL cannot hold a NUL in text: a lookup by a code or a filter value with one raises ValueError
    deep in the database driver, which would be a 500. No address of this application contains one."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        query = unquote(request.META.get("QUERY_STRING", ""), errors="replace")
        if "\x00" in request.path or "\x00" in query:
            return refusal(request, 400, _("Het adres bevat een ongeldig teken (NUL)."))
        return self.get_response(request)
