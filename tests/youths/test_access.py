"""Who sees what: every list and detail page and endpoint, for every role and three partner organisations.

bas (politie) and chaima (jongerenwerk) are involved with `shared_youth`; daan (Halt) only with
`halt_youth`. ruben (procesregisseur) sees the youths a need-to-know ground covers (tests/youths/
test_grounds.py); petra (projectleider), bert (beheerder) and hanna (ministerie) see no youth.
"""

import pytest
from django.contrib.auth.models import Permission
from guardian.shortcuts import assign_perm

from youths.models import Flag, YouthGroupObjectPermission
from youths.selectors import youth_get_for_user, youth_list_for_user

POLITIE_TEXT = "Politie: met een groep bij het winkelcentrum"
JONGERENWERK_TEXT = "Jongerenwerk: vertelt al weken niet naar school"


def _html(web, user, url):
    web.force_login(user)
    response = web.get(url)
    return response.status_code, response.content.decode()


@pytest.mark.django_db
def test_partner_sees_only_youths_its_organisation_is_involved_with(web, bas, daan, shared_youth, halt_youth):
    status, html = _html(web, bas, "/jongeren/")
    assert status == 200
    assert "Sanne" in html and "Milan" not in html
    status, html = _html(web, daan, "/jongeren/")
    assert status == 200
    assert "Milan" in html and "Sanne" not in html


@pytest.mark.django_db
def test_a_youth_out_of_reach_looks_the_same_as_one_that_does_not_exist(web, api, bas, daan, shared_youth):
    assert _html(web, daan, f"/jongeren/{shared_youth.pk}/")[0] == 404
    assert _html(web, daan, "/jongeren/999999/")[0] == 404
    out_of_reach = api(daan).get(f"/api/v1/youths/{shared_youth.pk}/")
    missing = api(daan).get("/api/v1/youths/999999/")
    assert out_of_reach.status_code == missing.status_code == 404
    assert out_of_reach.json() == missing.json()
    assert _html(web, bas, f"/jongeren/{shared_youth.pk}/")[0] == 200
    assert api(bas).get(f"/api/v1/youths/{shared_youth.pk}/").status_code == 200


@pytest.mark.django_db
def test_partner_sees_own_signals_in_full_and_of_others_only_organisation_date_and_domain(
    web, api, bas, chaima, shared_youth
):
    status, html = _html(web, bas, f"/jongeren/{shared_youth.pk}/")
    assert status == 200
    assert POLITIE_TEXT in html
    assert JONGERENWERK_TEXT not in html and "Schoolverzuim" not in html
    assert chaima.organisation.name in html  # who else is involved ...
    assert chaima.organisation.contact_name in html  # ... and whom to call

    signals = api(bas).get(f"/api/v1/youths/{shared_youth.pk}/").json()["signals"]
    own = [s for s in signals if s["organisation"] == bas.organisation.name]
    other = [s for s in signals if s["organisation"] == chaima.organisation.name]
    assert own[0]["description"].startswith("Politie") and own[0]["category"] == "overlast-straat"
    assert set(other[0]) == {
        "id",
        "youth_id",
        "organisation",
        "domain",
        "observed_on",
        "created_at",
        "visibility",
        "status",  # whether the other organisation is still involved (active) or closed its signal
    }
    assert other[0]["domain"] == "school" and other[0]["visibility"] == "limited"

    listed = api(bas).get("/api/v1/signals/").json()["results"]
    assert {s["visibility"] for s in listed if s["organisation"] == chaima.organisation.name} == {"limited"}
    assert all("description" not in s for s in listed if s["organisation"] == chaima.organisation.name)


@pytest.mark.django_db
def test_partner_cannot_see_other_organisations_signals_in_its_signal_list(web, bas, chaima, shared_youth):
    status, html = _html(web, bas, "/signalen/")
    assert status == 200
    assert "Overlast op straat" in html and "Schoolverzuim" not in html
    status, html = _html(web, chaima, "/signalen/")
    assert "Schoolverzuim" in html and "Overlast op straat" not in html


