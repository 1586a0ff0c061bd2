"""The ministry uses the API only (issue 9): refused at the login form, and on every HTML page even with a
session; its API keeps working."""

from __future__ import annotations

import re

import pytest

from accounts.access import uses_web_pages
from tests.pgaanpak.test_routes import _gate, _routes


def _sample_path(route: str) -> str:
    return "/" + re.sub(r"<(?:(\w+):)?\w+>", lambda m: "x" if m.group(1) in ("slug", "str") else "1", route)


@pytest.mark.django_db
def test_the_ministry_cannot_log_in_to_the_website(web, hanna, bas):
    response = web.post("/account/inloggen/", {"username": "hanna", "password": "wachtwoord-test-123"})
    assert response.status_code == 200
    assert "alleen de API" in response.content.decode()
    assert "_auth_user_id" not in web.session
    response = web.post("/account/inloggen/", {"username": "bas", "password": "wachtwoord-test-123"})
    assert response.status_code == 302


@pytest.mark.django_db
def test_the_ministry_is_refused_every_html_page_even_with_a_session(web, hanna, bas, plan):
    web.force_login(hanna)
    html_routes = [(route, name) for route, name, callback in _routes() if _gate(callback) == "html"]
    assert len(html_routes) > 20
    for route, name in html_routes:
        response = web.get(_sample_path(route))
        if response.status_code == 405:  # a POST-only view that checks the method first
            response = web.post(_sample_path(route))
        assert response.status_code == 403, name
    web.force_login(bas)
    assert web.get("/").status_code == 200 and web.get("/meldingen/").status_code == 200


@pytest.mark.django_db
def test_the_ministry_keeps_its_api(api, hanna, bas):
    assert not uses_web_pages(hanna) and uses_web_pages(bas)
    assert api(hanna).get("/api/v1/monitoring/reports/").status_code == 200
    assert api(bas).get("/api/v1/monitoring/reports/").status_code == 403
