"""Fictional monitoring data for the local demo (`make run`), made through the services. Idempotent:
a second run adds nothing. Never loaded when DEBUG is off."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction

from accounts.models import User
from tracks.models import BudgetYear, Intervention, Risk, Track

from . import services
from .models import BudgetAllocation, Indicator, PdcaCycle, Report, RiskReview
from .periods import Period

ALLOCATIONS = [
    # (track or intervention code, amount) for programme year 1 (July 2024 – June 2025)
    ("A", "60000"),
    ("B", "25000"),
    ("1.1.1", "110000"),
    ("1.1.2", "40000"),
    ("2.1.1", "95000"),
    ("2.1.2", "60000"),
    ("2.1.3", "35000"),
    ("2.1.4", "15000"),
    ("3.1.1", "45000"),
    ("3.1.2", "15000"),
]

SPENDING = [
    ("A", "2024-09-30", "15000", "Projectleider juli–september"),
    ("A", "2024-12-31", "15000", "Projectleider oktober–december"),
    ("A", "2025-03-31", "15000", "Projectleider januari–maart"),
    ("1.1.1", "2024-10-15", "20000", "Procesregisseur, eerste kwartaal"),
    ("1.1.1", "2025-01-15", "27500", "Procesregisseur en scholing systeemtherapeutisch werken"),
    ("2.1.1", "2024-09-01", "23750", "Extra capaciteit jongerenwerk West en Noord"),
    ("2.1.1", "2025-01-05", "23750", "Extra capaciteit jongerenwerk West en Noord"),
    ("2.1.2", "2024-11-01", "18000", "#kansRIJK, Jeugdbescherming Overijssel"),
    ("2.1.3", "2024-10-01", "8000", "Preventief Halt, eerste trajecten"),
    ("2.1.3", "2025-02-01", "9500", "Preventief Halt"),
    ("2.1.4", "2024-11-20", "4200", "#Ouderalert, vier bijeenkomsten"),
    ("3.1.1", "2024-09-15", "15000", "OOZA-arrangement Ambelt"),
    ("3.1.1", "2025-01-15", "15000", "OOZA-arrangement Ambelt"),
    ("3.1.2", "2025-03-01", "3600", "#Leerlingenalert VIOS-scholen"),
]

COMMITMENTS = [
    ("2.1.1", "2024-07-15", "95000", "Subsidiebeschikking Travers jongerenwerk"),
    ("3.1.1", "2024-08-01", "45000", "Overeenkomst OOZA Doorstroompunt IJssel-Vecht"),
]

# (indicator, period, numerator, denominator)
ENTRIES = [
    ("1.1.1-deelnemers", "2024-Q4", 11, None),
    ("1.1.1-deelnemers", "2025-Q1", 14, None),
    ("1.1.1-gezinnen", "2025-Q1", 6, None),
    ("1.1.2-groepen", "2024-Q4", 2, None),
    ("1.1.2-groepen", "2025-Q1", 3, None),
    ("2.1.1-deelnemers", "2024-Q4", 38, None),
    ("2.1.1-deelnemers", "2025-Q1", 44, None),
    ("2.1.1-activiteiten", "2025-01", 9, None),
    ("2.1.1-activiteiten", "2025-02", 11, None),
    ("2.1.1-activiteiten", "2025-03", 12, None),
    ("2.1.2-deelnemers", "2025-Q1", 8, None),
    ("2.1.3-deelnemers", "2024-Q4", 4, None),
    ("2.1.3-deelnemers", "2025-Q1", 9, None),
    ("2.1.3-positief-afgerond", "2025-Q1", 6, 7),
    ("2.1.4-bijeenkomsten", "2025-Q1", 5, None),
    ("2.1.4-deelnemers", "2025-Q1", 112, None),
    ("3.1.1-deelnemers", "2025-Q1", 14, None),
    ("3.1.1-perspectief", "2025-Q1", 5, 6),
    ("3.1.1-diploma", "2025-Q1", 4, 6),
    ("3.1.1-netwerk", "2025-Q1", 6, 6),
    ("3.1.2-voorlichtingen", "2025-Q1", 7, None),
    ("3.1.2-deelnemers", "2025-Q1", 180, None),
]

TARGETS = [
    (
        "1.1.1-deelnemers",
        "2025-Q1",
        "15",
        "15 jongeren in de contextgerichte aanpak in het eerste kwartaal van 2025",
    ),
    ("2.1.1-deelnemers", "2025-Q1", "40", "40 kwetsbare jongeren in West en Noord individueel begeleid"),
    ("2.1.3-deelnemers", "2025-Q1", "12", "12 jongeren starten Preventief Halt in de wijk"),
    ("2.1.3-positief-afgerond", "2025-Q1", "80", "80% van de trajecten wordt positief afgerond"),
    (
        "3.1.1-perspectief",
        "2025-Q1",
        "100",
        "100% van de uitstromers heeft een duurzaam perspectief (plan 3.2)",
    ),
    ("3.1.1-diploma", "2025-Q1", "100", "100% verlaat het onderwijs met diploma of certificaat (plan 3.2)"),
    ("3.1.1-netwerk", "2025-Q1", "100", "100% heeft een netwerk van minimaal 3 personen (plan 3.2)"),
    (
        "2.1.1-budgetbesteding",
        "2025-Q1",
        "75",
        "Driekwart van het jaarbudget jongerenwerk besteed eind maart",
    ),
]

PDCA = {
    "1": (
        "check",
        "Contextgerichte aanpak staat; 15 jongeren in beeld eind Q1.",
        "Samenspel in de wijk gestart in Holtenbroek.",
        "Instroom loopt iets achter door de wervingsperiode van de procesregisseur.",
        "",
        "",
    ),
    "2": (
        "act",
        "Jongerenwerk bereikt 40 jongeren; Halt 12 trajecten.",
        "Jongerenwerk boven doel; Halt blijft achter.",
        "Halt krijgt te weinig aanmeldingen via school.",
        "Halt sluit aan bij het ondersteuningsteam van twee scholen.",
        "Aanmeldingen komen vooral via school binnen.",
    ),
    "3": (
        "do",
        "OOZA: alle uitstromers met perspectief, diploma en netwerk.",
        "Zes uitstromers in Q1.",
        "",
        "",
        "",
    ),
}

RISKS = {
    "4.1": ("low", "Stuurgroep komt elk kwartaal bijeen; alle partners aanwezig."),
    "4.4": ("medium", "Procesregisseur per 1 november gestart; vacature jongerenwerker Noord nog open."),
    "4.5": ("medium", "Leerlijn systeemtherapeutisch werken start in april."),
}


@transaction.atomic
def demo_monitoring_load() -> dict[str, Any]:
    petra = User.objects.filter(username="projectleider").first()
    if petra is None or not Track.objects.exists():
        return {"skipped": True}
    year = BudgetYear.objects.get(number=1)
    interventions = {i.code: i for i in Intervention.objects.select_related("track")}
    tracks = {t.code: t for t in Track.objects.all()}
    allocations = {}
    for code, amount in ALLOCATIONS:
        intervention = interventions.get(code)
        track = intervention.track if intervention else tracks[code]
        allocations[code] = BudgetAllocation.objects.filter(
            budget_year=year, track=track, intervention=intervention
        ).first()
        if allocations[code] is None:
            allocations[code] = services.allocation_set(
                actor=petra, budget_year=year, track=track, intervention=intervention, amount=amount
            )
    if not allocations["A"].spendings.exists():
        for code, day, amount, description in SPENDING:
            services.spending_add(
                actor=petra,
                allocation=allocations[code],
                date=dt.date.fromisoformat(day),
                amount=amount,
                description=description,
            )
        for code, day, amount, description in COMMITMENTS:
            services.commitment_add(
                actor=petra,
                allocation=allocations[code],
                date=dt.date.fromisoformat(day),
                amount=amount,
                description=description,
            )
    indicators = {i.code: i for i in Indicator.objects.all()}
    for code, period, numerator, denominator in ENTRIES:
        if (
            not indicators[code]
            .measurements.filter(
                period__start=Period.parse(period).start, period__kind=Period.parse(period).kind
            )
            .exists()
        ):
            services.measurement_enter(
                actor=petra,
                indicator=indicators[code],
                period=Period.parse(period),
                numerator=numerator,
                denominator=denominator,
                source="Demo-opgave partner",
            )
    for code, period, value, specific in TARGETS:
        p = Period.parse(period)
        if indicators[code].targets.filter(period__start=p.start, period__kind=p.kind).exists():
            continue
        services.target_set(
            actor=petra,
            indicator=indicators[code],
            period=p,
            value=value,
            deadline=p.end,
            specific=specific,
            rationale="Afgeleid van het plan van aanpak en de subsidieaanvraag.",
        )
    q1 = Period.parse("2025-Q1")
    for code, (status, plan, do, check, adjustment, reason) in PDCA.items():
        if not PdcaCycle.objects.filter(
            track=tracks[code], period__start=q1.start, period__kind=q1.kind
        ).exists():
            services.pdca_save(
                actor=petra,
                track=tracks[code],
                period=q1,
                owner=petra,
                status=status,
                plan=plan,
                do=do,
                check_notes=check,
                act_adjustment=adjustment,
                act_reason=reason,
            )
    for code, (level, measures) in RISKS.items():
        risk = Risk.objects.get(code=code)
        if not RiskReview.objects.filter(risk=risk).exists():
            services.risk_review_add(
                actor=petra, risk=risk, date=dt.date(2025, 3, 28), level=level, measures=measures
            )
    services.measurements_refresh(
        periods=[*q1.parts("month"), q1, Period.parse("2024-Q4"), Period.parse("2025")]
    )
    # Q1 2025 is approved, with one correction, and reported on.
    period = services.period_get_or_create(period=q1)
    if period.status == "open":
        services.period_submit(actor=petra, period=period)
    if period.status == "submitted":
        services.period_approve(actor=petra, period=period)
        halt = indicators["2.1.3-deelnemers"].measurements.get(period=period)
        services.measurement_correct(
            actor=petra,
            measurement=halt,
            numerator=10,
            reason="Eén aanmelding uit maart kwam na de goedkeuring binnen (demo).",
        )
    if not Report.objects.filter(period=period, status=Report.Status.READY).exists():
        services.report_make(actor=petra, period=q1)
    return {"skipped": False}
