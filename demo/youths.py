"""Fictional youths and signals for the local demo (`make run`), logged through the services.

Idempotent: a youth that is already there (same name and date of birth) is skipped with its signals.
Together they show every feature: matches (one followed up, one overdue), both default rules firing,
a single-organisation youth, and a possible duplicate for the procesregisseur.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from youths.identity import name_key
from youths.models import District, Match, SignalCategory, Youth
from youths.services.lists import reference_lists_load
from youths.services.matches import match_follow_up
from youths.services.signals import signal_log
from youths.services.youths import YouthIdentity

from .accounts import organisation_of

# first name, last name, date of birth, gender, district code, signals: (username, category, domain,
# days ago observed, description). All names and events are made up.
DEMO_YOUTHS = [
    (
        "Noah",
        "de Graaf",
        dt.date(2009, 3, 14),
        "m",
        "holtenbroek",
        [
            (
                "politie",
                "overlast-straat",
                "street",
                75,
                "Met vier anderen bij de snackbar, bewoners uitgescholden.",
            ),
            ("jongerenwerk", "overlast-straat", "street", 50, "Hangt 's avonds laat rond bij het buurthuis."),
            (
                "halt",
                "vernieling-diefstal",
                "street",
                20,
                "Fietsenstalling station vernield, Halt-afdoening.",
            ),
        ],
    ),
    (
        "Liam",
        "Bakker",
        dt.date(2010, 9, 2),
        "m",
        "diezerpoort",
        [
            ("politie", "wapens", "street", 30, "Bij controle een stiletto in de jaszak aangetroffen."),
            (
                "school",
                "schoolverzuim",
                "school",
                10,
                "Twee weken ongeoorloofd afwezig, ouders onbereikbaar.",
            ),
        ],
    ),
    (
        "Sara",
        "El Amrani",
        dt.date(2011, 1, 22),
        "v",
        "stadshagen",
        [
            (
                "wijkteam",
                "zorgen-thuis",
                "home",
                14,
                "Moeder vertelt over spanningen thuis sinds de scheiding.",
            )
        ],
    ),
    (
        "Mila",
        "Jansen",
        dt.date(2012, 6, 30),
        "v",
        "assendorp",
        [
            (
                "jongerenwerk",
                "online-conflict",
                "online",
                5,
                "Ruzie in een groepsapp, bedreigende berichten.",
            ),
            ("jongerenwerk", "slachtofferschap", "online", 3, "Foto van haar zonder toestemming gedeeld."),
        ],
    ),
    (
        "Jesse",
        "Visser",
        dt.date(2010, 11, 11),
        "m",
        "wipstrik",
        [
            ("halt", "grensoverschrijdend", "school", 100, "Leraar bedreigd, Halt-traject gestart."),
            ("wijkteam", "lvb", "home", 60, "Overziet gevolgen slecht; ouders vragen om hulp."),
        ],
    ),
    (
        "Mohamed",
        "Yilmaz",
        dt.date(2008, 7, 1),
        "m",
        "aa-landen",
        [("jbov", "crimineel-netwerk", "street", 40, "Gezien met oudere jongens uit een bekend netwerk.")],
    ),
    (
        "Mohammed",
        "Yilmaz",
        dt.date(2008, 7, 1),
        "m",
        "aa-landen",
        [("school", "schoolverzuim", "school", 8, "Komt sinds de vakantie onregelmatig.")],
    ),
]


@transaction.atomic
def demo_youths_load() -> list[Youth]:
    reference_lists_load(actor=None)
    users = {
        u.username: u
        for u in User.objects.filter(
            username__in=["politie", "jongerenwerk", "halt", "school", "jbov", "wijkteam"]
        )
    }
    categories = {c.code: c for c in SignalCategory.objects.all()}
    today = timezone.localdate()
    loaded: list[Youth] = []
    for first, last, born, gender, district_code, signals in DEMO_YOUTHS:
        if Youth.objects.filter(name_key=name_key(first, last), date_of_birth=born).exists():
            continue
        youth = None
        for username, category, domain, days_ago, text in signals:
            signal = signal_log(
                actor=users[username],
                youth=youth,
                identity_data=None
                if youth
                else YouthIdentity(
                    first_name=first,
                    last_name=last,
                    date_of_birth=born,
                    gender=gender,
                    district=District.objects.get(code=district_code),
                ),
                category=categories[category],
                domain=domain,
                observed_on=today - dt.timedelta(days=days_ago),
                description=text,
            )
            youth = signal.youth
        if youth is not None:
            loaded.append(youth)
    _demo_match_states(users)
    return loaded


def _demo_match_states(users: dict[str, User]) -> None:
    noah = Youth.objects.filter(name_key=name_key("Noah", "de Graaf")).first()
    first_match = Match.objects.filter(youth=noah, followed_up_at__isnull=True).order_by("created_at").first()
    if first_match is not None:
        match_follow_up(
            actor=users["jongerenwerk"],
            match=first_match,
            in_touch_on=timezone.localdate(),
            lead_organisation=organisation_of(users["jongerenwerk"]),
            note="Jongerenwerk houdt contact en belt de wijkagent bij nieuwe incidenten.",
        )
    # Demo only: age Liam's match past the follow-up period so that the overdue list has an example.
    liam = Youth.objects.filter(name_key=name_key("Liam", "Bakker")).first()
    Match.objects.filter(youth=liam, followed_up_at__isnull=True).update(
        created_at=timezone.now() - dt.timedelta(days=settings.MATCH_FOLLOW_UP_DAYS + 6)
    )
