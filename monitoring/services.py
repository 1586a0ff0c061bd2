"""Writes for monitoring: periods and their workflow, measurements and corrections, targets, PDCA,
risk reviews, budget, context-indicator imports and reports. Every write takes the actor and is audited.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable
from decimal import Decimal, InvalidOperation
from typing import Any

from auditlog.context import set_actor
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import Max, Sum
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from core.errors import DomainError
from core.models import Notification
from core.outbox import enqueue
from core.services import notification_send
from tracks.models import BudgetYear, Intervention, Programme, Risk, Track

from . import computations
from .figures import combine
from .models import (
    BudgetAllocation,
    BudgetCommitment,
    BudgetSpending,
    ContextIndicator,
    ContextIndicatorRevision,
    ContextIndicatorValue,
    Indicator,
    Measurement,
    MeasurementCorrection,
    PdcaCycle,
    PeriodTransition,
    Report,
    ReportingPeriod,
    RiskReview,
)
from .periods import KINDS, MONTH, QUARTER, YEAR, Period, periods_between

logger = logging.getLogger(__name__)

_KIND_SIZE = {MONTH: 1, QUARTER: 3, YEAR: 12}
Status = ReportingPeriod.Status


# --- Periods -------------------------------------------------------------------------------------


def period_get_or_create(*, period: Period) -> ReportingPeriod:
    try:
        with transaction.atomic():
            reporting_period, _created = ReportingPeriod.objects.get_or_create(
                kind=period.kind, start=period.start, defaults={"end": period.end}
            )
    except IntegrityError:  # made by a concurrent job between the get and the create
        reporting_period = ReportingPeriod.objects.get(kind=period.kind, start=period.start)
    return reporting_period


def _transition(*, actor: Any, period: ReportingPeriod, to: str, reason: str = "") -> ReportingPeriod:
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
def period_submit(*, actor: Any, period: ReportingPeriod) -> ReportingPeriod:
    """Open → submitted: the figures are complete and go to the projectleider for approval."""
    _require_status(period, Status.OPEN, _("Alleen een open periode kan worden ingediend."))
    return _transition(actor=actor, period=period, to=Status.SUBMITTED)


@transaction.atomic
def period_return(*, actor: Any, period: ReportingPeriod, reason: str) -> ReportingPeriod:
    """Submitted → open: sent back for changes."""
    _require_status(period, Status.SUBMITTED, _("Alleen een ingediende periode kan worden teruggezet."))
    return _transition(actor=actor, period=period, to=Status.OPEN, reason=reason.strip())


@transaction.atomic
def period_approve(*, actor: Any, period: ReportingPeriod) -> ReportingPeriod:
    """Submitted → approved: only the projectleider; from then on the period's figures are locked."""
    if not actor.has_perm("monitoring.approve_reportingperiod"):
        raise DomainError(_("Alleen de projectleider keurt een periode goed."), code="forbidden")
    _require_status(period, Status.SUBMITTED, _("Alleen een ingediende periode kan worden goedgekeurd."))
    return _transition(actor=actor, period=period, to=Status.APPROVED)


@transaction.atomic
def period_reopen(*, actor: Any, period: ReportingPeriod, reason: str) -> ReportingPeriod:
    """Approved → open: an explicit, logged exception that must say why."""
    if not actor.has_perm("monitoring.reopen_reportingperiod"):
        raise DomainError(
            _("Alleen de projectleider kan een goedgekeurde periode heropenen."), code="forbidden"
        )
    if not reason.strip():
        raise DomainError(_("Geef de reden om de goedgekeurde periode te heropenen."), field="reason")
    _require_status(period, Status.APPROVED, _("Alleen een goedgekeurde periode kan worden heropend."))
    return _transition(actor=actor, period=period, to=Status.OPEN, reason=reason.strip())


# --- Measurements --------------------------------------------------------------------------------


def _decimal(value: Any, field: str) -> Decimal:
    try:
        number = Decimal(str(value))
    except (InvalidOperation, ValueError):
        raise DomainError(_("Geef een getal."), field=field) from None
    if not number.is_finite():
        raise DomainError(_("Geef een getal."), field=field)
    return number.quantize(Decimal("0.01"))


