"""The ministry's API: ministerie tokens only, aggregated figures, small counts suppressed, no person."""

import datetime as dt
import json

import pytest
from drf_spectacular.validation import validate_schema
from rest_framework.test import APIClient

from monitoring.periods import Period
from monitoring.services.measurements import measurement_correct, measurement_enter
from monitoring.services.periods import period_approve, period_get_or_create, period_submit
from monitoring.services.reports import report_make
from monitoring.services.targets import target_set
from tests.querycount import assert_queries_flat

from .conftest import indicator

pytestmark = pytest.mark.django_db
Q1 = Period.parse("2025-Q1")
URL = "/api/v1/monitoring/interventions/?period=2025-Q1"
PERSONAL = "Jan de Vries, geboren 01-02-2010"


@pytest.fixture
def figures(indicators, petra):
    enter = measurement_enter
    enter(
        actor=petra,
        indicator=indicator("2.1.3-deelnemers"),
        period=Q1,
        numerator=3,
        source="Halt",
        note=f"Waaronder {PERSONAL}",
    )
    enter(actor=petra, indicator=indicator("2.1.1-deelnemers"), period=Q1, numerator=25, source="Travers")
    enter(
        actor=petra,
        indicator=indicator("3.1.2-handelen"),
        period=Q1,
        numerator=9,
        denominator=14,
        source="Evaluatieformulieren",
    )
    enter(
        actor=petra,
        indicator=indicator("2.1.4-herkennen"),
        period=Q1,
        numerator=13,
        denominator=14,
        source="Evaluatieformulieren",
    )
    for month, value in (("2025-01", 1), ("2025-02", 1), ("2025-03", 1)):
        enter(
            actor=petra,
            indicator=indicator("2.1.1-activiteiten"),
            period=Period.parse(month),
            numerator=value,
            source="Travers",
        )
    target_set(
        actor=petra,
        indicator=indicator("3.1.2-handelen"),
        period=Q1,
        value=100,
        deadline=dt.date(2025, 3, 31),
        specific="Alle deelnemers",
    )


def _by_code(body):
    return {i["code"]: i for item in body["results"] for i in item["indicators"]}


def test_the_ministry_reads_figures_per_intervention(figures, hanna, api):
    response = api(hanna).get(URL)
    assert response.status_code == 200
    body = response.json()
    assert [i["code"] for i in body["results"]] == [
        "1.1.1",
        "1.1.2",
        "2.1.1",
        "2.1.2",
        "2.1.3",
        "2.1.4",
        "3.1.1",
        "3.1.2",
    ]
    figures = _by_code(body)
    assert figures["2.1.1-deelnemers"]["value"] == "25.00" or figures["2.1.1-deelnemers"]["value"] == "25"
    staff = figures["3.1.2-handelen"]
    assert (staff["numerator"], staff["denominator"], staff["value"]) == (
        "9.00",
        "14.00",
        "64.3",
    )
    assert staff["target"] == {"value": "100.00", "deadline": "2025-03-31"}
    assert (staff["unit"], staff["status"], staff["approval_state"]) == (
        "percentage",
        "off_track",
        "open",
    )


def test_small_counts_of_persons_are_suppressed_and_so_is_what_reveals_them(figures, hanna, api):
    figures = _by_code(api(hanna).get(URL).json())
    assert figures["2.1.3-deelnemers"]["value"] == "x" and figures["2.1.3-deelnemers"]["suppressed"]
    parents = figures["2.1.4-herkennen"]  # 13 of 14: the one who did not could be derived
    assert (parents["numerator"], parents["value"], parents["status"]) == ("x", "x", None)
    assert figures["2.1.1-activiteiten"]["value"] in ("3", "3.00")  # activities are not persons


def test_the_approval_state_follows_the_period(figures, petra, hanna, api):
    period = period_get_or_create(period=Q1)
    period_submit(actor=petra, period=period)
    period_approve(actor=petra, period=period)
    assert _by_code(api(hanna).get(URL).json())["3.1.2-handelen"]["approval_state"] == "approved"


