"""Suppression that holds (issue 9, point 6): the rule (monitoring/disclosure.py) on its own, and an
attacker's audit (suppression_audit.py) over adversarial figures entered by hand: small months under a
published quarter, a quarter's complement, small quarters under a published year."""

import datetime as dt
from decimal import Decimal

import pytest

from monitoring.disclosure import Facts, Series, published_cells
from monitoring.models import Indicator
from monitoring.periods import Period
from monitoring.services.measurements import measurement_enter
from tests import ci_numbers

from .conftest import indicator
from .suppression_audit import audit

P = Period.parse
START, TODAY = dt.date(2024, 7, 1), dt.date(2026, 12, 1)


def count(pk=1, computation="", cumulative=False, latest=False):
    return Series(pk, computation, True, not computation, cumulative, latest)


def shown(series, values, periods):
    facts = Facts(values={(s, P(p)): v for (s, p), v in values.items()}, programme_start=START, today=TODAY)
    cells = published_cells(series=series, periods=[P(p) for p in periods], facts=facts)
    return sorted((pk, p.code) for pk, p in cells)


def year(values: dict[str, int], pk=1, d=None):
    """Facts of a year from months: quarters and the year add up (per period)."""
    facts = {}
    for month, n in values.items():
        facts[(pk, month)] = (Decimal(n), None if d is None else Decimal(d[month]))
    for q in P("2025").parts("quarter"):
        parts = [facts[(pk, m.code)] for m in q.parts("month")]
        facts[(pk, q.code)] = (sum(n for n, _ in parts), None if d is None else sum(x for _, x in parts))
    quarters = [facts[(pk, q.code)] for q in P("2025").parts("quarter")]
    facts[(pk, "2025")] = (sum(n for n, _ in quarters), None if d is None else sum(x for _, x in quarters))
    return facts


MONTHS = [m.code for m in P("2025").parts("month")]


def test_a_small_month_hides_its_quarters_months_and_nothing_else():
    facts = year({m: 6 for m in MONTHS} | {"2025-02": 3})
    visible = shown([count()], facts, ["2025", "2025-Q1", "2025-01", "2025-02", "2025-03", "2025-04"])
    assert visible == [(1, "2025"), (1, "2025-04"), (1, "2025-Q1")]


def test_a_small_quarter_hides_all_quarters_and_so_all_months():
    facts = year({m: 6 for m in MONTHS} | {"2025-04": 1, "2025-05": 1, "2025-06": 1})
    visible = shown([count()], facts, ["2025", "2025-Q1", "2025-Q2", "2025-01", "2025-07"])
    assert visible == [(1, "2025")]


def test_a_share_is_hidden_when_the_persons_without_the_outcome_are_fewer_than_5():
    d = {m: 20 for m in MONTHS}
    facts = year({m: 10 for m in MONTHS} | {"2025-03": 17}, d=d)
    series = [Series(1, "", True, True, False, False)]
    assert shown(series, facts, ["2025-03", "2025-04", "2025-Q1"]) == [(1, "2025-04"), (1, "2025-Q1")]


def test_a_cumulative_count_that_grew_by_fewer_than_5_is_hidden():
    series = [count(computation="youths_with_signal", cumulative=True)]
    facts = {
        (1, "2024"): (Decimal(20), None),
        (1, "2025"): (Decimal(23), None),
        (1, "2026"): (Decimal(40), None),
    }
    facts |= {(1, "2023"): (Decimal(0), None)}
    # 2025 grew by 3: hidden; 2024 and 2026 are shown (between them 20 persons joined).
    assert shown(series, facts, ["2024", "2025", "2026"]) == [(1, "2024"), (1, "2026")]


def test_tied_indicators_decide_together_and_a_stock_over_every_year():
    opened, closed = count(0, "cases_opened"), count(2, "cases_closed")
    active = Series(1, "cases_active", True, False, False, True)  # a stock: the latest value
    facts = {}
    for pk, per_year in ((0, (8, 9, 10)), (1, (8, 6, 7)), (2, (0, 11, 9))):
        for y, n in zip(("2024", "2025", "2026"), per_year, strict=True):
            facts[(pk, y)] = (Decimal(n), None)
    # No case closed in 2024: 0 is a small count, and it would follow from the others (8 = 0 + 8 − 0),
    # so nothing of the cases is shown, in any year: the stock ties each year to the one before.
    assert shown([opened, active, closed], facts, ["2024", "2025", "2026"]) == []
    facts[(2, "2024")] = (Decimal(5), None)
    assert len(shown([opened, active, closed], facts, ["2024", "2025", "2026"])) == 9


