"""Demo states of a signal's life cycle and of retention (docs/signals.md, docs/privacy.md): closed
signals, a withdrawn one (logged in error), an expired signal, an involvement about to be closed for lack
of activity (the notice sent), and an open case that holds a youth's data past the retention age with a
recorded reason.

Logged through the services; where a state only arises after months (expiry, inactivity) the demo moves
the dates back, as the passage of time would. Idempotent: a youth already there is skipped.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from cases.services.core import case_open
from cases.services.retention import case_retention_hold_set
from youths.identity import name_key
from youths.models import Involvement, Signal, SignalCategory, Youth
from youths.services.lifecycle import involvement_notify_inactive, signal_close
from youths.services.signals import signal_log, signal_withdraw
from youths.services.youths import YouthIdentity


def _log(user: User, first: str, last: str, born: dt.date, category: str, days_ago: int, text: str) -> Signal:
    youth = Youth.objects.filter(name_key=name_key(first, last), date_of_birth=born).first()
    return signal_log(
        actor=user,
        youth=youth,
        identity_data=None if youth else YouthIdentity(first_name=first, last_name=last, date_of_birth=born),
        category=SignalCategory.objects.get(code=category),
        domain="street" if category != "schoolverzuim" else "school",
        observed_on=timezone.localdate() - dt.timedelta(days=days_ago),
        description=text,
    )


@transaction.atomic
def demo_lifecycle_load() -> list[Youth]:
    users = {u.username: u for u in User.objects.filter(username__in=["politie", "jongerenwerk", "school"])}
    ruben = User.objects.filter(username="procesregisseur").first()
    if (
        len(users) < 3
        or ruben is None
        or Youth.objects.filter(name_key=name_key("Jesse", "Verbeek")).exists()
    ):
        return []
    now = timezone.now()
    today = timezone.localdate()

    # Closed: politie ended its involvement with Jesse; jongerenwerk still works with him and sees it.
    closed = _log(
        users["politie"],
        "Jesse",
        "Verbeek",
        dt.date(2010, 8, 21),
        "vernieling-diefstal",
        60,
        "Bushokje vernield met twee vrienden.",
    )
    _log(
        users["jongerenwerk"],
        "Jesse",
        "Verbeek",
        dt.date(2010, 8, 21),
        "overlast-straat",
        40,
        "Komt weer naar het jongerencentrum, gaat goed.",
    )
    signal_close(actor=users["politie"], signal=closed, reason="Halt-afdoening afgerond; geen zorgen meer.")
    # Withdrawn: logged about the wrong youth (the only use of withdrawal); it counts nowhere.
    wrong = _log(
        users["school"],
        "Jesse",
        "Verbeek",
        dt.date(2010, 8, 21),
        "schoolverzuim",
        10,
        "Twee dagen afwezig zonder bericht.",
    )
    signal_withdraw(
        actor=users["school"], signal=wrong, reason="Verkeerde leerling gekozen; ten onrechte gemeld."
    )

    # Closed long ago, then expired: nobody sees it any more, monitoring still counts it.
    expired = _log(
        users["school"],
        "Sem",
        "Hoekstra",
        dt.date(2009, 11, 2),
        "schoolverzuim",
        300,
        "Drie weken ongeoorloofd afwezig.",
    )
    signal_close(actor=users["school"], signal=expired, reason="Weer volledig op school.")
    closed_at = now - dt.timedelta(days=settings.SIGNAL_CLOSED_VISIBLE_DAYS + 20)
    Signal.objects.filter(pk=expired.pk).update(
        closed_at=closed_at, expired_at=closed_at + dt.timedelta(days=settings.SIGNAL_CLOSED_VISIBLE_DAYS)
    )

    # About to be closed for lack of activity: the notice went to jongerenwerk.
    quiet = _log(
        users["jongerenwerk"],
        "Lotte",
        "Mulder",
        dt.date(2011, 4, 9),
        "zorgen-thuis",
        340,
        "Vertelt over ruzies thuis; wil er niet verder over praten.",
    )
    inactive_since = now - dt.timedelta(
        days=settings.INVOLVEMENT_INACTIVE_CLOSE_DAYS - settings.INVOLVEMENT_INACTIVE_NOTICE_DAYS + 5
    )
    Signal.objects.filter(pk=quiet.pk).update(created_at=inactive_since)
    involvement = Involvement.objects.get(youth=quiet.youth, organisation=quiet.organisation)
    Involvement.objects.filter(pk=involvement.pk).update(
        started_at=inactive_since, last_activity_at=inactive_since
    )
    Youth.objects.filter(pk=quiet.youth_id).update(last_activity_at=inactive_since)
    involvement_notify_inactive(involvement_id=involvement.pk, now=now)

    # A youth who turns 23 in two months, held by an open case with a recorded reason.
    born = (today - dt.timedelta(days=round(23 * 365.25))) + dt.timedelta(days=60)
    held = _log(
        users["politie"],
        "Kevin",
        "Smit",
        born,
        "crimineel-netwerk",
        30,
        "Gezien bij een bekende drugslocatie.",
    )
    case = case_open(
        actor=ruben, youth=held.youth, procesregie_holder=ruben, reason="Zorgen over criminele contacten"
    )
    case_retention_hold_set(
        actor=ruben, case=case, reason="Lopende strafzaak: gegevens nodig tot de uitspraak (verzoek OM)."
    )
    return [closed.youth, expired.youth, quiet.youth, held.youth]
