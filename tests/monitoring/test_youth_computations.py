"""Computations over youths, signals, matches and flags, on factory data, against figures worked out by
hand. Every event is logged through the services and then placed at a moment of our choosing (a test
cannot wait for a quarter to pass)."""

import datetime as dt

import pytest

from monitoring import computations
from monitoring.periods import Period
from monitoring.services.measurements import measurements_refresh
from tests.factories import DistrictFactory, YouthFactory, signal_logged
from tests.querycount import queries_of
from tracks.services import track_partners_link
from youths.models import Youth

from .conftest import at, log, raise_flags, value

pytestmark = pytest.mark.django_db

Q4_2024, Q1, Q2 = Period.parse("2024-Q4"), Period.parse("2025-Q1"), Period.parse("2025-Q2")


def test_youths_with_a_signal_count_each_youth_once_with_breakdowns_by_district_gender_and_age(story):
    result = computations.get("youths_with_signal")(Q1.start, Q1.end)
    # A (2 signals), B, C (its Q4 signal does not count), D (its withdrawn signal does not), E (2 signals).
    assert result.numerator == 5
    assert result.breakdowns == {
        "district": {"diezerpoort": 2, "holtenbroek": 2, "onbekend": 1},  # C, E | A, B | D
        "gender": {"m": 3, "onbekend": 1, "v": 1},  # A, C, E | D | B
        "age_band": {"0-11": 1, "12-14": 2, "15-17": 2},  # C | A, B | D, E
    }


def test_new_signals_by_domain_category_and_intervention_and_months_add_up_to_the_quarter(story):
    result = computations.get("signals_new")(Q1.start, Q1.end)
    # A: 10-01, 03-02; B: 31-03 23:30; C: 01-01 00:00; D: 01-03 (20-02 withdrawn); E: 05-03, 10-03.
    assert result.numerator == 7
    assert result.breakdowns["domain"] == {"home": 1, "online": 1, "school": 2, "street": 3}
    assert result.breakdowns["category"] == {
        "grensoverschrijdend": 1,
        "online-conflict": 1,
        "overlast-straat": 2,
        "schoolverzuim": 2,
        "wapens": 1,
    }
    assert result.breakdowns["intervention"] == {"2.1.3": 1, "onbekend": 6}
    assert result.breakdowns["district"] == {"diezerpoort": 3, "holtenbroek": 3, "onbekend": 1}
    months = [computations.get("signals_new")(m.start, m.end).numerator for m in Q1.parts("month")]
    assert months == [2, 1, 4]


def test_matches_flags_and_follow_up_in_time_per_quarter(story):
    matches, in_time, flags = (
        computations.get(key) for key in ("matches_new", "matches_followed_up_in_time", "flags_raised")
    )
    # Q1: M1 (A, followed up after 7 days) and M3 (E, after 22 days: late). Q2: M2 (A, not followed up).
    assert matches(Q1.start, Q1.end).numerator == 2
    assert matches(Q1.start, Q1.end).breakdowns["age_band"] == {"12-14": 1, "15-17": 1}
    assert (in_time(Q1.start, Q1.end).numerator, in_time(Q1.start, Q1.end).denominator) == (1, 2)
    assert (in_time(Q2.start, Q2.end).numerator, in_time(Q2.start, Q2.end).denominator) == (0, 1)
    # E's weapon rule on 10 March; A's three organisations on 2 April.
    assert flags(Q1.start, Q1.end).numerator == 1
    assert flags(Q1.start, Q1.end).breakdowns["district"] == {"diezerpoort": 1}
    assert flags(Q2.start, Q2.end).numerator == 1


def test_a_match_whose_follow_up_term_is_still_running_does_not_count_yet(story, bas, chaima):
    from django.utils import timezone

    youth = YouthFactory(first_name="G", last_name="Test", date_of_birth=dt.date(2011, 1, 1))
    signal_logged(bas, youth)
    signal_logged(chaima, youth, domain="school", category="schoolverzuim")  # a match, now
    running = Period.containing("quarter", timezone.localdate())
    result = computations.get("matches_followed_up_in_time")(running.start, running.end)
    assert (result.numerator, result.denominator) == (0, 0)
    assert computations.get("matches_new")(running.start, running.end).numerator == 1