def test_figures_not_of_persons_are_always_shown():
    series = [Series(1, "", False, True, False, False)]
    assert shown(series, {(1, "2025"): (Decimal(1), None)}, ["2025"]) == [(1, "2025")]


@pytest.fixture
def adversarial(indicators, petra):
    """Hand-entered months a subtraction would undo under a rule that only hides small cells."""
    Indicator.objects.filter(code__in=["2.1.1-deelnemers", "2.1.4-herkennen"]).update(
        entry_period_kind="month"
    )
    months = [m.code for m in P("2025").parts("month")]
    people = [3, 7, 8, 6, 6, 6, 1, 1, 1, 9, 9, 9]  # a small January; a small third quarter
    for month, n in zip(months, people, strict=True):
        measurement_enter(
            actor=petra, indicator=indicator("2.1.1-deelnemers"), period=P(month), numerator=n, source="x"
        )
    # Shares: each month 10 of 20, but March 18 of 20 (2 without the outcome).
    for month in months:
        numerator = 18 if month == "2025-03" else 10
        measurement_enter(
            actor=petra,
            indicator=indicator("2.1.4-herkennen"),
            period=P(month),
            numerator=numerator,
            denominator=20,
            source="x",
        )
    measurement_enter(
        actor=petra, indicator=indicator("2.1.3-deelnemers"), period=P("2025-Q1"), numerator=4, source="x"
    )
    measurement_enter(
        actor=petra, indicator=indicator("2.1.3-deelnemers"), period=P("2025-Q2"), numerator=9, source="x"
    )


def test_no_small_count_follows_from_adversarial_figures(adversarial, petra, hanna, api):
    from monitoring.services.reports import report_make

    report_make(actor=petra, period=P("2025-Q1"))
    report_make(actor=petra, period=P("2025-03"))
    result = audit(api(hanna), [2025])
    ci_numbers.record("suppression combinations tried (adversarial data)", result.combinations)
    assert result.published_numbers > 0
    assert not result.leaks, "\n".join(result.leaks[:15])

    def figures(period):
        url = f"/api/v1/monitoring/interventions/?period={period}"
        return {i["code"]: i for item in api(hanna).get(url).json()["results"] for i in item["indicators"]}

    # The third quarter has 3 persons: every quarter is hidden (and so every month); the year is shown.
    assert figures("2025")["2.1.1-deelnemers"]["value"] == "66.00"
    assert figures("2025-Q1")["2.1.1-deelnemers"]["value"] == "x"
    assert figures("2025-04")["2.1.1-deelnemers"]["value"] == "x"
    # The share: March's 2 without the outcome hide the first quarter's months; April is shown.
    assert figures("2025-Q1")["2.1.4-herkennen"]["value"] == "63.3"
    assert (
        figures("2025-03")["2.1.4-herkennen"]["value"],
        figures("2025-04")["2.1.4-herkennen"]["value"],
    ) == (
        "x",
        "50.0",
    )
    assert figures("2025-Q1")["2.1.3-deelnemers"]["value"] == "x"


def test_a_report_whose_figure_has_changed_since_shows_it_hidden(indicators, petra, hanna, api):
    from monitoring.services.reports import report_make

    def enter(n):
        measurement_enter(
            actor=petra, indicator=indicator("2.1.1-deelnemers"), period=P("2025-Q1"), numerator=n, source="x"
        )

    enter(25)
    report_make(actor=petra, period=P("2025-Q1"))
    enter(27)  # 2 more persons: the report next to the live figure would show them
    client = api(hanna)
    detail = client.get(client.get("/api/v1/monitoring/reports/").json()["results"][0]["url"]).json()
    reported = {i["code"]: i for item in detail["interventions"] for i in item["indicators"]}
    live = client.get("/api/v1/monitoring/interventions/?period=2025-Q1").json()["results"]
    assert {i["code"]: i for item in live for i in item["indicators"]}["2.1.1-deelnemers"]["value"] == "27.00"
    assert reported["2.1.1-deelnemers"]["value"] == "x"
