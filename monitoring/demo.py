"""Fictional monitoring data for the local demo (`make run`), made through the services. Never loaded
when DEBUG is off.

The story is told relative to today, so that the dashboard – which opens on the last quarter that has
ended – always shows a period with figures: budget in every programme year that has started and
spending in every quarter up to that one; hand-entered figures, targets and PDCA for the last four
quarters; the quarter before the last one approved (with a correction) and reported on; the last one
reported on and submitted for approval. A signal history of about fifteen months (youths, signals,
matches and flags, logged through the youths services) feeds the charts per month.

Idempotent: a second run on the same day adds nothing. On a later day the story moves along with the
calendar (a new quarter gets its figures), like the youths demo whose signals are "days ago".
"""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from core.models import Notification
from tracks.models import BudgetYear, Intervention, Programme, Risk, Track
from youths.identity import name_key
from youths.models import District, Flag, Involvement, Match, Signal, SignalCategory, Youth
from youths.services import YouthIdentity, flags_evaluate, match_follow_up, signal_log

from . import services
from .models import (
    BudgetAllocation,
    BudgetCommitment,
    BudgetSpending,
    Indicator,
    PdcaCycle,
    Report,
    RiskReview,
)
from .periods import MONTH, QUARTER, Period, periods_between

# (track or intervention code, yearly amount, what the money pays for)
ALLOCATIONS = [
    ("A", "60000", "Projectleider"),
    ("B", "25000", "Monitoring en data"),
    ("1.1.1", "110000", "Procesregisseur en scholing systeemtherapeutisch werken"),
    ("1.1.2", "40000", "Groepsaanpak, CCV-stappenmodel"),
    ("2.1.1", "95000", "Extra capaciteit jongerenwerk West en Noord"),
    ("2.1.2", "60000", "#kansRIJK, Jeugdbescherming Overijssel"),
    ("2.1.3", "35000", "Preventief Halt in de wijk"),
    ("2.1.4", "15000", "#Ouderalert-bijeenkomsten"),
    ("3.1.1", "45000", "OOZA-arrangement Ambelt"),
    ("3.1.2", "15000", "#Leerlingenalert en #Schoolalert, VIOS-scholen"),
]
# Share of the yearly allocation spent in each quarter of a programme year (July–June); Halt starts
# slowly (its referrals come through schools), which the PDCA cycle of track 2 picks up.
QUARTER_SHARES = [Decimal("0.20"), Decimal("0.24"), Decimal("0.25"), Decimal("0.23")]
SLOW_STARTERS = {"2.1.3": Decimal("0.6")}
COMMITMENTS = [
    ("2.1.1", 14, "Subsidiebeschikking Travers jongerenwerk"),
    ("3.1.1", 31, "Overeenkomst OOZA Doorstroompunt IJssel-Vecht"),
]

