"""Seed: the plan's indicators (monitoring/data/indicators.json)."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

from auditlog.context import set_actor
from django.db import transaction

from accounts.access import Actor
from tracks.models import Intervention, MeasurableResult

from .. import computations
from ..models import Indicator

INDICATORS_FILE = Path(__file__).resolve().parent.parent / "data" / "indicators.json"


@transaction.atomic
def indicators_seed_load(*, actor: Actor | None, path: Path = INDICATORS_FILE) -> dict[str, int]:
    """Create or update the seeded indicators (monitoring/data/indicators.json). Idempotent: a
    second run writes nothing. Needs the plan (tracks.services.plan_load) first."""
    data = json.loads(path.read_text(encoding="utf-8"))
    counts = {"created": 0, "updated": 0}
    interventions = {i.code: i for i in Intervention.objects.all()}
    with set_actor(actor):
        for item in data["indicators"]:
            if item["computation"]:
                computations.check_fits(
                    code=item["code"],
                    computation=item["computation"],
                    unit=item["unit"],
                    counts_persons=item["counts_persons"],
                )
            intervention = interventions[item["intervention"]]
            baseline = item.get("baseline") or {}
            values: dict[str, Any] = {
                "intervention": intervention,
                "metric": item["metric"],
                "kind": item["kind"],
                "name": item["name"],
                "unit": item["unit"],
                "rate_base": item.get("rate_base"),
                "direction": item["direction"],
                "aggregation": item["aggregation"],
                "definition": item["definition"],
                "counts_persons": item["counts_persons"],
                "computation": item["computation"],
                "entry_period_kind": item["entry_period_kind"],
                "baseline_value": Decimal(baseline["value"]).quantize(Decimal("0.01")) if baseline else None,
                "baseline_date": dt.date.fromisoformat(baseline["date"]) if baseline else None,
                "baseline_source": baseline.get("source", ""),
                "measurable_result": (
                    MeasurableResult.objects.get(intervention=intervention, code=item["measurable_result"])
                    if item.get("measurable_result")
                    else None
                ),
                "programme_target": (
                    Decimal(item["programme_target"]).quantize(Decimal("0.01"))
                    if item.get("programme_target") is not None
                    else None
                ),
                "ministry_note": item.get("ministry_note", ""),
                "order": item["order"],
            }
            indicator = Indicator.objects.filter(code=item["code"]).first()
            if indicator is None:
                Indicator.objects.create(code=item["code"], **values)
                counts["created"] += 1
                continue
            changed = [name for name, value in values.items() if getattr(indicator, name) != value]
            if changed:
                for name in changed:
                    setattr(indicator, name, values[name])
                indicator.save(update_fields=changed)
                counts["updated"] += 1
    return counts
