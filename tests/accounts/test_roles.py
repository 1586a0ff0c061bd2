import pytest
from django.apps import apps
from django.contrib.auth.models import Group

from accounts.models import Role
from accounts.roles import CASE_DATA_APPS, REFERENCE_LIST_MODELS, ROLE_PERMISSIONS


def _case_data_models():
    """Every model of the case-data apps except the managed lists the beheerder maintains."""
    for app_label in CASE_DATA_APPS:
        for model in apps.get_app_config(app_label).get_models():
            if model._meta.label_lower not in REFERENCE_LIST_MODELS:
                yield app_label, model


@pytest.mark.django_db
def test_every_role_is_a_group_with_exactly_its_permissions():
    for role in Role:
        group = Group.objects.get(name=role.value)
        codes = {
            f"{p.content_type.app_label}.{p.codename}"
            for p in group.permissions.select_related("content_type")
        }
        assert codes == set(ROLE_PERMISSIONS[role])


@pytest.mark.django_db
def test_beheerder_manages_users_and_organisations_in_the_admin(web, bert, bas):
    web.force_login(bert)
    assert web.get("/beheer/accounts/user/").status_code == 200
    assert web.get(f"/beheer/accounts/user/{bas.pk}/change/").status_code == 200
    assert web.get("/beheer/accounts/organisation/add/").status_code == 200


@pytest.mark.django_db
def test_partner_cannot_manage_users(web, bas):
    web.force_login(bas)
    response = web.get("/beheer/accounts/user/")
    assert response.status_code == 302  # the admin sends non-staff users to its login
    assert not bas.has_perm("accounts.change_user")


@pytest.mark.django_db
def test_beheerder_has_no_permission_on_any_case_data_model(bert, petra):
    """Holds for every model the case-data apps get in later issues, automatically."""
    for app_label, model in _case_data_models():
        for action in ("view", "add", "change", "delete"):
            perm = f"{app_label}.{action}_{model._meta.model_name}"
            assert not bert.has_perm(perm), perm
    for perm in ROLE_PERMISSIONS["beheerder"]:
        app_label, codename = perm.split(".")
        if app_label in CASE_DATA_APPS:
            assert any(codename.endswith("_" + m.split(".")[1]) for m in REFERENCE_LIST_MODELS), perm
    for app_label in CASE_DATA_APPS:
        if not any(m.startswith(f"{app_label}.") for m in REFERENCE_LIST_MODELS):
            assert not bert.has_module_perms(app_label)


@pytest.mark.django_db
def test_the_reference_lists_the_beheerder_keeps_hold_no_personal_data():
    from youths.models import Youth

    for label in REFERENCE_LIST_MODELS:
        model = apps.get_model(label)
        related = {f.related_model for f in model._meta.get_fields() if f.is_relation and f.concrete}
        assert Youth not in related and apps.get_model("accounts.User") not in related, label


@pytest.mark.django_db
def test_beheerder_sees_no_case_data_in_the_admin(web, bert):
    web.force_login(bert)
    for app_label, model in _case_data_models():
        url = f"/beheer/{app_label}/{model._meta.model_name}/"
        assert web.get(url).status_code in (403, 404), url


@pytest.mark.django_db
def test_beheerder_maintains_districts_schools_and_signal_categories_in_the_admin(web, bert, reference_lists):
    web.force_login(bert)
    for label in REFERENCE_LIST_MODELS:
        app_label, model_name = label.split(".")
        assert web.get(f"/beheer/{app_label}/{model_name}/").status_code == 200, label
        assert web.get(f"/beheer/{app_label}/{model_name}/add/").status_code == 200, label
    assert "Diezerpoort" in web.get("/beheer/youths/district/").content.decode()


@pytest.mark.django_db
def test_partner_cannot_change_the_reference_lists(web, bas):
    web.force_login(bas)
    assert web.get("/beheer/youths/signalcategory/").status_code == 302
    assert not bas.has_perm("youths.change_signalcategory")


@pytest.mark.django_db
def test_changing_a_role_in_the_admin_changes_the_permissions(web, bert, bas):
    web.force_login(bert)
    data = {
        "username": "bas",
        "first_name": "Bas",
        "last_name": "J",
        "email": "bas@x.example",
        "organisation": bas.organisation_id,
        "role": "procesregisseur",
        "is_active": "on",
        "last_login": "",
        "date_joined_0": "2025-01-01",
        "date_joined_1": "10:00:00",
    }
    response = web.post(f"/beheer/accounts/user/{bas.pk}/change/", data)
    assert response.status_code == 302, response.content[:2000]
    bas.refresh_from_db()
    assert bas.role == "procesregisseur"
    assert set(bas.groups.values_list("name", flat=True)) == {
        "procesregisseur",
        f"organisatie:{bas.organisation_id}",
    }


@pytest.mark.django_db
def test_every_user_is_in_its_organisations_access_group(bas, chaima):
    assert bas.groups.filter(pk=bas.organisation.access_group_id).exists()
    assert not bas.groups.filter(pk=chaima.organisation.access_group_id).exists()


@pytest.mark.django_db
def test_case_notifications_reach_exactly_the_roles_that_may_read_youths_or_cases():
    readers = {
        "youths.view_grounded_youths",
        "youths.view_involved_youths",
        "cases.view_all_cases",
        "cases.view_involved_cases",
    }
    for role, codes in ROLE_PERMISSIONS.items():
        reads_cases = bool(readers & set(codes))
        assert ("core.receive_case_notifications" in codes) == reads_cases, role
    assert "core.receive_case_notifications" not in ROLE_PERMISSIONS[Role.BEHEERDER]
    assert "core.receive_case_notifications" in ROLE_PERMISSIONS[Role.PARTNER]
