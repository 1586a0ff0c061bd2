"""Targets: an indicator's value to reach in a period, written SMART."""

from __future__ import annotations

import datetime as dt
from typing import Any

from auditlog.context import set_actor
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.access import Actor
from core.errors import DomainError

from ..models import Indicator, Target
from ..periods import Period
from .inputs import decimal_input
from .periods import period_get_or_create


@transaction.atomic
def target_set(
    *,
    actor: Actor,
    indicator: Indicator,
    period: Period,
    value: Any,
    deadline: dt.date,
    specific: str,
    rationale: str = "",
) -> Any:
    number = decimal_input(value, "value")
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
