"""API throttling: too many requests get 429 as problem+json in Dutch, with Retry-After."""

import pytest
from django.conf import settings
from rest_framework.throttling import AnonRateThrottle, UserRateThrottle


def test_the_api_throttles_anonymous_and_logged_in_clients():
    assert settings.REST_FRAMEWORK["DEFAULT_THROTTLE_CLASSES"] == [
        "rest_framework.throttling.AnonRateThrottle",
        "rest_framework.throttling.UserRateThrottle",
    ]
    assert set(settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]) == {"anon", "user"}


def _assert_throttled(response):
    assert response.status_code == 429
    assert response["Content-Type"] == "application/problem+json"
    assert int(response["Retry-After"]) >= 1
    body = response.json()
    assert body["status"] == 429
    assert body["detail"].startswith("Te veel verzoeken. Probeer het over ")


@pytest.mark.django_db
def test_a_user_over_the_rate_gets_429_problem_json_in_dutch(api, bas, chaima, plan, monkeypatch):
    monkeypatch.setattr(UserRateThrottle, "rate", "2/minute", raising=False)
    client = api(bas)
    assert client.get("/api/v1/tracks/").status_code == 200
    assert client.get("/api/v1/tracks/").status_code == 200
    _assert_throttled(client.get("/api/v1/tracks/"))
    # Counted per user: another user is not affected.
    assert api(chaima).get("/api/v1/tracks/").status_code == 200


@pytest.mark.django_db
def test_an_anonymous_client_over_the_rate_gets_429(client, monkeypatch):
    monkeypatch.setattr(AnonRateThrottle, "rate", "2/minute", raising=False)
    assert client.get("/api/v1/openapi.json").status_code == 200
    assert client.get("/api/v1/openapi.json").status_code == 200
    _assert_throttled(client.get("/api/v1/openapi.json"))