def test_the_refresh_job_stores_the_facts_a_cumulative_count_and_per_intervention_values(story):
    quarters = [Period.parse("2024-Q3"), Q4_2024, Q1, Q2]
    measurements_refresh(periods=quarters, today=dt.date(2025, 7, 1))

    # Per period: Q3 nobody; Q4 C; Q1 A B C D E; Q2 A F.
    assert [value("2.1.2-jongeren-met-signaal", q).numerator for q in quarters] == [0, 1, 5, 2]
    # Since the start: 0 | C | + A B D E | + F. Not the sum of the periods (0+1+5+2 = 8): A and C come back.
    assert [value("2.1.2-jongeren-in-beeld", q).numerator for q in quarters] == [0, 1, 5, 6]
    assert value("2.1.2-jongeren-in-beeld", Q2).breakdowns["gender"] == {"m": 3, "onbekend": 1, "v": 2}
    q1 = value("2.1.2-jongeren-met-signaal", Q1)
    assert (q1.origin, q1.breakdowns["age_band"]) == ("computed", {"0-11": 1, "12-14": 2, "15-17": 2})
    assert value("2.1.2-nieuwe-signalen", Q1).breakdowns["domain"]["street"] == 3
    matches = value("2.1.2-matches-opgevolgd", Q1)
    assert (matches.numerator, matches.denominator) == (1, 2)
    assert value("2.1.2-signaleringen", Q1).numerator == 1
    # Signals that came up inside Preventief Halt: D in Q1, A in Q2; none inside youth work.
    assert [value("2.1.3-gesignaleerd", q).numerator for q in (Q1, Q2)] == [1, 1]
    assert value("2.1.1-gesignaleerd", Q1).numerator == 0


@pytest.mark.django_db
def test_the_age_band_is_the_age_on_the_last_day_of_the_period():
    def band(born: dt.date, on: dt.date) -> str:
        youth = YouthFactory(date_of_birth=born)
        expression = computations.age_band_expression("date_of_birth", on)
        rows = Youth.objects.filter(pk=youth.pk).annotate(band=expression)
        return rows.values_list("band", flat=True).get()

    born = dt.date(2013, 3, 31)
    assert band(born, dt.date(2025, 3, 30)) == "0-11"
    assert band(born, dt.date(2025, 3, 31)) == "12-14"
    assert band(dt.date(2008, 2, 29), dt.date(2026, 2, 28)) == "15-17"  # 18 on 1 March
    assert band(dt.date(2008, 2, 29), dt.date(2026, 3, 31)) == "18-22"
    assert band(dt.date(2000, 1, 1), dt.date(2025, 3, 31)) == "23+"


def _grow(bas, chaima, quarter: Period, count: int):
    """`count` youths in `quarter`, each with two organisations' signals (a match) and a flag."""
    district = DistrictFactory(code="assendorp")
    for n in range(count):
        youth = YouthFactory(date_of_birth=dt.date(2010, 1, 1) + dt.timedelta(days=n), district=district)
        day = quarter.start + dt.timedelta(days=n)
        log(bas, youth, at(day.isoformat()), category="wapens")
        log(chaima, youth, at(day.isoformat(), "13:00"), domain="school", category="schoolverzuim")
        raise_flags(youth, at(day.isoformat(), "13:05"))


def test_the_refresh_job_needs_as_many_queries_for_one_youth_as_for_many(
    indicators, reference_lists, bas, chaima
):
    small, large = Period.parse("2025-Q3"), Period.parse("2025-Q4")
    _grow(bas, chaima, small, 1)
    _grow(bas, chaima, large, 6)
    one = queries_of(lambda: measurements_refresh(periods=[small], today=dt.date(2026, 1, 5)))
    six = queries_of(lambda: measurements_refresh(periods=[large], today=dt.date(2026, 1, 5)))
    assert value("2.1.2-jongeren-met-signaal", large).numerator == 6
    assert value("2.1.2-signaleringen", large).numerator == 6
    assert len(six) == len(one), "\n".join(sorted(set(six) - set(one)))


