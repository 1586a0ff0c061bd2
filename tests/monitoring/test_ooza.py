"""OOZA as plan 3.2 defines it: outcomes taken when a youth from Zwolle leaves the arrangement (the
enrolment ends, with its reason), the diploma result over those who leave education, and the
small-numbers route to the ministry (cumulative, never revealing a suppressed count)."""

import datetime as dt
from decimal import Decimal

import pytest

from cases.services.core import Leaving, enrolment_add, enrolment_end
from core.errors import DomainError
from monitoring import computations
from monitoring.disclosure import Facts, Series, published_cells
from monitoring.models import Indicator
from monitoring.periods import Period
from tests.factories import DistrictFactory, YouthFactory
from tracks.models import Intervention

from .test_case_computations import at, open_case

pytestmark = pytest.mark.django_db

Q1 = Period.parse("2025-Q1")


@pytest.fixture
def case_lists(indicators, reference_lists):
    from cases.services.lists import case_lists_load

    case_lists_load(actor=None)


def leave(ruben, youth, leaving, ended="2025-03-01"):
    case = open_case(ruben, youth, at("2025-01-02"))
    enrolment = enrolment_add(
        actor=ruben,
        case=case,
        intervention=Intervention.objects.get(code="3.1.1"),
        started_on=dt.date(2025, 1, 5),
    )
    return enrolment_end(
        actor=ruben,
        enrolment=enrolment,
        ended_on=dt.date.fromisoformat(ended),
        result="voltooid",
        leaving=leaving,
    )


@pytest.fixture
def leavers(case_lists, ruben):
    """Five youths who left OOZA in 2025-Q1 (their cases stay open: no case closing is needed).

    a  Zwolle, left education with a diploma, work, network 4
    b  Zwolle, still in education (no diploma yet), vocational education, network 3
    c  Zwolle, left education without a diploma, no perspective, network 1
    d  Zwolle, moved away from Zwolle (not counted)
    e  not from Zwolle (no Zwolle district; not counted)
    """
    zwolle = DistrictFactory(code="holtenbroek")
    youth = {k: YouthFactory(district=zwolle) for k in "abcd"} | {"e": YouthFactory(district=None)}
    leave(ruben, youth["a"], Leaving("afgerond", True, "werk", "diploma", 4))
    leave(ruben, youth["b"], Leaving("afgerond", False, "beroepsonderwijs", "geen", 3))
    leave(ruben, youth["c"], Leaving("gestopt", True, "geen", "geen", 1))
    leave(ruben, youth["d"], Leaving("verhuisd", True, "werk", "diploma", 5))
    leave(ruben, youth["e"], Leaving("afgerond", True, "werk", "diploma", 5))


def share(key):
    result = computations.get(key)(Q1.start, Q1.end, Intervention.objects.get(code="3.1.1"))
    return result.numerator, result.denominator


def test_the_perspective_and_network_count_the_zwolle_leavers_not_the_moved_or_the_others(leavers):
    # a and b have a lasting perspective, c not; d moved away and e is not from Zwolle.
    assert share("ooza_leavers_with_perspective") == (2, 3)
    assert share("ooza_leavers_with_network") == (2, 3)  # a (4) and b (3); c has 1


def test_the_diploma_counts_only_those_who_left_education(leavers):
    # b is still in education: not in the denominator. c left without a diploma: counted, not met.
    assert share("ooza_education_leavers_with_qualification") == (1, 2)


def test_an_enrolment_still_running_has_no_outcome_yet(case_lists, ruben):
    youth = YouthFactory(district=DistrictFactory(code="assendorp"))
    case = open_case(ruben, youth, at("2025-01-02"))
    enrolment_add(
        actor=ruben,
        case=case,
        intervention=Intervention.objects.get(code="3.1.1"),
        started_on=dt.date(2025, 1, 5),
    )
    assert share("ooza_leavers_with_perspective") == (0, 0)


