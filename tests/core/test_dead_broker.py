"""A dead broker never hangs a request: the publish gives up quickly and the outbox keeps the work."""

import time

import pytest

from core import outbox
from core.models import OutboxMessage


@pytest.fixture
def dead_broker(settings):
    """A Celery app like ours whose broker is a closed port; the global app is left untouched."""
    from celery import Celery, current_app

    settings.CELERY_TASK_ALWAYS_EAGER = False
    ours = current_app._get_current_object()
    dead = Celery("pgaanpak-dead-broker", set_as_current=False)
    dead.config_from_object("django.conf:settings", namespace="CELERY")
    dead.conf.broker_url = "redis://127.0.0.1:1/0"  # nothing listens on port 1
    dead.conf.task_always_eager = False
    dead.set_current()  # core reaches the project's app as Celery's current app
    yield dead
    ours.set_current()


@pytest.mark.django_db
def test_publishing_to_a_dead_broker_fails_fast_and_keeps_the_message(dead_broker):
    message = OutboxMessage.objects.create(task_name="core.tasks.ping")
    started = time.monotonic()
    assert outbox.publish(message.pk) is False
    # Bounded by the configured connect timeouts and one retry, not by a default of minutes.
    assert time.monotonic() - started < 20
    message.refresh_from_db()
    assert message.sent_at is None
    assert message.last_error


@pytest.mark.django_db
def test_the_health_check_reports_a_dead_broker_without_failing(web, dead_broker):
    response = web.get("/health/")
    assert response.status_code == 200
    assert response.json()["broker"] == "down"
