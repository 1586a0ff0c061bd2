"""Family context and the family match: organisations of one family's youths learn of each other."""

import pytest

from cases import tasks
from cases.models import FamilyMatchParticipant
from cases.services import core as case_services
from cases.services import family as family_services
from core.errors import DomainError
from core.models import Notification
from pgaanpak.schedule import CELERY_BEAT_SCHEDULE
from tests.factories import signal_logged


def _family_notes(organisation):
    return list(Notification.objects.filter(kind="gezinsmatch", organisation=organisation))


@pytest.mark.django_db
def test_linking_a_sibling_known_to_another_organisation_tells_both_sides_contact_not_content(
    web, ruben, bas, chaima, daan, case
):
    tim = signal_logged(
        daan, first_name="Tim", last_name="de Vries", description="Vernieling bij de skatebaan."
    ).youth
    link = family_services.family_link_add(actor=ruben, case=case, relation="broer_zus", linked_youth=tim)
    to_halt = _family_notes(daan.organisation)
    assert len(to_halt) == 1
    for organisation in (bas.organisation, chaima.organisation, ruben.organisation):
        assert organisation.name in to_halt[0].text
    assert bas.organisation.contact_phone in to_halt[0].text
    assert to_halt[0].link == f"/gezinsmatches/{link.pk}/"  # the family match, with its follow-up
    to_politie = _family_notes(bas.organisation)
    assert len(to_politie) == 1 and daan.organisation.name in to_politie[0].text
    assert to_politie[0].link == f"/gezinsmatches/{link.pk}/"
    # Each notice names only the recipient's own youth (issue 11), never the family member, nor content.
    assert "Tim de Vries" in to_halt[0].text and "Sanne" not in to_halt[0].text
    assert "Sanne de Vries" in to_politie[0].text and "Tim" not in to_politie[0].text
    for note in Notification.objects.filter(kind="gezinsmatch"):
        assert "skatebaan" not in note.text and note.emailed_at is None
    # Telling is once per link: checking again tells nobody again.
    assert family_services.family_matches_refresh() == 0
    assert Notification.objects.filter(kind="gezinsmatch").count() == 4
    # Halt still does not see Sanne, nor the case: a family match gives contact, not access.
    web.force_login(daan)
    assert web.get(f"/jongeren/{case.youth_id}/").status_code == 404
    assert web.get(f"/casussen/{case.pk}/").status_code == 404


@pytest.mark.django_db
def test_a_newly_involved_organisation_is_matched_by_the_daily_job(ruben, daan, gijs, case):
    tim = signal_logged(daan, first_name="Tim", last_name="de Vries").youth
    family_services.family_link_add(actor=ruben, case=case, relation="broer_zus", linked_youth=tim)
    signal_logged(gijs, tim, domain="home", category="zorgen-thuis", description="Spanningen thuis.")
    assert tasks.family_matches_refresh.delay().get() == 1
    assert len(_family_notes(gijs.organisation)) == 1
    halt_notes = _family_notes(daan.organisation)
    assert len(halt_notes) == 2 and gijs.organisation.name in halt_notes[0].text
    assert FamilyMatchParticipant.objects.count() == 5
    assert CELERY_BEAT_SCHEDULE["family-matches-refresh"]["task"] == "cases.tasks.family_matches_refresh"


@pytest.mark.django_db
def test_no_family_match_when_the_same_organisations_know_both_youths(ruben, bas, chaima, case):
    tim = signal_logged(bas, first_name="Tim", last_name="de Vries").youth
    signal_logged(chaima, tim, domain="school", category="schoolverzuim", description="Afwezig.")
    case_services.case_open(actor=ruben, youth=tim, procesregie_holder=ruben)  # Gemeente knows Tim too now
    link = family_services.family_link_add(actor=ruben, case=case, relation="broer_zus", linked_youth=tim)
    assert family_services.family_match_check(link=link) == []
    household = family_services.family_link_add(
        actor=ruben, case=case, relation="ouder", member_name="Fatima"
    )
    assert family_services.family_match_check(link=household) == []
    assert not Notification.objects.filter(kind="gezinsmatch").exists()


