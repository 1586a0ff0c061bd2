import pytest
from django.core import mail

from core.models import Notification, NotificationRead
from core.selectors import notification_list_for_user, notification_unread_count
from core.services import notification_email, notification_send
from tests.factories import UserFactory


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
def test_a_user_marks_a_notification_as_read_for_themselves_only(web, bas, chaima):
    """Issue 9: one person's "gelezen" used to mark it read for the whole organisation."""
    colleague = UserFactory(username="bo", role="partner", organisation=bas.organisation)
    notification = notification_send(
        organisation=bas.organisation, kind="t", text="Lees mij", link="/matches/", email=False
    )
    web.force_login(bas)
    assert ">1</span>" in web.get("/meldingen/").content.decode()  # unread counter in the menu
    response = web.post(f"/meldingen/{notification.pk}/gelezen/", {"open": "1"})
    assert response.status_code == 302 and response["Location"] == "/matches/"
    assert NotificationRead.objects.filter(notification=notification, user=bas).exists()
    html = web.get("/meldingen/").content.decode()
    assert "utrecht-badge-counter" not in html and "Markeer als gelezen" not in html
    assert notification_unread_count(user=bas) == 0
    # The colleague still sees it as new, with the counter and the button.
    web.force_login(colleague)
    html = web.get("/meldingen/").content.decode()
    assert ">1</span>" in html and "Markeer als gelezen" in html
    assert notification_unread_count(user=colleague) == 1
    # Another organisation cannot mark it at all.
    web.force_login(chaima)
    assert web.post(f"/meldingen/{notification.pk}/gelezen/").status_code == 404


@pytest.mark.django_db
def test_mark_all_as_read_is_for_the_user_only(web, bas):
    colleague = UserFactory(username="bo", role="partner", organisation=bas.organisation)
    for n in range(3):
        notification_send(organisation=bas.organisation, kind="t", text=f"Melding {n}", email=False)
    web.force_login(bas)
    web.post("/meldingen/alles-gelezen/")
    assert notification_unread_count(user=bas) == 0
    assert notification_unread_count(user=colleague) == 3
    web.post("/meldingen/alles-gelezen/")  # twice: nothing more, no error
    assert NotificationRead.objects.filter(user=bas).count() == 3


@pytest.mark.django_db
def test_the_beheerder_and_the_ministry_never_see_case_notifications(web, ruben, petra, bert, hanna):
    """Issue 9: the beheerder of an involved organisation received the notifications about youths."""
    case_news = notification_send(
        organisation=ruben.organisation,
        kind="match",
        text="Match over een jongere",
        email=False,
        audience=Notification.Audience.CASE_WORK,
    )
    notification_send(organisation=ruben.organisation, kind="t", text="Voor iedereen", email=False)
    notification_send(
        organisation=hanna.organisation,
        kind="match",
        text="Match bij het ministerie",
        email=False,
        audience=Notification.Audience.CASE_WORK,
    )
    for allowed in (ruben,):
        web.force_login(allowed)
        html = web.get("/meldingen/").content.decode()
        assert "Match over een jongere" in html and "Voor iedereen" in html
        assert notification_unread_count(user=allowed) == 2
    for refused in (bert, petra):  # the projectleider reads no personal data by role (need-to-know)
        web.force_login(refused)
        html = web.get("/meldingen/").content.decode()
        assert "Match over een jongere" not in html and "Voor iedereen" in html
        assert notification_unread_count(user=refused) == 1
    assert web.post(f"/meldingen/{case_news.pk}/gelezen/").status_code == 404
    assert not notification_list_for_user(user=hanna).exists()


@pytest.mark.django_db
def test_a_case_notification_for_a_user_who_may_not_read_it_goes_to_the_case_workers(bert, ruben):
    notification = notification_send(
        organisation=bert.organisation,
        user=bert,
        kind="actie-te-laat",
        text="Actie te laat",
        email=False,
        audience=Notification.Audience.CASE_WORK,
    )
    assert notification.user is None
    assert not notification_list_for_user(user=bert).exists()
    assert notification_list_for_user(user=ruben).get() == notification


@pytest.mark.django_db
def test_the_notifications_page_needs_a_fixed_number_of_queries(web, bas):
    from tests.querycount import assert_queries_flat

    notification_send(organisation=bas.organisation, kind="t", text="Een", email=False)
    web.force_login(bas)

    def grow():
        for n in range(10):
            notification_send(organisation=bas.organisation, kind="t", text=f"Meer {n}", email=False)

    assert_queries_flat(lambda: web.get("/meldingen/"), grow=grow)
