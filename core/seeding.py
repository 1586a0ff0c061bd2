"""Idempotent seeding of data the product ships (the plan, reference lists): a re-run changes nothing."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, TypeVar

from django.db import models

M = TypeVar("M", bound=models.Model)


@dataclass
class LoadResult:
    created: int = 0
    updated: int = 0
    changes: list[str] = field(default_factory=list)


def upsert(result: LoadResult, model: type[M], lookup: dict[str, Any], values: dict[str, Any]) -> M:
    """Create the row, or update only the fields that differ (so that a re-run writes no audit noise)."""
    obj = model._default_manager.filter(**lookup).first()
    if obj is None:
        obj = model._default_manager.create(**lookup, **values)
        result.created += 1
        result.changes.append(f"+ {model._meta.verbose_name}: {obj}")
        return obj
    changed = [name for name, value in values.items() if getattr(obj, name) != value]
    if changed:
        for name in changed:
            setattr(obj, name, values[name])
        obj.save(update_fields=changed)
        result.updated += 1
        result.changes.append(f"~ {model._meta.verbose_name}: {obj} ({', '.join(changed)})")
    return obj
