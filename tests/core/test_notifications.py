import pytest
from django.core import mail

from core.models import Notification
from core.services import notification_email, notification_send


@pytest.mark.django_db
def test_a_notification_is_shown_to_its_organisation_and_emailed_to_its_contact_once(
    django_capture_on_commit_callbacks, bas
):
    with django_capture_on_commit_callbacks(execute=True):
        notification = notification_send(
            organisation=bas.organisation, kind="test", text="Eerste regel\nMeer tekst", link="/jongeren/"
        )
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [bas.organisation.contact_email]
    assert "Eerste regel" in mail.outbox[0].subject and "/jongeren/" in mail.outbox[0].body
    notification.refresh_from_db()
    assert notification.emailed_at is not None
    assert notification_email(notification_id=notification.pk) is False  # a second run sends nothing
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_a_notification_for_one_user_is_mailed_to_that_user(django_capture_on_commit_callbacks, bas):
    with django_capture_on_commit_callbacks(execute=True):
        notification_send(organisation=bas.organisation, user=bas, kind="rapport", text="Rapport klaar")
    assert mail.outbox[0].to == [bas.email]


@pytest.mark.django_db
def test_the_meldingen_page_shows_the_own_organisations_notifications_only(web, bas, chaima):
    notification_send(organisation=bas.organisation, kind="test", text="Voor de politie", email=False)
    notification_send(
        organisation=chaima.organisation, kind="test", text="Voor het jongerenwerk", email=False
    )
    web.force_login(bas)
    html = web.get("/meldingen/").content.decode()
    assert "Voor de politie" in html and "Voor het jongerenwerk" not in html
    web.force_login(chaima)
    html = web.get("/meldingen/").content.decode()
    assert "Voor het jongerenwerk" in html and "Voor de politie" not in html


@pytest.mark.django_db
def test_a_user_marks_a_notification_as_read_for_the_organisation(web, bas, chaima):
    notification = notification_send(
        organisation=bas.organisation, kind="t", text="Lees mij", link="/matches/", email=False
    )
    web.force_login(bas)
    assert ">1</span>" in web.get("/meldingen/").content.decode()  # unread counter in the menu
    response = web.post(f"/meldingen/{notification.pk}/gelezen/", {"open": "1"})
    assert response.status_code == 302 and response["Location"] == "/matches/"
    notification.refresh_from_db()
    assert notification.read_at is not None and notification.read_by == bas
    web.force_login(chaima)
    assert web.post(f"/meldingen/{notification.pk}/gelezen/").status_code == 404


@pytest.mark.django_db
def test_mark_all_as_read(web, bas):
    for n in range(3):
        notification_send(organisation=bas.organisation, kind="t", text=f"Melding {n}", email=False)
    web.force_login(bas)
    web.post("/meldingen/alles-gelezen/")
    assert not Notification.objects.filter(read_at__isnull=True).exists()


@pytest.mark.django_db
def test_the_notifications_page_needs_a_fixed_number_of_queries(web, bas):
    from tests.querycount import assert_queries_flat

    notification_send(organisation=bas.organisation, kind="t", text="Een", email=False)
    web.force_login(bas)

    def grow():
        for n in range(10):
            notification_send(organisation=bas.organisation, kind="t", text=f"Meer {n}", email=False)

    assert_queries_flat(lambda: web.get("/meldingen/"), grow=grow)
