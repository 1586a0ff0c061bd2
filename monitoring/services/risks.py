"""Risk reviews: the level of a plan risk on a date, with its measures."""

from __future__ import annotations

import datetime as dt

from auditlog.context import set_actor
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.access import Actor
from core.errors import DomainError
from tracks.models import Risk

from ..models import RiskReview


@transaction.atomic
def risk_review_add(*, actor: Actor, risk: Risk, date: dt.date, level: str, measures: str) -> RiskReview:
    if level not in RiskReview.Level.values:
        raise DomainError(_("Kies laag, middel of hoog."), field="level")
    if not measures.strip():
        raise DomainError(_("Beschrijf de maatregelen en de stand van zaken."), field="measures")
    with set_actor(actor):
        return RiskReview.objects.create(
            risk=risk, date=date, level=level, measures=measures.strip(), reviewed_by=actor
        )
