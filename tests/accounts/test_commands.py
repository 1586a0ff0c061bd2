from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.http import HttpRequest

from accounts.models import Organisation, User


@pytest.mark.django_db
def test_add_user_creates_the_organisation_and_gives_the_role_its_permissions(web):
    out = StringIO()
    call_command(
        "add_user",
        "iris",
        "--role",
        "partner",
        "--organisation",
        "Halt Oost-Nederland",
        "--password",
        "een-lang-wachtwoord",
        "--email",
        "iris@halt.example",
        stdout=out,
    )
    user = User.objects.get(username="iris")
    assert user.organisation == Organisation.objects.get(name="Halt Oost-Nederland")
    assert user.role == "partner"
    assert user.has_perm("tracks.view_track")
    assert not user.has_perm("tracks.change_track")
    # django-axes checks every authentication against its request (lockout), so the test passes one.
    assert web.login(request=HttpRequest(), username="iris", password="een-lang-wachtwoord")


@pytest.mark.django_db
def test_add_user_reuses_an_existing_organisation(politie):
    call_command("add_user", "iris", "--role", "partner", "--organisation", politie.name, stdout=StringIO())
    assert Organisation.objects.filter(name=politie.name).count() == 1


@pytest.mark.django_db
def test_add_user_refuses_an_unknown_role_clearly_and_saves_nothing():
    with pytest.raises(CommandError, match="Onbekende rol 'koning'"):
        call_command("add_user", "iris", "--role", "koning", "--organisation", "Nieuw", stdout=StringIO())
    assert not User.objects.filter(username="iris").exists()
    assert not Organisation.objects.filter(name="Nieuw").exists()


@pytest.mark.django_db
def test_add_user_refuses_a_duplicate_username(bas):
    with pytest.raises(CommandError, match="bestaat al"):
        call_command("add_user", "BAS", "--role", "partner", "--organisation", "X", stdout=StringIO())


@pytest.mark.django_db
def test_api_token_prints_a_token_that_authenticates_the_api(bas, plan):
    from rest_framework.test import APIClient

    out, err = StringIO(), StringIO()
    call_command("api_token", "bas", stdout=out, stderr=err)
    key = out.getvalue().strip()
    assert "Geldig tot" in err.getvalue() and "niet opnieuw getoond" in err.getvalue()
    # Hashed at rest, so the key cannot be shown again: a second call issues a second token.
    again = StringIO()
    call_command("api_token", "bas", stdout=again, stderr=StringIO())
    assert again.getvalue().strip() != key
    client = APIClient()
    assert client.get("/api/v1/tracks/").status_code in (401, 403)
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    assert client.get("/api/v1/tracks/").status_code == 200


@pytest.mark.django_db
def test_api_token_for_an_unknown_user_is_a_clear_error():
    with pytest.raises(CommandError, match="bestaat niet"):
        call_command("api_token", "niemand", stdout=StringIO())