def _validate_value(indicator: Indicator, numerator: Any, denominator: Any) -> tuple[Decimal, Decimal | None]:
    num = _decimal(numerator, "numerator")
    if num < 0:
        raise DomainError(_("Een waarde kan niet negatief zijn."), field="numerator")
    if indicator.counts_persons and num != num.to_integral_value():
        raise DomainError(_("Een aantal personen is een heel getal."), field="numerator")
    if not indicator.is_ratio:
        if denominator not in (None, ""):
            raise DomainError(_("Deze indicator heeft geen noemer."), field="denominator")
        return num, None
    if denominator in (None, ""):
        raise DomainError(
            _("Geef ook de noemer: een percentage wordt bewaard als teller en noemer."), field="denominator"
        )
    den = _decimal(denominator, "denominator")
    if den <= 0:
        raise DomainError(_("De noemer moet groter dan nul zijn."), field="denominator")
    if indicator.unit == Indicator.Unit.PERCENTAGE and num > den:
        raise DomainError(_("De teller kan niet groter zijn dan de noemer."), field="numerator")
    return num, den


def _store(
    *,
    indicator: Indicator,
    period: ReportingPeriod,
    origin: str,
    numerator: Decimal,
    denominator: Decimal | None,
    breakdowns: dict | None = None,
    source: str = "",
    note: str | None = None,
    entered_by: Any = None,
) -> bool:
    """Create or update a fact; writes nothing when nothing changed (a re-run is silent)."""
    values: dict[str, Any] = {
        "origin": origin,
        "numerator": Decimal(numerator).quantize(Decimal("0.01")),
        "denominator": None if denominator is None else Decimal(denominator).quantize(Decimal("0.01")),
        "breakdowns": breakdowns or {},
        "source": source,
    }
    if note is not None:
        values["note"] = note
    if entered_by is not None:
        values["entered_by"] = entered_by
    if origin == Measurement.Origin.COMPUTED:
        # An indicator that used to be entered by hand and is now computed: the fact of an open
        # period no longer shows who typed the old value.
        values.update(entered_by_id=None, note="")
    existing = Measurement.objects.filter(indicator=indicator, period=period).first()
    if existing is None:
        Measurement.objects.create(indicator=indicator, period=period, **values)
        return True
    changed = [name for name, value in values.items() if getattr(existing, name) != value]
    if not changed:
        return False
    for name in changed:
        setattr(existing, name, values[name])
    existing.save(update_fields=[*changed, "updated_at"])
    return True


def _enclosing(period: Period) -> list[Period]:
    return [
        Period.containing(kind, period.start) for kind in KINDS if _KIND_SIZE[kind] > _KIND_SIZE[period.kind]
    ]


def _aggregate_entered(*, indicator: Indicator, period: ReportingPeriod) -> bool:
    """A hand-entered indicator's value for a longer period, from the entries inside it."""
    if not period.is_open or _KIND_SIZE[period.kind] <= _KIND_SIZE[indicator.entry_period_kind]:
        return False
    entries = list(
        Measurement.objects.filter(
            indicator=indicator,
            origin=Measurement.Origin.ENTERED,
            period__kind=indicator.entry_period_kind,
            period__start__gte=period.start,
            period__end__lte=period.end,
        ).order_by("period__start")
    )
    if not entries:
        return False
    if indicator.aggregation == Indicator.Aggregation.LATEST:
        last = entries[-1]
        numerator, denominator = last.numerator, last.denominator
        source = _("laatste ingevoerde waarde (%(period)s)") % {"period": last.period}
    else:
        numerator, denominator = combine((e.numerator, e.denominator) for e in entries)
        source = _("som van %(n)s ingevoerde perioden") % {"n": len(entries)}
    return _store(
        indicator=indicator,
        period=period,
        origin=Measurement.Origin.AGGREGATED,
        numerator=numerator,
        denominator=denominator,
        source=source,
    )