# Hand-entered figures of the last four quarters, oldest first: a count, or (numerator, denominator).
QUARTER_ENTRIES: list[tuple[str, list[Any]]] = [
    ("1.1.1-deelnemers", [9, 11, 14, 15]),
    ("1.1.1-gezinnen", [3, 4, 6, 6]),
    ("1.1.1-geen-nieuwe-signalen", [(2, 3), (3, 4), (4, 5), (5, 6)]),
    ("1.1.2-groepen", [2, 2, 3, 3]),
    ("1.1.2-overgedragen-groepsleden", [1, 2, 2, 3]),
    ("1.1.2-minder-problematisch", [(0, 1), (1, 2), (1, 2), (2, 3)]),
    ("2.1.1-deelnemers", [32, 38, 44, 47]),
    ("2.1.1-participatie", [(10, 14), (12, 16), (15, 19), (17, 21)]),
    ("2.1.2-deelnemers", [5, 6, 8, 9]),
    ("2.1.2-voorlichtingen", [1, 2, 2, 3]),
    ("2.1.2-zonder-strafrecht", [(3, 4), (4, 5), (5, 6), (6, 7)]),
    ("2.1.3-deelnemers", [4, 7, 9, 10]),
    ("2.1.3-positief-afgerond", [(3, 4), (5, 6), (6, 7), (7, 9)]),
    ("2.1.4-bijeenkomsten", [3, 4, 5, 4]),
    ("2.1.4-deelnemers", [70, 88, 112, 96]),
    ("2.1.4-herkennen", [(50, 62), (66, 80), (90, 104), (77, 90)]),
    ("3.1.1-deelnemers", [12, 13, 14, 14]),
    ("3.1.1-perspectief", [(3, 4), (4, 5), (5, 6), (6, 6)]),
    ("3.1.1-diploma", [(3, 4), (4, 5), (4, 6), (5, 6)]),
    ("3.1.1-netwerk", [(4, 4), (5, 5), (6, 6), (6, 6)]),
    ("3.1.2-voorlichtingen", [4, 6, 7, 5]),
    ("3.1.2-deelnemers", [110, 150, 180, 140]),
    ("3.1.2-handelen", [(20, 25), (26, 30), (30, 34), (24, 27)]),
]
# Group activities of youth work, entered per month: the twelve months of those four quarters.
MONTH_ENTRIES = [("2.1.1-activiteiten", [8, 9, 9, 10, 11, 12, 10, 11, 12, 12, 13, 11])]

# SMART targets of the last two quarters: (indicator, value, wording).
TARGETS = [
    ("1.1.1-deelnemers", "15", "15 jongeren in de contextgerichte aanpak in het kwartaal"),
    ("2.1.1-deelnemers", "40", "40 kwetsbare jongeren in West en Noord individueel begeleid"),
    ("2.1.3-deelnemers", "12", "12 jongeren starten Preventief Halt in de wijk"),
    ("2.1.3-positief-afgerond", "80", "80% van de trajecten wordt positief afgerond"),
    ("2.1.2-matches-opgevolgd", "90", "90% van de matches binnen 14 dagen opgevolgd"),
    ("3.1.1-perspectief", "100", "100% van de uitstromers heeft een duurzaam perspectief (plan 3.2)"),
    ("3.1.1-diploma", "100", "100% verlaat het onderwijs met diploma of certificaat (plan 3.2)"),
    ("3.1.1-netwerk", "100", "100% heeft een netwerk van minimaal 3 personen (plan 3.2)"),
    ("2.1.4-herkennen", "80", "80% van de ouders herkent signalen van ondermijning beter"),
]

# PDCA per track: (status, plan, do, check, adjustment, reason) for the quarter before the last one
# (closed) and the last one (being checked).
PDCA_BEFORE = {
    "1": (
        "closed",
        "Contextgerichte aanpak voor 14 jongeren; gezinsplannen voor zes gezinnen.",
        "Samenspel in de wijk loopt in Holtenbroek en Diezerpoort.",
        "Instroom op koers; gezinsplannen blijven achter.",
        "Procesregisseur sluit aan bij het wijkteamoverleg.",
        "Gezinnen komen vooral via het wijkteam in beeld.",
    ),
    "2": (
        "closed",
        "Jongerenwerk bereikt 40 jongeren; Halt 12 trajecten.",
        "Jongerenwerk boven doel; Halt blijft achter.",
        "Halt krijgt te weinig aanmeldingen via school.",
        "Halt sluit aan bij het ondersteuningsteam van twee scholen.",
        "Aanmeldingen komen vooral via school binnen.",
    ),
    "3": (
        "closed",
        "OOZA: alle uitstromers met perspectief, diploma en netwerk.",
        "Vijf uitstromers.",
        "Eén uitstromer zonder diploma: volgt een praktijkverklaring.",
        "Geen bijsturing nodig; praktijkverklaring eerder aanvragen.",
        "Het doel blijft haalbaar.",
    ),
}
PDCA_LAST = {
    "1": ("check", "15 jongeren in de contextgerichte aanpak.", "Instroom op doel.", "", "", ""),
    "2": (
        "check",
        "Matches binnen 14 dagen opvolgen; Halt 12 trajecten.",
        "Halt via school: meer aanmeldingen.",
        "Halt nadert het doel; opvolging van matches blijft onder 90%.",
        "",
        "",
    ),
    "3": (
        "do",
        "OOZA: alle uitstromers met perspectief, diploma en netwerk.",
        "Zes uitstromers.",
        "",
        "",
        "",
    ),
}

