"""Reports: requested or scheduled, made by a Celery worker, announced to the projectleiders."""

from __future__ import annotations

import datetime as dt

from auditlog.context import set_actor
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import Max, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.access import Actor
from core.errors import DomainError
from core.models import Notification
from core.outbox import enqueue
from core.services import notification_send
from tracks.models import Programme

from ..models import REPORT_ERROR_LENGTH, Report
from ..periods import MONTH, QUARTER, Period
from ..report_files import report_pdf, report_xlsx
from ..reports import figures_hash, snapshot_build
from .measurements import measurements_refresh
from .periods import period_get_or_create, period_require_begun


@transaction.atomic
def report_request(*, actor: Actor | None, period: Period, trigger: str = Report.Trigger.REQUEST) -> Report:
    """Ask for a new version of a period's report; a Celery worker makes it (never the request). A
    period that has not begun has no report (issue 12)."""
    period_require_begun(period=period)
    reporting_period = period_get_or_create(period=period)
    if not period.is_over(timezone.localdate()) and trigger == Report.Trigger.SCHEDULE:
        raise DomainError(_("Deze periode is nog niet voorbij."), field="period")
    if Report.objects.filter(period=reporting_period, status=Report.Status.PENDING).exists():
        raise DomainError(
            _("Er wordt al een rapportage over deze periode gemaakt."), field="period", code="report_pending"
        )
    version = (Report.objects.filter(period=reporting_period).aggregate(v=Max("version"))["v"] or 0) + 1
    try:
        with transaction.atomic(), set_actor(actor):
            report = Report.objects.create(
                period=reporting_period, version=version, trigger=trigger, requested_by=actor
            )
    except IntegrityError:  # another request took this version number at the same moment
        raise DomainError(
            _("Er wordt al een rapportage over deze periode gemaakt."), field="period", code="report_pending"
        ) from None
    enqueue("monitoring.tasks.report_build", report_id=report.pk)
    return report


def report_build(*, report_id: int) -> bool:
    """Make the snapshot and its files. Claims the report under a row lock: a second worker given
    the same report skips it. Returns whether this call made it."""
    with transaction.atomic():
        report = (
            Report.objects.select_for_update(skip_locked=True)
            .select_related("period")
            .filter(pk=report_id, status=Report.Status.PENDING)
            .first()
        )
        if report is None:
            return False  # already made, or being made by another worker right now
        data = snapshot_build(period=report.period, version=report.version)
        report.data = data
        report.figures_hash = figures_hash(data)
        report.xlsx = report_xlsx(data)
        report.pdf = report_pdf(data)
        report.status = Report.Status.READY
        report.generated_at = timezone.now()
        report.attempts += 1
        report.error = ""
        with set_actor(None):
            report.save(
                update_fields=[
                    "data",
                    "figures_hash",
                    "xlsx",
                    "pdf",
                    "status",
                    "generated_at",
                    "attempts",
                    "error",
                ]
            )
        enqueue("monitoring.tasks.report_ready_notify", report_id=report.pk)
    return True


REPORT_READY_KIND = "report_ready"


def report_ready_notify(*, report_id: int) -> int:
    """Tell every active projectleider that a report is ready: an in-app notification for each (their
    own, not their organisation's) and one e-mail. Once per report: the report row is locked while
    notifying and a second run finds the notifications and does nothing. Returns the number notified."""
    path = reverse("monitoring:report", args=[report_id])
    with transaction.atomic():
        report = (
            Report.objects.select_for_update(of=("self",))
            .select_related("period")
            .defer("data", "xlsx", "pdf")
            .filter(pk=report_id, status=Report.Status.READY)
            .first()
        )
        if report is None or Notification.objects.filter(kind=REPORT_READY_KIND, link=path).exists():
            return 0
        recipients = list(
            get_user_model()
            .objects.filter(role="projectleider", is_active=True, organisation__isnull=False)
            .select_related("organisation")
            .order_by("pk")
        )
        text = _("Monitoringsrapportage %(period)s (versie %(version)s) staat klaar.") % {
            "period": report.period,
            "version": report.version,
        }
        for user in recipients:
            # The e-mail below says the same with a template of its own: no second e-mail per user.
            notification_send(
                organisation=user.organisation,
                user=user,
                kind=REPORT_READY_KIND,
                text=text,
                link=path,
                email=False,
            )
        addresses = [user.email for user in recipients if user.email]
        if addresses:
            context = {"report": report, "path": path, "url": settings.SITE_URL + path}
            send_mail(
                subject=render_to_string("emails/report_ready_subject.txt", context).strip(),
                message=render_to_string("emails/report_ready.txt", context),
                from_email=settings.DEFAULT_FROM_EMAIL,
                recipient_list=addresses,
            )
    return len(recipients)