@transaction.atomic
def measurement_enter(
    *,
    actor: Any,
    indicator: Indicator,
    period: Period,
    numerator: Any,
    denominator: Any = None,
    source: str,
    note: str = "",
) -> Measurement:
    """A value typed by a person, for a hand-entered indicator and an open period."""
    if not indicator.is_manual:
        raise DomainError(
            _("Deze waarde berekent het platform zelf; die wordt niet ingetypt."), field="numerator"
        )
    if period.kind != indicator.entry_period_kind:
        raise DomainError(
            _("Deze indicator wordt per %(kind)s ingevoerd.")
            % {"kind": ReportingPeriod.Kind(indicator.entry_period_kind).label},
            field="period",
        )
    if not source.strip():
        raise DomainError(_("Geef de bron van de waarde."), field="source")
    num, den = _validate_value(indicator, numerator, denominator)
    reporting_period = period_get_or_create(period=period)
    reporting_period = ReportingPeriod.objects.select_for_update().get(pk=reporting_period.pk)
    if reporting_period.is_locked:
        raise DomainError(
            _("Deze periode is goedgekeurd en vastgezet. Leg een correctie vast met een reden."),
            field="period",
            code="period_locked",
        )
    if not reporting_period.is_open:
        raise DomainError(
            _("Deze periode is ingediend. Zet haar eerst terug om waarden te wijzigen."),
            field="period",
            code="period_submitted",
        )
    with set_actor(actor):
        _store(
            indicator=indicator,
            period=reporting_period,
            origin=Measurement.Origin.ENTERED,
            numerator=num,
            denominator=den,
            source=source.strip(),
            note=note.strip(),
            entered_by=actor,
        )
        for larger in _enclosing(period):
            _aggregate_entered(indicator=indicator, period=period_get_or_create(period=larger))
    return Measurement.objects.get(indicator=indicator, period=reporting_period)


@transaction.atomic
def measurement_correct(
    *, actor: Any, measurement: Measurement, numerator: Any, denominator: Any = None, reason: str
) -> MeasurementCorrection:
    """Change a fact of an approved (locked) period: recorded as a correction with its reason."""
    if not reason.strip():
        raise DomainError(_("Geef de reden van de correctie."), field="reason")
    measurement = (
        Measurement.objects.select_for_update().select_related("period", "indicator").get(pk=measurement.pk)
    )
    if not measurement.period.is_locked:
        raise DomainError(
            _("Deze periode is niet vastgezet: wijzig de waarde gewoon (of zet de periode terug)."),
            field="period",
        )
    num, den = _validate_value(measurement.indicator, numerator, denominator)
    with set_actor(actor):
        correction = MeasurementCorrection.objects.create(
            measurement=measurement,
            previous_numerator=measurement.numerator,
            previous_denominator=measurement.denominator,
            numerator=num,
            denominator=den,
            reason=reason.strip(),
            corrected_by=actor,
        )
        measurement.numerator, measurement.denominator = num, den
        measurement.save(update_fields=["numerator", "denominator", "updated_at"])
    return correction


def refresh_periods(*, today: dt.date) -> list[Period]:
    """Every period from the programme's start up to today (the nightly job's scope)."""
    programme = Programme.objects.order_by("start").first()
    if programme is None:
        return []
    last = min(today, programme.end)
    return [p for kind in KINDS for p in periods_between(kind, programme.start, last)]


