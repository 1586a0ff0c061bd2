import pytest
from django.db import connection
from django.db.utils import OperationalError


@pytest.mark.django_db
def test_it_reports_database_and_broker_without_login(web):
    response = web.get("/health/")
    assert response.status_code == 200
    body = response.json()
    assert body["database"] == "ok"
    assert body["broker"] in {"ok", "in-process"}


@pytest.mark.django_db
def test_it_answers_503_when_the_database_is_down(web, monkeypatch):
    def down(*args, **kwargs):
        raise OperationalError("connection refused")

    monkeypatch.setattr(connection, "cursor", down)
    response = web.get("/health/")
    assert response.status_code == 503
    assert response.json()["database"] == "down"
