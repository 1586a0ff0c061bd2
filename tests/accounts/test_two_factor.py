"""Two-factor login through the real steps, with a plain client: password, enrolment or code, then pages.

Personas: bas (partner, Politie) logs in for the first time; bert (beheerder) opens /beheer/.
"""

from __future__ import annotations

import re
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import User

PASSWORD = "wachtwoord-test-123"  # noqa: S105 - the factories' test password
SETUP = "/account/tweede-stap/instellen/"
VERIFY = "/account/tweede-stap/"


def _code(user: User, drift: int = 0) -> str:
    """The code the user's authenticator app shows now (drift 1: the next period's, for a second login
    within the same 30 seconds, since a code is accepted once)."""
    device = TOTPDevice.objects.get(user=user, confirmed=True)
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits, drift=drift):06d}"


def _password_step(client: Client, username: str, next_url: str = "/") -> str:
    response = client.post(
        f"/account/inloggen/?next={next_url}", {"username": username, "password": PASSWORD}
    )
    assert response.status_code == 302
    return response["Location"]


def _enrol(client: Client, user: User) -> list[str]:
    """Log in for the first time and link an authenticator app; returns the recovery codes shown."""
    _password_step(client, user.username)
    html = client.get(SETUP).content.decode()
    secret = re.search(r'class="utrecht-code app-secret">([A-Z2-7 ]+)<', html)
    assert secret, "the key to type over is shown"
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    code = f"{totp(device.bin_key):06d}"
    response = client.post(SETUP, {"token": code, "next": "/"})
    assert response.status_code == 200
    return re.findall(r'<code class="utrecht-code">([a-z2-7]{8})</code>', response.content.decode())


@pytest.mark.django_db
def test_it_enrols_on_the_first_login_and_opens_no_personal_data_before(bas, plan):
    client = Client()
    assert _password_step(client, "bas", "/jongeren/") == f"{VERIFY}?next=%2Fjongeren%2F"
    # Password alone: the pages and the session-authenticated API stay shut.
    response = client.get("/jongeren/")
    assert response.status_code == 302 and response["Location"] == f"{VERIFY}?next=/jongeren/"
    assert client.get("/api/v1/youths/").status_code == 403
    assert client.get("/").status_code == 302
    # No device yet: the second step sends the user to enrolment, which shows a QR code and the key.
    response = client.get(f"{VERIFY}?next=%2Fjongeren%2F")
    assert response.status_code == 302 and response["Location"] == f"{SETUP}?next=%2Fjongeren%2F"
    html = client.get(f"{SETUP}?next=%2Fjongeren%2F").content.decode()
    assert "<svg" in html and "Tweestapsverificatie instellen" in html
    assert "<script>" not in html and "Hoofdmenu" not in html
    device = TOTPDevice.objects.get(user=bas, confirmed=False)
    # A wrong code links nothing.
    response = client.post(
        SETUP, {"token": "000000" if totp(device.bin_key) else "111111", "next": "/jongeren/"}
    )
    assert response.status_code == 400
    assert "Deze code klopt niet" in response.content.decode()
    assert client.get("/jongeren/").status_code == 302
    device.throttle_reset()
    # The right code links the app and shows ten recovery codes, once.
    response = client.post(SETUP, {"token": f"{totp(device.bin_key):06d}", "next": "/jongeren/"})
    assert response.status_code == 200
    codes = re.findall(r'<code class="utrecht-code">([a-z2-7]{8})</code>', response.content.decode())
    assert len(codes) == 10
    assert client.get("/jongeren/").status_code == 200
    assert client.get("/api/v1/youths/").status_code == 200
    # Only digests of the recovery codes are stored.
    stored = set(StaticToken.objects.filter(device__user=bas).values_list("token", flat=True))
    assert len(stored) == 10 and not stored & set(codes)