def test_leaving_ooza_asks_for_the_reason_and_the_outcomes(case_lists, ruben):
    youth = YouthFactory(district=DistrictFactory(code="assendorp"))
    case = open_case(ruben, youth, at("2025-01-02"))
    enrolment = enrolment_add(
        actor=ruben,
        case=case,
        intervention=Intervention.objects.get(code="3.1.1"),
        started_on=dt.date(2025, 1, 5),
    )
    with pytest.raises(DomainError) as refused:
        enrolment_end(actor=ruben, enrolment=enrolment, ended_on=dt.date(2025, 2, 1), result="voltooid")
    assert refused.value.field == "end_reason"
    with pytest.raises(DomainError) as refused:
        enrolment_end(
            actor=ruben,
            enrolment=enrolment,
            ended_on=dt.date(2025, 2, 1),
            result="voltooid",
            leaving=Leaving("afgerond", True, "werk", "diploma", None),
        )
    assert refused.value.field == "outcome_network_size"
    enrolment.refresh_from_db()
    assert enrolment.ended_on is None  # nothing half-saved


def test_the_ooza_indicators_carry_a_programme_target_and_a_note_for_the_ministry(indicators):
    for code in ("3.1.1-perspectief", "3.1.1-diploma", "3.1.1-netwerk"):
        period, so_far = Indicator.objects.get(code=code), Indicator.objects.get(code=f"{code}-looptijd")
        assert period.programme_target == so_far.programme_target == Decimal(100)
        assert so_far.aggregation == "cumulative" and "cumulatief" in so_far.ministry_note
        assert so_far.computation == period.computation


# --- The small-numbers route: cumulative, and subtraction reveals nothing ---------------------------

YEARS = ["2024", "2025", "2026"]


def _published(values):
    series = [Series(1, "ooza_leavers_with_perspective", True, False, True, False)]
    facts = Facts(
        values={(1, Period.parse(code)): fact for code, fact in values.items()},
        programme_start=dt.date(2024, 1, 1),
        today=dt.date(2027, 6, 1),
    )
    cells = published_cells(series=series, periods=[Period.parse(y) for y in YEARS], facts=facts)
    return sorted(period.code for _pk, period in cells)


def test_no_published_cumulative_share_subtracts_to_a_suppressed_count():
    # Cumulative shares (with / leavers): 2024 6/7, 2025 12/13 (grew 6/6), 2026 18/25 (grew 6/12).
    values = {
        "2024": (Decimal(6), Decimal(7)),
        "2025": (Decimal(12), Decimal(13)),
        "2026": (Decimal(18), Decimal(25)),
    }
    shown = _published(values)
    # 2024 alone has only 1 without the outcome; 2025 minus 2024 gives 0 new leavers without it.
    assert shown == ["2026"]
    for year in shown:
        previous = str(int(year) - 1)
        with_now, all_now = values[year]
        with_before, all_before = values.get(previous, (Decimal(0), Decimal(0)))
        for difference in (
            with_now - with_before,
            all_now - all_before,
            (all_now - with_now) - (all_before - with_before),
        ):
            assert difference == 0 or difference >= 5, (year, difference)


def test_a_cumulative_share_whose_leavers_without_the_outcome_grew_by_fewer_than_5_is_hidden():
    values = {
        "2024": (Decimal(10), Decimal(15)),  # 5 without the outcome
        "2025": (Decimal(20), Decimal(27)),  # grew by 10 with and 12 in all: 2 without – hidden
    }
    assert "2025" not in _published(values)
    assert "2024" in _published(values)


def test_the_indicator_page_shows_the_programme_target_and_the_note(indicators, petra, web):
    web.force_login(petra)
    page = web.get("/monitoring/indicatoren/3.1.1-diploma-looptijd/").content.decode()
    assert "Doel over de hele looptijd" in page and "data-programme-target>100%" in page
    assert "Toelichting voor het ministerie" in page and "cumulatief over de looptijd" in page


def test_the_ministry_gets_the_note_with_the_cumulative_figure(indicators, hanna, api):
    from monitoring.services.measurements import measurements_refresh

    measurements_refresh(periods=[Q1], today=dt.date(2025, 7, 1))
    figures = {
        i["code"]: i
        for item in api(hanna).get("/api/v1/monitoring/interventions/?period=2025-Q1").json()["results"]
        for i in item["indicators"]
    }
    assert "cumulatief" in figures["3.1.1-perspectief-looptijd"]["explanation"]
    assert figures["3.1.1-perspectief"]["explanation"] == ""
