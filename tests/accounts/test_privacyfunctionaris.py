"""The privacyfunctionaris role (issue 10): made with add_user, given only by a superuser, a web role that
needs the second factor like every other, and without youth pages."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client

from accounts.models import Role, User
from accounts.roles import ROLE_PERMISSIONS, grantable_roles, may_manage_user
from accounts.services import user_role_change
from core.errors import DomainError

PASSWORD = "wachtwoord-test-123"  # noqa: S105 - the factories' test password


@pytest.mark.django_db
def test_add_user_makes_a_privacyfunctionaris(gemeente):
    call_command(
        "add_user",
        "fenna",
        "--role",
        "privacyfunctionaris",
        "--organisation",
        gemeente.name,
        stdout=StringIO(),
    )
    user = User.objects.get(username="fenna")
    assert user.role == Role.PRIVACYFUNCTIONARIS
    assert user.has_perm("youths.view_youth_readlog") and user.has_perm("privacy.export_youth_data")


@pytest.mark.django_db
def test_only_a_superuser_gives_or_manages_the_privacyfunctionaris(bert, bas, femke):
    operator = User.objects.create_superuser("olga", "olga@test.example", PASSWORD)
    assert Role.PRIVACYFUNCTIONARIS not in grantable_roles(bert)
    assert Role.PRIVACYFUNCTIONARIS in grantable_roles(operator)
    with pytest.raises(DomainError):
        user_role_change(actor=bert, user=bas, role="privacyfunctionaris")
    assert not may_manage_user(bert, femke) and may_manage_user(operator, femke)
    user_role_change(actor=operator, user=bas, role="privacyfunctionaris")
    assert User.objects.get(pk=bas.pk).role == "privacyfunctionaris"


@pytest.mark.django_db
def test_the_projectleider_lost_the_read_log_and_the_privacyfunctionaris_reads_no_youth_by_role():
    assert "youths.view_youth_readlog" not in ROLE_PERMISSIONS[Role.PROJECTLEIDER]
    assert "youths.view_youth_readlog" in ROLE_PERMISSIONS[Role.PRIVACYFUNCTIONARIS]
    officer = set(ROLE_PERMISSIONS[Role.PRIVACYFUNCTIONARIS])
    assert not officer & {
        "youths.view_grounded_youths",
        "youths.view_involved_youths",
        "cases.view_all_cases",
    }
    assert "core.receive_case_notifications" not in officer


@pytest.mark.django_db
def test_the_privacyfunctionaris_needs_the_second_factor(femke):
    client = Client()
    response = client.post(
        "/account/inloggen/?next=/privacy/verzoeken/", {"username": "femke", "password": PASSWORD}
    )
    assert response.status_code == 302
    response = client.get("/privacy/verzoeken/")
    assert response.status_code == 302 and response["Location"].startswith("/account/tweede-stap/")
