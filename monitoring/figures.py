"""Arithmetic of indicator values: display values, ratio of sums, status against target, suppression.

Pure functions on Decimals (no database), shared by the pages, the reports and the ministry API so
that every channel shows the same figure.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal

ON_TRACK, AT_RISK, OFF_TRACK = "on_track", "at_risk", "off_track"
STATUS_LABELS = {ON_TRACK: "op koers", AT_RISK: "risico", OFF_TRACK: "achter op doel"}
# A value that misses its target by at most this share of the target is "at risk", not "off track".
# docs/monitoring.md explains the choice.
MARGIN = Decimal("0.10")
# Counts of persons below this are never published to the ministry, nor derivable from what is
# (monitoring/disclosure.py, docs/monitoring.md "Suppression"). A hidden figure reads "x", as in CBS
# tables ("geheim"): the same mark whatever its size, so the mark itself tells nothing.
SUPPRESSION_THRESHOLD = 5
SUPPRESSED = "x"

_ONE_DECIMAL = Decimal("0.1")
_TWO_DECIMALS = Decimal("0.01")


def display_value(
    unit: str, numerator: Decimal | None, denominator: Decimal | None, rate_base: int | None = None
) -> Decimal | None:
    """The number people read: a count or euro as is; a percentage or rate from its ratio."""
    if numerator is None:
        return None
    if unit == "percentage":
        if not denominator:
            return None
        return (Decimal(numerator) * 100 / Decimal(denominator)).quantize(_ONE_DECIMAL, ROUND_HALF_UP)
    if unit == "rate":
        if not denominator:
            return None
        return (Decimal(numerator) * (rate_base or 1) / Decimal(denominator)).quantize(
            _TWO_DECIMALS, ROUND_HALF_UP
        )
    return Decimal(numerator)


def combine(parts: Iterable[tuple[Decimal, Decimal | None]]) -> tuple[Decimal, Decimal | None]:
    """Add up (numerator, denominator) pairs: a ratio of sums, never an average of ratios."""
    numerator, denominator, has_denominator = Decimal("0"), Decimal("0"), False
    for num, den in parts:
        numerator += Decimal(num)
        if den is not None:
            has_denominator = True
            denominator += Decimal(den)
    return numerator, (denominator if has_denominator else None)


def status(direction: str, value: Decimal | None, target: Decimal | None) -> str | None:
    """On track, at risk or off track against the target, taking the direction of change into account.

    Increase is good: value ≥ target is on track; value ≥ target − 10% of target is at risk.
    Decrease is good: value ≤ target is on track; value ≤ target + 10% of target is at risk.
    """
    if value is None or target is None:
        return None
    margin = abs(target) * MARGIN
    if direction == "decrease":
        if value <= target:
            return ON_TRACK
        return AT_RISK if value <= target + margin else OFF_TRACK
    if value >= target:
        return ON_TRACK
    return AT_RISK if value >= target - margin else OFF_TRACK


def progress(value: Decimal | None, target: Decimal | None) -> Decimal | None:
    """A value as a share of its target, in whole percents (the progress bars)."""
    if value is None or not target:
        return None
    return (value * 100 / target).quantize(Decimal("1"))


def figure_text(value: object) -> str | None:
    """A figure as text, the way the report snapshot stores it: exact, without trailing zeros on
    whole numbers ("12", "45.5", "x"). JSON has no decimal type."""
    if value is None:
        return None
    if isinstance(value, Decimal):
        return format(value.normalize() if value == value.to_integral_value() else value, "f")
    return str(value)


# --- Small-count suppression for the ministry ------------------------------------------------------


def is_small(count: Decimal | int | None) -> bool:
    """A count of persons from 0 to 4 identifies too few people to publish."""
    return count is not None and Decimal(count) < SUPPRESSION_THRESHOLD


def public_figure(
    *,
    unit: str,
    counts_persons: bool,
    numerator: Decimal | None,
    denominator: Decimal | None,
    rate_base: int | None = None,
    published: bool,
) -> dict[str, object]:
    """The figure as the ministry may see it. Whether a cell of persons is published is decided for
    the whole period tree at once (`disclosure.published_cells`, through
    `selectors.ministry_visibility`); a cell that is not is shown as "x" – value, numerator and
    denominator alike, whatever its size, so that a hidden cell tells nothing about its value."""
    value = display_value(unit, numerator, denominator, rate_base)
    figure: dict[str, object] = {
        "value": value,
        "numerator": numerator,
        "denominator": denominator,
        "suppressed": False,
    }
    if counts_persons and numerator is not None and not published:
        figure.update(
            value=SUPPRESSED,
            numerator=SUPPRESSED,
            denominator=None if denominator is None else SUPPRESSED,
            suppressed=True,
        )
    return figure