@pytest.mark.django_db
def test_a_later_login_asks_for_the_code_and_refuses_a_wrong_one(bas, plan):
    _enrol(Client(), bas)
    client = Client()
    assert _password_step(client, "bas", "/jongeren/") == f"{VERIFY}?next=%2Fjongeren%2F"
    assert client.get("/jongeren/").status_code == 302
    assert client.get("/api/v1/youths/").status_code == 403
    wrong = "123456" if _code(bas, drift=1) != "123456" else "654321"
    response = client.post(VERIFY, {"token": wrong, "next": "/jongeren/"})
    assert response.status_code == 400 and "Deze code klopt niet" in response.content.decode()
    assert client.get("/jongeren/").status_code == 302
    TOTPDevice.objects.get(user=bas, confirmed=True).throttle_reset()
    response = client.post(VERIFY, {"token": _code(bas, drift=1), "next": "/jongeren/"})
    assert response.status_code == 302 and response["Location"] == "/jongeren/"
    assert client.get("/jongeren/").status_code == 200
    assert client.get("/api/v1/youths/").status_code == 200


@pytest.mark.django_db
def test_wrong_codes_in_a_row_slow_the_next_tries_down(bas, plan):
    _enrol(Client(), bas)
    client = Client()
    _password_step(client, "bas")
    right = _code(bas, drift=1)
    wrong = "123456" if right != "123456" else "654321"
    client.post(VERIFY, {"token": wrong})
    response = client.post(VERIFY, {"token": right})
    assert response.status_code == 400
    assert "Te veel onjuiste codes" in response.content.decode()
    assert client.get("/").status_code == 302


@pytest.mark.django_db
def test_a_recovery_code_works_once(bas, plan):
    codes = _enrol(Client(), bas)
    first = Client()
    _password_step(first, "bas")
    response = first.post(VERIFY, {"token": codes[0].upper(), "next": "/jongeren/"})
    assert response.status_code == 302 and response["Location"] == "/jongeren/"
    page = first.get("/jongeren/")
    assert page.status_code == 200 and "nog 9" in page.content.decode()
    second = Client()
    _password_step(second, "bas")
    response = second.post(VERIFY, {"token": codes[0], "next": "/jongeren/"})
    assert response.status_code == 400 and "Deze code klopt niet" in response.content.decode()
    assert second.get("/jongeren/").status_code == 302
    assert StaticToken.objects.filter(device__user=bas).count() == 9


@pytest.mark.django_db
def test_a_password_alone_cannot_link_another_app(bas, plan):
    _enrol(Client(), bas)
    intruder = Client()
    _password_step(intruder, "bas")
    response = intruder.get(SETUP)
    assert response.status_code == 302 and response["Location"].startswith(VERIFY)
    assert intruder.post(SETUP, {"token": "123456"}).status_code == 302
    assert TOTPDevice.objects.filter(user=bas).count() == 1


@pytest.mark.django_db
def test_the_session_key_changes_when_the_second_step_is_passed(bas, plan):
    client = Client()
    _password_step(client, "bas")
    before = client.session.session_key
    _enrol_in_session(client, bas)
    assert client.session.session_key != before


def _enrol_in_session(client: Client, user: User) -> None:
    client.get(SETUP)
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    assert client.post(SETUP, {"token": f"{totp(device.bin_key):06d}"}).status_code == 200


@pytest.mark.django_db
def test_the_admin_needs_the_second_step_too(bert):
    client = Client()
    _password_step(client, "bert")
    response = client.get("/beheer/")
    assert response.status_code == 302
    response = client.get(response["Location"])
    assert response.status_code == 302 and response["Location"].startswith(f"{VERIFY}?next=")
    _enrol_in_session(client, bert)
    assert client.get("/beheer/").status_code == 200


@pytest.mark.django_db
def test_an_api_token_is_the_second_factor_of_the_api(bas, api, plan):
    assert not TOTPDevice.objects.filter(user=bas).exists()
    assert api(bas).get("/api/v1/youths/").status_code == 200


