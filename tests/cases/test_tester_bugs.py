"""Issue 11, point 8: the bugs a tester saw, each with the behaviour the user now gets."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from cases.lifecycle import CaseStatus
from cases.models import CaseOrganisation, LegalBasis
from cases.services import core as case_services
from cases.services import meetings as meeting_services
from core.errors import DomainError
from tests.factories import signal_logged
from youths.models import DuplicateCandidate, Youth

BORN = dt.date(2008, 7, 1)


@pytest.mark.django_db
def test_the_cases_own_youth_is_not_offered_as_family_and_linking_it_says_why(web, ruben, case):
    web.force_login(ruben)
    page = web.get(f"/casussen/{case.pk}/?zoek=Sanne").content.decode()
    assert 'name="linked_youth" value="%s"' % case.youth_id not in page
    assert "Geen jongere gevonden die u mag zien." in page
    response = web.post(
        f"/casussen/{case.pk}/gezin/", {"relation": "broer_zus", "linked_youth": case.youth_id}
    )
    assert response.status_code == 400
    assert "Een jongere is geen gezinslid van zichzelf." in response.content.decode()


@pytest.mark.django_db
def test_merging_needs_an_explicit_choice_and_a_confirmation_with_the_consequences(
    web, ruben, bas, chaima, reference_lists
):
    one = signal_logged(bas, first_name="Mohamed", last_name="Yilmaz", date_of_birth=BORN).youth
    other = signal_logged(chaima, first_name="Mohammed", last_name="Yilmaz", date_of_birth=BORN).youth
    candidate = DuplicateCandidate.objects.get()
    web.force_login(ruben)
    page = web.get("/dubbele-registraties/").content.decode()
    assert " checked" not in page  # nothing pre-selected
    url = f"/dubbele-registraties/{candidate.pk}/samenvoegen/"
    response = web.post(url, {})
    assert response.status_code == 302 and Youth.objects.count() == 2  # no choice: nothing happens
    response = web.post(url, {"behouden": other.pk})
    confirm = response.content.decode()
    assert response.status_code == 200 and "Samenvoegen kan niet ongedaan worden gemaakt." in confirm
    assert "1 signaal gaat mee" in confirm and Youth.objects.count() == 2
    response = web.post(url, {"behouden": other.pk, "bevestigd": "on"})
    assert response.status_code == 302
    assert list(Youth.objects.values_list("pk", flat=True)) == [other.pk]
    assert one.pk != other.pk


@pytest.mark.django_db
def test_a_case_is_put_on_the_agenda_by_choosing_it_not_by_typing_its_number(web, ruben, case):
    meeting = meeting_services.meeting_create(
        actor=ruben, kind="casus", starts_at=timezone.now(), chair=ruben, organisations=[]
    )
    web.force_login(ruben)
    page = web.get(f"/overleggen/{meeting.pk}/").content.decode()
    assert f'<option value="{case.pk}">Casus {case.pk}: Sanne de Vries' in page
    assert "Casusnummer" not in page
    response = web.post(f"/overleggen/{meeting.pk}/agenda/toevoegen/", {"case": 999999})
    assert response.status_code == 400 and "Kies een open casus uit de lijst." in response.content.decode()


@pytest.mark.django_db
def test_the_ministry_is_no_meeting_attendee_and_no_case_organisation(web, ruben, case, ministerie_org):
    web.force_login(ruben)
    assert ministerie_org.name not in web.get("/overleggen/nieuw/").content.decode()
    assert ministerie_org.name not in web.get(f"/casussen/{case.pk}/").content.decode()
    with pytest.raises(DomainError, match="neemt niet deel"):
        case_services.case_organisation_add(
            actor=ruben, case=case, organisation=ministerie_org, role="Toezicht"
        )
    with pytest.raises(DomainError, match="neemt niet deel"):
        meeting_services.meeting_create(
            actor=ruben, kind="casus", starts_at=timezone.now(), chair=ruben, organisations=[ministerie_org]
        )
    assert not CaseOrganisation.objects.filter(organisation=ministerie_org).exists()


@pytest.mark.django_db
def test_minutes_and_decisions_are_refused_for_a_meeting_dated_tomorrow(ruben, flag):
    meeting = meeting_services.meeting_create(
        actor=ruben,
        kind="vroegsignalering",
        starts_at=timezone.now() + dt.timedelta(days=1),
        chair=ruben,
        organisations=[],
    )
    item = meeting_services.agenda_item_add(actor=ruben, meeting=meeting, flag=flag)
    meeting_services.agenda_item_record_legal_basis(
        actor=ruben, item=item, legal_basis=LegalBasis.objects.get(code="convenant-zvh")
    )
    with pytest.raises(DomainError, match="Notulen en besluiten legt u vast op of na de dag") as error:
        meeting_services.agenda_item_record_minutes(actor=ruben, item=item, minutes="Besproken.")
    assert error.value.code == "meeting_not_held"
    with pytest.raises(DomainError, match="staat gepland op"):
        meeting_services.agenda_item_decide(
            actor=ruben, item=item, decision="geen_actie", reason="Geen zorgen"
        )


@pytest.mark.django_db
def test_the_closing_reason_is_not_preset(web, ruben, case):
    web.force_login(ruben)
    page = web.get(f"/casussen/{case.pk}/").content.decode()
    assert '<option value="" selected>Kies een reden</option>' in page
    response = web.post(
        f"/casussen/{case.pk}/sluiten/",
        {
            "reason": "Klaar",
            "outcome_perspective": "werk",
            "outcome_qualification": "geen",
            "outcome_network_size": 3,
        },
    )
    assert response.status_code == 400 and "Kies de reden van sluiten." in response.content.decode()


@pytest.mark.django_db
def test_a_case_does_not_close_while_a_goal_is_still_running(web, ruben, case):
    goal = case_services.case_goal_add(
        actor=ruben, case=case, life_domain="school", description="Weer naar school."
    )
    web.force_login(ruben)
    response = web.post(
        f"/casussen/{case.pk}/sluiten/",
        {
            "reason": "Klaar",
            "closing_reason": "doelen_bereikt",
            "outcome_perspective": "werk",
            "outcome_qualification": "geen",
            "outcome_network_size": 3,
        },
    )
    assert response.status_code == 400
    assert "Er loopt nog een doel: School en opleiding: Weer naar school." in response.content.decode()
    case.refresh_from_db()
    assert case.status == CaseStatus.AANGEMELD
    case_services.case_goal_set_status(actor=ruben, goal=goal, status="bereikt")
    closing = case_services.CaseClosing(
        reason="doelen_bereikt", perspective="werk", qualification="geen", network_size=3
    )
    closed = case_services.case_transition(
        actor=ruben, case=case, to=CaseStatus.GESLOTEN, reason="Klaar", closing=closing
    )
    assert closed.status == CaseStatus.GESLOTEN
