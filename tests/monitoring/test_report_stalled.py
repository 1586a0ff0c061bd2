"""A report whose worker died is enqueued again within minutes, and its page says so (issue 9, point 7).

In-process: the kill is simulated by a pending report that no worker holds. The real thing — SIGKILL of a
worker process mid-report, then a new worker — is in tests/core/test_faults.py (CI, PostgreSQL + Redis).
"""

import datetime as dt

import pytest
from django.utils import timezone

from core.models import OutboxMessage
from monitoring.models import Report
from monitoring.periods import Period
from monitoring.services.reports import report_build, report_request, reports_requeue_stalled
from pgaanpak.schedule import CELERY_BEAT_SCHEDULE

pytestmark = pytest.mark.django_db
Q1 = Period.parse("2025-Q1")


def _orphaned_report(petra, minutes_ago: int) -> Report:
    # In a test transaction the commit never comes, so the build is never published: like a worker
    # that took the message and died.
    report = report_request(actor=petra, period=Q1)
    Report.objects.filter(pk=report.pk).update(
        requested_at=timezone.now() - dt.timedelta(minutes=minutes_ago)
    )
    OutboxMessage.objects.all().delete()
    return report


def test_a_pending_report_nobody_makes_is_enqueued_again_once(indicators, petra):
    report = _orphaned_report(petra, minutes_ago=6)
    assert reports_requeue_stalled() == [report.pk]
    report.refresh_from_db()
    assert (report.status, report.requeues, report.attempt) == (Report.Status.PENDING, 1, 2)
    assert OutboxMessage.objects.get().kwargs == {"report_id": report.pk}
    assert reports_requeue_stalled() == []  # just offered again: not again on the next run
    later = timezone.now() + dt.timedelta(minutes=6)
    assert reports_requeue_stalled(now=later) == [report.pk]  # still nobody made it


def test_a_young_report_is_left_alone(indicators, petra):
    _orphaned_report(petra, minutes_ago=1)
    assert reports_requeue_stalled() == []


def test_the_job_runs_every_few_minutes(settings):
    entry = CELERY_BEAT_SCHEDULE["monitoring-reports-requeue-stalled"]
    assert entry["task"] == "monitoring.tasks.reports_requeue_stalled"
    assert entry["schedule"] + settings.REPORT_STALLED_AFTER_SECONDS <= 10 * 60


def test_the_report_page_says_it_is_being_made_again(web, indicators, petra):
    report = _orphaned_report(petra, minutes_ago=6)
    reports_requeue_stalled()
    web.force_login(petra)
    html = web.get(f"/monitoring/rapportages/{report.pk}/").content.decode()
    assert "wordt opnieuw gemaakt (poging 2)" in html


def test_the_requeued_report_is_made_once(indicators, petra):
    report = _orphaned_report(petra, minutes_ago=6)
    reports_requeue_stalled()
    assert report_build(report_id=report.pk) is True
    assert report_build(report_id=report.pk) is False  # the original message, redelivered later
    assert Report.objects.filter(period=report.period).count() == 1
    assert Report.objects.get(pk=report.pk).status == Report.Status.READY
    assert reports_requeue_stalled(now=timezone.now() + dt.timedelta(hours=1)) == []


def test_a_report_that_keeps_stalling_is_marked_failed(indicators, petra, settings):
    report = _orphaned_report(petra, minutes_ago=6)
    now = timezone.now()
    for run in range(settings.REPORT_MAX_REQUEUES):
        assert reports_requeue_stalled(now=now + dt.timedelta(minutes=6 * run)) == [report.pk]
    assert reports_requeue_stalled(now=now + dt.timedelta(hours=1)) == []
    assert Report.objects.get(pk=report.pk).status == Report.Status.FAILED
