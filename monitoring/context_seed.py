"""Seeds the plan's context indicators (police data per 10,000 inhabitants, 2023, Zwolle against the
Netherlands) from the `context_indicators` section of tracks/data/plan.json. Idempotent: a second run
writes nothing. Newer years come in through the CBS import (context_import)."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

from django.db import transaction

from accounts.access import Actor
from core.audit import acting_as
from core.seeding import LoadResult, upsert
from tracks.services import PLAN_FILE

from .models import ContextIndicator, ContextIndicatorValue


@transaction.atomic
def context_indicators_load(*, actor: Actor | None, path: Path = PLAN_FILE) -> LoadResult:
    data = json.loads(path.read_text(encoding="utf-8"))
    result = LoadResult()
    with acting_as(actor):
        for order, c in enumerate(data["context_indicators"]):
            indicator = upsert(
                result,
                ContextIndicator,
                {"code": c["code"]},
                {
                    "name": c["name"],
                    "description": c["description"],
                    "unit": c["unit"],
                    "source": c["source"],
                    "order": order,
                },
            )
            for area, key in (("municipality", "municipality_value"), ("national", "national_value")):
                upsert(
                    result,
                    ContextIndicatorValue,
                    {"indicator": indicator, "year": c["year"], "area": area},
                    {"value": Decimal(c[key])},
                )
    return result
