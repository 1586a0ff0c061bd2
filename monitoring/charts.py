"""The data behind the charts of the monitoring pages: plain functions from selector results to the
lists the chart script reads (`json_script`), colours included.

Kept apart from `figures` (the arithmetic of one indicator value, shared with the reports and the
ministry's API): this module only shapes what a page draws, and every chart has a table beside it
that says the same in words and numbers.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any, TypedDict

from django.utils.translation import gettext as _

from cases.lifecycle import OPEN_STATUSES
from youths.models import Domain

from .figures import display_value, progress, status
from .models import Indicator, Measurement, Target
from .periods import MONTH_NAMES_NL, Period
from .reports import indicator_rows
from .selectors import BudgetOverview, IndicatorValue
from .snapshot import IndicatorRow, Snapshot

# Colours that stay apart for the common forms of colour blindness (and the tables say it in words).
DOMAIN_COLOURS = {"home": "#6a1b9a", "street": "#1f4e79", "school": "#ef6c00", "online": "#2e7d32"}
# The open statuses of a case, from early to late (cases.lifecycle), light to dark; aftercare (nazorg) last.
STATUS_COLOURS = ["#90caf9", "#42a5f5", "#1f4e79", "#2e7d32", "#9e9e9e", "#ef6c00"]
FLAGS_COLOUR, MATCHES_COLOUR = "#c62828", "#1f4e79"
# The month facts the dashboard's activity charts read (indicators 2.1.2 and 1.1.1).
ACTIVITY_KEYS = ["signals_new", "flags_raised", "matches_new", "matches_followed_up_in_time", "cases_active"]


class ProgressBar(TypedDict):
    label: str
    progress: float
    status: str | None


class Series(TypedDict):
    label: str
    colour: str
    values: list[int | None]


class MonthChart(TypedDict):
    labels: list[str]
    stacked: bool
    series: list[Series]


def progress_chart(values: Sequence[IndicatorValue]) -> list[ProgressBar]:
    """Each indicator's value as a share of its target (the dashboard's bars)."""
    return [
        {
            "label": f"{v.indicator.intervention.code} {v.indicator.name}",
            "progress": float(v.progress),
            "status": v.status,
        }
        for v in values
        if v.progress is not None
    ]


def report_progress_chart(data: Snapshot) -> list[ProgressBar]:
    """The same bars, read from a report's snapshot."""
    bars: list[ProgressBar] = []
    for row in indicator_rows(data):
        share = _row_progress(row)
        if share is not None:
            bars.append(
                {"label": f"{row['intervention']} {row['name']}", "progress": share, "status": row["status"]}
            )
    return bars


def _row_progress(row: IndicatorRow) -> float | None:
    target = row["target"]
    if row["value"] is None or target is None or target["value"] is None:
        return None
    share = progress(Decimal(row["value"]), Decimal(target["value"]))
    return None if share is None else float(share)


def budget_track_chart(overview: BudgetOverview | None) -> list[dict[str, Any]]:
    """Allocated and spent per track: the rows of the overview added up per track."""
    by_track: dict[str, dict[str, Decimal]] = {}
    for row in overview.rows if overview else []:
        entry = by_track.setdefault(row.allocation.track.code, {"allocated": Decimal(0), "spent": Decimal(0)})
        entry["allocated"] += row.allocated
        entry["spent"] += row.spent
    return [
        {"track": code, "allocated": float(v["allocated"]), "spent": float(v["spent"])}
        for code, v in by_track.items()
    ]


def budget_chart(overview: BudgetOverview) -> list[dict[str, Any]]:
    """Allocated, committed and spent per allocation (the budget page)."""
    return [
        {
            "label": r.allocation.intervention.code
            if r.allocation.intervention
            else f"{_('Spoor')} {r.allocation.track.code}",
            "allocated": float(r.allocated),
            "committed": float(r.committed),
            "spent": float(r.spent),
        }
        for r in overview.rows
    ]


