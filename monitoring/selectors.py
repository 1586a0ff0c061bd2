"""Reads for monitoring. Figures are read from Measurement facts only – never from live case tables."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Prefetch, QuerySet, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import Organisation
from tracks.models import BudgetYear, Intervention, Programme, Risk, Track

from .disclosure import FAMILIES, Facts, Series, published_cells
from .figures import combine, display_value, progress, public_figure, status
from .models import (
    BudgetAllocation,
    BudgetAllocationChange,
    ContextIndicator,
    ContextIndicatorValue,
    Indicator,
    Measurement,
    MeasurementCorrection,
    PdcaCycle,
    Report,
    ReportingPeriod,
    RiskReview,
    Target,
)
from .periods import Period


@dataclass
class ContextRow:
    indicator: ContextIndicator
    year: int
    municipality: Decimal | None
    national: Decimal | None


def context_indicator_table() -> list[ContextRow]:
    """The latest year per indicator, municipality against the Netherlands."""
    rows = []
    for indicator in ContextIndicator.objects.prefetch_related("values").order_by("order"):
        values = list(indicator.values.all())
        if not values:
            continue
        year = max(v.year for v in values)
        by_area = {v.area: v.value for v in values if v.year == year}
        rows.append(ContextRow(indicator, year, by_area.get("municipality"), by_area.get("national")))
    return rows


def context_series() -> list[dict[str, Any]]:
    """Every context indicator with its values per year for both areas (the chart over the years)."""
    series = []
    for indicator in ContextIndicator.objects.prefetch_related(
        Prefetch("values", queryset=ContextIndicatorValue.objects.order_by("year"))
    ).order_by("order"):
        values = list(indicator.values.all())
        years = sorted({v.year for v in values})
        by_key = {(v.year, v.area): v for v in values}
        series.append(
            {
                "code": indicator.code,
                "name": indicator.name,
                "unit": indicator.unit,
                "source": indicator.source,
                "years": years,
                "municipality": [_ctx(by_key.get((y, "municipality"))) for y in years],
                "national": [_ctx(by_key.get((y, "national"))) for y in years],
                "rows": [
                    {
                        "year": y,
                        "municipality": by_key[(y, "municipality")].value
                        if (y, "municipality") in by_key
                        else None,
                        "national": by_key[(y, "national")].value if (y, "national") in by_key else None,
                        "provisional": any(
                            by_key[(y, a)].provisional
                            for a in ("municipality", "national")
                            if (y, a) in by_key
                        ),
                    }
                    for y in years
                ],
            }
        )
    return series


def _ctx(value: ContextIndicatorValue | None) -> dict[str, Any] | None:
    if value is None:
        return None
    return {"value": value.value, "provisional": value.provisional}


# --- Indicators and their values ---------------------------------------------------------------------


def indicator_list() -> QuerySet[Indicator]:
    return Indicator.objects.filter(is_active=True).select_related("intervention__track", "measurable_result")


def indicator_get(*, code: str) -> Indicator | None:
    return indicator_list().filter(code=code).first()


def latest_period_with_data(*, kind: str, not_after: Period) -> Period | None:
    """The latest period of `kind`, starting no later than `not_after`, with a fact that is not zero
    (the nightly job stores zeros for every open period, so "has a fact" would say nothing)."""
    start = (
        Measurement.objects.filter(period__kind=kind, period__start__lte=not_after.start, numerator__gt=0)
        .order_by("-period__start")
        .values_list("period__start", flat=True)
        .first()
    )
    return None if start is None else Period(kind, start)


def reporting_period_find(*, period: Period) -> ReportingPeriod | None:
    return ReportingPeriod.objects.filter(kind=period.kind, start=period.start).first()


@dataclass
class IndicatorValue:
    indicator: Indicator
    measurement: Measurement | None
    target: Target | None
    approval: str
    corrections: list[MeasurementCorrection] = field(default_factory=list)
    # Whether the ministry may see this figure (ministry_visibility); None: not asked (the pages).
    published: bool | None = None

    @property
    def numerator(self) -> Decimal | None:
        return self.measurement.numerator if self.measurement else None

    @property
    def denominator(self) -> Decimal | None:
        return self.measurement.denominator if self.measurement else None

    @property
    def value(self) -> Decimal | None:
        i = self.indicator
        return display_value(i.unit, self.numerator, self.denominator, i.rate_base)

    @property
    def status(self) -> str | None:
        return status(self.indicator.direction, self.value, self.target.value if self.target else None)

    @property
    def progress(self) -> Decimal | None:
        """Value as a share of the target (for the progress bars), in percent."""
        return progress(self.value, self.target.value if self.target else None)

    def public(self) -> dict[str, object]:
        if self.published is None:
            raise ValueError("indicator_values(public=True) decides what the ministry may see")
        i = self.indicator
        return public_figure(
            unit=i.unit,
            counts_persons=i.counts_persons,
            numerator=self.numerator,
            denominator=self.denominator,
            rate_base=i.rate_base,
            published=self.published,
        )


def indicator_values(*, period: Period, indicators: Any = None, public: bool = False) -> list[IndicatorValue]:
    """Every (active) indicator's fact, target and approval state for one period: three queries, and
    with `public` two more to decide what the ministry may see (ministry_visibility)."""
    indicators = list(indicators if indicators is not None else indicator_list())
    reporting_period = reporting_period_find(period=period)
    ids = [i.pk for i in indicators]
    measurements: dict[int, Measurement] = {}
    targets: dict[int, Target] = {}
    if reporting_period is not None:
        for m in Measurement.objects.filter(period=reporting_period, indicator_id__in=ids).prefetch_related(
            Prefetch("corrections", queryset=MeasurementCorrection.objects.select_related("corrected_by"))
        ):
            measurements[m.indicator_id] = m
        targets = {
            t.indicator_id: t for t in Target.objects.filter(period=reporting_period, indicator_id__in=ids)
        }
    visible = ministry_visibility(period=period, indicators=indicators) if public else set()
    approval = reporting_period.status if reporting_period else ReportingPeriod.Status.OPEN
    return [
        IndicatorValue(
            indicator=i,
            measurement=measurements.get(i.pk),
            target=targets.get(i.pk),
            approval=approval,
            corrections=list(measurements[i.pk].corrections.all()) if i.pk in measurements else [],
            published=(i.code in visible) if public else None,
        )
        for i in indicators
    ]


def ministry_visibility(*, period: Period, indicators: Iterable[Indicator]) -> set[str]:
    """The codes of the indicators whose figure for `period` the ministry may see: the one decision
    behind the live API, the report endpoint and the snapshot's public part (monitoring/disclosure.py).
    Reads the facts of the indicators that count persons and of those tied to them (a few thousand
    rows at most), in one query."""
    indicators = list(indicators)
    wanted = [i for i in indicators if i.counts_persons]
    families = {FAMILIES[i.computation] for i in wanted if i.computation in FAMILIES}
    tied = [c for c, f in FAMILIES.items() if f in families]
    concerned = {i.pk: i for i in wanted}
    if tied:
        concerned.update((i.pk, i) for i in Indicator.objects.filter(is_active=True, computation__in=tied))
    programme = programme_get()
    facts = Facts(
        values={
            (pk, Period(kind, start)): (numerator, denominator)
            for pk, kind, start, numerator, denominator in Measurement.objects.filter(
                indicator_id__in=list(concerned)
            ).values_list("indicator_id", "period__kind", "period__start", "numerator", "denominator")
        },
        programme_start=programme.start if programme else period.start,
        today=timezone.localdate(),
    )
    series = [
        Series(
            pk=i.pk,
            computation=i.computation,
            counts_persons=i.counts_persons,
            is_manual=i.is_manual,
            cumulative=i.aggregation == Indicator.Aggregation.CUMULATIVE,
            latest=i.aggregation == Indicator.Aggregation.LATEST,
        )
        for i in concerned.values()
    ]
    cells = published_cells(series=series, periods=[period], facts=facts)
    shown = {pk for pk, _period in cells}
    return {i.code for i in indicators if i.pk in shown or not i.counts_persons}


@dataclass
class MetricTotal:
    track: Track
    metric: str
    name: str
    unit: str
    rate_base: int | None
    numerator: Decimal
    denominator: Decimal | None
    interventions: list[str]

    @property
    def value(self) -> Decimal | None:
        return display_value(self.unit, self.numerator, self.denominator, self.rate_base)


def track_totals(values: list[IndicatorValue]) -> list[MetricTotal]:
    """Per track, every metric measured in two or more of its interventions, added up as a ratio of
    sums over the interventions (never an average of their percentages)."""
    groups: dict[tuple[int, str, str], list[IndicatorValue]] = defaultdict(list)
    for v in values:
        if v.measurement is not None:
            i = v.indicator
            groups[(i.intervention.track_id, i.metric, i.unit)].append(v)
    totals = []
    for (_track_id, metric, unit), members in groups.items():
        if len({m.indicator.intervention_id for m in members}) < 2:
            continue
        numerator, denominator = combine(
            (m.measurement.numerator, m.measurement.denominator) for m in members if m.measurement is not None
        )
        first = members[0].indicator
        totals.append(
            MetricTotal(
                track=first.intervention.track,
                metric=metric,
                name=first.name,
                unit=unit,
                rate_base=first.rate_base,
                numerator=numerator,
                denominator=denominator,
                interventions=sorted(m.indicator.intervention.code for m in members),
            )
        )
    return sorted(totals, key=lambda t: (t.track.order, t.metric))


def indicator_history(*, indicator: Indicator, kind: str) -> list[Measurement]:
    return list(
        Measurement.objects.filter(indicator=indicator, period__kind=kind)
        .select_related("period", "entered_by", "approved_by")
        .prefetch_related("corrections__corrected_by")
        .order_by("period__start")
    )


# --- Periods -------------------------------------------------------------------------------------


def period_list(*, today: dt.date | None = None) -> QuerySet[ReportingPeriod]:
    """Periods that have begun (issue 12): a future month or quarter is not reportable, even when a
    target or a PDCA plan already made its row. The running ones have `end >= today` (voorlopig)."""
    today = today or timezone.localdate()
    return (
        ReportingPeriod.objects.filter(start__lte=today)
        .select_related("status_changed_by")
        .order_by("-start", "kind")
    )


# --- PDCA ----------------------------------------------------------------------------------------


def pdca_list() -> QuerySet[PdcaCycle]:
    return PdcaCycle.objects.select_related("track", "period", "owner").order_by(
        "-period__start", "track__order"
    )


def pdca_get(*, track_code: str, period: Period) -> PdcaCycle | None:
    return (
        pdca_list()
        .filter(track__code=track_code, period__kind=period.kind, period__start=period.start)
        .first()
    )


# --- Risks ---------------------------------------------------------------------------------------


def risks_with_state(*, on: dt.date | None = None) -> list[tuple[Risk, RiskReview | None]]:
    """Each risk of the plan with its latest review on or before `on` (two queries)."""
    reviews = RiskReview.objects.select_related("reviewed_by").order_by("risk_id", "-date", "-id")
    if on is not None:
        reviews = reviews.filter(date__lte=on)
    latest: dict[int, RiskReview] = {}
    for review in reviews:
        latest.setdefault(review.risk_id, review)
    return [(risk, latest.get(risk.pk)) for risk in Risk.objects.order_by("code")]


# --- Budget --------------------------------------------------------------------------------------


@dataclass
class BudgetRow:
    allocation: BudgetAllocation
    committed: Decimal
    spent: Decimal
    participants: Decimal | None = None

    @property
    def allocated(self) -> Decimal:
        return self.allocation.amount

    @property
    def remaining(self) -> Decimal:
        return self.allocated - self.spent

    @property
    def burn_rate(self) -> Decimal | None:
        return display_value("percentage", self.spent, self.allocated) if self.allocated else None

    @property
    def cost_per_participant(self) -> Decimal | None:
        if not self.participants:
            return None
        return (self.spent / self.participants).quantize(Decimal("0.01"))


@dataclass
class BudgetOverview:
    year: BudgetYear
    rows: list[BudgetRow]
    until: dt.date

    @property
    def allocated(self) -> Decimal:
        return sum((r.allocated for r in self.rows), Decimal("0"))

    @property
    def committed(self) -> Decimal:
        return sum((r.committed for r in self.rows), Decimal("0"))

    @property
    def spent(self) -> Decimal:
        return sum((r.spent for r in self.rows), Decimal("0"))

    @property
    def unallocated(self) -> Decimal:
        return self.year.cap - self.allocated

    @property
    def burn_rate(self) -> Decimal | None:
        return display_value("percentage", self.spent, self.allocated) if self.allocated else None

    @property
    def elapsed(self) -> Decimal:
        """The share of the year that has passed on `until` (to compare the burn rate with)."""
        total = (self.year.end - self.year.start).days + 1
        passed = min(max((self.until - self.year.start).days + 1, 0), total)
        return (Decimal(passed) * 100 / total).quantize(Decimal("0.1"))


def budget_year_list() -> QuerySet[BudgetYear]:
    return BudgetYear.objects.order_by("number")


def budget_allocation_changes(*, year: BudgetYear) -> QuerySet[BudgetAllocationChange]:
    """The history of the year's allocations, newest first, with what each row shows."""
    return BudgetAllocationChange.objects.filter(allocation__budget_year=year).select_related(
        "allocation__track", "allocation__intervention", "created_by"
    )


