"""Headers on every response (issue 9, point 5): a CSP without inline script, no-store on everything
Django renders, HSTS and the https redirect in production."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.test import override_settings

from tests.conftest import api_client_for

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"


def _directives(response) -> dict[str, str]:
    policy = response["Content-Security-Policy"]
    return dict(part.strip().split(" ", 1) for part in policy.split(";") if part.strip())


@pytest.mark.django_db
def test_it_sends_a_policy_without_inline_script_or_style_on_a_page_with_charts(web, petra, plan):
    web.force_login(petra)
    response = web.get("/monitoring/")
    assert response.status_code == 200
    csp = _directives(response)
    assert csp["script-src"] == "'self'"
    assert csp["style-src"] == "'self'"
    assert csp["frame-ancestors"] == "'none'"
    html = response.content.decode()
    # Chart.js and its configuration load as files; the figures travel as JSON, which CSP does not run.
    assert "vendor/chartjs/chart.umd.min.js" in html
    assert "js/monitoring-charts.js" in html
    inline = re.findall(r"<script(?![^>]*\bsrc=)(?![^>]*application/json)[^>]*>", html)
    assert not inline, inline
    # htmx is told not to inject its <style> (blocked by style-src 'self') nor to eval.
    assert '"includeIndicatorStyles": false' in html


def test_no_template_holds_inline_script_handlers_or_styles():
    offenders = []
    for path in TEMPLATES.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        for pattern in (
            r"<script(?![^>]*\bsrc=)[^>]*>",
            r"\son[a-z]+\s*=",
            r"\sstyle\s*=",
            r"<style",
            r"javascript:",
        ):
            offenders += [f"{path.relative_to(TEMPLATES)}: {m}" for m in re.findall(pattern, text)]
    assert not offenders, offenders


@pytest.mark.django_db
def test_pages_and_api_answers_are_never_stored(web, api, petra, bas):
    web.force_login(petra)
    for response in (web.get("/"), web.get("/monitoring/"), api_client_for(bas).get("/api/v1/youths/")):
        assert response.status_code == 200
        assert "no-store" in response["Cache-Control"]
        assert "private" in response["Cache-Control"]
    # Also a page anybody may see: the login form.
    web.logout()
    assert "no-store" in web.get("/account/inloggen/")["Cache-Control"]


@pytest.mark.django_db
def test_the_api_documentation_runs_its_script_from_a_file(web, petra):
    web.force_login(petra)
    response = web.get("/api/v1/docs/")
    assert response.status_code == 200
    assert "<script>" not in response.content.decode()
    assert _directives(response)["script-src"] == "'self'"
    script = web.get("/api/v1/docs/?script=")
    assert script.status_code == 200
    assert script["Content-Type"].startswith("application/javascript")


@pytest.mark.django_db
@override_settings(
    SECURE_SSL_REDIRECT=True,
    SECURE_PROXY_SSL_HEADER=("HTTP_X_FORWARDED_PROTO", "https"),
    SECURE_HSTS_SECONDS=31536000,
    SECURE_HSTS_INCLUDE_SUBDOMAINS=True,
    SECURE_HSTS_PRELOAD=True,
    SECURE_REDIRECT_EXEMPT=[r"^health/$"],
)
def test_in_production_http_is_redirected_and_https_carries_hsts(web):
    plain = web.get("/account/inloggen/")
    assert plain.status_code == 301
    assert plain["Location"].startswith("https://")
    secure = web.get("/account/inloggen/", headers={"X-Forwarded-Proto": "https"})
    assert secure.status_code == 200
    assert secure["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    # The container's health check speaks plain http behind the proxy.
    assert web.get("/health/").status_code in (200, 503)
