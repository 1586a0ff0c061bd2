"""Dutch notation for amounts, one helper for pages, messages, PDF and (as a number format) XLSX."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

# openpyxl number format for euro amounts; Excel shows it with the reader's separators, which in a
# Dutch locale is "€ 224.400,00".
EURO_NUMBER_FORMAT = '"€" #,##0.00'


def dutch_number(value: Any, places: int = 2) -> str:
    """1234567.5 -> "1.234.567,50": a dot groups thousands, a comma separates the decimals."""
    try:
        number = Decimal(str(value))
    except (InvalidOperation, ValueError):
        return str(value)
    text = f"{number:,.{places}f}"
    return text.replace(",", "·").replace(".", ",").replace("·", ".")


def euro(amount: Any, places: int = 2) -> str:
    """An amount in Dutch notation: "€ 224.400,00"; "–" when there is none."""
    if amount is None or amount == "":
        return "–"
    return f"€ {dutch_number(amount, places)}"
