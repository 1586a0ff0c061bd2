"""The report snapshot: every figure of one period, read from facts, as plain JSON-able data.

The snapshot is what the report page, the XLSX, the PDF and the ministry's report endpoint show; it
never changes after it is made. `figures_hash` covers everything except the moment of making, so
making the same period again on unchanged data gives the same hash.
"""

from __future__ import annotations

import hashlib
import json
from decimal import Decimal
from typing import Any

from django.utils import timezone

from tracks.models import Track

from .figures import STATUS_LABELS
from .models import Indicator, PdcaCycle, ReportingPeriod
from .periods import Period
from .selectors import (
    IndicatorValue,
    budget_overview,
    budget_year_for,
    context_series,
    indicator_list,
    indicator_values,
    programme_get,
    risks_with_state,
    track_totals,
)

SNAPSHOT_VERSION = 1


def _num(value: Any) -> str | None:
    """Decimals as strings: exact, and JSON has no decimal type."""
    if value is None:
        return None
    if isinstance(value, Decimal):
        return format(value.normalize() if value == value.to_integral_value() else value, "f")
    return str(value)


def _indicator_row(v: IndicatorValue) -> dict[str, Any]:
    i = v.indicator
    m = v.measurement
    public = v.public()
    return {
        "code": i.code,
        "metric": i.metric,
        "name": i.name,
        "kind": i.kind,
        "unit": i.unit,
        "unit_label": str(Indicator.Unit(i.unit).label),
        "rate_base": i.rate_base,
        "direction": i.direction,
        "aggregation": i.aggregation,
        "counts_persons": i.counts_persons,
        "definition": i.definition,
        "numerator": _num(v.numerator),
        "denominator": _num(v.denominator),
        "value": _num(v.value),
        "target": (
            {
                "value": _num(v.target.value),
                "deadline": v.target.deadline.isoformat(),
                "specific": v.target.specific,
            }
            if v.target
            else None
        ),
        "status": v.status,
        "status_label": STATUS_LABELS.get(v.status or "", ""),
        "approval": v.approval,
        "origin": m.origin if m else None,
        "source": m.source if m else "",
        "breakdowns": m.breakdowns if m else {},
        "corrected": bool(v.corrections),
        "public": {k: _num(x) if not isinstance(x, bool) else x for k, x in public.items()},
    }