def budget_year_for(day: dt.date) -> BudgetYear | None:
    """The programme year that contains `day`; before or after the programme, the nearest one."""
    years = list(BudgetYear.objects.order_by("number"))
    for year in years:
        if year.start <= day <= year.end:
            return year
    if not years:
        return None
    return years[0] if day < years[0].start else years[-1]


def budget_overview(*, year: BudgetYear, until: dt.date) -> BudgetOverview:
    """Allocated, committed and spent (up to `until`) per allocation, with participants for the cost
    per participant taken from the year's "participants" facts. A fixed number of queries."""
    allocations = list(
        BudgetAllocation.objects.filter(budget_year=year)
        .select_related("track", "intervention")
        .annotate(
            committed_total=Sum(
                "commitments__amount", filter=_date_until("commitments", until), distinct=False
            ),
        )
        .order_by("track__order", "intervention__order")
    )
    spent = dict(
        BudgetAllocation.objects.filter(budget_year=year)
        .annotate(total=Sum("spendings__amount", filter=_date_until("spendings", until)))
        .values_list("pk", "total")
    )
    participants = _participants_by_intervention(year)
    rows = [
        BudgetRow(
            allocation=a,
            committed=a.committed_total or Decimal("0"),
            spent=spent.get(a.pk) or Decimal("0"),
            participants=participants.get(a.intervention_id) if a.intervention_id else None,
        )
        for a in allocations
    ]
    return BudgetOverview(year=year, rows=rows, until=until)


