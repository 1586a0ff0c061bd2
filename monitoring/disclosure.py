"""Which figures the ministry may see: small-count suppression that subtraction cannot undo.

Pure decision logic (no database): `monitoring.selectors.ministry_visibility` loads the facts and asks
this module which (indicator, period) cells are published. Every channel the ministry reads – the live
API, the report endpoint and the snapshot's public part – goes through that one selector and through
`figures.public_figure`. docs/monitoring.md ("Suppression") explains the method and what it costs.

The method, in short. A *cell* is one indicator in one period. It is **safe** when every count of
persons it contains or implies is 5 or more: the numerator, the denominator and their difference
(the persons without the outcome), and for a cumulative indicator its growth over the previous period
of the same kind – of the numerator, of the denominator and of their difference, so that
subtracting the cumulative figures of consecutive periods never reveals a suppressed count.
Periods form a tree per calendar year: the year, its four quarters, their months.
A level is published **as a whole or not at all** among siblings:

- a year is published when it is safe;
- the quarters of a year are published when the year is, and all four quarters are safe;
- the months of a quarter are published when the quarter is, and all three months are safe.

So every hidden cell belongs to a complete set of hidden siblings under a published (safe) parent or
under a hidden parent: the only sum of hidden cells that follows from published figures is a whole
set of siblings, which equals its parent (5 or more). Indicators whose figures are tied by an identity
across indicators (cases: open now = open before + opened − closed; matches: the matches made are the
denominator of the share followed up) decide together, as one *family*; a family with a stock (a
"latest value" count of persons) decides its years together over the whole programme, because the
stock ties each year to the one before.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal

from .figures import is_small
from .periods import MONTH, QUARTER, YEAR, Period

# Computations whose figures are tied together by an identity across indicators decide together.
FAMILIES = {
    "cases_opened": "cases",
    "cases_active": "cases",
    "cases_closed": "cases",
    "matches_new": "matches",
    "matches_followed_up_in_time": "matches",
}


@dataclass(frozen=True)
class Series:
    """What the decision needs to know of an indicator (a plain value, so the logic stays pure)."""

    pk: int
    computation: str
    counts_persons: bool
    is_manual: bool
    cumulative: bool
    latest: bool

    @property
    def family(self) -> str:
        return FAMILIES.get(self.computation) or f"indicator:{self.pk}"


Fact = tuple[Decimal, Decimal | None]  # numerator, denominator
Cell = tuple[int, Period]  # indicator pk, period


@dataclass(frozen=True)
class Facts:
    """Every stored fact of the indicators concerned, and the frame: the programme and today."""

    values: Mapping[Cell, Fact]
    programme_start: dt.date
    today: dt.date

    def known_absent(self, series: Series, period: Period) -> bool:
        """A missing fact that hides nothing: before the programme, not begun yet, or a hand-entered
        indicator with no entry (its longer periods add up only the entries there are)."""
        return series.is_manual or period.end < self.programme_start or period.start > self.today

    def safe(self, series: Series, period: Period) -> bool:
        if not series.counts_persons:
            return True
        fact = self.values.get((series.pk, period))
        if fact is None:
            return self.known_absent(series, period)
        numerator, denominator = fact
        if is_small(numerator):
            return False
        if denominator is not None and (is_small(denominator) or is_small(denominator - numerator)):
            return False
        if series.cumulative:
            before = period.previous()
            previous = self.values.get((series.pk, before))
            if previous is None:
                return before.end < self.programme_start
            if is_small(numerator - previous[0]):
                return False
            # A cumulative share: subtracting consecutive periods gives the period's own numerator,
            # denominator and the persons without the outcome; each must be safe too.
            if denominator is not None:
                before_denominator = previous[1] or Decimal(0)
                growth = denominator - before_denominator
                if is_small(growth) or is_small(growth - (numerator - previous[0])):
                    return False
            return True
        return True


def published_cells(*, series: Iterable[Series], periods: Iterable[Period], facts: Facts) -> set[Cell]:
    """The cells among `series` × `periods` the ministry may see (see the module's docstring)."""
    families: dict[str, list[Series]] = defaultdict(list)
    for s in series:
        families[s.family].append(s)
    wanted = list(periods)
    result: set[Cell] = set()
    for members in families.values():
        decide = _Family(members, facts)
        for period in wanted:
            if decide.published(period):
                result.update((s.pk, period) for s in members)
    return result


class _Family:
    def __init__(self, members: list[Series], facts: Facts) -> None:
        self.members = members
        self.facts = facts
        self.stock = any(s.latest and s.counts_persons for s in members)
        self._memo: dict[Period, bool] = {}

    def _safe(self, period: Period) -> bool:
        return all(self.facts.safe(s, period) for s in self.members)

    def published(self, period: Period) -> bool:
        if period not in self._memo:
            self._memo[period] = self._published(period)
        return self._memo[period]

    def _published(self, period: Period) -> bool:
        if period.kind == YEAR:
            if not self.stock:
                return self._safe(period)
            first = self.facts.programme_start.year
            last = max(self.facts.today.year, period.start.year)
            return all(self._safe(Period(YEAR, dt.date(y, 1, 1))) for y in range(first, last + 1))
        parent = Period.containing(YEAR if period.kind == QUARTER else QUARTER, period.start)
        kind = QUARTER if period.kind == QUARTER else MONTH
        return self.published(parent) and all(self._safe(p) for p in parent.parts(kind))
