"""Numbers typed by people or read from files, as the services store them."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils.translation import gettext as _

from core.errors import DomainError

CENT = Decimal("0.01")


def decimal_input(value: Any, field: str) -> Decimal:
    """A finite number rounded to cents, or a DomainError on `field`."""
    try:
        number = Decimal(str(value))
    except (InvalidOperation, ValueError):
        raise DomainError(_("Geef een getal."), field=field) from None
    if not number.is_finite():
        raise DomainError(_("Geef een getal."), field=field)
    return number.quantize(CENT)