def _date_until(relation: str, until: dt.date) -> Any:
    from django.db.models import Q

    return Q(**{f"{relation}__date__lte": until})


def _participants_by_intervention(year: BudgetYear) -> dict[int, Decimal]:
    """Participants per intervention in a programme year: the sum of the quarter facts of indicators
    with metric "participants" for the quarters inside the year."""
    rows = (
        Measurement.objects.filter(
            indicator__metric="participants",
            period__kind="quarter",
            period__start__gte=year.start,
            period__end__lte=year.end,
        )
        .values("indicator__intervention_id")
        .annotate(total=Sum("numerator"))
    )
    return {r["indicator__intervention_id"]: r["total"] for r in rows}


# --- Reports -------------------------------------------------------------------------------------


def report_list() -> QuerySet[Report]:
    """Reports without their (large) data and files."""
    return (
        Report.objects.select_related("period", "requested_by")
        .defer("data", "xlsx", "pdf")
        .order_by("-period__start", "period__kind", "-version")
    )


def report_get(*, pk: int) -> Report | None:
    return Report.objects.select_related("period").defer("xlsx", "pdf").filter(pk=pk).first()


def programme_get() -> Programme | None:
    return Programme.objects.order_by("start").first()


# --- Platform activity per month (dashboard) ------------------------------------------------------


