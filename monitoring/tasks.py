"""Celery tasks for monitoring: thin, take ids, idempotent (a second run does no harm)."""

from __future__ import annotations

import logging

from celery import shared_task
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse

from . import services
from .models import Report

logger = logging.getLogger(__name__)


@shared_task(name="monitoring.tasks.measurements_refresh")
def measurements_refresh() -> int:
    return services.measurements_refresh()


@shared_task(name="monitoring.tasks.reports_catch_up")
def reports_catch_up() -> list[int]:
    return services.reports_catch_up()


@shared_task(name="monitoring.tasks.report_build", bind=True, max_retries=2, default_retry_delay=60)
def report_build(self, report_id: int) -> bool:  # type: ignore[no-untyped-def]
    try:
        return services.report_build(report_id=report_id)
    except Exception as exc:
        logger.exception("Report %s failed", report_id)
        if self.request.retries < self.max_retries and not self.request.is_eager:
            raise self.retry(exc=exc) from exc
        services.report_mark_failed(report_id=report_id, error=f"{type(exc).__name__}: {exc}")
        raise


@shared_task(name="monitoring.tasks.report_ready_notify")
def report_ready_notify(report_id: int) -> int:
    """E-mail the projectleider(s) that a report is ready.

    The in-app notification (core.services.notification_send) hooks in here as well once it exists.
    """
    report = Report.objects.select_related("period").defer("data", "xlsx", "pdf").filter(pk=report_id).first()
    if report is None or report.status != Report.Status.READY:
        return 0
    User = get_user_model()  # noqa: N806
    recipients = list(
        User.objects.filter(role="projectleider", is_active=True)
        .exclude(email="")
        .values_list("email", flat=True)
    )
    if not recipients:
        return 0
    context = {"report": report, "path": reverse("monitoring:report", args=[report.pk])}
    send_mail(
        subject=render_to_string("emails/report_ready_subject.txt", context).strip(),
        message=render_to_string("emails/report_ready.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        recipient_list=recipients,
    )
    return len(recipients)
