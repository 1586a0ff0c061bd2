"""What the cases pages share: the type of their requests, paging and the youth search for linking."""

from __future__ import annotations

from typing import Any

from django.core.paginator import Paginator
from django.utils.translation import gettext as _

from accounts.access import AuthenticatedRequest
from core.readlog import log_reads
from youths.models import Youth
from youths.selectors import youth_list_for_user

PAGE_SIZE = 25


def page_of(request: AuthenticatedRequest, items: Any) -> Any:
    return Paginator(items, PAGE_SIZE).get_page(request.GET.get("pagina"))


def youth_search(request: AuthenticatedRequest, exclude: set[int] | None = None) -> tuple[str, list[Youth]]:
    """A name search among the youths the user may see (never reveals others), for linking; `exclude`
    leaves out youths that cannot be linked (the case's own youth, those linked already)."""
    q = request.GET.get("zoek", "").strip()[:100]
    if not q:
        return "", []
    found = list(youth_list_for_user(user=request.user, search=q).exclude(pk__in=exclude or set())[:10])
    log_reads(user=request.user, subjects=found, what=_("jongere gezocht om te koppelen"), path=request.path)
    return q, found
