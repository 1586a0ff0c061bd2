"""The report snapshot: every figure of one period, read from facts, as plain JSON-able data.

The snapshot is what the report page, the XLSX, the PDF and the ministry's report endpoint show; it
never changes after it is made. `figures_hash` covers everything except the moment of making, so
making the same period again on unchanged data gives the same hash.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from typing import Any

from django.utils import timezone

from tracks.models import Track

from .figures import STATUS_LABELS, SUPPRESSED, figure_text
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
from .snapshot import (
    SNAPSHOT_VERSION,
    BudgetPart,
    ContextPart,
    ContextPoint,
    CorrectionPart,
    IndicatorRow,
    InterventionPart,
    MinistryFigure,
    PublicFigure,
    RiskPart,
    Snapshot,
    TidyRow,
    TrackPart,
)

# Writes a number as text: figure_text for the snapshot, or str for the ministry's live figures.
Text = Callable[[Any], "str | None"]


def indicator_row(v: IndicatorValue, text: Text = figure_text) -> IndicatorRow:
    """One indicator's figures in a period, as the snapshot stores them. `text` writes the numbers:
    the snapshot's `figure_text`, or `str` for the ministry's live figures (stored decimals, "12.00")."""
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
        "numerator": text(v.numerator),
        "denominator": text(v.denominator),
        "value": text(v.value),
        "target": (
            {
                "value": text(v.target.value),
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
        "public": {
            "value": text(public["value"]),
            "numerator": text(public["numerator"]),
            "denominator": text(public["denominator"]),
            "suppressed": bool(public["suppressed"]),
        },
    }


def ministry_figure(row: IndicatorRow, *, published: bool, note: str = "") -> MinistryFigure:
    """The one way an indicator's figure leaves for the ministry, live or from a snapshot: its
    numbers where `published` (selectors.ministry_visibility decided, for the period tree as a whole),
    else "x"; and no status where the figure is hidden (it would hint at the value)."""
    public = _public_text(row, published=published)
    target = row["target"]
    return {
        "code": row["code"],
        "name": row["name"],
        "kind": row["kind"],
        "unit": row["unit"],
        "rate_base": row["rate_base"],
        "direction": row["direction"],
        "value": public["value"],
        "numerator": public["numerator"],
        "denominator": public["denominator"],
        "suppressed": public["suppressed"],
        "target": {"value": target["value"], "deadline": target["deadline"]} if target else None,
        "status": None if public["suppressed"] else row["status"],
        "approval_state": row["approval"],
        "explanation": note,
    }


def _public_text(row: IndicatorRow, *, published: bool) -> PublicFigure:
    """`figures.public_figure` on a row whose numbers are already text."""
    if row["counts_persons"] and row["numerator"] is not None and not published:
        hidden = None if row["denominator"] is None else SUPPRESSED
        return {"value": SUPPRESSED, "numerator": SUPPRESSED, "denominator": hidden, "suppressed": True}
    return {
        "value": row["value"],
        "numerator": row["numerator"],
        "denominator": row["denominator"],
        "suppressed": False,
    }


def snapshot_build(*, period: ReportingPeriod, version: int = 1) -> Snapshot:
    p: Period = period.as_period()
    programme = programme_get()
    indicators = list(indicator_list())
    values = indicator_values(period=p, indicators=indicators, public=True)
    totals = track_totals(values)
    pdca = {c.track_id: c for c in PdcaCycle.objects.filter(period=period).select_related("owner")}
    tracks: list[TrackPart] = []
    for track in Track.objects.prefetch_related("interventions").order_by("order"):
        interventions: list[InterventionPart] = []
        for intervention in track.interventions.all():
            rows = [indicator_row(v) for v in values if v.indicator.intervention_id == intervention.pk]
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
                        "numerator": figure_text(t.numerator),
                        "denominator": figure_text(t.denominator),
                        "value": figure_text(t.value),
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
                                "value": figure_text(v.target.value),
                                "specific": v.target.specific,
                            }
                            for v in track_values
                            if v.target
                        ],
                        "do": cycle.do,
                        "delivered": [
                            {
                                "indicator": v.indicator.code,
                                "name": v.indicator.name,
                                "value": figure_text(v.value),
                            }
                            for v in track_values
                            if v.indicator.kind == "output" and v.measurement
                        ],
                        "check": [
                            {"indicator": v.indicator.code, "value": figure_text(v.value), "status": v.status}
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
    corrections: list[CorrectionPart] = [
        {
            "indicator": v.indicator.code,
            "name": v.indicator.name,
            "previous_numerator": figure_text(c.previous_numerator),
            "previous_denominator": figure_text(c.previous_denominator),
            "numerator": figure_text(c.numerator),
            "denominator": figure_text(c.denominator),
            "reason": c.reason,
            "by": c.corrected_by.get_full_name() or c.corrected_by.get_username(),
            "at": timezone.localtime(c.corrected_at).isoformat(timespec="seconds"),
        }
        for v in values
        for c in v.corrections
    ]
    budget: BudgetPart | None = None
    year = budget_year_for(p.end)
    if year is not None:
        overview = budget_overview(year=year, until=min(p.end, year.end))
        budget = {
            "year": year.number,
            "start": year.start.isoformat(),
            "end": year.end.isoformat(),
            "until": overview.until.isoformat(),
            "cap": figure_text(year.cap),
            "allocated": figure_text(overview.allocated),
            "committed": figure_text(overview.committed),
            "spent": figure_text(overview.spent),
            "burn_rate": figure_text(overview.burn_rate),
            "elapsed": figure_text(overview.elapsed),
            "rows": [
                {
                    "track": r.allocation.track.code,
                    "intervention": r.allocation.intervention.code if r.allocation.intervention else None,
                    "name": (r.allocation.intervention or r.allocation.track).name,
                    "allocated": figure_text(r.allocated),
                    "committed": figure_text(r.committed),
                    "spent": figure_text(r.spent),
                    "remaining": figure_text(r.remaining),
                    "burn_rate": figure_text(r.burn_rate),
                    "participants": figure_text(r.participants),
                    "cost_per_participant": figure_text(r.cost_per_participant),
                }
                for r in overview.rows
            ],
        }
    context: list[ContextPart] = [
        {
            "code": s["code"],
            "name": s["name"],
            "unit": s["unit"],
            "source": s["source"],
            "years": s["years"],
            "municipality": [_ctx(x) for x in s["municipality"]],
            "national": [_ctx(x) for x in s["national"]],
        }
        for s in context_series()
    ]
    risks: list[RiskPart] = [
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
            "provisional": not p.is_over(timezone.localdate()),
        },
        "version": version,
        "programme": {"name": programme.name, "cap": figure_text(programme.yearly_budget_cap)}
        if programme
        else None,
        "tracks": tracks,
        "corrections": corrections,
        "budget": budget,
        "context": context,
        "risks": risks,
    }


def _ctx(point: dict[str, Any] | None) -> ContextPoint | None:
    return (
        None if point is None else {"value": figure_text(point["value"]), "provisional": point["provisional"]}
    )


def figures_hash(data: Snapshot) -> str:
    figures = {k: v for k, v in data.items() if k not in ("generated_at", "version")}
    return hashlib.sha256(json.dumps(figures, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


def indicator_rows(data: Snapshot) -> list[TidyRow]:
    """Every indicator row of a snapshot with its track and intervention (the tidy data)."""
    return [
        {**row, "track": t["code"], "intervention": i["code"], "intervention_name": i["name"]}
        for t in data.get("tracks", [])
        for i in t["interventions"]
        for row in (*i["output"], *i["outcome"])
    ]
