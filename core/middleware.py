"""Refuse input that no view can handle before it reaches one (issue 9, point 8: no 5xx for any input)."""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import unquote

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _

from .http import refusal


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
