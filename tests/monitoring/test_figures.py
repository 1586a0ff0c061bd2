from decimal import Decimal

import pytest

from monitoring.figures import AT_RISK, OFF_TRACK, ON_TRACK, combine, display_value, public_figure, status
from monitoring.periods import Period


@pytest.mark.parametrize(
    ("direction", "value", "target", "expected"),
    [
        ("increase", "100", "100", ON_TRACK),
        ("increase", "90", "100", AT_RISK),  # exactly 10% short is still "at risk"
        ("increase", "89.9", "100", OFF_TRACK),
        ("decrease", "50", "50", ON_TRACK),
        ("decrease", "55", "50", AT_RISK),
        ("decrease", "55.1", "50", OFF_TRACK),
        ("increase", "1", None, None),
    ],
)
def test_status_takes_the_direction_and_the_ten_percent_margin_into_account(
    direction, value, target, expected
):
    assert status(direction, Decimal(value), Decimal(target) if target else None) == expected


def test_a_percentage_over_parts_is_a_ratio_of_sums_not_an_average_of_percentages():
    numerator, denominator = combine([(Decimal(3), Decimal(4)), (Decimal(1), Decimal(6))])
    assert (numerator, denominator) == (Decimal(4), Decimal(10))
    assert display_value("percentage", numerator, denominator) == Decimal("40.0")  # the average would be 45.8


def test_a_rate_is_shown_per_its_base():
    assert display_value("rate", Decimal(13), Decimal(2500), 10000) == Decimal("52.00")


def test_a_hidden_figure_reads_x_whatever_its_size_and_other_figures_are_shown_as_they_are():
    def figure(num, den=None, persons=True, published=False):
        return public_figure(
            unit="count" if den is None else "percentage",
            counts_persons=persons,
            numerator=Decimal(num),
            denominator=None if den is None else Decimal(den),
            published=published,
        )

    assert figure(3) == {"value": "x", "numerator": "x", "denominator": None, "suppressed": True}
    assert figure(300)["value"] == "x"  # the mark says nothing about the size
    assert figure(9, 14) == {"value": "x", "numerator": "x", "denominator": "x", "suppressed": True}
    assert figure(9, 14, published=True)["value"] == Decimal("64.3")
    assert figure(3, persons=False)["value"] == Decimal(3)  # activities, not persons


def test_periods_parse_nest_and_follow_each_other():
    q1 = Period.parse("2025-Q1")
    assert (q1.kind, str(q1.start), str(q1.end)) == ("quarter", "2025-01-01", "2025-03-31")
    assert [p.code for p in q1.parts("month")] == ["2025-01", "2025-02", "2025-03"]
    assert Period.parse("2025-03").code == "2025-03" and Period.parse("2025").end.isoformat() == "2025-12-31"
    assert q1.previous().code == "2024-Q4" and q1.next().code == "2025-Q2"
    assert q1.label == "1e kwartaal 2025"
    with pytest.raises(ValueError):
        Period.parse("2025-Q5")