def measurements_refresh(*, periods: Iterable[Period] | None = None, today: dt.date | None = None) -> int:
    """Store the facts of every open period: computed indicators from their computation, and
    hand-entered indicators' longer periods from their entries. Locked or submitted periods are
    never touched. Idempotent; returns the number of facts written."""
    today = today or timezone.localdate()
    programme = Programme.objects.order_by("start").first()
    if programme is None:
        return 0
    periods = list(periods) if periods is not None else refresh_periods(today=today)
    indicators = list(Indicator.objects.filter(is_active=True).select_related("intervention"))
    written = 0
    for period in periods:
        with transaction.atomic():
            reporting_period = period_get_or_create(period=period)
            reporting_period = ReportingPeriod.objects.select_for_update().get(pk=reporting_period.pk)
            if not reporting_period.is_open:
                continue
            for indicator in indicators:
                if indicator.is_manual:
                    written += _aggregate_entered(indicator=indicator, period=reporting_period)
                    continue
                computation = computations.get(indicator.computation)
                start = (
                    programme.start
                    if indicator.aggregation == Indicator.Aggregation.CUMULATIVE
                    else period.start
                )
                result = computation(start, period.end, indicator.intervention)
                written += _store(
                    indicator=indicator,
                    period=reporting_period,
                    origin=Measurement.Origin.COMPUTED,
                    numerator=result.numerator,
                    denominator=result.denominator if indicator.is_ratio else None,
                    breakdowns=result.breakdowns,
                    source=computation.label,
                )
    return written


# --- Targets -------------------------------------------------------------------------------------


@transaction.atomic
def target_set(
    *,
    actor: Any,
    indicator: Indicator,
    period: Period,
    value: Any,
    deadline: dt.date,
    specific: str,
    rationale: str = "",
) -> Any:
    from .models import Target

    number = _decimal(value, "value")
    if indicator.unit == Indicator.Unit.PERCENTAGE and not (0 <= number <= 100):
        raise DomainError(_("Een percentage ligt tussen 0 en 100."), field="value")
    if not specific.strip():
        raise DomainError(_("Formuleer het doel specifiek en meetbaar."), field="specific")
    reporting_period = period_get_or_create(period=period)
    if reporting_period.is_locked:
        raise DomainError(
            _("De periode is goedgekeurd; het doel ligt vast."), field="period", code="period_locked"
        )
    with set_actor(actor):
        target, created = Target.objects.get_or_create(
            indicator=indicator,
            period=reporting_period,
            defaults={
                "value": number,
                "deadline": deadline,
                "specific": specific.strip(),
                "rationale": rationale,
            },
        )
        if not created:
            target.value, target.deadline = number, deadline
            target.specific, target.rationale = specific.strip(), rationale
            target.save(update_fields=["value", "deadline", "specific", "rationale"])
    return target


# --- PDCA ----------------------------------------------------------------------------------------

_PDCA_ORDER = [s.value for s in PdcaCycle.Status]


@transaction.atomic
def pdca_save(
    *,
    actor: Any,
    track: Track,
    period: Period,
    owner: Any,
    status: str,
    plan: str = "",
    do: str = "",
    check_notes: str = "",
    act_adjustment: str = "",
    act_reason: str = "",
) -> PdcaCycle:
    if status not in _PDCA_ORDER:
        raise DomainError(_("Onbekende status."), field="status")
    if act_adjustment.strip() and not act_reason.strip():
        raise DomainError(_("Geef de reden van de bijsturing."), field="act_reason")
    if status == PdcaCycle.Status.CLOSED and not act_adjustment.strip():
        raise DomainError(
            _("Leg vast welke bijsturing is besloten (of dat die niet nodig is) voordat u afrondt."),
            field="act_adjustment",
        )
    reporting_period = period_get_or_create(period=period)
    values = {
        "owner": owner,
        "status": status,
        "plan": plan.strip(),
        "do": do.strip(),
        "check_notes": check_notes.strip(),
        "act_adjustment": act_adjustment.strip(),
        "act_reason": act_reason.strip(),
    }
    with set_actor(actor):
        cycle = PdcaCycle.objects.filter(track=track, period=reporting_period).first()
        if cycle is None:
            return PdcaCycle.objects.create(track=track, period=reporting_period, **values)
        changed = [name for name, value in values.items() if getattr(cycle, name) != value]
        for name in changed:
            setattr(cycle, name, values[name])
        if changed:
            cycle.save(update_fields=[*changed, "updated_at"])
    return cycle


# --- Risks ---------------------------------------------------------------------------------------


