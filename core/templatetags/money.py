"""`{{ amount|euro }}` renders "€ 224.400,00"; `{{ amount|euro:0 }}` without cents."""

from __future__ import annotations

from typing import Any

from django import template

from core.formatting import euro as format_euro

register = template.Library()


@register.filter
def euro(amount: Any, places: int = 2) -> str:
    return format_euro(amount, int(places))
