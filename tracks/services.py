"""Writes for the plan as data. `plan_load` is idempotent: a second run with the same file changes nothing."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from pathlib import Path

from django.db import transaction

from accounts.access import Actor
from accounts.models import Organisation
from core.audit import acting_as
from core.seeding import LoadResult, upsert

from .models import (
    BudgetYear,
    DesiredResult,
    Intervention,
    MeasurableResult,
    Programme,
    Risk,
    Track,
    TrackPartner,
)

PLAN_FILE = Path(__file__).resolve().parent / "data" / "plan.json"


def _programme_years(start: dt.date, end: dt.date) -> list[tuple[int, dt.date, dt.date]]:
    """Programme years from July to June; the last one runs to the programme's end (juli 2027)."""
    years = []
    number, year_start = 1, start
    while year_start < end:
        year_end = min(dt.date(year_start.year + 1, year_start.month, 1) - dt.timedelta(days=1), end)
        if (end - year_end).days < 45:  # fold a trailing stub month into the last year
            year_end = end
        years.append((number, year_start, year_end))
        number, year_start = number + 1, year_end + dt.timedelta(days=1)
    return years


@transaction.atomic
def plan_load(*, actor: Actor | None, path: Path = PLAN_FILE) -> LoadResult:
    data = json.loads(path.read_text(encoding="utf-8"))
    result = LoadResult()
    with acting_as(actor):
        p = data["programme"]
        start, end = dt.date.fromisoformat(p["start"]), dt.date.fromisoformat(p["end"])
        cap = Decimal(p["yearly_budget_cap"])
        programme = upsert(
            result,
            Programme,
            {"name": p["name"]},
            {
                "municipality": p["municipality"],
                "start": start,
                "end": end,
                "yearly_budget_cap": cap,
                "description": p["description"],
            },
        )
        intervention_order = 0
        for order, t in enumerate(data["tracks"]):
            track = upsert(
                result,
                Track,
                {"programme": programme, "code": t["code"]},
                {
                    "kind": t["kind"],
                    "name": t["name"],
                    "target_group": t["target_group"],
                    "description": t["description"],
                    "order": order,
                },
            )
            for i, text in enumerate(t["desired_results"]):
                upsert(result, DesiredResult, {"track": track, "order": i}, {"text": text})
            DesiredResult.objects.filter(track=track, order__gte=len(t["desired_results"])).delete()
            for i, name in enumerate(t["partners"]):
                upsert(result, TrackPartner, {"track": track, "order": i}, {"name": name})
            TrackPartner.objects.filter(track=track, order__gte=len(t["partners"])).delete()
            for iv in t["interventions"]:
                intervention_order += 1
                upsert(
                    result,
                    Intervention,
                    {"code": iv["code"]},
                    {
                        "track": track,
                        "name": iv["name"],
                        "target_group": iv["target_group"],
                        "description": iv["description"],
                        "order": intervention_order,
                    },
                )
        ooza = data["ooza_results"]
        intervention = Intervention.objects.get(code=ooza["intervention"])
        for r in ooza["results"]:
            upsert(
                result,
                MeasurableResult,
                {"intervention": intervention, "code": r["code"]},
                {
                    "text": r["text"],
                    "target_percentage": Decimal(str(r["target_percentage"])),
                    "minimum_network_size": r.get("minimum_network_size"),
                    "reference": ooza["reference"],
                },
            )
        for r in data["risks"]:
            upsert(
                result,
                Risk,
                {"programme": programme, "code": r["code"]},
                {"title": r["title"], "description": r["description"]},
            )
        track_partners_link(actor=actor)
        for number, year_start, year_end in _programme_years(start, end):
            upsert(
                result,
                BudgetYear,
                {"programme": programme, "number": number},
                {"start": year_start, "end": year_end, "cap": cap},
            )
    return result


# How the plan's wording of a partner (plan 1.3, 2.3, 3.3) names a platform organisation: a fragment of
# the plan's name, and a fragment of the organisation's name (case-insensitive). The plan names some
# partners loosely ("Jongerenwerk, Travers", "Jongerenwerk Travers"); one row covers both.
PARTNER_NAME_MATCHES: list[tuple[str, str]] = [
    ("politie", "politie"),
    ("travers", "travers"),
    ("halt", "halt"),
    ("sociaal wijkteam", "sociaal wijkteam"),
    ("jbov", "jeugdbescherming overijssel"),
    ("scholen", "ambelt"),
]


def _organisation_for(name: str, organisations: list[Organisation]) -> Organisation | None:
    lowered = name.lower()
    for plan_fragment, organisation_fragment in PARTNER_NAME_MATCHES:
        if plan_fragment in lowered:
            for organisation in organisations:
                if organisation_fragment in organisation.name.lower():
                    return organisation
    return None


@transaction.atomic
def track_partners_link(*, actor: Actor | None) -> int:
    """Link every plan partner without an organisation to the platform organisation its name matches
    (PARTNER_NAME_MATCHES). A link made by hand in the admin is kept. Idempotent; returns the number
    of partners linked now."""
    organisations = list(Organisation.objects.filter(is_active=True).order_by("name"))
    linked = 0
    with acting_as(actor):
        for partner in TrackPartner.objects.filter(organisation__isnull=True):
            organisation = _organisation_for(partner.name, organisations)
            if organisation is not None:
                partner.organisation = organisation
                partner.save(update_fields=["organisation"])
                linked += 1
    return linked
