"""Shared API plumbing: pagination and the one exception handler (DomainError → 400)."""

from __future__ import annotations

from typing import Any

from django.http import Http404
from rest_framework import exceptions, pagination, status
from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from .errors import DomainError


class Pagination(PageNumberPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200


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
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
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
                {
                    "name": name,
                    "reason": " ".join(str(m) for m in (msgs if isinstance(msgs, list) else [msgs])),
                }
                for name, msgs in data.items()
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
    page_size_query_param = "page_size"
    max_page_size = 200
    ordering = ("-created_at", "-id")
