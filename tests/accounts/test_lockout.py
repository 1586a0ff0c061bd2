"""Brute force at the login: lockout after five failures, a Dutch message, unlock by the beheerder, and a
log of every attempt (django-axes and the pgaanpak.security log)."""

import logging

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog

LOGIN = "/account/inloggen/"
RIGHT = "wachtwoord-test-123"


def _fail(web, username="bas", times=1, **extra):
    responses = [web.post(LOGIN, {"username": username, "password": "fout"}, **extra) for _ in range(times)]
    return responses[-1]


@pytest.mark.django_db
def test_it_locks_the_account_after_five_failures_with_a_clear_dutch_message(web, bas):
    assert _fail(web, times=4).status_code == 200  # still the ordinary wrong-password message
    response = _fail(web)
    assert response.status_code == 429
    html = response.content.decode()
    assert "tijdelijk geblokkeerd" in html and "beheerder" in html and "30 minuten" in html
    assert 'lang="nl"' in html


@pytest.mark.django_db
def test_a_locked_account_does_not_log_in_even_with_the_right_password(web, bas, plan):
    _fail(web, times=5)
    response = web.post(LOGIN, {"username": "bas", "password": RIGHT})
    assert response.status_code == 429
    assert web.get("/").status_code == 302  # not logged in


@pytest.mark.django_db
def test_the_lock_is_per_account_and_per_address(web, bas, chaima, plan):
    _fail(web, username="bas", times=5, REMOTE_ADDR="192.0.2.1")
    # Another account from another address logs in as usual ...
    response = web.post(LOGIN, {"username": "chaima", "password": RIGHT}, REMOTE_ADDR="192.0.2.2")
    assert response.status_code == 302
    web.post("/account/uitloggen/")
    # ... but the address that guessed is locked for every account (password spraying).
    response = web.post(LOGIN, {"username": "chaima", "password": RIGHT}, REMOTE_ADDR="192.0.2.1")
    assert response.status_code == 429


@pytest.mark.django_db
def test_a_forged_forwarded_for_header_does_not_change_the_counted_address(web, bas):
    for number in range(5):
        web.post(
            LOGIN, {"username": f"gok{number}", "password": "x"}, HTTP_X_FORWARDED_FOR=f"203.0.113.{number}"
        )
    assert web.post(LOGIN, {"username": "bas", "password": RIGHT}).status_code == 429


@pytest.mark.django_db
def test_a_successful_login_clears_earlier_failures(web, bas):
    _fail(web, times=4)
    assert web.post(LOGIN, {"username": "bas", "password": RIGHT}).status_code == 302
    web.post("/account/uitloggen/")
    assert _fail(web, times=4).status_code == 200  # counting starts again


@pytest.mark.django_db
def test_the_beheerder_unlocks_a_user_with_the_admin_action(web, bas, bert, plan):
    _fail(web, times=5, REMOTE_ADDR="192.0.2.9")
    admin = web.__class__()
    admin.force_login(bert)
    response = admin.post(
        "/beheer/accounts/user/", {"action": "unlock", "_selected_action": [bas.pk]}, follow=True
    )
    assert "1 gebruiker gedeblokkeerd" in response.content.decode()
    assert web.post(LOGIN, {"username": "bas", "password": RIGHT}).status_code == 302


@pytest.mark.django_db
def test_the_beheerder_sees_and_clears_the_attempts_in_the_admin_and_a_partner_does_not(
    web, bas, bert, chaima
):
    _fail(web, times=5)
    attempt = AccessAttempt.objects.get(username="bas")
    web.force_login(bert)
    assert web.get("/beheer/axes/accessattempt/").status_code == 200
    assert web.get("/beheer/axes/accesslog/").status_code == 200
    assert web.get("/beheer/axes/accessfailurelog/").status_code == 200
    response = web.post(f"/beheer/axes/accessattempt/{attempt.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert not AccessAttempt.objects.filter(username="bas").exists()
    partner = web.__class__()
    partner.force_login(chaima)
    assert partner.get("/beheer/axes/accessattempt/").status_code == 302


@pytest.mark.django_db
def test_every_login_attempt_is_logged_success_and_failure(web, bas, caplog):
    caplog.set_level(logging.INFO, logger="pgaanpak.security")
    web.post(LOGIN, {"username": "bas", "password": "geheim-fout-wachtwoord"})
    web.post(LOGIN, {"username": "geheim-onbekend", "password": "x"})
    web.post(LOGIN, {"username": "bas", "password": RIGHT})
    records = [r for r in caplog.records if r.name == "pgaanpak.security" and r.action == "login"]
    seen = [(r.result, r.object, r.origin) for r in records]
    assert ("refused", f"user:{bas.pk}", "127.0.0.1") in seen
    assert ("refused", "user:unknown", "127.0.0.1") in seen
    assert ("ok", f"user:{bas.pk}", "127.0.0.1") in seen
    # No typed text (a username may be a mistyped password) and no password in the log.
    assert "geheim" not in caplog.text
    # django-axes keeps its own records of both, for the beheerder in the admin.
    assert AccessLog.objects.filter(username="bas").count() == 1
    assert AccessFailureLog.objects.filter(username="bas").count() == 1