@pytest.mark.django_db
def test_the_procesregisseur_sees_a_youth_with_a_ground_and_its_signals_in_full_and_no_other(
    web, api, ruben, bas, shared_youth, halt_youth
):
    from tests.factories import signal_logged

    signal_logged(bas, shared_youth, domain="online", category="online-conflict", description="Bedreigingen.")
    assert Flag.objects.filter(youth=shared_youth).exists()  # the ground: on the list for the meeting
    status, html = _html(web, ruben, "/jongeren/")
    assert status == 200 and "Sanne" in html and "Milan" not in html
    status, html = _html(web, ruben, f"/jongeren/{shared_youth.pk}/")
    assert POLITIE_TEXT in html and JONGERENWERK_TEXT in html
    assert "op de lijst voor het overleg" in html  # the page says which ground gives access
    assert _html(web, ruben, f"/jongeren/{halt_youth.pk}/")[0] == 404
    status, html = _html(web, ruben, "/signalen/")
    assert "Schoolverzuim" in html and "Vernieling of diefstal" not in html
    client = ruben_api = api(ruben)
    assert {y["first_name"] for y in client.get("/api/v1/youths/").json()["results"]} == {"Sanne"}
    assert ruben_api.get(f"/api/v1/youths/{halt_youth.pk}/").status_code == 404
    assert {s["visibility"] for s in client.get("/api/v1/signals/").json()["results"]} == {"full"}
    assert len(client.get("/api/v1/matches/").json()["results"]) == 1


@pytest.mark.django_db
def test_the_projectleider_reads_no_youth_signal_match_or_flag(web, api, petra, shared_youth):
    for url in (
        "/jongeren/",
        f"/jongeren/{shared_youth.pk}/",
        "/signalen/",
        "/matches/",
        "/vroegsignalering/",
    ):
        assert _html(web, petra, url)[0] == 403, url
    for url in (
        "/api/v1/youths/",
        f"/api/v1/youths/{shared_youth.pk}/",
        "/api/v1/signals/",
        "/api/v1/flags/",
    ):
        assert api(petra).get(url).status_code == 403, url


@pytest.mark.django_db
@pytest.mark.parametrize("persona", ["bert", "hanna"])
def test_beheerder_and_ministerie_see_no_youth_no_signal_no_match_no_flag(
    request, web, api, persona, shared_youth
):
    user = request.getfixturevalue(persona)
    web.force_login(user)
    for url in (
        "/jongeren/",
        f"/jongeren/{shared_youth.pk}/",
        f"/jongeren/{shared_youth.pk}/leeslog/",
        "/signalen/",
        "/signalen/melden/",
        "/matches/",
        "/vroegsignalering/",
        "/dubbele-registraties/",
    ):
        assert web.get(url).status_code == 403, url
    client = api(user)
    for url in (
        "/api/v1/youths/",
        f"/api/v1/youths/{shared_youth.pk}/",
        "/api/v1/signals/",
        "/api/v1/matches/",
        "/api/v1/flags/",
    ):
        assert client.get(url).status_code == 403, url
    assert youth_list_for_user(user=user).count() == 0


@pytest.mark.django_db
def test_only_the_procesregisseur_sees_the_flags(web, api, bas, ruben, petra, shared_youth):
    from tests.factories import signal_logged

    signal_logged(bas, shared_youth, domain="online", category="online-conflict", description="Bedreigingen.")
    assert Flag.objects.count() == 1
    status, html = _html(web, ruben, "/vroegsignalering/")
    assert status == 200 and "Sanne" in html and "Signalen van meerdere organisaties" in html
    assert len(api(ruben).get("/api/v1/flags/").json()["results"]) == 1
    assert _html(web, petra, "/vroegsignalering/")[0] == 403  # the projectleider steers on aggregates
    # A flag's reason names other organisations' categories: a partner does not see it.
    assert _html(web, bas, "/vroegsignalering/")[0] == 403
    assert api(bas).get("/api/v1/flags/").status_code == 403
    assert "vroegsignaleringsoverleg" not in _html(web, bas, f"/jongeren/{shared_youth.pk}/")[1]


