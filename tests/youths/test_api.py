"""POST /api/v1/signals/ and its refusals; the other endpoints' shapes (access: test_access.py)."""

import datetime as dt
import json

import pytest
from django.utils import timezone
from drf_spectacular.validation import validate_schema

from tests.factories import signal_logged
from youths.models import Involvement, Signal, Youth


def _body(**overrides):
    body = {
        "youth": {"first_name": "Noah", "last_name": "de Graaf", "date_of_birth": "2009-03-14"},
        "category": "overlast-straat",
        "domain": "street",
        "observed_on": (timezone.localdate() - dt.timedelta(days=2)).isoformat(),
        "description": "Gooide met stenen naar een bushokje, samen met twee anderen.",
    }
    body.update(overrides)
    return {key: value for key, value in body.items() if value is not None}


@pytest.mark.django_db
def test_a_partner_logs_a_signal_and_gets_the_signal_and_the_youths_id(api, bas, reference_lists):
    response = api(bas).post("/api/v1/signals/", _body(), format="json")
    assert response.status_code == 201, response.content
    data = response.json()
    youth = Youth.objects.get()
    assert data["youth_id"] == youth.pk
    assert data["organisation"] == bas.organisation.name
    assert data["category"] == "overlast-straat" and data["visibility"] == "full"
    signal = Signal.objects.get()
    assert signal.reported_by == bas and signal.organisation == bas.organisation
    assert Involvement.objects.get().organisation == bas.organisation

    again = api(bas).post("/api/v1/signals/", _body(youth=None, youth_id=youth.pk), format="json")
    assert again.status_code == 201 and again.json()["youth_id"] == youth.pk


@pytest.mark.django_db
def test_the_reporter_comes_from_the_login_never_from_the_body(api, bas, chaima, reference_lists):
    body = _body(
        organisation=chaima.organisation.pk, reported_by=chaima.pk, organisation_id=chaima.organisation.pk
    )
    assert api(bas).post("/api/v1/signals/", body, format="json").status_code == 201
    signal = Signal.objects.get()
    assert signal.organisation == bas.organisation and signal.reported_by == bas


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("overrides", "field", "phrase"),
    [
        ({"category": "bestaat-niet"}, "category", "Onbekende categorie"),
        ({"domain": "garden"}, "domain", "Onbekend leefgebied"),
        ({"observed_on": "2999-01-01"}, "observed_on", "toekomst"),
        ({"observed_on": "14-03-2025"}, "observed_on", "JJJJ-MM-DD"),
        ({"observed_on": "2001-01-01"}, "observed_on", "geboortedatum"),
        ({"description": ""}, "description", "Beschrijf kort"),
        ({"description": "   "}, "description", "Beschrijf kort"),
        ({"description": "x" * 1001}, "description", "te lang"),
        ({"youth": {"first_name": "Noah"}}, "youth", ""),
        ({"youth": None, "youth_id": 999999}, "youth_id", "geen jongere"),
        ({"youth_id": 1}, "youth", "óf"),
    ],
)
def test_bad_input_gets_a_400_with_a_message_for_the_field_and_nothing_is_saved(
    api, bas, reference_lists, overrides, field, phrase
):
    response = api(bas).post("/api/v1/signals/", _body(**overrides), format="json")
    assert response.status_code == 400, response.content
    assert response["Content-Type"].startswith("application/problem+json")
    data = response.json()
    assert field in data, data
    assert phrase in json.dumps(data, ensure_ascii=False), data
    assert Youth.objects.count() == 0 and Signal.objects.count() == 0


@pytest.mark.django_db
def test_a_youth_id_out_of_reach_gets_the_same_400_as_one_that_does_not_exist(
    api, bas, daan, reference_lists
):
    youth = signal_logged(bas).youth
    out_of_reach = api(daan).post("/api/v1/signals/", _body(youth=None, youth_id=youth.pk), format="json")
    missing = api(daan).post("/api/v1/signals/", _body(youth=None, youth_id=youth.pk + 1000), format="json")
    assert out_of_reach.status_code == missing.status_code == 400
    assert out_of_reach.json()["youth_id"] == missing.json()["youth_id"]
    assert Signal.objects.count() == 1


@pytest.mark.django_db
def test_malformed_json_gets_a_400_and_nothing_is_saved(api, bas, reference_lists):
    response = api(bas).post("/api/v1/signals/", "{not json", content_type="application/json")
    assert response.status_code == 400
    assert response.json()["status"] == 400 and response.json()["detail"]
    assert Signal.objects.count() == 0


@pytest.mark.django_db
@pytest.mark.parametrize("persona", ["ruben", "petra", "bert", "hanna"])
def test_only_partners_log_signals_through_the_api(request, api, persona, reference_lists):
    user = request.getfixturevalue(persona)
    assert api(user).post("/api/v1/signals/", _body(), format="json").status_code == 403
    assert Signal.objects.count() == 0


@pytest.mark.django_db
def test_signal_categories_are_listed_with_code_description_and_weight(api, bas, hanna, reference_lists):
    data = api(bas).get("/api/v1/signal-categories/").json()
    codes = {c["code"]: c for c in data["results"]}
    assert {"wapens", "schoolverzuim", "lvb", "crimineel-netwerk"} <= set(codes)
    assert codes["wapens"]["weight"] == 3 and codes["wapens"]["description"]
    assert api(hanna).get("/api/v1/signal-categories/").status_code == 403


@pytest.mark.django_db
def test_lists_are_paginated_with_next_links(api, ruben, bas, reference_lists):
    for n in range(3):
        signal_logged(bas, first_name=f"Jongere{n}", last_name="Test")
    page = api(ruben).get("/api/v1/youths/?page_size=2").json()
    assert len(page["results"]) == 2 and page["next"]
    rest = api(ruben).get(page["next"]).json()
    assert len(rest["results"]) == 1 and rest["next"] is None
    assert {y["first_name"] for y in page["results"] + rest["results"]} == {
        "Jongere0",
        "Jongere1",
        "Jongere2",
    }
    assert "next" in api(ruben).get("/api/v1/signals/").json()
    assert "count" in api(ruben).get("/api/v1/matches/").json()


@pytest.mark.django_db
def test_the_schema_documents_the_youth_endpoints(web):
    schema = web.get("/api/v1/schema/?format=json").json()
    validate_schema(schema)
    for path in (
        "/api/v1/signals/",
        "/api/v1/youths/",
        "/api/v1/youths/{id}/",
        "/api/v1/matches/",
        "/api/v1/flags/",
    ):
        assert path in schema["paths"], path
    assert "post" in schema["paths"]["/api/v1/signals/"]
