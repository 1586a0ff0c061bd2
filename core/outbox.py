"""Enqueue Celery tasks safely: after commit, never hanging a request, never losing the message."""

from __future__ import annotations

import logging
from typing import Any

from django.db import transaction
from django.utils import timezone

from .models import OutboxMessage

logger = logging.getLogger(__name__)


def enqueue(task_name: str, **kwargs: Any) -> OutboxMessage:
    """Record a task message in the current transaction and publish it once that commits.

    The publish uses bounded broker timeouts (settings.CELERY_BROKER_*); if it fails the row stays
    unsent and `core.tasks.outbox_flush` publishes it later. Tasks must be idempotent.
    """
    message = OutboxMessage.objects.create(task_name=task_name, kwargs=kwargs)
    transaction.on_commit(lambda: publish(message.pk))
    return message


def publish(message_id: int) -> bool:
    # The project's Celery app is the current app (pgaanpak/__init__.py creates it at start-up); core
    # sits below the project package and does not import it.
    from celery import current_app as app
    from django.conf import settings

    message = OutboxMessage.objects.filter(pk=message_id, sent_at__isnull=True).first()
    if message is None:
        return True
    try:
        if settings.CELERY_TASK_ALWAYS_EAGER:
            # No broker configured (local default): run the task here, now. send_task would not.
            # A worker imports every app's tasks module at start; this process may not have yet.
            app.loader.import_default_modules()
            app.tasks[message.task_name].apply(kwargs=message.kwargs, throw=True)
        else:
            app.send_task(message.task_name, kwargs=message.kwargs)
    except Exception as exc:  # broker down, timeout: keep it for the flush job
        logger.warning("Publishing %s failed, left in the outbox: %s", message.task_name, exc)
        OutboxMessage.objects.filter(pk=message.pk).update(
            attempts=message.attempts + 1, last_error=str(exc)[:2000]
        )
        return False
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
        if publish(message_id):
            sent += 1
        else:
            break  # the broker is still down; try again next minute
    return sent
