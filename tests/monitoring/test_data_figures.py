"""Figures the platform holds are computed, not typed (issue 12): 1.1.1's families and re-signal rate,
1.1.2's groups, members handed to a case and group development from two or more groepsscans."""

import pytest

from cases.models import Case, YouthGroup, YouthGroupMember, YouthGroupStep
from cases.services.family import family_link_add
from core.errors import DomainError
from monitoring import computations
from monitoring.periods import Period
from monitoring.services.measurements import measurement_enter
from tests.factories import YouthFactory

from .conftest import at, indicator, log
from .test_case_computations import close, open_case

pytestmark = pytest.mark.django_db

Q1, Q1_2026 = Period.parse("2025-Q1"), Period.parse("2026-Q1")


@pytest.fixture
def case_lists(indicators, reference_lists):
    from cases.services.lists import case_lists_load

    case_lists_load(actor=None)


def figure(key, period):
    result = computations.get(key)(period.start, period.end)
    return (result.numerator, result.denominator) if result.denominator is not None else result.numerator


def test_families_are_the_cases_with_a_family_link(case_lists, ruben):
    with_family, without = (open_case(ruben, YouthFactory(), at("2025-01-10")) for _ in range(2))
    family_link_add(actor=ruben, case=with_family, relation="ouder", member_name="Mo")
    family_link_add(actor=ruben, case=with_family, relation="broer_zus", member_name="Sara")  # one family
    assert figure("families_with_family_links", Q1) == 1
    assert figure("families_with_family_links", Period.parse("2024-Q4")) == 0  # not opened yet


def test_the_re_signal_rate_counts_a_new_signal_within_12_months_after_closing(case_lists, ruben, chaima):
    quiet, resignalled, late = (YouthFactory() for _ in range(3))
    for youth in (quiet, resignalled, late):
        case = open_case(ruben, youth, at("2024-11-01"))
        case = Case.objects.get(pk=case.pk)
        close(ruben, case, at("2025-02-01"), "werk", "diploma", 3)
    log(chaima, resignalled, at("2025-09-01"))  # within 12 months: a re-signal
    log(chaima, late, at("2026-03-01"))  # after 12 months: not a re-signal
    # Closed in 2025-Q1: measured in 2026-Q1, once the 12 months have passed.
    assert figure("cases_closed_without_resignal", Q1_2026) == (2, 3)
    assert figure("cases_closed_without_resignal", Q1) == (0, 0)


def _group(ruben, name, scans):
    group = YouthGroup.objects.create(name=name, area="Park", coordinator=ruben, created_by=ruben)
    for number, (day, size) in enumerate(scans, start=1):
        YouthGroupStep.objects.create(
            youth_group=group,
            round=number,
            number=2,
            details={"groepsscan": "Scan", "groepsscan_datum": day, "groepsscan_omvang": str(size)},
        )
    YouthGroup.objects.filter(pk=group.pk).update(created_at=at("2025-01-05"))
    return group


def test_groups_members_to_a_case_and_group_development_come_from_the_group_approach(case_lists, ruben):
    smaller = _group(ruben, "Kern", [("2025-01-10", 8), ("2025-03-01", 5)])
    _group(ruben, "Plein", [("2025-01-10", 4), ("2025-03-01", 6)])  # grew
    _group(ruben, "Station", [("2025-01-10", 7)])  # one scan: not measured yet
    assert figure("youth_groups_worked", Q1) == 3
    assert figure("youth_groups_smaller", Q1) == (1, 2)
    assert figure("youth_groups_smaller", Period.parse("2025-01")) == (0, 0)  # second scans in March

    member, other = YouthFactory(), YouthFactory()
    case = open_case(ruben, member, at("2025-02-15"))
    YouthGroupMember.objects.create(youth_group=smaller, youth=member, case=case)
    YouthGroupMember.objects.create(youth_group=smaller, youth=other)
    assert figure("group_members_to_case", Q1) == 1
    assert figure("group_members_to_case", Period.parse("2025-Q2")) == 0


def test_a_computed_indicator_refuses_a_typed_value(case_lists, petra):
    with pytest.raises(DomainError, match="berekent het platform zelf"):
        measurement_enter(
            actor=petra, indicator=indicator("1.1.2-groepen"), period=Q1, numerator=3, source="Telling"
        )