@transaction.atomic
def risk_review_add(*, actor: Any, risk: Risk, date: dt.date, level: str, measures: str) -> RiskReview:
    if level not in RiskReview.Level.values:
        raise DomainError(_("Kies laag, middel of hoog."), field="level")
    if not measures.strip():
        raise DomainError(_("Beschrijf de maatregelen en de stand van zaken."), field="measures")
    with set_actor(actor):
        return RiskReview.objects.create(
            risk=risk, date=date, level=level, measures=measures.strip(), reviewed_by=actor
        )


# --- Budget --------------------------------------------------------------------------------------


@transaction.atomic
def allocation_set(
    *,
    actor: Any,
    budget_year: BudgetYear,
    track: Track,
    intervention: Intervention | None = None,
    amount: Any,
    note: str = "",
) -> BudgetAllocation:
    """Set the amount allocated to a track or intervention in a year, within the year's cap."""
    number = _decimal(amount, "amount")
    if number < 0:
        raise DomainError(_("Een bedrag kan niet negatief zijn."), field="amount")
    if intervention is not None and intervention.track_id != track.pk:
        raise DomainError(_("De interventie hoort niet bij dit spoor."), field="intervention")
    # Lock the year: two allocations made at once cannot together pass the cap.
    year = BudgetYear.objects.select_for_update().get(pk=budget_year.pk)
    existing = BudgetAllocation.objects.filter(
        budget_year=year, track=track, intervention=intervention
    ).first()
    others = BudgetAllocation.objects.filter(budget_year=year).exclude(
        pk=existing.pk if existing else None
    ).aggregate(total=Sum("amount"))["total"] or Decimal("0")
    if others + number > year.cap:
        raise DomainError(
            _("Dit past niet binnen het maximum van € %(cap)s per jaar: er is al € %(others)s toegewezen.")
            % {"cap": f"{year.cap:,.2f}", "others": f"{others:,.2f}"},
            field="amount",
            code="budget_cap",
        )
    with set_actor(actor):
        if existing is None:
            return BudgetAllocation.objects.create(
                budget_year=year, track=track, intervention=intervention, amount=number, note=note
            )
        existing.amount, existing.note = number, note
        existing.save(update_fields=["amount", "note"])
        return existing


def _money_in_year(allocation: BudgetAllocation, date: dt.date, amount: Any) -> Decimal:
    number = _decimal(amount, "amount")
    if number <= 0:
        raise DomainError(_("Een bedrag is groter dan nul."), field="amount")
    year = allocation.budget_year
    if not (year.start <= date <= year.end):
        raise DomainError(
            _("De datum valt buiten het begrotingsjaar (%(start)s – %(end)s).")
            % {"start": f"{year.start:%d-%m-%Y}", "end": f"{year.end:%d-%m-%Y}"},
            field="date",
        )
    return number


@transaction.atomic
def commitment_add(
    *, actor: Any, allocation: BudgetAllocation, date: dt.date, amount: Any, description: str
) -> BudgetCommitment:
    number = _money_in_year(allocation, date, amount)
    with set_actor(actor):
        return BudgetCommitment.objects.create(
            allocation=allocation, date=date, amount=number, description=description.strip(), created_by=actor
        )


@transaction.atomic
def spending_add(
    *, actor: Any, allocation: BudgetAllocation, date: dt.date, amount: Any, description: str
) -> BudgetSpending:
    number = _money_in_year(allocation, date, amount)
    if not description.strip():
        raise DomainError(_("Geef een omschrijving."), field="description")
    with set_actor(actor):
        return BudgetSpending.objects.create(
            allocation=allocation, date=date, amount=number, description=description.strip(), created_by=actor
        )


# --- Context indicators --------------------------------------------------------------------------


