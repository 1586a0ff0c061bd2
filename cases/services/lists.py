"""Loading the managed lists (legal bases, the follow-up catalogue) from cases.catalogue."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import transaction

from accounts.access import Actor
from accounts.models import OrganisationKind
from accounts.reference_data import ORGANISATION_KINDS
from core.audit import acting_as
from tracks.models import Intervention

from ..catalogue import FOLLOW_UP_TYPES, LEGAL_BASES
from ..models import (
    FollowUpType,
    LegalBasis,
)


@dataclass
class CaseListsLoadResult:
    created: list[str] = field(default_factory=list)


@transaction.atomic
def case_lists_load(*, actor: Actor | None) -> CaseListsLoadResult:
    """Add the seeded legal bases and follow-up types that are missing. Idempotent.

    Rows that exist (by code) are left as the projectleider edited them; missing organisation kinds
    that the catalogue names are created, so the seed also works on a fresh production database.
    """
    result = CaseListsLoadResult()
    kind_names = dict(ORGANISATION_KINDS)
    with acting_as(actor):
        for order, basis in enumerate(LEGAL_BASES):
            _obj, created = LegalBasis.objects.get_or_create(
                code=basis.code,
                defaults={"name": basis.name, "description": basis.description, "order": order},
            )
            if created:
                result.created.append(f"+ grondslag: {basis.name}")
        needed_kinds = sorted({code for seed in FOLLOW_UP_TYPES for code in seed.kinds})
        kinds = {}
        for code in needed_kinds:
            kinds[code], created = OrganisationKind.objects.get_or_create(
                code=code, defaults={"name": kind_names.get(code, code.capitalize())}
            )
            if created:
                result.created.append(f"+ soort organisatie: {kinds[code].name}")
        interventions = {i.code: i for i in Intervention.objects.all()}
        for order, seed in enumerate(FOLLOW_UP_TYPES):
            follow_up, created = FollowUpType.objects.get_or_create(
                code=seed.code,
                defaults={
                    "name": seed.name,
                    "description": seed.description,
                    "authority": seed.authority,
                    "usual_term_days": seed.term_days,
                    "intervention": interventions.get(seed.intervention),
                    "order": order,
                },
            )
            if created:
                follow_up.authorised_kinds.set([kinds[code] for code in seed.kinds])
                result.created.append(f"+ vervolgactie: {seed.name}")
            elif follow_up.intervention_id is None and seed.intervention in interventions:
                # The plan was loaded after the catalogue: link the intervention now.
                follow_up.intervention = interventions[seed.intervention]
                follow_up.save(update_fields=["intervention"])
    return result
