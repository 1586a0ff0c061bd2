import pytest
from django.db import transaction

from core import outbox
from core.models import OutboxMessage


@pytest.mark.django_db
def test_it_publishes_only_after_the_transaction_commits(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks, transaction.atomic():
        message = outbox.enqueue("core.tasks.ping")
    assert OutboxMessage.objects.get(pk=message.pk).sent_at is None
    for callback in callbacks:
        callback()
    assert OutboxMessage.objects.get(pk=message.pk).sent_at is not None


@pytest.mark.django_db
def test_it_keeps_the_message_when_publishing_fails_and_the_flush_job_sends_it_later(monkeypatch):
    message = OutboxMessage.objects.create(task_name="core.tasks.ping")
    from pgaanpak.celery import app

    def broken(*args, **kwargs):
        raise ConnectionError("broker down")

    monkeypatch.setattr(app.tasks["core.tasks.ping"], "apply", broken)
    assert outbox.publish(message.pk) is False
    message.refresh_from_db()
    assert message.sent_at is None
    assert message.attempts == 1
    assert "broker down" in message.last_error

    monkeypatch.undo()
    assert outbox.flush() == 1
    message.refresh_from_db()
    assert message.sent_at is not None


@pytest.mark.django_db
def test_it_does_not_publish_a_message_twice():
    message = OutboxMessage.objects.create(task_name="core.tasks.ping")
    assert outbox.publish(message.pk)
    sent_at = OutboxMessage.objects.get(pk=message.pk).sent_at
    assert outbox.publish(message.pk)
    assert OutboxMessage.objects.get(pk=message.pk).sent_at == sent_at
