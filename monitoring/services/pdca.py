"""PDCA cycles: per track and period, plan, do, check and act."""

from __future__ import annotations

from typing import Any

from auditlog.context import set_actor
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.access import Actor
from core.errors import DomainError
from tracks.models import Track

from ..models import PdcaCycle
from ..periods import Period
from .periods import period_get_or_create

_PDCA_ORDER = [s.value for s in PdcaCycle.Status]


@transaction.atomic
def pdca_save(
    *,
    actor: Actor,
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
