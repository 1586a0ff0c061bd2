"""Informing the family (AVG art. 13/14): each organisation records whether it told the youth and/or the
parents that it shares data on the platform, or why it postpones that and when it looks again."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.access import Actor
from core.audit import acting_as
from core.errors import DomainError

from ..models import FamilyInforming, Involvement, Youth

POSTPONE_REASON_MAX_LENGTH = 500


def _date_not_future(value: dt.date | None, field: str) -> None:
    if value is not None and value > timezone.localdate():
        raise DomainError(_("Deze datum ligt in de toekomst."), field=field)


@transaction.atomic
def family_informing_record(
    *,
    actor: Actor,
    youth: Youth,
    youth_informed_on: dt.date | None = None,
    parents_informed_on: dt.date | None = None,
    postpone_reason: str = "",
    look_again_on: dt.date | None = None,
) -> FamilyInforming:
    """Record, for the actor's organisation, that the youth and/or the parents were informed, or the
    reason to postpone with a date to look again. Only an involved organisation records it; a date
    informed ends any postponement. The caller got `youth` from the gateway."""
    organisation = actor.organisation
    if organisation is None:
        raise DomainError(_("Uw account hoort niet bij een organisatie."), field="organisation")
    if not Involvement.objects.filter(organisation=organisation, youth=youth, ended_at__isnull=True).exists():
        raise DomainError(
            _(
                "Alleen een organisatie die bij deze jongere betrokken is, legt vast of het gezin is "
                "geïnformeerd."
            ),
            field="youth",
        )
    _date_not_future(youth_informed_on, "youth_informed_on")
    _date_not_future(parents_informed_on, "parents_informed_on")
    reason = postpone_reason.strip()
    if len(reason) > POSTPONE_REASON_MAX_LENGTH:
        raise DomainError(
            _("De reden is te lang: maximaal %(max)d tekens.") % {"max": POSTPONE_REASON_MAX_LENGTH},
            field="postpone_reason",
        )
    informed = youth_informed_on is not None or parents_informed_on is not None
    if informed:
        reason, look_again_on = "", None  # informed: nothing is postponed any more
    elif not reason and look_again_on is None:
        raise DomainError(
            _(
                "Vul in wanneer de jongere of de ouders zijn geïnformeerd, of waarom u het uitstelt en "
                "wanneer u het opnieuw bekijkt."
            ),
            field="youth_informed_on",
        )
    elif not reason:
        raise DomainError(_("Geef de reden om het informeren uit te stellen."), field="postpone_reason")
    elif look_again_on is None:
        raise DomainError(_("Geef de datum waarop u het opnieuw bekijkt."), field="look_again_on")
    elif look_again_on <= timezone.localdate():
        raise DomainError(_("De datum om opnieuw te bekijken ligt in de toekomst."), field="look_again_on")
    values = {
        "youth_informed_on": youth_informed_on,
        "parents_informed_on": parents_informed_on,
        "postpone_reason": reason,
        "look_again_on": look_again_on,
        "updated_at": timezone.now(),
        "updated_by": actor,
    }
    with acting_as(actor):
        row = (
            FamilyInforming.objects.select_for_update().filter(youth=youth, organisation=organisation).first()
        )
        if row is None:
            return FamilyInforming.objects.create(youth=youth, organisation=organisation, **values)
        for field, value in values.items():
            setattr(row, field, value)
        row.save(update_fields=list(values))
    return row
