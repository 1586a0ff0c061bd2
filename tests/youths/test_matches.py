import datetime as dt

import pytest
from django.utils import timezone

from tests.factories import signal_logged
from youths.models import Match


@pytest.mark.django_db
def test_a_third_organisation_joins_the_open_match_and_all_are_told(bas, chaima, daan, shared_youth):
    from core.models import Notification

    Notification.objects.all().delete()
    signal_logged(daan, shared_youth, category="vernieling-diefstal", description="Halt-melding.")
    match = Match.objects.get()  # no second match: Halt joined the open one
    assert {p.organisation for p in match.participants.all()} == {
        bas.organisation,
        chaima.organisation,
        daan.organisation,
    }
    halt = match.participants.get(organisation=daan.organisation)
    assert halt.is_newcomer and halt.joined_at > match.created_at
    to_halt = Notification.objects.filter(organisation=daan.organisation).get()
    assert bas.organisation.name in to_halt.text and chaima.organisation.name in to_halt.text
    # The organisations already in the match hear who joined, and the notice names the youth.
    to_police = Notification.objects.filter(organisation=bas.organisation).get()
    assert daan.organisation.name in to_police.text and "Sanne de Vries" in to_police.text
    assert to_police.youth_id == shared_youth.pk


@pytest.mark.django_db
def test_one_match_for_four_organisations_seen_by_all_and_settled_by_one_follow_up(
    web, bas, chaima, daan, shared_youth
):
    from tests.factories import OrganisationFactory, UserFactory

    gijs = UserFactory(role="partner", organisation=OrganisationFactory(name="Sociaal Wijkteam Zwolle"))
    signal_logged(daan, shared_youth, category="vernieling-diefstal", description="Halt-melding.")
    signal_logged(gijs, shared_youth, category="zorgen-thuis", domain="home", description="Wijkteam: zorgen.")
    match = Match.objects.get()
    names = [bas.organisation.name, chaima.organisation.name, daan.organisation.name, gijs.organisation.name]
    for user in (bas, chaima, daan, gijs):
        web.force_login(user)
        html = web.get(f"/jongeren/{shared_youth.pk}/").content.decode()
        assert all(name in html for name in names), user.username
        listed = web.get("/api/v1/matches/").json()["results"]
        assert [m["id"] for m in listed] == [match.pk]
    web.force_login(daan)
    prefix = f"match-{match.pk}"
    response = web.post(
        f"/matches/{match.pk}/opvolging/",
        {
            f"{prefix}-in_touch_on": timezone.localdate().isoformat(),
            f"{prefix}-lead_organisation": bas.organisation.pk,
        },
    )
    assert response.status_code == 302
    match.refresh_from_db()
    assert match.is_followed_up  # settled for all four
    web.force_login(chaima)
    assert "Opgevolgd" in web.get(f"/jongeren/{shared_youth.pk}/").content.decode()
    # After it was settled, a newly involved organisation makes a new match.
    school = UserFactory(role="partner", organisation=OrganisationFactory(name="Het Vechtdal College"))
    signal_logged(school, shared_youth, category="schoolverzuim", domain="school", description="Verzuim.")
    assert Match.objects.count() == 2
    newest = Match.objects.get(followed_up_at__isnull=True)
    assert newest.participants.count() == 5


@pytest.mark.django_db
def test_match_notifications_are_never_emailed(bas, chaima, daan, shared_youth):
    from django.core import mail

    from core.models import Notification, OutboxMessage

    signal_logged(daan, shared_youth, category="vernieling-diefstal", description="Halt-melding.")
    assert Notification.objects.filter(kind="match").count() >= 3
    assert not OutboxMessage.objects.filter(task_name="core.tasks.notification_email").exists()
    assert not Notification.objects.filter(emailed_at__isnull=False).exists()
    assert mail.outbox == []


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