# --- Demo exemption -----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_demo_account_skips_the_second_step_only_while_the_exemption_is_on(bas, plan, settings):
    User.objects.filter(pk=bas.pk).update(demo_account=True)
    settings.OTP_DEMO_EXEMPT = True
    client = Client()
    assert _password_step(client, "bas", "/jongeren/") == "/jongeren/"
    assert client.get("/jongeren/").status_code == 200
    settings.OTP_DEMO_EXEMPT = False
    assert client.get("/jongeren/").status_code == 302
    assert _password_step(Client(), "bas", "/jongeren/").startswith(VERIFY)


@pytest.mark.django_db
def test_a_user_made_with_add_user_enrols_even_with_the_demo_exemption_on(plan, settings):
    settings.OTP_DEMO_EXEMPT = True
    call_command(
        "add_user",
        "iris",
        "--role",
        "partner",
        "--organisation",
        "Halt",
        "--password",
        PASSWORD,
        stdout=StringIO(),
    )
    assert not User.objects.get(username="iris").demo_account
    client = Client()
    assert _password_step(client, "iris", "/jongeren/").startswith(VERIFY)
    assert client.get("/jongeren/").status_code == 302


@pytest.mark.django_db
def test_load_demo_marks_only_its_own_accounts(bas):
    from demo.accounts import demo_accounts_load

    demo_accounts_load()
    assert User.objects.get(username="politie").demo_account
    assert not User.objects.get(username="bas").demo_account


# --- add_user's password policy --------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("password", ["a", "kort-wacht1", "123456789012"])
def test_add_user_refuses_a_weak_password_in_dutch_and_saves_nothing(password, settings):
    with pytest.raises(CommandError, match="Dit wachtwoord is niet sterk genoeg") as refused:
        call_command(
            "add_user",
            "iris",
            "--role",
            "partner",
            "--organisation",
            "Halt",
            "--password",
            password,
            stdout=StringIO(),
        )
    assert "Password" not in str(refused.value)
    assert not User.objects.filter(username="iris").exists()


def test_the_password_validators_ask_for_at_least_twelve_characters(settings):
    lengths = [
        v.get("OPTIONS", {}).get("min_length")
        for v in settings.AUTH_PASSWORD_VALIDATORS
        if v["NAME"].endswith("MinimumLengthValidator")
    ]
    assert lengths and lengths[0] >= 12


@pytest.mark.django_db
@pytest.mark.parametrize("path", [VERIFY, SETUP])
def test_the_second_step_pages_send_an_anonymous_visitor_to_the_password_step(path):
    for response in (Client().get(path), Client().post(path, {"token": "123456"})):
        assert response.status_code == 302 and response["Location"].startswith("/account/inloggen/")


@pytest.mark.django_db
def test_the_second_step_leads_only_to_pages_of_this_site(bas, plan):
    client = Client()
    _password_step(client, "bas")
    client.get(SETUP)
    device = TOTPDevice.objects.get(user=bas, confirmed=False)
    response = client.post(SETUP, {"token": f"{totp(device.bin_key):06d}", "next": "https://elders.example/"})
    assert 'href="https://elders.example/' not in response.content.decode()
    assert 'href="/"' in response.content.decode()


@pytest.mark.django_db
def test_the_beheerder_removes_a_lost_app_without_seeing_its_key_and_the_user_enrols_again(
    web, bert, bas, plan
):
    _enrol(Client(), bas)
    device = TOTPDevice.objects.get(user=bas, confirmed=True)
    web.force_login(bert)
    page = web.get(f"/beheer/otp_totp/totpdevice/{device.pk}/change/")
    assert page.status_code == 200 and device.key not in page.content.decode()
    assert web.get(f"/beheer/otp_totp/totpdevice/{device.pk}/config/").status_code in (403, 404)
    assert web.post(f"/beheer/otp_totp/totpdevice/{device.pk}/delete/", {"post": "yes"}).status_code == 302
    assert not TOTPDevice.objects.filter(user=bas).exists()
    client = Client()
    _password_step(client, "bas")
    response = client.get(VERIFY)
    assert response.status_code == 302 and response["Location"].startswith(SETUP)
