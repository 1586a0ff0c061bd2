"""Family context and the family match: organisations of one family's youths learn of each other."""

import pytest

from cases import tasks
from cases.models import FamilyMatchParticipant
from cases.services import core as case_services
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
    case_services.family_link_add(actor=ruben, case=case, relation="broer_zus", linked_youth=tim)
    to_halt = _family_notes(daan.organisation)
    assert len(to_halt) == 1
    for organisation in (bas.organisation, chaima.organisation, ruben.organisation):
        assert organisation.name in to_halt[0].text
    assert bas.organisation.contact_phone in to_halt[0].text
    assert to_halt[0].link == f"/jongeren/{tim.pk}/"
    to_politie = _family_notes(bas.organisation)
    assert len(to_politie) == 1 and daan.organisation.name in to_politie[0].text
    assert to_politie[0].link == f"/jongeren/{case.youth_id}/"
    # Each notice names only the recipient's own youth (issue 11), never the family member, nor content.
    assert "Tim de Vries" in to_halt[0].text and "Sanne" not in to_halt[0].text
    assert "Sanne de Vries" in to_politie[0].text and "Tim" not in to_politie[0].text
    for note in Notification.objects.filter(kind="gezinsmatch"):
        assert "skatebaan" not in note.text and note.emailed_at is None
    # Telling is once per link: checking again tells nobody again.
    assert case_services.family_matches_refresh() == 0
    assert Notification.objects.filter(kind="gezinsmatch").count() == 4
    # Halt still does not see Sanne, nor the case: a family match gives contact, not access.
    web.force_login(daan)
    assert web.get(f"/jongeren/{case.youth_id}/").status_code == 404
    assert web.get(f"/casussen/{case.pk}/").status_code == 404


@pytest.mark.django_db
def test_a_newly_involved_organisation_is_matched_by_the_daily_job(ruben, daan, gijs, case):
    tim = signal_logged(daan, first_name="Tim", last_name="de Vries").youth
    case_services.family_link_add(actor=ruben, case=case, relation="broer_zus", linked_youth=tim)
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
    link = case_services.family_link_add(actor=ruben, case=case, relation="broer_zus", linked_youth=tim)
    assert case_services.family_match_check(link=link) == []
    household = case_services.family_link_add(actor=ruben, case=case, relation="ouder", member_name="Fatima")
    assert case_services.family_match_check(link=household) == []
    assert not Notification.objects.filter(kind="gezinsmatch").exists()


@pytest.mark.django_db
def test_a_family_link_is_a_youth_or_a_first_name_not_both(ruben, case):
    with pytest.raises(DomainError, match="niet allebei"):
        case_services.family_link_add(actor=ruben, case=case, relation="ouder")
    with pytest.raises(DomainError, match="niet allebei"):
        case_services.family_link_add(
            actor=ruben, case=case, relation="ouder", linked_youth=case.youth, member_name="X"
        )
    with pytest.raises(DomainError, match="zichzelf"):
        case_services.family_link_add(actor=ruben, case=case, relation="broer_zus", linked_youth=case.youth)
