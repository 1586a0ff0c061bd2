"""Demo states of issue 12 points 6–8: allocations changed by setting and by adding (with their
history), milestones open, in progress and done, and interventions with an erkenningsniveau.
Idempotent: a second run adds nothing. The ratings are fictitious (the demo says so in the source)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from accounts.models import User
from monitoring.models import BudgetAllocation, BudgetAllocationChange
from monitoring.services.budget import allocation_change
from tracks.models import BudgetYear, Intervention, Milestone
from tracks.services import intervention_evidence_set, milestone_update

# (intervention, mode, amount, reason): money moved from the group approach to Halt, then a new amount.
BUDGET_CHANGES = [
    ("1.1.2", "add", "-5000", "Minder groepen in beeld dan begroot; het verschil gaat naar Halt."),
    ("2.1.3", "add", "5000", "Extra Preventief Halt-trajecten in Holtenbroek, overgeheveld van 1.1.2."),
    ("2.1.4", "set", "14000", "De #Ouderalert-bijeenkomsten vallen goedkoper uit: nieuw bedrag na offerte."),
]
MILESTONES = [
    ("meeting-structure", "done", "", "Overlegstructuur vastgesteld in het driehoeksoverleg (fictief)."),
    ("procesregie", "in_progress", "", "Concept besproken met de netwerkpartners (fictief)."),
    ("follow-up-list", "in_progress", "", ""),
    ("legal-frameworks", "open", "", ""),
    ("anchoring-after-2027", "open", "", ""),
]
EVIDENCE = [
    ("2.1.3", "well_founded", "Demo (fictief): Databank Effectieve Jeugdinterventies"),
    ("2.1.4", "promising", "Demo (fictief): eigen beoordeling projectleider"),
    ("1.1.2", "effective_first", "Demo (fictief): Databank Effectieve Jeugdinterventies"),
]


def demo_plandata_load() -> dict[str, Any]:
    petra = User.objects.filter(role="projectleider").order_by("id").first()
    today = timezone.localdate()
    year = BudgetYear.objects.filter(start__lte=today).order_by("-number").first()
    if petra is None or year is None or not Milestone.objects.exists():
        return {"skipped": True}
    changes = 0
    for code, mode, amount, reason in BUDGET_CHANGES:
        intervention = Intervention.objects.select_related("track").get(code=code)
        allocation = BudgetAllocation.objects.filter(budget_year=year, intervention=intervention).first()
        if (
            allocation is None
            or BudgetAllocationChange.objects.filter(allocation=allocation, reason=reason).exists()
        ):
            continue
        allocation_change(
            actor=petra,
            budget_year=year,
            track=intervention.track,
            intervention=intervention,
            mode=mode,
            amount=amount,
            reason=reason,
        )
        changes += 1
    for code, status, link, note in MILESTONES:
        milestone = Milestone.objects.get(code=code)
        if milestone.status == Milestone.Status.OPEN and status != Milestone.Status.OPEN:
            milestone_update(
                actor=petra, milestone=milestone, status=status, evidence_link=link, evidence_note=note
            )
    for code, level, source in EVIDENCE:
        intervention = Intervention.objects.get(code=code)
        if intervention.evidence_level == Intervention.EvidenceLevel.NOT_ASSESSED:
            intervention_evidence_set(
                actor=petra, intervention=intervention, level=level, source=source, date=dt.date(2024, 6, 1)
            )
    return {"skipped": False, "budget_changes": changes}
