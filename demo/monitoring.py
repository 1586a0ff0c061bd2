"""Fictional monitoring data for the local demo (`make run`), made through the services. Never loaded
when DEBUG is off.

The story is told relative to today, so that the dashboard – which opens on the last quarter that has
ended – always shows a period with figures: budget in every programme year that has started and
spending in every quarter up to that one; hand-entered figures, targets and PDCA for the last four
quarters; the quarter before the last one approved (with a correction) and reported on; the last one
reported on and submitted for approval. The history (demo/monitoring_history.py: fifteen months of signals,
matches and flags; a year of early-signal meetings, cases, enrolments and actions, through the youths
and cases services) feeds the charts per month and the computed indicators.

Idempotent: a second run on the same day adds nothing. On a later day the story moves along with the
calendar (a new quarter gets its figures), like the youths demo whose signals are "days ago".
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from monitoring.models import (
    BudgetAllocation,
    BudgetCommitment,
    BudgetSpending,
    Indicator,
    PdcaCycle,
    Report,
    RiskReview,
)
from monitoring.periods import MONTH, QUARTER, Period, periods_between
from monitoring.services.budget import allocation_set, commitment_add, spending_add
from monitoring.services.measurements import measurement_correct, measurement_enter, measurements_refresh
from monitoring.services.pdca import pdca_save
from monitoring.services.periods import period_approve, period_get_or_create, period_submit
from monitoring.services.reports import report_make
from monitoring.services.risks import risk_review_add
from monitoring.services.targets import target_set
from tracks.models import BudgetYear, Intervention, Programme, Risk, Track

from .monitoring_history import demo_case_history_load, demo_signal_history_load

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
    ("2.1.1-deelnemers", [32, 38, 44, 47]),
    ("2.1.1-participatie", [(10, 14), (12, 16), (15, 19), (17, 21)]),
    ("2.1.2-deelnemers", [5, 6, 8, 9]),
    ("2.1.2-voorlichtingen", [1, 2, 2, 3]),
    ("2.1.2-zonder-strafrecht", [(3, 4), (4, 5), (5, 6), (6, 7)]),
    ("2.1.3-deelnemers", [4, 7, 9, 10]),
    ("2.1.3-positief-afgerond", [(3, 4), (5, 6), (6, 7), (7, 9)]),
    ("2.1.4-herkennen", [(50, 62), (66, 80), (90, 104), (77, 90)]),
    ("3.1.2-handelen", [(20, 25), (26, 30), (30, 34), (24, 27)]),
]
# Group activities of youth work, entered per month: the twelve months of those four quarters.
MONTH_ENTRIES = [("2.1.1-activiteiten", [8, 9, 9, 10, 11, 12, 10, 11, 12, 12, 13, 11])]

# SMART targets of the last two quarters: (indicator, value, wording).
TARGETS = [
    ("1.1.1-deelnemers", "6", "6 jongeren uit een casus in de contextgerichte aanpak in het kwartaal"),
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
        "Contextgerichte aanpak voor 6 jongeren uit casussen; gezinsplannen voor zes gezinnen.",
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
    "1": ("check", "6 jongeren in de contextgerichte aanpak.", "Instroom op doel.", "", "", ""),
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
    meetings = demo_case_history_load(today=today)
    _budget(petra, programme, today, reference)
    _entries(petra, last_four)
    _targets(petra, last_four[-2:])
    _pdca(petra, last_four[-2], PDCA_BEFORE)
    _pdca(petra, reference, PDCA_LAST)
    _risks(petra, last_four[-2:])
    measurements_refresh(today=today)
    _approve_and_report(petra, before=last_four[-2], last=reference)
    return {"skipped": False, "reference": reference.code, "history_signals": history, "meetings": meetings}


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
                allocation = allocation_set(
                    actor=petra, budget_year=year, track=track, intervention=intervention, amount=amount
                )
            allocations[(year.number, code)] = allocation
        for code, days, description in COMMITMENTS:
            allocation = allocations[(year.number, code)]
            date = year.start + dt.timedelta(days=days)
            if not BudgetCommitment.objects.filter(allocation=allocation, date=date).exists():
                commitment_add(
                    actor=petra,
                    allocation=allocation,
                    date=date,
                    amount=allocation.amount,
                    description=description,
                )
    for quarter in periods_between(QUARTER, programme.start, reference.end):
        quarter_year = next((y for y in years if y.start <= quarter.end <= y.end), None)
        if quarter_year is None:
            continue
        share = QUARTER_SHARES[((quarter.start.month - 7) % 12) // 3]
        for code, _amount, description in ALLOCATIONS:
            allocation = allocations[(quarter_year.number, code)]
            spent = (allocation.amount * share * SLOW_STARTERS.get(code, Decimal(1))).quantize(Decimal("1"))
            text = f"{description}, {quarter.label}"
            if not BudgetSpending.objects.filter(allocation=allocation, description=text).exists():
                spending_add(
                    actor=petra, allocation=allocation, date=quarter.end, amount=spent, description=text
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
            if indicators[code].reporting_organisation_id and period == quarters[-1]:
                continue  # a partner delivers it in the reference quarter (demo/cycle.py)
            numerator, denominator = value if isinstance(value, tuple) else (value, None)
            measurement_enter(
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
            target_set(
                actor=petra,
                indicator=indicators[code],
                period=quarter,
                value=value,
                deadline=quarter.end,
                specific=specific,
                rationale="Afgeleid van het plan van aanpak en de subsidieaanvraag.",
            )


def _pdca(petra: User, quarter: Period, cycles: Mapping[str, tuple[str, ...]]) -> None:
    for code, (status, plan, do, check, adjustment, reason) in cycles.items():
        track = Track.objects.get(code=code)
        if PdcaCycle.objects.filter(
            track=track, period__kind=quarter.kind, period__start=quarter.start
        ).exists():
            continue
        pdca_save(
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
                risk_review_add(actor=petra, risk=risk, date=date, level=level, measures=measures)


def _approve_and_report(petra: User, *, before: Period, last: Period) -> None:
    """The quarter before the last: approved, one correction, reported on. The last: reported on
    (as the scheduled job does) and submitted for approval."""
    period = period_get_or_create(period=before)
    if period.status == "open":
        period_submit(actor=petra, period=period)
    if period.status == "submitted":
        period_approve(actor=petra, period=period)
        halt = Indicator.objects.get(code="2.1.3-deelnemers").measurements.get(period=period)
        measurement_correct(
            actor=petra,
            measurement=halt,
            numerator=halt.numerator + 1,
            reason="Eén aanmelding van het einde van het kwartaal kwam na de goedkeuring binnen (demo).",
        )
    if not Report.objects.filter(period=period, status=Report.Status.READY).exists():
        report_make(actor=petra, period=before)
    period = period_get_or_create(period=last)
    if not Report.objects.filter(period=period, status=Report.Status.READY).exists():
        report_make(actor=petra, period=last)
    period.refresh_from_db()
    if period.status == "open":
        period_submit(actor=petra, period=period)
