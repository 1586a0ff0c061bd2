"""Measurements: values entered by hand, corrections of locked periods, and the nightly refresh of
the facts of every open period."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from auditlog.context import set_actor
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.access import Actor, has_role_permission
from core.errors import DomainError
from tracks.models import Programme

from .. import computations
from ..figures import combine
from ..models import Indicator, Measurement, MeasurementCorrection, ReportingPeriod
from ..periods import KINDS, MONTH, QUARTER, YEAR, Period, periods_between
from .inputs import decimal_input
from .periods import period_get_or_create, period_require_begun

# Months in each kind of period: a longer period is aggregated from the entries of a shorter one.
_KIND_SIZE = {MONTH: 1, QUARTER: 3, YEAR: 12}


def _validate_value(indicator: Indicator, numerator: Any, denominator: Any) -> tuple[Decimal, Decimal | None]:
    num = decimal_input(numerator, "numerator")
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
    den = decimal_input(denominator, "denominator")
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
    breakdowns: dict[str, Any] | None = None,
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


def measurement_may_enter(*, actor: Actor, indicator: Indicator) -> bool:
    """The projectleider enters every hand-entered figure; a partner only those its organisation
    delivers (Indicator.reporting_organisation)."""
    if has_role_permission(actor, "monitoring.add_measurement"):
        return True
    organisation_id = getattr(actor, "organisation_id", None)
    return (
        has_role_permission(actor, "monitoring.enter_partner_measurement")
        and organisation_id is not None
        and indicator.reporting_organisation_id == organisation_id
    )


@transaction.atomic
def measurement_submit(*, actor: Actor, measurement: Measurement) -> Measurement:
    """Entered → submitted: the value goes to the projectleider for approval. By the person who
    entered it or a colleague of the same organisation."""
    measurement = Measurement.objects.select_for_update().select_related("indicator").get(pk=measurement.pk)
    if measurement.origin != Measurement.Origin.ENTERED:
        raise DomainError(_("Alleen een ingevoerde waarde wordt ingediend."), code="not_entered")
    if not measurement_may_enter(actor=actor, indicator=measurement.indicator):
        raise DomainError(_("U kunt deze waarde niet indienen."), code="forbidden")
    if measurement.submitted_at is not None:
        raise DomainError(_("Deze waarde is al ingediend."), code="already_submitted")
    with set_actor(actor):
        measurement.submitted_at = timezone.now()
        measurement.save(update_fields=["submitted_at", "updated_at"])
    return measurement


@transaction.atomic
def measurement_approve(*, actor: Actor, measurement: Measurement) -> Measurement:
    """Submitted → approved, by a projectleider who did not enter the value (four eyes). A value the
    projectleider entered themself waits for a second projectleider; with only one projectleider it
    stays submitted, and the period's approval (period_approve) is the projectleider's own check."""
    if not has_role_permission(actor, "monitoring.approve_reportingperiod"):
        raise DomainError(_("Alleen de projectleider keurt een waarde goed."), code="forbidden")
    measurement = Measurement.objects.select_for_update().get(pk=measurement.pk)
    if measurement.submitted_at is None:
        raise DomainError(_("Deze waarde is nog niet ingediend."), code="not_submitted")
    if measurement.approved_at is not None:
        raise DomainError(_("Deze waarde is al goedgekeurd."), code="already_approved")
    if measurement.entered_by_id is not None and measurement.entered_by_id == actor.pk:
        raise DomainError(
            _("U heeft deze waarde zelf ingevoerd. Een andere projectleider keurt haar goed."),
            code="four_eyes",
        )
    with set_actor(actor):
        measurement.approved_at = timezone.now()
        measurement.approved_by = actor
        measurement.save(update_fields=["approved_at", "approved_by", "updated_at"])
    return measurement


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
    actor: Actor,
    indicator: Indicator,
    period: Period,
    numerator: Any,
    denominator: Any = None,
    source: str,
    note: str = "",
) -> Measurement:
    """A value typed by a person, for a hand-entered indicator and an open period that has begun. A
    partner enters only the figures its organisation delivers (Indicator.reporting_organisation). A
    changed value starts its review again (entered → submitted → approved, measurement_approve)."""
    if not measurement_may_enter(actor=actor, indicator=indicator):
        raise DomainError(
            _("Dit cijfer levert een andere organisatie aan; u kunt het niet invoeren."),
            field="indicator",
            code="forbidden",
        )
    period_require_begun(period=period)
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
        changed = _store(
            indicator=indicator,
            period=reporting_period,
            origin=Measurement.Origin.ENTERED,
            numerator=num,
            denominator=den,
            source=source.strip(),
            note=note.strip(),
            entered_by=actor,
        )
        if changed:
            Measurement.objects.filter(indicator=indicator, period=reporting_period).update(
                computed_at=timezone.now(), submitted_at=None, approved_at=None, approved_by=None
            )
        for larger in _enclosing(period):
            _aggregate_entered(indicator=indicator, period=period_get_or_create(period=larger))
    return Measurement.objects.get(indicator=indicator, period=reporting_period)


@transaction.atomic
def measurement_correct(
    *, actor: Actor, measurement: Measurement, numerator: Any, denominator: Any = None, reason: str
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
            # "berekend op": every fact this run computed or confirmed, changed or not; one update per
            # period, outside the audit log (a timestamp, not a change of the figure).
            Measurement.objects.filter(
                period=reporting_period,
                origin__in=[Measurement.Origin.COMPUTED, Measurement.Origin.AGGREGATED],
            ).update(computed_at=timezone.now())
    return written
