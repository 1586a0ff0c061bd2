"""Faults injected on the real services (issue 9, point 11): CI runs these on PostgreSQL and Redis.

- Redis down: a signal is saved within a second; its notifications are e-mailed once Redis is back
  (outbox_flush), once each.
- A worker killed mid-report (SIGKILL): a new worker makes the report, exactly once.
- PostgreSQL restarted: every connection of the app is terminated (pg_terminate_backend from another
  connection; the machine's server itself is shared and never stopped); the next request, ORM call
  and task succeed.

"Redis down" is a closed port for the web process: the shared Redis server is never stopped.
"""

from __future__ import annotations

import datetime as dt
import os
import signal
import time
from collections.abc import Iterator

import psycopg2
import pytest
from django.core.handlers.wsgi import WSGIHandler
from django.core.management import call_command
from django.db import close_old_connections, connection
from django.test import RequestFactory

from core import outbox
from core.models import Notification, OutboxMessage
from core.tasks import count_users, outbox_flush
from monitoring.models import PdcaCycle, Report
from monitoring.periods import Period
from monitoring.services.reports import REPORT_READY_KIND, report_request, reports_requeue_stalled
from tests import ci_numbers
from tests.conftest import _test_database_url, require_service, start_celery_worker, stop_celery_worker
from tests.factories import UserFactory, signal_logged
from youths.models import Signal

from ..youths.test_api import _body

pytestmark = [pytest.mark.celery_worker, pytest.mark.django_db(transaction=True)]

_injected: list[str] = []


@pytest.fixture(scope="module", autouse=True)
def _record_faults() -> Iterator[None]:
    yield
    if _injected:
        ci_numbers.record("faults injected", len(_injected))


def _wait_for(predicate, timeout: float = 60, what: str = "the condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = predicate()
        if result:
            return result
        time.sleep(0.25)
    pytest.fail(f"Timed out waiting for {what}")


def _admin_connection():
    """A connection of its own to the test database, as an operator's psql would be."""
    url = _test_database_url()
    require_service("PostgreSQL", url is not None)
    admin = psycopg2.connect(url)
    admin.autocommit = True
    return admin


def _terminate_the_apps_connections() -> int:
    """What a PostgreSQL restart does to the app: every other connection to its database is cut."""
    with _admin_connection() as admin, admin.cursor() as cursor:
        cursor.execute(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )
        return cursor.fetchone()[0]


# --- Redis down -----------------------------------------------------------------------------------


def test_redis_down_saves_signals_within_a_second_and_sends_their_notifications_once_after(
    celery_worker_process, api, bas, chaima, reference_lists
):
    from pgaanpak.celery import app

    signal_logged(chaima)
    _wait_for(lambda: not OutboxMessage.objects.filter(sent_at__isnull=True).exists(), what="the worker")
    OutboxMessage.objects.all().delete()
    client = api(bas)
    client.get("/api/v1/signals/")  # warm up the process
    broker_url = app.conf.broker_url
    app.conf.broker_url = "redis://127.0.0.1:1/0"  # Redis down, for this process only
    _injected.append("redis down")
    try:
        started = time.monotonic()
        response = client.post("/api/v1/signals/", _body(youth=SANNE), format="json")
        elapsed = time.monotonic() - started
        # Notices about a youth stay in the platform (issue 11); notices without one are e-mailed: two of
        # them, sent while Redis is down, must wait in the outbox and go out once when it is back.
        from core.services import notification_send

        emailed_ids = [
            notification_send(organisation=org, kind="report_ready", text="Rapportage klaar").pk
            for org in (bas.organisation, chaima.organisation)
        ]
    finally:
        app.conf.broker_url = broker_url
    assert response.status_code == 201, response.content
    assert elapsed < 1.0
    assert Signal.objects.count() == 2
    assert Notification.objects.filter(youth_id__isnull=False).exists()  # the match, told in the platform
    waiting = OutboxMessage.objects.filter(sent_at__isnull=True)
    assert waiting.count() >= 2
    emailed = Notification.objects.filter(pk__in=emailed_ids)
    assert emailed.filter(emailed_at__isnull=True).count() == 2

    # Redis is back: the every-minute job (run by a worker) publishes what waited; each e-mail once.
    outbox._broker_down_until = 0.0
    waited = waiting.count()
    assert outbox_flush.delay().get(timeout=30) == waited
    _wait_for(lambda: not emailed.filter(emailed_at__isnull=True).exists(), what="the e-mails")
    sent = dict(emailed.values_list("pk", "emailed_at"))
    assert outbox_flush.delay().get(timeout=30) == 0
    time.sleep(1)
    assert dict(emailed.values_list("pk", "emailed_at")) == sent  # not sent twice
    assert not OutboxMessage.objects.filter(sent_at__isnull=True).exists()


SANNE = {"first_name": "Sanne", "last_name": "de Vries", "date_of_birth": "2010-05-17"}


# --- A worker killed mid-report -------------------------------------------------------------------


@pytest.fixture
def private_worker_queue() -> Iterator[str]:
    """Tasks of this test go to a queue only its own workers read (the session worker is not killed)."""
    from pgaanpak.celery import app

    queue = f"pgaanpak-faults-{os.getpid()}"
    saved = app.conf.task_default_queue
    app.conf.task_default_queue = queue
    yield queue
    app.conf.task_default_queue = saved
    _forget_queue(queue)


def _forget_queue(queue: str) -> None:
    """Drop the killed worker's unacknowledged message from the shared Redis database: otherwise kombu
    restores it to our queue after the visibility timeout, where nobody reads it."""
    import json

    import redis

    url = os.environ.get("REDIS_URL")
    if not url:  # the test was skipped: no worker, no queue
        return
    client = redis.Redis.from_url(url)
    for tag, raw in client.hscan_iter("unacked"):
        _message, exchange, routing_key = json.loads(raw)
        if queue in (exchange, routing_key):
            client.hdel("unacked", tag)
            client.zrem("unacked_index", tag)
    client.delete(queue)


def _worker_waits_on_lock() -> bool:
    with _admin_connection() as admin, admin.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
            "AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()"
        )
        return cursor.fetchone()[0] > 0


