"""Enqueue Celery tasks safely: after commit, never hanging a request, never losing the message."""

from __future__ import annotations

import logging
import time
from typing import Any

from django.db import transaction
from django.utils import timezone

from .models import OutboxMessage

logger = logging.getLogger(__name__)

# After a failed publish, this process leaves the broker alone for a while (a circuit breaker): a
# request that sends ten notifications pays for at most one timeout, not ten. The rows stay unsent and
# `outbox_flush` (every minute, in a worker) publishes them once Redis is back.
_broker_down_until = 0.0


def enqueue(task_name: str, **kwargs: Any) -> OutboxMessage:
    """Record a task message in the current transaction and publish it once that commits.

    The publish is bounded (settings.BROKER_PUBLISH_TIMEOUT_MS, no retries, no result backend); if it
    fails the row stays unsent and `core.tasks.outbox_flush` publishes it later. Tasks must be idempotent.
    """
    message = OutboxMessage.objects.create(task_name=task_name, kwargs=kwargs)
    transaction.on_commit(lambda: publish(message.pk))
    return message


def _send(task_name: str, kwargs: dict[str, Any]) -> None:
    # The project's Celery app is the current app (pgaanpak/__init__.py creates it at start-up); core
    # sits below the project package and does not import it.
    from celery import current_app as app
    from django.conf import settings

    if settings.CELERY_TASK_ALWAYS_EAGER:
        # No broker configured (local default): run the task here, now. send_task would not.
        # A worker imports every app's tasks module at start; this process may not have yet.
        app.loader.import_default_modules()
        app.tasks[task_name].apply(kwargs=kwargs, throw=True)
        return
    timeout = settings.BROKER_PUBLISH_TIMEOUT_MS / 1000
    # A connection of its own with short timeouts and no connection retries: the configured transport
    # options suit a worker (which may wait), not a request. `ignore_result`: nobody reads these results,
    # and subscribing to the result backend is what retried 20 × 1 s per message when Redis was down.
    options = {"socket_connect_timeout": timeout, "socket_timeout": timeout, "max_retries": 0}
    with app.connection_for_write(transport_options=options, connect_timeout=timeout) as connection:
        app.send_task(task_name, kwargs=kwargs, connection=connection, retry=False, ignore_result=True)


def publish(message_id: int, *, force: bool = False) -> bool:
    """Publish one unsent message; False (and the row kept for the flush job) when the broker fails.

    Skipped without trying while the circuit breaker is open, unless `force` (the flush job)."""
    global _broker_down_until
    from django.conf import settings

    message = OutboxMessage.objects.filter(pk=message_id, sent_at__isnull=True).first()
    if message is None:
        return True
    if not force and time.monotonic() < _broker_down_until:
        return False
    try:
        _send(message.task_name, message.kwargs)
    except Exception as exc:  # broker down, timeout: keep it for the flush job
        logger.warning("Publishing %s failed, left in the outbox: %s", message.task_name, exc)
        if not settings.CELERY_TASK_ALWAYS_EAGER:
            _broker_down_until = time.monotonic() + settings.BROKER_CIRCUIT_OPEN_SECONDS
        OutboxMessage.objects.filter(pk=message.pk).update(
            attempts=message.attempts + 1, last_error=str(exc)[:2000]
        )
        return False
    _broker_down_until = 0.0
    OutboxMessage.objects.filter(pk=message.pk).update(sent_at=timezone.now(), attempts=message.attempts + 1)
    return True


def flush(limit: int = 500) -> int:
    sent = 0
    ids = list(
        OutboxMessage.objects.filter(sent_at__isnull=True)
        .order_by("created_at")
        .values_list("pk", flat=True)[:limit]
    )
    for message_id in ids:
        if publish(message_id, force=True):
            sent += 1
        else:
            break  # the broker is still down; try again next minute
    return sent
