"""Shared API plumbing: pagination and the one exception handler (DomainError → 400)."""

from __future__ import annotations

import math
from typing import Any

from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent
from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rest_framework import exceptions, pagination, serializers, status
from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response
from rest_framework.validators import ProhibitSurrogateCharactersValidator
from rest_framework.views import exception_handler as drf_exception_handler

from .errors import DomainError
from .http import too_big_message


class _NoSurrogates(ProhibitSurrogateCharactersValidator):
    message = gettext_lazy("De tekst bevat een ongeldig teken (U+{code_point:X}).")


class TextField(serializers.CharField):
    """Text input, and only text: DRF's CharField turns `42` or `true` into "42" or "True", so a number
    sent as a description would be stored as one. Every text field of an input serializer is this one
    (tests/core/test_api_input.py walks them)."""

    default_error_messages = {
        "invalid": gettext_lazy("Geef hier tekst (tussen aanhalingstekens), geen getal.")
    }

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        # DRF's own surrogate check speaks English only (DRF has no Dutch for it).
        self.validators = [
            _NoSurrogates() if isinstance(v, ProhibitSurrogateCharactersValidator) else v
            for v in self.validators
        ]

    def to_internal_value(self, data: Any) -> str:
        if not isinstance(data, str):
            self.fail("invalid")
        return str(super().to_internal_value(data))


class Pagination(PageNumberPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200


def _flatten_errors(errors: Any, prefix: str = "") -> list[tuple[str, str]]:
    """DRF's nested error dicts as (dotted field name, message) pairs: `youth.last_name`."""
    if isinstance(errors, dict):
        pairs = []
        for name, value in errors.items():
            pairs += _flatten_errors(value, f"{prefix}.{name}" if prefix else str(name))
        return pairs
    if isinstance(errors, list) and any(isinstance(item, dict) for item in errors):
        pairs = []
        for index, item in enumerate(errors):
            pairs += _flatten_errors(item, f"{prefix}.{index}")
        return pairs
    messages = errors if isinstance(errors, list) else [errors]
    return [(prefix, " ".join(str(m) for m in messages))]


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    """Render every error as application/problem+json-shaped JSON (NL API Design Rules)."""
    if isinstance(exc, DomainError):
        body: dict[str, Any] = {
            "type": f"urn:pgaanpak:error:{exc.code}",
            "title": exc.message,
            "status": 400,
            "detail": exc.message,
        }
        if exc.field:
            body["invalid_params"] = [{"name": exc.field, "reason": exc.message}]
            body[exc.field] = [exc.message]
        return Response(body, status=status.HTTP_400_BAD_REQUEST, content_type="application/problem+json")
    if isinstance(exc, RequestDataTooBig):  # Django's DATA_UPLOAD_MAX_MEMORY_SIZE, read by the parser
        message = too_big_message()
        body = {"status": 413, "title": message, "detail": message}
        return Response(body, status=413, content_type="application/problem+json")
    if isinstance(exc, TooManyFieldsSent):
        exc = exceptions.ValidationError({"detail": _("Het verzoek bevat te veel velden.")})
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    if isinstance(exc, exceptions.AuthenticationFailed):
        # The token is unknown, expired or revoked, or its user is inactive: one answer for all.
        refused = exceptions.AuthenticationFailed(
            _("Niet ingelogd: het token is onbekend, verlopen of ingetrokken, of het account is niet actief.")
        )
        refused.status_code = exc.status_code  # DRF chose 401 (with its header) or 403
        refused.auth_header = getattr(exc, "auth_header", None)  # type: ignore[attr-defined]
        exc = refused
    if isinstance(exc, exceptions.Throttled):
        seconds = getattr(exc, "wait", None)
        wait = math.ceil(seconds) if seconds is not None else None
        throttled = exceptions.Throttled(
            detail=_("Te veel verzoeken. Probeer het over %(seconds)d seconden opnieuw.")
            % {"seconds": wait or 1}
        )
        throttled.wait = wait  # type: ignore[attr-defined]  # DRF turns it into the Retry-After header
        exc = throttled
    if isinstance(exc, exceptions.ParseError):
        exc = exceptions.ParseError(_("De inhoud van het verzoek is geen geldige JSON (of niet leesbaar)."))
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    data = response.data
    problem: dict[str, Any] = {"status": response.status_code}
    if isinstance(data, dict) and "detail" in data and len(data) == 1:
        problem["title"] = str(data["detail"])
        problem["detail"] = str(data["detail"])
    else:
        problem["title"] = "Ongeldige invoer" if response.status_code == 400 else str(exc)
        if isinstance(data, dict):
            problem["invalid_params"] = [
                {"name": name, "reason": reason} for name, reason in _flatten_errors(data)
            ]
            problem.update(data)  # keep DRF's per-field shape for clients that read it
    response.data = problem
    response.content_type = "application/problem+json"
    return response


class CursorPagination(pagination.CursorPagination):
    """For lists that grow to hundreds of thousands of rows: next/previous links, no count(*).

    Subclass with the list's `ordering`; the first ordering field must be indexed with the filter it
    pages over (see the index comments on the models).
    """

    page_size = 50
    page_size_query_param: str | None = "page_size"
    max_page_size = 200
    ordering: tuple[str, ...] = ("-created_at", "-id")
