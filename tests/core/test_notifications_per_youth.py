"""Notifications people can act on (issue 11 point 7): in the platform only, naming the youth, grouped per
youth on /meldingen/, read state per person, and only for the members whose role may read youths."""

import pytest
from django.core import mail

from core.models import Notification, OutboxMessage
from core.services import notification_send
from tests.factories import UserFactory


def _about(org, youth_id, name, text):
    return notification_send(
        organisation=org,
        kind="match",
        text=text,
        link=f"/jongeren/{youth_id}/",
        audience=Notification.Audience.CASE_WORK,
        youth_id=youth_id,
        youth_name=name,
    )


@pytest.mark.django_db
def test_a_notification_that_names_a_youth_is_never_emailed(django_capture_on_commit_callbacks, bas):
    with django_capture_on_commit_callbacks(execute=True):
        notification = _about(bas.organisation, 7, "Sanne de Vries", "Match over Sanne de Vries")
    notification.refresh_from_db()
    assert notification.emailed_at is None and mail.outbox == []
    assert not OutboxMessage.objects.filter(task_name="core.tasks.notification_email").exists()


@pytest.mark.django_db
def test_a_notification_naming_a_youth_must_be_for_case_workers_only(bas):
    with pytest.raises(ValueError, match="case workers"):
        notification_send(
            organisation=bas.organisation, kind="x", text="Over Sanne", youth_id=7, youth_name="S"
        )


@pytest.mark.django_db
def test_the_meldingen_page_groups_per_youth_with_a_heading_each(web, bas):
    _about(bas.organisation, 7, "Sanne de Vries", "Match over Sanne de Vries\nBetrokken: jongerenwerk")
    _about(bas.organisation, 8, "Milan Bakker", "Match over Milan Bakker")
    _about(bas.organisation, 7, "Sanne de Vries", "Aanmelding over Sanne de Vries beoordeeld")
    notification_send(organisation=bas.organisation, kind="rapport", text="Het rapport is klaar", email=False)
    web.force_login(bas)
    html = web.get("/meldingen/").content.decode()
    headings = [h for h in ("Sanne de Vries</h2>", "Milan Bakker</h2>", "Overige meldingen</h2>")]
    for heading in headings:
        assert heading in html or heading.replace("</h2>", " <span") in html, heading
    # One heading per youth: Sanne's two notices are under one heading, the newest group first.
    assert html.count('id="g-') == 3
    assert html.index("Overige meldingen") < html.index("Sanne de Vries") < html.index("Milan Bakker")
    assert html.count("Aanmelding over Sanne de Vries") == 1


@pytest.mark.django_db
def test_read_state_stays_per_person_and_the_beheerder_never_sees_a_youths_name(web, bas, bert):
    colleague = UserFactory(role="partner", organisation=bas.organisation)
    notice = _about(bas.organisation, 7, "Sanne de Vries", "Match over Sanne de Vries")
    web.force_login(bas)
    web.post(f"/meldingen/{notice.pk}/gelezen/")
    web.force_login(colleague)
    assert "nieuw" in web.get("/meldingen/").content.decode()
    # The beheerder of an organisation reads no youths: it never sees the notice (nor the name).
    gemeente_notice = _about(bert.organisation, 7, "Sanne de Vries", "Aanmelding over Sanne de Vries")
    web.force_login(bert)
    html = web.get("/meldingen/").content.decode()
    assert "Sanne" not in html and gemeente_notice.text not in html
