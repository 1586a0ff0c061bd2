from celery import shared_task

from . import idempotency, outbox


@shared_task(name="core.tasks.ping")
def ping() -> str:
    """Round trip through the broker and a worker: used by the health check's deep mode and by CI."""
    return "pong"


@shared_task(name="core.tasks.outbox_flush")
def outbox_flush() -> int:
    return outbox.flush()


@shared_task(name="core.tasks.count_users")
def count_users() -> int:
    """A task that reads the database: proves a worker shares the web app's database (CI test)."""
    from django.contrib.auth import get_user_model

    return get_user_model().objects.count()


@shared_task(name="core.tasks.notification_email")
def notification_email(notification_id: int) -> bool:
    from .services import notification_email as send

    return send(notification_id=notification_id)


@shared_task(name="core.tasks.idempotency_keys_purge")
def idempotency_keys_purge() -> int:
    return idempotency.idempotency_keys_purge()


@shared_task(name="core.tasks.sessions_clear")
def sessions_clear() -> None:
    """Delete expired sessions (Django's `clearsessions`): an ended session leaves no row behind."""
    from django.core.management import call_command

    call_command("clearsessions")
