import datetime as dt

import pytest
from django.utils import timezone

from tests.factories import signal_logged
from youths.models import Match


@pytest.mark.django_db
def test_a_third_organisation_makes_a_new_match_that_names_all_others(bas, chaima, daan, shared_youth):
    from core.models import Notification

    signal_logged(daan, shared_youth, category="vernieling-diefstal", description="Halt-melding.")
    assert Match.objects.count() == 2
    latest = Match.objects.latest("created_at")
    assert {p.organisation for p in latest.participants.all()} == {
        bas.organisation,
        chaima.organisation,
        daan.organisation,
    }
    assert latest.participants.get(is_newcomer=True).organisation == daan.organisation
    to_halt = Notification.objects.filter(organisation=daan.organisation).get()
    assert bas.organisation.name in to_halt.text and chaima.organisation.name in to_halt.text


@pytest.mark.django_db
def test_an_organisation_that_logs_again_makes_no_new_match(bas, shared_youth):
    signal_logged(bas, shared_youth, description="Nog een keer.")
    assert Match.objects.count() == 1


@pytest.mark.django_db
def test_an_involved_organisation_records_the_follow_up_on_the_youth_page(web, bas, chaima, shared_youth):
    match = Match.objects.get()
    web.force_login(chaima)
    html = web.get(f"/jongeren/{shared_youth.pk}/").content.decode()
    assert "Opvolging vastleggen" in html and "Nog niet opgevolgd" in html
    prefix = f"match-{match.pk}"
    response = web.post(
        f"/matches/{match.pk}/opvolging/",
        {
            f"{prefix}-in_touch_on": timezone.localdate().isoformat(),
            f"{prefix}-lead_organisation": chaima.organisation.pk,
            f"{prefix}-note": "Jongerenwerk houdt contact met moeder.",
        },
    )
    assert response.status_code == 302
    match.refresh_from_db()
    assert (
        match.is_followed_up
        and match.lead_organisation == chaima.organisation
        and match.followed_up_by == chaima
    )
    web.force_login(bas)
    html = web.get(f"/jongeren/{shared_youth.pk}/").content.decode()
    assert "Opgevolgd" in html and "Jongerenwerk houdt contact met moeder." in html


@pytest.mark.django_db
def test_the_lead_must_be_one_of_the_matched_organisations(web, chaima, daan, shared_youth, halt_youth):
    match = Match.objects.get()
    web.force_login(chaima)
    prefix = f"match-{match.pk}"
    web.post(
        f"/matches/{match.pk}/opvolging/",
        {
            f"{prefix}-in_touch_on": timezone.localdate().isoformat(),
            f"{prefix}-lead_organisation": daan.organisation.pk,
        },
    )
    match.refresh_from_db()
    assert not match.is_followed_up


@pytest.mark.django_db
def test_an_organisation_outside_the_match_cannot_record_its_follow_up(web, daan, shared_youth):
    match = Match.objects.get()
    web.force_login(daan)
    response = web.post(f"/matches/{match.pk}/opvolging/", {})
    assert response.status_code == 404


@pytest.mark.django_db
def test_the_procesregisseur_sees_every_match_not_followed_up_in_time(
    web, settings, ruben, bas, shared_youth
):
    from tests.factories import signal_logged

    settings.MATCH_FOLLOW_UP_DAYS = 14
    match = Match.objects.get()
    signal_logged(bas, shared_youth, domain="online", category="online-conflict")  # a flag: the ground
    web.force_login(ruben)
    assert "Sanne" not in web.get("/matches/?opvolging=te-laat").content.decode()
    Match.objects.filter(pk=match.pk).update(created_at=timezone.now() - dt.timedelta(days=15))
    html = web.get("/matches/?opvolging=te-laat").content.decode()
    assert "Sanne" in html and "Te laat" in html
    # A partner sees its own overdue matches in the same list.
    web.force_login(bas)
    assert "Sanne" in web.get("/matches/?opvolging=te-laat").content.decode()


@pytest.mark.django_db
def test_matches_page_lists_the_partners_matches_only(web, bas, daan, shared_youth, halt_youth):
    web.force_login(bas)
    assert "Sanne" in web.get("/matches/").content.decode()
    web.force_login(daan)
    html = web.get("/matches/").content.decode()
    assert "Sanne" not in html and "Geen matches." in html
