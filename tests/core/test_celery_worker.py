"""A task through the real broker and a real worker process (runs in CI, where REDIS_URL is set)."""

import pytest

from core import tasks
from core.models import OutboxMessage
from core.outbox import enqueue
from tests.factories import UserFactory

pytestmark = [pytest.mark.celery_worker, pytest.mark.django_db(transaction=True)]


def test_it_runs_a_task_on_a_real_worker_and_returns_its_result(celery_worker_process):
    assert tasks.ping.delay().get(timeout=30) == "pong"


def test_it_shares_the_database_with_the_worker(celery_worker_process):
    UserFactory.create_batch(3)
    assert tasks.count_users.delay().get(timeout=30) == 3


def test_it_publishes_outbox_messages_after_commit_to_the_worker(celery_worker_process):
    message = enqueue("core.tasks.ping")
    message.refresh_from_db()
    assert message.sent_at is not None
    assert OutboxMessage.objects.filter(sent_at__isnull=True).count() == 0
