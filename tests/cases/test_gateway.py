"""The case gateway against django-guardian's own answer, and its guards against guardian's defaults."""

import pytest
from django.contrib.auth.models import Permission
from guardian.shortcuts import assign_perm, get_objects_for_user

from cases.models import Case
from cases.selectors import core as case_selectors
from cases.services import core as case_services
from tests.cases.conftest import make_youth_with_case


@pytest.mark.django_db
def test_the_gateway_returns_exactly_guardians_object_permission_rows(ruben, bas, chaima, daan, case):
    other = make_youth_with_case(bas, ruben, first_name="Ander")
    case_services.case_organisation_add(
        actor=ruben, case=case, organisation=bas.organisation, role="Jeugdagent"
    )
    assign_perm("cases.view_case", chaima, other)  # a direct user grant counts too
    for persona in (bas, chaima, daan):
        expected = get_objects_for_user(
            persona, "cases.view_case", klass=Case, with_superuser=False, accept_global_perms=False
        )
        assert set(case_selectors.case_list_for_user(user=persona)) == set(expected), persona.username


@pytest.mark.django_db
def test_a_global_permission_or_the_superuser_flag_opens_no_case(bas, daan, case):
    daan.user_permissions.add(Permission.objects.get(codename="view_case", content_type__app_label="cases"))
    daan.is_superuser = True
    daan.save(update_fields=["is_superuser"])
    assert list(case_selectors.case_list_for_user(user=daan)) == []
    assert case_selectors.case_get_for_user(user=daan, case_id=case.pk) is None
    # The beheerder of an involved organisation (Gemeente holds procesregie) sees nothing either.
    from tests.factories import UserFactory

    beheerder = UserFactory(
        username="beheer2", role="beheerder", organisation=case.procesregie_holder.organisation
    )
    assert beheerder.has_perm("cases.view_case", case)  # the organisation's group holds the grant ...
    assert (
        case_selectors.case_get_for_user(user=beheerder, case_id=case.pk) is None
    )  # ... the gateway says no
