"""Writes for the plan as data. `plan_load` is idempotent: a second run with the same file changes nothing."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from pathlib import Path

from django.db import transaction
from django.utils.translation import gettext as _

from accounts.access import Actor
from accounts.models import Organisation
from core.audit import acting_as
from core.errors import DomainError
from core.seeding import LoadResult, upsert

from .models import (
    BudgetYear,
    DesiredResult,
    Intervention,
    MeasurableResult,
    Milestone,
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
                "problem_analysis": p["problem_analysis"],
                "current_approach": p["current_approach"],
                "high_impact_crime_definition": p["high_impact_crime_definition"],
                "risks_introduction": p["risks_introduction"],
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
        upsert(
            result,
            DesiredResult,
            {"track": intervention.track, "order": ooza["desired_result_order"]},
            {"sub_results_of": intervention},
        )
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
        for order, m in enumerate(data["milestones"]):
            # Only the plan's own fields: a second load keeps the status and evidence the projectleider set.
            upsert(
                result,
                Milestone,
                {"programme": programme, "code": m["code"]},
                {
                    "track": Track.objects.get(programme=programme, code=m["track"]) if m["track"] else None,
                    "intervention": Intervention.objects.get(code=m["intervention"])
                    if m["intervention"]
                    else None,
                    "title": m["title"],
                    "due": dt.date.fromisoformat(m["due"]) if m["due"] else None,
                    "order": order,
                },
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


@transaction.atomic
def milestone_update(
    *, actor: Actor, milestone: Milestone, status: str, evidence_link: str = "", evidence_note: str = ""
) -> Milestone:
    """The projectleider records where a deliverable of the plan stands; "gereed" needs its evidence."""
    if status not in Milestone.Status.values:
        raise DomainError(_("Kies een status."), field="status")
    if status == Milestone.Status.DONE and not (evidence_link.strip() or evidence_note.strip()):
        raise DomainError(
            _("Geef bij 'gereed' een link naar het bewijs of een toelichting."), field="evidence_note"
        )
    milestone.status = status
    milestone.evidence_link = evidence_link.strip()
    milestone.evidence_note = evidence_note.strip()
    with acting_as(actor):
        milestone.save(update_fields=["status", "evidence_link", "evidence_note", "updated_at"])
    return milestone


@transaction.atomic
def intervention_evidence_set(
    *, actor: Actor, intervention: Intervention, level: str, source: str, date: dt.date | None
) -> Intervention:
    """Record an intervention's erkenningsniveau (Databank Effectieve Jeugdinterventies) with its source."""
    if level not in Intervention.EvidenceLevel.values:
        raise DomainError(_("Kies een erkenningsniveau."), field="level")
    if level != Intervention.EvidenceLevel.NOT_ASSESSED and not (source.strip() and date is not None):
        raise DomainError(_("Geef de bron en de datum van de beoordeling."), field="source")
    intervention.evidence_level, intervention.evidence_source = level, source.strip()
    intervention.evidence_date = date
    with acting_as(actor):
        intervention.save(update_fields=["evidence_level", "evidence_source", "evidence_date"])
    return intervention


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
