"""Paging HTML lists with a cursor (next/previous), the same way as the API's CursorPagination."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from django.db.models import QuerySet
from django.http import HttpRequest
from rest_framework.request import Request

from .api import CursorPagination


def _relative(url: str | None) -> str | None:
    if not url:
        return None
    parts = urlsplit(url)
    return f"{parts.path}?{parts.query}" if parts.query else parts.path


@dataclass
class CursorPage:
    items: list[Any]
    next_url: str | None
    previous_url: str | None

    @property
    def has_other_pages(self) -> bool:
        return bool(self.next_url or self.previous_url)


def cursor_page(
    request: HttpRequest, queryset: QuerySet, *, ordering: Sequence[str], page_size: int = 50
) -> CursorPage:
    """One page of `queryset` in `ordering`, with links that keep the other query parameters.

    Large lists (a partner's youths, all signals) are paged this way: no count(*) over the whole set,
    and the same cost for page 1 and page 1000.
    """
    paginator = CursorPagination()
    paginator.ordering = tuple(ordering)
    paginator.page_size = page_size
    paginator.page_size_query_param = None
    drf_request = Request(request)
    items = list(paginator.paginate_queryset(queryset, drf_request) or [])
    return CursorPage(items, _relative(paginator.get_next_link()), _relative(paginator.get_previous_link()))
