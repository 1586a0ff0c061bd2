"""Celery tasks for monitoring: thin, take ids, idempotent (a second run does no harm)."""

from __future__ import annotations

import logging

from celery import Task, shared_task

from .services import measurements, reports

logger = logging.getLogger(__name__)


@shared_task(name="monitoring.tasks.measurements_refresh")
def measurements_refresh() -> int:
    return measurements.measurements_refresh()


@shared_task(name="monitoring.tasks.reports_catch_up")
def reports_catch_up() -> list[int]:
    return reports.reports_catch_up()


@shared_task(name="monitoring.tasks.reports_requeue_stalled")
def reports_requeue_stalled() -> list[int]:
    return reports.reports_requeue_stalled()


@shared_task(name="monitoring.tasks.report_build", bind=True, max_retries=2, default_retry_delay=60)
def report_build(self: Task, report_id: int) -> bool:
    try:
        return reports.report_build(report_id=report_id)
    except Exception as exc:
        logger.exception("Report %s failed", report_id)
        if self.request.retries < (self.max_retries or 0) and not self.request.is_eager:
            raise self.retry(exc=exc) from exc
        reports.report_mark_failed(report_id=report_id, error=f"{type(exc).__name__}: {exc}")
        raise


@shared_task(name="monitoring.tasks.report_ready_notify")
def report_ready_notify(report_id: int) -> int:
    """Notify the projectleider(s) in the app and by e-mail that a report is ready (once per report)."""
    return reports.report_ready_notify(report_id=report_id)