def context_chart(series: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Zwolle against the Netherlands per context indicator and year (selectors.context_series)."""
    return [
        {
            "name": s["name"],
            "years": s["years"],
            "municipality": [float(p["value"]) if p else None for p in s["municipality"]],
            "national": [float(p["value"]) if p else None for p in s["national"]],
            "provisional": [
                bool((m and m["provisional"]) or (n and n["provisional"]))
                for m, n in zip(s["municipality"], s["national"], strict=True)
            ],
        }
        for s in series
    ]


def indicator_history(
    indicator: Indicator, history: Sequence[Measurement], targets: dict[int, Target]
) -> list[dict[str, Any]]:
    """An indicator's facts over time with the target of each period and the status against it."""
    rows: list[dict[str, Any]] = []
    for m in history:
        value = display_value(indicator.unit, m.numerator, m.denominator, indicator.rate_base)
        target = targets.get(m.period_id)
        rows.append(
            {
                "measurement": m,
                "value": value,
                "target": target,
                "status": status(indicator.direction, value, target.value if target else None),
            }
        )
    return rows


def indicator_chart(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [
        {
            "period": r["measurement"].period.code,
            "value": float(r["value"]) if r["value"] is not None else None,
            "target": float(r["target"].value) if r["target"] else None,
        }
        for r in rows
    ]


def _short_month(month: Period) -> str:
    return f"{MONTH_NAMES_NL[month.start.month - 1][:3]} {month.start.year}"


def _count(fact: Measurement | None) -> int | None:
    return None if fact is None else int(fact.numerator)


def _part(fact: Measurement | None, breakdown: str, code: str) -> int | None:
    return None if fact is None else int(fact.breakdowns.get(breakdown, {}).get(code, 0))


def activity(months: list[Period], facts: dict[str, list[Measurement | None]]) -> dict[str, Any]:
    """Signals per month by domain, flags and matches per month, and the open cases at each month's
    end by status, from the month facts of the platform-wide indicators (selectors.monthly_facts)."""
    empty: list[Measurement | None] = [None] * len(months)
    signals, flags, matches, in_time, cases = (facts.get(key, empty) for key in ACTIVITY_KEYS)
    domains = [(str(code), str(label)) for code, label in Domain.choices]
    statuses = [(str(s.value), str(s.label)) for s in OPEN_STATUSES]
    signal_values = [[_part(fact, "domain", code) for code, _label in domains] for fact in signals]
    case_values = [[_part(fact, "status", code) for code, _label in statuses] for fact in cases]
    signal_rows = [
        {"month": month, "values": values, "total": _count(fact)}
        for month, values, fact in zip(months, signal_values, signals, strict=True)
    ]
    case_rows = [
        {"month": month, "values": values, "total": _count(fact)}
        for month, values, fact in zip(months, case_values, cases, strict=True)
    ]
    activity_rows = [
        {
            "month": month,
            "flags": _count(flag),
            "matches": _count(match),
            "in_time": follow_up,
            "in_time_value": (
                display_value("percentage", follow_up.numerator, follow_up.denominator) if follow_up else None
            ),
        }
        for month, flag, match, follow_up in zip(months, flags, matches, in_time, strict=True)
    ]
    labels = [_short_month(m) for m in months]

    def stacked(
        values: list[list[int | None]], names: list[tuple[str, str]], colours: list[str]
    ) -> MonthChart:
        return {
            "labels": labels,
            "stacked": True,
            "series": [
                {"label": label, "colour": colour, "values": [row[index] for row in values]}
                for index, ((_code, label), colour) in enumerate(zip(names, colours, strict=True))
            ],
        }

    activity_chart: MonthChart = {
        "labels": labels,
        "stacked": False,
        "series": [
            {"label": _("Signaleringen"), "colour": FLAGS_COLOUR, "values": [_count(f) for f in flags]},
            {"label": _("Matches"), "colour": MATCHES_COLOUR, "values": [_count(m) for m in matches]},
        ],
    }
    return {
        "cases_has_data": any(f is not None for f in cases),
        "statuses": [label for _code, label in statuses],
        "case_rows": case_rows,
        "cases_chart": stacked(case_values, statuses, STATUS_COLOURS),
        "activity_months": months,
        "activity_has_data": any(f is not None for f in (*signals, *flags, *matches)),
        "domains": [label for _code, label in domains],
        "signal_rows": signal_rows,
        "activity_rows": activity_rows,
        "signals_chart": stacked(signal_values, domains, [DOMAIN_COLOURS[code] for code, _label in domains]),
        "activity_chart": activity_chart,
    }