@pytest.mark.parametrize("persona", ["petra", "ruben", "bas", "chaima", "bert"])
def test_every_other_role_is_refused(figures, persona, request, hanna, api):
    user = request.getfixturevalue(persona)
    for url in (URL, "/api/v1/monitoring/reports/"):
        response = api(user).get(url)
        assert response.status_code == 403, (persona, url)
        assert response["Content-Type"] == "application/problem+json"
        assert api(hanna).get(url).status_code == 200


def test_anonymous_requests_are_refused_as_problem_json(figures):
    response = APIClient().get(URL)
    assert response.status_code in (401, 403)
    assert response["Content-Type"] == "application/problem+json"


def test_a_missing_or_wrong_period_is_a_problem_json_400(indicators, hanna, api):
    for url in ("/api/v1/monitoring/interventions/", "/api/v1/monitoring/interventions/?period=2025-Q7"):
        response = api(hanna).get(url)
        assert response.status_code == 400
        assert response["Content-Type"] == "application/problem+json"
        assert response.json()["invalid_params"][0]["name"] == "period"


def test_no_name_date_of_birth_or_free_text_about_a_youth_ever_leaves(figures, petra, hanna, api):
    period = period_get_or_create(period=Q1)
    period_submit(actor=petra, period=period)
    period_approve(actor=petra, period=period)
    measurement = indicator("2.1.1-deelnemers").measurements.get(period=period)
    measurement_correct(actor=petra, measurement=measurement, numerator=26, reason=f"Vergeten: {PERSONAL}")
    report = report_make(actor=petra, period=Q1)
    assert PERSONAL in json.dumps(report.data)  # the internal report keeps the reason
    client = api(hanna)
    texts = [
        client.get(URL).content.decode(),
        client.get("/api/v1/monitoring/reports/").content.decode(),
        client.get(f"/api/v1/monitoring/reports/{report.pk}/").content.decode(),
    ]
    for text in texts:
        for forbidden in (
            "Jan de Vries",
            "2010",
            "geboren",
            "Vergeten",
            "Waaronder",
            petra.first_name,
            petra.last_name,
            petra.username,
            "note",
            "reason",
            "birth",
        ):
            assert forbidden not in text, forbidden


def test_reports_are_listed_and_a_report_has_its_suppressed_figures(figures, petra, hanna, api):
    report = report_make(actor=petra, period=Q1)
    listing = api(hanna).get("/api/v1/monitoring/reports/").json()
    assert listing["count"] == 1
    assert listing["results"][0]["period"] == "2025-Q1" and listing["results"][0]["version"] == 1
    detail = api(hanna).get(listing["results"][0]["url"]).json()
    assert detail["figures_hash"] == report.figures_hash
    figures = {i["code"]: i for item in detail["interventions"] for i in item["indicators"]}
    assert figures["2.1.3-deelnemers"]["value"] == "x"
    assert figures["3.1.2-handelen"]["value"] == "64.3"


def test_the_endpoints_need_a_fixed_number_of_queries(figures, petra, hanna, api):
    client = api(hanna)
    report_make(actor=petra, period=Q1)

    def grow():
        report_make(actor=petra, period=Q1)
        report_make(actor=petra, period=Period.parse("2025-03"))
        measurement_enter(
            actor=petra, indicator=indicator("2.1.3-deelnemers"), period=Q1, numerator=40, source="x"
        )

    assert_queries_flat(
        {"figures": lambda: client.get(URL), "reports": lambda: client.get("/api/v1/monitoring/reports/")},
        grow=grow,
    )


def test_the_openapi_document_is_published_at_the_apis_base(indicators, hanna):
    response = APIClient().get("/api/v1/openapi.json")
    assert response.status_code == 200
    schema = response.json()
    validate_schema(schema)
    assert "/api/v1/monitoring/interventions/" in schema["paths"]
    assert "/api/v1/monitoring/reports/" in schema["paths"]
