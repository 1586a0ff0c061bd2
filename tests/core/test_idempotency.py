"""POST /api/v1/signals/ with an Idempotency-Key: a retried request returns the first answer."""

import datetime as dt
import threading

import pytest
from django.utils import timezone

from core.idempotency import idempotency_keys_purge
from core.models import IdempotencyKey
from youths.models import Signal

from ..youths.test_api import _body


def _post(client, body, key="3f0c1a52-9d8e-4f7a-a1b2-c3d4e5f60718"):
    return client.post("/api/v1/signals/", body, format="json", HTTP_IDEMPOTENCY_KEY=key)


@pytest.mark.django_db
def test_a_retried_request_returns_the_first_answer_and_stores_one_signal(api, bas, reference_lists):
    client = api(bas)
    first = _post(client, _body())
    assert first.status_code == 201, first.content
    again = _post(client, _body())
    assert again.status_code == 201
    assert again.json() == first.json()
    assert again["Idempotent-Replayed"] == "true"
    assert Signal.objects.count() == 1


@pytest.mark.django_db
def test_a_new_key_or_no_key_stores_a_new_signal(api, bas, reference_lists):
    client = api(bas)
    assert _post(client, _body(), key="a").status_code == 201
    assert _post(client, _body(), key="b").status_code == 201
    assert client.post("/api/v1/signals/", _body(), format="json").status_code == 201
    assert Signal.objects.count() == 3


@pytest.mark.django_db
def test_the_same_key_with_another_body_is_refused_in_dutch_and_saves_nothing(api, bas, reference_lists):
    client = api(bas)
    assert _post(client, _body()).status_code == 201
    other = _post(client, _body(description="Iets heel anders gezien bij de school."))
    assert other.status_code == 422
    assert other["Content-Type"] == "application/problem+json"
    assert "al gebruikt voor een ander verzoek" in other.json()["detail"]
    assert Signal.objects.count() == 1


@pytest.mark.django_db
def test_keys_are_per_user(api, bas, chaima, reference_lists):
    assert _post(api(bas), _body()).status_code == 201
    theirs = _post(api(chaima), _body())
    assert theirs.status_code == 201 and "Idempotent-Replayed" not in theirs
    assert Signal.objects.count() == 2


@pytest.mark.django_db
def test_a_refused_request_keeps_no_key_so_the_corrected_retry_is_stored(api, bas, reference_lists):
    client = api(bas)
    assert _post(client, _body(category="bestaat-niet")).status_code == 400
    assert IdempotencyKey.objects.count() == 0
    assert _post(client, _body()).status_code == 201
    assert Signal.objects.count() == 1


@pytest.mark.django_db
def test_an_invalid_key_is_refused(api, bas, reference_lists):
    response = _post(api(bas), _body(), key="x" * 256)
    assert response.status_code == 400 and response["Content-Type"] == "application/problem+json"
    assert Signal.objects.count() == 0


@pytest.mark.django_db
def test_keys_expire_and_the_purge_job_removes_them(api, bas, reference_lists, settings):
    client = api(bas)
    assert _post(client, _body()).status_code == 201
    IdempotencyKey.objects.update(
        created_at=timezone.now() - dt.timedelta(hours=settings.IDEMPOTENCY_KEY_HOURS + 1)
    )
    assert _post(client, _body()).status_code == 201  # expired: a new request
    assert Signal.objects.count() == 2
    IdempotencyKey.objects.update(created_at=timezone.now() - dt.timedelta(hours=25))
    assert idempotency_keys_purge() == 1
    assert IdempotencyKey.objects.count() == 0


@pytest.mark.django_db(transaction=True)
def test_two_retries_at_the_same_moment_store_one_signal(api, bas, reference_lists):
    """On PostgreSQL: the second waits on the key's unique index, is rolled back whole, and replays."""
    from django.db import connection

    from tests.conftest import _test_database_url, require_service

    require_service("PostgreSQL", _test_database_url() is not None)
    clients = [api(bas), api(bas)]
    barrier = threading.Barrier(len(clients))
    answers: list = []

    def post(client):
        try:
            barrier.wait(timeout=10)
            answers.append(_post(client, _body()))
        finally:
            connection.close()

    threads = [threading.Thread(target=post, args=(client,)) for client in clients]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert [answer.status_code for answer in answers] == [201, 201]
    assert answers[0].json() == answers[1].json()
    assert Signal.objects.count() == 1
