"""Activities and information sessions held for an intervention (issue 12): registered one by one, so
that 2.1.4's and 3.1.2's sessions and their reach are counted, not typed as totals."""

from __future__ import annotations

import datetime as dt

from auditlog.context import set_actor
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.access import Actor
from core.errors import DomainError
from tracks.models import Intervention, Programme

from ..models import Activity

# 2.1.1 group activities, 2.1.4 #Ouderalert/#Schoolalert, 3.1.2 #Leerlingenalert/#Schoolalert.
ACTIVITY_INTERVENTIONS = ("2.1.1", "2.1.4", "3.1.2")
ATTENDANCE_MAX = 10_000


@transaction.atomic
def activity_register(
    *,
    actor: Actor,
    intervention: Intervention,
    held_on: dt.date,
    place: str,
    audience: str,
    attendance: int,
) -> Activity:
    if intervention.code not in ACTIVITY_INTERVENTIONS:
        raise DomainError(
            _("Voor deze interventie worden geen activiteiten geregistreerd."), field="intervention"
        )
    if held_on > timezone.localdate():
        raise DomainError(_("Registreer een activiteit nadat die is gehouden."), field="held_on")
    programme = Programme.objects.order_by("start").first()
    if programme is not None and held_on < programme.start:
        raise DomainError(_("Deze datum ligt voor de start van het programma."), field="held_on")
    place, audience = place.strip(), audience.strip()
    if not place:
        raise DomainError(_("Geef de plaats of school."), field="place")
    if not audience:
        raise DomainError(
            _("Geef het publiek (bijvoorbeeld ouders, leerlingen, docenten)."), field="audience"
        )
    if attendance < 0 or attendance > ATTENDANCE_MAX:
        raise DomainError(_("Geef het aantal aanwezigen (0 tot 10.000)."), field="attendance")
    with set_actor(actor):
        return Activity.objects.create(
            intervention=intervention,
            held_on=held_on,
            place=place[:200],
            audience=audience[:200],
            attendance=attendance,
            registered_by=actor,
        )
