"""One refusal, two shapes: problem+json under /api/, a plain Dutch page elsewhere.

For refusals made outside DRF (middleware, Django's own 400 handler), where core.api's exception
handler does not run."""

from __future__ import annotations

from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

API_PREFIX = "/api/"


def refusal(request: HttpRequest, status: int, message: str) -> HttpResponse:
    if request.path.startswith(API_PREFIX):
        body = {"status": status, "title": message, "detail": message}
        return JsonResponse(body, status=status, content_type="application/problem+json")
    html = render_to_string("errors/refusal.html", {"status": status, "message": message})
    return HttpResponse(html, status=status)


def too_big_message() -> str:
    return _("Het verzoek is te groot: de inhoud mag hoogstens %(size)s MB zijn.") % {
        "size": _max_megabytes()
    }


def _max_megabytes() -> str:
    from django.conf import settings

    size = settings.DATA_UPLOAD_MAX_MEMORY_SIZE or 0
    return f"{size / (1024 * 1024):.1f}".rstrip("0").rstrip(".")


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """Django's handler400 (pgaanpak/urls.py): the body that Django refuses before any view reads it —
    too large (413), too many fields — gets a Dutch answer in the shape the client expects."""
    if isinstance(exception, RequestDataTooBig):
        return refusal(request, 413, too_big_message())
    if isinstance(exception, TooManyFieldsSent):
        return refusal(request, 400, _("Het verzoek bevat te veel velden."))
    return refusal(request, 400, _("Dit verzoek kan niet worden verwerkt."))
