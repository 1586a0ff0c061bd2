"""Fictional referrals (aanmeldingen) in every state, a match joined by a third organisation, and flags of
different priorities, for the local demo. Runs after demo.youths and demo.cases; through the services.

- Sara (wijkteam): a request waiting for triage;
- Mila (jongerenwerk): triaged onto next week's casusoverleg;
- Jesse (wijkteam): handed to another route (Veilig Thuis);
- Mohamed Yilmaz (jeugdbescherming): advice given;
- Liam (school): not taken up, with the reason; Jeugdbescherming joins Liam's open match (three
  organisations in one match); Liam's weapon flag is urgent, Noah's "several organisations" flag high.
Idempotent: skipped when the demo referrals exist.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from cases.models import Meeting, Referral
from cases.services import meetings as meeting_services
from cases.services import referrals as referral_services
from youths.identity import name_key
from youths.models import Domain, SignalCategory, Youth
from youths.services.signals import signal_log

from .accounts import organisation_of

DEMO_REFERRAL_LOCATION = "Stadhuis Zwolle, kamer 2.16"


def _youth(first: str, last: str) -> Youth | None:
    return Youth.objects.filter(name_key=name_key(first, last)).first()


@transaction.atomic
def demo_referrals_load() -> dict[str, int]:
    if Referral.objects.exists():
        return {}
    users = {u.username: u for u in User.objects.filter(organisation__isnull=False)}
    ruben = users.get("procesregisseur")
    youths = {
        "sara": _youth("Sara", "El Amrani"),
        "mila": _youth("Mila", "Jansen"),
        "jesse": _youth("Jesse", "Visser"),
        "mohamed": _youth("Mohamed", "Yilmaz"),
        "liam": _youth("Liam", "Bakker"),
    }
    if ruben is None or any(y is None for y in youths.values()):
        return {}
    sara, mila, jesse, mohamed, liam = (youths[k] for k in ("sara", "mila", "jesse", "mohamed", "liam"))
    assert sara and mila and jesse and mohamed and liam  # noqa: S101 - checked above (for the type checker)

    # Jeugdbescherming becomes involved with Liam: it joins his open match (politie, school): three
    # organisations in one coordination, which one follow-up settles for all.
    signal_log(
        actor=users["jbov"],
        youth=liam,
        category=SignalCategory.objects.get(code="crimineel-netwerk"),
        domain=Domain.STREET,
        observed_on=timezone.localdate() - dt.timedelta(days=4),
        description="Gezien bij de auto van een bekende uit het netwerk; zegt er geld voor te krijgen.",
    )

    # Open: waiting for the procesregisseur.
    referral_services.referral_submit(
        actor=users["wijkteam"],
        youth=sara,
        question="Moeder maakt zich zorgen over nieuwe vrienden en late avonden. Kunnen we samen kijken "
        "wat nodig is voordat het escaleert?",
        domains=[Domain.HOME, Domain.STREET],
        tried="Twee gesprekken met moeder; Sara wil niet praten met het wijkteam.",
    )

    # On the agenda of next week's casusoverleg.
    next_week = timezone.now().replace(hour=10, minute=0, second=0, microsecond=0) + dt.timedelta(days=7)
    meeting = meeting_services.meeting_create(
        actor=ruben,
        kind=Meeting.Kind.CASUS,
        starts_at=next_week,
        chair=ruben,
        organisations=[organisation_of(users[u]) for u in ("jongerenwerk", "wijkteam")],
        location=DEMO_REFERRAL_LOCATION,
    )
    to_agenda = referral_services.referral_submit(
        actor=users["jongerenwerk"],
        youth=mila,
        question="Mila wordt online bedreigd en trekt zich terug. Wie pakt de veiligheid en de school op?",
        domains=[Domain.ONLINE, Domain.SCHOOL],
        tried="Gesprek met Mila en haar mentor; melding bij het platform van de app.",
    )
    referral_services.referral_triage(
        actor=ruben, referral=to_agenda, outcome=Referral.Outcome.AGENDA, meeting=meeting
    )

    # Handed to another route.
    other_route = referral_services.referral_submit(
        actor=users["wijkteam"],
        youth=jesse,
        question="Jesse vertelt over klappen van een oudere broer. Hoort dit in het casusoverleg?",
        domains=[Domain.HOME],
    )
    referral_services.referral_triage(
        actor=ruben,
        referral=other_route,
        outcome=Referral.Outcome.OTHER_ROUTE,
        route=Referral.Route.VEILIG_THUIS,
        text="Huiselijk geweld: eerst advies en melding bij Veilig Thuis; daarna kijken we samen verder.",
    )

    # Advice given.
    advice = referral_services.referral_submit(
        actor=users["jbov"],
        youth=mohamed,
        question="Is Mohamed bekend bij andere partners? We twijfelen of hij in een netwerk zit.",
        domains=[Domain.STREET],
    )
    referral_services.referral_triage(
        actor=ruben,
        referral=advice,
        outcome=Referral.Outcome.ADVICE,
        text="Er loopt een mogelijke dubbele registratie; neem contact op met de school (Ambelt). "
        "Log wat u ziet als signaal, dan telt het mee voor de combinatieregels.",
    )

    # Not taken up, with the reason.
    declined = referral_services.referral_submit(
        actor=users["school"],
        youth=liam,
        question="Liam verzuimt en had een mes bij zich. Kan hij besproken worden?",
        domains=[Domain.SCHOOL, Domain.STREET],
    )
    referral_services.referral_triage(
        actor=ruben,
        referral=declined,
        outcome=Referral.Outcome.DECLINED,
        text="Liam staat al met voorrang (wapen) op de lijst voor het vroegsignaleringsoverleg; "
        "de school wordt daarvoor uitgenodigd.",
    )
    return {"referrals": Referral.objects.count()}