def monthly_facts(
    *, keys: list[str], last: Period, months: int = 12
) -> tuple[list[Period], dict[str, list[Measurement | None]]]:
    """The month facts of the first active indicator of each named computation, for the `months`
    months up to and including `last` (a month): two queries, read from facts (never live tables).

    Returns the months and, per computation key, one Measurement or None per month (None: no fact yet,
    e.g. before the nightly job ran)."""
    periods = [last]
    while len(periods) < months:
        periods.insert(0, periods[0].previous())
    chosen: dict[str, Indicator] = {}
    for indicator in Indicator.objects.filter(is_active=True, computation__in=keys).order_by(
        "intervention__order", "order", "pk"
    ):
        chosen.setdefault(indicator.computation, indicator)
    facts = {
        (m.indicator_id, m.period.start): m
        for m in Measurement.objects.filter(
            indicator__in=list(chosen.values()),
            period__kind="month",
            period__start__gte=periods[0].start,
            period__start__lte=periods[-1].start,
        ).select_related("period")
    }
    return periods, {
        key: [facts.get((indicator.pk, p.start)) for p in periods] for key, indicator in chosen.items()
    }


# --- Partners in the cycle (issue 12) -----------------------------------------------------------

# Days after a period's end within which a partner's figure counts as on time.
REPORTING_DEADLINE_DAYS = 10