def snapshot_build(*, period: ReportingPeriod, version: int = 1) -> dict[str, Any]:
    p: Period = period.as_period()
    programme = programme_get()
    indicators = list(indicator_list())
    values = indicator_values(period=p, indicators=indicators)
    totals = track_totals(values)
    pdca = {c.track_id: c for c in PdcaCycle.objects.filter(period=period).select_related("owner")}
    tracks = []
    for track in Track.objects.prefetch_related("interventions").order_by("order"):
        interventions = []
        for intervention in track.interventions.all():
            rows = [_indicator_row(v) for v in values if v.indicator.intervention_id == intervention.pk]
            interventions.append(
                {
                    "code": intervention.code,
                    "name": intervention.name,
                    "output": [r for r in rows if r["kind"] == "output"],
                    "outcome": [r for r in rows if r["kind"] == "outcome"],
                }
            )
        cycle = pdca.get(track.pk)
        track_values = [v for v in values if v.indicator.intervention.track_id == track.pk]
        tracks.append(
            {
                "code": track.code,
                "kind": track.kind,
                "name": track.name,
                "interventions": interventions,
                "totals": [
                    {
                        "metric": t.metric,
                        "name": t.name,
                        "unit": t.unit,
                        "numerator": _num(t.numerator),
                        "denominator": _num(t.denominator),
                        "value": _num(t.value),
                        "interventions": t.interventions,
                    }
                    for t in totals
                    if t.track.pk == track.pk
                ],
                "pdca": (
                    {
                        "status": cycle.status,
                        "status_label": str(PdcaCycle.Status(cycle.status).label),
                        "owner": cycle.owner.get_full_name() or cycle.owner.get_username(),
                        "plan": cycle.plan,
                        "targets": [
                            {
                                "indicator": v.indicator.code,
                                "value": _num(v.target.value),
                                "specific": v.target.specific,
                            }
                            for v in track_values
                            if v.target
                        ],
                        "do": cycle.do,
                        "delivered": [
                            {"indicator": v.indicator.code, "name": v.indicator.name, "value": _num(v.value)}
                            for v in track_values
                            if v.indicator.kind == "output" and v.measurement
                        ],
                        "check": [
                            {"indicator": v.indicator.code, "value": _num(v.value), "status": v.status}
                            for v in track_values
                            if v.target
                        ],
                        "check_notes": cycle.check_notes,
                        "act_adjustment": cycle.act_adjustment,
                        "act_reason": cycle.act_reason,
                    }
                    if cycle
                    else None
                ),
            }
        )
    corrections = [
        {
            "indicator": v.indicator.code,
            "name": v.indicator.name,
            "previous_numerator": _num(c.previous_numerator),
            "previous_denominator": _num(c.previous_denominator),
            "numerator": _num(c.numerator),
            "denominator": _num(c.denominator),
            "reason": c.reason,
            "by": c.corrected_by.get_full_name() or c.corrected_by.get_username(),
            "at": timezone.localtime(c.corrected_at).isoformat(timespec="seconds"),
        }
        for v in values
        for c in v.corrections
    ]
    budget = None
    year = budget_year_for(p.end)
    if year is not None:
        overview = budget_overview(year=year, until=min(p.end, year.end))
        budget = {
            "year": year.number,
            "start": year.start.isoformat(),
            "end": year.end.isoformat(),
            "until": overview.until.isoformat(),
            "cap": _num(year.cap),
            "allocated": _num(overview.allocated),
            "committed": _num(overview.committed),
            "spent": _num(overview.spent),
            "burn_rate": _num(overview.burn_rate),
            "elapsed": _num(overview.elapsed),
            "rows": [
                {
                    "track": r.allocation.track.code,
                    "intervention": r.allocation.intervention.code if r.allocation.intervention else None,
                    "name": (r.allocation.intervention or r.allocation.track).name,
                    "allocated": _num(r.allocated),
                    "committed": _num(r.committed),
                    "spent": _num(r.spent),
                    "remaining": _num(r.remaining),
                    "burn_rate": _num(r.burn_rate),
                    "participants": _num(r.participants),
                    "cost_per_participant": _num(r.cost_per_participant),
                }
                for r in overview.rows
            ],
        }
    context = [
        {
            **{k: v for k, v in s.items() if k != "rows"},
            "municipality": [_ctx(x) for x in s["municipality"]],
            "national": [_ctx(x) for x in s["national"]],
        }
        for s in context_series()
    ]
    risks = [
        {
            "code": risk.code,
            "title": risk.title,
            "level": review.level if review else None,
            "date": review.date.isoformat() if review else None,
            "measures": review.measures if review else "",
        }
        for risk, review in risks_with_state(on=p.end)
    ]
    return {
        "snapshot_version": SNAPSHOT_VERSION,
        "generated_at": timezone.localtime().isoformat(timespec="seconds"),
        "period": {
            "code": p.code,
            "kind": p.kind,
            "label": p.label,
            "start": p.start.isoformat(),
            "end": p.end.isoformat(),
            "approval": period.status,
        },
        "version": version,
        "programme": {"name": programme.name, "cap": _num(programme.yearly_budget_cap)}
        if programme
        else None,
        "tracks": tracks,
        "corrections": corrections,
        "budget": budget,
        "context": context,
        "risks": risks,
    }


def _ctx(point: dict[str, Any] | None) -> dict[str, Any] | None:
    return None if point is None else {"value": _num(point["value"]), "provisional": point["provisional"]}


def figures_hash(data: dict[str, Any]) -> str:
    figures = {k: v for k, v in data.items() if k not in ("generated_at", "version")}
    return hashlib.sha256(json.dumps(figures, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


def indicator_rows(data: dict[str, Any]) -> list[dict[str, Any]]:
    """Every indicator row of a snapshot with its track and intervention (the tidy data)."""
    return [
        {**row, "track": t["code"], "intervention": i["code"], "intervention_name": i["name"]}
        for t in data.get("tracks", [])
        for i in t["interventions"]
        for row in (*i["output"], *i["outcome"])
    ]
