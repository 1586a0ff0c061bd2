from __future__ import annotations

from django.conf import settings
from django.db import connection
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET


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
    # The project's Celery app is the current app (pgaanpak/__init__.py creates it at start-up); core
    # sits below the project package and does not import it.
    from celery import current_app as app

    # Bounded like a publish (core.outbox): one attempt (max_retries=0), BROKER_PUBLISH_TIMEOUT_MS.
    timeout = settings.BROKER_PUBLISH_TIMEOUT_MS / 1000
    options = {"socket_connect_timeout": timeout, "socket_timeout": timeout}
    try:
        with app.connection_for_write(transport_options=options, connect_timeout=timeout) as conn:
            conn.ensure_connection(max_retries=0)
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
