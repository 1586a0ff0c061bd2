"""Referrals (aanmeldingen, issue 11 point 1): a partner asks the procesregisseur to discuss a youth; the
procesregisseur triages it and the partner is told the outcome in the platform."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.utils import timezone

from cases.models import AgendaItem, Referral
from cases.selectors.referrals import youth_ids_with_open_referral
from cases.services import meetings as meeting_services
from cases.services import referrals as referral_services
from core.errors import DomainError
from core.models import Notification
from tests.factories import signal_logged
from tests.querycount import assert_queries_flat


@pytest.fixture
def sanne(bas, case_lists):
    return signal_logged(
        bas, first_name="Sanne", last_name="de Vries", date_of_birth=dt.date(2010, 5, 17)
    ).youth


@pytest.fixture
def milan(daan, case_lists):
    return signal_logged(
        daan, first_name="Milan", last_name="Bakker", date_of_birth=dt.date(2011, 2, 3)
    ).youth


def _meeting(ruben, days=7):
    return meeting_services.meeting_create(
        actor=ruben,
        kind="casus",
        starts_at=timezone.now() + dt.timedelta(days=days),
        chair=ruben,
        organisations=[],
    )


def _refer(actor, youth, question="Zorgen over thuis en school; graag bespreken."):
    return referral_services.referral_submit(actor=actor, youth=youth, question=question)


@pytest.mark.django_db
def test_a_partner_asks_from_the_youth_page_and_the_procesregisseur_sees_it(web, bas, ruben, sanne):
    web.force_login(bas)
    html = web.get(f"/jongeren/{sanne.pk}/").content.decode()
    assert "Bespreking aanvragen" in html and f"/jongeren/{sanne.pk}/aanmelden/" in html
    response = web.post(
        f"/jongeren/{sanne.pk}/aanmelden/",
        {"question": "Hij lijkt geronseld te worden.", "domains": ["street", "online"], "tried": "Gesprek"},
    )
    referral = Referral.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/aanmeldingen/{referral.pk}/"
    assert referral.organisation == bas.organisation and referral.requested_by == bas
    assert referral.domains == ["street", "online"] and referral.is_open
    # The procesregisseur is told, and finds it in the list of open referrals.
    assert Notification.objects.filter(organisation=ruben.organisation, kind="aanmelding").exists()
    web.force_login(ruben)
    html = web.get("/aanmeldingen/").content.decode()
    assert "Sanne de Vries" in html and bas.organisation.name in html and "te beoordelen" in html


@pytest.mark.django_db
def test_a_question_is_required_and_nothing_is_saved_without_it(web, bas, sanne):
    web.force_login(bas)
    response = web.post(f"/jongeren/{sanne.pk}/aanmelden/", {"question": "   "})
    assert response.status_code == 400
    assert "Beschrijf uw vraag" in response.content.decode() or "verplicht" in response.content.decode()
    assert not Referral.objects.exists()


@pytest.mark.django_db
def test_a_partner_cannot_refer_a_youth_its_organisation_may_not_read(web, api, bas, milan):
    web.force_login(bas)
    assert web.get(f"/jongeren/{milan.pk}/aanmelden/").status_code == 404
    assert web.post(f"/jongeren/{milan.pk}/aanmelden/", {"question": "Graag"}).status_code == 404
    response = api(bas).post("/api/v1/referrals/", {"youth_id": milan.pk, "question": "Graag"}, format="json")
    assert response.status_code == 400
    assert not Referral.objects.exists()


@pytest.mark.django_db
def test_referral_through_the_api_and_listed_for_the_procesregisseur(api, bas, ruben, daan, sanne, milan):
    response = api(bas).post(
        "/api/v1/referrals/",
        {"youth_id": sanne.pk, "question": "Graag bespreken.", "domains": ["home"], "tried": "Huisbezoek"},
        format="json",
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["status"] == "open" and body["youth"]["id"] == sanne.pk and body["domains"] == ["home"]
    _refer(daan, milan)
    listed = api(ruben).get("/api/v1/referrals/?status=open").json()["results"]
    assert [r["youth"]["first_name"] for r in listed] == ["Milan", "Sanne"]  # newest first
    oldest_first = api(ruben).get("/api/v1/referrals/?ordering=created_at").json()["results"]
    assert [r["youth"]["first_name"] for r in oldest_first] == ["Sanne", "Milan"]
    # A partner sees its own organisation's referrals only.
    assert [r["youth"]["first_name"] for r in api(bas).get("/api/v1/referrals/").json()["results"]] == [
        "Sanne"
    ]
    # The procesregisseur cannot refer; the partner cannot triage.
    assert api(ruben).post("/api/v1/referrals/", {}, format="json").status_code == 403
    triage = api(bas).post(f"/api/v1/referrals/{body['id']}/triage/", {"outcome": "advies"}, format="json")
    assert triage.status_code == 403


@pytest.mark.django_db
def test_triage_onto_the_agenda_makes_an_agenda_item_and_tells_the_partner(web, bas, ruben, sanne):
    referral = _refer(bas, sanne)
    meeting = _meeting(ruben)
    web.force_login(ruben)
    response = web.post(f"/aanmeldingen/{referral.pk}/", {"outcome": "agenda", "meeting": meeting.pk})
    assert response.status_code == 302
    referral.refresh_from_db()
    assert referral.outcome == "agenda" and referral.triaged_by == ruben
    item = AgendaItem.objects.get(referral=referral)
    assert item.meeting == meeting and item.youth == sanne
    assert "Aanmelding van" in web.get(f"/overleggen/{meeting.pk}/").content.decode()
    notice = Notification.objects.get(organisation=bas.organisation, kind="aanmelding-beoordeeld")
    assert "Sanne de Vries" in notice.text and str(meeting) in notice.text
    assert notice.youth_id == sanne.pk and notice.emailed_at is None
    # The partner sees the outcome on its list and the referral's page.
    web.force_login(bas)
    assert "Op de agenda van een overleg" in web.get("/aanmeldingen/").content.decode()
    assert str(meeting) in web.get(f"/aanmeldingen/{referral.pk}/").content.decode()


@pytest.mark.django_db
def test_a_referral_on_the_agenda_can_open_a_case(ruben, bas, sanne):
    from cases.models import LegalBasis

    referral = _refer(bas, sanne)
    meeting = _meeting(ruben, days=0)
    referral_services.referral_triage(actor=ruben, referral=referral, outcome="agenda", meeting=meeting)
    item = AgendaItem.objects.get(referral=referral)
    meeting_services.agenda_item_record_legal_basis(
        actor=ruben, item=item, legal_basis=LegalBasis.objects.filter(is_active=True).first()
    )
    meeting_services.agenda_item_decide(actor=ruben, item=item, decision="casus", procesregie_holder=ruben)
    assert sanne.cases.count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("data", "outcome", "shown"),
    [
        (
            {"outcome": "advies", "text": "Bel het wijkteam voor opvoedondersteuning."},
            "advies",
            "Advies: Bel",
        ),
        ({"outcome": "andere_route", "route": "veilig_thuis"}, "andere_route", "Veilig Thuis"),
        ({"outcome": "andere_route", "route": "anders", "text": "Leerplicht"}, "andere_route", "Leerplicht"),
        ({"outcome": "niet_opgepakt", "text": "Al in beeld bij het wijkteam."}, "niet_opgepakt", "Reden: Al"),
    ],
)
def test_each_outcome_is_recorded_and_sent_back(web, bas, ruben, sanne, data, outcome, shown):
    referral = _refer(bas, sanne)
    web.force_login(ruben)
    response = web.post(f"/aanmeldingen/{referral.pk}/", data)
    assert response.status_code == 302
    referral.refresh_from_db()
    assert referral.outcome == outcome and not referral.is_open
    notice = Notification.objects.get(organisation=bas.organisation, kind="aanmelding-beoordeeld")
    assert shown in notice.text
    assert mail.outbox == []  # in the platform only, never e-mailed


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"outcome": "niet_opgepakt"}, "Geef de reden"),
        ({"outcome": "advies"}, "Schrijf het advies op"),
        ({"outcome": "andere_route"}, "Kies naar welke route"),
        ({"outcome": "andere_route", "route": "anders"}, "Noem de andere route"),
        ({"outcome": "agenda"}, "Kies het overleg"),
    ],
)
def test_incomplete_triage_is_refused_with_a_message_and_nothing_saved(web, bas, ruben, sanne, data, message):
    referral = _refer(bas, sanne)
    web.force_login(ruben)
    response = web.post(f"/aanmeldingen/{referral.pk}/", data)
    assert response.status_code == 400
    assert message in response.content.decode()
    referral.refresh_from_db()
    assert referral.is_open and not AgendaItem.objects.exists()
    assert not Notification.objects.filter(kind="aanmelding-beoordeeld").exists()


@pytest.mark.django_db
def test_a_referral_is_triaged_once(ruben, bas, sanne):
    referral = _refer(bas, sanne)
    referral_services.referral_triage(actor=ruben, referral=referral, outcome="advies", text="Bel ons.")
    with pytest.raises(DomainError, match="al beoordeeld"):
        referral_services.referral_triage(actor=ruben, referral=referral, outcome="niet_opgepakt", text="x")


@pytest.mark.django_db
def test_triage_through_the_api(api, ruben, bas, sanne):
    referral = _refer(bas, sanne)
    response = api(ruben).post(
        f"/api/v1/referrals/{referral.pk}/triage/",
        {"outcome": "andere_route", "route": "zorg_veiligheidshuis"},
        format="json",
    )
    assert response.status_code == 200, response.content
    assert response.json()["outcome"] == "andere_route"
    assert response.json()["route"] == "zorg_veiligheidshuis"


@pytest.mark.django_db
def test_open_and_recently_triaged_referrals_are_a_ground_to_read_the_youth(ruben, bas, daan, sanne, milan):
    open_one = _refer(bas, sanne)
    old = _refer(daan, milan)
    referral_services.referral_triage(actor=ruben, referral=old, outcome="advies", text="Bel ons.")
    assert set(youth_ids_with_open_referral()) == {sanne.pk, milan.pk}
    Referral.objects.filter(pk=old.pk).update(triaged_at=timezone.now() - dt.timedelta(days=31))
    assert set(youth_ids_with_open_referral(days=30)) == {sanne.pk}
    referral_services.referral_triage(actor=ruben, referral=open_one, outcome="advies", text="Bel ons.")
    assert set(youth_ids_with_open_referral(days=30)) == {sanne.pk}
    assert not youth_ids_with_open_referral(days=0).filter(pk__in=[]).exists()


@pytest.mark.django_db
def test_the_referral_list_costs_the_same_queries_for_more_rows(web, api, ruben, bas, sanne, chaima):
    _refer(bas, sanne)
    web.force_login(ruben)
    client = api(ruben)

    def grow():
        for i in range(4):
            youth = signal_logged(
                bas, first_name=f"Jongere{i}", last_name="Test", date_of_birth=dt.date(2010, 1, 1)
            ).youth
            referral = _refer(bas, youth)
            if i % 2:
                referral_services.referral_triage(
                    actor=ruben, referral=referral, outcome="advies", text="Ok."
                )

    assert_queries_flat(
        {
            "page": lambda: web.get("/aanmeldingen/?status="),
            "api": lambda: client.get("/api/v1/referrals/"),
        },
        grow=grow,
    )


@pytest.mark.django_db
def test_merging_two_records_keeps_one_open_match_and_moves_the_referrals(
    ruben, bas, chaima, daan, gijs, case_lists
):
    from youths.models import Match
    from youths.services.merging import youth_merge

    born = dt.date(2010, 5, 17)
    survivor = signal_logged(bas, first_name="Sanne", last_name="de Vries", date_of_birth=born).youth
    signal_logged(chaima, survivor, domain="school", category="schoolverzuim", description="Verzuim.")
    duplicate = signal_logged(daan, first_name="Sane", last_name="de Vries", date_of_birth=born).youth
    signal_logged(gijs, duplicate, domain="home", category="zorgen-thuis", description="Thuis.")
    assert Match.objects.filter(followed_up_at__isnull=True).count() == 2
    referral = _refer(daan, duplicate)
    youth_merge(actor=ruben, survivor=survivor, duplicate=duplicate)
    open_match = Match.objects.get(followed_up_at__isnull=True)
    assert open_match.youth == survivor
    assert {p.organisation_id for p in open_match.participants.all()} == {
        bas.organisation_id,
        chaima.organisation_id,
        daan.organisation_id,
        gijs.organisation_id,
    }
    referral.refresh_from_db()
    assert referral.youth == survivor