def test_every_computation_that_counts_persons_feeds_only_indicators_that_count_persons(indicators):
    from monitoring.models import Indicator

    for item in Indicator.objects.exclude(computation=""):
        found = computations.get(item.computation)
        assert found.unit == item.unit, item.code
        assert item.counts_persons or not found.counts_persons, item.code
    with pytest.raises(ValueError, match="counts persons"):
        computations.check_fits(code="x", computation="signals_new", unit="count", counts_persons=False)


def test_the_ministry_sees_the_new_person_counts_suppressed_and_no_breakdown(story, hanna, api):
    # The whole year is computed, as the nightly job does: whether a quarter may be shown depends on
    # the year and the other quarters (monitoring/disclosure.py). The story happens in the first half.
    year = Period.parse("2025")
    measurements_refresh(periods=[year, *year.parts("quarter")], today=dt.date(2025, 7, 1))
    response = api(hanna).get("/api/v1/monitoring/interventions/?period=2025&page_size=50")
    assert response.status_code == 200
    figures = {i["code"]: i for item in response.json()["results"] for i in item["indicators"]}
    assert figures["2.1.2-jongeren-met-signaal"]["value"] == "6.00"
    assert figures["2.1.2-nieuwe-signalen"]["value"] == "9.00"
    # Fewer than 5 persons (or events about persons): "x"; 1 of 2 matches followed up: both hidden.
    for code in ("2.1.2-matches", "2.1.2-signaleringen", "2.1.3-gesignaleerd", "2.1.2-matches-opgevolgd"):
        assert figures[code]["value"] == "x", code
        assert figures[code]["suppressed"] is True
    assert figures["2.1.2-matches-opgevolgd"]["denominator"] == "x"
    body = response.content.decode()
    assert "breakdown" not in body and "holtenbroek" not in body and "2013-03-31" not in body


def test_the_indicator_page_shows_the_breakdowns_with_names_to_the_projectleider_not_to_a_partner(
    story, petra, bas, web
):
    measurements_refresh(periods=[Q4_2024, Q1], today=dt.date(2025, 7, 1))
    web.force_login(petra)
    page = web.get("/monitoring/indicatoren/2.1.2-nieuwe-signalen/").content.decode()
    assert "Uitsplitsing 1e kwartaal 2025" in page
    for label in ("Holtenbroek", "Diezerpoort", "Onbekend", "12–14 jaar", "Jongen", "Straat", "Wapens"):
        assert label in page, label
    older = web.get("/monitoring/indicatoren/2.1.2-nieuwe-signalen/?uitsplitsing=2024-Q4").content.decode()
    assert "Uitsplitsing 4e kwartaal 2024" in older
    # A partner of track 2 (issue 12) sees the figure of its intervention, never its breakdowns.
    track_partners_link(actor=None)
    web.force_login(bas)
    partner_page = web.get("/monitoring/indicatoren/2.1.2-nieuwe-signalen/")
    assert partner_page.status_code == 200
    assert "Uitsplitsing" not in partner_page.content.decode()
    assert "Holtenbroek" not in partner_page.content.decode()


def test_the_admin_refuses_a_person_count_computation_on_an_indicator_that_does_not_count_persons(indicators):
    from django.forms.models import model_to_dict

    from monitoring.admin import IndicatorForm
    from monitoring.models import Indicator

    existing = Indicator.objects.get(code="2.1.2-nieuwe-signalen")
    data = {k: v for k, v in model_to_dict(existing).items() if v is not None}
    assert IndicatorForm(data=data, instance=existing).is_valid()
    form = IndicatorForm(data={**data, "counts_persons": False}, instance=existing)
    assert not form.is_valid()
    assert "telt personen" in str(form.non_field_errors())
    other_unit = IndicatorForm(data={**data, "unit": "percentage"}, instance=existing)
    assert not other_unit.is_valid() and "dezelfde eenheid" in str(other_unit.non_field_errors())
