"""The issue's scenario, end to end through the services and the pages a partner uses."""

import datetime as dt

import pytest
from django.core import mail

from core.models import Notification
from tests.factories import signal_logged
from youths.models import Flag, Match, Youth


@pytest.mark.django_db
def test_two_organisations_one_youth_one_match_third_signal_flags_once(
    web, api, bas, chaima, daan, reference_lists, django_capture_on_commit_callbacks
):
    # Organisation A (politie) logs a signal.
    first = signal_logged(bas, first_name="Sanne", last_name="de Vries", date_of_birth=dt.date(2010, 5, 17))
    assert Match.objects.count() == 0
    assert Notification.objects.count() == 0

    # Organisation B (jongerenwerk) logs one about the same youth, typed differently in case.
    with django_capture_on_commit_callbacks(execute=True):  # the e-mails go out after commit
        second = signal_logged(
            chaima,
            first_name="sanne",
            last_name="DE VRIES",
            date_of_birth=dt.date(2010, 5, 17),
            domain="school",
            category="schoolverzuim",
            description="Drie weken niet op school geweest volgens haar vriendinnen.",
        )
    assert Youth.objects.count() == 1
    assert second.youth_id == first.youth_id
    youth = first.youth

    match = Match.objects.get()
    assert match.youth == youth
    assert {p.organisation for p in match.participants.all()} == {bas.organisation, chaima.organisation}

    # Both A and B are notified, each with the other's contact, never with the content of signals. Since
    # issue 11 the notice names the youth and stays in the platform: no e-mail is sent.
    to_politie = Notification.objects.get(organisation=bas.organisation)
    to_jongerenwerk = Notification.objects.get(organisation=chaima.organisation)
    assert chaima.organisation.name in to_politie.text
    assert chaima.organisation.contact_name in to_politie.text
    assert bas.organisation.name in to_jongerenwerk.text
    assert bas.organisation.contact_email in to_jongerenwerk.text
    for notification in (to_politie, to_jongerenwerk):
        assert "Drie weken" not in notification.text and "winkelcentrum" not in notification.text
        assert "Sanne de Vries" in notification.text and notification.youth_id == youth.pk
        assert notification.link == f"/jongeren/{youth.pk}/"
        assert notification.emailed_at is None
    assert mail.outbox == []

    # Organisation C (Halt) sees nothing of it: not in its list, not by id, not in the API.
    web.force_login(daan)
    assert "de Vries" not in web.get("/jongeren/").content.decode()
    assert web.get(f"/jongeren/{youth.pk}/").status_code == 404
    assert api(daan).get("/api/v1/youths/").json()["results"] == []
    assert api(daan).get(f"/api/v1/youths/{youth.pk}/").status_code == 404
    assert api(daan).get("/api/v1/signals/").json()["results"] == []
    assert api(daan).get("/api/v1/matches/").json()["results"] == []

    # A third signal (3 signals, 2 organisations, within 180 days) fires the default rule once ...
    signal_logged(bas, youth, domain="online", category="online-conflict", description="Dreigende berichten.")
    flag = Flag.objects.get()
    assert flag.rule.name == "Signalen van meerdere organisaties"
    assert flag.signals.count() == 3
    assert "3 signalen" in flag.explanation

    # ... and a fourth does not fire it again.
    signal_logged(chaima, youth, description="Opnieuw aangesproken bij het winkelcentrum.")
    assert Flag.objects.count() == 1
    assert Match.objects.count() == 1  # chaima was already involved: no new match
