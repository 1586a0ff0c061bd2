"""The youths' background work through the real broker and a real worker (CI, where REDIS_URL is set)."""

import time

import pytest

from core.models import Notification
from tests.factories import signal_logged
from youths import tasks
from youths.models import Flag

pytestmark = [pytest.mark.celery_worker, pytest.mark.django_db(transaction=True)]


def _wait_for(condition, seconds=30):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.2)
    return False


def test_match_notices_stay_in_the_platform_and_e_mails_are_sent_by_a_real_worker_after_commit(
    celery_worker_process, bas, chaima, reference_lists
):
    from django.db import transaction

    from core.models import OutboxMessage
    from core.services import notification_send

    signal_logged(bas)
    signal_logged(chaima, domain="school", category="schoolverzuim")
    matches = Notification.objects.filter(kind="match")
    assert matches.count() == 2
    # A match notice names the youth: never e-mailed (issue 11), so nothing waits for the broker.
    assert not matches.filter(emailed_at__isnull=False).exists()
    assert not OutboxMessage.objects.exists()
    with transaction.atomic():
        notices = [
            notification_send(organisation=user.organisation, kind="report_ready", text="Rapportage klaar")
            for user in (bas, chaima)
        ]
    emailed = Notification.objects.filter(pk__in=[n.pk for n in notices])
    assert _wait_for(lambda: not emailed.filter(emailed_at__isnull=True).exists())
    assert set(emailed.values_list("email_recipient", flat=True)) == {
        bas.organisation.contact_email,
        chaima.organisation.contact_email,
    }


def test_the_nightly_rule_evaluation_runs_on_a_real_worker_and_is_idempotent(
    celery_worker_process, bas, chaima, reference_lists
):
    youth = signal_logged(bas).youth
    signal_logged(chaima, youth, domain="school", category="schoolverzuim")
    signal_logged(bas, youth, domain="online", category="online-conflict")
    Flag.objects.all().delete()  # as if the rule was added after the signals were logged
    assert tasks.flags_evaluate_all.delay().get(timeout=30) == 1
    assert tasks.flags_evaluate_all.delay().get(timeout=30) == 0
    assert Flag.objects.count() == 1