@transaction.atomic
def context_values_import(
    *, actor: Any, indicator: ContextIndicator, rows: Iterable[Any], source: str
) -> dict[str, int]:
    """Store imported yearly values; a changed value keeps the old one as a revision."""
    counts = {"created": 0, "revised": 0, "unchanged": 0}
    with set_actor(actor):
        for row in rows:
            existing = ContextIndicatorValue.objects.filter(
                indicator=indicator, year=row.year, area=row.area
            ).first()
            if existing is None:
                ContextIndicatorValue.objects.create(
                    indicator=indicator,
                    year=row.year,
                    area=row.area,
                    value=row.value,
                    provisional=row.provisional,
                    source=source,
                )
                counts["created"] += 1
                continue
            if existing.value == row.value and existing.provisional == row.provisional:
                counts["unchanged"] += 1
                continue
            ContextIndicatorRevision.objects.create(
                value=existing,
                previous_value=existing.value,
                previous_provisional=existing.provisional,
                new_value=row.value,
                new_provisional=row.provisional,
                source=source,
                revised_by=actor,
            )
            existing.value, existing.provisional, existing.source = row.value, row.provisional, source
            existing.save(update_fields=["value", "provisional", "source"])
            counts["revised"] += 1
    return counts


# --- Reports -------------------------------------------------------------------------------------


@transaction.atomic
def report_request(*, actor: Any, period: Period, trigger: str = Report.Trigger.REQUEST) -> Report:
    """Ask for a new version of a period's report; a Celery worker makes it (never the request)."""
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
    from .report_files import report_pdf, report_xlsx
    from .reports import figures_hash, snapshot_build

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
        report.status, report.error = Report.Status.FAILED, error[:4000]
        report.attempts += 1
        report.save(update_fields=["status", "error", "attempts"])


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


def report_make(*, actor: Any, period: Period) -> Report:
    """On demand (manage.py make_report): refresh the period's facts if open, then make the report
    in this process – the same code the worker runs."""
    measurements_refresh(periods=[period])
    report = report_request(actor=actor, period=period)
    report_build(report_id=report.pk)  # no-op when the outbox already ran it in-process
    report.refresh_from_db()
    return report


# --- Seed: the plan's indicators -----------------------------------------------------------------

INDICATORS_FILE = __import__("pathlib").Path(__file__).resolve().parent / "data" / "indicators.json"


@transaction.atomic
def indicators_seed_load(*, actor: Any, path: Any = INDICATORS_FILE) -> dict[str, int]:
    """Create or update the seeded indicators (monitoring/data/indicators.json). Idempotent: a
    second run writes nothing. Needs the plan (tracks.services.plan_load) first."""
    import json

    from tracks.models import MeasurableResult

    data = json.loads(path.read_text(encoding="utf-8"))
    counts = {"created": 0, "updated": 0}
    interventions = {i.code: i for i in Intervention.objects.all()}
    with set_actor(actor):
        for item in data["indicators"]:
            if item["computation"]:
                computations.check_fits(
                    code=item["code"],
                    computation=item["computation"],
                    unit=item["unit"],
                    counts_persons=item["counts_persons"],
                )
            intervention = interventions[item["intervention"]]
            baseline = item.get("baseline") or {}
            values: dict[str, Any] = {
                "intervention": intervention,
                "metric": item["metric"],
                "kind": item["kind"],
                "name": item["name"],
                "unit": item["unit"],
                "rate_base": item.get("rate_base"),
                "direction": item["direction"],
                "aggregation": item["aggregation"],
                "definition": item["definition"],
                "counts_persons": item["counts_persons"],
                "computation": item["computation"],
                "entry_period_kind": item["entry_period_kind"],
                "baseline_value": Decimal(baseline["value"]).quantize(Decimal("0.01")) if baseline else None,
                "baseline_date": dt.date.fromisoformat(baseline["date"]) if baseline else None,
                "baseline_source": baseline.get("source", ""),
                "measurable_result": (
                    MeasurableResult.objects.get(intervention=intervention, code=item["measurable_result"])
                    if item.get("measurable_result")
                    else None
                ),
                "order": item["order"],
            }
            indicator = Indicator.objects.filter(code=item["code"]).first()
            if indicator is None:
                Indicator.objects.create(code=item["code"], **values)
                counts["created"] += 1
                continue
            changed = [name for name, value in values.items() if getattr(indicator, name) != value]
            if changed:
                for name in changed:
                    setattr(indicator, name, values[name])
                indicator.save(update_fields=changed)
                counts["updated"] += 1
    return counts