def report_mark_failed(*, report_id: int, error: str) -> None:
    with transaction.atomic():
        report = Report.objects.select_for_update().filter(pk=report_id, status=Report.Status.PENDING).first()
        if report is None:
            return
        report.status, report.error = Report.Status.FAILED, error[:REPORT_ERROR_LENGTH]
        report.attempts += 1
        report.save(update_fields=["status", "error", "attempts"])


def reports_requeue_stalled(*, now: dt.datetime | None = None) -> list[int]:
    """The stalled-report job: enqueue again every pending report whose worker died.

    A worker making a report holds the report's row lock for the whole build (report_build), so a
    pending report older than REPORT_STALLED_AFTER_SECONDS whose row is *not* locked is being made by
    nobody: its worker was killed (the broker would only hand its message to another worker after the
    visibility timeout, two hours). Rows a live worker holds are skipped (skip_locked), so a slow build
    is never doubled; a duplicate message is harmless anyway (report_build makes a report once). After
    REPORT_MAX_REQUEUES the report is marked failed instead of being offered again and again.
    Returns the ids enqueued again."""
    now = now or timezone.now()
    deadline = now - dt.timedelta(seconds=settings.REPORT_STALLED_AFTER_SECONDS)
    requeued: list[int] = []
    with transaction.atomic():
        stalled = list(
            Report.objects.select_for_update(skip_locked=True, of=("self",))
            .defer("data", "xlsx", "pdf")
            .filter(status=Report.Status.PENDING, requested_at__lt=deadline)
            .filter(Q(requeued_at__isnull=True) | Q(requeued_at__lt=deadline))
            .order_by("pk")
        )
        for report in stalled:
            if report.requeues >= settings.REPORT_MAX_REQUEUES:
                report.status = Report.Status.FAILED
                report.error = "stalled: the worker stopped %s times while making this report" % (
                    report.requeues + 1
                )
                report.save(update_fields=["status", "error"])
                continue
            report.requeues += 1
            report.requeued_at = now
            report.save(update_fields=["requeues", "requeued_at"])
            enqueue("monitoring.tasks.report_build", report_id=report.pk)
            requeued.append(report.pk)
    return requeued


def due_periods(*, today: dt.date) -> list[Period]:
    """Months and quarters that have ended since the last report that succeeded (for that kind)."""
    programme = Programme.objects.order_by("start").first()
    if programme is None:
        return []
    due: list[Period] = []
    for kind in (MONTH, QUARTER):
        last_ready = (
            Report.objects.filter(status=Report.Status.READY, period__kind=kind)
            .order_by("-period__start")
            .values_list("period__start", flat=True)
            .first()
        )
        first = Period(kind, last_ready).next() if last_ready else Period.containing(kind, programme.start)
        current = first
        while current.end < today and current.start <= programme.end:
            due.append(current)
            current = current.next()
    return due


def reports_catch_up(*, today: dt.date | None = None) -> list[int]:
    """The scheduled job: make every period's report that is due and not made (a dropped run is
    caught up on the next). Refreshes the period's facts first while the period is open."""
    today = today or timezone.localdate()
    enqueued = []
    for period in due_periods(today=today):
        measurements_refresh(periods=[period], today=today)
        with transaction.atomic():
            reporting_period = period_get_or_create(period=period)
            reports = list(Report.objects.select_for_update().filter(period=reporting_period))
            if any(r.status == Report.Status.READY for r in reports):
                continue
            pending = [r for r in reports if r.status == Report.Status.PENDING]
            if pending:
                report = pending[0]
            else:
                version = max((r.version for r in reports), default=0) + 1
                report, _created = Report.objects.get_or_create(
                    period=reporting_period, version=version, defaults={"trigger": Report.Trigger.SCHEDULE}
                )
            enqueue("monitoring.tasks.report_build", report_id=report.pk)
            enqueued.append(report.pk)
    return enqueued


def report_make(*, actor: Actor | None, period: Period) -> Report:
    """On demand (manage.py make_report): refresh the period's facts if open, then make the report
    in this process – the same code the worker runs. A future period is refused before anything is
    written."""
    period_require_begun(period=period)
    measurements_refresh(periods=[period])
    report = report_request(actor=actor, period=period)
    report_build(report_id=report.pk)  # no-op when the outbox already ran it in-process
    report.refresh_from_db()
    return report