def partner_interventions(*, organisation_id: int | None) -> QuerySet[Intervention]:
    """The interventions an organisation carries out: those of the tracks whose plan partners it is
    linked to (tracks.TrackPartner.organisation). The object-level gate of a partner's monitoring."""
    if organisation_id is None:
        return Intervention.objects.none()
    return (
        Intervention.objects.filter(track__partners__organisation_id=organisation_id)
        .select_related("track")
        .distinct()
        .order_by("order")
    )


def partner_tracks(*, organisation_id: int | None) -> QuerySet[Track]:
    if organisation_id is None:
        return Track.objects.none()
    return Track.objects.filter(partners__organisation_id=organisation_id).distinct().order_by("order")


@dataclass
class ReportingRate:
    """A partner's figures for one period, like a reporting rate: "4 van 5 cijfers ingediend, 3 op tijd"."""

    organisation: Organisation
    period: Period
    expected: int
    submitted: int
    on_time: int
    deadline: dt.date

    @property
    def missing(self) -> int:
        return self.expected - self.submitted

    @property
    def summary(self) -> str:
        return str(
            _("%(submitted)s van %(expected)s cijfers ingediend, %(on_time)s op tijd")
            % {"submitted": self.submitted, "expected": self.expected, "on_time": self.on_time}
        )


def reporting_rates(*, period: Period, organisation_id: int | None = None) -> list[ReportingRate]:
    """Completeness and timeliness per partner for one period: the hand-entered indicators it
    delivers (Indicator.reporting_organisation) whose entry period is of this kind, how many of those
    it submitted, and how many before the deadline (REPORTING_DEADLINE_DAYS after the period's end).
    Two queries whatever the number of partners."""
    deadline = period.end + dt.timedelta(days=REPORTING_DEADLINE_DAYS)
    indicators = Indicator.objects.filter(
        is_active=True, computation="", entry_period_kind=period.kind, reporting_organisation__isnull=False
    ).select_related("reporting_organisation")
    if organisation_id is not None:
        indicators = indicators.filter(reporting_organisation_id=organisation_id)
    indicators_list = list(indicators)
    submitted = {
        m.indicator_id: m.submitted_at
        for m in Measurement.objects.filter(
            indicator__in=[i.pk for i in indicators_list],
            period__kind=period.kind,
            period__start=period.start,
            origin=Measurement.Origin.ENTERED,
            submitted_at__isnull=False,
        ).only("indicator_id", "submitted_at")
    }
    rates: dict[int, ReportingRate] = {}
    for indicator in indicators_list:
        organisation = indicator.reporting_organisation
        if organisation is None:  # filtered out above; keeps the type checker informed
            continue
        rate = rates.setdefault(
            organisation.pk,
            ReportingRate(
                organisation=organisation,
                period=period,
                expected=0,
                submitted=0,
                on_time=0,
                deadline=deadline,
            ),
        )
        rate.expected += 1
        at = submitted.get(indicator.pk)
        if at is not None:
            rate.submitted += 1
            if timezone.localdate(at) <= deadline:
                rate.on_time += 1
    return sorted(rates.values(), key=lambda r: r.organisation.name)


def measurements_awaiting_approval() -> QuerySet[Measurement]:
    """Entered values submitted and not yet approved: the projectleider's queue."""
    return (
        Measurement.objects.filter(submitted_at__isnull=False, approved_at__isnull=True)
        .select_related("indicator", "period", "entered_by")
        .order_by("period__start", "indicator__code")
    )
