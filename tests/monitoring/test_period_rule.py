"""Only periods that have happened (issue 12): values, reports and API answers for a future period are
refused in Dutch; the running period is provisional, and every figure says when it was computed."""

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from core.errors import DomainError
from monitoring.models import Report
from monitoring.periods import QUARTER, Period
from monitoring.selectors import period_list
from monitoring.services.measurements import measurement_enter
from monitoring.services.periods import period_get_or_create, period_require_begun
from monitoring.services.reports import report_make, report_request

from .conftest import indicator

pytestmark = pytest.mark.django_db


def _running() -> Period:
    return Period.containing(QUARTER, timezone.localdate())


def test_a_future_period_is_refused_in_the_service(indicators, petra):
    future = _running().next()
    with pytest.raises(DomainError) as refused:
        measurement_enter(
            actor=petra, indicator=indicator("2.1.3-deelnemers"), period=future, numerator=3, source="Halt"
        )
    assert refused.value.code == "period_future"
    assert "nog niet begonnen" in refused.value.message
    with pytest.raises(DomainError):
        report_request(actor=petra, period=future)
    assert not Report.objects.exists()


def test_the_running_period_takes_values(indicators, petra):
    period_require_begun(period=_running())  # no error
    m = measurement_enter(
        actor=petra, indicator=indicator("2.1.3-deelnemers"), period=_running(), numerator=3, source="Halt"
    )
    assert m.numerator == 3


def test_make_report_exits_non_zero_for_a_future_period(indicators):
    with pytest.raises(CommandError, match="nog niet begonnen"):
        call_command("make_report", "--period", _running().next().code)
    assert not Report.objects.exists()


def test_the_ministry_api_answers_400_for_a_future_period(indicators, hanna, api):
    response = api(hanna).get(f"/api/v1/monitoring/interventions/?period={_running().next().code}")
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert "nog niet begonnen" in response.content.decode()


def test_the_api_marks_the_running_period_provisional_with_computed_at(indicators, petra, hanna, api):
    measurement_enter(
        actor=petra, indicator=indicator("2.1.3-deelnemers"), period=_running(), numerator=3, source="Halt"
    )
    body = api(hanna).get(f"/api/v1/monitoring/interventions/?period={_running().code}").json()
    figures = {i["code"]: i for item in body["results"] for i in item["indicators"]}
    assert figures["2.1.3-deelnemers"]["provisional"] is True
    assert figures["2.1.3-deelnemers"]["computed_at"] is not None
    past = api(hanna).get("/api/v1/monitoring/interventions/?period=2025-Q1").json()
    assert all(i["provisional"] is False for item in past["results"] for i in item["indicators"])


def test_a_report_on_demand_of_the_running_period_is_provisional(indicators):
    report = report_make(actor=None, period=Period.containing("month", timezone.localdate()))
    assert report.status == Report.Status.READY
    assert report.data["period"]["provisional"] is True


def test_the_periods_page_lists_no_future_period(indicators):
    period_get_or_create(period=_running().next())
    period_get_or_create(period=_running())
    starts = set(period_list().values_list("start", flat=True))
    assert _running().start in starts and _running().next().start not in starts


def test_a_report_on_demand_refreshes_its_periods_facts_first(indicators):
    from monitoring.models import Measurement

    period = Period.containing("month", timezone.localdate())
    assert not Measurement.objects.filter(origin="computed").exists()
    report = report_make(actor=None, period=period)
    computed = Measurement.objects.filter(
        origin="computed", period__kind=period.kind, period__start=period.start
    )
    assert computed.exists() and all(m.computed_at is not None for m in computed)
    codes = {row["code"] for t in report.data["tracks"] for i in t["interventions"] for row in i["output"]}
    assert set(computed.values_list("indicator__code", flat=True)) & codes