RISKS = {
    "4.1": [("low", "Stuurgroep komt elk kwartaal bijeen; alle partners aanwezig.")] * 2,
    "4.4": [
        ("medium", "Vacature jongerenwerker Noord nog open."),
        ("low", "Jongerenwerker Noord gestart; capaciteit op sterkte."),
    ],
    "4.5": [
        ("medium", "Leerlijn systeemtherapeutisch werken gestart."),
        ("medium", "Tweede groep volgt de leerlijn; terugkomdag gepland."),
    ],
}

# The signal history: fictional names only.
BOYS = ["Daan", "Sem", "Levi", "Finn", "Milan", "Luuk", "Ayoub", "Bram", "Thijs", "Jayden", "Rayan", "Tim"]
GIRLS = ["Lotte", "Saar", "Noor", "Yara", "Lina", "Fleur", "Amira", "Isa", "Zoë", "Nora", "Evi", "Hiba"]
SURNAMES = [
    "Kuipers",
    "Hendriks",
    "Mulder",
    "Brouwer",
    "Koster",
    "Postma",
    "Dijkstra",
    "Boukhari",
    "Veenstra",
    "Wolters",
    "Hoekstra",
    "Schuurman",
]
# Where the concerns come from, per organisation: (category, domain, intervention or "").
ORGANISATION_SIGNALS = {
    "politie": [
        ("overlast-straat", "street", ""),
        ("wapens", "street", ""),
        ("drugs", "street", ""),
        ("vernieling-diefstal", "street", ""),
        ("online-conflict", "online", ""),
    ],
    "jongerenwerk": [
        ("overlast-straat", "street", "2.1.1"),
        ("online-conflict", "online", "2.1.1"),
        ("alcohol", "street", ""),
        ("slachtofferschap", "online", "2.1.1"),
    ],
    "halt": [("vernieling-diefstal", "street", "2.1.3"), ("grensoverschrijdend", "school", "2.1.3")],
    "school": [
        ("schoolverzuim", "school", ""),
        ("grensoverschrijdend", "school", "3.1.2"),
        ("online-conflict", "online", "3.1.2"),
    ],
    "jbov": [("crimineel-netwerk", "street", "2.1.2"), ("lvb", "home", "2.1.2")],
    "wijkteam": [("zorgen-thuis", "home", ""), ("lvb", "home", "")],
}
# Youth work works in West and Noord: more youths from those districts.
DISTRICT_WEIGHTS = {
    "holtenbroek": 5,
    "aa-landen": 4,
    "stadshagen": 4,
    "westenholte": 3,
    "diezerpoort": 3,
    "assendorp": 2,
    "wipstrik": 2,
    "zwolle-zuid": 2,
    "centrum": 1,
    "berkum": 1,
}
HISTORY_DAYS = 450
HISTORY_YOUTHS = 40


def reference_quarter(today: dt.date, programme: Programme) -> Period:
    """The quarter the dashboard opens on: the last that has ended, within the programme."""
    last_ended = Period.containing(QUARTER, today).previous()
    first = Period.containing(QUARTER, programme.start)
    last = Period.containing(QUARTER, programme.end)
    return max(first, min(last_ended, last))


