"""The managed lists: districts, signal categories and the default combination rules (seeded)."""

from __future__ import annotations

from django.db import transaction

from accounts.access import Actor
from core.audit import acting_as

from ..models import CombinationRule, District, SignalCategory, SpecialCategory
from ..reference_data import DEFAULT_RULES, DISTRICTS, SIGNAL_CATEGORIES, SPECIAL_CATEGORIES
from .flags import combination_rule_save


@transaction.atomic
def reference_lists_load(*, actor: Actor | None) -> dict[str, int]:
    """Add the seeded districts, categories and default rules that are missing. Idempotent."""
    created = {"districts": 0, "categories": 0, "rules": 0}
    with acting_as(actor):
        for code, name in DISTRICTS:
            _district, new = District.objects.get_or_create(code=code, defaults={"name": name})
            created["districts"] += new
        for order, (code, name, description, weight) in enumerate(SIGNAL_CATEGORIES):
            _category, new = SignalCategory.objects.get_or_create(
                code=code,
                defaults={
                    "name": name,
                    "description": description,
                    "weight": weight,
                    "order": order,
                    "special_category": SPECIAL_CATEGORIES.get(code, SpecialCategory.NONE),
                },
            )
            created["categories"] += new
        for spec in DEFAULT_RULES:
            if CombinationRule.objects.filter(name=spec["name"]).exists():
                continue
            combination_rule_save(
                actor=actor,
                rule=None,
                name=spec["name"],
                description=spec["description"],
                window_days=spec["window_days"],
                min_signals=spec["min_signals"],
                min_organisations=spec["min_organisations"],
                min_domains=spec["min_domains"],
                min_total_weight=spec["min_total_weight"],
                categories=list(SignalCategory.objects.filter(code__in=spec["categories"])),
                is_active=True,
                priority=spec.get("priority", 3),
                evaluate=False,
            )
            created["rules"] += 1
    return created
