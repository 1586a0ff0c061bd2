"""Reporting periods as values: a month, a quarter or a year, named like `2025-03`, `2025-Q1`, `2025`.

A pure helper (no database): the models store (kind, start); this module knows how periods nest,
follow each other and are written.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass

from django.utils.translation import gettext_lazy

MONTH, QUARTER, YEAR = "month", "quarter", "year"
KINDS = (MONTH, QUARTER, YEAR)
_MONTHS = {MONTH: 1, QUARTER: 3, YEAR: 12}

_MONTH_RE = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")
_QUARTER_RE = re.compile(r"^(\d{4})-[Qq]([1-4])$")
_YEAR_RE = re.compile(r"^(\d{4})$")
# The years a period may name. Four digits allow 0000 and 9999, where the year before or after (which
# the figures compare with) does not exist; a reporting period of this programme lies well inside these.
FIRST_YEAR, LAST_YEAR = 1900, 2999

# How a period is written, said wherever people give one (forms, the API).
PERIOD_INVALID = gettext_lazy("Geef een periode als 2025-Q1, 2025-03 of 2025 (jaar 1900 t/m 2999).")
PERIOD_HINT_ANY = gettext_lazy("2025-Q1 (kwartaal), 2025-03 (maand) of 2025 (jaar)")
PERIOD_HINT_ENTRY = gettext_lazy("Bijvoorbeeld 2025-Q1 (kwartaal) of 2025-03 (maand).")
PERIOD_HINT_TARGET = gettext_lazy("Bijvoorbeeld 2025 (jaar) of 2025-Q2 (kwartaal).")
PERIOD_HINT_QUARTER = gettext_lazy("Bijvoorbeeld 2025-Q2.")
PERIOD_HINT_MONTH_OR_QUARTER = gettext_lazy("Een maand (2025-03) of een kwartaal (2025-Q1).")

MONTH_NAMES_NL = [
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
]


def _add_months(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


@dataclass(frozen=True, order=True)
class Period:
    kind: str
    start: dt.date

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"Unknown period kind {self.kind!r}")
        if self.start.day != 1 or (self.start.month - 1) % _MONTHS[self.kind]:
            raise ValueError(f"{self.start} does not start a {self.kind}")

    # --- construction -----------------------------------------------------------------------
    @classmethod
    def parse(cls, code: str) -> Period:
        """`2025-03` (month), `2025-Q1` (quarter) or `2025` (calendar year). ValueError otherwise."""
        code = code.strip()
        year = code[:4]
        if not (year.isdigit() and FIRST_YEAR <= int(year) <= LAST_YEAR):
            raise ValueError(f"Not a period: {code!r}")
        if m := _MONTH_RE.match(code):
            return cls(MONTH, dt.date(int(m[1]), int(m[2]), 1))
        if m := _QUARTER_RE.match(code):
            return cls(QUARTER, dt.date(int(m[1]), (int(m[2]) - 1) * 3 + 1, 1))
        if m := _YEAR_RE.match(code):
            return cls(YEAR, dt.date(int(m[1]), 1, 1))
        raise ValueError(f"Not a period: {code!r}")

    @classmethod
    def containing(cls, kind: str, day: dt.date) -> Period:
        month = day.month - (day.month - 1) % _MONTHS[kind]
        return cls(kind, dt.date(day.year, month, 1))

    # --- properties ---------------------------------------------------------------------------
    @property
    def end(self) -> dt.date:
        """The last day of the period (inclusive)."""
        return _add_months(self.start, _MONTHS[self.kind]) - dt.timedelta(days=1)

    @property
    def code(self) -> str:
        if self.kind == MONTH:
            return f"{self.start:%Y-%m}"
        if self.kind == QUARTER:
            return f"{self.start.year}-Q{(self.start.month - 1) // 3 + 1}"
        return f"{self.start.year}"

    @property
    def label(self) -> str:
        """Dutch label for people: `maart 2025`, `1e kwartaal 2025`, `2025`."""
        if self.kind == MONTH:
            return f"{MONTH_NAMES_NL[self.start.month - 1]} {self.start.year}"
        if self.kind == QUARTER:
            return f"{(self.start.month - 1) // 3 + 1}e kwartaal {self.start.year}"
        return f"{self.start.year}"

    def next(self) -> Period:
        return Period(self.kind, _add_months(self.start, _MONTHS[self.kind]))

    def previous(self) -> Period:
        return Period(self.kind, _add_months(self.start, -_MONTHS[self.kind]))

    def contains(self, other: Period) -> bool:
        return self.start <= other.start and other.end <= self.end

    def parts(self, kind: str) -> list[Period]:
        """The periods of a smaller (or the same) kind that make up this one."""
        result, current = [], Period(kind, self.start)
        while current.start <= self.end:
            result.append(current)
            current = current.next()
        return result

    def is_over(self, today: dt.date) -> bool:
        return self.end < today

    def __str__(self) -> str:
        return self.code


def periods_between(kind: str, first: dt.date, last: dt.date) -> Iterator[Period]:
    """Every period of `kind` that overlaps [first, last], in order."""
    current = Period.containing(kind, first)
    while current.start <= last:
        yield current
        current = current.next()
