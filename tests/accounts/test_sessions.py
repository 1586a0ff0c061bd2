"""Sessions: 30 minutes idle, 10 hours since login at most, and a session ends when what decides the
user's access changes (password, role, organisation, active) — on every other device too."""

from datetime import timedelta

import pytest
from django.contrib.sessions.models import Session
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.security import SESSION_LOGIN_AT
from accounts.services import user_set_role
from tests.clients import pass_second_factor

LOGIN = "/account/inloggen/"


def _logged_in(client) -> bool:
    return client.get("/").status_code == 200


def _login(web, user):
    """A real password login; the second factor as the code step would pass it (tests.clients)."""
    TOTPDevice.objects.get_or_create(user=user, name="test", defaults={"confirmed": True})
    response = web.post(LOGIN, {"username": user.username, "password": "wachtwoord-test-123"})
    assert response.status_code == 302
    pass_second_factor(web, user)


@pytest.mark.django_db
def test_it_ends_a_session_after_thirty_idle_minutes(web, bas, plan, settings):
    assert settings.SESSION_COOKIE_AGE == 30 * 60
    _login(web, bas)
    session = Session.objects.get(session_key=web.session.session_key)
    # Every request renews the idle clock.
    assert session.expire_date > timezone.now() + timedelta(minutes=29)
    Session.objects.filter(pk=session.pk).update(expire_date=timezone.now() - timedelta(seconds=1))
    response = web.get("/")
    assert response.status_code == 302 and response["Location"].startswith(LOGIN)


@pytest.mark.django_db
def test_an_active_session_is_renewed_on_every_request(web, bas, plan):
    _login(web, bas)
    Session.objects.filter(session_key=web.session.session_key).update(
        expire_date=timezone.now() + timedelta(minutes=1)
    )
    assert _logged_in(web)
    session = Session.objects.get(session_key=web.session.session_key)
    assert session.expire_date > timezone.now() + timedelta(minutes=29)


def _age_login(web, hours: float) -> None:
    session = web.session
    session[SESSION_LOGIN_AT] = (timezone.now() - timedelta(hours=hours)).timestamp()
    session.save()


@pytest.mark.django_db
def test_it_ends_an_active_session_ten_hours_after_login(web, bas, plan):
    _login(web, bas)
    _age_login(web, 9.9)
    assert _logged_in(web)
    _age_login(web, 10.01)
    response = web.get("/", follow=True)
    assert response.redirect_chain[-1][0].startswith(LOGIN)
    assert "Uw sessie is verlopen" in response.content.decode()
    assert not _logged_in(web)


@pytest.mark.django_db
def test_a_session_without_a_login_time_is_ended(web, bas, plan):
    _login(web, bas)
    session = web.session
    del session[SESSION_LOGIN_AT]
    session.save()
    assert not _logged_in(web)


@pytest.mark.django_db
def test_the_api_over_a_session_obeys_the_absolute_limit_too(web, bas, plan):
    _login(web, bas)
    assert web.get("/api/v1/tracks/").status_code == 200
    _age_login(web, 11)
    assert web.get("/api/v1/tracks/").status_code in (401, 403)


@pytest.mark.django_db
def test_a_role_change_ends_the_users_sessions_and_no_one_elses(web, bas, chaima, bert, plan):
    other = web.__class__()
    _login(web, bas)
    _login(other, chaima)
    user_set_role(actor=bert, user=bas, role="procesregisseur")
    assert not _logged_in(web)
    assert _logged_in(other)


@pytest.mark.django_db
def test_an_organisation_change_ends_the_users_sessions(web, bas, halt, plan):
    _login(web, bas)
    bas.organisation = halt
    bas.save(update_fields=["organisation"])
    assert not _logged_in(web)


@pytest.mark.django_db
def test_a_password_change_ends_the_users_other_sessions(web, bas, plan):
    _login(web, bas)
    bas.set_password("een-ander-lang-wachtwoord")
    bas.save(update_fields=["password"])
    assert not _logged_in(web)


@pytest.mark.django_db
def test_deactivating_a_user_ends_its_sessions_and_reactivating_does_not_revive_them(web, bas, plan):
    _login(web, bas)
    bas.is_active = False
    bas.save(update_fields=["is_active"])
    assert not _logged_in(web)
    bas.is_active = True
    bas.save(update_fields=["is_active"])
    assert not _logged_in(web)


@pytest.mark.django_db
def test_the_session_hash_covers_what_decides_access(bas, halt):
    before = bas.get_session_auth_hash()
    bas.role = "procesregisseur"
    assert bas.get_session_auth_hash() != before
    bas.role = "partner"
    assert bas.get_session_auth_hash() == before
    bas.organisation = halt
    assert bas.get_session_auth_hash() != before
