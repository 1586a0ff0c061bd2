"""Reporting periods and their workflow: open → submitted → approved (locked), and back."""

from __future__ import annotations

import datetime as dt

from auditlog.context import set_actor
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.access import Actor, has_role_permission
from core.errors import DomainError

from ..models import PeriodTransition, ReportingPeriod
from ..periods import Period

Status = ReportingPeriod.Status


def period_require_begun(*, period: Period, today: dt.date | None = None) -> None:
    """Only periods that have happened (issue 12): a period that has not begun takes no value, report
    or API answer. The running period is allowed and marked provisional (period_is_provisional)."""
    today = today or timezone.localdate()
    if period.start > today:
        raise DomainError(
            _(
                "%(period)s is nog niet begonnen: cijfers en rapportages gaan alleen over "
                "perioden die er geweest zijn."
            )
            % {"period": period.label},
            field="period",
            code="period_future",
        )


def period_is_provisional(*, period: Period, today: dt.date | None = None) -> bool:
    """The running period: its figures are voorlopig until it has ended."""
    return not period.is_over(today or timezone.localdate())


def period_get_or_create(*, period: Period) -> ReportingPeriod:
    try:
        with transaction.atomic():
            reporting_period, _created = ReportingPeriod.objects.get_or_create(
                kind=period.kind, start=period.start, defaults={"end": period.end}
            )
    except IntegrityError:  # made by a concurrent job between the get and the create
        reporting_period = ReportingPeriod.objects.get(kind=period.kind, start=period.start)
    return reporting_period


def _transition(*, actor: Actor, period: ReportingPeriod, to: str, reason: str = "") -> ReportingPeriod:
    with set_actor(actor):
        locked = ReportingPeriod.objects.select_for_update().get(pk=period.pk)
        PeriodTransition.objects.create(
            period=locked, from_status=locked.status, to_status=to, reason=reason, actor=actor
        )
        locked.status = to
        locked.status_changed_at = timezone.now()
        locked.status_changed_by = actor
        locked.save(update_fields=["status", "status_changed_at", "status_changed_by"])
    period.status, period.status_changed_at, period.status_changed_by = to, locked.status_changed_at, actor
    return period


def _require_status(period: ReportingPeriod, expected: str, message: str) -> None:
    current = ReportingPeriod.objects.filter(pk=period.pk).values_list("status", flat=True).first()
    if current != expected:
        raise DomainError(message, field="status", code="period_status")


@transaction.atomic
def period_submit(*, actor: Actor, period: ReportingPeriod) -> ReportingPeriod:
    """Open → submitted: the figures are complete and go to the projectleider for approval."""
    period_require_begun(period=period.as_period())
    _require_status(period, Status.OPEN, _("Alleen een open periode kan worden ingediend."))
    return _transition(actor=actor, period=period, to=Status.SUBMITTED)


@transaction.atomic
def period_return(*, actor: Actor, period: ReportingPeriod, reason: str) -> ReportingPeriod:
    """Submitted → open: sent back for changes."""
    _require_status(period, Status.SUBMITTED, _("Alleen een ingediende periode kan worden teruggezet."))
    return _transition(actor=actor, period=period, to=Status.OPEN, reason=reason.strip())


@transaction.atomic
def period_approve(*, actor: Actor, period: ReportingPeriod) -> ReportingPeriod:
    """Submitted → approved: only the projectleider; from then on the period's figures are locked."""
    if not has_role_permission(actor, "monitoring.approve_reportingperiod"):
        raise DomainError(_("Alleen de projectleider keurt een periode goed."), code="forbidden")
    _require_status(period, Status.SUBMITTED, _("Alleen een ingediende periode kan worden goedgekeurd."))
    return _transition(actor=actor, period=period, to=Status.APPROVED)


@transaction.atomic
def period_reopen(*, actor: Actor, period: ReportingPeriod, reason: str) -> ReportingPeriod:
    """Approved → open: an explicit, logged exception that must say why."""
    if not has_role_permission(actor, "monitoring.reopen_reportingperiod"):
        raise DomainError(
            _("Alleen de projectleider kan een goedgekeurde periode heropenen."), code="forbidden"
        )
    if not reason.strip():
        raise DomainError(_("Geef de reden om de goedgekeurde periode te heropenen."), field="reason")
    _require_status(period, Status.APPROVED, _("Alleen een goedgekeurde periode kan worden heropend."))
    return _transition(actor=actor, period=period, to=Status.OPEN, reason=reason.strip())
