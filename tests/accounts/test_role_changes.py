"""Who changes whose role (issue 9): nobody its own, nobody a role it may not give, every change logged and
told to the projectleider; the admin's change and password forms follow the same rule."""

from __future__ import annotations

import pytest
from auditlog.models import LogEntry

from accounts.models import Role, User
from accounts.services import ROLE_CHANGE_KIND, user_create, user_role_change
from core.errors import DomainError
from core.models import Notification
from tests.factories import UserFactory


def _change_form(user: User, **changes: object) -> dict[str, object]:
    data: dict[str, object] = {
        "username": user.username,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "email": user.email,
        "organisation": user.organisation_id or "",
        "role": user.role,
        "is_active": "on",
        "last_login": "",
        "date_joined_0": "2025-01-01",
        "date_joined_1": "10:00:00",
    }
    data.update(changes)
    return data


def _told_to(user: User) -> list[str]:
    return list(Notification.objects.filter(user=user, kind=ROLE_CHANGE_KIND).values_list("text", flat=True))


@pytest.fixture
def operator(db) -> User:
    return User.objects.create_superuser("olga", "olga@test.example", "wachtwoord-test-123")


@pytest.mark.django_db
def test_the_beheerder_cannot_change_its_own_role_in_the_admin(web, bert, petra, bas):
    web.force_login(bert)
    response = web.post(
        f"/beheer/accounts/user/{bert.pk}/change/", _change_form(bert, role="procesregisseur")
    )
    bert.refresh_from_db()
    assert bert.role == "beheerder" and not bert.has_perm("youths.view_grounded_youths")
    assert response.status_code in (200, 302)  # the role is read-only on its own form: the field is ignored
    # Nor its organisation, nor through the service.
    with pytest.raises(DomainError):
        user_role_change(actor=bert, user=bert, role="procesregisseur")
    with pytest.raises(DomainError):
        user_role_change(actor=bert, user=bert, role="beheerder", organisation=bas.organisation)
    assert User.objects.get(pk=bert.pk).organisation_id == petra.organisation_id
    assert _told_to(petra) == []


@pytest.mark.django_db
def test_the_beheerder_changes_another_users_role_and_the_projectleider_is_told(web, bert, petra, bas):
    web.force_login(bert)
    response = web.post(f"/beheer/accounts/user/{bas.pk}/change/", _change_form(bas, role="procesregisseur"))
    assert response.status_code == 302
    bas.refresh_from_db()
    assert bas.role == "procesregisseur"
    (text,) = _told_to(petra)
    assert "bas" in text and "Procesregisseur" in text and "Partner" in text and "bert" in text
    entries = LogEntry.objects.get_for_object(bas).filter(actor=bert)
    assert any(e.changes_dict.get("role") == ["partner", "procesregisseur"] for e in entries)


@pytest.mark.django_db
def test_an_organisation_change_is_told_to_the_projectleider(bert, petra, bas, chaima):
    user_role_change(actor=bert, user=bas, role="partner", organisation=chaima.organisation)
    bas.refresh_from_db()
    assert bas.organisation == chaima.organisation
    assert bas.groups.filter(pk=chaima.organisation.access_group_id).exists()
    assert not bas.groups.filter(pk=petra.organisation.access_group_id).exists()
    (text,) = _told_to(petra)
    assert chaima.organisation.name in text and "Politie" in text


@pytest.mark.django_db
def test_only_a_superuser_makes_a_projectleider(web, bert, bas, petra, operator):
    with pytest.raises(DomainError):
        user_role_change(actor=bert, user=bas, role="projectleider")
    web.force_login(bert)
    response = web.post(f"/beheer/accounts/user/{bas.pk}/change/", _change_form(bas, role="projectleider"))
    assert response.status_code == 200  # the form again, with the refusal
    assert User.objects.get(pk=bas.pk).role == "partner"
    user_role_change(actor=operator, user=bas, role="projectleider")
    assert User.objects.get(pk=bas.pk).role == "projectleider"