@transaction.atomic
def demo_monitoring_load() -> dict[str, Any]:
    petra = User.objects.filter(username="projectleider").first()
    programme = Programme.objects.order_by("start").first()
    if petra is None or programme is None or not Indicator.objects.exists():
        return {"skipped": True}
    today = timezone.localdate()
    reference = reference_quarter(today, programme)
    last_four = [reference.previous().previous().previous(), reference.previous().previous()]
    last_four += [reference.previous(), reference]
    history = demo_signal_history_load(today=today)
    _budget(petra, programme, today, reference)
    _entries(petra, last_four)
    _targets(petra, last_four[-2:])
    _pdca(petra, last_four[-2], PDCA_BEFORE)
    _pdca(petra, reference, PDCA_LAST)
    _risks(petra, last_four[-2:])
    services.measurements_refresh(today=today)
    _approve_and_report(petra, before=last_four[-2], last=reference)
    return {"skipped": False, "reference": reference.code, "history_signals": history}


def _budget(petra: User, programme: Programme, today: dt.date, reference: Period) -> None:
    interventions = {i.code: i for i in Intervention.objects.select_related("track")}
    tracks = {t.code: t for t in Track.objects.all()}
    years = [y for y in BudgetYear.objects.filter(programme=programme).order_by("number") if y.start <= today]
    allocations: dict[tuple[int, str], BudgetAllocation] = {}
    for year in years:
        for code, amount, _description in ALLOCATIONS:
            intervention = interventions.get(code)
            track = intervention.track if intervention else tracks[code]
            allocation = BudgetAllocation.objects.filter(
                budget_year=year, track=track, intervention=intervention
            ).first()
            if allocation is None:
                allocation = services.allocation_set(
                    actor=petra, budget_year=year, track=track, intervention=intervention, amount=amount
                )
            allocations[(year.number, code)] = allocation
        for code, days, description in COMMITMENTS:
            allocation = allocations[(year.number, code)]
            date = year.start + dt.timedelta(days=days)
            if not BudgetCommitment.objects.filter(allocation=allocation, date=date).exists():
                services.commitment_add(
                    actor=petra,
                    allocation=allocation,
                    date=date,
                    amount=allocation.amount,
                    description=description,
                )
    for quarter in periods_between(QUARTER, programme.start, reference.end):
        year = next((y for y in years if y.start <= quarter.end <= y.end), None)
        if year is None:
            continue
        share = QUARTER_SHARES[((quarter.start.month - 7) % 12) // 3]
        for code, _amount, description in ALLOCATIONS:
            allocation = allocations[(year.number, code)]
            amount = (allocation.amount * share * SLOW_STARTERS.get(code, Decimal(1))).quantize(Decimal("1"))
            text = f"{description}, {quarter.label}"
            if not BudgetSpending.objects.filter(allocation=allocation, description=text).exists():
                services.spending_add(
                    actor=petra, allocation=allocation, date=quarter.end, amount=amount, description=text
                )


def _entries(petra: User, quarters: list[Period]) -> None:
    indicators = {i.code: i for i in Indicator.objects.all()}
    months = [m for q in quarters for m in q.parts(MONTH)]
    series = [(code, quarters, values) for code, values in QUARTER_ENTRIES]
    series += [(code, months, values) for code, values in MONTH_ENTRIES]
    for code, periods, values in series:
        for period, value in zip(periods, values, strict=True):
            if (
                indicators[code]
                .measurements.filter(period__kind=period.kind, period__start=period.start)
                .exists()
            ):
                continue
            numerator, denominator = value if isinstance(value, tuple) else (value, None)
            services.measurement_enter(
                actor=petra,
                indicator=indicators[code],
                period=period,
                numerator=numerator,
                denominator=denominator,
                source="Demo-opgave partner",
            )


def _targets(petra: User, quarters: list[Period]) -> None:
    indicators = {i.code: i for i in Indicator.objects.all()}
    for quarter in quarters:
        for code, value, specific in TARGETS:
            if (
                indicators[code]
                .targets.filter(period__kind=quarter.kind, period__start=quarter.start)
                .exists()
            ):
                continue
            services.target_set(
                actor=petra,
                indicator=indicators[code],
                period=quarter,
                value=value,
                deadline=quarter.end,
                specific=specific,
                rationale="Afgeleid van het plan van aanpak en de subsidieaanvraag.",
            )


def _pdca(petra: User, quarter: Period, cycles: dict[str, tuple[str, ...]]) -> None:
    for code, (status, plan, do, check, adjustment, reason) in cycles.items():
        track = Track.objects.get(code=code)
        if PdcaCycle.objects.filter(
            track=track, period__kind=quarter.kind, period__start=quarter.start
        ).exists():
            continue
        services.pdca_save(
            actor=petra,
            track=track,
            period=quarter,
            owner=petra,
            status=status,
            plan=plan,
            do=do,
            check_notes=check,
            act_adjustment=adjustment,
            act_reason=reason,
        )


def _risks(petra: User, quarters: list[Period]) -> None:
    for code, reviews in RISKS.items():
        risk = Risk.objects.get(code=code)
        for quarter, (level, measures) in zip(quarters, reviews, strict=True):
            date = quarter.end - dt.timedelta(days=3)
            if not RiskReview.objects.filter(risk=risk, date=date).exists():
                services.risk_review_add(actor=petra, risk=risk, date=date, level=level, measures=measures)


def _approve_and_report(petra: User, *, before: Period, last: Period) -> None:
    """The quarter before the last: approved, one correction, reported on. The last: reported on
    (as the scheduled job does) and submitted for approval."""
    period = services.period_get_or_create(period=before)
    if period.status == "open":
        services.period_submit(actor=petra, period=period)
    if period.status == "submitted":
        services.period_approve(actor=petra, period=period)
        halt = Indicator.objects.get(code="2.1.3-deelnemers").measurements.get(period=period)
        services.measurement_correct(
            actor=petra,
            measurement=halt,
            numerator=halt.numerator + 1,
            reason="Eén aanmelding van het einde van het kwartaal kwam na de goedkeuring binnen (demo).",
        )
    if not Report.objects.filter(period=period, status=Report.Status.READY).exists():
        services.report_make(actor=petra, period=before)
    period = services.period_get_or_create(period=last)
    if not Report.objects.filter(period=period, status=Report.Status.READY).exists():
        services.report_make(actor=petra, period=last)
    period.refresh_from_db()
    if period.status == "open":
        services.period_submit(actor=petra, period=period)


# --- The signal history behind the charts per month -------------------------------------------------


def _moment(day: dt.date, rng: random.Random) -> dt.datetime:
    return dt.datetime.combine(
        day, dt.time(rng.randint(8, 17), rng.randint(0, 59)), tzinfo=timezone.get_current_timezone()
    )


def demo_signal_history_load(*, today: dt.date) -> int:
    """About fifteen months of signals about forty fictional youths, logged through the youths services
    (involvement, matches, notifications, combination rules) and then dated when they happened, so that
    the monthly figures have a history. Demo only: moving timestamps is never done outside the demo.

    Deterministic for a given day; a youth that is already there is skipped with its signals."""
    users = {u.username: u for u in User.objects.filter(username__in=list(ORGANISATION_SIGNALS))}
    if len(users) < len(ORGANISATION_SIGNALS):
        return 0
    categories = {c.code: c for c in SignalCategory.objects.all()}
    districts = {d.code: d for d in District.objects.filter(code__in=list(DISTRICT_WEIGHTS))}
    interventions = {i.code: i for i in Intervention.objects.all()}
    logged = 0
    for n in range(HISTORY_YOUTHS):
        # One generator per youth: a youth that is skipped does not shift the others.
        rng = random.Random(f"pgaanpak-demo-{n}")  # noqa: S311 - fictional demo data, not security
        is_girl = n % 3 == 1
        first = (GIRLS if is_girl else BOYS)[n % 12]
        last = SURNAMES[(n * 5 + n // 12) % len(SURNAMES)]
        born = dt.date(2007, 1, 1) + dt.timedelta(days=rng.randint(0, 8 * 365))
        district = rng.choices(list(DISTRICT_WEIGHTS), weights=list(DISTRICT_WEIGHTS.values()))[0]
        # 1 to 4 signals: one in three youths has a single signal, a few have many.
        count = rng.choices([1, 2, 3, 4], weights=[4, 3, 3, 2])[0]
        start = today - dt.timedelta(days=rng.randint(20, HISTORY_DAYS))
        days = sorted({start + dt.timedelta(days=rng.randint(0, 120)) for _ in range(count - 1)} | {start})
        days = [d for d in days if d < today]
        organisations = rng.sample(list(ORGANISATION_SIGNALS), k=min(len(days), rng.choice([1, 2, 2, 3])))
        if Youth.objects.filter(name_key=name_key(first, last), date_of_birth=born).exists():
            continue
        youth = None
        for index, day in enumerate(days):
            username = organisations[index % len(organisations)]
            category, domain, intervention = rng.choice(ORGANISATION_SIGNALS[username])
            before = timezone.now()
            signal = signal_log(
                actor=users[username],
                youth=youth,
                identity_data=None
                if youth
                else YouthIdentity(
                    first_name=first,
                    last_name=last,
                    date_of_birth=born,
                    gender="v" if is_girl else "m",
                    district=districts.get(district),
                ),
                category=categories[category],
                domain=domain,
                observed_on=day,
                description="Demo: fictieve waarneming voor de maandcijfers.",
                intervention=interventions.get(intervention),
            )
            youth = signal.youth
            moment = _moment(day, rng)
            Signal.objects.filter(pk=signal.pk).update(created_at=moment)
            Youth.objects.filter(pk=youth.pk).update(last_activity_at=moment)
            Youth.objects.filter(pk=youth.pk, created_at__gte=before).update(created_at=moment)
            Involvement.objects.filter(youth=youth, last_activity_at__gte=before).update(
                last_activity_at=moment
            )
            Involvement.objects.filter(youth=youth, started_at__gte=before).update(started_at=moment)
            matches = list(Match.objects.filter(trigger_signal=signal))
            Match.objects.filter(trigger_signal=signal).update(created_at=moment)
            flags = {f.pk for f in flags_evaluate(youth=youth, today=day)}
            flags |= set(Flag.objects.filter(youth=youth, raised_at__gte=before).values_list("pk", flat=True))
            Flag.objects.filter(pk__in=flags).update(raised_at=moment + dt.timedelta(minutes=1))
            # Old news: the notifications of those days were read and e-mailed back then.
            for user in users.values():
                Notification.objects.filter(
                    created_at__gte=before, organisation_id=user.organisation_id
                ).update(
                    created_at=moment, read_at=moment + dt.timedelta(hours=2), read_by=user, emailed_at=moment
                )
            for match in matches:
                _demo_follow_up(match, moment, today, users, rng)
            logged += 1
    return logged


def _demo_follow_up(
    match: Match, moment: dt.datetime, today: dt.date, users: dict[str, User], rng: Any
) -> None:
    """Most matches followed up within the term, some late, some not yet (the overdue list)."""
    delay = rng.choices([rng.randint(1, 12), rng.randint(16, 30), None], weights=[7, 2, 1])[0]
    if delay is None or (moment + dt.timedelta(days=delay)).date() >= today:
        return
    participant = match.participants.select_related("organisation").order_by("pk").first()
    actor = next((u for u in users.values() if u.organisation_id == participant.organisation_id), None)
    if actor is None:
        return
    match.created_at = moment
    followed = moment + dt.timedelta(days=delay)
    match_follow_up(
        actor=actor,
        match=match,
        in_touch_on=followed.date(),
        lead_organisation=participant.organisation,
        note="Demo: contact gehad, afspraken gemaakt.",
    )
    Match.objects.filter(pk=match.pk).update(followed_up_at=followed)