@pytest.mark.django_db
def test_a_family_link_is_a_youth_or_a_first_name_not_both(ruben, case):
    with pytest.raises(DomainError, match="niet allebei"):
        family_services.family_link_add(actor=ruben, case=case, relation="ouder")
    with pytest.raises(DomainError, match="niet allebei"):
        family_services.family_link_add(
            actor=ruben, case=case, relation="ouder", linked_youth=case.youth, member_name="X"
        )
    with pytest.raises(DomainError, match="zichzelf"):
        family_services.family_link_add(actor=ruben, case=case, relation="broer_zus", linked_youth=case.youth)


# --- One coordination per family match, followed up once for all (issue 11, point 3) -----------------


@pytest.mark.django_db
def test_a_family_match_is_followed_up_once_for_all_and_reopens_when_another_organisation_joins(
    web, ruben, bas, chaima, daan, gijs, case
):
    import datetime as dt

    from django.utils import timezone

    tim = signal_logged(daan, first_name="Tim", last_name="de Vries").youth
    link = family_services.family_link_add(actor=ruben, case=case, relation="broer_zus", linked_youth=tim)
    url = f"/gezinsmatches/{link.pk}/"
    # Every organisation told sees the one family match and who else is in it; Halt does not see Sanne.
    web.force_login(daan)
    page = web.get(url).content.decode()
    assert "Tim de Vries" in page and "Sanne" not in page
    for organisation in (bas.organisation, chaima.organisation, daan.organisation):
        assert organisation.name in page
    assert "Nog niet opgevolgd." in page
    # A date in the future is refused in Dutch and nothing is saved.
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    response = web.post(url, {"in_touch_on": tomorrow.isoformat(), "lead_organisation": bas.organisation_id})
    assert response.status_code == 400 and "toekomst" in response.content.decode()
    link.refresh_from_db()
    assert link.match_followed_up_at is None
    # Halt records the follow-up: politie takes the lead. Everyone else is told, in the platform.
    before = Notification.objects.filter(kind="gezinsmatch").count()
    response = web.post(
        url,
        {
            "in_touch_on": timezone.localdate().isoformat(),
            "lead_organisation": bas.organisation_id,
            "note": "Politie belt moeder.",
        },
    )
    assert response.status_code == 302
    notices = Notification.objects.filter(kind="gezinsmatch").order_by("pk")[before:]
    assert {n.organisation_id for n in notices} == {
        bas.organisation_id,
        chaima.organisation_id,
        ruben.organisation_id,
    }
    assert all("opgevolgd" in n.text and bas.organisation.name in n.text for n in notices)
    # Settled for all: politie sees the same follow-up on the same page.
    web.force_login(bas)
    page = web.get(url).content.decode()
    assert "Politie belt moeder." in page and "Contact gehad op" in page
    # An organisation not in the match gets 404.
    other = signal_logged(gijs, first_name="Ander", last_name="Kind").youth
    assert other.pk
    web.force_login(gijs)
    assert web.get(url).status_code == 404
    # The Sociaal Wijkteam becomes involved with Tim: it joins the same family match, which is open again.
    signal_logged(gijs, tim, domain="home", category="zorgen-thuis", description="Spanningen thuis.")
    family_services.family_matches_for(youth_id=tim.pk)
    link.refresh_from_db()
    assert link.match_followed_up_at is None and link.match_participants.count() == 5
    assert web.get(url).status_code == 200


@pytest.mark.django_db
def test_the_lead_of_a_family_match_must_be_one_of_its_organisations(ruben, daan, gijs, case):
    from django.utils import timezone

    tim = signal_logged(daan, first_name="Tim", last_name="de Vries").youth
    link = family_services.family_link_add(actor=ruben, case=case, relation="broer_zus", linked_youth=tim)
    with pytest.raises(DomainError, match="voortouw"):
        family_services.family_match_follow_up(
            actor=daan, link=link, in_touch_on=timezone.localdate(), lead_organisation=gijs.organisation
        )
