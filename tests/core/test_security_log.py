"""The security log (BIO2 8.15.01): action, object, result, origin, actor and time for writes, reads of
personal data, refused access and failed logins; identifiers only, never the text that was typed."""

from __future__ import annotations

import logging

import pytest

from core.readlog import log_read
from tests.conftest import api_client_for
from tests.factories import signal_logged


def _events(caplog) -> list[logging.LogRecord]:
    return [r for r in caplog.records if r.name == "pgaanpak.security"]


@pytest.mark.django_db
def test_it_logs_a_refused_read_with_actor_origin_and_route(caplog, reference_lists, bas, daan):
    signal = signal_logged(bas, description="Geheime tekst over de jongere.")
    caplog.set_level(logging.INFO, logger="pgaanpak.security")
    response = api_client_for(daan).get(f"/api/v1/youths/{signal.youth_id}/", REMOTE_ADDR="203.0.113.7")
    assert response.status_code == 404
    (event,) = [e for e in _events(caplog) if e.result == "refused"]
    assert event.action == "read GET"
    assert event.actor == f"user:{daan.pk}"
    assert event.origin == "203.0.113.7"
    assert str(signal.youth_id) in event.object


@pytest.mark.django_db
def test_it_logs_a_failed_login_without_the_password(caplog, web, bas):
    caplog.set_level(logging.INFO, logger="pgaanpak.security")
    web.post("/account/inloggen/", {"username": "bas", "password": "Geheim-wachtwoord-1"})
    (event,) = [e for e in _events(caplog) if e.action == "login"]
    assert event.result == "refused"
    assert event.object == f"user:{bas.pk}"  # by id: a typed name may be a mistyped password
    assert "Geheim" not in caplog.text


@pytest.mark.django_db
def test_it_logs_a_write_and_a_read_but_no_free_text(caplog, web, reference_lists, bas, chaima):
    caplog.set_level(logging.INFO, logger="pgaanpak.security")
    signal = signal_logged(bas)
    web.force_login(bas)
    response = web.post("/beheer/tracks/track/add/?zoek=Vertelde+over+thuis", {"name": "Verkeerde jongere"})
    log_read(user=chaima, subject=signal.youth, what="profiel bekeken")
    events = _events(caplog)
    writes = [e for e in events if e.action.startswith("write")]
    assert writes and writes[0].actor == f"user:{bas.pk}"
    assert writes[0].status == response.status_code
    assert writes[0].object == "admin:tracks_track_add"
    (read,) = [e for e in events if e.action == "read personal data"]
    assert read.object == f"youths.youth:{signal.youth_id}"
    assert read.actor == f"user:{chaima.pk}"
    assert "thuis" not in caplog.text and "Verkeerde" not in caplog.text


@pytest.mark.django_db
def test_behind_the_proxy_the_origin_is_what_the_proxy_saw_not_what_the_client_claims(caplog, web, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    caplog.set_level(logging.INFO, logger="pgaanpak.security")
    web.post(
        "/account/inloggen/",
        {"username": "niemand", "password": "x"},
        headers={"X-Forwarded-For": "10.9.9.9, 198.51.100.23"},
        REMOTE_ADDR="172.18.0.5",
    )
    origins = {e.origin for e in _events(caplog)}
    assert origins == {"198.51.100.23"}


@pytest.mark.django_db
def test_a_logout_is_logged_with_who_logged_out(caplog, web, bas):
    web.force_login(bas)
    caplog.set_level(logging.INFO, logger="pgaanpak.security")
    web.post("/account/uitloggen/")
    (write,) = [e for e in _events(caplog) if e.action == "write POST"]
    assert write.object == "accounts:logout"
    assert write.actor == f"user:{bas.pk}"


@pytest.mark.django_db
def test_an_anonymous_visit_to_a_gated_page_is_a_refusal(caplog, web, reference_lists, bas):
    signal = signal_logged(bas)
    caplog.set_level(logging.INFO, logger="pgaanpak.security")
    response = web.get(f"/jongeren/{signal.youth_id}/")
    assert response.status_code == 302
    (event,) = _events(caplog)
    assert (event.action, event.result, event.actor) == ("read GET", "refused", "anonymous")
    assert event.object == f"youths:detail youth_id={signal.youth_id}"