@pytest.mark.django_db
def test_partner_sees_matches_of_its_organisation_only(api, bas, daan, shared_youth, halt_youth):
    assert len(api(bas).get("/api/v1/matches/").json()["results"]) == 1
    assert api(daan).get("/api/v1/matches/").json()["results"] == []


# --- django-guardian's known traps ----------------------------------------------------------------


@pytest.mark.django_db
def test_a_superuser_partner_sees_only_what_its_organisation_is_involved_with(api, bas, daan, shared_youth):
    daan.is_superuser = True
    daan.save(update_fields=["is_superuser"])
    assert youth_get_for_user(user=daan, youth_id=shared_youth.pk) is None
    assert api(daan).get(f"/api/v1/youths/{shared_youth.pk}/").status_code == 404
    assert api(daan).get("/api/v1/youths/").json()["results"] == []
    assert youth_get_for_user(user=bas, youth_id=shared_youth.pk) == shared_youth


@pytest.mark.django_db
def test_a_global_view_youth_permission_is_no_pass_to_every_youth(api, bas, daan, shared_youth):
    assign_perm("youths.view_youth", daan)  # global (model-level) permission, e.g. by a careless admin
    assign_perm("youths.view_youth", daan.organisation.access_group)
    assert daan.has_perm("youths.view_youth")
    assert youth_get_for_user(user=daan, youth_id=shared_youth.pk) is None
    assert api(daan).get("/api/v1/youths/").json()["results"] == []
    assert youth_get_for_user(user=bas, youth_id=shared_youth.pk) == shared_youth


@pytest.mark.django_db
def test_an_operator_superuser_without_a_role_sees_no_youth(web, shared_youth):
    from accounts.models import User

    operator = User.objects.create_superuser("operator", "op@example.test", "wachtwoord-test-123")
    assert youth_get_for_user(user=operator, youth_id=shared_youth.pk) is None
    web.force_login(operator)
    assert web.get("/jongeren/").status_code == 403
    assert web.get(f"/jongeren/{shared_youth.pk}/").status_code == 403


@pytest.mark.django_db
def test_grants_are_direct_foreign_keys_and_leave_no_orphans_when_a_youth_is_deleted(bas, shared_youth):
    from guardian.models import GroupObjectPermission

    assert YouthGroupObjectPermission.objects.filter(content_object=shared_youth).count() == 2
    assert not GroupObjectPermission.objects.filter(permission__content_type__app_label="youths").exists()
    shared_youth.delete()
    assert YouthGroupObjectPermission.objects.count() == 0


@pytest.mark.django_db
def test_the_partner_role_holds_no_global_view_permission_on_youths(bas):
    codes = set(
        Permission.objects.filter(group__user=bas, content_type__app_label="youths").values_list(
            "codename", flat=True
        )
    )
    assert "view_youth" not in codes and "view_signal" not in codes and "view_grounded_youths" not in codes


@pytest.mark.django_db
def test_the_gateway_reaches_exactly_the_youths_guardian_grants_without_superuser_or_global_perms(
    bas, chaima, daan, shared_youth, halt_youth
):
    from guardian.shortcuts import get_objects_for_user

    from youths.models import Youth
    from youths.selectors import _youths_in_reach

    daan.is_superuser = True  # the trap: must change nothing
    daan.save(update_fields=["is_superuser"])
    assign_perm("youths.view_youth", chaima)  # global permission: must change nothing either
    assign_perm("youths.view_youth", bas, halt_youth)  # a direct user grant counts, as in guardian
    for user in (bas, chaima, daan):
        guardian = get_objects_for_user(
            user, "youths.view_youth", klass=Youth, with_superuser=False, accept_global_perms=False
        )
        assert set(_youths_in_reach(user)) == set(guardian), user
    assert set(_youths_in_reach(bas)) == {shared_youth, halt_youth}
    assert set(_youths_in_reach(daan)) == {halt_youth}
