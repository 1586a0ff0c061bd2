"""The registry of named computations: how an indicator's value is worked out from platform data.

Each computation is a function of (period start, period end, optional intervention) that returns a
numerator (a count, a sum in euro) and, for a percentage or rate, a denominator, with optional
breakdowns (district, gender, age band). Indicators name a computation by its key; the scheduled
job (monitoring.services.measurements_refresh) stores the result as a Measurement fact, and reports
read those facts – never these functions.

Every computation aggregates in the database (COUNT, SUM, GROUP BY over indexed columns): the number
of queries is fixed, whatever the number of youths or signals. Breakdowns by district, gender and age
band come from the same GROUP BY query as the total, so they always add up to it.

Registered: budget (monitoring's own data); youths, signals, matches and flags (youths); meetings,
cases, actions and enrolments, with the OOZA outcomes recorded when a youth leaves the arrangement (the
enrolment ends, cases).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db.models import Case as SqlCase
from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet, Subquery, Sum, Value, When
from django.utils import timezone

ZERO = Decimal("0")


@dataclass(frozen=True)
class Result:
    numerator: Decimal
    denominator: Decimal | None = None
    # {"district": {"holtenbroek": 3, ...}, "gender": {...}, "age_band": {...}}: stable codes (labels in
    # BREAKDOWN_LABELS / selectors.breakdown_tables), counts only, each dimension adding up to the total.
    breakdowns: dict[str, dict[str, int]] = field(default_factory=dict)


@dataclass(frozen=True)
class Computation:
    key: str
    label: str
    unit: str  # one of Indicator.Unit
    counts_persons: bool
    function: Callable[[dt.date, dt.date, Any], Result]

    def __call__(self, start: dt.date, end: dt.date, intervention: Any = None) -> Result:
        return self.function(start, end, intervention)


REGISTRY: dict[str, Computation] = {}


def register(
    key: str, *, label: str, unit: str, counts_persons: bool = False
) -> Callable[[Callable[[dt.date, dt.date, Any], Result]], Callable[[dt.date, dt.date, Any], Result]]:
    def decorator(
        function: Callable[[dt.date, dt.date, Any], Result],
    ) -> Callable[[dt.date, dt.date, Any], Result]:
        if key in REGISTRY:
            raise ValueError(f"Computation {key!r} registered twice")
        REGISTRY[key] = Computation(key, label, unit, counts_persons, function)
        return function

    return decorator


def get(key: str) -> Computation:
    try:
        return REGISTRY[key]
    except KeyError:
        raise LookupError(f"Unknown computation {key!r}") from None


def check_fits(*, code: str, computation: str, unit: str, counts_persons: bool) -> None:
    """An indicator may name a computation only with the computation's unit, and one that counts
    persons only as an indicator that counts persons (so the ministry's suppression applies)."""
    found = REGISTRY.get(computation)
    if found is None:
        raise ValueError(f"{code}: unknown computation {computation!r}")
    if found.unit != unit:
        raise ValueError(f"{code}: computation {computation!r} gives unit {found.unit!r}, not {unit!r}")
    if found.counts_persons and not counts_persons:
        raise ValueError(f"{code}: computation {computation!r} counts persons; set counts_persons")


def choices() -> list[tuple[str, str]]:
    return [(c.key, c.label) for c in sorted(REGISTRY.values(), key=lambda c: c.key)]


# --- Budget (monitoring's own data) --------------------------------------------------------------


def _for_intervention(queryset: Any, intervention: Any, path: str = "allocation__intervention") -> Any:
    return queryset if intervention is None else queryset.filter(**{path: intervention})


@register("budget_spent", label="Uitgaven (euro)", unit="euro")
def budget_spent(start: dt.date, end: dt.date, intervention: Any = None) -> Result:
    from .models import BudgetSpending

    spendings = _for_intervention(BudgetSpending.objects.filter(date__range=(start, end)), intervention)
    return Result(spendings.aggregate(total=Sum("amount"))["total"] or ZERO)


@register("budget_committed", label="Aangegane verplichtingen (euro)", unit="euro")
def budget_committed(start: dt.date, end: dt.date, intervention: Any = None) -> Result:
    from .models import BudgetCommitment

    commitments = _for_intervention(BudgetCommitment.objects.filter(date__range=(start, end)), intervention)
    return Result(commitments.aggregate(total=Sum("amount"))["total"] or ZERO)


@register("budget_utilisation", label="Besteed deel van het jaarbudget (%)", unit="percentage")
def budget_utilisation(start: dt.date, end: dt.date, intervention: Any = None) -> Result:
    """Spent since the start of the programme year that contains `end`, over that year's allocation."""
    from tracks.models import BudgetYear

    from .models import BudgetAllocation, BudgetSpending

    year = BudgetYear.objects.filter(start__lte=end, end__gte=end).first()
    if year is None:
        return Result(ZERO, ZERO)
    allocations = _for_intervention(
        BudgetAllocation.objects.filter(budget_year=year), intervention, "intervention"
    )
    spendings = _for_intervention(
        BudgetSpending.objects.filter(allocation__budget_year=year, date__range=(year.start, end)),
        intervention,
    )
    return Result(
        spendings.aggregate(total=Sum("amount"))["total"] or ZERO,
        allocations.aggregate(total=Sum("amount"))["total"] or ZERO,
    )


# --- Youths, signals, matches and flags (youths app) ----------------------------------------------
#
# A period is the days start … end (both inclusive), i.e. the half-open interval [start 00:00,
# end + 1 day 00:00) in the platform's time zone. Events are counted by the moment they happened on
# the platform (a signal logged, a match made, a flag raised), not by the date a partner says a
# signal was observed: once a period is over its figures no longer change, and making its report
# again gives the same numbers. Withdrawn signals do not count (they stop counting everywhere).

UNKNOWN = "onbekend"

# Age at the period's end, in bands that follow Dutch criminal law (docs/monitoring.md):
# under 12 nobody can be prosecuted (art. 486 Sv); 12–17 juvenile criminal law, split in two;
# 18–22 young adults to whom juvenile criminal law may still apply (adolescentenstrafrecht, art. 77c
# Sr); 23 and older.
AGE_BANDS: list[tuple[str, int]] = [("0-11", 0), ("12-14", 12), ("15-17", 15), ("18-22", 18), ("23+", 23)]
AGE_BAND_LABELS = {
    "0-11": "0–11 jaar",
    "12-14": "12–14 jaar",
    "15-17": "15–17 jaar",
    "18-22": "18–22 jaar",
    "23+": "23 jaar en ouder",
}
PERSON_DIMENSIONS = ("district", "gender", "age_band")
SIGNAL_DIMENSIONS = ("domain", "category", "intervention")


def window(start: dt.date, end: dt.date) -> tuple[dt.datetime, dt.datetime]:
    """The aware datetimes [start 00:00, end + 1 day 00:00) of a period's days (an index range scan)."""
    zone = timezone.get_current_timezone()
    return (
        dt.datetime.combine(start, dt.time.min, tzinfo=zone),
        dt.datetime.combine(end + dt.timedelta(days=1), dt.time.min, tzinfo=zone),
    )


def _years_before(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February in a year that has none
        return day.replace(year=day.year - years, day=28)


def age_band_expression(date_of_birth: str, on: dt.date) -> SqlCase:
    """The age band at `on` as SQL: whoever was born on or before `on` minus N years is N or older."""
    whens = [
        When(**{f"{date_of_birth}__lte": _years_before(on, low)}, then=Value(code))
        for code, low in reversed(AGE_BANDS[1:])
    ]
    return SqlCase(*whens, default=Value(AGE_BANDS[0][0]))


def _sorted(counts: dict[str, int]) -> dict[str, int]:
    return dict(sorted(counts.items()))


def _by_person(
    queryset: QuerySet, *, youth: str, on: dt.date, count: Any, extra: dict[str, Any] | None = None
) -> tuple[int, dict]:
    """One GROUP BY over the youth's district, gender and age band at `on` (and any `extra` dimension
    of the row itself, one value per row): the total (the sum of the cells, as every row belongs to
    exactly one cell) and the one-way breakdowns."""
    prefix = f"{youth}__" if youth else ""
    extra = extra or {}
    dimensions = (*PERSON_DIMENSIONS, *extra)
    rows = (
        queryset.order_by()
        .annotate(
            b_district=F(f"{prefix}district__code"),
            b_gender=F(f"{prefix}gender"),
            b_age_band=age_band_expression(f"{prefix}date_of_birth", on),
            **{f"b_{name}": expression for name, expression in extra.items()},
        )
        .values(*(f"b_{name}" for name in dimensions))
        .annotate(n=count)
    )
    total = 0
    breakdowns: dict[str, dict[str, int]] = {name: {} for name in dimensions}
    for row in rows:  # one row per cell (at most districts × genders × bands × …), never per person
        total += row["n"]
        for name in dimensions:
            key = row[f"b_{name}"] or UNKNOWN
            breakdowns[name][key] = breakdowns[name].get(key, 0) + row["n"]
    return total, {name: _sorted(counts) for name, counts in breakdowns.items() if counts}


def _signals(start: dt.date, end: dt.date) -> QuerySet:
    from youths.models import Signal

    since, until = window(start, end)
    return Signal.objects.filter(withdrawn_at__isnull=True, created_at__gte=since, created_at__lt=until)


def _youths_with_signal(signals: QuerySet, end: dt.date) -> Result:
    total, breakdowns = _by_person(signals, youth="youth", on=end, count=Count("youth", distinct=True))
    return Result(Decimal(total), breakdowns=breakdowns)


def _signals_new(signals: QuerySet, end: dt.date) -> Result:
    total, breakdowns = _by_person(signals, youth="youth", on=end, count=Count("id"))
    by_signal: dict[str, dict[str, int]] = {name: {} for name in SIGNAL_DIMENSIONS}
    rows = (
        signals.order_by()
        .values(b_domain=F("domain"), b_category=F("category__code"), b_intervention=F("intervention__code"))
        .annotate(n=Count("id"))
    )
    for row in rows:  # one row per (domain, category, intervention) that occurs
        for name in SIGNAL_DIMENSIONS:
            key = row[f"b_{name}"] or UNKNOWN
            by_signal[name][key] = by_signal[name].get(key, 0) + row["n"]
    breakdowns.update({name: _sorted(counts) for name, counts in by_signal.items() if counts})
    return Result(Decimal(total), breakdowns=breakdowns)


@register(
    "youths_with_signal", label="Jongeren met een signaal (hele platform)", unit="count", counts_persons=True
)
def youths_with_signal(start: dt.date, end: dt.date, intervention: Any = None) -> Result:
    """Distinct youths about whom at least one signal was logged in the window, on the whole platform."""
    return _youths_with_signal(_signals(start, end), end)


@register(
    "youths_with_signal_in_intervention",
    label="Jongeren met een signaal uit de interventie",
    unit="count",
    counts_persons=True,
)
def youths_with_signal_in_intervention(start: dt.date, end: dt.date, intervention: Any = None) -> Result:
    """Distinct youths with a signal logged in the window that came up inside the intervention."""
    return _youths_with_signal(_signals(start, end).filter(intervention=intervention), end)


@register("signals_new", label="Nieuwe signalen (hele platform)", unit="count", counts_persons=True)
def signals_new(start: dt.date, end: dt.date, intervention: Any = None) -> Result:
    """Signals logged in the window, with breakdowns by domain, category and intervention besides the
    youth's district, gender and age band."""
    return _signals_new(_signals(start, end), end)


@register(
    "signals_new_in_intervention",
    label="Nieuwe signalen uit de interventie",
    unit="count",
    counts_persons=True,
)
def signals_new_in_intervention(start: dt.date, end: dt.date, intervention: Any = None) -> Result:
    return _signals_new(_signals(start, end).filter(intervention=intervention), end)


@register("matches_new", label="Matches (hele platform)", unit="count", counts_persons=True)
def matches_new(start: dt.date, end: dt.date, intervention: Any = None) -> Result:
    """Matches made in the window: a second or further organisation became involved with a youth."""
    from youths.models import Match

    since, until = window(start, end)
    matches = Match.objects.filter(created_at__gte=since, created_at__lt=until)
    total, breakdowns = _by_person(matches, youth="youth", on=end, count=Count("id"))
    return Result(Decimal(total), breakdowns=breakdowns)


@register(
    "matches_followed_up_in_time",
    label="Matches op tijd opgevolgd (hele platform, %)",
    unit="percentage",
    counts_persons=True,
)
def matches_followed_up_in_time(start: dt.date, end: dt.date, intervention: Any = None) -> Result:
    """Numerator: matches made in the window whose follow-up was recorded within MATCH_FOLLOW_UP_DAYS
    days. Denominator: matches made in the window, except those whose term is still running without a
    follow-up (they may yet be followed up in time; only a running period has them)."""
    from youths.models import Match

    since, until = window(start, end)
    term = dt.timedelta(days=settings.MATCH_FOLLOW_UP_DAYS)
    in_time = Q(followed_up_at__isnull=False, followed_up_at__lte=F("created_at") + term)
    counts = (
        Match.objects.filter(created_at__gte=since, created_at__lt=until)
        .exclude(followed_up_at__isnull=True, created_at__gt=timezone.now() - term)
        .aggregate(total=Count("id"), in_time=Count("id", filter=in_time))
    )
    return Result(Decimal(counts["in_time"]), Decimal(counts["total"]))


@register(
    "flags_raised",
    label="Signaleringen voor het vroegsignaleringsoverleg (hele platform)",
    unit="count",
    counts_persons=True,
)
def flags_raised(start: dt.date, end: dt.date, intervention: Any = None) -> Result:
    """Flags raised in the window by a combination rule (a youth put on the early-signal list)."""
    from youths.models import Flag

    since, until = window(start, end)
    flags = Flag.objects.filter(raised_at__gte=since, raised_at__lt=until)
    total, breakdowns = _by_person(flags, youth="youth", on=end, count=Count("id"))
    return Result(Decimal(total), breakdowns=breakdowns)


# --- Meetings, cases, actions and enrolments (cases app) ------------------------------------------
#
# Cases are counted by the moment they were opened or closed; "active" is a stock: the cases open at
# the end of the period, with the status each had then (from its recorded transitions, so that a past
# period keeps its figure). Youths discussed are those whose agenda item got a decision in a meeting
# held in the window. The OOZA outcomes (plan 3.2) are read from the outcome recorded when the youth
# leaves the arrangement: the enrolment ends with its reason (see "OOZA" below).

LASTING_PERSPECTIVE_NONE = "geen"  # cases.models.Perspective.NONE
QUALIFICATION_NONE = "geen"  # cases.models.Qualification.NONE
NETWORK_MINIMUM = 3  # plan 3.2: a network of at least 3 people


@register("cases_opened", label="Casussen geopend", unit="count", counts_persons=True)
def cases_opened(start: dt.date, end: dt.date, intervention: Any = None) -> Result:
    from cases.models import Case

    since, until = window(start, end)
    cases = Case.objects.filter(opened_at__gte=since, opened_at__lt=until)
    total, breakdowns = _by_person(cases, youth="youth", on=end, count=Count("id"))
    return Result(Decimal(total), breakdowns=breakdowns)


@register(
    "cases_active", label="Lopende casussen aan het einde van de periode", unit="count", counts_persons=True
)
def cases_active(start: dt.date, end: dt.date, intervention: Any = None) -> Result:
    """Cases open at the end of the period (opened before, not closed by then), with a breakdown by the
    status each had at that moment: the target of its last transition before the end."""
    from cases.models import Case, CaseTransition

    _since, until = window(start, end)
    status_then = Subquery(
        CaseTransition.objects.filter(case=OuterRef("pk"), at__lt=until)
        .order_by("-at", "-id")
        .values("target")[:1]
    )
    cases = Case.objects.filter(opened_at__lt=until).filter(
        Q(closed_at__isnull=True) | Q(closed_at__gte=until)
    )
    total, breakdowns = _by_person(
        cases, youth="youth", on=end, count=Count("id"), extra={"status": status_then}
    )
    return Result(Decimal(total), breakdowns=breakdowns)


@register("cases_closed", label="Casussen gesloten", unit="count", counts_persons=True)
def cases_closed(start: dt.date, end: dt.date, intervention: Any = None) -> Result:
    from cases.models import Case

    since, until = window(start, end)
    cases = Case.objects.filter(closed_at__gte=since, closed_at__lt=until)
    total, breakdowns = _by_person(
        cases, youth="youth", on=end, count=Count("id"), extra={"closing_reason": F("closing_reason")}
    )
    return Result(Decimal(total), breakdowns=breakdowns)


@register(
    "youths_enrolled_in_intervention",
    label="Jongeren met een deelname aan de interventie (uit casussen)",
    unit="count",
    counts_persons=True,
)
def youths_enrolled_in_intervention(start: dt.date, end: dt.date, intervention: Any = None) -> Result:
    """Distinct youths whose case has an enrolment in the intervention that ran during the window:
    started on or before its end and not ended before its start."""
    from cases.models import Enrolment

    enrolments = Enrolment.objects.filter(intervention=intervention, started_on__lte=end).filter(
        Q(ended_on__isnull=True) | Q(ended_on__gte=start)
    )
    total, breakdowns = _by_person(
        enrolments, youth="case__youth", on=end, count=Count("case__youth", distinct=True)
    )
    return Result(Decimal(total), breakdowns=breakdowns)


@register(
    "actions_done_on_time",
    label="Acties op tijd uitgevoerd (hele platform, %)",
    unit="percentage",
    counts_persons=True,
)
def actions_done_on_time(start: dt.date, end: dt.date, intervention: Any = None) -> Result:
    """Numerator: actions due in the window that were done on or before their due date. Denominator:
    actions due in the window, except cancelled ones and open ones whose due date has not passed yet
    (only a running period has those). An action still open after its due date is not on time."""
    from cases.models import Action

    due = (
        Action.objects.filter(due_on__range=(start, end))
        .exclude(status=Action.Status.CANCELLED)
        .exclude(status=Action.Status.OPEN, due_on__gte=timezone.localdate())
    )
    on_time = Q(status=Action.Status.DONE, finished_at__date__lte=F("due_on"))
    counts = due.aggregate(total=Count("id"), on_time=Count("id", filter=on_time))
    return Result(Decimal(counts["on_time"]), Decimal(counts["total"]))


@register("youths_discussed", label="Jongeren besproken in een overleg", unit="count", counts_persons=True)
def youths_discussed(start: dt.date, end: dt.date, intervention: Any = None) -> Result:
    """Distinct youths about whom a meeting held in the window took a decision (a flagged youth or a
    case; groups are not youths)."""
    from cases.models import AgendaItem

    since, until = window(start, end)
    items = AgendaItem.objects.filter(
        youth__isnull=False,
        decided_at__isnull=False,
        meeting__starts_at__gte=since,
        meeting__starts_at__lt=until,
    )
    total, breakdowns = _by_person(items, youth="youth", on=end, count=Count("youth", distinct=True))
    return Result(Decimal(total), breakdowns=breakdowns)


def _closed_cases_in_intervention(start: dt.date, end: dt.date, intervention: Any, outcome: Q) -> Result:
    """Numerator: cases closed in the window, of youths enrolled in the intervention in that case, with
    the outcome. Denominator: those cases."""
    from cases.models import Case, Enrolment

    since, until = window(start, end)
    cases = Case.objects.filter(
        Exists(Enrolment.objects.filter(case=OuterRef("pk"), intervention=intervention)),
        closed_at__gte=since,
        closed_at__lt=until,
    )
    counts = cases.aggregate(total=Count("id"), with_outcome=Count("id", filter=outcome))
    return Result(Decimal(counts["with_outcome"]), Decimal(counts["total"]))


@register(
    "closed_cases_with_perspective_in_intervention",
    label="Gesloten casussen met een duurzaam perspectief (%)",
    unit="percentage",
    counts_persons=True,
)
def closed_cases_with_perspective_in_intervention(
    start: dt.date, end: dt.date, intervention: Any = None
) -> Result:
    """Plan 3.2 (a): work, vocational education or day activities, or a mix."""
    return _closed_cases_in_intervention(
        start, end, intervention, ~Q(outcome_perspective=LASTING_PERSPECTIVE_NONE)
    )


@register(
    "closed_cases_with_qualification_in_intervention",
    label="Gesloten casussen met diploma, (deel)certificaat of praktijkverklaring (%)",
    unit="percentage",
    counts_persons=True,
)
def closed_cases_with_qualification_in_intervention(
    start: dt.date, end: dt.date, intervention: Any = None
) -> Result:
    """Plan 3.2 (b): a diploma, a (partial) certificate or a praktijkverklaring."""
    return _closed_cases_in_intervention(
        start, end, intervention, ~Q(outcome_qualification=QUALIFICATION_NONE)
    )


@register(
    "closed_cases_with_network_in_intervention",
    label="Gesloten casussen met een netwerk van minimaal 3 personen (%)",
    unit="percentage",
    counts_persons=True,
)
def closed_cases_with_network_in_intervention(
    start: dt.date, end: dt.date, intervention: Any = None
) -> Result:
    """Plan 3.2 (c): at least 3 people the youth can fall back on."""
    return _closed_cases_in_intervention(
        start, end, intervention, Q(outcome_network_size__gte=NETWORK_MINIMUM)
    )


# The plan's own outcome measures (OOZA at leaving, 1.1.x from the platform's data, plan 2.2's flags,
# the registered activities) live in computations_plan.py; importing it registers them.
from . import computations_plan  # noqa: E402, F401
