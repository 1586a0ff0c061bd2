"""Issue 10.3: case roles, procesregie, actions, family-match notices and the police's name list of a group
record the basis on which the organisation shares, frozen at that moment."""

import pytest

from cases.models import CaseOrganisation, FamilyMatchParticipant, FollowUpType
from cases.services import actions as action_services
from cases.services import core as case_services
from cases.services import family as family_services
from cases.services import groups as group_services
from tests.factories import SharingBasisFactory, signal_logged

COVENANT = "Convenant Preventie met Gezag Zwolle, art. 5 en 6; AVG art. 6 lid 1 sub e (01-06-2024)"


@pytest.fixture
def wpg(politie):
    basis = SharingBasisFactory(covenant="Wet politiegegevens", articles="art. 16 en 19", agreement_date=None)
    politie.sharing_basis = basis
    politie.save(update_fields=["sharing_basis"])
    return basis


@pytest.mark.django_db
def test_the_procesregie_role_of_a_new_case_carries_its_organisations_basis(case, ruben):
    role = CaseOrganisation.objects.get(case=case, is_procesregie=True)
    assert role.organisation == ruben.organisation
    assert role.sharing_basis == ruben.organisation.sharing_basis
    assert role.sharing_basis_text == COVENANT


@pytest.mark.django_db
def test_a_case_role_keeps_the_basis_it_was_given_on_when_the_covenant_changes(case, ruben, daan):
    row = case_services.case_organisation_add(
        actor=ruben, case=case, organisation=daan.organisation, role="Halt"
    )
    basis = daan.organisation.sharing_basis
    basis.articles = "art. 5, 6 en 7"
    basis.save()
    row.refresh_from_db()
    assert row.sharing_basis == basis and row.sharing_basis_text == COVENANT


@pytest.mark.django_db
def test_a_role_of_an_organisation_without_a_basis_says_so(case, ruben, daan, halt):
    halt.sharing_basis = None
    halt.save(update_fields=["sharing_basis"])
    row = case_services.case_organisation_add(actor=ruben, case=case, organisation=halt, role="Halt")
    assert row.sharing_basis is None and row.sharing_basis_text == "geen grondslag vastgelegd"


@pytest.mark.django_db
def test_an_action_carries_the_basis_of_the_organisation_it_is_given_to(case, ruben, politie, daan, wpg):
    action = action_services.action_assign(
        actor=ruben,
        case=case,
        follow_up_type=FollowUpType.objects.get(code="halt-preventief"),
        organisation=daan.organisation,
    )
    assert action.sharing_basis_text == COVENANT
    police_type = FollowUpType.objects.filter(authorised_kinds__code="politie").first()
    reassigned = action_services.action_assign(
        actor=ruben, case=case, follow_up_type=police_type, organisation=politie
    )
    assert reassigned.sharing_basis == wpg
    assert reassigned.sharing_basis_text == "Wet politiegegevens, art. 16 en 19"


@pytest.mark.django_db
def test_a_family_match_notice_records_each_organisations_basis(ruben, bas, daan, case, wpg):
    tim = signal_logged(daan, first_name="Tim", last_name="de Vries", description="Vernieling.").youth
    family_services.family_link_add(actor=ruben, case=case, relation="broer_zus", linked_youth=tim)
    recorded = {p.organisation_id: p.sharing_basis_text for p in FamilyMatchParticipant.objects.all()}
    assert recorded[daan.organisation_id] == COVENANT
    assert recorded[bas.organisation_id] == "Wet politiegegevens, art. 16 en 19"


@pytest.mark.django_db
def test_a_place_on_the_namenlijst_records_the_polices_wpg_basis(ruben, bas, case_lists, wpg):
    group = group_services.youth_group_create(
        actor=ruben, name="Groep Station", area="Station", coordinator=ruben, organisations=[bas.organisation]
    )
    sanne = signal_logged(bas, first_name="Sanne", last_name="de Vries").youth
    tim = signal_logged(bas, first_name="Tim", last_name="Jansen").youth
    listed = group_services.youth_group_member_add(
        actor=ruben, youth_group=group, youth=sanne, role="kern", namenlijst_position=1
    )
    assert listed.sharing_basis == wpg and listed.sharing_basis_text == "Wet politiegegevens, art. 16 en 19"
    unlisted = group_services.youth_group_member_add(actor=ruben, youth_group=group, youth=tim, role="kern")
    assert unlisted.sharing_basis is None and unlisted.sharing_basis_text == ""
    placed = group_services.youth_group_member_update(
        actor=ruben, member=unlisted, role="kern", namenlijst_position=2
    )
    placed.refresh_from_db()
    assert placed.sharing_basis == wpg


@pytest.mark.django_db
def test_a_namenlijst_without_the_police_in_the_group_says_no_basis_was_recorded(ruben, chaima, case_lists):
    group = group_services.youth_group_create(
        actor=ruben, name="Groep Park", area="Park", coordinator=ruben, organisations=[chaima.organisation]
    )
    sanne = signal_logged(chaima, first_name="Sanne", last_name="de Vries").youth
    member = group_services.youth_group_member_add(
        actor=ruben, youth_group=group, youth=sanne, role="kern", namenlijst_position=1
    )
    assert member.sharing_basis is None and "geen politie" in member.sharing_basis_text
