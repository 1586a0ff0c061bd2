"""Corrections to the generated OpenAPI document, where a response's shape depends on who asks."""

from __future__ import annotations

from typing import Any

from youths.serializers import SignalSerializer


def limited_views_are_partial(result: dict[str, Any], **kwargs: Any) -> dict[str, Any]:
    """drf-spectacular marks every read-only field required; a signal seen with limited access
    (docs/permissions.md) carries only `SignalSerializer.LIMITED_FIELDS`, so only those are."""
    component = result.get("components", {}).get("schemas", {}).get("Signal")
    if component and "required" in component:
        component["required"] = [
            name for name in component["required"] if name in SignalSerializer.LIMITED_FIELDS
        ]
    return result
