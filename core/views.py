from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db import connection
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from .selectors import notification_get_for_user, notification_list_for_user
from .services import notification_mark_all_read, notification_mark_read


def _database_state() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:  # any failure means "down" to a load balancer
        return "down"
    return "ok"


def _broker_state() -> str:
    if settings.CELERY_TASK_ALWAYS_EAGER:
        return "in-process"
    from pgaanpak.celery import app

    try:
        with app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=1, timeout=2)
    except Exception:
        return "down"
    return "ok"


@never_cache
@require_GET
def health(request: HttpRequest) -> JsonResponse:
    """No login. 503 when the database is down; a broker outage degrades (the outbox keeps work)."""
    database = _database_state()
    broker = _broker_state()
    status = (
        "ok"
        if database == "ok" and broker in ("ok", "in-process")
        else ("down" if database != "ok" else "degraded")
    )
    return JsonResponse(
        {"status": status, "database": database, "broker": broker},
        status=503 if database != "ok" else 200,
    )


@login_required
def notifications(request: HttpRequest) -> HttpResponse:
    """Meldingen: the notifications of the user's organisation, newest first, unread marked."""
    page = Paginator(notification_list_for_user(user=request.user).select_related("user"), 25).get_page(
        request.GET.get("pagina")
    )
    return render(request, "core/notifications.html", {"page": page})


@login_required
@require_POST
def notification_read(request: HttpRequest, notification_id: int) -> HttpResponse:
    notification = notification_get_for_user(user=request.user, notification_id=notification_id)
    if notification is None:
        raise Http404
    notification_mark_read(actor=request.user, notification=notification)
    if request.POST.get("open") and url_has_allowed_host_and_scheme(notification.link, allowed_hosts=None):
        return redirect(notification.link or "core:notifications")
    return redirect("core:notifications")


@login_required
@require_POST
def notification_read_all(request: HttpRequest) -> HttpResponse:
    count = notification_mark_all_read(actor=request.user)
    messages.success(
        request,
        ngettext(
            "%(count)d melding gemarkeerd als gelezen.", "%(count)d meldingen gemarkeerd als gelezen.", count
        )
        % {"count": count},
    )
    return redirect("core:notifications")
