"""An attacker's audit of the ministry's figures (issue 9, point 6), written apart from the code it checks.

It reads every figure the ministry can read for some years – the live API for every month, quarter and
year, and every ready report's detail – and the true values (the facts in the database). Every count of
persons is a *cell*: an indicator's numerator and denominator in a period, the persons without the
outcome (denominator − numerator) and a cumulative indicator's growth over the period before. A cell is
*known* when a channel shows its number; all others are unknown.

The attacker knows every identity between cells that holds in the data (it is assumed to know the
computations): a period's value is the sum of its parts (per period) or equals its last part (cumulative,
latest value); numerator +
complement = denominator; a cumulative value = the one before + its growth; open cases = open before +
opened − closed; the matches made are the denominator of the share followed up; a platform-wide count
is the sum of the per-intervention counts. Each identity with the known cells filled in is a row over
unknown cells with a known right-hand side.

Every combination of rows with coefficients in {-1, 0, 1} gives the attacker one linear functional of
unknown cells. A leak is a functional that is a single cell below 5, or a sum of several cells (equal
coefficients) whose total is below 5. Enumerating all 3^k combinations of a large family is too slow,
so: rows are split into connected components (rows sharing an unknown cell); a component of at most
`FULL` rows is enumerated completely; in a larger one every *connected* set of at most `DEPTH` rows (each
row shares an unknown cell with another in the set – a combination of unrelated rows cannot cancel
anything) with every sign pattern. A global sign flip gives the same functional, so the first row's sign
is fixed to +1.
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from monitoring.models import Indicator, Measurement
from monitoring.periods import MONTH, QUARTER, Period

FULL = 8
DEPTH = 4
SMALL = 5

Cell = tuple[str, Period, str]  # indicator code, period, "n" | "d" | "c" (complement) | "g" (growth)
Row = dict[Cell, int]


@dataclass
class Audit:
    combinations: int = 0
    leaks: list[str] = field(default_factory=list)
    published_numbers: int = 0
    hidden_cells: int = 0


def _number(text: object) -> Decimal | None:
    try:
        return Decimal(str(text)) if text is not None else None
    except InvalidOperation:
        return None  # "<5", "x": not a number


def year_periods(year: int) -> list[Period]:
    y = Period.parse(str(year))
    return [y, *y.parts(QUARTER), *y.parts(MONTH)]


def read_published(
    client, years: list[int]
) -> dict[tuple[str, Period], tuple[Decimal | None, Decimal | None]]:
    """Every figure the ministry can read: the live API per period, then every ready report."""
    shown: dict[tuple[str, Period], tuple[Decimal | None, Decimal | None]] = {}

    def take(period: Period, figures) -> None:
        for f in figures:
            n, d = _number(f["numerator"]), _number(f["denominator"])
            old = shown.get((f["code"], period), (None, None))
            shown[(f["code"], period)] = (old[0] if n is None else n, old[1] if d is None else d)

    for year in years:
        for period in year_periods(year):
            body = client.get(f"/api/v1/monitoring/interventions/?period={period.code}&page_size=200").json()
            assert "results" in body, body
            take(period, [i for item in body["results"] for i in item["indicators"]])
    for report in client.get("/api/v1/monitoring/reports/?page_size=200").json()["results"]:
        detail = client.get(report["url"]).json()
        take(
            Period.parse(report["period"]),
            [i for item in detail["interventions"] for i in item["indicators"]],
        )
    return shown


def audit(client, years: list[int]) -> Audit:
    indicators = {i.code: i for i in Indicator.objects.filter(counts_persons=True, is_active=True)}
    truth: dict[Cell, Decimal] = {}
    for code, kind, start, n, d in Measurement.objects.filter(
        indicator__code__in=list(indicators)
    ).values_list("indicator__code", "period__kind", "period__start", "numerator", "denominator"):
        p = Period(kind, start)
        truth[(code, p, "n")] = n
        if indicators[code].unit in ("percentage", "rate") and d is not None:
            truth[(code, p, "d")] = d
            truth[(code, p, "c")] = d - n
    for (code, p, q), value in list(truth.items()):
        if q == "n" and indicators[code].aggregation == Indicator.Aggregation.CUMULATIVE:
            before = truth.get((code, p.previous(), "n"))
            if before is not None:
                truth[(code, p, "g")] = value - before
    shown = read_published(client, years)
    known: set[Cell] = set()
    result = Audit()
    for (code, p), (n, d) in shown.items():
        for q, v in (("n", n), ("d", d)):
            if v is not None and (code, p, q) in truth:
                result.published_numbers += 1
                if v == truth[(code, p, q)]:
                    known.add((code, p, q))
    result.hidden_cells = len(set(truth) - known)
    rows = [r for r in _identities(indicators, truth, years) if _holds(r, truth)]
    unknown_rows = []
    for r in rows:
        u = {c: k for c, k in r.items() if c not in known}
        if u:
            unknown_rows.append(u)
    for component in _components(unknown_rows):
        _enumerate(component, truth, result)
    return result


def _holds(row: Row, truth: dict[Cell, Decimal]) -> bool:
    return all(c in truth for c in row) and sum(k * truth[c] for c, k in row.items()) == 0


def _identities(indicators: dict[str, Indicator], truth: dict[Cell, Decimal], years: list[int]) -> list[Row]:
    rows: list[Row] = []
    periods = [p for y in years for p in year_periods(y)]
    by_computation: dict[str, list[str]] = defaultdict(list)
    for code, i in indicators.items():
        by_computation[i.computation].append(code)
    for code in indicators:
        for p in periods:
            for q in ("n", "d", "c"):
                if (code, p, q) not in truth:
                    continue
                if p.kind != MONTH:
                    kids = [
                        k for k in p.parts(QUARTER if p.kind == "year" else MONTH) if (code, k, q) in truth
                    ]
                    if kids and indicators[code].aggregation == Indicator.Aggregation.PER_PERIOD:
                        rows.append({(code, p, q): 1, **{(code, k, q): -1 for k in kids}})  # sum of parts
                    elif kids and (code, p.parts(kids[0].kind)[-1], q) in truth:
                        rows.append({(code, p, q): 1, (code, p.parts(kids[0].kind)[-1], q): -1})  # = the last
            if (code, p, "d") in truth:
                rows.append({(code, p, "n"): 1, (code, p, "c"): 1, (code, p, "d"): -1})
            if (code, p, "g") in truth:
                rows.append({(code, p, "n"): 1, (code, p.previous(), "n"): -1, (code, p, "g"): -1})
    cases = {c: by_computation.get(c, []) for c in ("cases_active", "cases_opened", "cases_closed")}
    for active, opened, closed in itertools.product(*cases.values()):
        for p in periods:
            rows.append(
                {
                    (active, p, "n"): 1,
                    (active, p.previous(), "n"): -1,
                    (opened, p, "n"): -1,
                    (closed, p, "n"): 1,
                }
            )
    for new, share in itertools.product(
        by_computation.get("matches_new", []), by_computation.get("matches_followed_up_in_time", [])
    ):
        rows.extend({(new, p, "n"): 1, (share, p, "d"): -1} for p in periods)
    for total in ("signals_new", "youths_with_signal"):
        parts = by_computation.get(f"{total}_in_intervention", [])
        for whole in by_computation.get(total, []):
            if parts:
                rows.extend({(whole, p, "n"): 1, **{(part, p, "n"): -1 for part in parts}} for p in periods)
    return rows


def _components(rows: list[Row]) -> list[list[Row]]:
    parent = list(range(len(rows)))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    owner: dict[Cell, int] = {}
    for index, row in enumerate(rows):
        for cell in row:
            if cell in owner:
                parent[find(index)] = find(owner[cell])
            else:
                owner[cell] = index
    groups: dict[int, list[Row]] = defaultdict(list)
    for index, row in enumerate(rows):
        groups[find(index)].append(row)
    return list(groups.values())


def _subsets(rows: list[Row]):
    """Every non-empty subset of rows (small component), or every connected one up to DEPTH rows."""
    if len(rows) <= FULL:
        for size in range(1, len(rows) + 1):
            yield from itertools.combinations(range(len(rows)), size)
        return
    neighbours: dict[int, set[int]] = defaultdict(set)
    owner: dict[Cell, list[int]] = defaultdict(list)
    for index, row in enumerate(rows):
        for cell in row:
            owner[cell].append(index)
    for members in owner.values():
        for a in members:
            neighbours[a].update(m for m in members if m != a)
    seen: set[frozenset[int]] = set()
    frontier = [frozenset([i]) for i in range(len(rows))]
    for _depth in range(DEPTH):
        grown = []
        for subset in frontier:
            if subset in seen:
                continue
            seen.add(subset)
            yield tuple(sorted(subset))
            for member in subset:
                grown.extend(subset | {n} for n in neighbours[member] if n not in subset)
        frontier = grown


def _enumerate(rows: list[Row], truth: dict[Cell, Decimal], result: Audit) -> None:
    for subset in _subsets(rows):
        for signs in itertools.product((1, -1), repeat=len(subset) - 1):
            result.combinations += 1
            total: dict[Cell, int] = defaultdict(int)
            for sign, index in zip((1, *signs), subset, strict=True):
                for cell, k in rows[index].items():
                    total[cell] += sign * k
            functional = {c: k for c, k in total.items() if k}
            if not functional:
                continue
            coefficients = set(functional.values())
            if len(coefficients) != 1:
                continue
            value = sum(truth[c] for c in functional)
            if value < SMALL:
                what = ", ".join(f"{c[0]} {c[1]} {c[2]}" for c in sorted(functional, key=str))
                result.leaks.append(f"{what} = {value}")
