"""Per combination rule: its flags, the share closed with "geen verdere actie", the median days from
flag to decision and the share that led to a case – on the rules page and as programme indicators."""

from decimal import Decimal

import pytest

from cases.models import AgendaItem, LegalBasis
from cases.services.meetings import (
    agenda_item_add,
    agenda_item_decide,
    agenda_item_record_legal_basis,
    meeting_create,
)
from monitoring import computations
from monitoring.periods import Period
from tests.factories import YouthFactory
from youths.models import CombinationRule, Flag
from youths.rule_statistics import rule_statistics

from .conftest import at

pytestmark = pytest.mark.django_db

Q1 = Period.parse("2025-Q1")


@pytest.fixture
def decided(indicators, reference_lists, ruben, chaima):
    """Rule A: four flags – raised 1 Feb; decided 3 Feb (geen actie), 11 Feb (geen actie), 21 Feb
    (casus); one still undecided. Rule B: none."""
    from cases.services.lists import case_lists_load

    case_lists_load(actor=None)
    rule_a, rule_b = CombinationRule.objects.order_by("pk")[:2]
    basis = LegalBasis.objects.get(code="wettelijke-taak")
    meeting = meeting_create(
        actor=ruben,
        kind="vroegsignalering",
        starts_at=at("2025-02-03", "14:00"),
        chair=ruben,
        organisations=[chaima.organisation],
    )
    for n, (day, decision) in enumerate(
        (("2025-02-03", "geen_actie"), ("2025-02-11", "geen_actie"), ("2025-02-21", "casus"), (None, None))
    ):
        flag = Flag.objects.create(
            youth=YouthFactory(),
            rule=rule_a,
            explanation="Test",
            trigger_key=f"k{n}",
            raised_at=at("2025-02-01"),
        )
        if day is None:
            continue
        item = agenda_item_add(actor=ruben, meeting=meeting, flag=flag)
        agenda_item_record_legal_basis(actor=ruben, item=item, legal_basis=basis)
        agenda_item_decide(
            actor=ruben, item=item, decision=decision, reason="Besproken", procesregie_holder=ruben
        )
        AgendaItem.objects.filter(pk=item.pk).update(decided_at=at(day, "15:00"))
    return rule_a, rule_b


def test_each_rule_shows_what_became_of_its_flags(decided):
    rule_a, rule_b = decided
    stats = rule_statistics([rule_a.pk, rule_b.pk])
    a = stats[rule_a.pk]
    assert (a.flags, a.decided, a.no_action, a.to_case) == (4, 3, 2, 1)
    assert a.median_days_to_decision == Decimal(10)  # 2, 10 and 20 days
    assert (a.no_action_share, a.to_case_share) == (Decimal(67), Decimal(33))
    assert stats[rule_b.pk].flags == 0 and stats[rule_b.pk].no_action_share is None


def test_the_rules_page_shows_the_statistics(decided, petra, web):
    web.force_login(petra)
    page = web.get("/combinatieregels/").content.decode()
    assert "Mediaan dagen van signalering tot besluit" in page
    assert 'data-stat="no-action">67% (2)' in page and 'data-stat="to-case">33% (1)' in page


def test_the_programme_indicators_count_the_decisions_of_the_period(decided):
    no_action = computations.get("flags_closed_without_action")(Q1.start, Q1.end)
    to_case = computations.get("flags_leading_to_case")(Q1.start, Q1.end)
    median = computations.get("flag_days_to_decision_median")(Q1.start, Q1.end)
    assert (no_action.numerator, no_action.denominator) == (2, 3)
    assert (to_case.numerator, to_case.denominator) == (1, 3)
    assert median.numerator == 10
    empty = Period.parse("2025-Q2")
    assert computations.get("flag_days_to_decision_median")(empty.start, empty.end).numerator == 0
