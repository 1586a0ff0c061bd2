"""API tokens: hashed at rest, with an expiry, revocable (`manage.py api_token USER --revoke`)."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone
from knox.models import AuthToken
from rest_framework.test import APIClient

from accounts.services import api_token_create, api_tokens_revoke


def _client(key: str) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return client


def _assert_refused(response):
    assert response.status_code == 401
    assert response["Content-Type"] == "application/problem+json"
    assert response["WWW-Authenticate"] == "Token"
    body = response.json()
    assert body["status"] == 401
    assert "token is onbekend, verlopen of ingetrokken" in body["detail"]


@pytest.mark.django_db
def test_the_stored_value_is_not_the_token(bas):
    issued = api_token_create(actor=None, user=bas)
    row = AuthToken.objects.get(user=bas)
    stored = [str(value) for value in AuthToken.objects.filter(pk=row.pk).values_list().get()]
    assert issued.key not in stored
    assert all(issued.key not in value for value in stored)
    assert len(issued.key) == 64


@pytest.mark.django_db
def test_a_token_expires_after_its_ttl_and_is_then_refused(bas, plan, settings):
    issued = api_token_create(actor=None, user=bas)
    assert issued.expiry is not None
    assert timedelta(days=89) < issued.expiry - timezone.now() <= timedelta(days=90)
    assert _client(issued.key).get("/api/v1/tracks/").status_code == 200
    AuthToken.objects.filter(user=bas).update(expiry=timezone.now() - timedelta(seconds=1))
    _assert_refused(_client(issued.key).get("/api/v1/tracks/"))


@pytest.mark.django_db
def test_a_revoked_token_is_refused_and_the_command_says_how_many(bas, plan):
    first = api_token_create(actor=None, user=bas)
    second = api_token_create(actor=None, user=bas)
    out = StringIO()
    call_command("api_token", "bas", "--revoke", stdout=out)
    assert "2 API-token(s) van bas ingetrokken" in out.getvalue()
    _assert_refused(_client(first.key).get("/api/v1/tracks/"))
    _assert_refused(_client(second.key).get("/api/v1/tracks/"))
    assert not AuthToken.objects.filter(user=bas).exists()


@pytest.mark.django_db
def test_revoking_one_users_tokens_leaves_the_others(bas, chaima, plan):
    kept = api_token_create(actor=None, user=chaima)
    api_token_create(actor=None, user=bas)
    assert api_tokens_revoke(actor=None, user=bas) == 1
    assert _client(kept.key).get("/api/v1/tracks/").status_code == 200


@pytest.mark.django_db
def test_a_deactivated_users_token_is_refused(bas, plan):
    issued = api_token_create(actor=None, user=bas)
    bas.is_active = False
    bas.save(update_fields=["is_active"])
    _assert_refused(_client(issued.key).get("/api/v1/tracks/"))


@pytest.mark.django_db
def test_a_made_up_token_is_refused_in_dutch(plan):
    _assert_refused(_client("0" * 64).get("/api/v1/tracks/"))