@pytest.mark.django_db
def test_nobody_without_the_beheerders_permission_gives_any_role(bas, chaima, petra, ruben):
    for actor in (bas, petra, ruben):
        with pytest.raises(DomainError):
            user_role_change(actor=actor, user=chaima, role="procesregisseur")
    assert User.objects.get(pk=chaima.pk).role == "partner"


@pytest.mark.django_db
def test_the_beheerder_cannot_change_a_projectleider_or_a_superuser(web, bert, petra, operator):
    web.force_login(bert)
    for target in (petra, operator):
        response = web.post(f"/beheer/accounts/user/{target.pk}/change/", _change_form(target, is_active=""))
        assert response.status_code == 403
        target.refresh_from_db()
        assert target.is_active
    with pytest.raises(DomainError):
        user_role_change(actor=bert, user=petra, role="beheerder")


@pytest.mark.django_db
def test_the_password_form_is_only_for_users_one_may_manage(web, bert, bas, petra, operator):
    web.force_login(bert)
    assert web.get(f"/beheer/accounts/user/{bas.pk}/password/").status_code == 200
    assert web.get(f"/beheer/accounts/user/{bert.pk}/password/").status_code == 200  # its own
    for target in (petra, operator):
        assert web.get(f"/beheer/accounts/user/{target.pk}/password/").status_code == 403
        response = web.post(
            f"/beheer/accounts/user/{target.pk}/password/",
            {
                "password1": "Nieuw-wachtwoord-991",
                "password2": "Nieuw-wachtwoord-991",
                "set_usable_password": "true",
            },
        )
        assert response.status_code == 403
        target.refresh_from_db()
        assert target.check_password("wachtwoord-test-123")
    web.force_login(operator)
    assert web.get(f"/beheer/accounts/user/{petra.pk}/password/").status_code == 200
    assert web.get(f"/beheer/accounts/user/{operator.pk}/password/").status_code == 200


@pytest.mark.django_db
def test_adding_a_user_in_the_admin_goes_through_the_rule_and_tells_the_projectleider(web, bert, petra):
    web.force_login(bert)
    form = {
        "username": "nieuw",
        "organisation": bert.organisation_id,
        "password1": "Een-lang-wachtwoord-4417",
        "password2": "Een-lang-wachtwoord-4417",
        "usable_password": "true",
    }
    response = web.post("/beheer/accounts/user/add/", {**form, "role": "projectleider"})
    assert response.status_code == 200 and not User.objects.filter(username="nieuw").exists()
    response = web.post("/beheer/accounts/user/add/", {**form, "role": "procesregisseur"})
    assert response.status_code == 302, response.content.decode()[:3000]
    made = User.objects.get(username="nieuw")
    assert made.role == "procesregisseur" and made.check_password("Een-lang-wachtwoord-4417")
    assert set(made.groups.values_list("name", flat=True)) == {
        "procesregisseur",
        f"organisatie:{bert.organisation_id}",
    }
    (text,) = _told_to(petra)
    assert "nieuw" in text and "bert" in text


@pytest.mark.django_db
def test_user_create_refuses_a_role_the_actor_may_not_give(bert, bas, operator, gemeente):
    with pytest.raises(DomainError):
        user_create(actor=bas, username="x1", role="partner", organisation=gemeente)
    with pytest.raises(DomainError):
        user_create(actor=bert, username="x2", role="projectleider", organisation=gemeente)
    assert user_create(actor=operator, username="x3", role="projectleider", organisation=gemeente).is_staff
    assert user_create(actor=bert, username="x4", role=Role.PARTNER, organisation=gemeente).role == "partner"


@pytest.mark.django_db
def test_saving_the_same_role_again_tells_nobody(bert, petra, bas):
    user_role_change(actor=bert, user=bas, role="partner")
    UserFactory(username="nog-een", role="partner")  # the factories sync groups through the same service
    assert _told_to(petra) == []


@pytest.mark.django_db
def test_the_role_list_offers_only_the_roles_one_may_give(web, bert, operator):
    web.force_login(bert)
    html = web.get("/beheer/accounts/user/add/").content.decode()
    assert 'value="procesregisseur"' in html and 'value="projectleider"' not in html
    web.force_login(operator)
    assert 'value="projectleider"' in web.get("/beheer/accounts/user/add/").content.decode()