def test_a_worker_killed_mid_report_leaves_a_report_made_once_by_the_next(
    private_worker_queue, settings, django_db_blocker
):
    call_command("setup", "--skip-migrate")
    petra = UserFactory(username="petra-faults", role="projectleider")
    first = start_celery_worker(queue=private_worker_queue, hostname=f"faults-1-{os.getpid()}@localhost")
    # Hold the report builder mid-way: it waits on a table lock while holding its report's row lock.
    blocker = _admin_connection()
    blocker.autocommit = False
    blocker_cursor = blocker.cursor()
    blocker_cursor.execute(f"LOCK TABLE {PdcaCycle._meta.db_table} IN ACCESS EXCLUSIVE MODE")
    second = None
    try:
        report = report_request(actor=petra, period=Period.parse("2025-Q1"))
        _wait_for(_worker_waits_on_lock, what="the worker to start the report")
        first.send_signal(signal.SIGKILL)  # the whole worker, mid-report
        first.wait(timeout=20)
        _injected.append("worker killed")
        later = report.requested_at + dt.timedelta(hours=1)
        # The killed worker's database session still holds the row: not yet offered again.
        assert reports_requeue_stalled(now=later) == []
        blocker.rollback()  # its session notices the dead client and ends, releasing the row
        _wait_for(lambda: reports_requeue_stalled(now=later) == [report.pk], what="the stalled report")
        assert Report.objects.get(pk=report.pk).status == Report.Status.PENDING

        second = start_celery_worker(queue=private_worker_queue, hostname=f"faults-2-{os.getpid()}@localhost")
        made = _wait_for(
            lambda: Report.objects.filter(pk=report.pk, status=Report.Status.READY).first(), what="the report"
        )
        assert made.requeues == 1
        assert Report.objects.filter(period=made.period).count() == 1
        _wait_for(lambda: Notification.objects.filter(kind=REPORT_READY_KIND).exists(), what="the notice")
        assert Notification.objects.filter(kind=REPORT_READY_KIND, user=petra).count() == 1
    finally:
        blocker.rollback()
        blocker.close()
        if first.poll() is None:
            first.kill()
        if second is not None:
            stop_celery_worker(second)


# --- PostgreSQL restarted -------------------------------------------------------------------------


def _health() -> tuple[int, dict]:
    """A request through Django's real request cycle (the test client skips close_old_connections)."""
    import json

    environ = RequestFactory().get("/health/").environ
    captured: dict = {}

    def start_response(status, headers, exc_info=None):
        captured["status"] = int(status.split()[0])

    body = b"".join(WSGIHandler()(environ, start_response))
    return captured["status"], json.loads(body)


def test_after_a_postgresql_restart_the_next_request_and_orm_call_succeed(db):
    require_service("PostgreSQL", _test_database_url() is not None)
    assert connection.settings_dict["CONN_MAX_AGE"] > 0  # persistent connections, as in production
    assert _health()[1]["database"] == "ok"
    assert _terminate_the_apps_connections() >= 1
    _injected.append("postgresql connections terminated (web)")
    status, body = _health()  # the first request after the restart, not the second
    assert (status, body["database"]) == (200, "ok")
    _terminate_the_apps_connections()
    close_old_connections()  # what Celery's Django fix-up does before each task
    assert UserFactory().pk


def test_after_a_postgresql_restart_the_worker_reconnects(celery_worker_process):
    UserFactory()
    assert count_users.delay().get(timeout=30) == 1
    _terminate_the_apps_connections()
    _injected.append("postgresql connections terminated (worker)")
    close_old_connections()
    assert count_users.delay().get(timeout=30) == 1
