"""Hostile input (issue 9, point 8): whatever is sent, the answer is a refusal in Dutch — problem+json on
the API, a page on the site — never a server error, and nothing is saved."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.test import override_settings
from django.utils import timezone
from rest_framework import serializers

from monitoring.models import Measurement
from youths.models import Signal, Youth

pytestmark = pytest.mark.django_db


def _signal(**overrides):
    body = {
        "youth": {"first_name": "Noah", "last_name": "de Graaf", "date_of_birth": "2009-03-14"},
        "category": "overlast-straat",
        "domain": "street",
        "observed_on": (timezone.localdate() - dt.timedelta(days=2)).isoformat(),
        "description": "Gooide met stenen naar een bushokje.",
    }
    body.update(overrides)
    return {key: value for key, value in body.items() if value is not None}


def _assert_problem(response, status):
    assert response.status_code == status, response.content
    assert response["Content-Type"] == "application/problem+json"
    body = response.json()
    assert body["status"] == status and body["title"]
    return body


def _quiet(client):
    client.raise_request_exception = False  # a server error is an answer to assert on, not a crash
    return client


def test_a_missing_field_whose_message_names_the_input_gets_a_400(api, bas, reference_lists):
    response = _quiet(api(bas)).post("/api/v1/signals/", _signal(domain=None), format="json")
    body = _assert_problem(response, 400)
    assert "leefgebied" in body["domain"][0]
    assert Signal.objects.count() == Youth.objects.count() == 0


@pytest.mark.parametrize("value", [12345, 1.5, True])
def test_a_number_is_not_a_description(api, bas, reference_lists, value):
    response = api(bas).post("/api/v1/signals/", _signal(description=value), format="json")
    body = _assert_problem(response, 400)
    assert "tekst" in body["description"][0]
    assert Signal.objects.count() == Youth.objects.count() == 0


@pytest.mark.parametrize(
    ("text", "phrase"), [("een\x00twee", "Null-tekens"), ("een\ud800twee", "ongeldig teken")]
)
def test_text_with_a_nul_or_a_lone_surrogate_is_refused_in_dutch(api, bas, reference_lists, text, phrase):
    body = json.dumps(_signal(description=text))  # ASCII, escaped: `\ud800` arrives as a lone surrogate
    response = api(bas).post("/api/v1/signals/", body, content_type="application/json")
    assert phrase in _assert_problem(response, 400)["description"][0]
    assert Signal.objects.count() == 0


def test_a_number_is_not_a_name_either(api, bas, reference_lists):
    youth = {"first_name": 7, "last_name": "de Graaf", "date_of_birth": "2009-03-14"}
    response = api(bas).post("/api/v1/signals/", _signal(youth=youth), format="json")
    assert "youth.first_name" in {p["name"] for p in _assert_problem(response, 400)["invalid_params"]}


@override_settings(DATA_UPLOAD_MAX_MEMORY_SIZE=1024 * 1024)
def test_an_oversized_body_gets_a_413_problem_on_the_api_and_nothing_is_saved(api, bas, reference_lists):
    body = _signal(description="x" * (2 * 1024 * 1024))
    response = _quiet(api(bas)).post("/api/v1/signals/", body, format="json")
    assert "1 MB" in _assert_problem(response, 413)["detail"]
    assert Signal.objects.count() == 0


@override_settings(DATA_UPLOAD_MAX_MEMORY_SIZE=1024)
def test_an_oversized_form_gets_a_dutch_413_page(web, petra):
    web.raise_request_exception = False
    response = web.post("/account/inloggen/", {"username": "petra", "password": "x" * 4096})
    assert response.status_code == 413
    assert response["Content-Type"].startswith("text/html")
    assert "te groot" in response.content.decode()


@pytest.mark.parametrize(
    "path",
    ["/api/v1/tracks/%00/", "/api/v1/organisations/?kind__code=%00", "/api/v1/signals/?page=1%00"],
)
def test_a_nul_byte_in_an_api_address_gets_a_400_problem(api, petra, plan, path):
    assert "NUL" in _assert_problem(_quiet(api(petra)).get(path), 400)["detail"]


def test_a_nul_byte_in_a_page_address_gets_a_dutch_400_page(web, petra):
    web.force_login(petra)
    response = web.get("/jongeren/?q=%00")
    assert response.status_code == 400
    assert "ongeldig teken" in response.content.decode()


@pytest.mark.parametrize("period", ["0000-Q1", "0001-01", "0000", "9999-Q4", "0001"])
def test_an_impossible_period_gets_a_400_problem(api, hanna, petra, plan, period):
    figures = _quiet(api(hanna)).get(f"/api/v1/monitoring/interventions/?period={period}")
    assert "periode" in _assert_problem(figures, 400)["detail"]
    body = {"indicator": "2.1.3-deelnemers", "period": period, "numerator": 3, "source": "Registratie"}
    entered = _quiet(api(petra)).post("/api/v1/monitoring/measurements/", body, format="json")
    _assert_problem(entered, 400)
    assert Measurement.objects.count() == 0


def test_an_impossible_period_on_a_page_shows_the_last_quarter_instead(web, petra, plan):
    web.force_login(petra)
    web.raise_request_exception = False
    response = web.get("/monitoring/?periode=0001-01")
    assert response.status_code == 200
    assert "Onbekende periode" in response.content.decode()


def _request_serializers():
    """Every serializer that reads a request body of the API, as the OpenAPI document names it."""
    from drf_spectacular.generators import SchemaGenerator

    generator = SchemaGenerator()
    generator._initialise_endpoints()
    for path, _regex, method, callback in generator.endpoints:
        if method in ("POST", "PUT", "PATCH"):
            serializer = generator.create_view(callback, method).schema.get_request_serializer()
            yield f"{method} {path}", serializer() if isinstance(serializer, type) else serializer


def _writable_fields(serializer):
    for name, field in serializer.fields.items():
        if field.read_only:
            continue
        if isinstance(field, serializers.BaseSerializer):
            child = getattr(field, "child", field)
            yield from ((f"{name}.{n}", f) for n, f in _writable_fields(child))
        else:
            yield name, field


def test_every_text_field_of_a_request_body_refuses_numbers():
    plain, seen = [], 0
    for operation, serializer in _request_serializers():
        for field_name, field in _writable_fields(serializer):
            seen += isinstance(field, serializers.CharField)
            if type(field) is serializers.CharField:  # subclasses (regex, choices, TextField) check types
                plain.append(f"{operation} {field_name}")
    assert seen >= 10
    assert not plain, f"use core.api.TextField for: {plain}"
